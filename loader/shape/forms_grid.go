package shape

import (
	"math"
	"sort"
	"strings"

	"budgetql/loader/grid"
	"budgetql/loader/text"
	"budgetql/loader/vocab"
)

// The indicator grid of a performance form: a header naming its columns (一级指标, 二级指标,
// 三级指标, 指标值 …), then one row per indicator. Cells are centred in their rows, so a wrapped
// 三级指标 prints around its value's line, and the 一级 and 二级 labels print once, centred on
// the rows they head. A list of projects prints its projects' names and amounts in columns left of
// the grid, each centred on its rows in the same way.

// formColumn is a labelled column of a form: the field it holds and where its label sits.
type formColumn struct {
	id     string // vocab.Form…; "" for a label the vocabulary does not know
	label  string
	x0, x1 int
}

func (c formColumn) centre() float64 { return float64(c.x0+c.x1) / 2 }

// maxHeaderWord is the longest a word of a header's wrapped label lines runs, in runes.
const maxHeaderWord = 6

// isIndicatorHeader reports whether a line heads an indicator grid: it names at least two of its
// columns, one of them the indicator or its value.
func isIndicatorHeader(l grid.Line) bool {
	if l.HasAmount() {
		return false
	}
	n, key := 0, false
	for _, w := range headerWords(l) {
		switch id := vocab.FormColumnOf(w.Text); {
		case id == vocab.FormLevel3 || id == vocab.FormValue:
			n, key = n+1, true
		case vocab.IsIndicatorColumn(id):
			n++
		}
	}
	return n >= 2 && key
}

// formHeader reads the header at lines[h] with the label lines stacked on it, directly above and
// below: its columns, and the index of the first line after it.
func formHeader(lines []grid.Line, h int) (cols []formColumn, next int) {
	from, to := h, h+1
	for from > 0 && h-from < 2 && isLabelLine(lines[from-1]) {
		from--
	}
	for to < len(lines) && to-h <= 2 && isLabelLine(lines[to]) {
		to++
	}
	for _, b := range stackWords(lines[from:to]) {
		cols = append(cols, formColumn{id: vocab.FormColumnOf(b.label), label: b.label, x0: b.x0, x1: b.x1})
	}
	return cols, to
}

// isLabelLine reports whether a line can be part of a wrapped header: short words, no amount, no
// operator and no head label.
func isLabelLine(l grid.Line) bool {
	if len(l.Cells) == 0 || l.HasAmount() {
		return false
	}
	for _, w := range headerWords(l) {
		if grid.Width(w.Text) > maxHeaderWord && vocab.FormColumnOf(w.Text) == "" || vocab.IsOperator(w.Text) ||
			vocab.HeadLabel(grid.Compact(w.Text)) != "" && vocab.FormColumnOf(w.Text) == "" {
			return false
		}
	}
	return true
}

// part is a run of a line's text that falls in one column.
type part struct {
	col    string
	text   string
	x0, x1 int
}

// lineParts places a line's text in the columns: each cell whole, except that operators and level
// labels printed one space from their neighbours stand alone ("培训人员满意度 ≥", "效益指标 社会效益指标").
// Labels printed beside the whole grid (绩效指标, or 年度绩效指标 stood up one character a line)
// are left out.
func lineParts(l grid.Line, cols []formColumn) []part {
	var out []part
	for _, c := range l.Cells {
		for _, s := range splitTyped(c) {
			col := nearestColumn(s, cols)
			if t, ok := typedColumn(s.Text, cols); ok {
				col = t
			} else if isLevel(col.id) && s.X0 > col.x1+1 && !levelText(s.Text) {
				col = nextColumn(col, cols) // an indicator printed from the left of its column
			}
			if vocab.IsBlockLabel(grid.Compact(s.Text)) || (col.id == vocab.FormLevel1 || col.id == vocab.FormLevel2) && s.X1 < col.x0 {
				continue
			}
			out = append(out, part{col: col.id, text: s.Text, x0: s.X0, x1: s.X1})
		}
	}
	return out
}

// splitTyped splits a cell before and after its words that are operators or level labels.
func splitTyped(c grid.Cell) []grid.Cell {
	words := c.Words()
	if len(words) == 1 {
		return words
	}
	var out []grid.Cell
	prevTyped := false
	for i, w := range words {
		typed := vocab.IsOperator(text.FoldWidth(w.Text)) || vocab.IsLevelLabel(w.Text)
		if i > 0 && !typed && !prevTyped {
			last := &out[len(out)-1]
			last.Text += strings.Repeat(" ", w.X0-last.X1) + w.Text
			last.X1 = w.X1
		} else {
			out = append(out, w)
		}
		prevTyped = typed
	}
	return out
}

func nearestColumn(c grid.Cell, cols []formColumn) formColumn {
	var best formColumn
	dist := math.Inf(1)
	centre := c.Centre()
	for _, col := range cols {
		if d := math.Abs(centre - col.centre()); d < dist {
			best, dist = col, d
		}
	}
	return best
}

// typedColumn is the column a word goes to whatever its place: an operator to the operator
// column (else the value's), a level label to the nearer level column.
func typedColumn(s string, cols []formColumn) (formColumn, bool) {
	var ids []string
	switch {
	case vocab.IsOperator(text.FoldWidth(s)):
		ids = []string{vocab.FormOperator, vocab.FormValue}
	default:
		return formColumn{}, false
	}
	for _, id := range ids {
		for _, c := range cols {
			if c.id == id {
				return c, true
			}
		}
	}
	return formColumn{}, false
}

// A page that continues a grid without printing its header again lays the same columns out
// a little differently (pdftotext scales each page's text to its own width). pageMap finds where
// the columns went from what every page prints in them: the operators, and the 一级 and 二级
// labels.

// landmarks are the median centres, on one page, of the words that mark a column whatever the
// page: "op" for operators, "l1" for 一级 labels, "l2" for 二级 labels; and "left", where the
// page's text begins.
func landmarks(lines []grid.Line) map[string]float64 {
	xs := map[string][]float64{}
	left := -1
	for _, l := range lines {
		if len(l.Cells) > 0 && (left < 0 || l.Cells[0].X0 < left) {
			left = l.Cells[0].X0
		}
		for _, c := range l.Cells {
			for _, w := range splitTyped(c) {
				t := grid.Compact(w.Text)
				switch {
				case vocab.IsOperator(text.FoldWidth(t)):
					xs["op"] = append(xs["op"], w.Centre())
				case vocab.IsLevel1(t):
					xs["l1"] = append(xs["l1"], w.Centre())
				case vocab.IsLevelLabel(t):
					xs["l2"] = append(xs["l2"], w.Centre())
				}
			}
		}
	}
	out := map[string]float64{}
	if left >= 0 && len(xs) > 0 {
		out["left"] = float64(left)
	}
	for k, v := range xs {
		sort.Float64s(v)
		out[k] = v[len(v)/2]
	}
	return out
}

// remap moves columns from a page with landmarks ref to one with landmarks cur: by the line
// through two landmarks or more (least squares), by a shift with one, not at all with none.
func remap(cols []formColumn, ref, cur map[string]float64) []formColumn {
	var xs, ys []float64
	for k, x := range ref {
		if y, ok := cur[k]; ok {
			xs, ys = append(xs, x), append(ys, y)
		}
	}
	a, b := 1.0, 0.0
	switch {
	case len(xs) == 1:
		b = ys[0] - xs[0]
	case len(xs) > 1:
		a, b = fitLine(xs, ys)
	}
	out := make([]formColumn, len(cols))
	for i, c := range cols {
		c.x0, c.x1 = int(math.Round(a*float64(c.x0)+b)), int(math.Round(a*float64(c.x1)+b))
		out[i] = c
	}
	return out
}

// fitLine is the least-squares line y = a·x + b; a shift alone when the xs do not spread.
func fitLine(xs, ys []float64) (a, b float64) {
	n := float64(len(xs))
	var sx, sy, sxx, sxy float64
	for i := range xs {
		sx, sy, sxx, sxy = sx+xs[i], sy+ys[i], sxx+xs[i]*xs[i], sxy+xs[i]*ys[i]
	}
	d := n*sxx - sx*sx
	if math.Abs(d) < 1 {
		return 1, (sy - sx) / n
	}
	a = (n*sxy - sx*sy) / d
	return a, (sy - a*sx) / n
}

func isLevel(id string) bool { return id == vocab.FormLevel1 || id == vocab.FormLevel2 }

// levelText reports whether a text is a level label or a piece of one ("服务对象满意度", "指标").
func levelText(s string) bool {
	c := grid.Compact(s)
	return vocab.IsLevelLabel(c) || vocab.IsLevelPrefix(c) || strings.HasSuffix(c, "标")
}

// nextColumn is the column whose label begins next right of c's.
func nextColumn(c formColumn, cols []formColumn) formColumn {
	best := c
	for _, d := range cols {
		if d.x0 > c.x0 && (best.x0 == c.x0 || d.x0 < best.x0) {
			best = d
		}
	}
	return best
}
