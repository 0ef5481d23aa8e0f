// Navigation without reloads: every view's state lives in the URL (path and query), so a link
// copied from the address bar opens the same view.
let render = () => {};

export function onNavigate(fn) {
  render = fn;
}

// params reads the current query string into an object.
export function params() {
  return Object.fromEntries(new URLSearchParams(location.search));
}

// go opens a URL of the dashboard and renders it.
export function go(url, { replace = false, keepScroll = false } = {}) {
  const y = window.scrollY;
  history[replace ? 'replaceState' : 'pushState']({}, '', url);
  render().then(() => keepScroll && window.scrollTo(0, y));
}

// setParams changes some of the current view's state and renders it again in place.
export function setParams(changes, opts = {}) {
  const q = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(changes)) {
    if (v == null || v === '') q.delete(k);
    else q.set(k, v);
  }
  const s = q.toString();
  go(location.pathname + (s ? '?' + s : '') + (opts.hash || ''), { keepScroll: true, ...opts });
}

// link builds a URL from a path and parameters, leaving out empty ones; a page pinned to a
// dataset version (?version=) keeps its pin.
export function link(path, p = {}) {
  const q = new URLSearchParams();
  const pin = new URLSearchParams(location.search).get('version');
  for (const [k, v] of Object.entries(pin ? { ...p, version: pin } : p)) if (v != null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
