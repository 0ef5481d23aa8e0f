package loader

import (
	"budgetql/loader/check"
	"budgetql/loader/grid"
	"budgetql/loader/model"
	"budgetql/loader/narrative"
	"budgetql/loader/text"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// MaxInputBytes is the largest input accepted.
const MaxInputBytes = 64 << 20

// ParserVersion changes whenever the reading of a document may change.
const ParserVersion = "1"

// ParseError is an input that cannot be read, with the line where reading stopped.
type ParseError struct {
	File string
	Line int // 0 when the whole file is at fault
	Err  error
}

func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// Errors returned by Parse (wrapped in a *ParseError).
var (
	ErrEmpty           = errors.New("the file is empty")
	ErrTooLarge        = fmt.Errorf("the file is larger than %d MiB", MaxInputBytes>>20)
	ErrBinary          = errors.New("the file is binary, not text or PDF")
	ErrIsPDF           = errors.New("the file is a PDF: read it with ingest.ReadFile, which runs pdftotext")
	ErrUnknownTemplate = errors.New("no budget disclosure found: no department, year or standard table recognised")
	ErrNoTables        = errors.New("no standard table found")
	// ErrRepeated: the file holds its document more than once (concatenated with itself); the
	// ParseError's line is where the repeat starts.
	ErrRepeated = errors.New("the document is repeated in the file: a second copy starts here")
)

// IsPDF reports whether data starts like a PDF.
func IsPDF(data []byte) bool {
	return bytes.HasPrefix(bytes.TrimLeft(data[:min(len(data), 1024)], "\x00\t\r\n "), []byte("%PDF"))
}

// Parse reads the text of one disclosure (OCR text or pdftotext -layout text, UTF-8 or GB18030)
// into a checked model. name is used in errors and sources only.
func Parse(name string, data []byte) (*model.Document, error) {
	return ParseFormat(name, data, "")
}

// Options tune ParseWith.
type Options struct {
	Format     model.Format // how the text arrived; "" to tell from the text
	Department string       // the department, for documents that do not print it
}

// ParseFormat is Parse of text that arrived in a known format ("" to detect it).
func ParseFormat(name string, data []byte, format model.Format) (*model.Document, error) {
	return ParseWith(name, data, Options{Format: format})
}

// ParseWith is Parse with options.
func ParseWith(name string, data []byte, opt Options) (*model.Document, error) {
	format := opt.Format
	fail := func(line int, err error) (*model.Document, error) {
		var le *LineError
		if errors.As(err, &le) {
			line, err = le.Line, le.Err
		}
		return nil, &ParseError{File: name, Line: line, Err: err}
	}
	switch {
	case len(data) == 0 || len(bytes.TrimSpace(data)) == 0:
		return fail(0, ErrEmpty)
	case len(data) > MaxInputBytes:
		return fail(0, ErrTooLarge)
	case IsPDF(data):
		return fail(0, ErrIsPDF)
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		return fail(0, fmt.Errorf("%w (it is UTF-16)", text.ErrEncoding))
	case bytes.IndexByte(data, 0) >= 0:
		return fail(0, ErrBinary)
	}
	if format == model.FormatScan || format == "" && grid.IsTSV(data) {
		return parseScan(name, data, opt, fail)
	}
	decoded, err := text.DecodeText(data)
	if err != nil {
		return fail(0, err)
	}
	lines := text.SplitLines(decoded)
	if format == "" {
		format = detectFormat(lines)
	}
	doc := &model.Document{File: name, SHA256: SHA256(data), Format: format, Lines: len(lines)}
	if len(lines) > 0 {
		doc.Pages = lines[len(lines)-1].Page
	}
	if line := repeatStart(lines); line > 0 {
		return fail(line, ErrRepeated)
	}
	var g []grid.Line // the lines with their cells; page furniture marked for layout text
	if format == model.FormatOCR {
		g = plainGrid(lines)
		if err := identifyText(doc, lines); err != nil {
			return fail(0, err)
		}
		if err := parseOCR(doc, lines); err != nil {
			return fail(0, err)
		}
	} else {
		g = grid.FromLayout(lines)
		if err := identify(doc, g, opt); err != nil {
			return fail(0, err)
		}
		readTables(doc, g)
		doc.Units = append(doc.Units, parseLayoutUnits(lines)...)
		if old := readOldLayout(doc, lines); old != nil {
			keepLists(old, doc)
			*doc = *old
		}
	}
	return finish(doc, g, nil, fail)
}

// finish reads the narrative, fails a document without tables, marks where a scan's figures were
// read (scan is nil for text) and checks the document.
func finish(doc *model.Document, g []grid.Line, scan *grid.Scan, fail func(int, error) (*model.Document, error)) (*model.Document, error) {
	narrative.Read(doc, g)
	if len(doc.Tables) == 0 {
		return fail(doc.Lines, fmt.Errorf("%w (read to the last line)", ErrNoTables))
	}
	if scan != nil {
		attachBoxes(doc, *scan)
	}
	check.Run(doc, textLines(g))
	narrative.Compare(doc)
	check.Grade(doc)
	return doc, nil
}

// textLines are the text lines of grid lines.
func textLines(g []grid.Line) []text.Line {
	out := make([]text.Line, len(g))
	for i := range g {
		out[i] = g[i].Line
	}
	return out
}

// plainGrid gives OCR text lines to readers of grid lines, without cells.
func plainGrid(lines []text.Line) []grid.Line {
	out := make([]grid.Line, len(lines))
	for i, l := range lines {
		out[i].Line = l
	}
	return out
}

// LineError is an error at a line of the input.
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// detectFormat tells OCR text (tables as tab-separated cells) from pdftotext -layout text.
func detectFormat(lines []text.Line) model.Format {
	tabbed := 0
	for _, l := range lines {
		if strings.Count(l.Raw, "\t") >= 2 {
			tabbed++
		}
	}
	if tabbed >= 10 {
		return model.FormatOCR
	}
	return model.FormatLayout
}

// SHA256 is the hex digest that identifies a file.
func SHA256(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// readOldLayout reads a document with the first reader, built on the Putuo layouts, while the
// grid reader learns to give the same model for them. It returns that reader's document when it
// finds at least as many tables as the grid reader did, else nil.
func readOldLayout(read *model.Document, lines []text.Line) *model.Document {
	doc := &model.Document{File: read.File, SHA256: read.SHA256, Format: read.Format, Lines: read.Lines, Pages: read.Pages}
	if identifyText(doc, lines) != nil {
		return nil
	}
	var err error
	if doc.Kind == model.KindFinal {
		err = parseLayoutFinal(doc, lines)
	} else {
		err = parseLayout(doc, lines)
	}
	if err != nil || len(doc.Tables) < len(read.Tables) {
		return nil
	}
	return doc
}

// repeatMatch is how many non-blank lines after the cover title must repeat for a second cover
// title to start a copy of the document (a title printed again on its own is not one).
const repeatMatch = 20

// repeatStart returns the line where a second copy of the document starts, or 0. A copy is the
// cover title printed again with the next repeatMatch non-blank lines as after the first; it
// starts as far back as the lines before the two titles agree.
func repeatStart(lines []text.Line) int {
	first := -1
	for i := 0; i < len(lines) && i < headWindow; i++ {
		if titleMatch(strings.TrimSpace(lines[i].Text)) != nil {
			first = i
			break
		}
	}
	if first < 0 {
		return 0
	}
	title := strings.TrimSpace(lines[first].Text)
	for j := first + 1; j < len(lines); j++ {
		if strings.TrimSpace(lines[j].Text) != title || !sameAfter(lines, first, j) {
			continue
		}
		k := 1
		for k <= first && strings.TrimSpace(lines[first-k].Text) == strings.TrimSpace(lines[j-k].Text) {
			k++
		}
		return lines[j-k+1].No
	}
	return 0
}

// sameAfter reports whether the repeatMatch non-blank lines after lines a and b are the same.
func sameAfter(lines []text.Line, a, b int) bool {
	for n := 0; n < repeatMatch; n++ {
		a, b = nextNonBlank(lines, a+1), nextNonBlank(lines, b+1)
		if b >= len(lines) || a >= b || strings.TrimSpace(lines[a].Text) != strings.TrimSpace(lines[b].Text) {
			return false
		}
	}
	return true
}

func nextNonBlank(lines []text.Line, i int) int {
	for i < len(lines) && strings.TrimSpace(lines[i].Text) == "" {
		i++
	}
	return i
}
