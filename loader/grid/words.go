package grid

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"budgetql/loader/model"
	"budgetql/loader/text"
)

// Scan is the grid of a scanned document with, for every cell, where it was read.
type Scan struct {
	Lines []Line
	Boxes map[int][]CellBox // by line number (Line.No): each cell's box, in cell order
}

// CellBox is a cell of a scanned line and where it was read: the box around its words and the
// lowest confidence among them.
type CellBox struct {
	Cell
	Box model.Box
}

// LineBox is the box around all the cells of a line, or nil when the line has none.
func (s Scan) LineBox(no int) *model.Box {
	cells := s.Boxes[no]
	if len(cells) == 0 {
		return nil
	}
	b := cells[0].Box
	for _, c := range cells[1:] {
		b = union(b, c.Box)
	}
	return &b
}

// FromWords builds the grid of a scan from the OCR's word boxes (see ReadTSV). It puts a page's
// words on lines by their baselines (after taking out the page's skew, so that a row read as
// pieces by the OCR is one line), joins the pieces of a number the OCR split at its commas and
// point ("82," "096," "797." "42"), makes cells where the gap between words is wider than a
// character, and places each cell on a character column (the width of a digit), so that tables
// read from a scan line up the way they do in `pdftotext -layout` text. Empty lines stand for
// vertical gaps, and a form feed's page break is the page of each line. Page numbers and running
// headers are marked as furniture.
func FromWords(words []Word) Scan {
	m := measure(words)
	s := Scan{Boxes: map[int][]CellBox{}}
	no := 0
	pages := byPage(words)
	margin := math.MaxInt
	for _, page := range pages {
		margin = min(margin, leftMargin(page))
	}
	for _, page := range pages {
		rows := pageRows(page, m)
		prevY := math.NaN()
		for _, r := range rows {
			if !math.IsNaN(prevY) && r.y-prevY > 1.8*m.charH {
				no++
				s.Lines = append(s.Lines, Line{Line: text.Line{No: no, Page: page[0].Page}})
			}
			prevY = r.y
			no++
			line, boxes := renderRow(r.words, no, margin, m)
			s.Lines = append(s.Lines, line)
			s.Boxes[no] = boxes
		}
	}
	markFurniture(s.Lines)
	return s
}

// metrics are the sizes a document's words are measured by, in pixels.
type metrics struct {
	charH float64 // height of a Chinese character: the unit of gaps
	col   float64 // width of a digit: one character column
	prec  int     // decimals most amounts print
}

func measure(words []Word) metrics {
	var hs, cols []float64
	for _, w := range words {
		t := text.Normalize(w.Text)
		if n := utf8.RuneCountInString(t); n > 0 && allCJK(t) {
			hs = append(hs, float64(w.Height))
		}
		if n := len(t); n >= 2 && onlyDigits(t) {
			cols = append(cols, float64(w.Width)/float64(n))
		}
	}
	m := metrics{charH: median(hs), col: median(cols), prec: decimalsUsed(words)}
	if m.charH == 0 {
		var all []float64
		for _, w := range words {
			all = append(all, float64(w.Height))
		}
		m.charH = max(median(all), 1)
	}
	if m.col == 0 || m.col > m.charH {
		m.col = m.charH / 2
	}
	return m
}

// decimalsUsed is the number of decimals most amounts print, counted where the words show it:
// "295.58" in one word, or "797." followed by "42".
func decimalsUsed(words []Word) int {
	count := map[int]int{}
	for i, w := range words {
		t := cleanNumber(text.Normalize(w.Text))
		if !isNumberPart(t) {
			continue
		}
		k := strings.IndexByte(t, '.')
		switch {
		case k >= 0 && k < len(t)-1:
			count[len(t)-k-1]++
		case k == len(t)-1 && i+1 < len(words) && words[i+1].Page == w.Page:
			if n := cleanNumber(text.Normalize(words[i+1].Text)); onlyDigits(n) {
				count[len(n)]++
			}
		case k < 0 && reIntegerEnd.MatchString(t) && (strings.Contains(t, ",") || i > 0 && strings.HasSuffix(words[i-1].Text, ",")):
			count[0]++ // "6,100,000", or "000" after "100,": an amount printed whole
		}
	}
	best, n := 2, 0
	for d, k := range count {
		if d <= 6 && (k > n || k == n && d < best) {
			best, n = d, k
		}
	}
	return best
}

var reIntegerEnd = regexp.MustCompile(`^(\d{1,3},)*\d{3}$`)

func byPage(words []Word) [][]Word {
	sorted := append([]Word(nil), words...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Page < sorted[j].Page })
	var out [][]Word
	for i := 0; i < len(sorted); {
		j := i
		for j < len(sorted) && sorted[j].Page == sorted[i].Page {
			j++
		}
		out = append(out, sorted[i:j])
		i = j
	}
	return out
}

// leftMargin is where the page's text starts: the leftmost word read with some confidence. The
// document's margin, the least of its pages', is column 0: a page whose lines all start further
// in keeps its columns where the other pages have them.
func leftMargin(page []Word) int {
	m := math.MaxInt
	for _, w := range page {
		if w.Conf >= 50 && utf8.RuneCountInString(w.Text) >= 2 {
			m = min(m, w.Left)
		}
	}
	if m == math.MaxInt {
		m = 0
		for i, w := range page {
			if i == 0 || w.Left < m {
				m = w.Left
			}
		}
	}
	return m
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return s[len(s)/2]
}

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef
}

func allCJK(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return s != ""
}

func onlyDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func union(a, b model.Box) model.Box {
	l, t := min(a.Left, b.Left), min(a.Top, b.Top)
	r, btm := max(a.Left+a.Width, b.Left+b.Width), max(a.Top+a.Height, b.Top+b.Height)
	return model.Box{Page: a.Page, Left: l, Top: t, Width: r - l, Height: btm - t, Conf: min(a.Conf, b.Conf)}
}

func boxOf(w Word) model.Box {
	return model.Box{Page: w.Page, Left: w.Left, Top: w.Top, Width: w.Width, Height: w.Height, Conf: w.Conf}
}
