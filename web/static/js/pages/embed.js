// Embed (/embed/<view>?…): one view's chart alone, with its title, the dataset version and a
// source line, for an article's iframe.
import { h, chart, chartsReady, query, versionLine } from '../ui.js';
import { VIEWS } from '../views.js';
import { link } from '../nav.js';

export async function render(app, p, id) {
  document.body.classList.add('embed');
  const view = VIEWS[id];
  if (!view || !view.chart || view.embed === false) {
    app.replaceChildren(h('p', { class: 'error' }, `没有可嵌入的图表“${id}”`));
    return;
  }
  app.replaceChildren();
  let data;
  try {
    data = await query(view.query, view.vars(p));
  } catch (e) {
    app.replaceChildren(h('p', { class: 'error' }, `查询失败：${e.message}`));
    return;
  }
  await chartsReady;
  const rows = view.rows(data, p);
  const title = (view.heading && view.heading(data, p)) || view.title(p);
  document.title = title;
  const box = h('div', { class: 'chart embed-chart' });
  app.append(h('h1', { class: 'embed-title' }, title), box,
    h('p', { class: 'embed-source' }, `来源：${files(data).join('、') || '—'}（部门公开文件，经 budgetql 读取）· ${versionLine(data)} · `,
      h('a', { href: fullPage(view, p), target: '_top' }, '查看数据与出处')));
  if (rows.length) chart(box, view.chart(rows, p, data), view.onChartClick ? () => {} : undefined);
  else box.replaceChildren(h('p', { class: 'muted' }, '无数据'));
}

function files(data) {
  const out = new Set();
  JSON.stringify(data, (k, v) => { if (k === 'fileName') out.add(v); return v; });
  return [...out].sort();
}

function fullPage(view, p) {
  if (view.id.startsWith('dept-')) return link(`/d/${p.id}`, { year: p.year, kind: p.kind, fn: p.fn, ec: p.ec, subj: p.subj, cls: p.cls });
  if (view.id === 'totals') return link('/', { measure: p.measure, kind: p.kind });
  const v = { ranking: 'ranking', 'subject-ranking': 'ranking', movers: 'movers', 'subject-series': 'series', 'measure-series': 'series' }[view.id];
  return link('/compare', { ...p, view: v });
}
