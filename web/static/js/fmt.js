// Number formatting and the Chinese labels of the API's codes. Amounts arrive as exact decimal
// strings (Money.yuan, Money.wanYuan); they are rounded and grouped as strings, never as floats.

// round rounds a decimal string to `places` digits, half away from zero.
export function round(s, places = 2) {
  if (s == null || s === '') return null;
  let neg = s.startsWith('-');
  if (neg || s.startsWith('+')) s = s.slice(1);
  let [i, f = ''] = s.split('.');
  f = f.padEnd(places + 1, '0');
  let n = BigInt(i + f.slice(0, places));
  if (f[places] >= '5') n += 1n;
  let digits = n.toString().padStart(places + 1, '0');
  let out = places ? digits.slice(0, -places) + '.' + digits.slice(-places) : digits;
  if (neg && /[1-9]/.test(out)) out = '-' + out;
  return out;
}

// group puts thousands separators into a decimal string.
export function group(s) {
  if (s == null) return '';
  let neg = s.startsWith('-');
  if (neg) s = s.slice(1);
  let [i, f] = s.split('.');
  i = i.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '−' : '') + i + (f ? '.' + f : '');
}

// wan is an amount in 万元 with two decimals: "1,960.41"; "—" when blank.
export function wan(v) {
  return v == null ? '—' : group(round(v, 2));
}

// yuan is an exact amount in 元: "18,373,632" or "4,474,800.50".
export function yuan(v) {
  if (v == null) return '—';
  let [i, f = ''] = v.split('.');
  f = f.replace(/0+$/, '');
  return group(f ? `${i}.${f.padEnd(2, '0')}` : i);
}

// signed prefixes + for increases: "+77.04".
export function signed(text, raw) {
  return raw != null && !String(raw).startsWith('-') && !/^0(\.0*)?$/.test(raw) ? '+' + text : text;
}

// pct is a percent string with sign: "+21.48%"; "—" when null.
export function pct(p) {
  return p == null ? '—' : signed(group(round(p, 2)), p) + '%';
}

// share is a percent of a whole, without sign: "40.00%".
export function share(p) {
  return p == null ? '—' : group(round(p, 2)) + '%';
}


// num turns a decimal string into a float for chart geometry only (never for printed figures).
export const num = (v) => (v == null ? null : Number(v));

// label names a code in Chinese; codes are matched in lower case, so 'failed' and the enum
// FAILED read alike.
export const label = (map, v) => (v == null ? '' : map[String(v).toLowerCase()] || v);
export const lc = (v) => String(v ?? '').toLowerCase();

export const KIND = { BUDGET: '预算', FINAL: '决算' };

export const STATUS = { reported: '原样', blank: '空白', repaired: '修复', derived: '推算' };

export const CHECK_RESULT = { pass: '通过', rounding: '尾差', repaired: '修复', failed: '失败', not_applicable: '不适用' };

export const TABLE = {
  summary: '收支总表', income: '收入总表', expenditure: '支出总表', appropriation: '财政拨款收支总表',
  gpb_function: '一般公共预算支出表', gpb_basic_economic: '一般公共预算基本支出表', sangong: '三公经费表',
  gov_fund: '政府性基金预算支出表', state_capital: '国有资本经营预算支出表', project: '项目支出表',
  procurement: '政府采购预算表', narrative: '情况说明', performance: '绩效目标表', staffing: '人员编制',
};

export const INCOME_SOURCE = {
  general_public_budget: '一般公共预算拨款', gov_fund: '政府性基金预算拨款', state_capital: '国有资本经营预算拨款',
  special_account: '财政专户管理资金', income_current: '本年收入合计', business: '事业收入', operating: '经营收入', higher_level: '上级补助收入',
  subordinate: '附属单位上缴收入', other: '其他收入', carryover: '上年结转', fiscal_appropriation: '财政拨款收入',
};

// MEASURES are the API's Measure enum with their Chinese names, in the schema's order.
export const MEASURES = [
  ['INCOME_TOTAL', '收入总计'], ['EXPENDITURE_TOTAL', '支出总计'], ['INCOME_CURRENT', '本年收入合计'],
  ['EXPENDITURE_CURRENT', '本年支出合计'], ['FISCAL_APPROPRIATION', '本年财政拨款收入'],
  ['FISCAL_APPROPRIATION_EXPENDITURE', '本年财政拨款支出'], ['FISCAL_APPROPRIATION_TOTAL', '财政拨款收支总计'], ['GENERAL_PUBLIC_BUDGET', '一般公共预算支出'],
  ['GOV_FUND_EXPENDITURE', '政府性基金预算支出'], ['STATE_CAPITAL_EXPENDITURE', '国有资本经营预算支出'],
  ['BASIC_EXPENDITURE', '基本支出'], ['PROJECT_EXPENDITURE', '项目支出'], ['PERSONNEL', '人员经费'],
  ['PUBLIC_USE', '公用经费'], ['SANGONG_TOTAL', '三公经费合计'], ['SANGONG_OVERSEAS', '因公出国(境)费'],
  ['SANGONG_VEHICLE', '公务用车购置及运行费'], ['SANGONG_VEHICLE_PURCHASE', '公务用车购置费'],
  ['SANGONG_VEHICLE_OPERATION', '公务用车运行维护费'], ['SANGONG_RECEPTION', '公务接待费'],
  ['OFFICE_RUNNING', '机关运行经费'], ['PROCUREMENT_TOTAL', '政府采购总额'], ['PROCUREMENT_GOODS', '政府采购货物'],
  ['PROCUREMENT_WORKS', '政府采购工程'], ['PROCUREMENT_SERVICES', '政府采购服务'], ['PROCUREMENT_SME', '授予中小企业'],
];
export const MEASURE = Object.fromEntries(MEASURES);

export const COLUMN = { TOTAL: '合计', BASIC: '基本支出', PROJECT: '项目支出', PERSONNEL: '人员经费', PUBLIC_USE: '公用经费' };

export const CLASSIFICATION = { FUNCTION: '功能分类', ECONOMIC: '经济分类' };

export const SEARCH_KIND = { DEPARTMENT: '部门', PROJECT: '项目', TARGET: '绩效指标', SUBJECT: '科目' };
