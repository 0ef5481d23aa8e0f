package loader

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	paths, _ := filepath.Glob(filepath.Join(corpusDir, "*.pdf"))
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(strings.TrimSuffix(filepath.Base(path), ".pdf"), func(b *testing.B) {
			for b.Loop() {
				if _, err := PDFText(context.Background(), data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
