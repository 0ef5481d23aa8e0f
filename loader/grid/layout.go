package grid

import (
	"regexp"
	"sort"
	"strings"

	"budgetql/loader/text"
)

// FromLayout builds the grid of `pdftotext -layout` text: cells split at runs of spaces, amounts
// that pdftotext broke over lines joined again (decimals pushed to the next line, numbers wrapped
// in narrow columns), and page furniture (page numbers, running headers) marked.
func FromLayout(lines []text.Line) []Line {
	out := make([]Line, len(lines))
	for i, l := range lines {
		out[i] = Line{Line: l, Cells: Split(l.Text)}
	}
	prec := Precision(out)
	joinPushedDecimals(out, prec)
	joinWrappedNumbers(out, prec)
	markFurniture(out)
	return out
}

var (
	reFragment     = regexp.MustCompile(`^\.\d+`)
	reFragmentOnly = regexp.MustCompile(`^\.\d+$`)
)

// Precision is the most common number of decimals of the amounts printed with a decimal point
// (2 for 万元 tables, 6 for some, 0 when amounts are integers).
func Precision(lines []Line) int {
	counts := map[int]int{}
	pushed := map[int]int{} // decimals pdftotext put on the next line: ".64"
	for _, l := range lines {
		for _, c := range l.Cells {
			if reFragmentOnly.MatchString(c.Text) {
				pushed[len(c.Text)-1]++
			}
			if !c.IsAmount() {
				continue
			}
			d := 0
			if i := strings.IndexByte(c.Text, '.'); i >= 0 {
				d = len(c.Text) - i - 1
			}
			counts[d]++
		}
	}
	for d, k := range pushed {
		if k >= 10 {
			counts[d] += k * 1000
		}
	}
	best, n := 0, 0
	for d, k := range counts {
		if k > n || k == n && d > best {
			best, n = d, k
		}
	}
	return best
}

// joinPushedDecimals joins amounts that pdftotext broke into pieces down and to the right, each
// piece starting where the one above ends: decimals pushed to the next line ("174,900" / ".64",
// sometimes glued to the next amount's integer part, ".64101,833"), or a number cut into a
// staircase in a narrow cell ("1" / "01," / "833" / ".84"). A chain ends when the amount has the
// document's decimals.
func joinPushedDecimals(lines []Line, prec int) {
	if prec == 0 {
		return
	}
	for i := 0; i+1 < len(lines); i++ {
		for j := range lines[i].Cells {
			c := lines[i].Cells[j]
			if !isPiece(c.Text) || complete(c.Text, prec) {
				continue
			}
			end := min(len(lines), i+1+maxChain)
			below := make([]Line, end-i-1)
			for k := range below {
				below[k] = lines[i+1+k]
				below[k].Cells = append([]Cell(nil), lines[i+1+k].Cells...)
			}
			for k := range below {
				if complete(c.Text, prec) || !extend(&c, &below[k], prec) {
					break
				}
			}
			if c.Text == lines[i].Cells[j].Text || !complete(c.Text, prec) || !text.IsPlainAmount(c.Text) {
				continue // not a broken amount: leave the lines as they are
			}
			lines[i].Cells[j] = c
			for k := range below {
				lines[i+1+k].Cells = below[k].Cells
			}
		}
	}
}

// maxChain is how many lines one broken amount may take.
const maxChain = 8

var rePiece = regexp.MustCompile(`^[\d,.]+$`)

// isPiece reports whether a cell can be a piece of a broken amount: digits, commas and a dot.
func isPiece(s string) bool { return rePiece.MatchString(s) && strings.Count(s, ".") <= 1 }

// complete reports whether an amount has its decimals.
func complete(s string, prec int) bool {
	i := strings.IndexByte(s, '.')
	return i >= 0 && len(s)-i-1 >= prec
}

// extend appends to c the piece of line l that starts where c ends, if there is one, taking no
// more decimals than the document prints (the rest of the piece stays, as the next amount's
// integer part). It reports whether it found a piece.
func extend(c *Cell, l *Line, prec int) bool {
	for k, p := range l.Cells {
		if p.X0 < c.X1-2 || p.X0 > c.X1+1 || !isPiece(p.Text) || p.IsAmount() && complete(p.Text, prec) {
			continue // a whole amount of its own is no piece of the one above
		}
		joined := c.Text + p.Text
		rest := ""
		if d := strings.IndexByte(joined, '.'); d >= 0 && len(joined)-d-1 > prec {
			cut := d + 1 + prec - len(c.Text)
			if cut <= 0 || cut > len(p.Text) {
				return false
			}
			joined, rest = c.Text+p.Text[:cut], p.Text[cut:]
		}
		if strings.Count(joined, ".") > 1 || strings.Contains(joined, ",,") {
			return false
		}
		c.Text, c.X1 = joined, max(c.X1, p.X0+Width(p.Text)-Width(rest))
		if rest == "" {
			l.Cells = append(l.Cells[:k], l.Cells[k+1:]...)
		} else {
			l.Cells[k] = Cell{Text: rest, X0: p.X1 - Width(rest), X1: p.X1}
		}
		return true
	}
	return false
}

// prevContent is the index of the nearest line above i on the same page that has cells, or -1.
func prevContent(lines []Line, i int) int {
	for k := i - 1; k >= 0 && lines[k].Page == lines[i].Page; k-- {
		if len(lines[k].Cells) > 0 {
			return k
		}
	}
	return -1
}

var reDigits = regexp.MustCompile(`^\d{1,6}$`)

// joinWrappedNumbers joins an amount cut short by a narrow column ("21,118.5" above a row, "1"
// below it) and puts it on the row's line.
func joinWrappedNumbers(lines []Line, prec int) {
	if prec == 0 {
		return
	}
	for i := range lines {
		for j := 0; j < len(lines[i].Cells); j++ {
			c := lines[i].Cells[j]
			if !isShort(c, prec) {
				continue
			}
			for d := 1; d <= 2 && i+d < len(lines); d++ {
				below := &lines[i+d]
				k := digitsStartingAt(below.Cells, c.X1, prec-decimalsOf(c.Text))
				if k < 0 {
					continue
				}
				joined := Cell{Text: c.Text + below.Cells[k].Text, X0: c.X0, X1: max(c.X1, below.Cells[k].X1)}
				below.Cells = append(below.Cells[:k], below.Cells[k+1:]...)
				host := &lines[i]
				if d == 2 && alone(lines[i].Cells) {
					host = &lines[i+1]
				}
				if host == &lines[i] {
					host.Cells[j] = joined
				} else {
					lines[i].Cells = append(lines[i].Cells[:j], lines[i].Cells[j+1:]...)
					host.Cells = insertByX(host.Cells, joined)
					j--
				}
				break
			}
		}
	}
}

// isShort reports whether an amount has fewer decimals than the document prints.
func isShort(c Cell, prec int) bool {
	if strings.HasSuffix(c.Text, ".") {
		return text.IsPlainAmount(strings.TrimSuffix(c.Text, "."))
	}
	if !c.IsAmount() || !strings.Contains(c.Text, ".") {
		return false
	}
	return decimalsOf(c.Text) < prec
}

func decimalsOf(s string) int {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return len(s) - i - 1
	}
	return 0
}

// digitsStartingAt finds a cell of at most n digits that starts where an amount ends.
func digitsStartingAt(cells []Cell, x, n int) int {
	for k, c := range cells {
		if reDigits.MatchString(c.Text) && len(c.Text) <= n && c.X0 >= x-2 && c.X0 <= x+1 {
			return k
		}
	}
	return -1
}

// alone reports whether a line holds nothing but short amounts (the wrapped parts of cells).
func alone(cells []Cell) bool {
	for _, c := range cells {
		if !c.IsAmount() && !strings.HasSuffix(c.Text, ".") {
			return false
		}
	}
	return true
}

func insertByX(cells []Cell, c Cell) []Cell {
	i := sort.Search(len(cells), func(i int) bool { return cells[i].X0 > c.X0 })
	return append(cells[:i], append([]Cell{c}, cells[i:]...)...)
}

var rePageNumber = regexp.MustCompile(`^[-—–－]*(第)?\d{1,3}(页)?[-—–－]*$|^[-—–－]*\d{1,3}/\d{1,3}[-—–－]*$`)

// markFurniture marks page numbers (a lone "- 9 -", "— 8 —", "25" among the first or last lines
// of a page) and running headers (a line that opens at least three pages).
func markFurniture(lines []Line) {
	openers := map[string]int{}
	forEachPage(lines, func(page []Line) {
		first, last := edges(page)
		for _, i := range append(first, last...) {
			if rePageNumber.MatchString(page[i].Compact()) {
				page[i].Furniture = true
			}
		}
		if len(first) > 0 {
			openers[page[first[0]].Compact()]++
		}
	})
	forEachPage(lines, func(page []Line) {
		first, _ := edges(page)
		if len(first) > 0 {
			if l := &page[first[0]]; openers[l.Compact()] >= 3 && !l.HasAmount() {
				l.Furniture = true
			}
		}
	})
}

// edges returns the indexes of the first two and last three lines of a page that have cells.
func edges(page []Line) (first, last []int) {
	for i := range page {
		if len(page[i].Cells) > 0 {
			if first = append(first, i); len(first) == 2 {
				break
			}
		}
	}
	for i := len(page) - 1; i >= 0; i-- {
		if len(page[i].Cells) > 0 {
			if last = append(last, i); len(last) == 3 {
				break
			}
		}
	}
	return first, last
}

// forEachPage calls f with the lines of each page, in order (a page's lines are consecutive).
func forEachPage(lines []Line, f func(page []Line)) {
	for i := 0; i < len(lines); {
		j := i
		for j < len(lines) && lines[j].Page == lines[i].Page {
			j++
		}
		f(lines[i:j])
		i = j
	}
}
