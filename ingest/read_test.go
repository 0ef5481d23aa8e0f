package ingest

import (
	"budgetql/loader/model"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"budgetql/loader"
)

const corpusDir = "../testdata/corpus"

// TestPDFMatchesText: every corpus PDF reads to the same tables as its text, apart from where
// its figures are on their pages.
func TestPDFMatchesText(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal(ErrNoPdftotext)
	}
	pdfs, _ := filepath.Glob(filepath.Join(corpusDir, "*.pdf"))
	if len(pdfs) == 0 {
		t.Fatal("no corpus PDF")
	}
	for _, pdf := range pdfs {
		name := strings.TrimSuffix(filepath.Base(pdf), ".pdf")
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			fromPDF, err := ReadFile(ctx, pdf)
			if err != nil {
				t.Fatal(err)
			}
			fromText, err := ReadFile(ctx, filepath.Join(corpusDir, name+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			if len(fromPDF.Tables) == 0 {
				t.Fatal("the PDF gives no table")
			}
			boxed := dropBoxes(fromPDF.Tables)
			if boxed == 0 {
				t.Error("no figure of the PDF is placed on its page")
			}
			if !reflect.DeepEqual(fromText.Tables, fromPDF.Tables) {
				t.Error("the PDF and its text read differently")
			}
			if fromPDF.SHA256 == fromText.SHA256 {
				t.Error("the PDF document is identified by its text's digest, not the file's")
			}
		})
	}
}

// dropBoxes removes the boxes of tables, rows and cells, and counts the cells that had one.
func dropBoxes(tables []*model.Table) int {
	n := 0
	for _, t := range tables {
		t.Source.Box = nil
		for _, r := range t.Rows {
			r.Source.Box = nil
			for i := range r.Cells {
				if r.Cells[i].Box != nil {
					n++
				}
				r.Cells[i].Box = nil
			}
		}
	}
	return n
}

// FuzzReadPDF feeds arbitrary bytes through the PDF path (pdftotext -layout, then the layout
// readers): ReadFile returns a document or a *ParseError naming the file, never panics and
// never hangs past its deadline. Seeded with the smallest corpus PDF and the bad PDFs.
func FuzzReadPDF(f *testing.F) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		f.Fatal("pdftotext not installed (make setup): ", err)
	}
	for _, p := range []string{
		filepath.Join(corpusDir, "putuo-govoffice-budget-2025.pdf"),
		"../testdata/bad/truncated.pdf",
		"../testdata/bad/encrypted.pdf",
		"../testdata/bad/scanned-no-text.pdf",
	} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("%PDF-1.4\n%%EOF\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "fuzz.pdf")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		doc, err := ReadFile(ctx, path)
		var pe *loader.ParseError
		switch {
		case err == nil && doc == nil:
			t.Fatal("nil document without error")
		case err != nil && !errors.As(err, &pe):
			t.Fatalf("error is not a *ParseError: %v", err)
		case err != nil && pe.File != "fuzz.pdf":
			t.Fatalf("error names %q, not the file: %v", pe.File, err)
		}
	})
}

// BenchmarkPdftotext runs `pdftotext -layout` on each corpus PDF: the floor parsing is compared with.
func BenchmarkPdftotext(b *testing.B) {
	eachCorpusPDF(b, func(b *testing.B, pdf []byte) {
		for b.Loop() {
			if _, err := PDFText(context.Background(), pdf); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkParseVsPdftotext alternates `pdftotext -layout` on each corpus PDF with Parse on the
// text it just produced, so both see the same machine load, and reports the mean of each and
// their ratio (goal: under 0.10). Means, as ns/op: a garbage collection falls in some parses and
// not others, and a median would count it fully or not at all.
func BenchmarkParseVsPdftotext(b *testing.B) {
	eachCorpusPDF(b, func(b *testing.B, pdf []byte) {
		var conv, parse []time.Duration
		for b.Loop() {
			t0 := time.Now()
			text, err := PDFText(context.Background(), pdf)
			if err != nil {
				b.Fatal(err)
			}
			t1 := time.Now()
			if _, err := loader.Parse("bench.pdf", text); err != nil {
				b.Fatal(err)
			}
			conv, parse = append(conv, t1.Sub(t0)), append(parse, time.Since(t1))
		}
		c, p := mean(conv), mean(parse)
		b.ReportMetric(float64(p.Microseconds())/1000, "parse-ms")
		b.ReportMetric(float64(c.Microseconds())/1000, "pdftotext-ms")
		b.ReportMetric(float64(p)/float64(c), "ratio")
	})
}

// eachCorpusPDF runs bench as a sub-benchmark per corpus PDF, named after the file.
func eachCorpusPDF(b *testing.B, bench func(b *testing.B, pdf []byte)) {
	paths, _ := filepath.Glob(filepath.Join(corpusDir, "*.pdf"))
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(strings.TrimSuffix(filepath.Base(path), ".pdf"), func(b *testing.B) { bench(b, data) })
	}
}

func mean(ds []time.Duration) time.Duration {
	var sum time.Duration
	for _, d := range ds {
		sum += d
	}
	return sum / time.Duration(len(ds))
}
