// Package ingest reads disclosures from files: a PDF through pdftotext, a scanned PDF through OCR
// (pdftoppm and Tesseract, cached by the file's digest), text as it is. It hands the bytes to
// loader.Parse and, for a load, each parsed model to the store.
package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"budgetql/loader"
	"budgetql/loader/model"
)

// ErrNoPdftotext is returned when a PDF is given and pdftotext is not installed.
var ErrNoPdftotext = errors.New("pdftotext is not installed: install poppler-utils (Debian/Ubuntu: apt-get install poppler-utils; macOS: brew install poppler)")

// Errors of PDF input.
var (
	ErrEncrypted  = errors.New("the PDF is encrypted: save an unprotected copy and load that")
	ErrDamagedPDF = errors.New("the PDF is damaged or truncated")
	ErrNoText     = errors.New("the PDF has no text layer and no scanned page: nothing to read")
)

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// ReadFile reads one disclosure from a file: a PDF through `pdftotext -layout`, or through OCR
// when its pages are scans; otherwise text (or OCR word boxes). See ReadFileWith.
func ReadFile(ctx context.Context, path string) (*model.Document, error) {
	return ReadFileWith(ctx, path, ReadOptions{})
}

// ReadOptions tune ReadFileWith.
type ReadOptions struct {
	// OCRProgress, when set, is called as a scanned PDF's pages are read: once at the start
	// (Done 0) and after each page. It is not called when the word boxes come from the cache.
	OCRProgress func(OCRProgress)
	// CacheDir is the OCR cache: "" for OCRCacheDir(os.Getenv), "off" for none.
	CacheDir string
}

// ReadFileWith reads one disclosure from a file. A PDF whose pages all have a text layer is read
// through `pdftotext -layout`. A PDF with pages that have no text but an image (a scan) is read
// through OCR (see scanPages): the word boxes of its pages, kept in the OCR cache under the
// file's sha256, are parsed as format scan. Any other file is text, or word boxes, for
// loader.Parse. The document's SHA256 is the file's.
func ReadFileWith(ctx context.Context, path string, opt ReadOptions) (*model.Document, error) {
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
	text, err := pdfText(ctx, data)
	if err != nil {
		return nil, &loader.ParseError{File: name, Err: err}
	}
	scanned, pages, err := scannedPages(ctx, path, text)
	if err != nil {
		return nil, &loader.ParseError{File: name, Err: err}
	}
	format := model.FormatPDF
	switch {
	case len(scanned) > 0:
		format = model.FormatScan
		if text, err = scanWords(ctx, path, loader.SHA256(data), pages, scanned, opt); err != nil {
			return nil, &loader.ParseError{File: name, Err: err}
		}
	case len(bytes.TrimSpace(text)) == 0:
		return nil, &loader.ParseError{File: name, Err: ErrNoText}
	}
	doc, err := loader.ParseFormat(name, text, format)
	if err != nil {
		return nil, err
	}
	doc.SHA256 = loader.SHA256(data)
	doc.Original = &model.Original{MediaType: "application/pdf", Data: data}
	if format == model.FormatPDF { // a scan's figures have their boxes from the OCR
		words, err := pdfWordBoxes(ctx, data)
		if err != nil {
			return nil, &loader.ParseError{File: name, Err: err}
		}
		Place(doc, text, words).Apply(doc)
	}
	return doc, nil
}

// scanWords returns the word boxes of a scanned PDF from the OCR cache, or OCRs it and caches
// them. A cancelled OCR caches nothing.
func scanWords(ctx context.Context, path, sha string, pages int, scanned map[int]bool, opt ReadOptions) ([]byte, error) {
	dir := opt.CacheDir
	if dir == "" {
		dir = OCRCacheDir(os.Getenv)
	}
	if dir == "off" {
		dir = ""
	}
	if tsv, ok := readCache(dir, sha); ok {
		return tsv, nil
	}
	ocrOneDocument.Lock() // pages in parallel, documents one after the other: one progress bar at a time
	defer ocrOneDocument.Unlock()
	if tsv, ok := readCache(dir, sha); ok { // read meanwhile by another load of the same file
		return tsv, nil
	}
	progress := func(int) {}
	if opt.OCRProgress != nil {
		ev := OCRProgress{File: filepath.Base(path), Pages: pages}
		opt.OCRProgress(ev)
		progress = func(done int) { ev.Done = done; opt.OCRProgress(ev) }
	}
	tsv, err := scanPages(ctx, path, pages, scanned, progress)
	if err != nil {
		return nil, err
	}
	writeCache(dir, sha, tsv)
	return tsv, nil
}

var ocrOneDocument sync.Mutex

// scannedPages finds the pages of a PDF to OCR: those without text (in pdftotext's output, where
// a form feed ends each page) that show an image. A blank page is no scan.
func scannedPages(ctx context.Context, path string, text []byte) (map[int]bool, int, error) {
	pages := bytes.Split(text, []byte("\f"))
	if len(pages) > 1 && len(bytes.TrimSpace(pages[len(pages)-1])) == 0 {
		pages = pages[:len(pages)-1]
	}
	empty := map[int]bool{}
	for i, p := range pages {
		if len(bytes.TrimSpace(p)) == 0 {
			empty[i+1] = true
		}
	}
	if len(empty) == 0 {
		return nil, len(pages), nil
	}
	list, err := run(ctx, nil, "pdfimages", "-list", path)
	if err != nil {
		return nil, 0, err
	}
	scanned := map[int]bool{}
	for _, line := range strings.Split(string(list), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		if p, err := strconv.Atoi(f[0]); err == nil && empty[p] {
			scanned[p] = true
		}
	}
	return scanned, len(pages), nil
}

// PDFText runs `pdftotext -layout` on a PDF and returns its text; ErrNoText when it has none.
func PDFText(ctx context.Context, pdf []byte) ([]byte, error) {
	out, err := pdfText(ctx, pdf)
	if err == nil && len(bytes.TrimSpace(out)) == 0 {
		return nil, ErrNoText
	}
	return out, err
}

// pdfText runs `pdftotext -layout` on a PDF and returns its text, pages ended by form feeds.
func pdfText(ctx context.Context, pdf []byte) ([]byte, error) {
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
	return out.Bytes(), nil
}
