// Package shape reads the standard tables found by recognize, one reader per arrangement: the
// subject table (rows keyed by a subject, unit or project, money columns named by the header),
// the two-sided summary, and the "三公" table in its printed orientations. The readers know
// arrangements, not provinces: what a label means comes from vocab.
package shape

import (
	"sort"
	"strings"
	"unicode/utf8"

	"budgetql/loader/grid"
	"budgetql/loader/model"
	"budgetql/loader/vocab"
)

// column is a money column of a table: its id, its label as printed and where the label sits.
type column struct {
	id     string
	label  string
	x0, x1 int
	top    int // header line index of the label's first line
	bottom int // and of its last
}

// box is a header label being assembled from the words stacked under each other.
type box = column

// headerWords splits header lines into words: cells split at single spaces, with characters
// spaced out for width joined again ("合   计", "预 算 数").
func headerWords(l grid.Line) []grid.Cell {
	var words []grid.Cell
	for _, c := range l.Cells {
		words = append(words, c.Words()...)
	}
	var out []grid.Cell
	for _, w := range words {
		if n := len(out); n > 0 && isSpacedOut(out[n-1], w) {
			out[n-1].Text += w.Text
			out[n-1].X1 = w.X1
			continue
		}
		out = append(out, w)
	}
	return out
}

// isSpacedOut reports whether two words are characters of one label spaced out for width: a
// single character followed closely by another short word.
func isSpacedOut(a, b grid.Cell) bool {
	last, _ := utf8.DecodeLastRuneInString(a.Text)
	return b.X0-a.X1 <= 5 && utf8.RuneCountInString(b.Text) <= 2 && last >= 0x4e00 &&
		(utf8.RuneCountInString(a.Text) == 1 || utf8.RuneCountInString(b.Text) == 1) &&
		vocab.ColumnOf(a.Text) == ""
}

// stackWords assembles labels printed over several header lines: a word joins the label just
// above it when either alone means nothing ("政府性基金预" / "算资金", "一般公共预算" / "资金").
func stackWords(header []grid.Line) []box {
	var boxes []box
	for k, l := range header {
		if isColumnNumbers(l) {
			continue
		}
		for _, w := range headerWords(l) {
			if strings.Trim(w.Text, "*0123456789") == "" {
				continue // a column number or marker under a label
			}
			if strings.ContainsAny(w.Text, ":：") && !strings.HasPrefix(w.Text, "其中") {
				continue // 单位：万元, 部门：…, 编制单位：…: no column label
			}
			if i := boxAbove(boxes, w, k); i >= 0 {
				b := &boxes[i]
				b.label += w.Text
				b.x0, b.x1, b.bottom = min(b.x0, w.X0), max(b.x1, w.X1), k
				continue
			}
			boxes = append(boxes, box{label: w.Text, x0: w.X0, x1: w.X1, top: k, bottom: k})
		}
	}
	for i := range boxes {
		boxes[i].id = vocab.ColumnOf(boxes[i].label)
	}
	return boxes
}

// boxAbove finds the label a word continues: one ending on the line above (or the one before,
// over a line that prints nothing there), starting where the word starts (or spanning it), that
// the word completes. A word that with the label spells a standard label ("政府性基金" / "预算",
// "国有资本经" / "营预算") may start further off: pdftotext shifts the lines of a wrapped label.
func boxAbove(boxes []box, w grid.Cell, k int) int {
	best, dist := -1, 1<<30
	for i, b := range boxes {
		spells := vocab.SpellsLabel(b.label, w.Text)
		near := b.bottom == k-1 || b.bottom == k-2 && !wordBetween(boxes, b, k-1) || spells && b.bottom >= k-3
		if !near {
			continue
		}
		d := abs(b.x0 - w.X0)
		if w.X0 >= b.x0 && w.X0 < b.x1 {
			d = min(d, 1)
		}
		reach := 2
		if b.bottom == k-2 {
			reach = 4
		}
		if spells {
			reach = 10
			d -= 5 // a spelled label wins over a nearer guess
		}
		if d <= reach && d < dist && joins(b.label, w.Text) {
			best, dist = i, d
		}
	}
	return best
}

// wordBetween reports whether another label on line k stands over the same columns as b.
func wordBetween(boxes []box, b box, k int) bool {
	for _, c := range boxes {
		if c.bottom == k && c.x0 < b.x1 && c.x1 > b.x0 {
			return true
		}
	}
	return false
}

// joins reports whether a word below a label continues it: the word alone names no column, or
// the label alone names none and the two together do.
func joins(label, word string) bool {
	if vocab.SpellsLabel(label, word) || !knownLabel(word) {
		return true
	}
	return !knownLabel(label) && knownLabel(label+word)
}

// knownLabel reports whether a label means something on its own: a column or a "三公" item.
func knownLabel(s string) bool { return vocab.ColumnOf(s) != "" || vocab.SangongItem(s) != "" }

// moneyColumns turns a header into its money columns, left to right: labels that are groups
// over other labels below them are left out, a subtotal takes the meaning of its group, and a
// source repeated after a carry-over group is that group's. Labels the vocabulary does not know
// stay, with no id, so that the columns keep their places.
func moneyColumns(header []grid.Line, table model.TableID) []column {
	boxes := stackWords(header)
	var leaves []column
	groups := map[string]bool{}
	for i, b := range boxes {
		switch b.id {
		case vocab.ColKey:
			continue
		case vocab.ColIgnore:
			b.id = "" // 行次, 扣除…: its cells are printed, and read, but not kept
			leaves = append(leaves, b)
			continue
		case "":
			if !mayHeadAmounts(b, boxes) {
				continue
			}
		}
		if isGroup(boxes, i, table) || isTitleOverColumns(boxes, i) {
			groups[b.id] = true
			continue
		}
		leaves = append(leaves, b)
	}
	sort.SliceStable(leaves, func(i, j int) bool { return leaves[i].x0 < leaves[j].x0 })
	subtotalsOfFunds(leaves, boxes, table)
	resolveSubtotals(leaves, groups, table)
	return leaves
}

// subtotalsOfFunds gives a 小计 under a fund's group label ("一般公共预算拨款" over 小计 and 其中…)
// that fund's id.
func subtotalsOfFunds(leaves []column, boxes []box, table model.TableID) {
	for i := range leaves {
		if leaves[i].id != vocab.ColSubtotal {
			continue
		}
		best, dist := "", groupReach+1
		for j, g := range boxes {
			if g.bottom >= leaves[i].top || !vocab.IsFund(g.id) || !isGroup(boxes, j, table) {
				continue
			}
			if d := abs((g.x0 + g.x1 - leaves[i].x0 - leaves[i].x1) / 2); d < dist {
				best, dist = g.id, d
			}
		}
		if best != "" {
			leaves[i].id = best
		}
	}
}

// mayHeadAmounts reports whether a label the vocabulary does not know may still head a money
// column: it sits right of every key label, on the lowest lines of the header, and is no unit
// or department line.
func mayHeadAmounts(b box, boxes []box) bool {
	if grid.Width(b.label) > 14 || strings.ContainsAny(b.label, ":：") {
		return false
	}
	for _, k := range boxes {
		if k.id == vocab.ColKey && k.x1 > b.x0 {
			return false
		}
	}
	for _, c := range boxes {
		if c.top > b.bottom && c.id != "" && c.x0 >= b.x0-2 && c.x0 <= b.x1+2 {
			return false // something known stands under it: a group label
		}
	}
	return true
}

// isTitleOverColumns reports whether a label that names a single amount column ("预算数",
// "金额") stands over other money labels: then it titles them all and is no column itself.
func isTitleOverColumns(boxes []box, i int) bool {
	g := boxes[i]
	if !vocab.IsColumnSetTitle(vocab.CleanLabel(g.label)) {
		return false
	}
	n := 0
	for j, c := range boxes {
		if j != i && c.top > g.bottom && c.id != "" && c.id != vocab.ColKey && c.id != vocab.ColIgnore {
			n++
		}
	}
	return n >= 2
}

// isGroup reports whether a label heads others printed below it.
func isGroup(boxes []box, i int, table model.TableID) bool {
	g := boxes[i]
	for j, c := range boxes {
		if j != i && c.top > g.bottom && vocab.IsGroupOf(g.id, c.id) && c.id != g.id && near(g, c) {
			return true
		}
	}
	return false
}

// groupReach is how far (in columns, centre to centre) a group label may stand from a label it
// heads: pdftotext squeezes a centred label towards the left of the columns under it.
const groupReach = 24

func near(g, c box) bool {
	d := (g.x0 + g.x1 - c.x0 - c.x1) / 2
	return abs(d) <= groupReach
}

// resolveSubtotals gives 小计 and repeated sources their meaning: the 小计 of 基本支出 is basic;
// in an income table the first 小计 is this year's income and a later one the carry-over; a
// source printed again after the carry-over is the carry-over's.
func resolveSubtotals(cols []column, groups map[string]bool, table model.TableID) {
	seen := map[string]bool{}
	carry := false
	for i := range cols {
		c := &cols[i]
		switch {
		case c.id == vocab.ColSubtotal && groups[model.ColBasic] && !seen[model.ColBasic] && i+1 < len(cols) &&
			(cols[i+1].id == model.ColPersonnel || cols[i+1].id == model.ColPublicUse):
			c.id = model.ColBasic
		case c.id == vocab.ColSubtotal && !seen[vocab.ColSubtotal] && (groups[model.ColIncome] || groups[model.ColCarryover]) && !carry:
			c.id = model.RowIncomeCurrent
		case c.id == vocab.ColSubtotal && groups[model.ColCarryover]:
			c.id, carry = model.ColCarryover, true
		case c.id == vocab.ColSubtotal && i == 0:
			c.id = model.ColTotal
		case seen[c.id] && groups[model.ColCarryover] && c.id != model.ColCarryover:
			carry = true
			c.id = "carryover_" + c.id
		case carry && c.id != model.ColCarryover && !strings.HasPrefix(c.id, "carryover_"):
			c.id = "carryover_" + c.id
		}
		seen[cols[i].id] = true
	}
	for i := range cols {
		if cols[i].id == vocab.ColSubtotal {
			cols[i].id = "" // a subtotal whose group is not known: read, not kept
		}
	}
	_ = table
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
