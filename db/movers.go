package db

import (
	"context"
	"fmt"

	"github.com/lib/pq"
	"github.com/shopspring/decimal"
)

// MoverFilter selects the amounts a movers statement compares: of a year and the year before,
// in department-scope documents of a kind. Subjects are one classification's (column total).
type MoverFilter struct {
	Kind           string
	Year           int
	Classification string  // function, economic (subjects only)
	CodeLength     int     // subjects of one level (3, 5 or 7 digits); 0 for every level
	Departments    []int64 // none for every department
	MinBase        decimal.Decimal
	ByPercent      bool
	Direction      int // 1 increases only, -1 decreases only, 0 both
	Limit          int
}

// MoverRow is a subject's figure in the year and in the year before.
type MoverRow struct {
	Current  FigureRow `db:"cur"`
	Previous FigureRow `db:"prev"`
}

// ProjectMoverRow is a coded project in the year and in the year before.
type ProjectMoverRow struct {
	Current  ProjectRow `db:"cur"`
	Previous ProjectRow `db:"prev"`
}

// SubjectMovers pairs each department's subject amounts (document_amount) with the year before
// and returns the largest changes first (see movers).
func (r *Reader) SubjectMovers(ctx context.Context, f MoverFilter) ([]MoverRow, error) {
	prefix := f.Classification + ":"
	args := []any{f.Kind, f.Year, f.MinBase, f.Limit, prefix}
	// Every department: the subject index (migration 0011). Some: their documents' rows (primary
	// key), which the subject index would make the planner pass over.
	scope := ` AND split_part(a.target, ':', 1) = $6`
	args = append(args, f.Classification)
	if len(f.Departments) > 0 {
		args[5] = pq.Array(f.Departments)
		scope = ` AND starts_with(a.target, $5) AND a.document_id IN (SELECT id FROM document
			WHERE department_id = ANY($6) AND kind = $1 AND year IN ($2 - 1, $2) AND scope = 'department')`
	}
	args = append(args, versionOf(ctx))
	codes := `'^[0-9]{3,7}$'`
	if f.CodeLength > 0 {
		codes = fmt.Sprintf(`'^[0-9]{%d}$'`, f.CodeLength)
	}
	return selectAll[MoverRow](ctx, r, "SubjectMovers", `WITH a AS (
		SELECT DISTINCT ON (a.department_id, a.year, a.target) a.department_id, a.document_id, a.year,
			substr(a.target, char_length($5) + 1) AS code, a.amount, a.figure_ordinal AS ordinal
		FROM document_amount a JOIN document dv ON dv.id = a.document_id AND `+visible("dv", "$7")+`
		WHERE a.kind = $1 AND a.year IN ($2 - 1, $2) AND a.column_id = 'total'
		  AND a.scope = 'department' AND a.amount IS NOT NULL
		  AND substr(a.target, char_length($5) + 1) ~ `+codes+scope+`
		ORDER BY a.department_id, a.year, a.target, a.document_id
	)`+movers(f)+moverFigures, args...)
}

// moverFigures reads the paired figures of m (see movers).
var moverFigures = `
	SELECT ` + columnsAs(figureFields, "fc", "dc", "cur") + `, ` + columnsAs(figureFields, "fp", "dp", "prev") + `
	FROM m
	JOIN figure fc ON fc.department_id = m.department_id AND fc.document_id = m.cur_doc AND fc.ordinal = m.cur_ord
	JOIN document dc ON dc.id = m.cur_doc
	JOIN figure fp ON fp.department_id = m.department_id AND fp.document_id = m.prev_doc AND fp.ordinal = m.prev_ord
	JOIN document dp ON dp.id = m.prev_doc
	ORDER BY m.size DESC, m.department_id, m.code COLLATE "C"`

// TargetMovers pairs each department's amount of one target (a measure, or a subject code, in a
// column) with the year before and returns the largest changes first (see movers).
func (r *Reader) TargetMovers(ctx context.Context, t AmountTarget, f MoverFilter) ([]MoverRow, error) {
	target, col := t.Key()
	args := []any{f.Kind, f.Year, f.MinBase, f.Limit, target, col, versionOf(ctx)}
	scope := ""
	if len(f.Departments) > 0 {
		args = append(args, pq.Array(f.Departments))
		scope = ` AND a.department_id = ANY($8)`
	}
	return selectAll[MoverRow](ctx, r, "TargetMovers", `WITH a AS (
		SELECT DISTINCT ON (a.department_id, a.year) a.department_id, a.document_id, a.year,
			a.target AS code, a.amount, a.figure_ordinal AS ordinal
		FROM document_amount a JOIN document dv ON dv.id = a.document_id AND `+visible("dv", "$7")+`
		WHERE a.target = $5 AND a.column_id = $6 AND a.kind = $1 AND a.year IN ($2 - 1, $2)
		  AND a.scope = 'department' AND a.amount IS NOT NULL`+scope+`
		ORDER BY a.department_id, a.year, a.document_id
	)`+movers(f)+moverFigures, args...)
}

// ProjectMovers pairs each department's projects (the first row of a code in a document, or of a
// name when the project has no code) with the year before and returns the largest changes first
// (see movers).
func (r *Reader) ProjectMovers(ctx context.Context, f MoverFilter) ([]ProjectMoverRow, error) {
	args := []any{f.Kind, f.Year, f.MinBase, f.Limit, versionOf(ctx)}
	scope := ""
	if len(f.Departments) > 0 {
		args = append(args, pq.Array(f.Departments))
		scope = ` AND p.department_id = ANY($6)`
	}
	return selectAll[ProjectMoverRow](ctx, r, "ProjectMovers", `WITH p AS (
		SELECT p.*, CASE WHEN p.code <> '' THEN p.code ELSE 'name:' || p.name END AS key
		FROM project p JOIN document d ON d.id = p.document_id
		WHERE d.scope = 'department' AND d.kind = $1 AND d.year IN ($2 - 1, $2) AND p.amount IS NOT NULL
		  AND `+visible("d", "$5")+scope+`
	), a AS (
		SELECT DISTINCT ON (p.department_id, p.year, p.key) p.department_id, p.document_id, p.year,
			p.key AS code, p.amount, p.ordinal
		FROM p ORDER BY p.department_id, p.year, p.key, p.document_id, p.ordinal
	)`+movers(f)+`
	SELECT `+columnsAs(projectFields, "pc", "", "cur")+`, `+columnsAs(projectFields, "pp", "", "prev")+`
	FROM m
	JOIN project pc ON pc.department_id = m.department_id AND pc.document_id = m.cur_doc AND pc.ordinal = m.cur_ord
	JOIN project pp ON pp.department_id = m.department_id AND pp.document_id = m.prev_doc AND pp.ordinal = m.prev_ord
	ORDER BY m.size DESC, m.department_id, m.code COLLATE "C"`, args...)
}

// movers continues a statement whose CTE a holds one amount per department, year and code
// (department_id, document_id, year, code, amount, ordinal): it pairs the year ($2) with the year
// before, leaves out bases under $3 (and zero bases when ordering by percent) and, with a
// direction, the changes the other way, and keeps the $4 largest changes in m, by absolute change
// or by percent change rounded to two places as the API shows it; ties by department and code.
func movers(f MoverFilter) string {
	size, base := `abs(p.cur - p.prev)`, ``
	if f.ByPercent {
		size, base = `round(abs(p.cur - p.prev) * 100 / abs(p.prev), 2)`, ` AND p.prev <> 0`
	}
	switch {
	case f.Direction > 0:
		base += ` AND p.cur > p.prev`
	case f.Direction < 0:
		base += ` AND p.cur < p.prev`
	}
	return `, pair AS (
		SELECT department_id, code,
			max(amount) FILTER (WHERE year = $2) AS cur, max(amount) FILTER (WHERE year = $2 - 1) AS prev,
			max(document_id) FILTER (WHERE year = $2) AS cur_doc, max(ordinal) FILTER (WHERE year = $2) AS cur_ord,
			max(document_id) FILTER (WHERE year = $2 - 1) AS prev_doc, max(ordinal) FILTER (WHERE year = $2 - 1) AS prev_ord
		FROM a GROUP BY department_id, code
	), m AS (
		SELECT department_id, code, cur_doc, cur_ord, prev_doc, prev_ord, ` + size + ` AS size
		FROM pair p WHERE p.cur IS NOT NULL AND p.prev IS NOT NULL AND abs(p.prev) >= $3` + base + `
		ORDER BY size DESC, department_id, code COLLATE "C" LIMIT $4
	)`
}
