package model

import "github.com/shopspring/decimal"

// Money is one amount: exact yuan (nil when printed blank), what was printed and where.
type Money struct {
	Yuan    *decimal.Decimal
	Printed string
	Unit    string
	Status  string
	Note    string
	Source  Source
	Ref     FigureRef // what the amount is, for year-over-year matching
}

// WanYuan is the amount in 万元, exact: the decimal point moved four places (no division).
func (m Money) WanYuan() *decimal.Decimal {
	if m.Yuan == nil {
		return nil
	}
	w := m.Yuan.Shift(-4)
	return &w
}

// Source is where a figure was printed.
type Source struct {
	DocumentID int64
	Table      string
	Row        string // row code of the cell ("" for a whole line)
	Column     string // column id of the cell
	Page       int
	Line       int
	Text       string
}

// FigureRef identifies an amount across years: the same measure or subject (Target, resolved
// by the store in each document), else the same table, row code and column, of the same
// department's document of the same kind; and the narrative key that states its previous value.
// Project amounts match by project code instead.
type FigureRef struct {
	DepartmentID int64
	DocumentID   int64
	Year         int
	Kind         string
	Table        string
	RowCode      string
	Column       string
	Name         string // printed row name, to tell when a code's name changed
	NarrativeKey string // narrative_figure.key stating this amount's previous year, if any
	Measure      string // measure name when the amount came from a Measure
	Target       string // document_amount target: a measure or a subject ("function:201")
	AmountColumn string // document_amount column of Target ("" for a measure's amount)
	Project      bool   // RowCode is a project code
}

// Node is the Relay Node interface: a *db.DepartmentRow or *db.DocumentRow.
type Node interface{}
