// The views: each is a GraphQL query, the rows it gives (the table and the CSV), and optionally
// a chart. A page lays out views; /embed/<id> shows one view's chart alone. `params` lists the
// URL parameters a view reads, so its embed link carries its whole state.
import * as Q from './queries.js';
import { h, money, axisWan, table, openSource } from './ui.js';
import { wan, yuan, pct, num, group, round, signed, label, lc, SEARCH_KIND, MEASURE, KIND, INCOME_SOURCE, COLUMN, CLASSIFICATION, CHECK_RESULT, TABLE } from './fmt.js';
import { link, setParams, go } from './nav.js';

const money$ = (label, key, extra = {}) => ({ key, label, type: 'money', ...extra });
const yoyCols = (get) => [
  { label: '同比增减（上年文件）', csvLabel: '同比增减（上年文件，元）', type: 'num', value: (r) => get(r)?.yoy?.loaded?.change, render: (r) => changeCell(get(r)?.yoy?.loaded), csv: (r) => get(r)?.yoy?.loaded?.change },
  { label: '增减率', type: 'pct', value: (r) => get(r)?.yoy?.loaded?.percent },
  { label: '同比增减（文件所述）', csvLabel: '同比增减（文件所述，元）', type: 'num', value: (r) => get(r)?.yoy?.stated?.change, render: (r) => changeCell(get(r)?.yoy?.stated), csv: (r) => get(r)?.yoy?.stated?.change },
  { label: '所述增减率', type: 'pct', value: (r) => get(r)?.yoy?.stated?.percent },
  { label: '口径', value: (r) => basisNote(get(r)?.yoy) },
];

// changeCell shows a change in 万元 with its 元 on hover; c has change (元) and, when known,
// previous (元, or a Money) and printedBasis.
function changeCell(c) {
  if (!c || c.change == null) return '—';
  const prev = typeof c.previous === 'object' ? c.previous?.yuan : c.previous;
  return h('span', { class: 'num plain', title: `${prev != null ? `上年 ${yuan(prev)} 元 → ` : ''}增减 ${yuan(c.change)} 元${c.printedBasis ? ' · ' + c.printedBasis : ''}` },
    signed(wan(divide(c.change)), c.change));
}

const divide = (yuanStr) => {
  const neg = yuanStr.startsWith('-');
  let [i, f = ''] = yuanStr.replace('-', '').split('.');
  i = i.padStart(5, '0');
  return (neg ? '-' : '') + i.slice(0, -4) + '.' + i.slice(-4) + f;
};

function basisNote(y) {
  if (!y) return '';
  if (y.disagree) return '两种口径不一致';
  if (y.loaded && y.stated) return '一致';
  if (y.stated) return y.stated.printedBasis || '文件所述';
  return y.loaded ? '上年文件' : '';
}

// where names a source's page (when known) and line.
const where = (src) => `${src.page ? `第${src.page}页 ` : ''}第${src.line}行`;

const yearAxis = (rows) => ({ type: 'category', data: rows.map((r) => String(r.year)) });
const point = (m) => ({ value: num(m?.wanYuan), money: m });
const bars = (name, rows, get, extra = {}) => ({ name, type: 'bar', barMaxWidth: 64, data: rows.map((r) => point(get(r))), ...extra });
const legend = { top: 0, type: 'scroll' };
const grid = { left: 8, right: 16, top: 52, bottom: 8, containLabel: true };
// labelWidth is the room a horizontal bar chart gives its names: less on a phone.
const labelWidth = (wide) => (window.innerWidth < 700 ? 96 : wide);
// tooltip prints each point's exact amount (Money.wanYuan) rather than the float the chart draws.
const exact = (d) => (d?.wan != null ? `${wan(d.wan)} 万元` : d?.money ? (d.money.yuan == null ? '空白' : `${wan(d.money.wanYuan)} 万元`) : d?.value == null ? '—' : `${Number(d.value).toLocaleString('zh-CN')} 万元`);
const tooltip = {
  trigger: 'axis',
  formatter: (ps) => {
    const list = Array.isArray(ps) ? ps : [ps];
    const div = h('div', {}, h('b', {}, list[0]?.name ?? ''));
    for (const p of list) if (p.data != null) div.append(h('div', {}, p.marker ? h('span', { class: 'dot', style: `background:${p.color}` }) : null, `${p.seriesName}：${exact(p.data)}`));
    return div;
  },
};
const itemTooltip = { trigger: 'item', formatter: (p) => h('div', {}, `${p.name}：${exact(p.data)}`) };

// ---- overview -------------------------------------------------------------------------------

export const matrix = {
  id: 'matrix', anchor: 'matrix', params: ['name'], embed: false,
  title: () => '已加载的文件：部门 × 年度 × 预算/决算',
  query: Q.OVERVIEW, vars: (p) => ({ name: p.name || null }),
  rows: (d) => d.departments.nodes.flatMap((dep) => dep.documents.map((doc) => ({ dep, doc,
    department: dep.name, year: doc.year, kind: KIND[doc.kind], file: doc.fileName, status: statusOf(doc),
    expenditure: doc.expenditure }))),
  columns: [{ key: 'department', label: '部门' }, { key: 'year', label: '年度' }, { key: 'kind', label: '类型' },
    { label: '校验', value: (r) => r.status.text }, money$('支出总计', 'expenditure'), { key: 'file', label: '文件' }],
  table: (rows, p, d) => matrixTable(rows, d),
  heading: (d) => {
    const docs = d.departments.nodes.flatMap((x) => x.documents);
    const years = docs.map((x) => x.year).sort();
    return `已加载 ${docs.length} 份文件：${d.departments.totalCount} 个部门，${years[0] ?? ''}–${years.at(-1) ?? ''} 年，预算 ${docs.filter((x) => x.kind === 'BUDGET').length} 份、决算 ${docs.filter((x) => x.kind === 'FINAL').length} 份`;
  },
};

function statusOf(doc) {
  const n = (k) => doc[k].length;
  if (n('failed')) return { cls: 'failed', text: `失败 ${n('failed')}`, title: `${n('failed')} 项校验失败` };
  if (n('repaired')) return { cls: 'repaired', text: `修复 ${n('repaired')}`, title: `${n('repaired')} 项由勾稽关系修复` };
  if (n('rounding')) return { cls: 'rounding', text: `尾差 ${n('rounding')}`, title: `${n('rounding')} 项尾差` };
  return { cls: 'pass', text: '通过', title: '全部校验通过' };
}

function matrixTable(rows, d) {
  const years = [...new Set(rows.map((r) => r.year))].sort();
  const kinds = ['BUDGET', 'FINAL'].filter((k) => rows.some((r) => r.doc.kind === k));
  const cell = (dep, y, k) => {
    const r = rows.find((x) => x.dep === dep && x.year === y && x.doc.kind === k);
    if (!r) return h('td', { class: 'empty' }, '');
    return h('td', { class: 'cell' },
      h('a', { class: `badge ${r.status.cls}`, title: r.status.title,
        href: link(`/d/${dep.id}`, { year: y, kind: k }) + (r.status.cls === 'pass' ? '' : '#checks') }, r.status.text),
      h('br'), money(r.expenditure, `${dep.name} ${y} 年${KIND[k]} 支出总计`));
  };
  return h('div', { class: 'table-wrap' }, h('table', { class: 'grid matrix' },
    h('thead', {}, h('tr', {}, h('th', { rowspan: 2 }, '部门'), years.map((y) => h('th', { colspan: kinds.length }, `${y}`))),
      h('tr', {}, years.map(() => kinds.map((k) => h('th', {}, KIND[k]))))),
    h('tbody', {}, d.departments.nodes.map((dep) => h('tr', {},
      h('th', { class: 'dep' }, h('a', { href: `/d/${dep.id}` }, dep.name), h('small', {}, dep.region?.name || '')),
      years.map((y) => kinds.map((k) => cell(dep, y, k))))))),
  h('p', { class: 'muted' }, '格内：校验结果（通过 / 尾差 / 修复 / 失败）与支出总计（万元）。点击结果打开该部门该年的文件。'));
}

export const totals = {
  id: 'totals', params: ['measure', 'kind', 'basis'],
  title: (p) => `各部门合计：${MEASURE[p.measure]}（${KIND[p.kind]}，${BASIS[p.basis || 'ALL']}）`,
  file: (p) => `合计-${MEASURE[p.measure]}-${KIND[p.kind]}`,
  query: Q.TOTALS, vars: (p) => ({ measure: p.measure, kind: p.kind, basis: p.basis || 'ALL' }),
  rows: (d) => d.totals,
  columns: [{ key: 'year', label: '年度' },
    { label: '合计（万元）', type: 'num', value: (r) => r.wanYuan, csv: (r) => r.wanYuan, render: (r) => totalLink(r) },
    { key: 'yuan', label: '合计（元）', type: 'num', render: (r) => yuan(r.yuan) },
    { key: 'departments', label: '部门数', type: 'num' },
    { key: 'previousYuan', label: '上年合计（元）', type: 'num', render: (r) => (r.previousYuan == null ? '—' : yuan(r.previousYuan)) },
    { key: 'previousDepartments', label: '上年部门数', type: 'num' },
    { key: 'change', label: '增减（元）', type: 'num', render: (r) => (r.change == null ? '—' : signed(yuan(r.change), r.change)) },
    { key: 'percent', label: '增减率', type: 'pct' }],
  chart: (rows, p) => ({ tooltip, grid, xAxis: yearAxis(rows), yAxis: axisWan,
    series: [{ name: MEASURE[p.measure], type: 'bar', barMaxWidth: 64, data: rows.map((r) => ({ value: num(r.wanYuan), year: r.year, wan: r.wanYuan })) }] }),
  onChartClick: (e, p) => go(rankingLink(p, e.data.year)),
  extra: (d, p) => ((p.basis || 'ALL') === 'ALL' && new Set(d.totals.map((t) => t.departments)).size > 1
    ? h('p', { class: 'warn' }, '注意：各年列入合计的部门数不同，年度间增减不是同口径比较。',
      h('a', { href: '#', onclick: (e) => { e.preventDefault(); setParams({ basis: 'LIKE_FOR_LIKE' }); } }, '改看可比口径（只比两年都有的部门）'))
    : null),
};

export const BASIS = { ALL: '全部部门', LIKE_FOR_LIKE: '可比口径' };

const rankingLink = (p, year) => link('/compare', { view: 'ranking', measure: p.measure, year, kind: p.kind });
const totalLink = (r) => h('a', { class: 'num', title: `${yuan(r.yuan)} 元 · 点击查看各部门的数字`,
  href: rankingLink(Object.fromEntries(new URLSearchParams(location.search)), r.year) }, wan(r.wanYuan));

export const search = {
  id: 'search', params: ['q'], embed: false,
  title: (p) => `搜索“${p.q}”`,
  query: Q.SEARCH, vars: (p) => ({ text: p.q }),
  rows: (d) => d.search.nodes.map((n) => ({ ...n, kindName: SEARCH_KIND[n.kind] || n.kind, code: n.projectCode || n.subjectCode || '' })),
  heading: (d, p) => `搜索“${p.q}”：${d.search.totalCount} 项`,
  columns: [{ key: 'kindName', label: '类别' },
    { key: 'name', label: '名称', href: (r) => hitLink(r) },
    { label: '部门', value: (r) => r.department.name, href: (r) => `/d/${r.department.id}` },
    { key: 'year', label: '年度' },
    { key: 'code', label: '编码' },
    { label: '所属项目 / 比较', value: (r) => r.projectName || '', render: (r) => (r.kind === 'SUBJECT'
      ? h('a', { href: link('/compare', { view: 'series', subject: r.subjectCode, cls: r.classification, kind: r.document?.kind }) }, '各部门历年')
      : r.projectName || '') },
    { label: '出处', value: (r) => (r.source ? `${r.source.document.fileName} ${where(r.source)}` : ''),
      render: (r) => (r.source ? h('button', { type: 'button', class: 'link src-btn', onclick: () => openSource(r, r.name) },
        where(r.source)) : '') }],
};

const hitLink = (r) => {
  const base = `/d/${r.department.id}`;
  if (!r.year) return base;
  if (r.kind === 'SUBJECT') return link(base, { year: r.year, kind: r.document?.kind, subj: r.subjectCode, cls: r.classification }) + '#subject';
  const p = { year: r.year, kind: r.document?.kind, project: r.projectCode };
  return link(base, p) + (r.kind === 'DEPARTMENT' ? '' : '#projects');
};

// ---- department -----------------------------------------------------------------------------

export const deptTotals = {
  id: 'dept-totals', params: ['id', 'kind'],
  title: (p) => `收入与支出总计，历年（${KIND[p.kind]}）`,
  heading: (d, p) => `${d.node.name}：收入与支出总计，历年（${KIND[p.kind]}）`,
  file: (p) => `收支总计-${KIND[p.kind]}`,
  query: Q.DEPT_TOTALS, vars: (p) => ({ id: p.id, kind: p.kind }),
  rows: (d) => d.node.expenditure.map((e) => ({ year: e.year, expenditure: e.amount,
    income: d.node.income.find((i) => i.year === e.year)?.amount })),
  columns: [{ key: 'year', label: '年度' }, money$('收入总计', 'income'), money$('支出总计', 'expenditure'), ...yoyCols((r) => r.expenditure)],
  chart: (rows) => ({ tooltip, legend, grid, xAxis: yearAxis(rows), yAxis: axisWan,
    series: [bars('收入总计', rows, (r) => r.income), bars('支出总计', rows, (r) => r.expenditure)] }),
};

export const deptIncome = {
  id: 'dept-income', params: ['id', 'year', 'kind', 'doc'],
  title: () => '收入来源',
  query: Q.INCOME, vars: (p) => ({ doc: p.doc }),
  heading: (d) => `收入来源（${d.node.year} 年${KIND[d.node.kind]}）`,
  rows: (d) => d.node.income.map((i) => ({ source: INCOME_SOURCE[i.source] || i.source, code: i.source, amount: i.amount,
    partOf: i.partOf, partOfName: i.partOf ? INCOME_SOURCE[i.partOf] || i.partOf : '' })),
  columns: [{ key: 'source', label: '来源', render: (r) => (r.partOf ? h('span', { class: 'sub' }, r.source) : r.source) },
    { key: 'code', label: '代码' }, { key: 'partOfName', label: '所属小计' }, money$('金额', 'amount')],
  // The pie shows the top-level sources only: a part (partOf) is already in its subtotal.
  chart: (rows) => ({ tooltip: itemTooltip, legend,
    series: [{ name: '收入来源', type: 'pie', radius: ['35%', '65%'], top: 30,
      data: rows.filter((r) => !r.partOf && num(r.amount.wanYuan) > 0).map((r) => ({ name: r.source, ...point(r.amount) })) }] }),
};

export const deptExpenditure = {
  id: 'dept-expenditure', params: ['id', 'year', 'kind', 'doc'],
  title: () => '支出结构：基本支出与项目支出',
  query: Q.INCOME, vars: (p) => ({ doc: p.doc }),
  heading: (d) => `支出结构（${d.node.year} 年${KIND[d.node.kind]}）`,
  rows: (d) => [['支出合计', 'total'], ['基本支出', 'basic'], ['项目支出', 'project'], ['人员经费', 'personnel'], ['公用经费', 'publicUse']]
    .map(([item, k]) => ({ item, amount: d.node.expenditure[k] })),
  columns: [{ key: 'item', label: '项目' }, money$('金额', 'amount'), ...yoyCols((r) => r.amount)],
  chart: (rows) => ({ tooltip, grid, xAxis: { type: 'category', data: rows.map((r) => r.item) }, yAxis: axisWan,
    series: [{ name: '金额', type: 'bar', barMaxWidth: 64, data: rows.map((r) => point(r.amount)) }] }),
};

// subjectTree is the function (功能分类) or economic (经济分类) tree: the children of the node in
// the URL (fn or ec), drawn as a treemap; a click on a block goes one level down.
function subjectTree(cls) {
  const key = cls === 'FUNCTION' ? 'fn' : 'ec';
  const economic = cls === 'ECONOMIC';
  return {
    id: economic ? 'dept-economic' : 'dept-function', anchor: economic ? 'economic' : 'function', params: ['id', 'year', 'kind', 'doc', key],
    title: () => (economic ? '支出经济分类（类→款）' : '支出功能分类（类→款→项）'),
    query: Q.SUBJECTS, vars: (p) => ({ doc: p.doc, classification: cls }),
    heading: (d, p) => `${economic ? '支出经济分类' : '支出功能分类'}${p[key] ? ' · ' + p[key] : ''}（${d.node.year} 年${KIND[d.node.kind]}）`,
    rows: (d, p) => childrenOf(d.node.subjects, p[key]),
    controls: (p, d) => crumbs(d.node.subjects, p[key], key),
    columns: [{ key: 'code', label: '编码' },
      { key: 'name', label: '名称', render: (r) => (r.children?.length ? h('a', { href: '#', onclick: (e) => { e.preventDefault(); setParams({ [key]: r.code }); } }, r.name) : r.name) },
      money$('合计', 'total'),
      ...(economic ? [money$('人员经费', 'personnel'), money$('公用经费', 'publicUse')] : [money$('基本支出', 'basic'), money$('项目支出', 'project')]),
      { label: '同比（上年文件）', type: 'pct', value: (r) => r.total?.yoy?.loaded?.percent },
      { label: '历年', render: (r) => h('a', { href: '#', class: 'series-link', onclick: (e) => { e.preventDefault(); setParams({ subj: r.code, cls }, { hash: '#subject' }); } }, '历年'), csv: () => '' }],
    chart: (rows) => ({ tooltip: itemTooltip,
      series: [{ type: 'treemap', name: economic ? '经济分类' : '功能分类', roam: false, nodeClick: false, breadcrumb: { show: false },
        leafDepth: 2, top: 8, bottom: 8, left: 8, right: 8, upperLabel: { show: true, height: 22 },
        levels: [{ itemStyle: { gapWidth: 3, borderColor: '#fff' } }, { itemStyle: { gapWidth: 1, borderColorSaturation: 0.6 } }],
        data: rows.filter((r) => num(r.total?.wanYuan) > 0).map(treeNode) }] }),
    chartHeight: 360,
    onChartClick: (e, p) => {
      if (e.data?.hasChildren) setParams({ [key]: e.data.code });
      else if (e.data?.money) openSource(e.data.money, `${e.data.code} ${e.data.name}`);
    },
  };
}

const treeNode = (s) => ({ name: `${s.code} ${s.name}`, code: s.code, value: num(s.total?.wanYuan), money: s.total,
  hasChildren: !!s.children?.length,
  children: s.children?.filter((c) => num(c.total?.wanYuan) > 0).map(treeNode) });

function findSubject(list, code) {
  for (const s of list || []) {
    if (s.code === code) return s;
    const f = findSubject(s.children, code);
    if (f) return f;
  }
  return null;
}

const childrenOf = (roots, code) => (code ? findSubject(roots, code)?.children || [] : roots);

function crumbs(roots, code, key) {
  const path = [];
  for (let c = code ? findSubject(roots, code) : null; c;) {
    path.unshift(c);
    c = c.level > 1 ? findSubject(roots, c.code.slice(0, c.code.length - 2)) : null;
  }
  const a = (label, v) => h('a', { href: '#', onclick: (e) => { e.preventDefault(); setParams({ [key]: v }); } }, label);
  return h('nav', { class: 'crumbs' }, a('全部', ''), path.map((s) => [' › ', a(`${s.code} ${s.name}`, s.code)]));
}

export const deptFunction = subjectTree('FUNCTION');
export const deptEconomic = subjectTree('ECONOMIC');

export const deptSubjectSeries = {
  id: 'dept-subject-series', anchor: 'subject', params: ['id', 'subj', 'cls', 'kind'],
  title: (p) => `科目 ${p.subj} 历年`,
  heading: (d, p) => `${d.node.name}：${CLASSIFICATION[p.cls || 'FUNCTION']} ${p.subj} ${d.node.series.at(-1)?.name || ''} 历年（${KIND[p.kind]}）`,
  file: (p) => `科目${p.subj}-历年`,
  query: Q.SUBJECT_SERIES, vars: (p) => ({ id: p.id, subject: { classification: p.cls || 'FUNCTION', code: p.subj }, kind: p.kind }),
  rows: (d) => d.node.series,
  extraAfter: true,
  extra: (d, p) => h('p', {}, h('a', { href: link('/compare', { view: 'series', subject: p.subj, cls: p.cls || 'FUNCTION', kind: p.kind }) },
    `各部门的科目 ${p.subj} 历年 →`)),
  columns: [{ key: 'year', label: '年度' }, { key: 'name', label: '名称' }, money$('金额', 'amount'), ...yoyCols((r) => r.amount)],
  chart: (rows, p) => ({ tooltip, grid, xAxis: yearAxis(rows), yAxis: axisWan,
    series: [{ name: p.subj, type: 'line', data: rows.map((r) => point(r.amount)), symbolSize: 10, label: { show: true, formatter: (e) => wan(e.data.money?.wanYuan) } }] }),
};

const SANGONG_COLS = [['三公合计', 'total'], ['因公出国(境)', 'overseas'], ['公务用车购置', 'vehiclePurchase'],
  ['公务用车运行维护', 'vehicleOperation'], ['公务接待', 'reception'], ['机关运行经费', 'officeRunning']];

export const deptSangong = {
  id: 'dept-sangong', anchor: 'sangong', params: ['id', 'kind'],
  title: (p) => `三公经费与机关运行经费，历年（${KIND[p.kind]}）`,
  file: (p) => `三公经费-${KIND[p.kind]}`,
  query: Q.SANGONG, vars: (p) => ({ id: p.id, kind: p.kind }),
  rows: (d) => d.node.documents.map((doc) => ({ year: doc.year, ...doc.sangong })),
  columns: [{ key: 'year', label: '年度' }, ...SANGONG_COLS.map(([l, k]) => money$(l, k, { moneyLabel: (r) => `${r.year} 年 ${l}` })),
    { label: '三公同比（上年文件）', type: 'pct', value: (r) => r.total?.yoy?.loaded?.percent }],
  chart: (rows) => ({ tooltip, legend, grid: { ...grid, left: 24, right: 24 }, xAxis: yearAxis(rows),
    yAxis: [{ ...axisWan, name: '三公（万元）' }, { ...axisWan, name: '机关运行（万元）', splitLine: { show: false } }],
    series: [...SANGONG_COLS.slice(1, 5).map(([l, k]) => bars(l, rows, (r) => r[k], { stack: 'sangong' })),
      { name: '机关运行经费', type: 'line', yAxisIndex: 1, data: rows.map((r) => point(r.officeRunning)) }] }),
};

export const deptProcurement = {
  id: 'dept-procurement', anchor: 'procurement', params: ['id', 'kind', 'year'],
  title: (p) => `政府采购，历年（${KIND[p.kind]}）`,
  file: (p) => `政府采购-${KIND[p.kind]}`,
  query: Q.PROCUREMENT, vars: (p) => ({ id: p.id, kind: p.kind }),
  rows: (d) => d.node.documents.map((doc) => ({ year: doc.year, ...doc.procurement, smeShare: doc.procurement.shares?.sme })),
  columns: [{ key: 'year', label: '年度' }, money$('采购总额', 'total'), money$('货物', 'goods'), money$('工程', 'works'),
    money$('服务', 'services'), money$('授予中小企业', 'sme'), { key: 'smeShare', label: '中小企业份额', type: 'share' }],
  chart: (rows) => ({ tooltip, legend, grid, xAxis: yearAxis(rows), yAxis: axisWan,
    series: [['货物', 'goods'], ['工程', 'works'], ['服务', 'services']].map(([l, k]) => bars(l, rows, (r) => r[k], { stack: 'p' })) }),
  extraAfter: true,
  extra: (d, p) => {
    const doc = d.node.documents.find((x) => String(x.year) === String(p.year)) || d.node.documents.at(-1);
    if (!doc) return null;
    const items = doc.procurement.items;
    return h('details', { class: 'items', open: items.length <= 12 },
      h('summary', {}, `${doc.year} 年采购明细 ${items.length} 项`),
      table([{ key: 'project', label: '项目' }, { key: 'category', label: '品目' }, { key: 'functionSubject', label: '功能科目' },
        { key: 'economicSubject', label: '经济科目' }, { label: '数量', value: (r) => `${r.quantity} ${r.measureUnit}` },
        { label: '金额（元）', type: 'num', render: (r) => h('button', { type: 'button', class: 'num', title: `原文 ${r.totalPrinted} · 点击查看出处`,
          onclick: () => openSource(r, r.project) }, yuan(r.total)) },
        { label: '中小企业（元）', type: 'num', render: (r) => yuan(r.sme) }], items));
  },
};

export const deptProjects = {
  id: 'dept-projects', anchor: 'projects', params: ['id', 'year', 'kind', 'doc'], embed: false,
  title: () => '项目与绩效目标',
  query: Q.PROJECTS, vars: (p) => ({ doc: p.doc }),
  heading: (d) => `项目与绩效目标（${d.node.year} 年${KIND[d.node.kind]}）：${d.node.projects.length} 个项目，${d.node.targets.length} 条绩效指标`,
  rows: (d) => d.node.projects.map((pr) => ({ ...pr, targets: d.node.targets.filter((t) => t.projectCode && t.projectCode === pr.code) })),
  columns: [{ key: 'code', label: '项目编码' }, { key: 'name', label: '项目名称', render: (r) => [r.name, r.nameFrom ? h('small', { class: 'muted' }, `（名称来自 ${r.nameFrom}）`) : null] },
    { key: 'category', label: '类别' }, money$('金额', 'amount'),
    { label: '同比（上年文件）', type: 'pct', value: (r) => r.amount?.yoy?.loaded?.percent },
    { label: '绩效指标', type: 'num', value: (r) => r.targets.length }],
  extra: (d, p) => targetsBlock(d.node, p.project), extraAfter: true,
  rowClass: (r) => (r.code && r.code === new URLSearchParams(location.search).get('project') ? 'hit' : ''),
};

// targetsBlock lists the targets by project; the project in the URL (?project=, from a search
// hit) is open.
function targetsBlock(doc, open) {
  const groups = new Map();
  for (const t of doc.targets) {
    const k = t.projectCode ? `${t.projectCode} ${t.projectName}` : '部门整体绩效目标';
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(t);
  }
  if (!groups.size) return h('p', { class: 'muted' }, '文件未列绩效目标');
  const cols = [{ key: 'level1', label: '一级指标' }, { key: 'level2', label: '二级指标' }, { key: 'level3', label: '三级指标' },
    { label: '指标值', value: (r) => `${r.operator} ${r.value} ${r.measureUnit}`.trim() },
    { label: '出处', render: (r) => h('button', { type: 'button', class: 'link src-btn', onclick: () => openSource(r, r.level3) },
      where(r.source)) }];
  return h('div', { class: 'targets' }, [...groups].map(([k, ts]) => h('details', { open: !!open && ts[0].projectCode === open },
    h('summary', {}, `${k}（${ts.length} 条）`), table(cols, ts))));
}

export const deptStaffing = {
  id: 'dept-staffing', anchor: 'staffing', params: ['id', 'year', 'kind', 'doc'], embed: false,
  title: () => '单位与人员编制',
  query: Q.STAFFING, vars: (p) => ({ doc: p.doc }),
  heading: (d) => `单位与人员编制（${d.node.year} 年${KIND[d.node.kind]}）`,
  rows: (d) => d.node.staffing,
  columns: [{ key: 'kind', label: '类别' },
    { key: 'count', label: '人数', type: 'num', render: (r) => h('button', { type: 'button', class: 'num', title: '点击查看出处',
      onclick: () => openSource(r, `${r.kind} ${r.count} 人`) }, String(r.count)) },
    { label: '出处', value: (r) => where(r.source) }],
  extraAfter: true,
  extra: (d) => h('div', {}, h('h3', {}, `预算单位 ${d.node.units.length} 个`),
    table([{ key: 'code', label: '单位编码' }, { key: 'name', label: '单位名称' }, { key: 'kind', label: '性质' }], d.node.units, { empty: '文件未列单位' })),
  empty: '文件未列人员编制',
};

// execution builds the view of a 决算's budget against actual, for the headline figures or for the
// subjects: each 年初预算 beside its 决算数, the 完成率, and the 预算 document's figure when loaded.
function execution(subjects) {
  return {
    id: subjects ? 'dept-subject-execution' : 'dept-budget-actual', anchor: subjects ? 'subject-execution' : 'execution',
    params: ['id', 'year', 'kind', 'doc'],
    title: () => (subjects ? '各科目的预算与决算' : '预算与决算：执行率'),
    query: subjects ? Q.EXECUTION_SUBJECTS : Q.EXECUTION, vars: (p) => ({ doc: p.doc }),
    heading: (d) => `${subjects ? '各科目的预算与决算' : '预算与决算：执行率'}（${d.node.year} 年决算${d.node.budgetDocument ? `，对照 ${d.node.budgetDocument.fileName}` : '，同年预算文件未加载'}）`,
    rows: (d) => executionRows(d.node.execution, subjects),
    columns: [{ key: 'name', label: '项目' }, { label: '编码', value: (r) => r.code || MEASURE[r.measure] || '' },
      money$('年初预算', 'budget'), money$('决算数', 'actual'),
      { key: 'rate', label: '完成率', type: 'num', render: (r) => (r.rate == null ? '—' : `${group(round(r.rate, 2))}%`) },
      money$('预算文件数', 'budgetDocument'),
      { label: '与预算文件一致', value: (r) => (r.agreesWithBudgetDocument == null ? '' : r.agreesWithBudgetDocument ? '一致' : '不一致'),
        render: (r) => (r.agreesWithBudgetDocument == null ? '—' : r.agreesWithBudgetDocument ? '一致' : h('span', { class: 'warn' }, '不一致')) }],
    chart: rateChart,
    chartHeight: (rows) => Math.max(140, Math.min(rows.filter((r) => r.rate != null).length, 30) * 28 + 50),
    empty: '文件未列年初预算与决算数',
  };
}

export const deptBudgetActual = execution(false);
export const deptSubjectExecution = execution(true);

// rateChart draws the execution rate (决算数 ÷ 年初预算) of each pair that has one, against 100%.
function rateChart(rows) {
  const rated = rows.filter((r) => r.rate != null).slice(0, 30).reverse();
  return { tooltip: { trigger: 'item', formatter: (e) => h('div', {}, e.name, h('br'), `年初预算 ${wan(e.data.budget.wanYuan)} 万元，决算 ${wan(e.data.money.wanYuan)} 万元`, h('br'), `完成率 ${group(round(e.data.rate, 2))}%`) },
    grid: { ...grid, top: 22, right: 56 }, xAxis: { type: 'value', name: '%', max: (v) => Math.max(110, Math.ceil(v.max / 10) * 10) },
    yAxis: { type: 'category', data: rated.map((r) => (r.code ? `${r.code} ${r.name}` : r.name)), axisLabel: { width: labelWidth(260), overflow: 'truncate' } },
    series: [{ name: '完成率', type: 'bar', barMaxWidth: 22, data: rated.map((r) => ({ value: Number(r.rate), rate: r.rate, money: r.actual, budget: r.budget })),
      label: { show: true, position: 'right', formatter: (e) => `${group(round(e.data.rate, 2))}%` },
      markLine: { silent: true, symbol: 'none', data: [{ xAxis: 100 }], lineStyle: { color: '#b3261e', type: 'dashed' }, label: { formatter: '100%' } } }] };
}

// executionRows lists the headline pairs or the subjects, keeping those that print a budget or an
// actual.
function executionRows(x, subjects) {
  if (!x) return [];
  const list = subjects ? x.subjects : ['sangongTotal', 'sangongOverseas', 'sangongVehicle', 'sangongVehiclePurchase',
    'sangongVehicleOperation', 'sangongReception', 'officeRunning', 'generalPublicBudget'].map((k) => x[k]);
  return list.filter((e) => e && (e.budget?.yuan != null || e.actual?.yuan != null));
}

export const deptChecks = {
  id: 'dept-checks', anchor: 'checks', params: ['id', 'year', 'kind', 'doc'], embed: false,
  title: () => '校验与修复',
  query: Q.CHECKS, vars: (p) => ({ doc: p.doc }),
  heading: (d) => `校验与修复（${d.node.fileName}）`,
  rows: (d) => [...d.node.notPassed, ...d.node.repaired, ...d.node.rounding],
  columns: [{ key: 'checkId', label: '校验' }, { key: 'rule', label: '规则' }, { label: '表', value: (r) => label(TABLE, r.table) },
    { label: '结果', value: (r) => label(CHECK_RESULT, r.result), render: (r) => h('span', { class: `badge ${lc(r.result)}` }, label(CHECK_RESULT, r.result)) },
    { key: 'expected', label: '应为（元）', type: 'num', render: (r) => yuan(r.expected) },
    { key: 'actual', label: '实为（元）', type: 'num', render: (r) => yuan(r.actual) },
    { key: 'detail', label: '说明' }, { label: '行', value: (r) => r.lines.join(' ') }],
  controls: (p, d) => checkSummary(d.node),
  extra: (d) => repairsBlock(d.node), extraAfter: true,
  empty: '全部校验通过',
};

function checkSummary(doc) {
  const count = {};
  for (const c of doc.all) count[lc(c.result)] = (count[lc(c.result)] || 0) + 1;
  return h('p', { class: 'check-summary' }, `共 ${doc.all.length} 项校验：`,
    Object.entries(count).map(([k, n]) => h('span', { class: `badge ${k}` }, `${CHECK_RESULT[k] || k} ${n}`)));
}

function repairsBlock(doc) {
  return h('div', {},
    h('h3', {}, `修复 ${doc.repairs.length} 处（原文 → 修复值）`),
    table([{ label: '表', value: (r) => label(TABLE, r.table) }, { key: 'rowCode', label: '行' }, { key: 'rowName', label: '名称' },
      { key: 'column', label: '列' }, { key: 'printed', label: '原文' }, { label: '修复值（元）', type: 'num', render: (r) => yuan(r.value) },
      { key: 'rule', label: '依据' }, { key: 'line', label: '行号' }], doc.repairs, { empty: '无修复' }),
    h('h3', {}, `情况说明与表内数不符 ${doc.narrative.length} 处`),
    table([{ key: 'name', label: '名称' }, money$('情况说明', 'value'), money$('表内数', 'tableValue')], doc.narrative, { empty: '无' }),
    h('h3', {}, `问题 ${doc.issues.length} 项`),
    table([{ key: 'kind', label: '类别' }, { key: 'detail', label: '说明' }, { key: 'line', label: '行号' }], doc.issues, { empty: '无' }));
}

// ---- compare --------------------------------------------------------------------------------

export const ranking = {
  id: 'ranking', params: ['measure', 'subject', 'cls', 'column', 'year', 'kind'],
  title: (p) => `${p.year} 年各部门${rankedWhat(p)}排名（${KIND[p.kind]}）`,
  file: (p) => `排名-${p.subject ? '科目' + p.subject : MEASURE[p.measure]}-${p.year}`,
  query: Q.RANKING,
  vars: (p) => ({ ...(p.subject ? { subject: { classification: p.cls || 'FUNCTION', code: p.subject }, column: p.column || 'TOTAL' } : { measure: p.measure }),
    year: Number(p.year), kind: p.kind }),
  rows: (d) => d.ranking.map((r) => ({ rank: r.rank, department: r.department.name, id: r.department.id, amount: r.amount })),
  columns: [{ key: 'rank', label: '名次', type: 'num' }, { key: 'department', label: '部门', href: (r) => `/d/${r.id}` },
    money$('金额', 'amount', { moneyLabel: (r) => r.department }), ...yoyCols((r) => r.amount)],
  chart: rankChart, chartHeight: barsHeight,
};

const rankedWhat = (p) => (p.subject ? `科目 ${p.subject}（${CLASSIFICATION[p.cls || 'FUNCTION']}，${COLUMN[p.column || 'TOTAL']}）` : MEASURE[p.measure]);

function rankChart(rows) {
  const top = rows.slice(0, 20).reverse();
  return { tooltip, grid: { ...grid, top: 8 }, xAxis: axisWan, yAxis: { type: 'category', data: top.map((r) => r.department), axisLabel: { width: labelWidth(160), overflow: 'truncate' } },
    series: [{ name: '金额', type: 'bar', barMaxWidth: 26, data: top.map((r) => point(r.amount)), label: { show: true, position: 'right', formatter: (e) => wan(e.data.money?.wanYuan) } }] };
}

// barsHeight sizes a horizontal bar chart to its rows (at most 20 are drawn).
function barsHeight(rows) {
  return Math.max(140, Math.min(rows.length, 20) * 30 + 50);
}

export const movers = {
  id: 'movers', params: ['year', 'entity', 'cls', 'level', 'by', 'direction', 'minBase', 'dept', 'kind'],
  title: (p) => `${p.year} 年比上年${DIRECTION[p.direction || 'BOTH']}最大的${p.entity === 'PROJECT' ? '项目' : '科目'}（${p.by === 'PERCENT' ? '按增幅' : '按绝对额'}，上年基数 ≥ ${p.minBase || 0} 万元）`,
  file: (p) => `变动-${p.year}`,
  query: Q.MOVERS,
  vars: (p) => ({ year: Number(p.year), entity: p.entity || 'SUBJECT', classification: p.cls || 'FUNCTION', level: p.level ? Number(p.level) : null,
    department: p.dept || null, by: p.by || 'ABSOLUTE', direction: p.direction || 'BOTH', minBase: wanToYuan(p.minBase || '0'), kind: p.kind || 'BUDGET' }),
  rows: (d) => d.movers.map((m) => ({ ...m, departmentName: m.department.name })),
  columns: [{ key: 'departmentName', label: '部门', href: (r) => `/d/${r.department.id}` }, { key: 'code', label: '编码' },
    { key: 'name', label: '名称', render: (r) => [r.name, r.nameChanged ? h('small', { class: 'warn' }, `（上年名为 ${r.previousName}）`) : null] },
    money$('上年数', 'previous'), money$('本年数', 'current'),
    { key: 'change', label: '增减（万元）', csvLabel: '增减（元）', type: 'num', render: (r) => changeCell(r) },
    { key: 'percent', label: '增减率', type: 'pct' }],
  chartHeight: (rows) => Math.max(140, Math.min(rows.length, 15) * 24 + 50),
  chart: (rows) => {
    const top = rows.slice(0, 15).reverse();
    return { tooltip, grid: { ...grid, top: 8 }, xAxis: { ...axisWan, name: '增减（万元）' },
      yAxis: { type: 'category', data: top.map((r) => `${r.code} ${r.name}`), axisLabel: { width: labelWidth(180), overflow: 'truncate' } },
      series: [{ name: '增减', type: 'bar', data: top.map((r) => ({ value: Number(r.change) / 10000, money: r.current, wan: divide(r.change),
        itemStyle: { color: r.change.startsWith('-') ? '#2f8f5b' : '#c0392b' } })) }] };
  },
};

export const DIRECTION = { BOTH: '变动', INCREASE: '增加', DECREASE: '减少' };

export const wanToYuan = (w) => {
  const [i, f = ''] = String(w).trim().split('.');
  const s = (i || '0') + f.padEnd(4, '0').slice(0, 4);
  return BigInt(s).toString() + (f.length > 4 ? '.' + f.slice(4) : '');
};

export const subjectSeries = {
  id: 'subject-series', params: ['subject', 'cls', 'column', 'kind'],
  title: (p) => `科目 ${p.subject} 各部门历年（${CLASSIFICATION[p.cls || 'FUNCTION']}，${COLUMN[p.column || 'TOTAL']}，${KIND[p.kind]}）`,
  file: (p) => `科目${p.subject}-各部门历年`,
  query: Q.SERIES_ACROSS,
  vars: (p) => ({ subject: { classification: p.cls || 'FUNCTION', code: p.subject }, column: p.column || 'TOTAL', kind: p.kind }),
  rows: (d) => d.departments.nodes.flatMap((dep) => dep.series.map((s) => ({ id: dep.id, department: dep.name, year: s.year, name: s.name, amount: s.amount }))),
  columns: [{ key: 'department', label: '部门', href: (r) => `/d/${r.id}` }, { key: 'year', label: '年度' }, { key: 'name', label: '科目名称' },
    money$('金额', 'amount', { moneyLabel: (r) => `${r.department} ${r.year} 年` }), ...yoyCols((r) => r.amount)],
  chart: acrossChart,
};

export const measureSeries = {
  id: 'measure-series', params: ['measure', 'kind'],
  title: (p) => `${MEASURE[p.measure]} 各部门历年（${KIND[p.kind]}）`,
  file: (p) => `${MEASURE[p.measure]}-各部门历年`,
  query: Q.MEASURE_SERIES_ACROSS, vars: (p) => ({ measure: p.measure, kind: p.kind }),
  rows: (d) => d.departments.nodes.flatMap((dep) => dep.series.map((s) => ({ id: dep.id, department: dep.name, year: s.year, amount: s.amount }))),
  columns: [{ key: 'department', label: '部门', href: (r) => `/d/${r.id}` }, { key: 'year', label: '年度' },
    money$('金额', 'amount', { moneyLabel: (r) => `${r.department} ${r.year} 年` }), ...yoyCols((r) => r.amount)],
  chart: acrossChart,
};

function acrossChart(rows) {
  const years = [...new Set(rows.map((r) => r.year))].sort();
  const deps = [...new Set(rows.map((r) => r.department))];
  return { tooltip, legend, grid, xAxis: { type: 'category', data: years.map(String) }, yAxis: axisWan,
    series: deps.map((d) => ({ name: d, type: 'line', symbolSize: 9, connectNulls: false,
      data: years.map((y) => { const r = rows.find((x) => x.department === d && x.year === y); return r ? point(r.amount) : null; }) })) };
}

export const VIEWS = Object.fromEntries([matrix, totals, search, deptTotals, deptIncome, deptExpenditure, deptFunction, deptEconomic,
  deptSubjectSeries, deptSangong, deptProcurement, deptProjects, deptStaffing, deptBudgetActual, deptSubjectExecution, deptChecks, ranking, movers,
  subjectSeries, measureSeries].map((v) => [v.id, v]));

export { round };
