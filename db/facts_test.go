package db

import (
	"os"
	"path/filepath"
	"testing"

	"budgetql/loader"
)

// TestFigureRowsMatchFigures: the figure table holds exactly the rows of `budgetql figures`,
// in the same order, for every corpus document.
func TestFigureRowsMatchFigures(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "corpus", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := loader.Parse(filepath.Base(f), data)
			if err != nil {
				t.Fatalf("does not parse: %v", err)
			}
			want, got := doc.Figures(), figureRows(ids{1, 1}, doc)
			if len(got) != len(want) {
				t.Fatalf("figure rows = %d, Figures() = %d", len(got), len(want))
			}
			for i, w := range want {
				g := got[i]
				amount := any(nil)
				if !w.Blank {
					amount = w.Yuan.String()
				}
				if g[5] != string(w.Table) || g[6] != w.RowCode || g[9] != w.Column || g[10] != amount || g[11] != w.Printed {
					t.Fatalf("row %d = %v, Figures() has %+v", i, g, w)
				}
			}
		})
	}
}
