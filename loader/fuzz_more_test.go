package loader

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzReadPDF feeds arbitrary bytes through the PDF path (pdftotext -layout, then the layout
// readers): ReadFile returns a document or a *ParseError naming the file, never panics and
// never hangs past its deadline. Seeded with the smallest corpus PDF and the bad PDFs.
func FuzzReadPDF(f *testing.F) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		f.Skip("pdftotext not installed")
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
		var pe *ParseError
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
		text, err := DecodeText(data)
		if err != nil {
			return
		}
		if !utf8.ValidString(text) {
			t.Fatalf("DecodeText returned invalid UTF-8 for %q", data)
		}
		if in := bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")); utf8.Valid(in) && text != string(in) {
			t.Fatalf("UTF-8 input changed: %q -> %q", in, text)
		}
	})
}
