package db

import (
	"context"
	"database/sql"

	"github.com/jmoiron/sqlx"

	"budgetql/loader"
	"budgetql/loader/model"
)

// CopyFloor writes docs with nothing but COPY, split over streams parallel transactions like
// the store's writers: departments and documents with ids made up here, then one COPY per fact
// table for all documents of the stream, without lookups, locks or replacement. It is the
// floor the load benchmark compares the store with.
func CopyFloor(ctx context.Context, d *sqlx.DB, docs []*model.Document, streams int) (int, error) {
	return copyFloor(ctx, d, docs, streams, false)
}

// CopyFloorBefore15 is CopyFloor into a schema older than migration 0015: projects as the store
// wrote them then, the listed ones only and without their source table.
func CopyFloorBefore15(ctx context.Context, d *sqlx.DB, docs []*model.Document) error {
	_, err := copyFloor(ctx, d, docs, 1, true)
	return err
}

func copyFloor(ctx context.Context, d *sqlx.DB, docs []*model.Document, streams int, before15 bool) (int, error) {
	type result struct {
		figures int
		err     error
	}
	results := make(chan result, streams)
	for s := range streams {
		go func() {
			var part []*model.Document
			for i := s; i < len(docs); i += streams {
				part = append(part, docs[i])
			}
			n, err := copyStream(ctx, d, part, int64(s*len(docs)), before15)
			results <- result{n, err}
		}()
	}
	total := 0
	var firstErr error
	for range streams {
		r := <-results
		total += r.figures
		if r.err != nil && firstErr == nil {
			firstErr = r.err
		}
	}
	return total, firstErr
}

func copyStream(ctx context.Context, d *sqlx.DB, docs []*model.Document, base int64, before15 bool) (figures int, err error) {
	tx, err := d.BeginTxx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	var depts, documents [][]any
	all := map[string][][]any{}
	builders := map[string]func(ids, *model.Document) [][]any{
		copyUnit: unitRows, copySubject: subjectRows, copyFigure: figureRows, copyProject: projectRows,
		copyProcurement: procurementRows, copyTarget: targetRows, copyNarrative: narrativeRows,
		copyStaffing: staffingRows, copyCheck: checkRows, copyRepair: repairRows, copyIssue: issueRows,
	}
	if before15 {
		delete(builders, copyProject)
		builders[copyProjectBefore15] = projectRowsBefore15
		delete(builders, copyCheck)
		builders[copyCheckBefore16] = func(k ids, doc *model.Document) [][]any { return firstColumns(checkRows(k, doc), 11) }
		delete(builders, copyIssue)
		builders[copyIssueBefore16] = func(k ids, doc *model.Document) [][]any { return firstColumns(issueRows(k, doc), 6) }
		delete(builders, copyFigure)
		builders[copyFigureBefore16] = func(k ids, doc *model.Document) [][]any { return firstColumns(figureRows(k, doc), 18) }
	}
	for i, doc := range docs {
		k := ids{base + int64(i+1), base + int64(i+1)}
		depts = append(depts, []any{k.dept, doc.Department, DepartmentKey(doc.Department, doc.Region.Name)})
		documents = append(documents, []any{k.doc, k.dept, doc.File, doc.SHA256, string(doc.Format),
			loader.ParserVersion, doc.Department, doc.Year, string(doc.Kind), string(doc.Scope), doc.Pages, doc.Lines})
		for stmt, rows := range builders {
			all[stmt] = append(all[stmt], rows(k, doc)...)
		}
	}
	figures = len(all[copyFigure]) + len(all[copyFigureBefore16])
	if err := copyRows(ctx, tx, `COPY department (id, name, name_key) FROM STDIN`, depts); err != nil {
		return 0, err
	}
	if err := copyRows(ctx, tx, `COPY document (id, department_id, file_name, sha256, format, parser_version,
		department_name, year, kind, scope, pages, lines) FROM STDIN`, documents); err != nil {
		return 0, err
	}
	for stmt, rows := range all {
		if err := copyRows(ctx, tx, stmt, rows); err != nil {
			return 0, err
		}
	}
	return figures, tx.Commit()
}

// MigrateTo migrates the database at url up to version v (for upgrade tests).
func MigrateTo(url string, v uint) error {
	conn, err := sql.Open("postgres", url)
	if err != nil {
		return err
	}
	defer conn.Close()
	m, err := newMigrate(conn)
	if err != nil {
		return err
	}
	defer m.Close()
	return m.Migrate(v)
}

// The checks, issues and figures as the store wrote them before migrations 0016 and 0017.
const (
	copyCheckBefore16 = `COPY check_result (department_id, document_id, ordinal, check_id, rule, table_id,
		result, expected, actual, detail, lines) FROM STDIN`
	copyIssueBefore16 = `COPY document_issue (department_id, document_id, ordinal, kind, detail, line) FROM STDIN`
	// copyFigureBefore16: figures without the boxes of migration 0016.
	copyFigureBefore16 = `COPY figure (department_id, document_id, ordinal, year, kind, table_id, row_code,
		row_name, level, column_id, amount, printed, unit, status, note, page, line, line_text) FROM STDIN`
)

// firstColumns keeps the first n columns of each row.
func firstColumns(rows [][]any, n int) [][]any {
	for i, r := range rows {
		rows[i] = r[:n]
	}
	return rows
}

const copyProjectBefore15 = `COPY project (department_id, document_id, ordinal, year, code, name, unit_name,
	category, amount, printed, unit, status, name_from, page, line, line_text) FROM STDIN`

// projectRowsBefore15 are the project rows the store wrote before migration 0015: no source table,
// and none of a performance form (the loader of that time did not list them).
func projectRowsBefore15(k ids, doc *model.Document) [][]any {
	var out [][]any
	for i, p := range doc.Projects {
		if p.AmountFrom == model.TablePerformanceForm {
			continue
		}
		out = append(out, []any{k.dept, k.doc, i + 1, doc.Year, txt(p.Code), txt(p.Name), txt(p.Unit),
			txt(p.Category), money(p.Amount), txt(p.Amount.Printed), string(p.Amount.Unit),
			string(p.Amount.Status), txt(p.NameFrom), p.Source.Page, p.Source.Line, txt(p.Source.Text)})
	}
	return out
}
