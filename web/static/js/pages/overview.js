// Overview (/): what is loaded, totals across departments by year, and search.
import { h, panel, select } from '../ui.js';
import { matrix, totals, search, BASIS } from '../views.js';
import { setParams } from '../nav.js';
import { MEASURES, KIND } from '../fmt.js';

export async function render(app, p) {
  p = { measure: 'EXPENDITURE_TOTAL', kind: 'BUDGET', ...p };
  document.title = 'budgetql · 总览';
  const input = h('input', { type: 'search', name: 'q', value: p.q || '', placeholder: '搜索部门、项目、科目、绩效指标，如“热线”“行政运行”', 'aria-label': '搜索' });
  app.replaceChildren(
    h('section', { class: 'hero' },
      h('h1', {}, '部门预算、决算数据'),
      h('p', {}, '从各部门公开的预算、决算文件读出的每一个数字，都能追溯到文件的页码、行和原文。'),
      h('form', { class: 'search', onsubmit: (e) => { e.preventDefault(); setParams({ q: input.value.trim() }); } },
        input, h('button', { type: 'submit' }, '搜索'))));
  const jobs = [];
  if (p.q) {
    const results = h('div', { class: 'results' });
    app.append(results);
    jobs.push(panel(results, search, p));
  }
  const totalsBox = h('div', {});
  const controls = h('div', { class: 'controls' },
    select('指标', p.measure, MEASURES, (v) => setParams({ measure: v })),
    select('类型', p.kind, Object.entries(KIND), (v) => setParams({ kind: v })),
    select('口径', p.basis || 'ALL', Object.entries(BASIS), (v) => setParams({ basis: v })));
  app.append(matrixFilter(p), h('div', { id: 'matrix-box' }), controls, totalsBox);
  jobs.push(panel(app.querySelector('#matrix-box'), matrix, p), panel(totalsBox, totals, p));
  return Promise.all(jobs);
}

function matrixFilter(p) {
  const input = h('input', { type: 'search', value: p.name || '', placeholder: '按部门名称筛选', 'aria-label': '按部门名称筛选' });
  return h('form', { class: 'filter', onsubmit: (e) => { e.preventDefault(); setParams({ name: input.value.trim() }); } }, input, h('button', {}, '筛选'));
}
