package loader

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// BenchmarkParse parses each corpus document from its text.
func BenchmarkParse(b *testing.B) {
	for _, path := range corpusTexts(b) {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(docName(path), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Parse("bench.txt", data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
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
			if _, err := Parse("bench.pdf", text); err != nil {
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
