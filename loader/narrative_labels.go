package loader

import (
	"regexp"
	"strings"
)

// narrativeLabel maps what the prose calls a figure to its keys.
type narrativeLabel struct {
	re   *regexp.Regexp
	keys []string
}

// labelSuffix is what may follow a label before its amount: "财政拨款支出年初预算为",
// "预算数为", "决算为", "预算金额".
const labelSuffix = `(?:财政拨款)?(?:支出)?(?:年初|年度)?(?:预算|决算)?(?:数)?(?:金额)?(?:安排|为|是)*$`

func label(re string, keys ...string) narrativeLabel {
	return narrativeLabel{re: regexp.MustCompile(`(` + re + `)` + labelSuffix), keys: keys}
}

// narrativeLabels are the figure names of the 情况说明 templates. The label whose match starts
// first (the longest) wins: 财政拨款收入支出总计 over 收入支出总计.
var narrativeLabels = []narrativeLabel{
	label(`财政拨款收入支出总计`, RowFiscalAppropriationTotal),
	label(`收入支出总计`, RowIncomeTotal, RowExpenditureTotal),
	label(`收入总计|收入预算`, RowIncomeTotal),
	label(`支出总计|支出预算`, RowExpenditureTotal),
	label(`财政拨款收入`, RowFiscalAppropriation),
	label(`财政拨款支出`, RowFiscalAppropriationExp),
	label(`一般公共预算(?:财政)?拨款支出|一般公共预算支出`, RowGeneralPublicBudget),
	label(`政府性基金(?:预算)?(?:财政)?拨款支出|政府性基金预算支出`, RowGovFundExpenditure),
	label(`国有资本经营预算(?:财政)?拨款支出|国有资本经营预算支出`, RowStateCapitalExpendit),
	label(`基本支出`, RowBasicExpenditure),
	label(`项目支出`, RowProjectExpenditure),
	label(`三公经费`, RowSangongTotal),
	label(`因公出国境?费用?`, RowOverseas),
	label(`公务用?车购置及运行(?:维护)?费`, RowVehicleTotal),
	label(`公务用?车购置费`, RowVehiclePurchase),
	label(`公务用?车(?:用车)?运行(?:维护)?费`, RowVehicleOperation),
	label(`公务接待费`, RowReception),
	label(`机关运行经费`, RowOfficeRunning),
	label(`政府采购(?:总额|总金额|金额)?`, RowProcurementTotal),
	label(`政府采购货物|货物类?采购`, RowProcurementGoods),
	label(`政府采购工程|工程类?采购`, RowProcurementWorks),
	label(`政府采购服务|服务类?采购`, RowProcurementServices),
	label(`面向中小企业(?:及小微企业)?(?:预留)?(?:政府)?采购(?:项目)?`, RowProcurementSME),
	label(`(?:预留给|面向)(?:小型和微型企业|小微企业)的?(?:预留)?(?:政府)?采购(?:项目)?`, RowProcurementMicro),
}

// matchLabel returns the keys and the printed name of the label that ends s, or nil.
func matchLabel(s string) ([]string, string) {
	s = labelText(s)
	best, start, name := -1, len(s)+1, ""
	for i, l := range narrativeLabels {
		m := l.re.FindStringSubmatchIndex(s)
		if m == nil || m[0] >= start {
			continue
		}
		best, start, name = i, m[0], s[m[2]:m[3]]
	}
	if best < 0 {
		return nil, ""
	}
	return narrativeLabels[best].keys, name
}

var (
	// a change verb ending the text before an amount: "比2023年预算减少", "同比增加", "增长"
	reChangeVerb = regexp.MustCompile(`(增加|减少|增长|下降|上升|降低|提高|增|减)了?$`)
	// a comparison that names the previous year: 比2023年预算, 与2023年度, 较上年, 比年初预算
	reYearBasis = regexp.MustCompile(`\d{4}年|上年|去年|上一年|年初|同期|以前年度`)
	// "与2023年度相比" standing alone before the clause it governs
	reCompareClause = regexp.MustCompile(`^(?:与|较|同)[^，。；]*相比$`)
	// the previous year named inside a label: 上年收入总计, 去年预算
	rePrevYear = regexp.MustCompile(`^(.*?)(上年度|上年|去年|上一年度|上一年)(.*)$`)
	// "2024年预算安排" restating this year's amount
	reRestate = regexp.MustCompile(`^(\d{4})年度?(?:预算安排|预算数为|预算为|预算|安排)$`)
	// 决算 documents: 年初预算为 (this year's budget) and 支出决算为 (the final figure)
	reBudgetTail = regexp.MustCompile(`(?:年初)?预算(?:数)?为?$`)
	reActualTail = regexp.MustCompile(`(?:支出)?决算(?:数)?为?$`)
)

// verbSign is -1 for a decrease verb and +1 otherwise.
func verbSign(verb string) int {
	if strings.ContainsAny(verb, "减降") {
		return -1
	}
	return 1
}

// splitComparison splits "收入支出总计" / "比2023年预算" / "同比" from the text before a change
// verb or 持平: the subject named, and the basis of comparison as printed.
func splitComparison(s string) (subject, basis string) {
	if i := strings.Index(s, "同比"); i >= 0 {
		return s[:i], ""
	}
	best := -1
	for _, c := range []string{"比", "较", "与"} {
		if i := strings.Index(s, c); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	if best < 0 {
		return s, ""
	}
	return s[:best], s[best:]
}

// previousBasis reports whether the text before an amount introduces the previous year's figure
// ("上年收入总计", "比去年预算", "2023年当年预算执行数为"), and the basis it names.
func previousBasis(pre string) (string, bool) {
	s := strings.TrimSuffix(strings.TrimSuffix(pre, "为"), "是")
	if strings.HasPrefix(s, "比") || strings.HasPrefix(s, "较") {
		return s, reYearBasis.MatchString(s)
	}
	if strings.Contains(s, "执行数") {
		return s, true
	}
	if m := rePrevYear.FindStringSubmatch(s); m != nil {
		if rest := m[3]; rest == "" || strings.HasPrefix(rest, "预算") || isLabel(rest) {
			return m[2], true
		}
	}
	return "", false
}

func isLabel(s string) bool {
	keys, _ := matchLabel(s)
	return keys != nil
}
