package db_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/shopspring/decimal"

	"budgetql/db"
	"budgetql/db/dbtest"
	"budgetql/loader/model"
)

// amountRows lists document_amount as "sha target column amount" lines, sorted.
func amountRows(t *testing.T, d *sqlx.DB) string {
	t.Helper()
	var rows []string
	err := d.Select(&rows, `SELECT d.sha256 || ' ' || a.target || ' ' || a.column_id || ' ' || coalesce(a.amount::text, 'blank')
		FROM document_amount a JOIN document d ON d.id = a.document_id ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(rows, "\n")
}

// withGeneral201 is the fixture with 201's total changed to total.
func withGeneral201(doc *model.Document, total string) *model.Document {
	r := doc.Tables[0].Rows[0]
	r.Cells[0].Amount.Yuan = decimal.RequireFromString(total)
	return doc
}

// TestDocumentAmountsLoadTwiceAndReplace: the amounts resolved at load time are those of the
// current documents: a second load of the same file changes nothing, a replacing file replaces
// them, a cell printed blank resolves to a blank, a unit-scope document has its own but stays out
// of the totals by year, which follow.
func TestDocumentAmountsLoadTwiceAndReplace(t *testing.T) {
	d, url := dbtest.NewURL(t)
	s := &db.Store{DB: d}
	const dept = "上海市普陀区人民政府万里街道办事处"
	mustStore(t, s, fixture(dept, 2024, "aaa"), db.ActionLoaded)
	want := strings.Join([]string{
		"aaa INCOME_TOTAL  1000.00", "aaa function:201 basic 600.00", "aaa function:201 project blank", "aaa function:201 total 1000.00",
		"aaa function:20101 total 1000.00", "aaa function:2010101 total 1000.00"}, "\n")
	if got := amountRows(t, d); got != want {
		t.Fatalf("after load:\n%s\nwant\n%s", got, want)
	}
	mustStore(t, s, fixture(dept, 2024, "aaa"), db.ActionUnchanged)
	if got := amountRows(t, d); got != want {
		t.Fatalf("after loading the same file again:\n%s\nwant\n%s", got, want)
	}
	mustStore(t, s, withGeneral201(fixture(dept, 2024, "bbb"), "2500"), db.ActionReplaced)
	got := amountRows(t, d)
	if !strings.Contains(got, want) || !strings.Contains(got, "bbb function:201 total 2500.00") {
		t.Fatalf("after replacing aaa by bbb (both kept, each its own):\n%s", got)
	}
	mustStore(t, s, fixture("上海市普陀区人民政府办公室", 2024, "ccc"), db.ActionLoaded)
	mustStore(t, s, fixture("上海市普陀区人民政府办公室", 2023, "ddd"), db.ActionLoaded)
	unit := fixture("上海市普陀区人民政府办公室", 2024, "eee")
	unit.Scope = model.ScopeUnit
	mustStore(t, s, unit, db.ActionLoaded)
	if n := mustCount(t, d, `SELECT count(*) FROM document_amount a JOIN document d ON d.id = a.document_id
		WHERE d.sha256 = 'eee' AND a.scope = 'unit'`); n != 6 {
		t.Errorf("unit-scope document has %d amounts of scope unit, want its 6", n)
	}
	checkTotals(t, url, "2023: 1000.00 × 1, 2024: 3500.00 × 2")
}

func checkTotals(t *testing.T, url, want string) {
	t.Helper()
	r, err := db.OpenReader(context.Background(), url, db.ReaderConfig{Role: db.ReaderRole, StatementTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	totals, err := r.YearTotals(context.Background(), db.AmountTarget{Classification: "function", Code: "201", Column: "total"}, "budget")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, y := range totals {
		got = append(got, fmt.Sprintf("%d: %s × %d", y.Year, y.Yuan.StringFixed(2), y.Departments))
	}
	if strings.Join(got, ", ") != want {
		t.Errorf("totals of 201 = %s, want %s", strings.Join(got, ", "), want)
	}
	top, err := r.RankedFigures(context.Background(), db.AmountTarget{Measure: "INCOME_TOTAL"}, "budget", 2024, 1)
	if err != nil || len(top) != 1 || top[0].TableID != "narrative" || top[0].Amount.Decimal.String() != "1000" {
		t.Errorf("ranked INCOME_TOTAL 2024 = %+v, %v; want the narrative figure 1000", top, err)
	}
}
