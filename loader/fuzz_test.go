package loader

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"os"
	"testing"
)

// seedCorpus adds every corpus text of a format, whole and cut in halves, to a fuzz target.
func seedCorpus(f *testing.F, format model.Format) {
	for _, path := range corpusTexts(f) {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		if detectFormat(text.SplitLines(string(data))) != format {
			continue
		}
		f.Add(data)
		f.Add(data[:len(data)/2])
		f.Add(data[len(data)/2:])
	}
}

// FuzzParse feeds arbitrary bytes to the whole pipeline: it may fail, never panic.
func FuzzParse(f *testing.F) {
	seedCorpus(f, model.FormatOCR)
	seedCorpus(f, model.FormatLayout)
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
	seedCorpus(f, model.FormatOCR)
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = ParseFormat("fuzz.txt", data, model.FormatOCR)
	})
}

// FuzzParseLayout fuzzes the pdftotext -layout reader, seeded with the layout documents.
func FuzzParseLayout(f *testing.F) {
	seedCorpus(f, model.FormatLayout)
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = ParseFormat("fuzz.txt", data, model.FormatLayout)
	})
}
