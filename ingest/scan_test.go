package ingest

import (
	"context"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"

	"budgetql/ingest/scantest"
	"budgetql/loader/model"
)

var update = flag.Bool("update", false, "make the short scan of testdata/scan again")

// The short scan CI reads through OCR: the cover, the summary (收支总表) and the 三公 table of
// the Putuo government office's 2025 budget, scanned at 150 dpi, turned by 0.4° and soiled.
var (
	shortScan      = filepath.Join("..", "testdata", "scan", "putuo-govoffice-budget-2025-scan.pdf")
	shortScanOf    = filepath.Join(corpusDir, "putuo-govoffice-budget-2025.pdf")
	shortScanPages = []int{1, 8, 20}
	shortScanAs    = scantest.Options{DPI: 150, Rotate: 0.4, Noise: 6, Seed: 16}
)

// TestMakeShortScan makes testdata/scan's short scan again with -update (pdfseparate, pdfunite,
// then scantest.Make); without it, it checks that the scan is there and has no text layer.
func TestMakeShortScan(t *testing.T) {
	if *update {
		pages := shortScanText(t)
		if err := os.MkdirAll(filepath.Dir(shortScan), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := scantest.Make(context.Background(), pages, shortScan, shortScanAs); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(shortScan)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := PDFText(context.Background(), data); !errors.Is(err, ErrNoText) {
		t.Errorf("the short scan has a text layer (err %v)", err)
	}
}

// shortScanText makes the text PDF of the pages the short scan holds (pdfseparate, pdfunite).
func shortScanText(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	var parts []string
	for _, p := range shortScanPages {
		part := filepath.Join(dir, "p"+strconv.Itoa(p)+".pdf")
		if out, err := exec.Command("pdfseparate", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), shortScanOf, part).CombinedOutput(); err != nil {
			t.Fatalf("pdfseparate: %v: %s", err, out)
		}
		parts = append(parts, part)
	}
	pages := filepath.Join(dir, "pages.pdf")
	if out, err := exec.Command("pdfunite", append(parts, pages)...).CombinedOutput(); err != nil {
		t.Fatalf("pdfunite: %v: %s", err, out)
	}
	return pages
}

// TestReadScan reads the short scan through OCR: it is identified, its format is scan, its key
// figures are those of the text PDF, every figure keeps its page, box and confidence, every
// figure read differently from the text PDF's same pages (read by the same grid reader) is a
// recorded repair or on a failed check, and the second read comes from the cache without OCR.
func TestReadScan(t *testing.T) {
	cache := t.TempDir()
	var events atomic.Int32
	opt := ReadOptions{CacheDir: cache, OCRProgress: func(p OCRProgress) {
		events.Add(1)
		if p.Pages != len(shortScanPages) || p.Done > p.Pages {
			t.Errorf("progress %+v for a scan of %d pages", p, len(shortScanPages))
		}
	}}
	doc, err := ReadFileWith(context.Background(), shortScan, opt)
	if err != nil {
		t.Fatal(err)
	}
	if n := events.Load(); n != int32(len(shortScanPages))+1 {
		t.Errorf("%d progress events, want the start and one per page (%d)", n, len(shortScanPages)+1)
	}
	if doc.Format != model.FormatScan || doc.Department != "上海市普陀区人民政府办公室" || doc.Year != 2025 {
		t.Fatalf("read as %s, %q, %d", doc.Format, doc.Department, doc.Year)
	}
	want := []struct {
		table    model.TableID
		row, col string
		yuan     string
		page     int
	}{
		{model.TableSummary, model.RowIncomeTotal, model.ColTotal, "91016775.35", 2},
		{model.TableSummary, model.RowExpenditureTotal, model.ColTotal, "91016775.35", 2},
		{model.TableSangong, model.RowTotal, model.ColTotal, "8675000", 3},
		{model.TableSangong, model.RowOverseas, model.ColTotal, "8390000", 3},
		{model.TableSangong, model.RowReception, model.ColTotal, "285000", 3},
	}
	for _, w := range want {
		f := figureOf(doc, w.table, w.row, w.col)
		if f == nil {
			t.Errorf("%s %s %s: not read", w.table, w.row, w.col)
			continue
		}
		if f.Yuan.String() != w.yuan {
			t.Errorf("%s %s %s = %s (printed %q, %s), want %s", w.table, w.row, w.col, f.Yuan, f.Printed, f.Status, w.yuan)
		}
		if b := f.Box; b == nil || b.Page != w.page || b.Width <= 0 || b.Height <= 0 || b.Conf <= 0 || b.Conf > 100 {
			t.Errorf("%s %s %s: box %+v, want one on page %d with a confidence", w.table, w.row, w.col, b, w.page)
		}
	}
	noSilentDifference(t, doc)
	events.Store(0)
	again, err := ReadFileWith(context.Background(), shortScan, opt)
	if err != nil {
		t.Fatal(err)
	}
	if events.Load() != 0 {
		t.Error("the second read OCR'd the scan again instead of reading the cache")
	}
	if len(again.Figures()) != len(doc.Figures()) || again.SHA256 != doc.SHA256 {
		t.Error("the cached read differs from the first")
	}
}

// noSilentDifference compares the scan's figures with those of the text PDF of the same pages,
// read by the same grid reader: each that differs must be repaired or on a failed check.
func noSilentDifference(t *testing.T, scan *model.Document) {
	t.Helper()
	text, err := readTextByGrid(context.Background(), shortScanText(t))
	if err != nil {
		t.Fatal(err)
	}
	r := ocrBenchRow{}
	compareFigures(&r, text, scan)
	t.Logf("%d figures: %d differ as read, %d after repairs (%d repaired, %d on a failed check), %d not read",
		r.figures, r.before, r.after, r.repaired, r.failedCheck, r.missing)
	if r.figures < 20 {
		t.Errorf("the text PDF's pages give %d figures, want the summary's and the 三公 table's", r.figures)
	}
	if r.silent > 0 {
		t.Errorf("%d figures differ from the text PDF silently (no repair, no failed check)", r.silent)
	}
}

// TestScanCancelled: a read cancelled during the OCR fails with the context's error and caches
// nothing.
func TestScanCancelled(t *testing.T) {
	cache := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opt := ReadOptions{CacheDir: cache, OCRProgress: func(p OCRProgress) {
		if p.Done == 0 {
			cancel()
		}
	}}
	_, err := ReadFileWith(ctx, shortScan, opt)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	if files, _ := os.ReadDir(cache); len(files) != 0 {
		t.Errorf("a cancelled OCR left %d files in the cache", len(files))
	}
}

func figureOf(doc *model.Document, table model.TableID, row, col string) *model.Figure {
	for _, f := range doc.Figures() {
		if f.Table == table && f.RowCode == row && f.Column == col {
			return &f
		}
	}
	return nil
}

// TestReadMixedPDF: a PDF whose cover has a text layer and whose 三公 table is a scan is read
// as one document: the scanned page through OCR, the other from its text layer (confidence 100).
func TestReadMixedPDF(t *testing.T) {
	dir := t.TempDir()
	cover, table := filepath.Join(dir, "cover.pdf"), filepath.Join(dir, "table.pdf")
	for _, c := range [][]string{{shortScanOf, "1", cover}, {shortScan, "3", table}} {
		if out, err := exec.Command("pdfseparate", "-f", c[1], "-l", c[1], c[0], c[2]).CombinedOutput(); err != nil {
			t.Fatalf("pdfseparate: %v: %s", err, out)
		}
	}
	mixed := filepath.Join(dir, "mixed.pdf")
	if out, err := exec.Command("pdfunite", cover, table, mixed).CombinedOutput(); err != nil {
		t.Fatalf("pdfunite: %v: %s", err, out)
	}
	var pages int
	doc, err := ReadFileWith(context.Background(), mixed, ReadOptions{CacheDir: "off", OCRProgress: func(p OCRProgress) { pages = p.Pages }})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != model.FormatScan || doc.Department != "上海市普陀区人民政府办公室" || pages != 2 {
		t.Fatalf("read as %s, %q, %d pages", doc.Format, doc.Department, pages)
	}
	f := figureOf(doc, model.TableSangong, model.RowTotal, model.ColTotal)
	if f == nil || f.Yuan.String() != "8675000" || f.Box == nil || f.Box.Page != 2 || f.Box.Conf >= 100 {
		t.Errorf("三公 total %+v: want 867.50万 OCR'd on page 2", f)
	}
}
