// Compare (/compare): rankings of departments, movers with a minimum base, and a series across
// departments. ?view= picks one; every control is a URL parameter.
import { h, panel, query, select } from '../ui.js';
import * as V from '../views.js';
import { YEARS } from '../queries.js';
import { link, setParams } from '../nav.js';
import { MEASURES, KIND, CLASSIFICATION, COLUMN } from '../fmt.js';

const TABS = [['ranking', '排名'], ['movers', '变动最大'], ['series', '各部门历年']];

export async function render(app, p) {
  document.title = 'budgetql · 比较';
  let meta;
  try {
    meta = await query(YEARS, {});
  } catch (e) {
    app.replaceChildren(h('p', { class: 'error' }, `查询失败：${e.message}`));
    return;
  }
  const kind = p.kind || 'BUDGET';
  const years = (kind === 'FINAL' ? meta.final : meta.budget).map((t) => t.year);
  const view = p.view || 'ranking';
  const q = { measure: 'SANGONG_TOTAL', year: String(years.at(-1) ?? ''), kind, cls: 'FUNCTION', ...p, view };
  app.replaceChildren(h('h1', {}, '比较各部门'),
    h('nav', { class: 'tabs' }, TABS.map(([v, t]) => h('a', { class: v === view ? 'on' : '', href: link('/compare', { view: v, kind }) }, t))));
  const set = (k) => (v) => setParams({ [k]: v });
  const yearSel = select('年度', q.year, years.map((y) => [y, `${y}`]), set('year'));
  const kindSel = select('类型', kind, Object.entries(KIND), (v) => setParams({ kind: v, year: '' }));
  const clsSel = select('分类', q.cls, Object.entries(CLASSIFICATION), set('cls'));
  const subj = subjectInput(q.subject, (v) => setParams({ subject: v }));
  let v;
  if (view === 'ranking') {
    app.append(h('div', { class: 'controls' }, select('按', q.subject ? 'SUBJECT' : q.measure,
      [...MEASURES, ['SUBJECT', '科目（输入编码）']], (m) => setParams(m === 'SUBJECT' ? { subject: q.subject || '201' } : { measure: m, subject: '' })),
    q.subject ? [subj, clsSel, select('列', q.column || 'TOTAL', Object.entries(COLUMN), set('column'))] : null, yearSel, kindSel));
    v = V.ranking;
  } else if (view === 'movers') {
    Object.assign(q, { year: p.year || String(years.at(-1) ?? ''), entity: p.entity || 'SUBJECT', level: p.level ?? '3', by: p.by || 'ABSOLUTE', minBase: p.minBase ?? '100' });
    app.append(h('div', { class: 'controls' }, yearSel, kindSel,
      select('对象', q.entity, [['SUBJECT', '科目'], ['PROJECT', '项目']], set('entity')), clsSel,
      select('级次', q.level, [['1', '类'], ['2', '款'], ['3', '项'], ['', '全部']], set('level')),
      select('排序', q.by, [['ABSOLUTE', '按绝对额'], ['PERCENT', '按增幅']], set('by')),
      select('方向', q.direction || 'BOTH', [['BOTH', '增减'], ['INCREASE', '只看增加'], ['DECREASE', '只看减少']], set('direction')),
      numberInput('上年基数不低于（万元）', q.minBase, set('minBase')),
      select('部门', q.dept || '', [['', '全部部门'], ...meta.departments.nodes.map((d) => [d.id, d.name])], set('dept'))));
    v = V.movers;
  } else {
    app.append(h('div', { class: 'controls' }, select('按', q.subject ? 'SUBJECT' : q.measure,
      [...MEASURES, ['SUBJECT', '科目（输入编码）']], (m) => setParams(m === 'SUBJECT' ? { subject: q.subject || '201' } : { measure: m, subject: '' })),
    q.subject ? [subj, clsSel, select('列', q.column || 'TOTAL', Object.entries(COLUMN), set('column'))] : null, kindSel));
    v = q.subject ? V.subjectSeries : V.measureSeries;
  }
  await panel(app, v, q);
}

function subjectInput(value, onChange) {
  const input = h('input', { type: 'text', value: value || '', size: 9, inputmode: 'numeric', 'aria-label': '科目编码', placeholder: '如 2120101' });
  return h('form', { class: 'ctl', onsubmit: (e) => { e.preventDefault(); onChange(input.value.trim()); } }, '科目编码', input, h('button', {}, '确定'));
}

function numberInput(label, value, onChange) {
  const input = h('input', { type: 'number', min: 0, step: 'any', value, 'aria-label': label, size: 8 });
  return h('form', { class: 'ctl', onsubmit: (e) => { e.preventDefault(); onChange(input.value.trim()); } }, label, input, h('button', {}, '确定'));
}
