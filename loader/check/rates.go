package check

import (
	"budgetql/loader/model"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// The prose states completion rates ("完成年初预算的98.20%"), shares ("占99.79%") and comparisons
// ("决算数小于预算数"); each is recomputed from the figures the same passage states.

var (
	// reCompletion: 完成年初预算的98.20%, 完成预算0万元的0%.
	reCompletion = regexp.MustCompile(`完成(?:年初|全年)?预算(?:数)?(?:` + num + `(万元|元))?的` + num + `%`)
	reBudgetFig  = regexp.MustCompile(`预算(?:数)?(?:为|是|[:：])?` + num + `(万元|元)`)
	reActualFig  = regexp.MustCompile(`(?:决算(?:数)?|执行数|实际支出)(?:为|是|[:：])?` + num + `(万元|元)`)
	reDirection  = regexp.MustCompile(`决算数?(大于|小于|等于|高于|低于|超过)(?:年初)?预算数?`)
	// A share: "2940.05万元，占99.79%", read around each 占: the figure before it, the rate after.
	reShareFigure = regexp.MustCompile(num + `(万元|元)[，,]?$`)
	reShareRate   = regexp.MustCompile(`^([^\d，,。；;%]{0,16}?)的?` + num + `%`)
)

var hundred = decimal.NewFromInt(100)

// reStatedAmount is a figure stated right after its label: "为2940.05万元".
var reStatedAmount = regexp.MustCompile(`^(?:为|是|[:：])?` + num + `(万元|元)`)

// rateIssues recomputes the completion rates, comparisons and shares the prose states.
func rateIssues(doc *model.Document, p *prose) []model.Issue {
	var out []model.Issue
	out = append(out, completionIssues(p)...)
	out = append(out, directionIssues(p)...)
	out = append(out, shareIssues(doc, p)...)
	return out
}

// completionIssues: 完成预算的 P% = 决算 / 预算, the two figures taken from the same clause (back
// to the previous rate stated, or the sentence's start).
func completionIssues(p *prose) []model.Issue {
	var out []model.Issue
	prev := 0
	for _, m := range reCompletion.FindAllStringSubmatchIndex(p.text, -1) {
		from := max(prev, p.sentenceStart(m[0]))
		prev = m[1]
		ctx := p.text[from:m[0]]
		budget, ok := amountIn(p, from, ctx, reBudgetFig)
		if m[2] >= 0 {
			budget, ok = p.amountAt(m[2], m[3], m[4], m[5])
		}
		actual, aok := amountIn(p, from, ctx, reActualFig)
		stated, sok := percentAt(p, m[6], m[7])
		if !ok || !aok || !sok {
			continue
		}
		line := p.line(m[6]) // the rate as printed
		if budget.yuan.IsZero() {
			if actual.yuan.IsZero() {
				continue // 0 of 0: nothing to say
			}
			out = append(out, rateIssue(model.SeverityMedium, p.line(budget.at), // the zero base
				fmt.Sprintf("情况说明称完成预算的 %s%%，但预算为 %s，决算为 %s：预算为零时完成率无从计算。", stated.printed, amountText(budget), amountText(actual)),
				fmt.Sprintf("the prose states %s%% of the budget completed, but the budget is %s and the actual %s: no rate of a zero budget.", stated.printed, amountTextEN(budget), amountTextEN(actual)),
				"删去完成率，或说明预算为零的原因", "drop the rate, or explain the zero budget"))
			continue
		}
		if ratioFits(actual, budget, stated) {
			continue
		}
		want := ratioText(actual, budget, stated.places)
		out = append(out, rateIssue(model.SeverityMedium, line,
			fmt.Sprintf("情况说明称完成预算的 %s%%，而决算 %s ÷ 预算 %s = %s%%。规则：完成率 = 决算数 ÷ 预算数。", stated.printed, amountText(actual), amountText(budget), want),
			fmt.Sprintf("the prose states %s%% of the budget completed, but actual %s ÷ budget %s = %s%%.", stated.printed, amountTextEN(actual), amountTextEN(budget), want),
			"应为 "+want+"%", "should be "+want+"%"))
	}
	return out
}

// directionIssues: 决算数大于/小于/等于预算数 against the budget and actual the passage states
// before it (back to the previous such statement).
func directionIssues(p *prose) []model.Issue {
	var out []model.Issue
	prev := 0
	for _, m := range reDirection.FindAllStringSubmatchIndex(p.text, -1) {
		from := max(prev, m[0]-600)
		prev = m[1]
		ctx := p.text[from:m[0]]
		budget, ok := amountIn(p, from, ctx, reBudgetFig)
		actual, aok := amountIn(p, from, ctx, reActualFig)
		if !ok || !aok || actual.at < budget.at && strings.Contains(p.text[actual.at:budget.at], "。") {
			continue
		}
		said := p.text[m[2]:m[3]]
		c := actual.yuan.Cmp(budget.yuan)
		right := map[string]bool{"大于": c > 0, "高于": c > 0, "超过": c > 0, "小于": c < 0, "低于": c < 0, "等于": c == 0}[said]
		if right {
			continue
		}
		truth := map[int]string{1: "大于", -1: "小于", 0: "等于"}[c]
		truthEN := map[int]string{1: "above", -1: "below", 0: "equal to"}[c]
		out = append(out, model.Issue{Kind: model.IssueStatedDirection, Line: p.line(m[2]),
			Detail: fmt.Sprintf("the prose says the actual is %s the budget, but it states actual %s against budget %s", said, amountTextEN(actual), amountTextEN(budget)),
			Finding: model.Finding{Severity: model.SeverityMedium,
				Message:      fmt.Sprintf("情况说明称“决算数%s预算数”，而同段所述决算 %s、预算 %s，决算数%s预算数。", said, amountText(actual), amountText(budget), truth),
				MessageEN:    fmt.Sprintf("The prose says the actual is %s the budget, but the same passage states actual %s against budget %s: the actual is %s the budget.", directionEN[said], amountTextEN(actual), amountTextEN(budget), truthEN),
				Suggestion:   "应为“决算数" + truth + "预算数”",
				SuggestionEN: "should say the actual is " + truthEN + " the budget"}})
	}
	return out
}

var directionEN = map[string]string{"大于": "above", "高于": "above", "超过": "above", "小于": "below", "低于": "below", "等于": "equal to"}

// shareIssues: "X万元，占P%" against the figures of its section: some figure stated there (or the
// one its label names) must give P. When none does, the finding computes it from the base the
// label names, else from the section's first figure.
func shareIssues(doc *model.Document, p *prose) []model.Issue {
	var out []model.Issue
	for _, m := range shares(p) {
		part, ok := p.amountAt(m[2], m[3], m[4], m[5])
		stated, sok := percentAt(p, m[8], m[9])
		if !ok || !sok || part.yuan.IsZero() {
			continue
		}
		label := strings.TrimSuffix(p.text[m[6]:m[7]], "的")
		named := atLeast(namedBases(doc, p, label), part)
		bases := append(named, atLeast(p.amountsIn(p.sectionStart(m[0]), m[0]), part)...)
		if len(bases) == 0 || len([]rune(label)) >= 2 && len(named) == 0 {
			continue // no base to judge by: the share names a total the document does not state
		}
		if slices.ContainsFunc(bases, func(b amount) bool { return ratioFits(part, b, stated) }) {
			continue
		}
		base := bases[0]
		if len(named) == 0 {
			base = headOf(p, m[0], bases)
		}
		want := ratioText(part, base, stated.places)
		out = append(out, rateIssue(model.SeverityMedium, p.line(m[8]),
			fmt.Sprintf("情况说明称 %s 占 %s%%，而 %s ÷ %s = %s%%，同节所述其他数也都得不出 %s%%。规则：占比 = 该项 ÷ 总数。", amountText(part), stated.printed,
				amountText(part), amountText(base), want, stated.printed),
			fmt.Sprintf("the prose gives %s as %s%%, but %s ÷ %s = %s%%, and no other figure of the section gives %s%%.", amountTextEN(part), stated.printed,
				amountTextEN(part), amountTextEN(base), want, stated.printed),
			"应为 "+want+"%（以 "+amountText(base)+" 为总数）", "should be "+want+"% (of "+amountTextEN(base)+")"))
	}
	return out
}

// shares finds each share the prose states, as reShare's submatch indexes would give them: the
// whole, the figure and its unit, the label of the base, the rate.
func shares(p *prose) [][]int {
	var out [][]int
	for from := 0; ; {
		i := strings.Index(p.text[from:], "占")
		if i < 0 {
			return out
		}
		at := from + i
		from = at + len("占")
		back := max(at-40, 0)
		f := reShareFigure.FindStringSubmatchIndex(p.text[back:at])
		r := reShareRate.FindStringSubmatchIndex(p.text[from:])
		if f == nil || r == nil {
			continue
		}
		out = append(out, []int{back + f[0], from + r[1], back + f[2], back + f[3], back + f[4], back + f[5],
			from + r[2], from + r[3], from + r[4], from + r[5]})
	}
}

// namedBases are the figures the label of a share names ("占本年支出合计的"): stated in the prose
// right after that label, or the summary's total of that name.
func namedBases(doc *model.Document, p *prose, label string) []amount {
	label = strings.TrimSuffix(strings.TrimSpace(label), "的")
	if len([]rune(label)) < 2 {
		return nil
	}
	var out []amount
	for from := 0; ; {
		i := strings.Index(p.text[from:], label)
		if i < 0 {
			break
		}
		at := from + i + len(label)
		if m := reStatedAmount.FindStringSubmatchIndex(p.text[at:]); m != nil {
			if a, ok := p.amountAt(at+m[2], at+m[3], at+m[4], at+m[5]); ok {
				out = append(out, a)
			}
		}
		from = at
	}
	if sum := doc.Table(model.TableSummary); sum != nil {
		for code, name := range map[string]string{model.RowIncomeCurrent: "本年收入", model.RowExpenditureCurrent: "本年支出",
			model.RowIncomeTotal: "收入总计", model.RowExpenditureTotal: "支出总计"} {
			if r := sum.Row(code); r != nil && strings.Contains(label, name) {
				if a, ok := r.Cell(model.ColTotal); ok && !a.IsBlank() {
					out = append(out, amount{printed: a.Printed, yuan: a.Yuan, unit: a.Unit})
				}
			}
		}
	}
	return out
}

// atLeast keeps the figures not smaller than part (a share's possible bases).
func atLeast(as []amount, part amount) []amount {
	var out []amount
	for _, a := range as {
		if a.yuan.GreaterThanOrEqual(part.yuan) && a.yuan.IsPositive() {
			out = append(out, a)
		}
	}
	return out
}

// headOf is the base a share most likely means: the figure before "其中" in its sentence, else
// the largest figure of its section.
func headOf(p *prose, at int, bases []amount) amount {
	start := p.sentenceStart(at)
	if i := strings.Index(p.text[start:at], "其中"); i >= 0 {
		for j := len(bases) - 1; j >= 0; j-- {
			if bases[j].at >= start && bases[j].at < start+i {
				return bases[j]
			}
		}
	}
	return largest(bases)
}

func largest(as []amount) amount {
	best := as[0]
	for _, a := range as[1:] {
		if a.yuan.GreaterThan(best.yuan) {
			best = a
		}
	}
	return best
}

// percent is a percentage as printed.
type percent struct {
	printed string
	value   decimal.Decimal
	places  int32
}

func percentAt(p *prose, s, e int) (percent, bool) {
	v, err := decimal.NewFromString(strings.ReplaceAll(p.text[s:e], ",", ""))
	if err != nil {
		return percent{}, false
	}
	places := int32(0)
	if i := strings.IndexByte(p.text[s:e], '.'); i >= 0 {
		places = int32(e - s - i - 1)
	}
	return percent{printed: p.text[s:e], value: v, places: places}, true
}

// amountIn is the last figure re finds in ctx (which starts at byte from of the prose).
func amountIn(p *prose, from int, ctx string, re *regexp.Regexp) (amount, bool) {
	ms := re.FindAllStringSubmatchIndex(ctx, -1)
	if len(ms) == 0 {
		return amount{}, false
	}
	m := ms[len(ms)-1]
	return p.amountAt(from+m[2], from+m[3], from+m[4], from+m[5])
}

// ratioFits reports whether part ÷ base × 100 can print as stated: each figure may be off by
// half a unit of its last printed digit, and the rate by one unit of its own (some documents cut
// rather than round).
func ratioFits(part, base amount, stated percent) bool {
	hp, hb := halfUnit(part), halfUnit(base)
	if base.yuan.Sub(hb).Sign() <= 0 {
		return false
	}
	lo := part.yuan.Sub(hp).Mul(hundred).Div(base.yuan.Add(hb))
	hi := part.yuan.Add(hp).Mul(hundred).Div(base.yuan.Sub(hb))
	unit := decimal.New(1, -stated.places)
	return stated.value.GreaterThanOrEqual(lo.Sub(unit)) && stated.value.LessThanOrEqual(hi.Add(unit))
}

// ratioText is part ÷ base × 100 to the places the stated rate prints.
func ratioText(part, base amount, places int32) string {
	return part.yuan.Mul(hundred).DivRound(base.yuan, places+2).StringFixed(places)
}

// halfUnit is half a unit of a figure's last printed digit, in yuan.
func halfUnit(a amount) decimal.Decimal {
	places := int32(0)
	if i := strings.IndexByte(a.printed, '.'); i >= 0 {
		places = int32(len(a.printed) - i - 1)
	}
	h := decimal.New(5, -places-1)
	if a.unit == model.TenThous {
		h = h.Shift(4)
	}
	return h
}

func amountText(a amount) string {
	if a.unit == model.TenThous {
		return a.printed + " 万元"
	}
	return a.printed + " 元"
}

func amountTextEN(a amount) string {
	if a.unit == model.TenThous {
		return a.printed + " wan yuan"
	}
	return a.printed + " yuan"
}

// rateIssue is a stated rate the figures do not give.
func rateIssue(sev model.Severity, line int, zh, en, sugZH, sugEN string) model.Issue {
	return model.Issue{Kind: model.IssueStatedRate, Line: line, Detail: en,
		Finding: model.Finding{Severity: sev, Message: zh, MessageEN: upperFirst(en), Suggestion: sugZH, SuggestionEN: sugEN}}
}

func upperFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
