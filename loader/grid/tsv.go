package grid

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// Word is one word the OCR read: its text, page, box in pixels and confidence (0–100), and the
// block, paragraph and line Tesseract put it in.
type Word struct {
	Page                     int
	Block, Par, Line         int
	Left, Top, Width, Height int
	Conf                     float64
	Text                     string
}

// Right is the word's right edge; Bottom its lower edge.
func (w Word) Right() int  { return w.Left + w.Width }
func (w Word) Bottom() int { return w.Top + w.Height }

// TSVHeader is the first line of Tesseract's TSV output (`tesseract IMAGE - tsv`).
const TSVHeader = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"

// IsTSV reports whether data is Tesseract TSV: it starts with TSVHeader.
func IsTSV(data []byte) bool {
	return bytes.HasPrefix(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), []byte(TSVHeader))
}

// ReadTSV reads the words of Tesseract TSV: the output of one run, or of several runs (one per
// page) concatenated, each with its header. Every level-1 row starts a page: it takes the page
// number the row gives when that is past the previous page, else the next one, so the pages of
// a document OCR'd page by page are numbered in order. Rows of the other levels and empty words
// are skipped; a malformed row is an error naming its line.
func ReadTSV(data []byte) ([]Word, error) {
	var words []Word
	page := 0
	for no, line := range strings.Split(string(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))), "\n") {
		line = strings.TrimSuffix(line, "\r")
		if line == "" || strings.HasPrefix(line, "level\t") {
			continue
		}
		f := strings.SplitN(line, "\t", 12)
		if len(f) < 11 {
			return nil, &tsvError{no + 1, "fewer than 11 fields"}
		}
		var n [10]int
		for i := range n {
			v, err := strconv.Atoi(f[i])
			if err != nil {
				return nil, &tsvError{no + 1, fmt.Sprintf("field %d is not a number: %q", i+1, f[i])}
			}
			n[i] = v
		}
		if n[0] == 1 {
			page = max(page+1, n[1])
			continue
		}
		if n[0] != 5 || len(f) < 12 || strings.TrimSpace(f[11]) == "" {
			continue
		}
		conf, err := strconv.ParseFloat(f[10], 64)
		if err != nil {
			return nil, &tsvError{no + 1, fmt.Sprintf("confidence is not a number: %q", f[10])}
		}
		if page == 0 {
			page = max(1, n[1])
		}
		words = append(words, Word{Page: page, Block: n[2], Par: n[3], Line: n[4],
			Left: n[6], Top: n[7], Width: max(n[8], 1), Height: max(n[9], 1), Conf: conf, Text: strings.TrimSpace(f[11])})
	}
	return words, nil
}

// TSVError is a malformed row of Tesseract TSV.
type tsvError struct {
	Line int
	Msg  string
}

func (e *tsvError) Error() string { return fmt.Sprintf("OCR word boxes, line %d: %s", e.Line, e.Msg) }

// LineOf returns the input line of a TSV error, 0 for other errors.
func LineOf(err error) int {
	if e, ok := err.(*tsvError); ok {
		return e.Line
	}
	return 0
}
