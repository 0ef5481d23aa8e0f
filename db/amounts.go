package db

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/shopspring/decimal"
)

// writeDocumentAmounts resolves the measure and subject amounts of a stored document into
// document_amount by amount_rule (migration 0013), in the document's transaction.
func writeDocumentAmounts(ctx context.Context, tx *sqlx.Tx, docID int64) error {
	if _, err := tx.ExecContext(ctx, `SELECT budgetql_document_amounts($1)`, docID); err != nil {
		return fmt.Errorf("document amounts: %w", err)
	}
	return nil
}

// AmountRule is one cell that prints an amount (table amount_rule, the one definition of where
// measures and subjects are printed), in the order the store tries them.
type AmountRule struct {
	Target       string `db:"target"`        // a measure, or "function"/"economic" for subjects
	AmountColumn string `db:"amount_column"` // "" a measure's amount, "budget" its 年初预算; a subject's column
	Priority     int    `db:"priority"`
	Kind         string `db:"kind"` // "" every kind
	Table        string `db:"table_id"`
	Row          string `db:"row_code"` // "*" every subject row
	Column       string `db:"column_id"`
}

// AmountRules returns the rules, read once when the Reader opened.
func (r *Reader) AmountRules() []AmountRule { return r.rules }

func readAmountRules(ctx context.Context, d *sqlx.DB) ([]AmountRule, error) {
	var out []AmountRule
	err := d.SelectContext(ctx, &out, `SELECT target, amount_column, priority, kind, table_id, row_code,
		column_id FROM amount_rule ORDER BY target, amount_column, priority`)
	return out, err
}

// AmountTarget names what document_amount holds: a measure (column "", or "budget" for its
// 年初预算) or a subject of a classification ("function", "economic") in a column.
type AmountTarget struct {
	Measure        string
	Classification string
	Code           string
	Column         string
}

// Key is the target and column of document_amount.
func (t AmountTarget) Key() (string, string) {
	if t.Measure != "" {
		return t.Measure, t.Column
	}
	return t.Classification + ":" + t.Code, t.Column
}

// AmountRow is a document's resolved amount of a target and column, with the figure it is.
type AmountRow struct {
	Target       string `db:"target"`
	AmountColumn string `db:"amount_column"`
	FigureRow
}

// amountFrom joins document_amount a (with k's keys) to its figure f and document d.
const amountSelect = `SELECT a.target, a.column_id AS amount_column, ` + "%s" + `
	FROM document_amount a
	JOIN figure f ON f.department_id = a.department_id AND f.document_id = a.document_id AND f.ordinal = a.figure_ordinal
	JOIN document d ON d.id = a.document_id `

func amountQuery(join string) string { return fmt.Sprintf(amountSelect, figureList) + join }

// DocAmount names one target and column of one document.
type DocAmount struct {
	DocumentID int64
	Target     string
	Column     string
}

// AmountsByKey returns the resolved amounts the keys name (none for a target the document does
// not print).
func (r *Reader) AmountsByKey(ctx context.Context, keys []DocAmount) ([]AmountRow, error) {
	docs := make([]int64, len(keys))
	targets := make([]string, len(keys))
	cols := make([]string, len(keys))
	for i, k := range keys {
		docs[i], targets[i], cols[i] = k.DocumentID, k.Target, k.Column
	}
	return selectAll[AmountRow](ctx, r, "AmountsByKey", amountQuery(`
		JOIN unnest($1::bigint[], $2::text[], $3::text[]) AS k(document_id, target, column_id)
		  ON a.document_id = k.document_id AND a.target = k.target AND a.column_id = k.column_id
		ORDER BY a.document_id, f.ordinal`), pq.Array(docs), pq.Array(targets), pq.Array(cols))
}

// DocClass names the subjects of one classification ("function", "economic") of one document.
type DocClass struct {
	DocumentID     int64
	Classification string
}

// AmountsByClass returns every resolved subject amount of the keys' documents and
// classifications, in printed order.
func (r *Reader) AmountsByClass(ctx context.Context, keys []DocClass) ([]AmountRow, error) {
	docs, classes := splitKeys(keys, func(k DocClass) (int64, string) { return k.DocumentID, k.Classification })
	return selectAll[AmountRow](ctx, r, "AmountsByClass", amountQuery(`
		JOIN unnest($1::bigint[], $2::text[]) AS k(document_id, class)
		  ON a.document_id = k.document_id AND split_part(a.target, ':', 1) = k.class
		ORDER BY a.document_id, f.ordinal, a.column_id`), pq.Array(docs), pq.Array(classes))
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
	target, col := t.Key()
	return selectAll[RankedRow](ctx, r, "RankedFigures", `SELECT `+figureList+`, `+
		columnsAs(documentFields, "d", "", "doc")+`, `+departmentAs+`
		FROM document_amount a
		JOIN figure f ON f.department_id = a.department_id AND f.document_id = a.document_id
		  AND f.ordinal = a.figure_ordinal
		JOIN document d ON d.id = a.document_id`+departmentJoin("a.department_id")+`
		WHERE a.target = $1 AND a.column_id = $2 AND a.kind = $3 AND a.year = $4
		  AND a.scope = 'department' AND a.amount IS NOT NULL AND `+visible("d", "$6")+`
		ORDER BY a.amount DESC, a.document_id LIMIT $5`, target, col, kind, year, limit, versionOf(ctx))
}

// YearTotal is the sum of an amount over the department-scope documents of a year; like for
// like, over the departments with the year before too, and their sum that year.
type YearTotal struct {
	Year                int                 `db:"year"`
	Yuan                decimal.Decimal     `db:"yuan"`
	Departments         int                 `db:"departments"`
	Previous            decimal.NullDecimal `db:"previous"`
	PreviousDepartments int                 `db:"previous_departments"`
}

// YearTotals returns the target's amount summed over the department-scope documents of a kind,
// by year.
func (r *Reader) YearTotals(ctx context.Context, t AmountTarget, kind string) ([]YearTotal, error) {
	target, col := t.Key()
	return selectAll[YearTotal](ctx, r, "YearTotals", `SELECT a.year, sum(a.amount) AS yuan, count(*) AS departments
		FROM document_amount a JOIN document d ON d.id = a.document_id
		WHERE a.target = $1 AND a.column_id = $2 AND a.kind = $3
		  AND a.scope = 'department' AND a.amount IS NOT NULL AND `+visible("d", "$4")+`
		GROUP BY a.year ORDER BY a.year`, target, col, kind, versionOf(ctx))
}

// LikeForLikeTotals returns, for each year, the target's amount summed over the departments whose
// department-scope documents of the kind print it that year and the year before, and the same
// departments' sum of the year before.
func (r *Reader) LikeForLikeTotals(ctx context.Context, t AmountTarget, kind string) ([]YearTotal, error) {
	target, col := t.Key()
	return selectAll[YearTotal](ctx, r, "LikeForLikeTotals", `WITH a AS (
		SELECT a.department_id, a.year, a.amount FROM document_amount a JOIN document d ON d.id = a.document_id
		WHERE a.target = $1 AND a.column_id = $2 AND a.kind = $3 AND a.scope = 'department'
		  AND a.amount IS NOT NULL AND `+visible("d", "$4")+`)
	SELECT c.year, sum(c.amount) AS yuan, count(*) AS departments, sum(p.amount) AS previous,
		count(*) AS previous_departments
	FROM a c JOIN a p ON p.department_id = c.department_id AND p.year = c.year - 1
	GROUP BY c.year ORDER BY c.year`, target, col, kind, versionOf(ctx))
}
