package db

import (
	"context"
	"fmt"
	"strings"

	"github.com/lib/pq"
)

// maxProbeBigrams bounds the two-character pieces of a search term that the bigram indexes are
// asked for: any of them finds every name holding the term (the LIKE recheck keeps the exact
// ones), and a few spread over the term narrow it as well as all of them, so a long or
// repetitive term costs no more than a short one.
const maxProbeBigrams = 4

// probeBigrams returns up to maxProbeBigrams distinct two-character pieces of the lower-cased
// term, spread from its start to its end (budgetql_bigrams makes the indexed ones the same way).
func probeBigrams(term string) []string {
	r := []rune(strings.ToLower(term))
	var all []string
	seen := map[string]bool{}
	for i := 0; i+1 < len(r); i++ {
		if b := string(r[i : i+2]); !seen[b] {
			seen[b] = true
			all = append(all, b)
		}
	}
	if len(all) <= maxProbeBigrams {
		return all
	}
	out := make([]string, 0, maxProbeBigrams)
	for i := 0; i < maxProbeBigrams; i++ {
		out = append(out, all[i*(len(all)-1)/(maxProbeBigrams-1)])
	}
	return out
}

// SearchRow is one name that contains a search term.
type SearchRow struct {
	Kind         string  `db:"kind"` // DEPARTMENT, PROJECT, TARGET
	Name         string  `db:"name"`
	DepartmentID int64   `db:"department_id"`
	DocumentID   *int64  `db:"document_id"`
	Year         *int    `db:"year"`
	ProjectCode  *string `db:"project_code"`
	ProjectName  *string `db:"project_name"`
	// Classification and SubjectCode name a subject hit's subject.
	Classification *string `db:"classification"`
	SubjectCode    *string `db:"subject_code"`
	Page           int     `db:"page"`
	Line           int     `db:"line"`
	LineText       string  `db:"line_text"`
	Total          int     `db:"total"`
	Ordinal        int     `db:"ordinal"` // order within the document
	// Department is the hit's department, read in the same statement.
	Department DepartmentRow `db:"dept"`
}

// searchSQL finds department names and aliases, project names (from the project table and from
// performance forms), subject names (sourced at their resolved amount's line) and target names
// containing $1. Each branch asks a bigram GIN index (@>)
// and rechecks with LIKE (migration 0003). A form's project name counts only when the document
// lists no project of that name or code (migration 0012 marks the others), once per document and
// name by bytes (COLLATE "C": the same rows, without the collation's cost).
var searchSQL = `WITH proj AS (
	SELECT p.name, p.department_id, p.document_id, p.year, p.code, p.page, p.line, p.line_text, p.ordinal
	FROM project p
	WHERE budgetql_bigrams(p.name) @> $5::text[] AND lower(p.name) LIKE budgetql_like_pattern($1)
	  AND EXISTS (SELECT 1 FROM document d WHERE d.id = p.document_id AND ` + visible("d", "$4") + `)
), hits AS (
	SELECT DISTINCT ON (department_id) 'DEPARTMENT' AS kind, name, department_id,
		NULL::bigint AS document_id, NULL::int AS year, NULL::text AS project_code,
		NULL::text AS project_name, 0 AS page, 0 AS line, '' AS line_text, 0 AS ordinal,
		NULL::text AS classification, NULL::text AS subject_code
	FROM (SELECT d.name, d.id AS department_id FROM department d
		WHERE budgetql_bigrams(d.name) @> $5::text[] AND lower(d.name) LIKE budgetql_like_pattern($1)
		  AND d.version_from <= $4
		UNION ALL
		SELECT a.alias, a.department_id FROM department_alias a
		WHERE budgetql_bigrams(a.alias) @> $5::text[] AND lower(a.alias) LIKE budgetql_like_pattern($1)
		  AND a.version_from <= $4) n
	UNION ALL
	SELECT 'PROJECT', name, department_id, document_id, year, code, NULL, page, line, line_text, ordinal, NULL, NULL
	FROM proj
	UNION ALL
	SELECT * FROM (SELECT DISTINCT ON (t.document_id, t.project_name COLLATE "C") 'PROJECT', t.project_name,
		t.department_id, t.document_id, t.year, t.project_code, NULL, t.page, t.line, t.line_text, t.ordinal,
		NULL, NULL
	FROM target t
	WHERE NOT t.project_listed AND budgetql_bigrams(t.project_name) @> $5::text[]
	  AND lower(t.project_name) LIKE budgetql_like_pattern($1)
	  AND EXISTS (SELECT 1 FROM document d WHERE d.id = t.document_id AND ` + visible("d", "$4") + `)
	ORDER BY t.document_id, t.project_name COLLATE "C", t.ordinal) tp
	UNION ALL
	SELECT 'TARGET', t.level3, t.department_id, t.document_id, t.year, t.project_code,
		t.project_name, t.page, t.line, t.line_text, t.ordinal, NULL, NULL
	FROM target t
	WHERE budgetql_bigrams(t.level3) @> $5::text[] AND lower(t.level3) LIKE budgetql_like_pattern($1)
	  AND EXISTS (SELECT 1 FROM document d WHERE d.id = t.document_id AND ` + visible("d", "$4") + `)
	UNION ALL
	SELECT 'SUBJECT', s.name, s.department_id, s.document_id, s.year, NULL, NULL, f.page, f.line,
		f.line_text, f.ordinal, s.classification, s.code
	FROM subject s
	JOIN document_amount a ON a.document_id = s.document_id AND a.target = s.classification || ':' || s.code
	  AND a.column_id = 'total'
	JOIN figure f ON f.department_id = a.department_id AND f.document_id = a.document_id AND f.ordinal = a.figure_ordinal
	WHERE budgetql_bigrams(s.name) @> $5::text[] AND lower(s.name) LIKE budgetql_like_pattern($1)
	  AND EXISTS (SELECT 1 FROM document d WHERE d.id = s.document_id AND ` + visible("d", "$4") + `))
SELECT h.*, ` + departmentAs + `
FROM (SELECT kind, name, department_id, document_id, year, project_code, project_name, page, line,
	line_text, ordinal, classification, subject_code, count(*) OVER () AS total
	FROM hits ORDER BY kind, department_id, year, document_id, ordinal, name OFFSET $2 LIMIT $3) h` +
	departmentJoin("h.department_id") + `
ORDER BY h.kind, h.department_id, h.year, h.document_id, h.ordinal, h.name`

// Search returns up to limit names containing text after skipping offset, and the number of
// all hits.
func (r *Reader) Search(ctx context.Context, text string, offset, limit int) ([]SearchRow, int, error) {
	var out []SearchRow
	if err := r.selectRows(ctx, &out, searchSQL, text, offset, limit, versionOf(ctx), pq.Array(probeBigrams(text))); err != nil {
		return nil, 0, fmt.Errorf("db.Search: %w", err)
	}
	if len(out) == 0 && offset > 0 {
		all, total, err := r.Search(ctx, text, 0, 1)
		_ = all
		return nil, total, err
	}
	total := 0
	if len(out) > 0 {
		total = out[0].Total
	}
	return out, total, nil
}

// SearchPlan returns the EXPLAIN output of the search query, for tests that prove the bigram
// indexes are used.
func (r *Reader) SearchPlan(ctx context.Context, text string) (string, error) {
	var lines []string
	if err := r.selectRows(ctx, &lines, "EXPLAIN "+searchSQL, text, 0, 20, versionOf(ctx), pq.Array(probeBigrams(text))); err != nil {
		return "", fmt.Errorf("db.SearchPlan: %w", err)
	}
	out := ""
	for _, l := range lines {
		out += l + "\n"
	}
	return out, nil
}
