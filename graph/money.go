package graph

import (
	"context"
	"strings"

	"budgetql/db"
	"budgetql/graph/model"

	"github.com/shopspring/decimal"
)

// cell names one figure of a document: table, row code and column.
type cell struct{ table, row, col string }

func narr(key string) cell { return cell{"narrative", key, "value"} }

func sg(row string) []cell {
	key := row
	if row == "total" {
		key = "sangong_total"
	}
	return []cell{{"sangong", row, "total"}, {"sangong", row, "actual"}, narr(key)}
}

// measureCells lists where each measure is printed, most authoritative first: the tables, then
// the narrative (情况说明) when no table prints it.
var measureCells = map[model.Measure][]cell{
	model.MeasureIncomeTotal:                    {{"summary", "income_total", "total"}, narr("income_total")},
	model.MeasureExpenditureTotal:               {{"summary", "expenditure_total", "total"}, narr("expenditure_total")},
	model.MeasureFiscalAppropriation:            {{"appropriation", "income_total", "total"}, narr("fiscal_appropriation")},
	model.MeasureFiscalAppropriationExpenditure: {{"appropriation", "expenditure_total", "total"}, narr("fiscal_appropriation_expenditure")},
	model.MeasureGeneralPublicBudget:            {{"gpb_function", "total", "total"}, narr("general_public_budget")},
	model.MeasureGovFundExpenditure:             {{"gov_fund", "total", "total"}, narr("gov_fund_expenditure")},
	model.MeasureStateCapitalExpenditure:        {{"state_capital", "total", "total"}, narr("state_capital_expenditure")},
	model.MeasureBasicExpenditure:               {{"expenditure", "total", "basic"}, {"gpb_function", "total", "basic"}, narr("basic_expenditure")},
	model.MeasureProjectExpenditure:             {{"expenditure", "total", "project"}, {"gpb_function", "total", "project"}, narr("project_expenditure")},
	model.MeasurePersonnel:                      {{"gpb_basic_economic", "total", "personnel"}, {"gpb_function", "total", "personnel"}},
	model.MeasurePublicUse:                      {{"gpb_basic_economic", "total", "public_use"}, {"gpb_function", "total", "public_use"}},
	model.MeasureSangongTotal:                   sg("total"),
	model.MeasureSangongOverseas:                sg("overseas"),
	model.MeasureSangongVehicle:                 sg("vehicle_total"),
	model.MeasureSangongVehiclePurchase:         sg("vehicle_purchase"),
	model.MeasureSangongVehicleOperation:        sg("vehicle_operation"),
	model.MeasureSangongReception:               sg("reception"),
	model.MeasureOfficeRunning:                  sg("office_running"),
	model.MeasureProcurementTotal:               {narr("procurement_total"), {"procurement", "total", "total"}},
	model.MeasureProcurementGoods:               {narr("procurement_goods")},
	model.MeasureProcurementWorks:               {narr("procurement_works")},
	model.MeasureProcurementServices:            {narr("procurement_services")},
	model.MeasureProcurementSme:                 {narr("procurement_sme")},
}

// statedKey is the narrative key whose stated previous value compares with a cell.
func statedKey(c cell) string {
	switch {
	case c.table == "narrative":
		return c.row
	case c.table == "sangong" && c.row == "total":
		return "sangong_total"
	case c.table == "sangong":
		return c.row
	case c.table == "summary" || c.table == "appropriation":
		return c.row
	case c.row == "total" && (c.col == "basic" || c.col == "project"):
		return c.col + "_expenditure"
	case isSubjectCode(c.row) && c.col == "total":
		return c.row
	}
	return ""
}

func isSubjectCode(s string) bool {
	if len(s) < 3 || len(s) > 7 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// figureMoney turns a figure row into Money.
// It registers what the amount's year-over-year comparison will read, so that the loaders fetch
// it for every document of the response at once.
func figureMoney(ctx context.Context, f db.FigureRow, measure model.Measure) model.Money {
	m := moneyOf(f, measure)
	want(ctx, m.Ref)
	return m
}

// moneyOf is figureMoney without the registration, for amounts that may not be returned.
func moneyOf(f db.FigureRow, measure model.Measure) model.Money {
	m := model.Money{Printed: f.Printed, Unit: f.Unit, Status: f.Status, Note: f.Note,
		Source: model.Source{DocumentID: f.DocumentID, Table: f.TableID, Page: f.Page, Line: f.Line, Text: f.LineText},
		Ref: model.FigureRef{DepartmentID: f.DepartmentID, DocumentID: f.DocumentID, Year: f.Year, Kind: f.Kind,
			Table: f.TableID, RowCode: f.RowCode, Column: f.ColumnID, Name: f.RowName, Measure: string(measure),
			NarrativeKey: statedKey(cell{f.TableID, f.RowCode, f.ColumnID})}}
	if measure != "" {
		m.Ref.NarrativeKey = ""
		for _, c := range measureCells[measure] {
			if c.table == "narrative" {
				m.Ref.NarrativeKey = c.row
			}
		}
	}
	if f.Amount.Valid {
		y := f.Amount.Decimal
		m.Yuan = &y
	}
	return m
}

// want registers the cells and narrative key that a reference's comparison reads.
func want(ctx context.Context, ref model.FigureRef) {
	reg := loadersFrom(ctx).reg
	switch {
	case ref.Measure != "":
		for _, c := range measureCells[model.Measure(ref.Measure)] {
			reg.wantCell(c.table, c.row)
		}
	case !ref.Project:
		reg.wantCell(ref.Table, ref.RowCode)
		if alt := altTable[ref.Table]; alt != "" {
			reg.wantCell(alt, ref.RowCode)
		}
	}
	if ref.NarrativeKey != "" {
		reg.wantKey(ref.NarrativeKey)
	}
}

// findCell returns the first figure printed at c, or nil.
func findCell(rows []db.FigureRow, c cell) *db.FigureRow {
	for i := range rows {
		if rows[i].TableID == c.table && rows[i].RowCode == c.row && rows[i].ColumnID == c.col {
			return &rows[i]
		}
	}
	return nil
}

// loadCells reads the rows of the cells of a document in one batched load.
func loadCells(ctx context.Context, docID int64, cells []cell) ([]db.FigureRow, error) {
	var keys []db.DocRow
	seen := map[db.DocRow]bool{}
	reg := loadersFrom(ctx).reg
	for _, c := range cells {
		reg.wantCell(c.table, c.row) // the fetch widens to them for every document
		k := db.DocRow{DocumentID: docID, Table: c.table, Row: c.row}
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	found, err := loadersFrom(ctx).figureRows.LoadAll(ctx, keys)
	if err != nil {
		return nil, err
	}
	var rows []db.FigureRow
	for _, f := range found {
		rows = append(rows, f...)
	}
	return rows, nil
}

// pickCell returns the first of the cells that rows print, or nil.
func pickCell(rows []db.FigureRow, cells []cell) *db.FigureRow {
	for _, c := range cells {
		if f := findCell(rows, c); f != nil {
			return f
		}
	}
	return nil
}

// firstCell is the first of the cells a document prints, or nil.
func firstCell(ctx context.Context, docID int64, cells []cell) (*db.FigureRow, error) {
	rows, err := loadCells(ctx, docID, cells)
	if err != nil {
		return nil, err
	}
	return pickCell(rows, cells), nil
}

// measureMoney is a document's amount for a measure, or nil when the document prints none.
func measureMoney(ctx context.Context, docID int64, m model.Measure) (*model.Money, error) {
	out, err := measuresMoney(ctx, docID, []model.Measure{m})
	if err != nil {
		return nil, err
	}
	return out[0], nil
}

// measuresMoney reads several measures of a document in one batched load.
func measuresMoney(ctx context.Context, docID int64, ms []model.Measure) ([]*model.Money, error) {
	var all []cell
	for _, m := range ms {
		all = append(all, measureCells[m]...)
	}
	rows, err := loadCells(ctx, docID, all)
	if err != nil {
		return nil, err
	}
	out := make([]*model.Money, len(ms))
	for i, m := range ms {
		if f := pickCell(rows, measureCells[m]); f != nil {
			mo := figureMoney(ctx, *f, m)
			out[i] = &mo
		}
	}
	return out, nil
}

var twoD = decimal.NewFromInt(2)

// wan converts yuan to 万元 exactly, by moving the decimal point (no division).
func wan(d decimal.Decimal) decimal.Decimal { return d.Shift(-4) }

// percentChange is 100 × change / previous rounded to 2 places, or nil when previous is 0.
func percentChange(change, previous decimal.Decimal) *decimal.Decimal {
	if previous.IsZero() {
		return nil
	}
	p := change.Mul(decimal.NewFromInt(100)).DivRound(previous.Abs(), 2)
	return &p
}

// sameName compares printed names ignoring white space.
func sameName(a, b string) bool {
	return strings.Join(strings.Fields(a), "") == strings.Join(strings.Fields(b), "")
}
