package ingest

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"budgetql/loader"
	"budgetql/loader/model"
)

// TestPlaceCorpusFigures: the figures of the corpus PDFs are placed on their pages (all of the
// Shanghai budgets', 164 of the 决算's 224, whose figures are often set apart from their labels), each
// on the page its row is printed on.
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
		pages, err := pdfWordBoxes(context.Background(), pdf)
		if err != nil {
			t.Fatal(err)
		}
		pl := Place(doc, layout, pages)
		cells, placed := 0, 0
		for _, tab := range doc.Tables {
			for i, r := range tab.Rows {
				for _, c := range r.Cells {
					if c.Printed == "" {
						continue
					}
					cells++
					box, ok := pl.Cells[CellKey{tab.ID, i, c.Column}]
					if !ok {
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
		if placed*10 < cells*7 {
			t.Errorf("%s: %d of %d printed cells placed, want 70%% at least", filepath.Base(path), placed, cells)
		}
	}
}

// A control character pdftotext copies from a PDF's text (U+0002, shanghai-welfare-lottery) does
// not stop the word boxes from being read.
func TestBBoxControlCharacters(t *testing.T) {
	xml := "<html><body><doc><page width=\"595\" height=\"842\"><flow><block><line>" +
		"<word xMin=\"1\" yMin=\"2\" xMax=\"3\" yMax=\"4\">合\x02计</word></line></block></flow></page></doc></body></html>"
	pages, err := parseBBox(bytes.NewReader(dropControls([]byte(xml))))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 1 || len(pages[0].words) != 1 || pages[0].words[0].text != "合 计" {
		t.Fatalf("pages = %+v", pages)
	}
}
