// DOM helpers and the pieces every page shares: clickable amounts, the source drawer, panels
// with their chart, table, CSV and PNG export and "show the query".
import { gql, graphiqlURL, lastVersion, pinnedVersion } from './gql.js';
import { wan, yuan, pct, share, label as name, lc, STATUS, TABLE, KIND } from './fmt.js';

// h builds an element: h('a', {href: '/'}, 'text', child).
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

// cache keeps answers for the life of the page, so a change of view state re-renders at once.
const cache = new Map();
export function query(q, vars) {
  const key = `${pinnedVersion()}:${q}${JSON.stringify(vars)}`;
  if (!cache.has(key)) cache.set(key, gql(q, vars).catch((e) => { cache.delete(key); throw e; }));
  return cache.get(key);
}

// money is a clickable amount in 万元 with its exact 元 on hover; a click opens its source.
export function money(m, label = '') {
  if (!m) return h('span', { class: 'num none', title: '文件未列此项' }, '—');
  const blank = m.yuan == null;
  const mark = { repaired: '修', derived: '推', blank: '' }[lc(m.status)];
  const title = blank ? '空白：文件中此格未填（不是零）· 点击查看出处'
    : `${yuan(m.yuan)} 元 · 原文 ${m.printed} ${m.unit} · ${name(STATUS, m.status)} · 点击查看出处`;
  return h('button', { type: 'button', class: `num st-${lc(m.status)}`, title, 'data-yuan': m.yuan ?? '',
    onclick: (e) => { e.stopPropagation(); openSource(m, label); } },
    blank ? '空白' : wan(m.wanYuan), mark ? h('sup', {}, mark) : null);
}

// openSource shows where a figure was printed: document, table, page, line and the text.
export function openSource(m, label = '') {
  const s = m.source || {};
  const doc = s.document || {};
  const drawer = document.getElementById('drawer');
  const y = m.yoy;
  drawer.replaceChildren(h('div', { class: 'drawer-box', role: 'dialog', 'aria-label': '数字出处' },
    h('button', { type: 'button', class: 'close', 'aria-label': '关闭', onclick: closeSource }, '×'),
    h('h3', {}, label || '数字出处'),
    'yuan' in m ? h('p', { class: 'big' }, m.yuan == null ? '空白（未填，不是零）' : `${wan(m.wanYuan)} 万元`,
      m.yuan == null ? null : h('small', {}, ` = ${yuan(m.yuan)} 元`)) : null,
    h('dl', { class: 'src' },
      'printed' in m ? [h('dt', {}, '原文'), h('dd', {}, `${m.printed || '（空白）'} ${m.unit || ''}`)] : null,
      'status' in m ? [h('dt', {}, '状态'), h('dd', { class: `st-${lc(m.status)}` }, `${name(STATUS, m.status)}（${m.status}）`)] : null,
      m.note ? [h('dt', {}, '说明'), h('dd', {}, m.note)] : null,
      h('dt', {}, '文件'), h('dd', {}, doc.fileName ? `${doc.fileName}（${doc.year} 年${KIND[doc.kind] || ''}）` : '—'),
      h('dt', {}, '表'), h('dd', {}, s.table ? `${name(TABLE, s.table)}（${s.table}）` : '—'),
      h('dt', {}, '页'), h('dd', { class: 'src-page' }, s.page ? `第 ${s.page} 页` : '未知'),
      h('dt', {}, '行'), h('dd', { class: 'src-line' }, s.line ? `第 ${s.line} 行` : '—')),
    s.text ? h('pre', { class: 'src-text' }, s.text) : null,
    pageImage(doc, s),
    y ? yoyBlock(y) : null,
    doc.id && s.table ? h('p', {}, h('a', { href: graphiqlURL(FIGURES_OF_TABLE, { document: doc.id, table: s.table }), target: '_blank' },
      '在 GraphiQL 中查看这张表的全部数据')) : null));
  drawer.hidden = false;
  drawer.querySelector('.close').focus();
}

// pageImage offers the printed page with the figure boxed (GET /documents/<id>/pages/<n>.png,
// issue 18); only documents read from a PDF keep their pages.
function pageImage(doc, s) {
  if (!doc.id || !s.page || !/\.pdf$/i.test(doc.fileName || '')) return null;
  const q = new URLSearchParams();
  if (s.table && s.row && s.column) q.append('cell', `${s.table}:${s.row}:${s.column}${s.line ? ':' + s.line : ''}`);
  else if (s.line) q.append('line', s.line);
  const src = `/documents/${encodeURIComponent(doc.id)}/pages/${s.page}.png?${q}`;
  const box = h('div', { class: 'page-image' });
  box.append(h('button', { type: 'button', class: 'tool show-page', onclick: () => box.replaceChildren(
    h('a', { href: src, target: '_blank' }, h('img', { src, alt: `${doc.fileName} 第 ${s.page} 页，红框为此数`, loading: 'lazy' }))) },
  `在原文件第 ${s.page} 页上查看`));
  return box;
}

const FIGURES_OF_TABLE = `query FiguresOfTable($document: ID!, $table: String!) {
  figures(filter: { document: $document, table: $table }, first: 100) {
    totalCount
    nodes { rowCode rowName column amount { yuan printed unit status source { page line text } } }
  }
}`;

function yoyBlock(y) {
  const row = (name, c) => c && h('tr', {}, h('th', {}, name), h('td', {}, `${yuan(c.previous)} 元`),
    h('td', {}, c.change == null ? '—' : `${yuan(c.change)} 元`), h('td', {}, pct(c.percent)),
    h('td', {}, c.printedBasis || ''));
  if (!y.loaded && !y.stated) return h('p', { class: 'muted' }, `${y.previousYear} 年无可比数据`);
  return h('div', {},
    h('h4', {}, `与 ${y.previousYear} 年比较`),
    h('table', { class: 'grid small' }, h('tr', {}, h('th', {}, '口径'), h('th', {}, '上年数'), h('th', {}, '增减'),
      h('th', {}, '增减率'), h('th', {}, '所述基础')), row('已加载（上年文件）', y.loaded), row('文件所述', y.stated)),
    y.disagree ? h('p', { class: 'warn' }, '两种口径的上年数不一致') : null);
}

export function closeSource() {
  document.getElementById('drawer').hidden = true;
}
document.addEventListener('keydown', (e) => { if (e.key === 'Escape') closeSource(); });

// showEmbed opens a dialog with the iframe code of a chart's /embed/ address.
export function showEmbed(path) {
  const url = location.origin + path;
  const code = `<iframe src="${url}" width="100%" height="420" style="border:0" loading="lazy" title="budgetql"></iframe>`;
  const area = h('textarea', { class: 'embed-code', rows: 3, readonly: true });
  area.value = code;
  dialog(h('h3', {}, '嵌入这张图'),
    h('p', {}, '把下面的代码放进文章：图表、标题、数据版本和来源会一起显示，随 iframe 的大小缩放。'),
    area, h('p', {}, h('a', { class: 'embed-link', href: path, target: '_blank' }, '打开嵌入页面'), ' · ',
      h('button', { type: 'button', class: 'link', onclick: () => copy(code) }, '复制代码')));
}

function dialog(...children) {
  const dlg = h('dialog', { class: 'query-dialog' }, ...children, h('form', { method: 'dialog' }, h('button', {}, '关闭')));
  dlg.addEventListener('close', () => dlg.remove());
  document.body.append(dlg);
  dlg.showModal();
  return dlg;
}

function copy(text) {
  navigator.clipboard?.writeText(text).catch(() => {});
}

// showQuery opens a dialog with the GraphQL request behind a view and a link to GraphiQL.
export function showQuery(q, vars) {
  const text = JSON.stringify(vars, null, 2);
  const body = JSON.stringify({ query: q, variables: vars });
  const pin = pinnedVersion();
  const curl = `curl -s ${location.origin}/graphql -H 'Content-Type: application/json'${pin ? ` -H 'Dataset-Version: ${pin}'` : ''} --data-binary @- <<'EOF'\n${body}\nEOF`;
  dialog(h('h3', {}, '这个视图的 GraphQL 查询'),
    h('pre', { class: 'query-text' }, q),
    h('h4', {}, '变量'), h('pre', { class: 'query-vars' }, text),
    pin ? h('p', { class: 'warn' }, `本页固定在数据版本 ${pin}：请求带请求头 Dataset-Version: ${pin}（GraphiQL 中打开的是最新数据）。`) : null,
    h('p', {}, h('a', { class: 'graphiql-link', href: graphiqlURL(q, vars), target: '_blank' }, '在 GraphiQL 中打开'), ' · ',
      h('button', { type: 'button', class: 'link', onclick: () => copy(q) }, '复制查询')),
    h('details', {}, h('summary', {}, '用 curl 发送（POST /graphql，JSON 正文）'), h('pre', { class: 'query-curl' }, curl)));
}

// download saves text or a data URL as a file.
export function download(name, content, type) {
  const href = content.startsWith?.('data:') ? content : URL.createObjectURL(new Blob([content], { type }));
  const a = h('a', { href, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  if (!href.startsWith('data:')) setTimeout(() => URL.revokeObjectURL(href), 10000);
}

// csv writes rows as CSV, UTF-8 with a byte-order mark (Excel reads the Chinese then).
// A money column becomes 万元, 元, 原文, 单位, 状态, 文件, 页 and 行 columns.
export function csv(columns, rows) {
  const head = [];
  for (const c of columns) {
    if (c.type === 'money') head.push(`${c.label}(万元)`, `${c.label}(元)`, `${c.label}原文`, `${c.label}单位`,
      `${c.label}状态`, `${c.label}文件`, `${c.label}页`, `${c.label}行`);
    else head.push(c.csvLabel || c.label);
  }
  const lines = [head];
  for (const r of rows) {
    const line = [];
    for (const c of columns) {
      const v = c.value ? c.value(r) : r[c.key];
      if (c.type === 'money') {
        const s = v?.source || {};
        line.push(v?.wanYuan ?? '', v?.yuan ?? '', v?.printed ?? '', v?.unit ?? '', v?.status ?? '',
          s.document?.fileName ?? '', s.page ?? '', s.line ?? '');
      } else line.push(c.csv ? c.csv(r) : v ?? '');
    }
    lines.push(line);
  }
  const cell = (x) => (/[",\n\r]/.test(String(x)) ? `"${String(x).replace(/"/g, '""')}"` : String(x));
  return '\ufeff' + lines.map((l) => l.map(cell).join(',')).join('\r\n') + '\r\n';
}

// table renders rows under columns; money cells are clickable amounts.
export function table(columns, rows, opts = {}) {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'grid' },
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { class: c.type === 'money' || c.type === 'num' ? 'r' : '' },
      c.label + (c.type === 'money' ? '（万元）' : ''))))),
    h('tbody', {}, rows.length ? rows.map((r) => h('tr', { class: opts.rowClass?.(r) || '' },
      columns.map((c) => h('td', { class: ['money', 'num', 'pct', 'share'].includes(c.type) ? 'r' : '' }, cellOf(c, r)))))
      : h('tr', {}, h('td', { colspan: columns.length, class: 'muted' }, opts.empty || '无数据')))));
}

function cellOf(c, r) {
  const v = c.value ? c.value(r) : r[c.key];
  if (c.render) return c.render(r);
  if (c.type === 'money') return money(v, c.moneyLabel ? c.moneyLabel(r) : `${c.label}`);
  if (c.type === 'pct') return pct(v);
  if (c.type === 'share') return share(v);
  if (c.href && v != null) return h('a', { href: c.href(r) }, v);
  return v ?? '';
}

// ECharts (1.1 MB) is imported after the page's queries are sent, so that parsing it overlaps
// with the server's answers; warm draws one tiny chart off screen meanwhile, so that the first
// real chart does not pay for the first canvas text and font set-up.
let echarts = null;
export const chartsReady = import('/static/vendor/echarts-6.1.0/echarts.esm.min.mjs').then((m) => { echarts = m; });

export async function warm() {
  await chartsReady;
  const el = h('div', { style: 'position:absolute;left:-9999px;top:0;width:200px;height:120px', 'aria-hidden': 'true' });
  document.body.append(el);
  const c = echarts.init(el, null, { renderer: 'canvas' });
  c.setOption({ textStyle: { fontFamily: FONT }, animation: false, xAxis: { type: 'category', data: ['预算'] }, yAxis: { type: 'value', name: '万元' },
    series: [{ type: 'bar', data: [1], label: { show: true } }] });
  c.dispose();
  el.remove();
}

const FONT = '"Noto Sans CJK SC", "Noto Sans SC", sans-serif';

// chart draws an ECharts option into el; a click on a point whose data carries money opens its
// source. It returns the chart instance (for PNG export). Callers await chartsReady first.
export function chart(el, option, onClick) {
  const c = echarts.init(el, null, { renderer: 'canvas' });
  c.setOption({ textStyle: { fontFamily: FONT }, animation: false, ...option });
  c.on('click', (p) => {
    if (onClick) onClick(p);
    else if (p.data?.money) openSource(p.data.money, `${p.seriesName || ''} ${p.name || ''}`.trim());
  });
  // Resize in the next frame, not inside the observer's callback, so the chart's own layout
  // change does not feed the observer again.
  let size = `${el.clientWidth}x${el.clientHeight}`;
  new ResizeObserver(() => requestAnimationFrame(() => {
    const now = `${el.clientWidth}x${el.clientHeight}`;
    if (now !== size && !c.isDisposed()) c.resize();
    size = now;
  })).observe(el);
  return c;
}

// axisWan formats a chart axis in 万元.
export const axisWan = { type: 'value', name: '万元', axisLabel: { formatter: (v) => v.toLocaleString('zh-CN') } };

// panel renders a view (views.js) with its toolbar; it resolves when the view is drawn.
export async function panel(container, view, p, opts = {}) {
  const vars = view.vars(p);
  const body = h('div', { class: 'panel-body' }, h('p', { class: 'loading' }, '加载中…'));
  const tools = h('div', { class: 'tools' });
  const title = h('h2', {}, view.title(p));
  const sec = h('section', { class: 'panel', id: view.anchor || view.id, 'data-view': view.id }, h('header', {}, title, tools), body);
  container.append(sec);
  let data;
  try {
    data = await query(view.query, vars);
  } catch (e) {
    body.replaceChildren(h('p', { class: 'error' }, `查询失败：${e.message}`));
    tools.append(queryButton(view, vars));
    return;
  }
  // The table comes first; the chart is drawn into its box once ECharts is parsed, so a page
  // is readable before its charts are.
  const t0 = performance.now();
  const rows = view.rows(data, p);
  if (view.heading) title.textContent = view.heading(data, p) || title.textContent;
  body.replaceChildren();
  if (view.controls) body.append(view.controls(p, data));
  let box = null;
  if (view.chart && rows.length && !opts.noChart) {
    const height = typeof view.chartHeight === 'function' ? view.chartHeight(rows) : view.chartHeight;
    box = h('div', { class: 'chart', style: height ? `height:${height}px` : null });
    body.append(box);
  }
  const extra = view.extra ? view.extra(data, p, rows) : null;
  if (extra && !view.extraAfter) body.append(extra);
  if (!opts.noTable) body.append(view.table ? view.table(rows, p, data) : table(view.columns, rows, { empty: view.empty, rowClass: view.rowClass }));
  if (extra && view.extraAfter) body.append(extra);
  const name = `${view.file ? view.file(p) : view.id}`;
  tools.append(h('button', { type: 'button', class: 'tool csv', onclick: () => download(`${name}.csv`, csv(view.columns, rows), 'text/csv;charset=utf-8') }, '导出 CSV'),
    queryButton(view, vars));
  window.firstDataMs ??= performance.now();
  let instance = null;
  if (box) {
    await chartsReady;
    instance = chart(box, view.chart(rows, p, data), view.onChartClick && ((e) => view.onChartClick(e, p)));
    tools.append(h('button', { type: 'button', class: 'tool png', onclick: () => download(`${name}.png`,
      instance.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' })) }, '导出 PNG'));
    if (view.embed !== false) tools.append(h('button', { type: 'button', class: 'tool embed', 'data-href': embedURL(view, p),
      title: '只含图表的页面，可用 iframe 嵌入文章', onclick: () => showEmbed(embedURL(view, p)) }, '嵌入'));
  }
  // [view, ms after navigation start when its answer was in, ms to draw it]: the tests log them.
  (window.panelTimings ||= []).push([view.id, Math.round(t0), Math.round(performance.now() - t0)]);
  return { data, rows, chart: instance };
}

function queryButton(view, vars) {
  return h('button', { type: 'button', class: 'tool query', onclick: () => showQuery(view.query, vars) }, '查看查询');
}

// embedURL is the /embed/<view> address that shows just the chart with its state, pinned to the
// dataset version it was drawn from, so an article keeps showing the figures it cites.
export function embedURL(view, p) {
  const q = new URLSearchParams();
  for (const k of view.params || []) if (p[k] != null && p[k] !== '') q.set(k, p[k]);
  const version = pinnedVersion() ?? lastVersion;
  if (version != null) q.set('version', version);
  return `/embed/${view.id}?${q}`;
}

// versionLine says which data an embedded chart shows.
export function versionLine(data) {
  if (lastVersion != null) return `数据版本 ${lastVersion}`;
  let latest = '';
  JSON.stringify(data, (k, v) => { if (k === 'loadedAt' && v > latest) latest = v; return v; });
  return latest ? `数据加载于 ${latest.slice(0, 10)}` : '';
}

// select is a labelled <select> whose change calls onChange(value).
export function select(label, value, options, onChange) {
  return h('label', { class: 'ctl' }, label,
    h('select', { onchange: (e) => onChange(e.target.value) },
      options.map(([v, t]) => h('option', { value: v, selected: String(v) === String(value) }, t))));
}
