package narrative

import (
	"budgetql/loader/model"
	"regexp"
	"strings"
	"unicode/utf8"
)

// narrativeLabel maps what the prose calls a figure to its keys.
type narrativeLabel struct {
	re   string
	keys []string
}

// labelSuffix is what may follow a label before its amount: "财政拨款支出年初预算为",
// "预算数为", "决算为", "预算金额".
const labelSuffix = `(?:财政拨款)?(?:支出)?(?:年初|年度)?(?:预算|决算)?(?:数)?(?:金额)?(?:安排|为|是)*$`

// narrativeLabels are the figure names of the 情况说明 templates. The label whose match starts
// first (the longest) wins: 财政拨款收入支出总计 over 收入支出总计.
var narrativeLabels = []narrativeLabel{
	{`财政拨款收入支出(?:决算)?总计`, []string{model.RowFiscalAppropriationTotal}},
	{`收入支出(?:预算|决算)?总计|收支(?:预算|决算)?总计`, []string{model.RowIncomeTotal, model.RowExpenditureTotal}},
	{`收入(?:预算|决算)?总计|收入预算`, []string{model.RowIncomeTotal}},
	{`支出(?:预算|决算)?总计|支出预算`, []string{model.RowExpenditureTotal}},
	{`财政拨款收入`, []string{model.RowFiscalAppropriation}},
	{`财政拨款支出`, []string{model.RowFiscalAppropriationExp}},
	{`一般公共预算(?:财政)?拨款支出|一般公共预算支出`, []string{model.RowGeneralPublicBudget}},
	{`政府性基金(?:预算)?(?:财政)?拨款支出|政府性基金预算支出`, []string{model.RowGovFundExpenditure}},
	{`国有资本经营预算(?:财政)?拨款支出|国有资本经营预算支出`, []string{model.RowStateCapitalExpendit}},
	{`基本支出`, []string{model.RowBasicExpenditure}},
	{`项目支出`, []string{model.RowProjectExpenditure}},
	{`三公经费`, []string{model.RowSangongTotal}},
	{`因公出国境?费用?`, []string{model.RowOverseas}},
	{`公务用?车购置及运行(?:维护)?费`, []string{model.RowVehicleTotal}},
	{`公务用?车购置费`, []string{model.RowVehiclePurchase}},
	{`公务用?车(?:用车)?运行(?:维护)?费`, []string{model.RowVehicleOperation}},
	{`公务接待费`, []string{model.RowReception}},
	{`机关运行经费`, []string{model.RowOfficeRunning}},
	{`政府采购(?:支出|预算)?(?:总额|总金额|金额)?`, []string{model.RowProcurementTotal}},
	{`政府采购货物|货物类?采购`, []string{model.RowProcurementGoods}},
	{`政府采购工程|工程类?采购`, []string{model.RowProcurementWorks}},
	{`政府采购服务|服务类?采购`, []string{model.RowProcurementServices}},
	{`面向中小企业(?:及小微企业)?(?:预留)?(?:政府)?采购(?:项目)?`, []string{model.RowProcurementSME}},
	{`(?:预留给|面向)(?:小型和微型企业|小微企业)的?(?:预留)?(?:政府)?采购(?:项目)?`, []string{model.RowProcurementMicro}},
}

// maxLabelTail is longer than any label with its suffix.
const maxLabelTail = 48

// matchLabel returns the keys and the printed name of the label that ends s, or nil.
// The name is given as printed, brackets and quotes included ("“三公”经费", "因公出国（境）费").
func matchLabel(s string) ([]string, string) {
	t, from := labelTextMap(s)
	cut := 0
	if r := []rune(t); len(r) > maxLabelTail {
		cut = len(t) - len(string(r[len(r)-maxLabelTail:]))
	}
	k, a, b := labels.find(t[cut:])
	if k < 0 {
		return nil, ""
	}
	start, end := from[cut+a], from[cut+b-1]
	_, size := utf8.DecodeRuneInString(s[end:])
	return narrativeLabels[k].keys, printedLabel(s, start, end+size)
}

// printedLabel adds the opening quote of a quoted word the label starts with: "“三公”经费".
func printedLabel(s string, start, end int) string {
	name := s[start:end]
	opens := strings.Count(name, "“") + strings.Count(name, "「")
	closes := strings.Count(name, "”") + strings.Count(name, "」")
	ascii := strings.Count(name, `"`)
	if start > 0 && (closes > opens || ascii%2 == 1) {
		if r, size := utf8.DecodeLastRuneInString(s[:start]); strings.ContainsRune("“「\"", r) {
			return s[start-size : end]
		}
	}
	return name
}

// changeVerbs are reChangeVerb's verbs; none ends in 了 or 为.
var changeVerbs = []string{"增加", "减少", "增长", "下降", "上升", "降低", "提高", "增幅", "降幅", "增", "减"}

// endsInChangeVerb is reChangeVerb.MatchString without scanning from every position.
func endsInChangeVerb(s string) bool { return changeVerbStart(s) >= 0 }

// changeVerbStart is where reChangeVerb's match starts (FindStringIndex(s)[0]; the match always
// ends at len(s)), or -1. The optional 了 and 为 can only be stripped one way since no verb ends in
// either, and at most one verb ends a given text, since no two end in the same character but 增幅
// and 降幅.
func changeVerbStart(s string) int {
	t := strings.TrimSuffix(s, "为")
	t = strings.TrimSuffix(t, "了")
	for _, v := range changeVerbs {
		if strings.HasSuffix(t, v) {
			return len(t) - len(v)
		}
	}
	return -1
}

var (
	// a change verb ending the text before an amount: "比2023年预算减少", "同比增加", "增长"
	reChangeVerb = regexp.MustCompile(`(增加|减少|增长|下降|上升|降低|提高|增幅|降幅|增|减)了?为?$`)
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
	defer func() { subject = trimDistributive(subject) }()
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
// ("上年收入总计", "比去年预算", "2023年当年预算执行数为"), the basis it names, and the figure it
// names when it names one (收入总计 in "上年收入总计").
func previousBasis(pre string) (basis, subject string, ok bool) {
	s := strings.TrimSuffix(strings.TrimSuffix(pre, "为"), "是")
	if strings.HasPrefix(s, "比") || strings.HasPrefix(s, "较") {
		return s, "", reYearBasis.MatchString(s)
	}
	if strings.Contains(s, "执行数") {
		return s, "", true
	}
	if m := prevYearMatch(s); m != nil {
		rest := strings.TrimPrefix(strings.TrimPrefix(m[3], "度"), "的")
		if rest == "" || strings.HasPrefix(rest, "预算") {
			return m[2], "", true
		}
		if keys, _ := matchLabel(rest); keys != nil {
			return m[2], rest, true
		}
	}
	return "", "", false
}

// prevYearMatch is rePrevYear.FindStringSubmatch(s), skipped when none of its year words occurs.
func prevYearMatch(s string) []string {
	if !strings.Contains(s, "上年") && !strings.Contains(s, "去年") && !strings.Contains(s, "上一年") {
		return nil
	}
	return rePrevYear.FindStringSubmatch(s)
}

// trimDistributive drops 各 / 均 / 分别 after a subject: "收入、支出决算总计各减少".
func trimDistributive(s string) string {
	for _, w := range []string{"各", "均", "分别"} {
		s = strings.TrimSuffix(s, w)
	}
	return s
}
