package ingest

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
)

// A born-digital PDF says where each word is on its page (`pdftotext -bbox-layout`): the figures
// of a document read from its layout text are placed by matching its lines with the rows of words.

// word is one word of a page, in PDF points from the page's top left.
type word struct {
	text                   string
	xMin, yMin, xMax, yMax float64
}

// bboxPage is one page of a PDF: its size in points and its words in reading order.
type bboxPage struct {
	width, height float64
	words         []word
}

// pdfWordBoxes runs `pdftotext -bbox-layout` on a PDF and returns its pages' words.
func pdfWordBoxes(ctx context.Context, pdf []byte) ([]bboxPage, error) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return nil, ErrNoPdftotext
	}
	cmd := exec.CommandContext(ctx, bin, "-bbox-layout", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("pdftotext -bbox-layout: %v: %s", err, firstLine(stderr.String()))
	}
	return parseBBox(bytes.NewReader(dropControls(out.Bytes())))
}

// dropControls blanks the control characters pdftotext copies from some PDFs' text into its XML
// (U+0002 in a font's glyph names), which XML does not allow.
func dropControls(b []byte) []byte {
	for i, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			b[i] = ' '
		}
	}
	return b
}

// parseBBox reads the XHTML pdftotext -bbox-layout writes.
func parseBBox(r io.Reader) ([]bboxPage, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	var pages []bboxPage
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return pages, nil
		}
		if err != nil {
			return nil, fmt.Errorf("pdftotext -bbox-layout output: %w", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "page":
			pages = append(pages, bboxPage{width: attrFloat(se, "width"), height: attrFloat(se, "height")})
		case "word":
			var text string
			if err := dec.DecodeElement(&text, &se); err != nil {
				return nil, fmt.Errorf("pdftotext -bbox-layout output: %w", err)
			}
			if len(pages) == 0 {
				continue
			}
			p := &pages[len(pages)-1]
			p.words = append(p.words, word{text: text, xMin: attrFloat(se, "xMin"), yMin: attrFloat(se, "yMin"),
				xMax: attrFloat(se, "xMax"), yMax: attrFloat(se, "yMax")})
		}
	}
}

func attrFloat(se xml.StartElement, name string) float64 {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			f, _ := strconv.ParseFloat(a.Value, 64)
			return f
		}
	}
	return 0
}

// row is the words of a page at one height, left to right: what pdftotext -layout prints as one
// line.
type row struct {
	words []word
	text  string // the words' texts joined, without spaces
}

// rows groups a page's words into rows by their vertical middle (words whose middles lie within
// half the shorter word's height are on one row), top to bottom.
func (p bboxPage) rows() []row {
	ws := append([]word(nil), p.words...)
	sortWords(ws, func(a, b word) bool { return mid(a) < mid(b) || mid(a) == mid(b) && a.xMin < b.xMin })
	var out []row
	for _, w := range ws {
		if n := len(out); n > 0 {
			last := out[n-1].words[len(out[n-1].words)-1]
			if mid(w)-mid(last) <= min(w.yMax-w.yMin, last.yMax-last.yMin)/2 {
				out[n-1].words = append(out[n-1].words, w)
				continue
			}
		}
		out = append(out, row{words: []word{w}})
	}
	for i := range out {
		sortWords(out[i].words, func(a, b word) bool { return a.xMin < b.xMin })
		var b strings.Builder
		for _, w := range out[i].words {
			b.WriteString(compact(w.text))
		}
		out[i].text = b.String()
	}
	return out
}

func mid(w word) float64 { return (w.yMin + w.yMax) / 2 }

// sortWords is an insertion sort: a page's words come nearly in order.
func sortWords(ws []word, less func(a, b word) bool) {
	for i := 1; i < len(ws); i++ {
		for j := i; j > 0 && less(ws[j], ws[j-1]); j-- {
			ws[j], ws[j-1] = ws[j-1], ws[j]
		}
	}
}

// compact removes every space.
func compact(s string) string { return strings.Join(strings.Fields(s), "") }
