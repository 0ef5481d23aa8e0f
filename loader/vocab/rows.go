package vocab

import (
	"regexp"
	"strings"

	"budgetql/loader/model"
)

// Sides of a two-sided table (收支总表, 财政拨款收支总表).
const (
	SideIncome      = "income"
	SideExpenditure = "expenditure"
)

// rowRule maps a row label holding one of words (none of none) to a row code.
type rowRule struct {
	code  string
	side  string
	words []string
	none  []string
}

// summaryRules name the rows of the two-sided tables by their labels, income side first. The
// function classes of the expenditure side are named by the classification (FunctionClassByName).
var summaryRules = []rowRule{
	{code: model.RowIncomeTotal, side: SideIncome, words: []string{"收入总计", "收入合计", "收入总额"}, none: []string{"本年"}},
	{code: model.RowExpenditureTotal, side: SideExpenditure, words: []string{"支出总计", "支出合计", "支出总额"}, none: []string{"本年"}},
	{code: model.RowIncomeCurrent, side: SideIncome, words: []string{"本年收入合计", "本年收入小计", "本年收入"}},
	{code: model.RowExpenditureCurrent, side: SideExpenditure, words: []string{"本年支出合计", "本年支出小计", "本年支出"}},
	{code: model.RowCarryOut, side: SideExpenditure, words: []string{"年终结转", "年末结转", "结转下年", "结余结转下年", "未安排支出"}},
	{code: model.RowNonFiscalBalanceUsed, side: SideIncome, words: []string{"使用非财政拨款结余", "用事业基金弥补"}},
	{code: model.RowBalanceDistribution, side: SideExpenditure, words: []string{"结余分配"}},
	{code: model.RowCarryIn, side: SideIncome, words: []string{"上年结转", "上年结余", "年初结转", "年初结余", "结转结余", "结余、结转", "上年实户"}},
	{code: model.ColFiscal, side: SideIncome, words: []string{"财政拨款收入", "财政拨款资金", "财政拨款"}, none: []string{"非财政拨款", "结余", "结转"}},
	{code: model.ColGeneralPublic, side: SideIncome, words: []string{"一般公共预算"}, none: []string{"支出"}},
	{code: model.ColGovFund, side: SideIncome, words: []string{"政府性基金"}, none: []string{"支出"}},
	{code: model.ColStateCapital, side: SideIncome, words: []string{"国有资本经营"}, none: []string{"支出"}},
	{code: model.ColSpecial, side: SideIncome, words: []string{"财政专户"}},
	{code: ColUnitFund, side: SideIncome, words: []string{"单位资金"}},
	{code: model.ColOperating, side: SideIncome, words: []string{"经营收入"}},
	{code: model.ColBusiness, side: SideIncome, words: []string{"事业收入"}},
	{code: model.ColHigherLevel, side: SideIncome, words: []string{"上级补助"}},
	{code: model.ColSubordinate, side: SideIncome, words: []string{"附属单位"}},
	{code: model.ColOther, side: SideIncome, words: []string{"其他收入"}},
	{code: model.ColFiscal, side: SideIncome, words: []string{"部门预算", "预算拨款"}, none: []string{"支出"}},
}

var reOrdinal = regexp.MustCompile(`^([（(]?[一二三四五六七八九十廿]+[)）、.．]|[（(]?\d+[)）、.．]|其中[:：]?|\s)+`)

// StripOrdinal removes the numbering before a row label ("一、", "(二)", "1.", "其中：").
func StripOrdinal(s string) string { return reOrdinal.ReplaceAllString(s, "") }

// SummaryRow names a row of a two-sided table from its label: a code and the side it belongs
// to, or "" when the label is no standard row (a function class is left to the classification).
func SummaryRow(label string) (code, side string) {
	l := StripOrdinal(CleanRowLabel(label))
	for _, r := range summaryRules {
		if hasAnyWord(l, r.words) && !hasAny(l, r.none) {
			return r.code, r.side
		}
	}
	return "", ""
}

// CleanRowLabel is a row label without spaces.
func CleanRowLabel(s string) string {
	return strings.NewReplacer(" ", "", "\u3000", "").Replace(s)
}

func hasAnyWord(s string, words []string) bool { return hasAny(s, words) }

// sangongRules name the items of the "三公" table by their labels.
var sangongRules = []rowRule{
	{code: model.RowOfficeRunning, words: []string{"机关运行经费"}},
	{code: model.RowOverseas, words: []string{"因公出国", "出国（境）", "出国(境)"}},
	{code: model.RowVehiclePurchase, words: []string{"购置费"}, none: []string{"运行"}},
	{code: model.RowVehicleOperation, words: []string{"运行维护费", "运行费", "运行维护"}, none: []string{"购置"}},
	{code: model.RowVehicleTotal, words: []string{"公务用车购置及运行", "公务用车"}},
	{code: model.RowReception, words: []string{"公务接待"}},
	{code: model.RowTotal, words: []string{"三公", "合计", "总计", "总额"}},
	{code: "meeting", words: []string{"会议费"}},
	{code: "training", words: []string{"培训费"}},
	{code: "administration", words: []string{"行政经费"}},
}

// SangongItem names a "三公" item from its label (total, overseas, vehicle_total, …), or "".
func SangongItem(label string) string {
	l := StripOrdinal(CleanRowLabel(label))
	for _, r := range sangongRules {
		if hasAny(l, r.words) && !hasAny(l, r.none) {
			return r.code
		}
	}
	return ""
}
