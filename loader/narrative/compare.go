package narrative

import (
	"budgetql/loader/model"
	"fmt"

	"github.com/shopspring/decimal"
)

// Compare reports every narrative figure that differs from its table figure by more than
// the narrative's printing explains. Parse runs it after the checks, so that a repaired cell is
// compared as repaired. Where a figure may be printed in more than one table (a subject's amount
// of every fund, or of the general public budget only), it is reported only when it fits none.
func Compare(doc *model.Document) {
	n := &narrator{doc: doc}
	for _, f := range doc.Narrative {
		n.compareCells(f, f.Value, n.tableCells(f.Key, false))
		if f.Budget != nil {
			n.compareCells(f, *f.Budget, n.tableCells(f.Key, true))
		}
	}
}

// cellRef is a table cell a narrative figure is compared with: its amount, where it is, its line.
type cellRef struct {
	a     model.Amount
	where string
	line  int
}

func (n *narrator) compareCells(f model.NarrativeFigure, v model.Amount, cells []cellRef) {
	if len(cells) == 0 {
		return
	}
	for _, c := range cells {
		if c.a.IsBlank() || !c.a.Yuan.Sub(v.Yuan).Abs().GreaterThan(precision(v)) {
			return
		}
	}
	c := cells[0]
	n.issue("narrative_mismatch", fmt.Sprintf("narrative %s %s (line %d) ≠ %s %s (line %d)",
		f.Name, amountText(v), f.Source.Line, c.where, amountText(c.a), c.line), f.Source.Line)
}

// tableCell is where a table prints a narrative figure: table, row, and the columns to try.
type tableCell struct {
	table model.TableID
	row   string
	cols  []string
}

var thisYear = []string{model.ColActual, model.ColTotal}

// narrativeTableCells says where the tables print each narrative figure, in the order tried.
var narrativeTableCells = map[string][]tableCell{
	model.RowIncomeTotal:              {{model.TableSummary, model.RowIncomeTotal, thisYear}},
	model.RowExpenditureTotal:         {{model.TableSummary, model.RowExpenditureTotal, thisYear}},
	model.RowFiscalAppropriation:      {{model.TableSummary, model.ColFiscal, thisYear}},
	model.RowFiscalAppropriationTotal: {{model.TableAppropriation, model.RowIncomeTotal, thisYear}},
	model.RowGeneralPublicBudget:      {{model.TableGPBFunction, model.RowTotal, thisYear}},
	model.RowBasicExpenditure:         {{model.TableExpenditure, model.RowTotal, []string{model.ColBasic}}},
	model.RowProjectExpenditure:       {{model.TableExpenditure, model.RowTotal, []string{model.ColProject}}},
	model.RowGPBBasic: {{model.TableGPBFunction, model.RowTotal, []string{model.ColBasic}},
		{model.TableGPBEconomic, model.RowTotal, thisYear}},
	model.RowGPBProject:           {{model.TableGPBFunction, model.RowTotal, []string{model.ColProject}}},
	model.RowGPBBasicPersonnel:    {{model.TableGPBEconomic, model.RowTotal, []string{model.ColPersonnel}}},
	model.RowGPBBasicPublicUse:    {{model.TableGPBEconomic, model.RowTotal, []string{model.ColPublicUse}}},
	model.RowGovFundExpenditure:   {{model.TableGovFund, model.RowTotal, thisYear}},
	model.RowStateCapitalExpendit: {{model.TableStateCapital, model.RowTotal, thisYear}},
	model.RowSangongTotal:         {{model.TableSangong, model.RowTotal, thisYear}},
	model.RowOverseas:             {{model.TableSangong, model.RowOverseas, thisYear}},
	model.RowVehicleTotal:         {{model.TableSangong, model.RowVehicleTotal, thisYear}},
	model.RowVehiclePurchase:      {{model.TableSangong, model.RowVehiclePurchase, thisYear}},
	model.RowVehicleOperation:     {{model.TableSangong, model.RowVehicleOperation, thisYear}},
	model.RowReception:            {{model.TableSangong, model.RowReception, thisYear}},
	model.RowOfficeRunning:        {{model.TableSangong, model.RowOfficeRunning, thisYear}},
	model.RowProcurementTotal:     {{model.TableProcurement, model.RowTotal, []string{model.ColTotal}}},
}

// tableCells finds the table cells a narrative key corresponds to: this year's figure, or with
// budget the 预算数 column of a 决算 table. A subject code is looked up in the expenditure and
// general public budget tables (an economic code in the economic table).
func (n *narrator) tableCells(key string, budget bool) []cellRef {
	if places, ok := narrativeTableCells[key]; ok {
		var out []cellRef
		for _, c := range places {
			if budget {
				c.cols = []string{model.ColBudget}
			}
			if ref, ok := n.placeCell(key, c, budget); ok {
				out = append(out, ref)
			}
		}
		return out
	}
	if budget || !isSubjectCode(key) {
		return nil
	}
	ids := []model.TableID{model.TableExpenditure, model.TableGPBFunction}
	if key[0] == '3' {
		ids = []model.TableID{model.TableGPBEconomic}
	}
	var out []cellRef
	for _, id := range ids {
		if t := n.doc.Table(id); t != nil {
			if ref, ok := rowCell(t, key, thisYear); ok {
				out = append(out, ref)
			}
		}
	}
	return out
}

// placeCell reads one place: the cell, zero for a table printed empty (its header read, no row),
// or the sum of the procurement rows for a procurement total without its table.
func (n *narrator) placeCell(key string, c tableCell, budget bool) (cellRef, bool) {
	t := n.doc.Table(c.table)
	switch {
	case t == nil && key == model.RowProcurementTotal && !budget:
		return n.procurementSum()
	case t == nil, t.Empty && len(t.Rows) == 0 && len(t.Columns) == 0:
		return cellRef{}, false // a table whose header was not recognised was not read
	case t.Empty && len(t.Rows) == 0 && !budget:
		return cellRef{model.Amount{Yuan: decimal.Zero, Printed: "0", Unit: t.Unit, Status: model.StatusReported},
			fmt.Sprintf("the empty %s table", c.table), t.Source.Line}, true
	}
	return rowCell(t, c.row, c.cols)
}

// tableFigure is the first table cell of a narrative key (this year's figure).
func (n *narrator) tableFigure(key string) (model.Amount, bool) {
	cells := n.tableCells(key, false)
	if len(cells) == 0 {
		return model.Amount{}, false
	}
	return cells[0].a, true
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

func rowCell(t *model.Table, code string, cols []string) (cellRef, bool) {
	r := t.Row(code)
	if r == nil {
		return cellRef{}, false
	}
	for _, c := range cols {
		if a, ok := r.Cell(c); ok {
			return cellRef{a, fmt.Sprintf("%s table %s %s", t.ID, code, c), r.Source.Line}, true
		}
	}
	return cellRef{}, false
}

// procurementSum is the total of the procurement rows (元) when no table total was read.
func (n *narrator) procurementSum() (cellRef, bool) {
	if len(n.doc.Procurement) == 0 {
		return cellRef{}, false
	}
	sum := decimal.Zero
	for _, p := range n.doc.Procurement {
		if p.Total.IsBlank() {
			return cellRef{}, false
		}
		sum = sum.Add(p.Total.Yuan)
	}
	return cellRef{model.Amount{Yuan: sum, Printed: sum.String(), Unit: model.Yuan, Status: model.StatusDerived},
		"the sum of the procurement rows", n.doc.Procurement[0].Source.Line}, true
}
