package db

import (
	"context"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/shopspring/decimal"

	"budgetql/loader/model"
)

// ids are the keys every fact row starts with.
type ids struct{ dept, doc int64 }

// copyFacts writes every fact of doc through COPY and returns the number of figure rows.
func copyFacts(ctx context.Context, tx *sqlx.Tx, k ids, doc *model.Document) (int, error) {
	figs := figureRows(k, doc)
	batches := []struct {
		stmt string
		rows [][]any
	}{
		{copyUnit, unitRows(k, doc)},
		{copySubject, subjectRows(k, doc)},
		{copyFigure, figs},
		{copyProject, projectRows(k, doc)},
		{copyProcurement, procurementRows(k, doc)},
		{copyTarget, targetRows(k, doc)},
		{copyNarrative, narrativeRows(k, doc)},
		{copyStaffing, staffingRows(k, doc)},
		{copyCheck, checkRows(k, doc)},
		{copyRepair, repairRows(k, doc)},
		{copyIssue, issueRows(k, doc)},
		{copyLineBox, lineBoxRows(k, doc)},
	}
	for _, b := range batches {
		if err := copyRows(ctx, tx, b.stmt, b.rows); err != nil {
			return 0, err
		}
	}
	if o := doc.Original; o != nil {
		if _, err := tx.ExecContext(ctx, `INSERT INTO document_file (document_id, media_type, content) VALUES ($1, $2, $3)`,
			k.doc, o.MediaType, o.Data); err != nil {
			return 0, fmt.Errorf("document_file: %w", err)
		}
	}
	return len(figs), nil
}

// copyRows sends rows to one COPY ... FROM STDIN statement.
func copyRows(ctx context.Context, tx *sqlx.Tx, stmt string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	st, err := tx.PrepareContext(ctx, stmt)
	if err != nil {
		return fmt.Errorf("%s: %w", copyTable(stmt), err)
	}
	defer st.Close()
	for _, r := range rows {
		if _, err := st.ExecContext(ctx, r...); err != nil {
			return fmt.Errorf("%s: %w", copyTable(stmt), err)
		}
	}
	if _, err := st.ExecContext(ctx); err != nil {
		return fmt.Errorf("%s: %w", copyTable(stmt), err)
	}
	return st.Close()
}

func copyTable(stmt string) string {
	f := strings.Fields(stmt)
	if len(f) > 1 {
		return "copy " + f[1]
	}
	return stmt
}

// txt makes a string storable: valid UTF-8 without NUL bytes.
func txt(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", "")
	}
	return s
}

// money is a cell's yuan as text, or NULL when the cell was printed blank.
func money(a model.Amount) any {
	if a.IsBlank() {
		return nil
	}
	return a.Yuan.String()
}

func moneyPtr(a *model.Amount) any {
	if a == nil {
		return nil
	}
	return money(*a)
}

func dec(d *decimal.Decimal) any {
	if d == nil {
		return nil
	}
	return d.String()
}

func intArray(xs []int) any {
	a := make(pq.Int64Array, len(xs))
	for i, x := range xs {
		a[i] = int64(x)
	}
	return a
}
