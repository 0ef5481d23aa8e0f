package db

import (
	"context"
	"fmt"
	"strings"

	"github.com/lib/pq"
	"github.com/shopspring/decimal"
)

// FigureRow is one printed amount with its source: a row of `budgetql figures`.
type FigureRow struct {
	DepartmentID   int64               `db:"department_id"`
	DocumentID     int64               `db:"document_id"`
	Ordinal        int                 `db:"ordinal"`
	DepartmentName string              `db:"department_name"`
	Year           int                 `db:"year"`
	Kind           string              `db:"kind"`
	TableID        string              `db:"table_id"`
	RowCode        string              `db:"row_code"`
	RowName        string              `db:"row_name"`
	Level          int                 `db:"level"`
	ColumnID       string              `db:"column_id"`
	Amount         decimal.NullDecimal `db:"amount"`
	Printed        string              `db:"printed"`
	Unit           string              `db:"unit"`
	Status         string              `db:"status"`
	Note           string              `db:"note"`
	Page           int                 `db:"page"`
	Line           int                 `db:"line"`
	LineText       string              `db:"line_text"`
}

// figureFields are FigureRow's columns, from figure f and (the department's printed name)
// document d.
var figureFields = []string{"f.department_id", "f.document_id", "f.ordinal", "d.department_name",
	"f.year", "f.kind", "f.table_id", "f.row_code", "f.row_name", "f.level", "f.column_id", "f.amount",
	"f.printed", "f.unit", "f.status", "f.note", "f.page", "f.line", "f.line_text"}

const figureFrom = ` FROM figure f JOIN document d ON d.id = f.document_id `

var (
	figureList    = strings.Join(figureFields, ", ")
	figureColumns = figureList + figureFrom
)

// columnsAs lists fields (qualified "f.x" for table alias f, "d.x" for d, or unqualified for f)
// from aliases f and d, each named prefix.x (for a struct field tagged prefix).
func columnsAs(fields []string, f, d, prefix string) string {
	cols := make([]string, len(fields))
	for i, c := range fields {
		table, name, qualified := strings.Cut(c, ".")
		if !qualified {
			table, name = "f", c
		}
		alias := f
		if table == "d" {
			alias = d
		}
		cols[i] = fmt.Sprintf(`%s.%s AS "%s.%s"`, alias, name, prefix, name)
	}
	return strings.Join(cols, ", ")
}

// splitKeys splits (document, name) keys into the two arrays a JOIN unnest($1, $2) reads.
func splitKeys[K any](keys []K, parts func(K) (int64, string)) ([]int64, []string) {
	docs := make([]int64, len(keys))
	names := make([]string, len(keys))
	for i, k := range keys {
		docs[i], names[i] = parts(k)
	}
	return docs, names
}

// DocTable names one table of one document.
type DocTable struct {
	DocumentID int64
	Table      string
}

// FiguresByDocTable returns the figures of the given tables of documents, in document order.
func (r *Reader) FiguresByDocTable(ctx context.Context, keys []DocTable) ([]FigureRow, error) {
	docs, tables := splitKeys(keys, func(k DocTable) (int64, string) { return k.DocumentID, k.Table })
	return selectAll[FigureRow](ctx, r, "FiguresByDocTable", `SELECT `+figureColumns+`
		JOIN unnest($1::bigint[], $2::text[]) AS k(document_id, table_id)
		  ON f.document_id = k.document_id AND f.table_id = k.table_id
		ORDER BY f.document_id, f.ordinal`, pq.Array(docs), pq.Array(tables))
}

// DocRow names one row of a table of one document.
type DocRow struct {
	DocumentID int64
	Table      string
	Row        string
}

// FiguresByDocRow returns the cells of the given rows, in document order.
func (r *Reader) FiguresByDocRow(ctx context.Context, keys []DocRow) ([]FigureRow, error) {
	docs := make([]int64, len(keys))
	tables := make([]string, len(keys))
	rows := make([]string, len(keys))
	for i, k := range keys {
		docs[i], tables[i], rows[i] = k.DocumentID, k.Table, k.Row
	}
	return selectAll[FigureRow](ctx, r, "FiguresByDocRow", `SELECT `+figureColumns+`
		JOIN unnest($1::bigint[], $2::text[], $3::text[]) AS k(document_id, table_id, row_code)
		  ON f.document_id = k.document_id AND f.table_id = k.table_id AND f.row_code = k.row_code
		ORDER BY f.document_id, f.ordinal`, pq.Array(docs), pq.Array(tables), pq.Array(rows))
}

// FigurePageFilter selects the flat figures of the API's figures connection.
type FigurePageFilter struct {
	Department int64
	Document   int64
	Year       int
	Kind       string
	Table      string
	RowCode    string
	Column     string
	Status     string
}

// figureConds are the conditions of a figure filter, on figure f.
func figureConds(ctx context.Context, f FigurePageFilter) conds {
	var c conds
	if f.Department != 0 {
		c.add("f.department_id = $%d", f.Department)
	}
	if f.Document != 0 {
		c.add("f.document_id = $%d", f.Document)
	}
	if f.Year != 0 {
		c.add("f.year = $%d", f.Year)
	}
	if f.Kind != "" {
		c.add("f.kind = $%d", f.Kind)
	}
	if f.Table != "" {
		c.add("f.table_id = $%d", f.Table)
	}
	if f.RowCode != "" {
		c.add("f.row_code = $%d", f.RowCode)
	}
	if f.Column != "" {
		c.add("f.column_id = $%d", f.Column)
	}
	if f.Status != "" {
		c.add("f.status = $%d", f.Status)
	}
	if f.Document == 0 { // a document named by its id is read even when superseded
		c.add("f.document_id IN (SELECT d.id FROM document d WHERE "+visible("d", "$%d")+")", versionOf(ctx))
	}
	return c
}

// FigurePage returns up to limit figures after the (document, ordinal) cursor, in document
// order, and how many figures the filter selects in all.
func (r *Reader) FigurePage(ctx context.Context, f FigurePageFilter, afterDoc int64, afterOrd, limit int) ([]FigureRow, int, error) {
	var rows []struct {
		FigureRow
		Total int `db:"total"`
	}
	c := figureConds(ctx, f)
	after := " AND "
	if len(c.where) == 0 {
		after = " WHERE "
	}
	// The count is a subquery run once over the index, not a window over every selected row.
	err := r.selectRows(ctx, &rows, `SELECT `+figureList+`, (SELECT count(*) FROM figure f `+c.sql()+`) AS total`+
		figureFrom+c.sql()+after+`(f.document_id, f.ordinal) > (`+c.next(1)+`, `+c.next(2)+`)
		ORDER BY f.document_id, f.ordinal LIMIT `+c.next(3), append(c.args, afterDoc, afterOrd, limit)...)
	if err != nil {
		return nil, 0, fmt.Errorf("db.FigurePage: %w", err)
	}
	if len(rows) == 0 {
		var total int
		err := r.getRow(ctx, &total, `SELECT count(*)`+figureFrom+c.sql(), c.args...)
		if err != nil {
			return nil, 0, fmt.Errorf("db.FigurePage: %w", err)
		}
		return nil, total, nil
	}
	var out []FigureRow
	total := 0
	for _, x := range rows {
		total = x.Total
		out = append(out, x.FigureRow)
	}
	return out, total, nil
}

// ExportRow is a figure with its document's file name: a row of `budgetql figures`.
type ExportRow struct {
	FigureRow
	FileName string `db:"file_name"`
}

// FigureBatch returns up to limit figures after the (document, ordinal) cursor, in document
// order, with their file names: the export reads all the figures a filter selects in batches, each
// statement short whatever the total.
func (r *Reader) FigureBatch(ctx context.Context, f FigurePageFilter, afterDoc int64, afterOrd, limit int) ([]ExportRow, error) {
	c := figureConds(ctx, f)
	after := " AND "
	if len(c.where) == 0 {
		after = " WHERE "
	}
	return selectAll[ExportRow](ctx, r, "FigureBatch", `SELECT `+figureList+`, d.file_name`+figureFrom+c.sql()+
		after+`(f.document_id, f.ordinal) > (`+c.next(1)+`, `+c.next(2)+`)
		ORDER BY f.document_id, f.ordinal LIMIT `+c.next(3), append(c.args, afterDoc, afterOrd, limit)...)
}
