package loader

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"budgetql/loader/model"
)

// scanTSV is the OCR's word boxes of testdata/scan's short scan (the cover, the summary and the
// 三公 table of the Putuo government office's 2025 budget, scanned at 150 dpi, turned and soiled),
// as the ingest made them.
var scanTSV = filepath.Join("..", "testdata", "scan", "putuo-govoffice-budget-2025-scan.tsv")

func readScanTSV(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile(scanTSV)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func scanFigure(doc *model.Document, table model.TableID, row, col string) *model.Figure {
	for _, f := range doc.Figures() {
		if f.Table == table && f.RowCode == row && f.Column == col {
			return &f
		}
	}
	return nil
}

// TestParseScan: word boxes are detected as format scan and read by the grid reader; each figure
// keeps the page, box and confidence it was read with, and its row the box of its line.
func TestParseScan(t *testing.T) {
	doc, err := Parse("scan.tsv", readScanTSV(t))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != model.FormatScan || doc.Pages != 3 || doc.Year != 2025 || doc.Department != "上海市普陀区人民政府办公室" {
		t.Fatalf("read as %s, %d pages, %d, %q", doc.Format, doc.Pages, doc.Year, doc.Department)
	}
	f := scanFigure(doc, model.TableSangong, model.RowOverseas, model.ColTotal)
	if f == nil || f.Yuan.String() != "8390000" || f.Printed != "839.00" {
		t.Fatalf("三公 因公出国(境)费: %+v, want 839.00万 printed", f)
	}
	// "839." and "00", read with confidences 91.0 and 92.9, at (936,1126) and (1036,1126).
	if b := f.Box; b == nil || b.Page != 3 || b.Left != 936 || b.Top != 1126 || b.Left+b.Width != 1083 || int(b.Conf) != 90 {
		t.Errorf("box %+v, want page 3 from x 936 to 1083, confidence 90.99 (the lower of its pieces')", f.Box)
	}
	if f.Box.Uncertain() {
		t.Error("a figure read with confidence 91 is marked uncertain")
	}
	row := doc.Table(model.TableSangong).Row(model.RowOverseas)
	if row.Source.Box == nil || row.Source.Box.Page != 3 {
		t.Errorf("the row's source has no box on page 3: %+v", row.Source.Box)
	}
	for _, r := range doc.Table(model.TableSangong).Rows {
		for _, c := range r.Cells {
			if c.Printed == "213.28" && c.Status == model.StatusReported && !strings.Contains(c.Note, "uncertain") {
				t.Errorf("213.28's note %q does not say it is uncertain", c.Note)
			}
		}
	}
	// 213.28 was read with confidence 0: its figure is marked.
	for _, f := range doc.Figures() {
		if f.Printed == "213.28" && (f.Box == nil || !f.Box.Uncertain()) {
			t.Errorf("213.28, read with confidence 0, is not marked uncertain: %+v", f.Box)
		}

	}
}

// TestScanRepairReading: a figure the OCR misread by one digit ("889.00" for "839.00") fails the
// 三公 total's identity; the identity determines the reading, the repair is recorded with what
// was read, and the checks report it repaired.
func TestScanRepairReading(t *testing.T) {
	data := strings.Replace(string(readScanTSV(t)), "90.995255\t839.", "41.500000\t889.", 1)
	doc, err := Parse("scan.tsv", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	f := scanFigure(doc, model.TableSangong, model.RowOverseas, model.ColTotal)
	if f == nil || f.Printed != "889.00" || f.Status != model.StatusRepaired || f.Yuan.String() != "8390000" {
		t.Fatalf("因公出国(境)费: %+v, want printed 889.00 repaired to 8390000", f)
	}
	var rep *model.Repair
	for i, r := range doc.Repairs {
		if r.Table == model.TableSangong && r.RowCode == model.RowOverseas {
			rep = &doc.Repairs[i]
		}
	}
	if rep == nil || rep.Printed != "889.00" || rep.Value.String() != "8390000" || !strings.Contains(rep.Rule, "sangong:total") {
		t.Errorf("repair %+v, want 889.00 → 8390000 by sangong:total", rep)
	}
	for _, c := range doc.Checks {
		if c.ID == "sangong:total:total" && c.Result != model.CheckRepaired {
			t.Errorf("sangong:total:total is %s, want repaired", c.Result)
		}
	}
}

// TestScanRepairAmbiguous: when two figures of a failing identity could each be the misread one,
// the identity does not decide and nothing is repaired: the check fails.
func TestScanRepairAmbiguous(t *testing.T) {
	data := strings.Replace(string(readScanTSV(t)), "90.995255\t839.", "41.500000\t889.", 1)
	data = strings.Replace(data, "92.752205\t28.", "41.500000\t78.", 1) // 28.50 → 78.50
	doc, err := Parse("scan.tsv", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range doc.Repairs {
		if r.Table == model.TableSangong {
			t.Errorf("repaired %s %s to %s, though two figures were misread", r.RowCode, r.Column, r.Value)
		}
	}
	failed := false
	for _, c := range doc.Checks {
		failed = failed || c.ID == "sangong:total:total" && c.Result == model.CheckFailed
	}
	if !failed {
		t.Error("sangong:total:total does not fail")
	}
}

// TestParseScanErrors: a malformed row is reported at its line; word boxes without a word and
// text given as a scan are refused.
func TestParseScanErrors(t *testing.T) {
	header := "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
	cases := []struct {
		name   string
		data   string
		format model.Format
		want   error
		line   int
	}{
		{"malformed", header + "1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n5\t1\t1\t1\t1\t1\tx\t1\t1\t1\t90\t合计\n", "", nil, 3},
		{"no words", header + "1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n", "", ErrNoWords, 0},
		{"text as scan", "合计 1,000\n", model.FormatScan, ErrNotTSV, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseWith("x.tsv", []byte(c.data), Options{Format: c.format})
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("err %v, want a *ParseError", err)
			}
			if c.want != nil && !errors.Is(err, c.want) {
				t.Errorf("err %v, want %v", err, c.want)
			}
			if pe.Line != c.line {
				t.Errorf("line %d, want %d (%v)", pe.Line, c.line, err)
			}
		})
	}
}

// FuzzParseScan feeds arbitrary word boxes to the scan reader: it returns a document or a
// *ParseError, never panics.
func FuzzParseScan(f *testing.F) {
	f.Add(readScanTSV(f))
	f.Add([]byte("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n5\t1\t1\t1\t1\t1\t10\t10\t0\t0\t90\t1,\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ParseFormat("fuzz.tsv", data, model.FormatScan)
		var pe *ParseError
		if err == nil && doc == nil || err != nil && !errors.As(err, &pe) {
			t.Fatalf("doc %v, err %v", doc, err)
		}
	})
}

// TestScanNoRepairOfSize: a figure read with a digit lost ("83.00" for "839.00") is not repaired
// to the identity's value: that would change how many digits were read, not a digit.
func TestScanNoRepairOfSize(t *testing.T) {
	data := strings.Replace(string(readScanTSV(t)), "90.995255\t839.", "41.500000\t83.", 1)
	doc, err := Parse("scan.tsv", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	f := scanFigure(doc, model.TableSangong, model.RowOverseas, model.ColTotal)
	if f == nil || f.Printed != "83.00" || f.Status == model.StatusRepaired {
		t.Fatalf("因公出国(境)费: %+v, want 83.00 as read, not repaired", f)
	}
	for _, c := range doc.Checks {
		if c.ID == "sangong:total:total" && c.Result != model.CheckFailed {
			t.Errorf("sangong:total:total is %s, want failed", c.Result)
		}
	}
}
