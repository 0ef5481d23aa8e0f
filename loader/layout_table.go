package loader

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// This file holds the machinery for space-aligned tables in `pdftotext -layout` text, shared by
// the budget (layout.go) and final-accounts (layout_final.go) parsers. Positions are rune offsets
// in Line.Text: pdftotext lays every character, Chinese or not, on one grid cell.

// LayoutCell is one cell of a layout line: its text and rune span [Start, End).
type LayoutCell struct {
	Text       string
	Start, End int
}

// Centre is the middle of the cell's span.
func (c LayoutCell) Centre() float64 { return float64(c.Start+c.End) / 2 }

var reAmountText = regexp.MustCompile(`^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$`)

// SplitLayoutCells splits a line into cells at runs of two or more spaces. Tokens separated by a
// single space stay in one cell ("1. 一般公共预算"), except amounts, which always stand alone
// ("164,978,640 一、一般公共服务支出", "82,096,797.42 82,096,797.42", "201 05 07").
func SplitLayoutCells(s string) []LayoutCell {
	if !utf8.ValidString(s) { // each invalid byte becomes U+FFFD, as rebuilding the runes did
		var b strings.Builder
		for _, r := range s {
			b.WriteRune(r)
		}
		s = b.String()
	}
	return splitCells(s)
}

// splitCells is SplitLayoutCells for valid UTF-8, such as every Line's Text.
func splitCells(s string) []LayoutCell {
	type tok struct {
		text       string
		start, end int
	}
	var buf [32]tok
	toks := buf[:0]
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
	cells := make([]LayoutCell, 0, len(toks))
	for i, t := range toks {
		if i > 0 && t.start-toks[i-1].end == 1 && !text.IsAmountText(t.text) && !text.IsAmountText(toks[i-1].text) {
			c := &cells[len(cells)-1]
			c.Text += " " + t.text
			c.End = t.end
			continue
		}
		cells = append(cells, LayoutCell{Text: t.text, Start: t.start, End: t.end})
	}
	return cells
}

// codeDigits is len(s) when s is all ASCII digits, else 0: a class code has 3, a joined 款 or 项
// code 5 or 7, a code part printed in its own column 1 or 2.
func codeDigits(s string) int {
	if !allDigits(s) {
		return 0
	}
	return len(s)
}

// SubjectCode reads a subject code printed at the start of a row, joined ("2010507") or in
// columns ("201   05   07", or mangled "301   2"), and returns the joined code ("2010507",
// "3012"), the printed form when it was in columns ("201 05 07"), the subject level (1 类, 2 款,
// 3 项: the number of printed parts, or 3/5/7 digits of a joined code) and how many cells it
// used. A code must be followed by a name cell; n is 0 when the row does not start with a code.
func SubjectCode(cells []LayoutCell) (code, printed string, level, n int) {
	if len(cells) < 2 {
		return "", "", 0, 0
	}
	first := cells[0].Text
	if d := codeDigits(first); (d == 5 || d == 7) && !text.IsAmountText(cells[1].Text) {
		return first, "", (d-3)/2 + 1, 1
	} else if d != 3 {
		return "", "", 0, 0
	}
	for n = 1; n < len(cells) && n < 3; n++ {
		if d := codeDigits(cells[n].Text); d < 1 || d > 2 {
			break
		}
	}
	if n >= len(cells) || text.IsAmountText(cells[n].Text) {
		return "", "", 0, 0
	}
	code, printed = first, first
	for _, c := range cells[1:n] {
		code += c.Text
		printed += " " + c.Text
	}
	if n == 1 {
		printed = ""
	}
	return code, printed, n, n
}

// IsTotalLabel reports whether a cell is a table's total label (合计, 总计, 合 计).
func IsTotalLabel(s string) bool {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	return s == "合计" || s == "总计"
}

// LayoutColumn is a column of a space-aligned table: its id and where it sits, as the right edge
// of its amounts (columns read from rows that fill every column) or the centre of its header.
type LayoutColumn struct {
	ID    string
	Label string // header label as printed, when read from a header
	Pos   float64
}

// ColumnsFromHeader maps header cells to column ids with match (which returns "" for a cell that
// names no column) and returns the columns in printed order, each at its header's centre, with
// its label as printed (wrapped label lines joined). A column named on several header lines
// keeps its first position.
func ColumnsFromHeader(header [][]LayoutCell, match func(label string) string) []LayoutColumn {
	seen := map[string]bool{}
	var cols []LayoutColumn
	for i, line := range header {
		for _, c := range headerLabels(line, match) {
			id := match(strings.ReplaceAll(c.Text, " ", ""))
			if id == "" || seen[id] {
				continue
			}
			seen[id] = true
			label := c.Text + labelBelow(header[i+1:], c, match)
			cols = append(cols, LayoutColumn{ID: id, Label: label, Pos: c.Centre()})
		}
	}
	sort.SliceStable(cols, func(i, j int) bool { return cols[i].Pos < cols[j].Pos })
	return cols
}

// labelBelow returns the rest of a header label wrapped onto the next two header lines: a short
// cell under it that names no column itself ("2023年机关运行经" / "费预算数").
func labelBelow(below [][]LayoutCell, c LayoutCell, match func(string) string) string {
	for i, line := range below {
		if i == 2 {
			break
		}
		for _, d := range line {
			x := d.Centre()
			if x >= float64(c.Start) && x <= float64(c.End) && TextWidth(d.Text) <= 4 && match(d.Text) == "" {
				return d.Text
			}
		}
	}
	return ""
}

// headerLabels splits header cells whose single-spaced words name different columns
// ("政府性基金预算 国有资本经营预算"); other cells stay whole ("合 计").
func headerLabels(line []LayoutCell, match func(string) string) []LayoutCell {
	var out []LayoutCell
	for _, c := range line {
		words := strings.Split(c.Text, " ")
		named := 0
		for _, w := range words {
			if match(w) != "" {
				named++
			}
		}
		if named < 2 {
			out = append(out, c)
			continue
		}
		start := c.Start
		for _, w := range words {
			out = append(out, LayoutCell{Text: w, Start: start, End: start + TextWidth(w)})
			start += TextWidth(w) + 1
		}
	}
	return out
}

// ColumnsFromFullRows returns the columns at the median right edge of the amounts of rows that
// fill every column (rows holding len(ids) amounts), or nil when there is no such row.
func ColumnsFromFullRows(rows [][]LayoutCell, ids []string) []LayoutColumn {
	var edges [][]int
	for _, r := range rows {
		if len(r) == len(ids) && len(ids) > 0 {
			e := make([]int, len(r))
			for i, c := range r {
				e[i] = c.End
			}
			edges = append(edges, e)
		}
	}
	if len(edges) == 0 {
		return nil
	}
	cols := make([]LayoutColumn, len(ids))
	for j, id := range ids {
		v := make([]int, len(edges))
		for i := range edges {
			v[i] = edges[i][j]
		}
		sort.Ints(v)
		cols[j] = LayoutColumn{ID: id, Pos: float64(v[len(v)/2])}
	}
	return cols
}

// placeMargin is how much nearer (in runes) a cell must be to its column than to a free
// neighbouring column for the placement to count as read rather than guessed.
const placeMargin = 1.5

// PlaceAmounts assigns a row's amount cells, in order, to columns in order, so that the total
// distance between each cell's right edge plus shift and its column's Pos is least. Callers
// that only know relative positions (header centres, another page) pass shift so that the first
// cell falls on the first column; callers with right edges read on the same page pass 0. It
// returns the column index of each cell; ok is false when there are more cells than columns or
// a cell sits about as near a free neighbouring column as its own (the reading would be a guess).
func PlaceAmounts(cells []LayoutCell, cols []LayoutColumn, shift float64) (idx []int, ok bool) {
	n, m := len(cells), len(cols)
	if n == 0 {
		return nil, true
	}
	if n > m {
		return nil, false
	}
	dist := func(i, j int) float64 { return math.Abs(float64(cells[i].End) + shift - cols[j].Pos) }
	// best[i*m+j]: least cost placing cells[:i+1] with cell i in column j; from: the column of
	// cell i-1 in that placement. Rows of a budget table fit the stack buffers.
	var bestBuf [256]float64
	var fromBuf [256]int
	best, from := bestBuf[:0], fromBuf[:0]
	if n*m > len(bestBuf) {
		best, from = make([]float64, 0, n*m), make([]int, 0, n*m)
	}
	best, from = best[:n*m], from[:n*m]
	inf := math.Inf(1)
	for i := 0; i < n; i++ {
		for j := 0; j < m; j++ {
			best[i*m+j], from[i*m+j] = inf, 0
			if i == 0 {
				best[j] = dist(0, j)
				continue
			}
			for k := 0; k < j; k++ {
				if c := best[(i-1)*m+k] + dist(i, j); c < best[i*m+j] {
					best[i*m+j], from[i*m+j] = c, k
				}
			}
		}
	}
	idx = make([]int, n)
	end := 0
	for j := 1; j < m; j++ {
		if best[(n-1)*m+j] < best[(n-1)*m+end] {
			end = j
		}
	}
	for i := n - 1; i >= 0; i-- {
		idx[i] = end
		end = from[i*m+end]
	}
	return idx, placementClear(idx, m, dist)
}

// placementClear reports whether every cell is clearly nearer its column than any free
// neighbouring column it could have taken instead.
func placementClear(idx []int, m int, dist func(i, j int) float64) bool {
	for i, j := range idx {
		lo, hi := -1, m
		if i > 0 {
			lo = idx[i-1]
		}
		if i < len(idx)-1 {
			hi = idx[i+1]
		}
		for _, alt := range []int{j - 1, j + 1} {
			if alt > lo && alt < hi && dist(i, alt)-dist(i, j) < placeMargin {
				return false
			}
		}
	}
	return true
}

// TextWidth is the number of runes of s (the layout grid counts every character as one cell).
func TextWidth(s string) int { return utf8.RuneCountInString(s) }

var reUnit = regexp.MustCompile(`单位\s*[:：]\s*(万元|元)`)

// UnitOf returns the money unit named on a line ("单位：元", "单位:万元"), or "".
func UnitOf(text string) model.Unit {
	m := reUnit.FindStringSubmatch(text)
	if m == nil {
		return ""
	}
	return model.Unit(m[1])
}
