// Package ingest reads disclosures from files: a PDF through pdftotext, text as it is. It hands the
// bytes to loader.Parse and, for a load, each parsed model to the store.
package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"budgetql/loader"
	"budgetql/loader/model"
)

// ErrNoPdftotext is returned when a PDF is given and pdftotext is not installed.
var ErrNoPdftotext = errors.New("pdftotext is not installed: install poppler-utils (Debian/Ubuntu: apt-get install poppler-utils; macOS: brew install poppler)")

// Errors of PDF input.
var (
	ErrEncrypted  = errors.New("the PDF is encrypted: save an unprotected copy and load that")
	ErrDamagedPDF = errors.New("the PDF is damaged or truncated")
	ErrNoText     = errors.New("the PDF has no text layer (a scan?): run OCR on it and load the text")
)

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// ReadFile reads one disclosure from a file: a PDF through `pdftotext -layout`, otherwise text.
func ReadFile(ctx context.Context, path string) (*model.Document, error) {
	name := filepath.Base(path)
	info, err := os.Stat(path)
	if err != nil {
		return nil, &loader.ParseError{File: name, Err: err}
	}
	if info.Size() > loader.MaxInputBytes {
		return nil, &loader.ParseError{File: name, Err: loader.ErrTooLarge}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &loader.ParseError{File: name, Err: err}
	}
	if !loader.IsPDF(data) {
		doc, err := loader.Parse(name, data)
		if err == nil {
			doc.Original = &model.Original{MediaType: "text/plain", Data: data}
		}
		return doc, err
	}
	text, err := PDFText(ctx, data)
	if err != nil {
		return nil, &loader.ParseError{File: name, Err: err}
	}
	doc, err := loader.ParseFormat(name, text, model.FormatPDF)
	if err != nil {
		return nil, err
	}
	doc.SHA256 = loader.SHA256(data)
	doc.Original = &model.Original{MediaType: "application/pdf", Data: data}
	pages, err := PDFWords(ctx, data)
	if err != nil {
		return nil, &loader.ParseError{File: name, Err: err}
	}
	Place(doc, text, pages).Apply(doc)
	return doc, nil
}

// PDFText runs `pdftotext -layout` on a PDF and returns its text.
func PDFText(ctx context.Context, pdf []byte) ([]byte, error) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return nil, ErrNoPdftotext
	}
	cmd := exec.CommandContext(ctx, bin, "-layout", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		msg := stderr.String()
		switch {
		case bytes.Contains(stderr.Bytes(), []byte("assword")):
			return nil, ErrEncrypted
		case bytes.Contains(stderr.Bytes(), []byte("trailer")) || bytes.Contains(stderr.Bytes(), []byte("xref")):
			return nil, fmt.Errorf("%w: %s", ErrDamagedPDF, firstLine(msg))
		}
		return nil, fmt.Errorf("pdftotext: %v: %s", err, firstLine(msg))
	}
	if len(bytes.TrimSpace(out.Bytes())) == 0 {
		return nil, ErrNoText
	}
	return out.Bytes(), nil
}
