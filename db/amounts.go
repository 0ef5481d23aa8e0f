package db

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
	"github.com/shopspring/decimal"
)

// writeDocumentAmounts resolves the measure and subject amounts of a stored department-scope
// document into document_amount (migration 0008), in the document's transaction.
func writeDocumentAmounts(ctx context.Context, tx *sqlx.Tx, docID int64) error {
	if _, err := tx.ExecContext(ctx, `SELECT budgetql_document_amounts($1)`, docID); err != nil {
		return fmt.Errorf("document amounts: %w", err)
	}
	return nil
}

// MeasureCell is one cell that prints a measure, in the order the store tries them.
type MeasureCell struct {
	Measure  string `db:"measure"`
	Priority int    `db:"priority"`
	Table    string `db:"table_id"`
	Row      string `db:"row_code"`
	Column   string `db:"column_id"`
}

// MeasureCells returns the cells the store resolves measures from, by measure and priority.
func (r *Reader) MeasureCells(ctx context.Context) ([]MeasureCell, error) {
	return selectAll[MeasureCell](ctx, r, "MeasureCells", `SELECT measure, priority, table_id, row_code, column_id
		FROM measure_cell ORDER BY measure, priority`)
}

// AmountTarget names what document_amount holds: a measure (column "") or a subject of a
// classification ("function", "economic") in a column.
type AmountTarget struct {
	Measure        string
	Classification string
	Code           string
	Column         string
}

func (t AmountTarget) key() (string, string) {
	if t.Measure != "" {
		return t.Measure, ""
	}
	return t.Classification + ":" + t.Code, t.Column
}

// RankedRow is a ranked figure with its department and document, read in the same statement.
type RankedRow struct {
	FigureRow
	Department DepartmentRow `db:"dept"`
	Document   DocumentRow   `db:"doc"`
}

// RankedFigures returns the figures of the target's amount in the department-scope documents of
// a kind and year, largest first (then by document), at most limit.
func (r *Reader) RankedFigures(ctx context.Context, t AmountTarget, kind string, year, limit int) ([]RankedRow, error) {
	target, col := t.key()
	return selectAll[RankedRow](ctx, r, "RankedFigures", `SELECT `+figureList+`, `+
		columnsAs(documentFields, "d", "", "doc")+`, `+departmentAs+`
		FROM document_amount a
		JOIN figure f ON f.department_id = a.department_id AND f.document_id = a.document_id
		  AND f.ordinal = a.figure_ordinal
		JOIN document d ON d.id = a.document_id`+departmentJoin("a.department_id")+`
		WHERE a.target = $1 AND a.column_id = $2 AND a.kind = $3 AND a.year = $4 AND `+visible("d", "$6")+`
		ORDER BY a.amount DESC, a.document_id LIMIT $5`, target, col, kind, year, limit, versionOf(ctx))
}

// YearTotal is the sum of an amount over the department-scope documents of a year.
type YearTotal struct {
	Year        int             `db:"year"`
	Yuan        decimal.Decimal `db:"yuan"`
	Departments int             `db:"departments"`
}

// YearTotals returns the target's amount summed over the department-scope documents of a kind,
// by year.
func (r *Reader) YearTotals(ctx context.Context, t AmountTarget, kind string) ([]YearTotal, error) {
	target, col := t.key()
	return selectAll[YearTotal](ctx, r, "YearTotals", `SELECT a.year, sum(a.amount) AS yuan, count(*) AS departments
		FROM document_amount a JOIN document d ON d.id = a.document_id
		WHERE a.target = $1 AND a.column_id = $2 AND a.kind = $3 AND `+visible("d", "$4")+`
		GROUP BY a.year ORDER BY a.year`, target, col, kind, versionOf(ctx))
}
