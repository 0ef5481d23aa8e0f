package narrative

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// halfUnit is half a unit of the last digit printed, in yuan: the rounding a printed figure hides.
func halfUnit(a model.Amount) decimal.Decimal {
	n := a.Printed
	if !text.IsPlainAmount(n) { // "1,202.95" has its digits where NormalizeNumber leaves them
		var err error
		if n, err = text.NormalizeNumber(n); err != nil {
			return decimal.Zero
		}
	}
	exp := int32(-decimals(n) - 1) // 5 × 10^exp is half the last digit
	if a.Unit == model.TenThous {
		exp += 4
	}
	return decimal.New(5, exp)
}

// checkChange reports a printed change that does not fit the printed figures of both years.
func (n *narrator) checkChange(s *nstmt, change *model.Amount) {
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

// decimals counts the digits after the point of a normalised number.
func decimals(n string) int {
	if i := strings.IndexByte(n, '.'); i >= 0 {
		return len(n) - i - 1
	}
	return 0
}

func changeText(a model.Amount) string {
	if a.Printed == "持平" {
		return "持平"
	}
	return signText(a.Yuan) + amountText(a)
}

func wantText(d decimal.Decimal) string { return d.StringFixed(2) + "元" }

// checkPercent reports a printed percentage that the figures of both years cannot give.
func (n *narrator) checkPercent(s *nstmt, f model.NarrativeFigure) {
	if s.pct == nil || f.StatedPrevious == nil || !f.StatedPrevious.Yuan.IsPositive() {
		return
	}
	prev, value := f.StatedPrevious.Yuan, s.value.Yuan
	hv, hp := halfUnit(*s.value), halfUnit(*f.StatedPrevious)
	if f.StatedPrevious.Status == model.StatusDerived && f.StatedChange != nil {
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

// Compare reports every narrative figure that differs from its table figure by more than
// the narrative's printing explains. Parse runs it after the checks, so that a repaired cell is
// compared as repaired.
func Compare(doc *model.Document) {
	n := &narrator{doc: doc}
	for _, f := range doc.Narrative {
		n.checkTable(f)
	}
}

func (n *narrator) checkTable(f model.NarrativeFigure) {
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

func (n *narrator) compareCell(f model.NarrativeFigure, v, a model.Amount, where string, line int) {
	if a.IsBlank() || !a.Yuan.Sub(v.Yuan).Abs().GreaterThan(precision(v)) {
		return
	}
	n.issue("narrative_mismatch", fmt.Sprintf("narrative %s %s (line %d) ≠ %s %s (line %d)",
		f.Name, amountText(v), f.Source.Line, where, amountText(a), line), f.Source.Line)
}

// narrativeTableCells says where the tables print each narrative figure: table, row, columns.
var narrativeTableCells = map[string]struct {
	table model.TableID
	row   string
	cols  []string
}{
	model.RowIncomeTotal:              {model.TableSummary, model.RowIncomeTotal, []string{model.ColActual, model.ColTotal}},
	model.RowExpenditureTotal:         {model.TableSummary, model.RowExpenditureTotal, []string{model.ColActual, model.ColTotal}},
	model.RowFiscalAppropriation:      {model.TableSummary, "fiscal_appropriation", []string{model.ColActual, model.ColTotal}},
	model.RowFiscalAppropriationTotal: {model.TableAppropriation, model.RowIncomeTotal, []string{model.ColActual, model.ColTotal}},
	model.RowGeneralPublicBudget:      {model.TableGPBFunction, model.RowTotal, []string{model.ColActual, model.ColTotal}},
	model.RowBasicExpenditure:         {model.TableExpenditure, model.RowTotal, []string{model.ColBasic}},
	model.RowProjectExpenditure:       {model.TableExpenditure, model.RowTotal, []string{model.ColProject}},
	model.RowGovFundExpenditure:       {model.TableGovFund, model.RowTotal, []string{model.ColActual, model.ColTotal}},
	model.RowStateCapitalExpendit:     {model.TableStateCapital, model.RowTotal, []string{model.ColActual, model.ColTotal}},
	model.RowSangongTotal:             {model.TableSangong, model.RowTotal, []string{model.ColActual, model.ColTotal}},
	model.RowOverseas:                 {model.TableSangong, model.RowOverseas, []string{model.ColActual, model.ColTotal}},
	model.RowVehicleTotal:             {model.TableSangong, model.RowVehicleTotal, []string{model.ColActual, model.ColTotal}},
	model.RowVehiclePurchase:          {model.TableSangong, model.RowVehiclePurchase, []string{model.ColActual, model.ColTotal}},
	model.RowVehicleOperation:         {model.TableSangong, model.RowVehicleOperation, []string{model.ColActual, model.ColTotal}},
	model.RowReception:                {model.TableSangong, model.RowReception, []string{model.ColActual, model.ColTotal}},
	model.RowOfficeRunning:            {model.TableSangong, model.RowOfficeRunning, []string{model.ColActual, model.ColTotal}},
	model.RowProcurementTotal:         {model.TableProcurement, model.RowTotal, []string{model.ColTotal}},
}

// tableFigure finds the table cell a narrative key corresponds to: this year's figure, or with
// budget the 预算数 column of a 决算 table.
func (n *narrator) tableFigure(key string, budget bool) (model.Amount, string, int, bool) {
	if budget {
		c, ok := narrativeTableCells[key]
		if t := n.doc.Table(c.table); ok && t != nil {
			return rowCell(t, c.row, []string{model.ColBudget})
		}
		return model.Amount{}, "", 0, false
	}
	if c, ok := narrativeTableCells[key]; ok {
		t := n.doc.Table(c.table)
		if t == nil {
			if key == model.RowProcurementTotal {
				return n.procurementSum()
			}
			return model.Amount{}, "", 0, false
		}
		if t.Empty && len(t.Rows) == 0 {
			return model.Amount{Yuan: decimal.Zero, Printed: "0", Unit: t.Unit, Status: model.StatusReported},
				fmt.Sprintf("the empty %s table", c.table), t.Source.Line, true
		}
		return rowCell(t, c.row, c.cols)
	}
	if !isSubjectCode(key) {
		return model.Amount{}, "", 0, false
	}
	ids := []model.TableID{model.TableExpenditure, model.TableGPBFunction}
	if key[0] == '3' {
		ids = []model.TableID{model.TableGPBEconomic}
	}
	for _, id := range ids {
		if t := n.doc.Table(id); t != nil {
			if a, where, line, ok := rowCell(t, key, []string{model.ColActual, model.ColTotal}); ok {
				return a, where, line, ok
			}
		}
	}
	return model.Amount{}, "", 0, false
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

func rowCell(t *model.Table, code string, cols []string) (model.Amount, string, int, bool) {
	r := t.Row(code)
	if r == nil {
		return model.Amount{}, "", 0, false
	}
	for _, c := range cols {
		if a, ok := r.Cell(c); ok {
			return a, fmt.Sprintf("%s table %s %s", t.ID, code, c), r.Source.Line, true
		}
	}
	return model.Amount{}, "", 0, false
}

// procurementSum is the total of the procurement rows (元) when no table total was read.
func (n *narrator) procurementSum() (model.Amount, string, int, bool) {
	if len(n.doc.Procurement) == 0 {
		return model.Amount{}, "", 0, false
	}
	sum := decimal.Zero
	for _, p := range n.doc.Procurement {
		if p.Total.IsBlank() {
			return model.Amount{}, "", 0, false
		}
		sum = sum.Add(p.Total.Yuan)
	}
	return model.Amount{Yuan: sum, Printed: sum.String(), Unit: model.Yuan, Status: model.StatusDerived},
		"the sum of the procurement rows", n.doc.Procurement[0].Source.Line, true
}
