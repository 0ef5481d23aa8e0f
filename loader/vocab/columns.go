package vocab

import (
	"regexp"
	"strings"

	"budgetql/loader/model"
)

// Column ids a header label can name besides the model's: the keys of a row (not amounts), a
// subtotal whose meaning its group gives, and groups over other columns.
const (
	ColKey      = "key"      // 科目编码, 科目名称, 单位名称, 项目: the row's code or name, no amount
	ColIgnore   = "ignore"   // 行次, 栏次, 备注: printed but not an amount of the table
	ColSubtotal = "subtotal" // 小计: basic, this year's income or carry-over, by its group
	ColUnitFund = "unit_funds"
)

// columnRule maps a label holding one of words (and none of none) to a column; exact rules
// need the whole label.
type columnRule struct {
	col   string
	words []string
	none  []string
	exact bool
}

// columnRules, in order: the first match names the column. Labels are compact, with "其中："
// and bracketed notes removed.
var columnRules = []columnRule{
	{col: ColIgnore, words: []string{"行次", "栏次", "备注", "是否", "理由"}},
	{col: ColKey, words: []string{"科目编码", "科目名称", "功能分类", "经济分类", "单位编码", "单位名称",
		"单位代码", "部门代码", "部门名称", "预算单位", "项目名称", "项目编码", "项目代码", "项目单位",
		"功能科目", "经济科目", "采购品目", "采购项目", "绩效"}, none: []string{"支出合计", "支出总计"}},
	{col: ColKey, words: []string{"项目", "科目", "类", "款", "项", "名称", "编码", "代码"}, exact: true},
	{col: model.ColTotal, words: []string{"合计", "总计", "合计数", "总计数", "收入总计", "支出总计",
		"收入合计", "支出合计", "本年预算数", "预算金额", "金额", "本年预算", "本年支出合计", "本年收入合计",
		"预算数", "小计合计", "预算", "本年预算金额", "金额合计", "预算合计"}, exact: true},
	{col: ColSubtotal, words: []string{"小计"}, exact: true},
	{col: model.ColPersonnel, words: []string{"人员经费", "人员支出", "工资福利"}},
	{col: model.ColPublicUse, words: []string{"公用经费", "公用支出", "日常公用"}},
	{col: model.ColRemitUpper, words: []string{"上缴上级"}},
	{col: model.ColSubsidySub, words: []string{"对附属单位补助", "对下级单位补助"}},
	{col: model.ColOperating, words: []string{"经营支出", "事业单位经营收入", "经营收入"}},
	{col: model.ColCarryOut, words: []string{"结转下年", "年末结转"}},
	{col: model.ColBasic, words: []string{"基本支出"}},
	{col: model.ColProject, words: []string{"项目支出总数", "项目支出", "专项业务经费", "项目经费"}, none: []string{"扣除"}},
	{col: ColIgnore, words: []string{"扣除"}},
	{col: model.ColSME, words: []string{"中小企业"}},
	{col: model.ColStateCapital, words: []string{"国有资本"}},
	{col: model.ColGeneralPublic, words: []string{"一般公共预算", "一般公共"}},
	{col: model.ColGovFund, words: []string{"政府性基金"}},
	{col: model.ColSpecial, words: []string{"财政专户"}},
	{col: model.ColFiscal, words: []string{"财政拨款"}},
	{col: model.ColBusiness, words: []string{"事业收入"}},
	{col: model.ColHigherLevel, words: []string{"上级补助"}},
	{col: model.ColSubordinate, words: []string{"附属单位上缴", "附属单位缴款"}},
	{col: model.ColOther, words: []string{"其他收入", "其他资金"}},
	{col: model.ColCarryover, words: []string{"上年结转", "上年结余", "结转结余", "结余结转"}},
	{col: ColUnitFund, words: []string{"单位资金"}},
	{col: model.RowNonFiscalBalanceUsed, words: []string{"非财政拨款结余"}},
	{col: model.ColBudget, words: []string{"预算数", "年初预算", "调整预算"}},
	{col: model.ColActual, words: []string{"决算数", "执行数"}},
	{col: model.ColIncome, words: []string{"本年收入"}},
	{col: model.ColCarryIn, words: []string{"年初结转", "年初结余"}},
}

var (
	reLabelNote = regexp.MustCompile(`[（(][^）)]*[）)]`)
	reLabelYear = regexp.MustCompile(`(19|20)\d\d年(度)?`)
)

// CleanLabel is a header label without spaces, "其中：", years and bracketed notes.
func CleanLabel(s string) string {
	s = strings.NewReplacer(" ", "", "\u3000", "", "其中：", "", "其中:", "", "其中", "", "：", "", ":", "").Replace(s)
	s = reLabelYear.ReplaceAllString(s, "")
	return reLabelNote.ReplaceAllString(s, "")
}

// ColumnOf names the column a header label heads, or "" for a label the vocabulary does not know.
// A column printed "of which" (其中：…) is a part of another, not a column of its own, unless it is
// the share reserved for small enterprises.
func ColumnOf(label string) string {
	l := CleanLabel(label)
	if l == "" {
		return ""
	}
	if strings.HasPrefix(strings.TrimSpace(label), "其中") && !strings.Contains(l, "中小企业") {
		return ""
	}
	for _, r := range columnRules {
		if r.exact {
			for _, w := range r.words {
				if l == w {
					return r.col
				}
			}
			continue
		}
		for _, w := range r.words {
			if strings.Contains(l, w) && !hasAny(l, r.none) {
				return r.col
			}
		}
	}
	return ""
}

// groupChildren are the columns that may stand under a group label; a group label with any of
// them below it in the header is a group, not a column.
var groupChildren = map[string][]string{
	model.ColBasic:     {model.ColPersonnel, model.ColPublicUse, ColSubtotal},
	model.ColIncome:    {ColSubtotal, model.ColGeneralPublic, model.ColGovFund, model.ColStateCapital, model.ColSpecial, model.ColFiscal, model.ColBusiness, model.ColOperating, model.ColHigherLevel, model.ColSubordinate, model.ColOther, ColUnitFund},
	model.ColFiscal:    {model.ColGeneralPublic, model.ColGovFund, model.ColStateCapital},
	ColUnitFund:        {model.ColBusiness, model.ColOperating, model.ColHigherLevel, model.ColSubordinate, model.ColOther},
	model.ColCarryover: {ColSubtotal, model.ColGeneralPublic, model.ColGovFund, model.ColStateCapital, model.ColSpecial, ColUnitFund, model.ColFiscal},
	model.ColProject:   {model.ColProject, ColIgnore},
	model.ColBudget:    {model.ColTotal, model.ColBasic, model.ColProject, ColSubtotal, model.ColGeneralPublic, model.ColPersonnel},
	model.ColActual:    {model.ColTotal, model.ColBasic, model.ColProject, ColSubtotal, model.ColGeneralPublic, model.ColPersonnel},
	model.ColSME:       {model.ColSME},
	// a fund over the columns of its own spending: "一般公共预算支出" over 小计, 基本支出, 项目支出
	model.ColGeneralPublic: {ColSubtotal, model.ColTotal, model.ColBasic, model.ColProject},
	model.ColGovFund:       {ColSubtotal, model.ColTotal, model.ColBasic, model.ColProject},
	model.ColStateCapital:  {ColSubtotal, model.ColTotal, model.ColBasic, model.ColProject},
}

// IsGroupOf reports whether a column id can head a group over child.
func IsGroupOf(group, child string) bool {
	for _, c := range groupChildren[group] {
		if c == child {
			return true
		}
	}
	return false
}

// columnSetTitles name the money columns as a whole ("预算数" over 合计, 基本支出, 项目支出); over
// other money labels they are titles, not columns.
var columnSetTitles = []string{"预算数", "决算数", "金额", "预算", "本年预算", "本年预算数", "预算金额", "年度预算"}

// IsColumnSetTitle reports whether a clean label can title a table's money columns as a whole.
func IsColumnSetTitle(label string) bool {
	for _, t := range columnSetTitles {
		if label == t {
			return true
		}
	}
	return false
}

// IsFund reports whether a column id is an income source by fund (一般公共预算, 政府性基金, …).
func IsFund(id string) bool {
	switch id {
	case model.ColGeneralPublic, model.ColGovFund, model.ColStateCapital, model.ColSpecial, model.ColFiscal:
		return true
	}
	return false
}
