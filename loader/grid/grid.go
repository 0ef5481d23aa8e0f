// Package grid turns the lines of a disclosure into cells with positions: the common ground of
// every input format. A cell is a run of text on one line with the columns it spans; the shapes
// that read tables place cells in columns by these positions and by their order.
//
// Layout text (`pdftotext -layout`) lays every character on one column, whatever its printed
// width; OCR text separates cells by tabs. Both become the same Lines of Cells.
package grid

import (
	"strings"
	"unicode/utf8"

	"budgetql/loader/text"
)

// Cell is a run of text on one line: its normalised text and the columns [X0, X1) it spans.
type Cell struct {
	Text   string
	X0, X1 int
}

// Centre is the middle of the cell's span.
func (c Cell) Centre() float64 { return float64(c.X0+c.X1) / 2 }

// IsAmount reports whether the cell holds a printed amount ("1,202.95", "0", "-3.5").
func (c Cell) IsAmount() bool { return text.IsPlainAmount(c.Text) }

// IsDash reports whether the cell is a dash printed for an empty cell.
func (c Cell) IsDash() bool {
	switch c.Text {
	case "-", "—", "－", "--", "——", "/":
		return true
	}
	return false
}

// Line is one input line and its cells. Furniture lines (page numbers, running headers) keep
// their cells but belong to no table.
type Line struct {
	text.Line
	Cells     []Cell
	Furniture bool
}

// Compact is the line's text without spaces.
func (l Line) Compact() string { return Compact(l.Text) }

// Compact removes every space from s.
func Compact(s string) string {
	if !strings.ContainsAny(s, " \t\u3000") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\u3000' {
			return -1
		}
		return r
	}, s)
}

// Amounts returns the line's amount cells.
func (l Line) Amounts() []Cell {
	var out []Cell
	for _, c := range l.Cells {
		if c.IsAmount() {
			out = append(out, c)
		}
	}
	return out
}

// HasAmount reports whether any cell of the line is an amount.
func (l Line) HasAmount() bool {
	for _, c := range l.Cells {
		if c.IsAmount() {
			return true
		}
	}
	return false
}

// Split splits a layout line into cells at runs of two or more spaces. Tokens separated by one
// space stay in one cell ("1. 一般公共预算", "合 计"), except amounts and codes, which stand alone
// ("164,978,640 一、一般公共服务支出", "0.00 0.00", "201 05 07").
func Split(s string) []Cell {
	type tok struct {
		text   string
		x0, x1 int
	}
	var toks []tok
	pos, start, from := 0, -1, 0
	flush := func(at int) {
		if start >= 0 {
			toks = append(toks, tok{s[from:at], start, pos})
			start = -1
		}
	}
	for at, r := range s {
		if r == ' ' || r == '\t' || r == '\u3000' {
			flush(at)
		} else if start < 0 {
			start, from = pos, at
		}
		pos++
	}
	flush(len(s))
	cells := make([]Cell, 0, len(toks))
	for i, t := range toks {
		if i > 0 && t.x0-toks[i-1].x1 == 1 && (!standsAlone(t.text) && !standsAlone(toks[i-1].text) || isYear(toks[i-1].text, t.text)) {
			c := &cells[len(cells)-1]
			c.Text += " " + t.text
			c.X1 = t.x1
			continue
		}
		cells = append(cells, Cell{Text: t.text, X0: t.x0, X1: t.x1})
	}
	return cells
}

// standsAlone reports whether a token is never joined to its neighbour by a single space: an
// amount, or decimals that pdftotext pushed to the next line (".84", ".64101,833").
func standsAlone(s string) bool {
	return text.IsPlainAmount(s) || len(s) > 1 && s[0] == '.' && s[1] >= '0' && s[1] <= '9'
}

// isYear reports whether a number and the token after it print a year ("2026 年").
func isYear(num, next string) bool {
	return len(num) == 4 && (strings.HasPrefix(num, "19") || strings.HasPrefix(num, "20")) &&
		strings.HasPrefix(next, "年") && text.IsPlainAmount(num)
}

// Words splits a cell at its single spaces, keeping each word's columns.
func (c Cell) Words() []Cell {
	if !strings.Contains(c.Text, " ") {
		return []Cell{c}
	}
	var out []Cell
	x := c.X0
	for _, w := range strings.Split(c.Text, " ") {
		n := utf8.RuneCountInString(w)
		if n > 0 {
			out = append(out, Cell{Text: w, X0: x, X1: x + n})
		}
		x += n + 1
	}
	return out
}

// Width is the number of runes of s: the layout grid gives every character one column.
func Width(s string) int { return utf8.RuneCountInString(s) }
