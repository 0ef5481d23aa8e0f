package loader

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// runChecks resolves mangled economic codes, builds every accounting identity the document's tables
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
func runChecks(doc *model.Document) {
	resolveCodes(doc)
	ids := buildIdentities(doc)
	for round := 0; round < 3; round++ {
		if repairAll(doc, ids) == 0 {
			break
		}
	}
	for round := 0; round < 3; round++ {
		if repairReadings(doc, ids) == 0 {
			break
		}
	}
	if len(ids) == 0 {
		return
	}
	doc.Checks = slices.Grow(doc.Checks, len(ids))
	first := len(doc.Checks)
	var texts textArena
	n := 0
	for _, id := range ids {
		n += 1 + id.nparts()
	}
	lines := make([]int, 0, n) // every check's lines, sliced
	for _, id := range ids {
		c := id.check()
		c.ID, c.Rule = texts.texts(id)
		c.Lines = id.appendLines(&lines)
		doc.Checks = append(doc.Checks, c)
	}
	numberRepeated(doc.Checks[first:])
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

// identity is want = Σ parts. Tree and row sums, most of a document's ~700 identities, read
// their terms from their rows on demand; the others hold them (*listed).
type identity struct {
	*listed // nil for tree and row sums
	shape   idShape
	name    rowSumName // row sum: the last part of its check id
	compare bool       // a comparison that may legitimately differ: never repaired
	addends int32      // rounding allowance in addends when > 0 (else counted from the parts)
	table   model.TableID
	row     *model.Row   // tree sum: the parent; row sum: the row
	col     string       // tree sum: the column; row sum: the column holding the total
	rows    []*model.Row // tree sum: the children
	cols    []string     // row sum: the columns added (one the row does not print is an absent term)
	note    string       // why the last repair attempt made no repair
}

// idShape says how an identity holds its terms and writes its id and rule.
type idShape uint8

const (
	listedSum idShape = iota // want and parts listed; id and rule as set
	treeSum                // row[col] = Σ rows[col]
	rowSum                 // row[col] = Σ row[cols]
)

// listed is what an identity that lists its terms holds.
type listed struct {
	id, rule string
	sumRule  bool // rule, while empty, is sumRuleText's (see ruleText)
	want     term
	parts    []term
	// guard, when set, explains a failure that the identity's precondition excuses.
	guard  func(o outcome) (model.CheckResult, string)
	detail string
}

// wantTerm is the figure the parts should sum to.
func (id *identity) wantTerm() term {
	if id.shape == listedSum {
		return id.want
	}
	return rowTerm(id.table, id.row, id.col)
}

// nparts is how many parts the identity sums.
func (id *identity) nparts() int {
	switch id.shape {
	case treeSum:
		return len(id.rows)
	case rowSum:
		return len(id.cols)
	}
	return len(id.parts)
}

// part is the identity's i-th part.
func (id *identity) part(i int) term {
	switch id.shape {
	case treeSum:
		return rowTerm(id.table, id.rows[i], id.col)
	case rowSum:
		return rowTerm(id.table, id.row, id.cols[i])
	}
	return id.parts[i]
}

// partAmount is part(i).amt, without making the term.
func (id *identity) partAmount(i int) *model.Amount {
	switch id.shape {
	case treeSum:
		return cellAmount(id.rows[i], id.col)
	case rowSum:
		return cellAmount(id.row, id.cols[i])
	}
	return id.parts[i].amt
}

// wantLine is wantTerm().line, without making the term.
func (id *identity) wantLine() int {
	if id.shape == listedSum {
		return id.want.line
	}
	return id.row.Source.Line
}

// partLine is part(i).line, without making the term.
func (id *identity) partLine(i int) int {
	switch id.shape {
	case treeSum:
		return id.rows[i].Source.Line
	case rowSum:
		return id.row.Source.Line
	}
	return id.parts[i].line
}

// wantAmount is wantTerm().amt, without making the term.
func (id *identity) wantAmount() *model.Amount {
	if id.shape == listedSum {
		return id.want.amt
	}
	return cellAmount(id.row, id.col)
}

// outcome is an identity evaluated once.
type outcome struct {
	result           model.CheckResult
	expected, actual decimal.Decimal
	detail           string
}

var halfCent = decimal.NewFromInt(50) // 0.005 万元 in yuan

// tolerances[n] is halfCent × n (coefficient 50n, exponent 0), made once: Decimals are immutable.
var tolerances = func() (t [64]decimal.Decimal) {
	for n := range t {
		t[n] = halfCent.Mul(decimal.NewFromInt(int64(n)))
	}
	return t
}()

// roundingTolerance is halfCent × n.
func roundingTolerance(n int) decimal.Decimal {
	if n >= 0 && n < len(tolerances) {
		return tolerances[n]
	}
	return halfCent.Mul(decimal.NewFromInt(int64(n)))
}

// eval evaluates the identity on current values, or on printed values when printed is set, in
// decimals. It is the reference the int64 judgement (outcome, result) agrees with, and judges
// the figures too big for it.
func (id *identity) eval(printed bool) outcome {
	wt := id.wantTerm()
	want, wok := wt.value(printed)
	var buf [32]decimal.Decimal
	vals := buf[:0]
	present, wanParts := 0, 0
	for i := range id.nparts() {
		p := id.part(i)
		v, ok := p.value(printed)
		if !ok {
			continue
		}
		present++
		vals = append(vals, v)
		if !v.IsZero() {
			wanParts += roundingAddends(p)
		}
	}
	sum := sumDecimals(vals)
	o := outcome{expected: want, actual: sum}
	if !wok || present == 0 {
		o.result, o.detail = blankOutcome(wt, wok, present, sum)
		return o
	}
	n := wanParts
	if id.addends > 0 && (wanParts > 0 || roundingAddends(wt) > 0) {
		n = int(id.addends)
	}
	if n == 0 && roundingAddends(wt) > 0 {
		n = roundingAddends(wt)
	}
	tol := roundingTolerance(n)
	if wt.narrative {
		tol = decimal.Max(tol, narrativeAllowance(wt))
	}
	diff := want.Sub(sum).Abs()
	switch {
	case diff.IsZero():
		o.result = model.CheckPass
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

// sumDecimals is the zero Decimal plus each value in turn, as Decimal.Add chains it: the exponent
// is the least of 0 and the values', the coefficient the exact sum at that exponent. Small values
// are summed in an int64 with one allocation for the result.
func sumDecimals(vals []decimal.Decimal) decimal.Decimal {
	if s, ok := sumSmallDecimals(vals); ok {
		return decimal.New(s.c, s.e)
	}
	var sum decimal.Decimal
	for _, v := range vals {
		sum = sum.Add(v)
	}
	return sum
}

func sumSmallDecimals(vals []decimal.Decimal) (fixed, bool) {
	s := fixed{0, 0}
	for _, v := range vals {
		f, ok := toFixed(v)
		if !ok {
			return s, false
		}
		if s, ok = s.add(f); !ok {
			return s, false
		}
	}
	return s, len(vals) > 0
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
		return 1
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

// check turns the identity into a Check, judging printed and current values.
func (id *identity) check() model.Check {
	cur := id.outcome()
	c := model.Check{Table: id.table, Result: cur.result, Expected: cur.expected, Actual: cur.actual, Detail: cur.detail}
	repaired, derived := id.statuses()
	if repaired && (cur.result == model.CheckPass || cur.result == model.CheckRounding) {
		if id.result(true) != model.CheckPass {
			c.Result = model.CheckRepaired
			c.Detail = joinDetail(id.repairedDetail(), cur.detail)
		}
	}
	if id.listed != nil {
		if cur.result == model.CheckFailed && id.guard != nil {
			if r, d := id.guard(cur); r != "" {
				c.Result, c.Detail = r, joinDetail(d, cur.detail)
			}
		}
		c.Detail = joinDetail(c.Detail, id.detail)
	}
	if c.Result == model.CheckFailed || c.Result == model.CheckRounding {
		c.Detail = joinDetail(c.Detail, id.note)
	}
	if derived {
		c.Detail = joinDetail(c.Detail, id.derivedDetail())
	}
	return c
}

func (id *identity) terms() []term {
	out := make([]term, 0, 1+id.nparts())
	out = append(out, id.wantTerm())
	for i := range id.nparts() {
		out = append(out, id.part(i))
	}
	return out
}

// statuses reports whether any term's amount is repaired, and whether any is derived.
func (id *identity) statuses() (repaired, derived bool) {
	see := func(a *model.Amount) {
		if a != nil {
			repaired = repaired || a.Status == model.StatusRepaired
			derived = derived || a.Status == model.StatusDerived
		}
	}
	see(id.wantAmount())
	for i := range id.nparts() {
		see(id.partAmount(i))
	}
	return repaired, derived
}

func (id *identity) repairedDetail() string {
	var s []string
	for _, t := range id.terms() {
		if t.amt != nil && t.amt.Status == model.StatusRepaired {
			s = append(s, fmt.Sprintf("%s printed %q repaired to %s", t.label(), t.amt.Printed, yuanText(t.amt.Yuan)))
		}
	}
	return "does not hold exactly as printed; " + strings.Join(s, "; ")
}

func (id *identity) derivedDetail() string {
	var s []string
	for _, t := range id.terms() {
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
