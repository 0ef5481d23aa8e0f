package loader

import (
	"os"
	"testing"
)

// seedCorpus adds every corpus text of a format, whole and cut in halves, to a fuzz target.
func seedCorpus(f *testing.F, format Format) {
	for _, path := range corpusTexts(f) {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		if detectFormat(SplitLines(string(data))) != format {
			continue
		}
		f.Add(data)
		f.Add(data[:len(data)/2])
		f.Add(data[len(data)/2:])
	}
}

// FuzzParse feeds arbitrary bytes to the whole pipeline: it may fail, never panic.
func FuzzParse(f *testing.F) {
	seedCorpus(f, FormatOCR)
	seedCorpus(f, FormatLayout)
	f.Add([]byte{})
	f.Add([]byte("%PDF-1.4"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Parse("fuzz.txt", data)
		if err == nil && doc == nil {
			t.Fatal("nil document without error")
		}
	})
}

// FuzzParseOCR fuzzes the OCR-text reader, seeded with the OCR documents.
func FuzzParseOCR(f *testing.F) {
	seedCorpus(f, FormatOCR)
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = parse("fuzz.txt", data, FormatOCR)
	})
}

// FuzzParseLayout fuzzes the pdftotext -layout reader, seeded with the layout documents.
func FuzzParseLayout(f *testing.F) {
	seedCorpus(f, FormatLayout)
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = parse("fuzz.txt", data, FormatLayout)
	})
}

// FuzzNormalizeNumber checks that a normalised number is a plain decimal.
func FuzzNormalizeNumber(f *testing.F) {
	for _, s := range []string{"447. 48", "8, 27", "0,00", "156,211,123", "2,940.05", "４４７．４８", "0. 1", "-", "1e5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := NormalizeNumber(s)
		if err != nil {
			return
		}
		if !rePlainNumber.MatchString(n) {
			t.Fatalf("NormalizeNumber(%q) = %q, not a plain decimal", s, n)
		}
	})
}
