// The one way the dashboard talks to the server: POST /graphql with a query and its variables,
// exactly as any client of the public API would.

export const ENDPOINT = '/graphql';

export class GraphQLError extends Error {
  constructor(errors) {
    super(errors.map((e) => e.message).join('; '));
    this.errors = errors;
    this.code = errors[0]?.extensions?.code;
  }
}

// lastVersion is the dataset version of the latest answer (extensions.datasetVersion); every
// load of documents makes a new one.
export let lastVersion = null;

// pinnedVersion is the dataset version the page's URL pins (?version=N), or null for the newest.
// A pinned page reads the figures as they were at that version, so a cited chart stays the same
// after later loads.
export function pinnedVersion() {
  const v = new URLSearchParams(location.search).get('version');
  return v && /^\d+$/.test(v) ? v : null;
}

// gql runs a query and returns its data; GraphQL errors throw GraphQLError.
export async function gql(query, variables = {}) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  const pin = pinnedVersion();
  if (pin) headers['Dataset-Version'] = pin;
  const res = await fetch(ENDPOINT, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  let body;
  try {
    body = await res.json();
  } catch {
    throw new GraphQLError([{ message: `服务器返回 HTTP ${res.status}` }]);
  }
  lastVersion = versionOf(body.extensions) ?? lastVersion;
  if (body.errors?.length) throw new GraphQLError(body.errors);
  return body.data;
}

// versionOf reads the dataset version from a response's extensions, whatever its shape.
export function versionOf(ext) {
  const v = ext?.datasetVersion ?? ext?.dataset?.version ?? ext?.version;
  return v == null ? null : String(typeof v === 'object' ? v.id ?? v.version ?? JSON.stringify(v) : v);
}

// graphiqlURL opens a query with its variables in GraphiQL.
export function graphiqlURL(query, variables) {
  const p = new URLSearchParams({ query });
  if (variables && Object.keys(variables).length) p.set('variables', JSON.stringify(variables, null, 2));
  return '/graphiql?' + p.toString();
}
