package loader

import (
	"budgetql/loader/check"
	"budgetql/loader/grid"
	"budgetql/loader/model"
	"budgetql/loader/narrative"
	"budgetql/loader/text"
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzDecodeText checks the encoding step: any bytes decode to valid UTF-8 or fail with an
// error, and UTF-8 input comes back unchanged.
func FuzzDecodeText(f *testing.F) {
	for _, p := range corpusTexts(f) {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data[:min(len(data), 4096)])
	}
	f.Add([]byte("\xb2\xbf\xc3\xc5\xd4\xa4\xcb\xe3")) // 部门预算 in GB18030
	f.Fuzz(func(t *testing.T, data []byte) {
		decoded, err := text.DecodeText(data)
		if err != nil {
			return
		}
		if !utf8.ValidString(decoded) {
			t.Fatalf("DecodeText returned invalid UTF-8 for %q", data)
		}
		if in := bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")); utf8.Valid(in) && decoded != string(in) {
			t.Fatalf("UTF-8 input changed: %q -> %q", in, decoded)
		}
	})
}

// seedWindows adds windows of 80 lines (every 40 lines) of the corpus texts of a format and
// kind, so each fuzz input is one table page or two, not a whole document.
func seedWindows(f *testing.F, format model.Format, kind model.Kind) {
	for _, p := range corpusTexts(f) {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		lines := bytes.Split(data, []byte("\n"))
		doc, err := Parse(filepath.Base(p), data)
		if err != nil || doc.Kind != kind || detectFormat(text.SplitLines(string(data))) != format {
			continue
		}
		for i := 0; i < len(lines); i += 40 {
			f.Add(bytes.Join(lines[i:min(len(lines), i+80)], []byte("\n")))
		}
	}
}

// readTables runs one reader and the steps after it on text that identification would
// refuse (a page of tables alone): it may report issues, never panic.
func readTablesOld(data []byte, format model.Format, kind model.Kind) {
	decoded, err := text.DecodeText(data)
	if err != nil {
		return
	}
	lines := text.SplitLines(decoded)
	doc := &model.Document{File: "fuzz.txt", Format: format, Department: "测试部门", Year: 2024, Kind: kind, Scope: model.ScopeDepartment}
	switch {
	case format == model.FormatOCR:
		err = parseOCR(doc, lines)
	case kind == model.KindFinal:
		err = parseLayoutFinal(doc, lines)
	default:
		err = parseLayout(doc, lines)
	}
	if err != nil {
		return
	}
	g := plainGrid(lines)
	if format != model.FormatOCR {
		g = grid.FromLayout(lines)
	}
	narrative.Read(doc, g)
	check.Run(doc, lines)
	narrative.Compare(doc)
	check.Grade(doc)
}

// maxExecTime bounds one fuzz input: a slower parse is a failure (a hostile file must not hang
// the loader), kept in testdata/fuzz like a crash.
const maxExecTime = 5 * time.Second

// withinTime runs f and fails the input when f takes longer than maxExecTime.
func withinTime(t *testing.T, data []byte, f func()) {
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(maxExecTime):
		t.Fatalf("parsing %d bytes took over %v", len(data), maxExecTime)
	}
}

// FuzzLayoutPages fuzzes the 预算 layout reader on pages of the Shanghai budgets.
func FuzzLayoutPages(f *testing.F) {
	seedWindows(f, model.FormatLayout, model.KindBudget)
	f.Fuzz(func(t *testing.T, data []byte) {
		withinTime(t, data, func() { readTablesOld(data, model.FormatLayout, model.KindBudget) })
	})
}

// FuzzFinalPages fuzzes the 决算 layout reader on pages of the Shanghai final accounts.
func FuzzFinalPages(f *testing.F) {
	seedWindows(f, model.FormatLayout, model.KindFinal)
	f.Fuzz(func(t *testing.T, data []byte) {
		withinTime(t, data, func() { readTablesOld(data, model.FormatLayout, model.KindFinal) })
	})
}

// FuzzOCRPages fuzzes the OCR reader on pages of the Hubei OCR text.
func FuzzOCRPages(f *testing.F) {
	seedWindows(f, model.FormatOCR, model.KindBudget)
	f.Fuzz(func(t *testing.T, data []byte) {
		withinTime(t, data, func() { readTablesOld(data, model.FormatOCR, model.KindBudget) })
	})
}
