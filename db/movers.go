package db

import (
	"context"
	"fmt"

	"github.com/lib/pq"
	"github.com/shopspring/decimal"
)

// MoverFilter selects the subject amounts SubjectMovers compares: one classification's subjects
// (column total) of a year and the year before, in department-scope documents of a kind.
type MoverFilter struct {
	Kind           string
	Year           int
	Classification string  // function, economic
	CodeLength     int     // subjects of one level (3, 5 or 7 digits); 0 for every level
	Departments    []int64 // none for every department
	MinBase        decimal.Decimal
	ByPercent      bool
	Limit          int
}

// MoverRow is a subject's figure in the year and in the year before.
type MoverRow struct {
	Current  FigureRow `db:"cur"`
	Previous FigureRow `db:"prev"`
}

// SubjectMovers pairs each department's subject amounts (document_amount) with the year before
// and returns the largest changes first: by absolute change, or by percent change rounded to two
// places as the API shows it; ties by department and code. Bases under MinBase are left out, and
// so are zero bases when ordering by percent.
func (r *Reader) SubjectMovers(ctx context.Context, f MoverFilter) ([]MoverRow, error) {
	prefix := f.Classification + ":"
	args := []any{f.Kind, f.Year, prefix, f.MinBase, f.Limit}
	// Every department: the subject index (migration 0011). Some: their documents' rows (primary
	// key), which the subject index would make the planner pass over.
	scope := ` AND split_part(a.target, ':', 1) = $6`
	args = append(args, f.Classification)
	if len(f.Departments) > 0 {
		args[5] = pq.Array(f.Departments)
		scope = ` AND starts_with(a.target, $3) AND a.document_id IN (SELECT id FROM document
			WHERE department_id = ANY($6) AND kind = $1 AND year IN ($2 - 1, $2) AND scope = 'department')`
	}
	codes := `'^[0-9]{3,7}$'`
	if f.CodeLength > 0 {
		codes = fmt.Sprintf(`'^[0-9]{%d}$'`, f.CodeLength)
	}
	size, base := `abs(p.cur - p.prev)`, ``
	if f.ByPercent {
		size, base = `round(abs(p.cur - p.prev) * 100 / abs(p.prev), 2)`, ` AND p.prev <> 0`
	}
	return selectAll[MoverRow](ctx, r, "SubjectMovers", `WITH a AS (
		SELECT DISTINCT ON (a.department_id, a.year, a.target) a.department_id, a.document_id, a.year,
			substr(a.target, char_length($3) + 1) AS code, a.amount, a.figure_ordinal
		FROM document_amount a
		WHERE a.kind = $1 AND a.year IN ($2 - 1, $2) AND a.column_id = 'total'
		  AND substr(a.target, char_length($3) + 1) ~ `+codes+scope+`
		ORDER BY a.department_id, a.year, a.target, a.document_id
	), pair AS (
		SELECT department_id, code,
			max(amount) FILTER (WHERE year = $2) AS cur, max(amount) FILTER (WHERE year = $2 - 1) AS prev,
			max(document_id) FILTER (WHERE year = $2) AS cur_doc, max(figure_ordinal) FILTER (WHERE year = $2) AS cur_ord,
			max(document_id) FILTER (WHERE year = $2 - 1) AS prev_doc, max(figure_ordinal) FILTER (WHERE year = $2 - 1) AS prev_ord
		FROM a GROUP BY department_id, code
	), m AS (
		SELECT department_id, code, cur_doc, cur_ord, prev_doc, prev_ord, `+size+` AS size
		FROM pair p WHERE p.cur IS NOT NULL AND p.prev IS NOT NULL AND abs(p.prev) >= $4`+base+`
		ORDER BY size DESC, department_id, code COLLATE "C" LIMIT $5
	)
	SELECT `+figureColumnsAs("fc", "dc", "cur")+`, `+figureColumnsAs("fp", "dp", "prev")+`
	FROM m
	JOIN figure fc ON fc.department_id = m.department_id AND fc.document_id = m.cur_doc AND fc.ordinal = m.cur_ord
	JOIN document dc ON dc.id = m.cur_doc
	JOIN figure fp ON fp.department_id = m.department_id AND fp.document_id = m.prev_doc AND fp.ordinal = m.prev_ord
	JOIN document dp ON dp.id = m.prev_doc
	ORDER BY m.size DESC, m.department_id, m.code COLLATE "C"`, args...)
}
