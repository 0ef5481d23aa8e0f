package db

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/lib/pq"
)

// DepartmentRow is a department as the API reads it.
type DepartmentRow struct {
	ID         int64   `db:"id"`
	Name       string  `db:"name"`
	RegionID   *int64  `db:"region_id"`
	RegionCode *string `db:"region_code"`
	RegionName *string `db:"region_name"`
}

// Region is a department's region as the API shows it.
type Region struct {
	Code *string // administrative code when known
	Name string
}

// Region returns the department's region, or nil when it has none.
func (d DepartmentRow) Region() *Region {
	if d.RegionName == nil {
		return nil
	}
	return &Region{Code: d.RegionCode, Name: *d.RegionName}
}

// DocumentRow is a loaded document as the API reads it.
type DocumentRow struct {
	ID             int64     `db:"id"`
	DepartmentID   int64     `db:"department_id"`
	FileName       string    `db:"file_name"`
	SHA256         string    `db:"sha256"`
	Format         string    `db:"format"`
	ParserVersion  string    `db:"parser_version"`
	LoadedAt       time.Time `db:"loaded_at"`
	DepartmentName string    `db:"department_name"`
	Year           int       `db:"year"`
	Kind           string    `db:"kind"`
	Scope          string    `db:"scope"`
	Pages          int       `db:"pages"`
	VersionFrom    int64     `db:"version_from"` // the dataset version that loaded it
	VersionTo      *int64    `db:"version_to"`   // the version that superseded it; nil while current
}

// AliasRow is one printed name of a department.
type AliasRow struct {
	DepartmentID int64  `db:"department_id"`
	Alias        string `db:"alias"`
}

const (
	departmentList    = `d.id, d.name, d.region_id, r.code AS region_code, r.name AS region_name`
	departmentFrom    = ` FROM department d LEFT JOIN region r ON r.id = d.region_id `
	departmentColumns = departmentList + departmentFrom
)

// departmentAs lists a DepartmentRow's columns from department dp and region rg, each named
// dept.x for a struct field tagged "dept"; departmentJoin joins them to a row's department id.
const departmentAs = `dp.id AS "dept.id", dp.name AS "dept.name", dp.region_id AS "dept.region_id",
	rg.code AS "dept.region_code", rg.name AS "dept.region_name"`

func departmentJoin(departmentID string) string {
	return ` JOIN department dp ON dp.id = ` + departmentID + ` LEFT JOIN region rg ON rg.id = dp.region_id `
}

// documentFields are DocumentRow's columns of table document.
var documentFields = []string{"id", "department_id", "file_name", "sha256", "format", "parser_version",
	"loaded_at", "department_name", "year", "kind", "scope", "pages", "version_from", "version_to"}

var documentColumns = strings.Join(documentFields, ", ") + " FROM document"

// DepartmentsByID returns the departments with the given ids, in any order.
func (r *Reader) DepartmentsByID(ctx context.Context, ids []int64) ([]DepartmentRow, error) {
	return selectAll[DepartmentRow](ctx, r, "DepartmentsByID", `SELECT `+departmentColumns+` WHERE d.id = ANY($1)`, pq.Array(ids))
}

// DepartmentByName returns the department printed under name (its name or an alias), or
// ErrNotFound.
func (r *Reader) DepartmentByName(ctx context.Context, name string) (DepartmentRow, error) {
	var out DepartmentRow
	err := r.getRow(ctx, &out, `SELECT `+departmentColumns+` WHERE (d.name = $1
		OR d.id IN (SELECT department_id FROM department_alias WHERE alias = $1 AND version_from <= $2))
		AND d.version_from <= $2 ORDER BY d.id LIMIT 1`, name, versionOf(ctx))
	if err != nil {
		return out, fmt.Errorf("db.DepartmentByName %q: %w", name, err)
	}
	return out, nil
}

// DocumentByName returns the document of a year and kind of the department printed under name
// (its name or an alias), department scope first, or ErrNotFound.
func (r *Reader) DocumentByName(ctx context.Context, name string, year int, kind string) (DocumentRow, error) {
	var out DocumentRow
	err := r.getRow(ctx, &out, `SELECT `+documentColumns+` d WHERE year = $2 AND kind = $3 AND `+visible("d", "$4")+`
		AND department_id IN (SELECT id FROM department WHERE name = $1 AND version_from <= $4
			UNION SELECT department_id FROM department_alias WHERE alias = $1 AND version_from <= $4)
		ORDER BY department_id, scope <> 'department', scope LIMIT 1`, name, year, kind, versionOf(ctx))
	if err != nil {
		return out, fmt.Errorf("db.DocumentByName %q %d %s: %w", name, year, kind, err)
	}
	return out, nil
}

// DepartmentPage returns up to limit departments with id > after whose name or an alias
// contains name ("" for all), by id, and the count of all that match.
func (r *Reader) DepartmentPage(ctx context.Context, name string, after int64, limit int) ([]DepartmentRow, int, error) {
	var rows []struct {
		DepartmentRow
		Total int `db:"total"`
	}
	var c conds
	c.add("d.version_from <= $%d", versionOf(ctx)) // $1
	if name != "" {
		c.add(`(strpos(d.name, $%d) > 0
		   OR d.id IN (SELECT department_id FROM department_alias WHERE strpos(alias, $%d) > 0 AND version_from <= $1))`, name)
	}
	where := c.sql()
	err := r.selectRows(ctx, &rows, `WITH m AS (SELECT `+departmentList+`, count(*) OVER () AS total`+departmentFrom+where+`)
		SELECT * FROM m WHERE m.id > `+c.next(1)+` ORDER BY m.id LIMIT `+c.next(2), append(c.args, after, limit)...)
	if err != nil {
		return nil, 0, fmt.Errorf("db.DepartmentPage: %w", err)
	}
	if len(rows) == 0 {
		var total int
		if err := r.getRow(ctx, &total, `SELECT count(*) FROM department d `+where, c.args...); err != nil {
			return nil, 0, fmt.Errorf("db.DepartmentPage: %w", err)
		}
		return nil, total, nil
	}
	var out []DepartmentRow
	total := 0
	for _, x := range rows {
		total = x.Total
		out = append(out, x.DepartmentRow)
	}
	return out, total, nil
}

// AliasesByDepartment returns the printed names of the departments, by department and alias.
func (r *Reader) AliasesByDepartment(ctx context.Context, ids []int64) ([]AliasRow, error) {
	return selectAll[AliasRow](ctx, r, "AliasesByDepartment", `SELECT department_id, alias FROM department_alias
		WHERE department_id = ANY($1) AND version_from <= $2 ORDER BY department_id, alias`, pq.Array(ids), versionOf(ctx))
}

// DocumentsByID returns the documents with the given ids.
func (r *Reader) DocumentsByID(ctx context.Context, ids []int64) ([]DocumentRow, error) {
	return selectAll[DocumentRow](ctx, r, "DocumentsByID", `SELECT `+documentColumns+` WHERE id = ANY($1)`, pq.Array(ids))
}

// DocumentsByDepartment returns the documents of the departments by department, year, kind
// and scope (department scope first).
func (r *Reader) DocumentsByDepartment(ctx context.Context, ids []int64) ([]DocumentRow, error) {
	return selectAll[DocumentRow](ctx, r, "DocumentsByDepartment", `SELECT `+documentColumns+` d WHERE department_id = ANY($1)
		AND `+visible("d", "$2")+` ORDER BY department_id, year, kind, scope <> 'department', scope`, pq.Array(ids), versionOf(ctx))
}

// DocumentsByYear returns every document of a year and kind (all years when year is 0), by
// department.
func (r *Reader) DocumentsByYear(ctx context.Context, year int, kind string) ([]DocumentRow, error) {
	var c conds
	c.add(visible("d", "$%d"), versionOf(ctx))
	c.add("kind = $%d", kind)
	if year != 0 {
		c.add("year = $%d", year)
	}
	return selectAll[DocumentRow](ctx, r, "DocumentsByYear", `SELECT `+documentColumns+` d`+c.sql()+`
		ORDER BY department_id, year, scope <> 'department', scope`, c.args...)
}

// DepartmentSuggestions returns up to limit department names nearest to name: names and aliases
// that contain it or that it contains first, then those sharing the most two-character pieces with
// it (as search indexes them), shorter names first. None when nothing is near.
func (r *Reader) DepartmentSuggestions(ctx context.Context, name string, limit int) ([]string, error) {
	return selectAll[string](ctx, r, "DepartmentSuggestions", `WITH q AS (SELECT budgetql_bigrams($1) AS g),
	names AS (SELECT id AS department_id, name AS printed FROM department WHERE version_from <= $3
		UNION ALL SELECT department_id, alias FROM department_alias WHERE version_from <= $3),
	scored AS (
		SELECT n.department_id,
			max(CASE WHEN strpos(n.printed, $1) > 0 OR strpos($1, n.printed) > 0 THEN 1 ELSE 0 END) AS contains,
			max(cardinality(ARRAY(SELECT unnest(budgetql_bigrams(n.printed)) INTERSECT SELECT unnest(q.g)))) AS shared
		FROM names n, q
		WHERE budgetql_bigrams(n.printed) && q.g OR strpos(n.printed, $1) > 0
		GROUP BY n.department_id)
	SELECT d.name FROM scored s JOIN department d ON d.id = s.department_id
	WHERE s.contains = 1 OR s.shared * 2 >= (SELECT cardinality(g) FROM q)
	ORDER BY s.contains DESC, s.shared DESC, char_length(d.name), d.name LIMIT $2`, name, limit, versionOf(ctx))
}

// LoadedYear is a year and kind with a department-scope document.
type LoadedYear struct {
	Year int    `db:"year"`
	Kind string `db:"kind"`
}

// LoadedYears returns the years and kinds loaded, of one department (0 for every department), by
// year and kind.
func (r *Reader) LoadedYears(ctx context.Context, department int64) ([]LoadedYear, error) {
	var c conds
	c.add(visible("d", "$%d"), versionOf(ctx))
	if department != 0 {
		c.add("d.department_id = $%d", department)
	}
	return selectAll[LoadedYear](ctx, r, "LoadedYears", `SELECT DISTINCT d.year, d.kind FROM document d`+c.sql()+`
		ORDER BY d.year, d.kind`, c.args...)
}

// DocumentVersions returns every stored document of the slot (department, year, kind, scope) of
// document id loaded at or before the context's dataset version, oldest first.
func (r *Reader) DocumentVersions(ctx context.Context, id int64) ([]DocumentRow, error) {
	return selectAll[DocumentRow](ctx, r, "DocumentVersions", `SELECT `+documentColumns+` d
		WHERE (department_id, year, kind, scope) = (SELECT department_id, year, kind, scope FROM document WHERE id = $1)
		  AND version_from <= $2 ORDER BY version_from`, id, versionOf(ctx))
}
