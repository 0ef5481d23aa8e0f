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
// Leading digits are a code, not an amount, when text follows them ("201 05 07 行政运行") or they
// stand left of keyEdge, where the money columns begin (0 when not known).
func split(l grid.Line) (texts []cellText, amounts []grid.Cell) { return splitAt(l, 0) }

func splitAt(l grid.Line, keyEdge int) (texts []cellText, amounts []grid.Cell) {
	cells := l.Cells
	lead := 0
	for lead < len(cells) && isCodeLike(cells[lead].Text) {
		lead++
	}
	inKey := lead > 0 && keyEdge > 0 && cells[lead-1].X1 <= keyEdge
	if lead == len(cells) && !inKey {
		lead = 0 // digits alone: amounts
	}
	if lead < len(cells) && isMoney(cells[lead]) && !inKey {
		lead = 0
	}
	// the amounts are the run of money cells at the end of the line; codes printed in a column
	// of their own after the name ("30101 基本工资 50101 工资奖金津补贴") stay with the key
	end := len(cells)
	for end > lead && isMoney(cells[end-1]) {
		end--
	}
	for _, c := range cells[:end] {
		texts = append(texts, cellText{c.Text, c.X0, c.X1})
	}
	return texts, cells[end:]
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
	if len(texts) > 0 && isTotalText(texts) {
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

// readRows reads body lines into rows. A line with a code, or text and amounts, opens a row;
// text alone continues a wrapped name (or starts the name of a row whose line prints none), or
// opens a row of its own when it is a total or amounts stand just above it; a lone code under a
// row without one is that row's code. Amounts alone float until a row takes them: pdftotext
// prints a row's cells a line above or below the row when others of its cells wrap.
func readRows(body []grid.Line, page, keyEdge int) []*rawRow {
	b := &rowBuilder{page: page}
	for i, l := range body {
		if len(l.Cells) == 0 || isColumnNumbers(l) || isNote(l) || isKeyLabels(l) {
			continue
		}
		texts, amounts := splitAt(l, keyEdge)
		k := readKey(texts)
		prev := b.last()
		switch {
		case len(texts) == 0:
			b.floating = append(b.floating, floatLine{l, amounts})
		case len(amounts) == 0 && k.code == "" && !vocab.IsTotalLabel(grid.Compact(joinTexts(texts))) && len(b.floating) == 0:
			if prev != nil && l.No-prev.lastLine() <= 1 && prev.name != "" && len(b.pending) == 0 && !opensNameless(body[i+1:]) {
				prev.name += joinTexts(texts)
				prev.lines = append(prev.lines, l.No)
			} else {
				b.pending = append(b.pending, texts...)
			}
		case len(amounts) == 0 && k.code != "" && prev != nil && prev.code == "" && !prev.total &&
			l.No-prev.lastLine() <= 2 && len(k.parts) <= 1 && len(b.floating) == 0:
			prev.code, prev.printed = k.code, k.printed
			prev.name += k.name
			prev.lines = append(prev.lines, l.No)
		case prev != nil && len(prev.amounts) == 0 && len(b.floating) == 0 && prev.code != "" && k.code != "" &&
			len(amounts) > 0 && l.No-prev.lastLine() <= 1 && k.keyX > prev.keyX+4:
			// the row's other codes and its amounts, printed under a first code whose name wraps
			prev.also = append(prev.also, codeName{k.code, k.name})
			prev.also = append(prev.also, k.also...)
			prev.amounts = amounts
			prev.lines = append(prev.lines, l.No)
		default:
			b.open(l, k, texts, amounts)
		}
	}
	b.settle(nil)
	if len(b.pending) > 0 {
		if prev := b.last(); prev != nil {
			prev.name += joinTexts(b.pending)
		}
	}
	return b.rows
}

// isKeyLabels reports whether a line holds nothing but the labels of key columns (a header line
// printed below the first amounts: "类 款 项").
func isKeyLabels(l grid.Line) bool {
	if l.HasAmount() {
		return false
	}
	for _, c := range l.Cells {
		for _, w := range c.Words() {
			if vocab.ColumnOf(w.Text) != vocab.ColKey {
				return false
			}
		}
	}
	return true
}

// rowBuilder holds the rows read so far and what waits for a row: name text printed above a
// row, and lines of amounts alone.
type rowBuilder struct {
	page     int
	rows     []*rawRow
	pending  []cellText
	floating []floatLine
}

// floatLine is a line of amounts with no label.
type floatLine struct {
	line    grid.Line
	amounts []grid.Cell
}

func (b *rowBuilder) last() *rawRow {
	if len(b.rows) == 0 {
		return nil
	}
	return b.rows[len(b.rows)-1]
}

func (r *rawRow) lastLine() int { return r.lines[len(r.lines)-1] }

// open starts a row from a line with its key and amounts, first giving the floating amounts to
// this row or the one above.
func (b *rowBuilder) open(l grid.Line, k key, texts []cellText, amounts []grid.Cell) {
	r := &rawRow{key: k, src: l, lines: []int{l.No}, amounts: amounts, page: b.page}
	if len(texts) > 0 {
		r.total = isTotalText(texts)
	}
	prev := b.last()
	if r.name == "" && len(b.pending) > 0 {
		r.name, r.nameX = joinTexts(b.pending), b.pending[0].x0
	} else if len(b.pending) > 0 && prev != nil {
		prev.name += joinTexts(b.pending)
	}
	b.pending = nil
	b.settle(r)
	b.rows = append(b.rows, r)
}

// settle gives each floating line to the row above or to next (nil at the end of the body): to
// the row whose own amounts do not stand in the same columns; when neither's do, to the row
// above if the line follows it and lies right of its amounts (a staircase of pushed cells),
// else to next.
func (b *rowBuilder) settle(next *rawRow) {
	for _, f := range b.floating {
		prev := b.last()
		toPrev := next == nil
		if !toPrev && prev != nil {
			clashPrev, clashNext := sameColumns(f.amounts, prev.amounts), sameColumns(f.amounts, next.amounts)
			switch {
			case clashNext && !clashPrev:
				toPrev = true
			case !clashNext && !clashPrev:
				toPrev = f.line.No-prev.lastLine() <= 1 && len(prev.amounts) > 0 &&
					f.amounts[0].X0 >= prev.amounts[len(prev.amounts)-1].X1
			}
		}
		target := next
		if toPrev {
			target = prev
		}
		if target == nil {
			continue
		}
		target.amounts = mergeByX(target.amounts, f.amounts)
		target.lines = append(target.lines, f.line.No)
	}
	b.floating = nil
}

// sameColumns reports whether an amount of a overlaps an amount of b by half its width.
func sameColumns(a, b []grid.Cell) bool {
	for _, x := range a {
		for _, y := range b {
			lo, hi := max(x.X0, y.X0), min(x.X1, y.X1)
			if 2*(hi-lo) >= min(x.X1-x.X0, y.X1-y.X0) {
				return true
			}
		}
	}
	return false
}

// mergeByX merges two lists of cells into one ordered by column.
func mergeByX(a, b []grid.Cell) []grid.Cell {
	out := append(append([]grid.Cell{}, a...), b...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].X0 < out[j-1].X0; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
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

// isTotalText reports whether a row's text cells are a total label ("合计", "合    计" spaced out
// over two cells).
func isTotalText(texts []cellText) bool {
	return len(texts) > 0 && vocab.IsTotalLabel(grid.Compact(joinTexts(texts)))
}
