package graph

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"budgetql/db"
	"budgetql/db/dbtest"

	"github.com/google/go-cmp/cmp"
)

// TestMeasureCellsMatchStore: the store resolves measures at load time from measure_cell
// (migration 0008); it must list the same cells, in the same order, as measureCells.
func TestMeasureCellsMatchStore(t *testing.T) {
	_, url := dbtest.NewURL(t)
	r, err := db.OpenReader(context.Background(), url, db.ReaderConfig{Role: db.ReaderRole, StatementTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	rows, err := r.MeasureCells(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var got, want []string
	for _, c := range rows {
		got = append(got, fmt.Sprintf("%s %d %s/%s/%s", c.Measure, c.Priority, c.Table, c.Row, c.Column))
	}
	for m, cells := range measureCells {
		for i, c := range cells {
			want = append(want, fmt.Sprintf("%s %d %s/%s/%s", m, i+1, c.table, c.row, c.col))
		}
	}
	sort.Strings(got)
	sort.Strings(want)
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("measure_cell differs from measureCells (-api +store):\n%s", d)
	}
}
