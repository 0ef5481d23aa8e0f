package shape

import (
	"strconv"
	"strings"

	"budgetql/loader/grid"
	"budgetql/loader/vocab"
)

// rawRow is a table row being read: its key, its amount cells as printed and its lines.
type rawRow struct {
	key
	src     grid.Line // the line the row opens on
	lines   []int     // every input line the row was read from
	amounts []grid.Cell
	page    int // index of the page within the table
}

// split divides a body line into its text cells (the key: code and name) and its amount cells.
// Leading digits followed by text are a code, not an amount ("201 05 07 行政运行").
func split(l grid.Line) (texts []cellText, amounts []grid.Cell) {
	cells := l.Cells
	lead := 0
	for lead < len(cells) && isCodeLike(cells[lead].Text) {
		lead++
	}
	if lead < len(cells) && !isMoney(cells[lead]) {
		for _, c := range cells[:lead] {
			texts = append(texts, cellText{c.Text, c.X0, c.X1})
		}
		cells = cells[lead:]
	}
	inAmounts := false
	for _, c := range cells {
		if isMoney(c) {
			inAmounts = true
			amounts = append(amounts, c)
			continue
		}
		if !inAmounts {
			texts = append(texts, cellText{c.Text, c.X0, c.X1})
		}
	}
	return texts, amounts
}

// isCodeLike reports whether a cell may be (part of) a printed code: digits without separators.
func isCodeLike(s string) bool { return reAllDigits.MatchString(s) && len(s) <= 12 }

// isMoney reports whether a cell is an amount or a dash printed in an empty amount cell.
func isMoney(c grid.Cell) bool { return c.IsAmount() || c.IsDash() }

// isColumnNumbers reports whether a line numbers the columns ("** 1 2 3", "栏次 1 2 3 4"): small
// integers counting up, perhaps after markers.
func isColumnNumbers(l grid.Line) bool {
	want, n := 1, 0
	for _, c := range l.Cells {
		t := strings.Trim(c.Text, "*")
		if t == "" || t == "栏次" || t == "行次" || t == "甲" || t == "乙" || t == "丙" {
			continue
		}
		for _, w := range strings.Fields(t) {
			v, err := strconv.Atoi(w)
			if err != nil || v != want {
				return false
			}
			want++
			n++
		}
	}
	return n >= 2
}

// isBodyLine reports whether a line opens a table's body: a total, a coded row or amounts.
func isBodyLine(l grid.Line) bool {
	if isColumnNumbers(l) || len(l.Cells) == 0 {
		return false
	}
	texts, amounts := split(l)
	if len(texts) > 0 && vocab.IsTotalLabel(grid.Compact(texts[0].text)) {
		return len(amounts) > 0 || len(texts) == 1
	}
	if len(amounts) > 0 {
		return len(texts) > 0 || len(amounts) > 1 || amounts[0].IsAmount()
	}
	k := readKey(texts)
	return k.code != "" && k.name != "" && len(k.code) >= 3
}

// splitHeader returns a page's header lines and its body lines.
func splitHeader(page []grid.Line) (header, body []grid.Line) {
	for i, l := range page {
		if isBodyLine(l) {
			return page[:i], page[i:]
		}
	}
	return page, nil
}

// readRows reads body lines into rows: a line with a key or amounts opens a row; text alone
// continues a wrapped name (or opens the name of a row whose line prints none); a lone code
// under a row without one is that row's code; amounts alone carry on the row above when they
// lie to the right of its amounts or it has none.
func readRows(body []grid.Line, page int) []*rawRow {
	var rows []*rawRow
	var pending []cellText // text printed above a row that prints no name of its own
	last := func() *rawRow {
		if len(rows) == 0 {
			return nil
		}
		return rows[len(rows)-1]
	}
	for i, l := range body {
		if len(l.Cells) == 0 || isColumnNumbers(l) || isNote(l) {
			continue
		}
		texts, amounts := split(l)
		k := readKey(texts)
		prev := last()
		switch {
		case len(amounts) == 0 && k.code == "" && len(texts) > 0:
			if prev != nil && l.No-prev.lines[len(prev.lines)-1] <= 1 && prev.name != "" && len(pending) == 0 &&
				!opensNameless(body[i+1:]) {
				prev.name += joinTexts(texts)
				prev.lines = append(prev.lines, l.No)
			} else {
				pending = append(pending, texts...)
			}
		case len(amounts) == 0 && k.code != "" && prev != nil && prev.code == "" && !prev.total &&
			l.No-prev.lines[len(prev.lines)-1] <= 2 && len(k.parts) <= 1:
			prev.code, prev.printed = k.code, k.printed
			prev.name += k.name
			prev.lines = append(prev.lines, l.No)
		case len(texts) == 0 && prev != nil && (len(prev.amounts) == 0 || amounts[0].X0 > prev.amounts[len(prev.amounts)-1].X1):
			prev.amounts = append(prev.amounts, amounts...)
			prev.lines = append(prev.lines, l.No)
		default:
			r := &rawRow{key: k, src: l, lines: []int{l.No}, amounts: amounts, page: page}
			if len(texts) > 0 {
				r.total = vocab.IsTotalLabel(grid.Compact(texts[0].text))
			}
			if r.name == "" && len(pending) > 0 {
				r.name, r.nameX = joinTexts(pending), pending[0].x0
			} else if len(pending) > 0 && prev != nil {
				prev.name += joinTexts(pending)
			}
			pending = nil
			rows = append(rows, r)
		}
	}
	if len(pending) > 0 {
		if prev := last(); prev != nil {
			prev.name += joinTexts(pending)
		}
	}
	return rows
}

// opensNameless reports whether the next line with cells is a row that prints no name: amounts
// alone, or a code and amounts. Text just above such a row is (the start of) its name.
func opensNameless(rest []grid.Line) bool {
	for _, l := range rest {
		if len(l.Cells) == 0 {
			continue
		}
		texts, amounts := split(l)
		if len(amounts) == 0 {
			return false
		}
		k := readKey(texts)
		return k.name == ""
	}
	return false
}

// isNote reports whether a line is a note under a table ("注：…").
func isNote(l grid.Line) bool {
	c := l.Compact()
	return strings.HasPrefix(c, "注") && (strings.HasPrefix(c, "注：") || strings.HasPrefix(c, "注:") ||
		strings.HasPrefix(c, "注1") || strings.HasPrefix(c, "注释"))
}

func joinTexts(ts []cellText) string {
	var b strings.Builder
	for _, t := range ts {
		b.WriteString(t.text)
	}
	return b.String()
}
