package shape

import (
	"math"
	"strings"

	"budgetql/loader/grid"
	"budgetql/loader/text"
	"budgetql/loader/vocab"
)

// indicator is one row of an indicator grid as read.
type indicator struct {
	level3, op, value, unit string
	line                    grid.Line // the line of its value
	end                     int       // the last line of its value, wrapped
	want3                   int       // fragments of its 三级指标 still to come below its line
	openUnit                bool      // its line printed no unit: a fragment below is its unit
}

// keyPart is a fragment of a list column (a project's name, code or amount) and its line.
type keyPart struct {
	part
	line grid.Line
}

// gridReader reads the body of an indicator grid line by line.
type gridReader struct {
	cols                  []formColumn
	hasOp, hasUnit, list  bool // list: projects are listed left of the grid
	rows                  []*indicator
	levels                [2][]levelLabel
	keys                  []keyPart
	pending3, pendingUnit []string
}

func newGridReader(cols []formColumn) *gridReader {
	g := &gridReader{}
	g.setColumns(cols)
	return g
}

func (g *gridReader) setColumns(cols []formColumn) {
	g.cols, g.hasOp, g.hasUnit = cols, false, false
	for _, c := range cols {
		g.hasOp = g.hasOp || c.id == vocab.FormOperator
		g.hasUnit = g.hasUnit || c.id == vocab.FormUnit
		g.list = g.list || c.id == vocab.FormProjectName
	}
}

// gridLeft is where the indicator grid begins: a list's projects print left of it.
func (g *gridReader) gridLeft() int {
	left := -1
	for _, c := range g.cols {
		if vocab.IsIndicatorColumn(c.id) && (left < 0 || c.x0 < left) {
			left = c.x0
		}
	}
	return left
}

func (g *gridReader) last() *indicator {
	if len(g.rows) == 0 {
		return nil
	}
	return g.rows[len(g.rows)-1]
}

// maxWrapGap is how many lines below its value a wrapped cell of a row may print.
const maxWrapGap = 2

// line reads one body line. A line with a value opens a row, whose 三级指标 is the text printed
// above it since the last row and on its line. Text on a line without a value ends the row above
// when that row still wants some (a cell centred on its value: as many lines below as above, and
// one below a value printed beside none), else waits for the next row. A value alone (no operator,
// no indicator printed since the last row) just under a row's value continues it.
func (g *gridReader) line(l grid.Line) {
	by := map[string]string{}
	funds := false
	for _, p := range lineParts(l, g.cols) {
		if g.list && !funds && p.x1 <= g.gridLeft() && p.col != vocab.FormIgnore && (grid.Cell{Text: p.text}).IsAmount() {
			p.col, funds = vocab.FormFunds, true // a listed project's first amount is its total
		}
		switch p.col {
		case vocab.FormLevel1:
			g.levels[0] = addLevel(g.levels[0], p.text, float64(l.No))
		case vocab.FormLevel2:
			g.levels[1] = addLevel(g.levels[1], p.text, float64(l.No))
		case vocab.FormLevel3, vocab.FormOperator, vocab.FormValue, vocab.FormUnit:
			by[p.col] += p.text
		case vocab.FormProjectName, vocab.FormProjectCode, vocab.FormFunds, vocab.FormUnitName, vocab.FormCategory:
			g.keys = append(g.keys, keyPart{p, l})
		}
	}
	l3, unit := by[vocab.FormLevel3], by[vocab.FormUnit]
	last := g.last()
	near := last != nil && l.No-last.line.No <= maxWrapGap
	hasValue := by[vocab.FormValue] != "" || by[vocab.FormOperator] != ""
	switch {
	case hasValue && l3 == "" && len(g.pending3) == 0 && last != nil && l.No-last.end <= maxWrapGap && !opensValue(by):
		last.value += by[vocab.FormValue]
		last.unit += unit
		last.end = l.No
	case hasValue:
		g.open(l, by)
	default:
		if l3 != "" {
			if near && last.want3 > 0 {
				last.level3, last.want3 = last.level3+l3, last.want3-1
			} else {
				g.pending3 = append(g.pending3, l3)
			}
		}
		if unit != "" {
			if near && last.openUnit {
				last.unit, last.openUnit = last.unit+unit, false
			} else {
				g.pendingUnit = append(g.pendingUnit, unit)
			}
		}
	}
}

// open starts a row at a line with a value.
func (g *gridReader) open(l grid.Line, by map[string]string) {
	l3, unit := by[vocab.FormLevel3], by[vocab.FormUnit]
	want := min(len(g.pending3), 1)
	if l3 == "" && len(g.pending3) <= 1 {
		want = 1
	} else if l3 == "" {
		want = 0
	}
	g.rows = append(g.rows, &indicator{level3: strings.Join(g.pending3, "") + l3, op: by[vocab.FormOperator],
		value: by[vocab.FormValue], unit: strings.Join(g.pendingUnit, "") + unit, line: l, end: l.No,
		want3: want, openUnit: g.hasUnit && unit == ""})
	g.pending3, g.pendingUnit = nil, nil
}

// opensValue reports whether a line's value starts a value of its own: it prints an operator.
func opensValue(by map[string]string) bool {
	if by[vocab.FormOperator] != "" {
		return true
	}
	op, _ := vocab.Operator(text.FoldWidth(strings.TrimSpace(by[vocab.FormValue])))
	return op != ""
}

// levelLabel is a 一级/二级 label (wrapped fragments joined) and the line it is centred on.
type levelLabel struct {
	text string
	at   float64
	n    int // fragments
}

// addLevel adds a label fragment; a fragment continues the label before while that does not yet
// end in 指标 ("服务对象满意" + "度指标") and is not a whole label on its own, unless the two make one.
func addLevel(ls []levelLabel, frag string, line float64) []levelLabel {
	if n := len(ls); n > 0 && line-ls[n-1].at <= 3 && continuesLevel(ls[n-1].text, frag) {
		l := &ls[n-1]
		l.at = (l.at*float64(l.n) + line) / float64(l.n+1)
		l.text += frag
		l.n++
		return ls
	}
	return append(ls, levelLabel{text: frag, at: line, n: 1})
}

func continuesLevel(label, frag string) bool {
	if strings.HasSuffix(label, "指标") {
		return false
	}
	joined := grid.Compact(label + frag)
	return !vocab.IsLevelLabel(grid.Compact(label)) || vocab.IsLevelLabel(joined) || vocab.IsLevelPrefix(joined)
}

// maxFormRows bounds the rows of one grid whose labels are placed together (the placement costs
// rows² × labels); a larger grid (a list of many projects) is placed page by page.
const maxFormRows = 200

// assignRuns gives each row the label of its group: labels print centred on their group of rows,
// so the rows are cut into len(at) runs, in order, whose middles lie nearest their labels. It
// returns each row's label index (-1 where none). rows are the rows' lines.
func assignRuns(rows []grid.Line, at []float64) []int {
	if len(rows) <= maxFormRows {
		return cutRuns(lineNos(rows), at)
	}
	out := make([]int, len(rows))
	for i := 0; i < len(rows); {
		j := i
		for j < len(rows) && rows[j].Page == rows[i].Page {
			j++
		}
		var idx []int // the labels of this page: nearer its rows than any other page's
		for k, a := range at {
			if a >= float64(rows[i].No)-0.5 && (j == len(rows) || a < float64(rows[j].No)-0.5) ||
				i == 0 && a < float64(rows[0].No) {
				idx = append(idx, k)
			}
		}
		sub := make([]float64, len(idx))
		for k, x := range idx {
			sub[k] = at[x]
		}
		for k, g := range cutRuns(lineNos(rows[i:j]), sub) {
			out[i+k] = -1
			if g >= 0 {
				out[i+k] = idx[g]
			}
		}
		i = j
	}
	return out
}

func lineNos(rows []grid.Line) []int {
	out := make([]int, len(rows))
	for i, r := range rows {
		out[i] = r.No
	}
	return out
}

// cutRuns is assignRuns over rows at lines rowAt, all at once; -1 for all when the rows cannot be
// cut so.
func cutRuns(rowAt []int, at []float64) []int {
	out := make([]int, len(rowAt))
	for i := range out {
		out[i] = -1
	}
	n, k := len(rowAt), len(at)
	if n == 0 || k == 0 || k > n {
		return out
	}
	mid := func(a, b int) float64 { return float64(rowAt[a]+rowAt[b]) / 2 }
	inf := math.Inf(1)
	// cost[g][i]: least cost for labels[:g+1] covering rows[:i+1]; cut[g][i] where run g starts.
	cost := make([][]float64, k)
	cut := make([][]int, k)
	for g := range cost {
		cost[g], cut[g] = make([]float64, n), make([]int, n)
		for i := range cost[g] {
			cost[g][i] = inf
			for s := g; s <= i; s++ {
				prev := 0.0
				if g > 0 {
					if prev = cost[g-1][s-1]; math.IsInf(prev, 1) {
						continue
					}
				} else if s > 0 {
					break
				}
				if c := prev + math.Abs(mid(s, i)-at[g]); c < cost[g][i] {
					cost[g][i], cut[g][i] = c, s
				}
			}
		}
	}
	for g, i := k-1, n-1; g >= 0; g-- {
		s := cut[g][i]
		for j := s; j <= i; j++ {
			out[j] = g
		}
		i = s - 1
	}
	return out
}

// levelsOf gives each row its 一级 or 二级 label ("" where none).
func levelsOf(rows []*indicator, labels []levelLabel) []string {
	at := make([]float64, len(labels))
	for i, l := range labels {
		at[i] = l.at
	}
	out := make([]string, len(rows))
	for i, g := range assignRuns(rowLines(rows), at) {
		if g >= 0 {
			out[i] = labels[g].text
		}
	}
	return out
}

func rowLines(rows []*indicator) []grid.Line {
	out := make([]grid.Line, len(rows))
	for i, r := range rows {
		out[i] = r.line
	}
	return out
}
