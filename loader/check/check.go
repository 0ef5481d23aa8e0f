// Package check judges a document's accounting identities: it resolves mangled economic codes,
// builds every identity the tables and narrative allow, repairs the truncated cells the identities
// determine (recording each repair), and records one model.Check per identity.
package check

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Run resolves mangled economic codes, builds every accounting identity the document's tables
// and narrative allow, repairs truncated cells the identities determine, and records one Check per
// identity. Repairs are made first so that every check is judged on the final values; a check that
// does not hold as printed and holds after a repair reports CheckRepaired.
//
// Check ids (stable across runs):
//
//	summary:… appropriation:…       income_sources, fiscal_appropriation, carry_in, income_total,
//	                                balance, expenditure_total, classes:<column>
//	tree:<table>:<code>:<column>    a subject = Σ its children; <code> "total" for 合计 = Σ top rows;
//	                                personnel_total / public_use_total in 决算 economic tables
//	row:<table>:<code>:<identity>   basic_project, basic_split, personnel_public, sources, current,
//	                                carryover, funds
//	sangong:total:<column>, sangong:vehicle:<column>
//	cross:expenditure_funds, cross:economic_basic:<column>, cross:sangong_reception,
//	cross:summary_expenditure, cross:income_table, cross:class:<code>, cross:procurement,
//	cross:narrative:<key or subject code>
//	project:<category code>, project:total
//	narrative:sangong, narrative:vehicle, narrative:procurement_split
//
// It then reads the printed text for what the identities cannot see (issues, each with its
// finding): standard tables missing or left empty without a note, a blank 三公 table against the
// prose, completion rates, shares and comparisons the prose states, and template placeholders.
func Run(doc *model.Document, lines []text.Line) {
	resolveCodes(doc)
	ids := buildIdentities(doc)
	gen := 1 // the repair generation: values change only by repairs
	for round := 0; round < 3; round++ {
		n := repairAll(doc, ids, gen)
		if n == 0 {
			break
		}
		gen += n
	}
	for round := 0; round < 3; round++ {
		n := repairReadings(doc, ids)
		if n == 0 {
			break
		}
		gen += n
	}
	first := len(doc.Checks)
	for _, id := range ids {
		doc.Checks = append(doc.Checks, id.check(doc, gen))
	}
	numberRepeated(doc.Checks[first:])
	doc.Issues = append(doc.Issues, printedIssues(doc, lines)...)
}

// printedIssues are the findings of the printed text.
func printedIssues(doc *model.Document, lines []text.Line) []model.Issue {
	p := newProse(doc, lines)
	var out []model.Issue
	out = append(out, presenceIssues(doc, lines, p)...)
	out = append(out, rateIssues(doc, p)...)
	out = append(out, templateIssues(doc, lines, p)...)
	return out
}

// term is one figure an identity reads: a table cell or a narrative value.
type term struct {
	amt       *model.Amount // nil when the cell is not printed at all
	table     model.TableID
	code      string // row code or narrative key
	name      string
	col       string
	line      int
	narrative bool
	from      string // where a filled (derived) row came from
}

// label names the term in rules and details, e.g. "221 住房保障支出".
func (t term) label() string {
	s := t.code
	if t.name != "" && t.name != t.code {
		s += " " + t.name
	}
	if t.col != "" && t.col != model.ColTotal && t.col != model.ColValue {
		s += " [" + t.col + "]"
	}
	return strings.TrimSpace(s)
}

// value returns the term's value in yuan; ok is false for an absent or blank cell. With printed
// set, a repaired cell gives the value it was printed with.
func (t term) value(printed bool) (decimal.Decimal, bool) { return amountValue(t.amt, printed) }

// amountValue is term.value for an amount (nil when not printed).
func amountValue(amt *model.Amount, printed bool) (decimal.Decimal, bool) {
	if amt == nil || amt.IsBlank() {
		return decimal.Zero, false
	}
	if printed && amt.Status == model.StatusRepaired {
		a, err := text.ParseAmount(amt.Printed, amt.Unit)
		if err != nil || a.IsBlank() {
			return decimal.Zero, false
		}
		return a.Yuan, true
	}
	return amt.Yuan, true
}

// identity is want = Σ parts.
type identity struct {
	id, rule string
	table    model.TableID
	terms    []term // want, then the parts
	compare  bool   // a comparison that may legitimately differ: never repaired
	addends  int32  // rounding allowance in addends when > 0 (else counted from the parts)
	// guard, when set, explains a failure that the identity's precondition excuses.
	guard  func(o outcome) (model.CheckResult, string)
	detail string
	note   string // why the last repair attempt made no repair
	// presumes names identities a comparison across tables takes for granted (a row that adds up
	// across its columns): when one fails, the figures are misprinted or misread in a way this one
	// cannot tell apart, so it is not judged. premises are those identities, found by Run.
	presumes []string
	premises []*identity

	last    outcome // eval(false) as of repair generation lastGen (0: never evaluated)
	lastGen int
}

// newIdentity is want = Σ parts.
func newIdentity(id, rule string, table model.TableID, want term, parts []term) *identity {
	terms := make([]term, 0, 1+len(parts))
	return &identity{id: id, rule: rule, table: table, terms: append(append(terms, want), parts...)}
}

// want is the figure the parts should sum to.
func (id *identity) want() term { return id.terms[0] }

// parts are the figures summed.
func (id *identity) parts() []term { return id.terms[1:] }

// outcome is an identity evaluated once.
type outcome struct {
	result           model.CheckResult
	expected, actual decimal.Decimal
	detail           string
}

var halfCent = decimal.NewFromInt(50) // 0.005 万元 in yuan

// roundingTolerance is halfCent × n.
func roundingTolerance(n int) decimal.Decimal { return halfCent.Mul(decimal.NewFromInt(int64(n))) }

// eval evaluates the identity on current values, or on printed values when printed is set.
func (id *identity) eval(printed bool) outcome {
	wt := id.want()
	want, wok := wt.value(printed)
	var sum decimal.Decimal
	present, wanParts := 0, 0
	for _, p := range id.parts() {
		v, ok := p.value(printed)
		if !ok {
			continue
		}
		present++
		sum = sum.Add(v)
		if !v.IsZero() {
			wanParts += roundingAddends(p)
		}
	}
	o := outcome{expected: want, actual: sum}
	if !wok || present == 0 {
		o.result, o.detail = blankOutcome(wt, wok, present, sum)
		return o
	}
	if want.Equal(sum) {
		o.result = model.CheckPass
		return o
	}
	n := wanParts
	if id.addends > 0 && (wanParts > 0 || roundingAddends(wt) > 0) {
		n = int(id.addends)
	}
	if n == 0 && roundingAddends(wt) > 0 {
		n = roundingAddends(wt)
	}
	if n == 1 && wanParts == 1 && roundingAddends(wt) > 0 {
		n = 2 // two figures printed in 万元, each rounded on its own
	}
	tol := roundingTolerance(n)
	if wt.narrative {
		tol = decimal.Max(tol, narrativeAllowance(wt))
	}
	diff := want.Sub(sum).Abs()
	switch {
	case diff.LessThanOrEqual(tol):
		o.result = model.CheckRounding
		o.detail = fmt.Sprintf("the parts sum to %s against %s printed: %s yuan, within rounding of %d figures printed in 万元 (±%s yuan)",
			yuanText(sum), yuanText(want), diff.String(), n, tol.String())
	default:
		o.result = model.CheckFailed
		o.detail = fmt.Sprintf("%s is %s but the parts sum to %s (difference %s yuan)", wt.label(), yuanText(want), yuanText(sum), want.Sub(sum).String())
	}
	return o
}

// blankOutcome judges an identity whose expected cell or every part is blank: blank cells are
// absent, not zero.
func blankOutcome(wt term, wok bool, present int, sum decimal.Decimal) (model.CheckResult, string) {
	switch {
	case !wok && present == 0:
		return model.CheckNotApplicable, "all cells blank or not printed"
	case !wok && sum.IsZero():
		return model.CheckNotApplicable, fmt.Sprintf("%s not printed; its parts are zero", wt.label())
	case !wok:
		return model.CheckFailed, fmt.Sprintf("%s printed blank but its parts sum to %s", wt.label(), yuanText(sum))
	}
	return model.CheckNotApplicable, "every part is blank or not printed"
}

// roundingAddends is how many 0.005万 a figure's rounding may hide: one per figure printed in 万元.
func roundingAddends(t term) int { return amountAddends(t.amt) }

func amountAddends(a *model.Amount) int {
	if a != nil && a.Unit == model.TenThous {
		return max(a.Sums, 1) // a derived sum carries the rounding of every figure it adds
	}
	return 0
}

// narrativeAllowance is half a unit of the last digit a narrative figure prints ("25万" → 5000 yuan).
func narrativeAllowance(t term) decimal.Decimal {
	if t.amt == nil || t.amt.Unit != model.TenThous {
		return decimal.Zero
	}
	n, err := text.NormalizeNumber(t.amt.Printed)
	if err != nil {
		return halfCent
	}
	d := decimals(n)
	return decimal.New(5, int32(3-d)) // 0.5 × 10^-d 万 = 5 × 10^(3-d) yuan
}

// result judges the identity on current values, or on printed values when printed is set.
func (id *identity) result(printed bool) model.CheckResult { return id.eval(printed).result }

// current is eval(false), evaluated once per repair generation gen (≥ 1).
func (id *identity) current(gen int) outcome {
	if id.lastGen != gen {
		id.last, id.lastGen = id.eval(false), gen
	}
	return id.last
}

// check turns the identity into a Check, judging printed and current values as of repair
// generation gen.
func (id *identity) check(doc *model.Document, gen int) model.Check {
	cur := id.current(gen)
	c := model.Check{ID: model.CheckID(id.id), Rule: id.rule, Table: id.table, Result: cur.result,
		Expected: cur.expected, Actual: cur.actual, Detail: cur.detail, Lines: id.lines()}
	repaired, derived := id.statuses()
	if repaired && (cur.result == model.CheckPass || cur.result == model.CheckRounding) {
		if id.result(true) != model.CheckPass {
			c.Result = model.CheckRepaired
			c.Detail = joinDetail(id.repairedDetail(), cur.detail)
		}
	}
	if cur.result == model.CheckFailed && id.guard != nil {
		if r, d := id.guard(cur); r != "" {
			c.Result, c.Detail = r, joinDetail(d, cur.detail)
		}
	}
	if c.Result == model.CheckFailed && id.compare && isBlank(id.want()) {
		c.Result, c.Detail = model.CheckNotApplicable, joinDetail(id.want().label()+" printed blank: not compared", cur.detail)
	}
	if c.Result == model.CheckFailed {
		if p := id.failedPremise(gen); p != "" {
			c.Result, c.Detail = model.CheckNotApplicable, joinDetail("not judged: "+p+" does not hold itself", cur.detail)
		}
	}
	c.Detail = joinDetail(c.Detail, id.detail)
	if c.Result == model.CheckFailed || c.Result == model.CheckRounding {
		c.Detail = joinDetail(c.Detail, id.note)
	}
	if derived {
		c.Detail = joinDetail(c.Detail, id.derivedDetail())
	}
	id.describe(doc, &c, cur)
	return c
}

// lines are the distinct input lines the identity read, in order (nil for none).
func (id *identity) lines() []int {
	out := make([]int, 0, len(id.terms))
	for _, t := range id.terms {
		if t.line > 0 {
			out = append(out, t.line)
		}
	}
	if len(out) == 0 {
		return nil
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// statuses reports whether any term's amount is repaired, and whether any is derived.
func (id *identity) statuses() (repaired, derived bool) {
	for _, t := range id.terms {
		if t.amt != nil {
			repaired = repaired || t.amt.Status == model.StatusRepaired
			derived = derived || t.amt.Status == model.StatusDerived
		}
	}
	return repaired, derived
}

// failedPremise names the first presumed identity that fails, or "".
func (id *identity) failedPremise(gen int) string {
	for _, p := range id.premises {
		if p.current(gen).result == model.CheckFailed {
			return p.id
		}
	}
	return ""
}

// linkPremises finds the identities each identity presumes.
func linkPremises(ids []*identity) {
	byID := make(map[string]*identity, len(ids))
	for _, id := range ids {
		if _, ok := byID[id.id]; !ok {
			byID[id.id] = id
		}
	}
	for _, id := range ids {
		for _, name := range id.presumes {
			if p := byID[name]; p != nil {
				id.premises = append(id.premises, p)
			}
		}
	}
}

// numberRepeated gives a check id met before "#n", n its occurrence (a code printed twice in one
// table).
func numberRepeated(checks []model.Check) {
	seen := map[model.CheckID]int{}
	for i := range checks {
		id := checks[i].ID
		seen[id]++
		if n := seen[id]; n > 1 {
			checks[i].ID = id + model.CheckID("#"+strconv.Itoa(n))
		}
	}
}

func (id *identity) repairedDetail() string {
	var s []string
	for _, t := range id.terms {
		if t.amt != nil && t.amt.Status == model.StatusRepaired {
			s = append(s, fmt.Sprintf("%s printed %q repaired to %s", t.label(), t.amt.Printed, yuanText(t.amt.Yuan)))
		}
	}
	return "does not hold exactly as printed; " + strings.Join(s, "; ")
}

func (id *identity) derivedDetail() string {
	var s []string
	for _, t := range id.terms {
		if t.amt != nil && t.amt.Status == model.StatusDerived {
			note := t.amt.Note
			if note == "" {
				note = "not printed"
			}
			d := fmt.Sprintf("%s %s is derived (%s)", t.label(), yuanText(t.amt.Yuan), note)
			if t.from != "" {
				d = fmt.Sprintf("%s %s is not printed in the table: the row was filled from %s (%s)", t.label(), yuanText(t.amt.Yuan), t.from, note)
			}
			s = append(s, d)
		}
	}
	return strings.Join(s, "; ")
}

func joinDetail(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "; " + b
}

// yuanText prints a yuan value with its 万元 equivalent: "82700 yuan (8.27万)".
func yuanText(v decimal.Decimal) string {
	wan := v.Shift(-4) // exact, as Div gives it to 16 decimals
	if v.Exponent()-4 < -16 {
		wan = v.Div(text.TenThousand)
	}
	return v.String() + " yuan (" + wan.String() + "万)"
}

// decimals counts the digits after the point of a normalised number.
func decimals(n string) int {
	if i := strings.IndexByte(n, '.'); i >= 0 {
		return len(n) - i - 1
	}
	return 0
}
