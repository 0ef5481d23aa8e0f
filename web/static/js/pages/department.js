// Department (/d/<id>): one department across its documents; ?year=&kind= choose the document.
import { h, panel, query } from '../ui.js';
import * as V from '../views.js';
import { DEPARTMENT } from '../queries.js';
import { link, setParams } from '../nav.js';
import { KIND } from '../fmt.js';

export async function render(app, p, id) {
  let dep;
  try {
    dep = (await query(DEPARTMENT, { id })).node;
  } catch (e) {
    app.replaceChildren(h('p', { class: 'error' }, `查询失败：${e.message}`));
    return;
  }
  if (!dep) {
    app.replaceChildren(h('h1', {}, '没有这个部门'), h('p', {}, h('a', { href: '/' }, '回到总览')));
    return;
  }
  document.title = `budgetql · ${dep.name}`;
  const docs = [...dep.documents].sort((a, b) => b.year - a.year || a.kind.localeCompare(b.kind));
  const doc = docs.find((d) => String(d.year) === p.year && d.kind === (p.kind || 'BUDGET')) ||
    docs.find((d) => String(d.year) === p.year) || docs[0];
  if (!doc) {
    app.replaceChildren(h('h1', {}, dep.name), h('p', {}, '没有加载的文件'));
    return;
  }
  const q = { ...p, id, doc: doc.id, year: String(doc.year), kind: doc.kind };
  app.replaceChildren(header(dep, docs, doc), jumps(dep, doc));
  const jobs = [V.deptTotals, doc.kind === 'FINAL' ? V.deptBudgetActual : null, doc.kind === 'FINAL' ? V.deptSubjectExecution : null, V.deptIncome, V.deptExpenditure,
    V.deptFunction, V.deptEconomic, q.subj ? V.deptSubjectSeries : null, V.deptSangong, V.deptProcurement, V.deptProjects,
    V.deptStaffing, V.deptChecks].filter(Boolean).map((v) => panel(app, v, q));
  await Promise.all(jobs);
  if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
}

function header(dep, docs, doc) {
  return h('section', { class: 'dept-head' },
    h('p', { class: 'crumbs' }, h('a', { href: '/' }, '总览'), ' › ', dep.region?.name || ''),
    h('h1', {}, dep.name),
    dep.aliases.length > 1 ? h('p', { class: 'muted' }, `曾用名：${dep.aliases.filter((a) => a !== dep.name).join('、')}`) : null,
    h('nav', { class: 'docs', 'aria-label': '文件' }, docs.map((d) => h('a', {
      class: d.id === doc.id ? 'chip on' : 'chip', href: link(`/d/${dep.id}`, { year: d.year, kind: d.kind }) }, `${d.year} ${KIND[d.kind]}`))),
    pairLine(dep, docs, doc),
    h('p', { class: 'doc-info' }, h('a', { class: 'export-all', href: `/export/figures.csv?${new URLSearchParams({ department: dep.name, year: doc.year, kind: doc.kind.toLowerCase() })}`,
      download: `${dep.name}-${doc.year}-${KIND[doc.kind]}.csv` }, '下载这份文件的全部数字（CSV，列同 budgetql figures）')),
    h('p', { class: 'doc-info' }, `文件 ${doc.fileName} · ${doc.pages} 页 · 格式 ${doc.format} · 范围 ${doc.scope === 'unit' ? '单位' : '部门'} · 解析器 ${doc.parserVersion} · 加载于 ${doc.loadedAt.slice(0, 16).replace('T', ' ')}`));
}

// pairLine links a year's 预算 and 决算 to each other, or says that the other is not loaded.
function pairLine(dep, docs, doc) {
  const other = doc.kind === 'BUDGET' ? 'FINAL' : 'BUDGET';
  const pair = docs.find((d) => d.year === doc.year && d.kind === other);
  return h('p', { class: 'pair' }, `${doc.year} 年${KIND[other]}：`, pair
    ? h('a', { href: link(`/d/${dep.id}`, { year: doc.year, kind: other }) }, `${pair.fileName}`)
    : h('span', { class: 'muted' }, '未加载'));
}

function jumps(dep, doc) {
  const items = [['dept-totals', '收支总计'], doc.kind === 'FINAL' ? ['execution', '执行率'] : null, ['dept-income', '收入来源'], ['function', '功能分类'], ['economic', '经济分类'],
    ['sangong', '三公经费'], ['procurement', '政府采购'], ['projects', '项目与绩效'], ['staffing', '人员编制'], ['checks', '校验']];
  return h('nav', { class: 'jumps' }, items.filter(Boolean).map(([id, t]) => h('a', { href: `#${id}` }, t)),
    h('a', { href: link('/compare', { view: 'movers', dept: dep.id, year: doc.year, kind: doc.kind }) }, '比上年变动最大的科目 →'));
}

export { setParams };
