package loader

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// halfUnit is half a unit of the last digit printed, in yuan: the rounding a printed figure hides.
func halfUnit(a Amount) decimal.Decimal {
	n := a.Printed
	if !amountTextASCII(n) { // "1,202.95" has its digits where NormalizeNumber leaves them
		var err error
		if n, err = NormalizeNumber(n); err != nil {
			return decimal.Zero
		}
	}
	exp := int32(-decimals(n) - 1) // 5 × 10^exp is half the last digit
	if a.Unit == TenThous {
		exp += 4
	}
	return decimal.New(5, exp)
}

// checkChange reports a printed change that does not fit the printed figures of both years.
func (n *narrator) checkChange(s *nstmt, change *Amount) {
	want := s.value.Yuan.Sub(s.prev.Yuan)
	tol := halfUnit(*s.value).Add(halfUnit(*s.prev)).Add(halfUnit(*change))
	if change.Printed == "持平" {
		tol = halfUnit(*s.value).Add(halfUnit(*s.prev))
	}
	if want.Sub(change.Yuan).Abs().GreaterThan(tol) {
		n.issue("narrative_mismatch", fmt.Sprintf("narrative %s: %s against %s stated for the previous year is a change of %s, but the change printed is %s",
			figureName(s), amountText(*s.value), amountText(*s.prev), wantText(want), changeText(*change)), s.src.Line)
	}
}

func changeText(a Amount) string {
	if a.Printed == "持平" {
		return "持平"
	}
	return signText(a.Yuan) + amountText(a)
}

func wantText(d decimal.Decimal) string { return d.StringFixed(2) + "元" }

// checkPercent reports a printed percentage that the figures of both years cannot give.
func (n *narrator) checkPercent(s *nstmt, f NarrativeFigure) {
	if s.pct == nil || f.StatedPrevious == nil || !f.StatedPrevious.Yuan.IsPositive() {
		return
	}
	prev, value := f.StatedPrevious.Yuan, s.value.Yuan
	hv, hp := halfUnit(*s.value), halfUnit(*f.StatedPrevious)
	if f.StatedPrevious.Status == StatusDerived && f.StatedChange != nil {
		hp = hv.Add(halfUnit(*f.StatedChange))
	}
	// |got − pct| > bound, with got = (v−p)/p×100 and bound = ((hv+hp)/p + |v−p|·hp/p²)×100 +
	// half the printed percentage's last digit, multiplied through by p² > 0: no division.
	hundred := decimal.NewFromInt(100)
	diff, p2 := value.Sub(prev), prev.Mul(prev)
	off := diff.Mul(prev).Mul(hundred).Sub(s.pct.Mul(p2)).Abs()
	bound := hv.Add(hp).Mul(prev).Add(diff.Abs().Mul(hp)).Mul(hundred).Add(decimal.New(5, s.pct.Exponent()-1).Mul(p2))
	if off.GreaterThan(bound) {
		got := diff.Div(prev).Mul(hundred)
		n.issue("narrative_mismatch", fmt.Sprintf("narrative %s: %s against %s for the previous year is %s%%, but %s%% is printed",
			figureName(s), amountText(*s.value), amountText(*f.StatedPrevious), got.StringFixed(2), s.pct.String()), s.src.Line)
	}
}

// checkRestated reports a second statement of this year's amount that differs from the first.
func (n *narrator) checkRestated(s *nstmt) {
	for _, r := range s.restated {
		if r.a.Yuan.Sub(s.value.Yuan).Abs().GreaterThan(precision(*s.value)) {
			n.issue("narrative_mismatch", fmt.Sprintf("narrative %s: %s (line %d), but the same passage also states %s (line %d)",
				figureName(s), amountText(*s.value), s.src.Line, amountText(r.a), r.line), r.line)
		}
	}
}

func figureName(s *nstmt) string {
	if s.item > 0 {
		return fmt.Sprintf("item %d %s", s.item, s.name)
	}
	return s.name
}

// compareNarrative reports every narrative figure that differs from its table figure by more than
// the narrative's printing explains. Parse runs it after the checks, so that a repaired cell is
// compared as repaired.
func compareNarrative(doc *Document) {
	n := &narrator{doc: doc}
	for _, f := range doc.Narrative {
		n.checkTable(f)
	}
}

func (n *narrator) checkTable(f NarrativeFigure) {
	if a, where, line, ok := n.tableFigure(f.Key, false); ok {
		n.compareCell(f, f.Value, a, where, line)
	}
	if f.Budget == nil {
		return
	}
	if a, where, line, ok := n.tableFigure(f.Key, true); ok {
		n.compareCell(f, *f.Budget, a, where, line)
	}
}

func (n *narrator) compareCell(f NarrativeFigure, v, a Amount, where string, line int) {
	if a.IsBlank() || !a.Yuan.Sub(v.Yuan).Abs().GreaterThan(precision(v)) {
		return
	}
	n.issue("narrative_mismatch", fmt.Sprintf("narrative %s %s (line %d) ≠ %s %s (line %d)",
		f.Name, amountText(v), f.Source.Line, where, amountText(a), line), f.Source.Line)
}

// narrativeTableCells says where the tables print each narrative figure: table, row, columns.
var narrativeTableCells = map[string]struct {
	table TableID
	row   string
	cols  []string
}{
	RowIncomeTotal:              {TableSummary, RowIncomeTotal, []string{ColActual, ColTotal}},
	RowExpenditureTotal:         {TableSummary, RowExpenditureTotal, []string{ColActual, ColTotal}},
	RowFiscalAppropriation:      {TableSummary, "fiscal_appropriation", []string{ColActual, ColTotal}},
	RowFiscalAppropriationTotal: {TableAppropriation, RowIncomeTotal, []string{ColActual, ColTotal}},
	RowGeneralPublicBudget:      {TableGPBFunction, RowTotal, []string{ColActual, ColTotal}},
	RowBasicExpenditure:         {TableExpenditure, RowTotal, []string{ColBasic}},
	RowProjectExpenditure:       {TableExpenditure, RowTotal, []string{ColProject}},
	RowGovFundExpenditure:       {TableGovFund, RowTotal, []string{ColActual, ColTotal}},
	RowStateCapitalExpendit:     {TableStateCapital, RowTotal, []string{ColActual, ColTotal}},
	RowSangongTotal:             {TableSangong, RowTotal, []string{ColActual, ColTotal}},
	RowOverseas:                 {TableSangong, RowOverseas, []string{ColActual, ColTotal}},
	RowVehicleTotal:             {TableSangong, RowVehicleTotal, []string{ColActual, ColTotal}},
	RowVehiclePurchase:          {TableSangong, RowVehiclePurchase, []string{ColActual, ColTotal}},
	RowVehicleOperation:         {TableSangong, RowVehicleOperation, []string{ColActual, ColTotal}},
	RowReception:                {TableSangong, RowReception, []string{ColActual, ColTotal}},
	RowOfficeRunning:            {TableSangong, RowOfficeRunning, []string{ColActual, ColTotal}},
	RowProcurementTotal:         {TableProcurement, RowTotal, []string{ColTotal}},
}

// tableFigure finds the table cell a narrative key corresponds to: this year's figure, or with
// budget the 预算数 column of a 决算 table.
func (n *narrator) tableFigure(key string, budget bool) (Amount, string, int, bool) {
	if budget {
		c, ok := narrativeTableCells[key]
		if t := n.doc.Table(c.table); ok && t != nil {
			return rowCell(t, c.row, []string{ColBudget})
		}
		return Amount{}, "", 0, false
	}
	if c, ok := narrativeTableCells[key]; ok {
		t := n.doc.Table(c.table)
		if t == nil {
			if key == RowProcurementTotal {
				return n.procurementSum()
			}
			return Amount{}, "", 0, false
		}
		if t.Empty && len(t.Rows) == 0 {
			return Amount{Yuan: decimal.Zero, Printed: "0", Unit: t.Unit, Status: StatusReported},
				fmt.Sprintf("the empty %s table", c.table), t.Source.Line, true
		}
		return rowCell(t, c.row, c.cols)
	}
	if !isSubjectCode(key) {
		return Amount{}, "", 0, false
	}
	ids := []TableID{TableExpenditure, TableGPBFunction}
	if key[0] == '3' {
		ids = []TableID{TableGPBEconomic}
	}
	for _, id := range ids {
		if t := n.doc.Table(id); t != nil {
			if a, where, line, ok := rowCell(t, key, []string{ColActual, ColTotal}); ok {
				return a, where, line, ok
			}
		}
	}
	return Amount{}, "", 0, false
}

func isSubjectCode(s string) bool {
	if len(s) < 3 {
		return false
	}
	for _, r := range s {
		if !isDigitRune(r) {
			return false
		}
	}
	return true
}

func rowCell(t *Table, code string, cols []string) (Amount, string, int, bool) {
	r := t.Row(code)
	if r == nil {
		return Amount{}, "", 0, false
	}
	for _, c := range cols {
		if a, ok := r.Cell(c); ok {
			return a, fmt.Sprintf("%s table %s %s", t.ID, code, c), r.Source.Line, true
		}
	}
	return Amount{}, "", 0, false
}

// procurementSum is the total of the procurement rows (元) when no table total was read.
func (n *narrator) procurementSum() (Amount, string, int, bool) {
	if len(n.doc.Procurement) == 0 {
		return Amount{}, "", 0, false
	}
	sum := decimal.Zero
	for _, p := range n.doc.Procurement {
		if p.Total.IsBlank() {
			return Amount{}, "", 0, false
		}
		sum = sum.Add(p.Total.Yuan)
	}
	return Amount{Yuan: sum, Printed: sum.String(), Unit: Yuan, Status: StatusDerived},
		"the sum of the procurement rows", n.doc.Procurement[0].Source.Line, true
}
