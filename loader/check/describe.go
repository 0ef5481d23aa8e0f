package check

import (
	"budgetql/loader/model"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// describe gives a failed or repaired check what a person needs to act on it: a severity, a
// sentence in Chinese and in English about the printed numbers and the rule, and, for a sum, the
// value the parts give. A check that holds, or holds within rounding, is no finding.
func (id *identity) describe(doc *model.Document, c *model.Check, cur outcome) {
	if c.Result == model.CheckFailed || c.Result == model.CheckRepaired || c.Result == model.CheckRounding {
		c.Cells = id.cells()
	}
	switch c.Result {
	case model.CheckRepaired:
		id.describeRepaired(doc, c)
	case model.CheckFailed:
		id.describeFailed(doc, c, cur)
	}
}

// cells are the figures the identity reads, printed or not.
func (id *identity) cells() []model.CellRef {
	out := make([]model.CellRef, 0, len(id.terms))
	for _, t := range id.terms {
		if t.amt != nil {
			out = append(out, model.CellRef{Table: t.table, Row: t.code, Column: t.col, Line: t.line})
		}
	}
	return out
}

func (id *identity) describeFailed(doc *model.Document, c *model.Check, cur outcome) {
	want := id.want()
	c.Severity = id.severity(cur)
	rule, ruleEN := ruleChinese(id), id.rule
	wantZH, wantEN := figureName(doc, want), want.label()
	if isBlank(want) {
		c.Message = fmt.Sprintf("%s未填列（空白），而%s为 %s。规则：%s。", wantZH, partsName(doc, id), money(cur.actual, want), rule)
		c.MessageEN = fmt.Sprintf("%s is printed blank, but %s come to %s. Rule: %s.", wantEN, partsNameEN(id), moneyEN(cur.actual, want), ruleEN)
	} else {
		diff := cur.expected.Sub(cur.actual)
		more, moreEN := "多", "more"
		if diff.IsNegative() {
			more, moreEN = "少", "less"
		}
		c.Message = fmt.Sprintf("%s印为 %s，而%s为 %s，%s %s。规则：%s。", wantZH, printedOf(want), partsName(doc, id),
			money(cur.actual, want), more, money(diff.Abs(), want), rule)
		c.MessageEN = fmt.Sprintf("%s is printed as %s, %s %s than %s, which come to %s. Rule: %s.", wantEN, printedOfEN(want),
			moneyEN(diff.Abs(), want), moreEN, partsNameEN(id), moneyEN(cur.actual, want), ruleEN)
	}
	if id.compare {
		return // either side may be the wrong one, or neither
	}
	c.Suggestion = "按" + partsShort(doc, id) + "应为 " + money(cur.actual, want)
	c.SuggestionEN = "by " + partsShortEN(id) + ", should be " + moneyEN(cur.actual, want)
}

func (id *identity) describeRepaired(doc *model.Document, c *model.Check) {
	c.Severity = model.SeverityInfo
	for _, t := range id.terms {
		if t.amt == nil || t.amt.Status != model.StatusRepaired {
			continue
		}
		c.Message = fmt.Sprintf("%s印为“%s”，位数不全；按规则“%s”应为 %s，已按此修复并记录。", figureName(doc, t), t.amt.Printed,
			ruleChinese(id), money(t.amt.Yuan, t))
		c.MessageEN = fmt.Sprintf("%s is printed as %q, with digits missing; the rule %q gives %s, recorded as a repair.",
			t.label(), t.amt.Printed, id.rule, moneyEN(t.amt.Yuan, t))
		c.Suggestion = "应为 " + money(t.amt.Yuan, t)
		c.SuggestionEN = "should be " + moneyEN(t.amt.Yuan, t)
		return
	}
}

// severity grades a failed identity: totals that do not balance are critical; a comparison that
// may legitimately differ is low when the 三公 item exceeds its basic-expenditure subject (project
// money may pay it) and high when it falls short; any other sum that fails is high.
func (id *identity) severity(cur outcome) model.Severity {
	switch {
	case strings.HasPrefix(id.id, "cross:sangong_"):
		if cur.expected.GreaterThan(cur.actual) {
			return model.SeverityLow
		}
		return model.SeverityHigh
	case balancing(id.id):
		return model.SeverityCritical
	}
	return model.SeverityHigh
}

// balancing reports the identities by which a summary balances: 收入总计 = 支出总计 and each total
// = this year's + carry-over.
func balancing(id string) bool {
	for _, s := range []string{":balance", ":income_total", ":expenditure_total", ":fund_balance"} {
		if strings.Contains(id, s) && (strings.HasPrefix(id, "summary:") || strings.HasPrefix(id, "appropriation:")) {
			return true
		}
	}
	return false
}

// figureName names a figure in Chinese: 《table title》row [column].
func figureName(doc *model.Document, t term) string {
	name := strings.TrimSpace(t.name)
	if subjectCode(t.code) && !strings.HasPrefix(name, t.code) {
		name = strings.TrimSpace(t.code + " " + name)
	}
	if name == "" {
		name = rowChinese[t.code]
	}
	col := ""
	if t.col != "" && t.col != model.ColTotal && t.col != model.ColValue {
		col = "（" + columnChinese(t.col) + "）"
	}
	return tableChinese(doc, t.table) + name + col
}

// tableChinese is a table's printed title in 《》, or its standard name.
func tableChinese(doc *model.Document, id model.TableID) string {
	if id == model.TableNarrative {
		return "情况说明中"
	}
	if tab := doc.Table(id); tab != nil && strings.TrimSpace(tab.Title) != "" {
		return "《" + strings.TrimSpace(tab.Title) + "》"
	}
	if n := standardTitles[id]; n != "" {
		return "《" + n + "》"
	}
	return "《" + string(id) + "》"
}

// partsName names an identity's parts in Chinese: the one figure compared, the columns of the
// same row, the items under a subject, or the figures themselves when few.
func partsName(doc *model.Document, id *identity) string {
	var printed []term
	for _, p := range id.parts() {
		if p.amt != nil {
			printed = append(printed, p)
		}
	}
	if len(printed) == 1 {
		return partName(doc, id, printed[0])
	}
	if len(printed) > 3 || strings.HasPrefix(id.id, "row:") || strings.HasPrefix(id.id, "tree:") {
		return partsShort(doc, id)
	}
	names := make([]string, 0, len(printed))
	for _, p := range printed {
		names = append(names, partName(doc, id, p))
	}
	return strings.Join(names, "、") + "之和"
}

// partName names a part, without its table when it is the table of the figure it sums to.
func partName(doc *model.Document, id *identity, p term) string {
	name := figureName(doc, p)
	if p.table == id.want().table {
		return strings.TrimPrefix(name, tableChinese(doc, p.table))
	}
	return name
}

// partsShort names the parts briefly: "同行基本支出、项目支出之和", "其下 4 项之和".
func partsShort(doc *model.Document, id *identity) string {
	var cols []string
	n := 0
	for _, p := range id.parts() {
		if p.amt != nil {
			n++
			cols = append(cols, columnChinese(p.col))
		}
	}
	switch {
	case strings.HasPrefix(id.id, "row:"):
		return "同行" + strings.Join(cols, "、") + "之和"
	case strings.HasPrefix(id.id, "tree:"):
		return fmt.Sprintf("其下 %d 项之和", n)
	case n == 1:
		for _, p := range id.parts() {
			if p.amt != nil {
				return partName(doc, id, p)
			}
		}
	}
	return fmt.Sprintf(" %d 项之和", n)
}

func partsNameEN(id *identity) string {
	parts := id.parts()
	if len(parts) == 1 {
		return parts[0].label()
	}
	return partsShortEN(id)
}

func partsShortEN(id *identity) string {
	n := 0
	for _, p := range id.parts() {
		if p.amt != nil {
			n++
		}
	}
	if n == 1 {
		return "the figure it is compared with"
	}
	return fmt.Sprintf("its %d parts", n)
}

// printedOf is a figure as printed, with its unit.
func printedOf(t term) string {
	if t.amt == nil {
		return ""
	}
	return strings.TrimSpace(t.amt.Printed) + unitSuffix(t.amt.Unit)
}

// printedOfEN is printedOf with the unit in English.
func printedOfEN(t term) string {
	if t.amt == nil {
		return ""
	}
	if t.amt.Unit == model.TenThous {
		return strings.TrimSpace(t.amt.Printed) + " wan yuan"
	}
	return strings.TrimSpace(t.amt.Printed) + " yuan"
}

// money prints a yuan value in the unit and style the term was printed in: 万元 with its decimals,
// 元 as printed, with thousands separators where the term has them.
func money(yuan decimal.Decimal, t term) string {
	unit, places, commas := model.Yuan, int32(2), true
	if t.amt != nil {
		unit = t.amt.Unit
		places = int32(printedPlaces(t.amt.Printed, unit))
		commas = strings.Contains(t.amt.Printed, ",") || !strings.ContainsAny(t.amt.Printed, "0123456789")
	}
	v := yuan
	if unit == model.TenThous {
		v = yuan.Shift(-4)
	}
	s := v.StringFixed(max(places, 0))
	if v.Exponent() < -places && !v.Round(places).Equal(v) {
		s = v.String() // more digits than the figure prints: keep them
	}
	if commas {
		s = groupThousands(s)
	}
	return s + unitSuffix(unit)
}

// printedPlaces is the number of decimals a printed figure shows (2 for a 万元 figure printed
// without any).
func printedPlaces(printed string, unit model.Unit) int {
	k, dot, ok := printedDecimals(printed)
	switch {
	case ok && dot:
		return k
	case unit == model.TenThous:
		return 2
	}
	return 0
}

// moneyEN is money with the unit in English.
func moneyEN(yuan decimal.Decimal, t term) string {
	s := money(yuan, t)
	if strings.HasSuffix(s, " 万元") {
		return strings.TrimSuffix(s, " 万元") + " wan yuan (10,000 yuan)"
	}
	return strings.TrimSuffix(s, " 元") + " yuan"
}

func unitSuffix(u model.Unit) string {
	if u == model.TenThous {
		return " 万元"
	}
	return " 元"
}

// groupThousands puts commas between groups of three digits of the integer part.
func groupThousands(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if hasFrac {
		return sign + b.String() + "." + frac
	}
	return sign + b.String()
}

// subjectCode reports a classification code (all digits).
func subjectCode(code string) bool { return allDigits(code) }
