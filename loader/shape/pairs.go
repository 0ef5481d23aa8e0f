package shape

import (
	"sort"

	"budgetql/loader/grid"
	"budgetql/loader/model"
	"budgetql/loader/recognize"
	"budgetql/loader/vocab"
)

// side is one side of a two-sided table: where its labels start and its money columns.
type side struct {
	x    int // first column of its labels
	cols []column
}

// sideRow is one label and its amounts on one side of a line.
type sideRow struct {
	side    int
	label   string
	labelX  int
	amounts []grid.Cell
	line    grid.Line
	page    int
}

// Pairs reads a two-sided table (收支总表, 财政拨款收支总表): on each line, income on the left
// and expenditure on the right, and in some editions more expenditure sides (by economic
// class). Each side is label then amounts; rows are named by vocab, function classes by the
// classification.
func Pairs(seg recognize.Segment, ctx Context) (*model.Table, []model.Issue) {
	r := newReader(seg, ctx)
	var rows []sideRow
	var sides []side
	var sideCols [][]pageColumns // by page, by side
	for pi, page := range seg.Pages {
		header, body := splitPairHeader(page)
		s := pairSides(header, body)
		if pi == 0 || len(header) > 0 && len(s) > 1 {
			sides = s
		}
		var pageRows []sideRow
		for _, l := range body {
			if isNote(l) || isColumnNumbers(l) {
				continue
			}
			for _, sr := range splitSides(l, sides) {
				sr.page = pi
				pageRows = append(pageRows, sr)
			}
		}
		pc := make([]pageColumns, len(sides))
		for k := range sides {
			var of []*rawRow
			for _, sr := range pageRows {
				if sr.side == k {
					of = append(of, &rawRow{amounts: sr.amounts})
				}
			}
			data := dataColumns(of)
			pc[k] = pageColumns{data: data, ids: nameColumns(data, sides[k].cols)}
		}
		sideCols = append(sideCols, pc)
		rows = append(rows, pageRows...)
	}
	rows = joinWrappedLabels(rows)
	carry := map[int]bool{} // a side whose rows now list carry-over by fund
	seen := map[string]bool{}
	for _, sr := range rows {
		code := pairCode(sr, carry, ctx.Year)
		if code == "" || seen[code] {
			if code == "" && len(sr.amounts) > 0 && sr.amounts[0].IsAmount() {
				r.issue("unread", sr.line.No, "row %q is no standard row; not read", sr.label)
			}
			continue
		}
		seen[code] = true
		m := &model.Row{Code: code, Name: sr.label, Source: sourceOf(seg.ID, sr.line)}
		if len(code) == 3 {
			m.Level = 1
		}
		pc := sideCols[sr.page]
		k := min(sr.side, len(pc)-1)
		r.placeSide(m, sr, sides[min(k, len(sides)-1)].cols, pc[k])
		r.table.Rows = append(r.table.Rows, m)
	}
	r.table.Columns = pairColumns(sides)
	r.table.Empty = len(r.table.Rows) == 0
	return r.table, r.issues
}

// splitPairHeader returns the lines above the first labelled row with an amount.
func splitPairHeader(page []grid.Line) (header, body []grid.Line) {
	for i, l := range page {
		if l.HasAmount() && !isColumnNumbers(l) {
			return page[:i], page[i:]
		}
	}
	return page, nil
}

// pairSides finds the sides: where the right sides' labels start (the first text cell after an
// amount on a line, the leftmost such place per side) and each side's money columns from the
// header, else one total column.
func pairSides(header, body []grid.Line) []side {
	var perSide [][]int // the starts of the labels of each side, from lines that print every side
	for _, l := range body {
		starts := labelStarts(l)
		if len(starts) > len(perSide) {
			perSide = make([][]int, len(starts))
			for _, m := range body {
				if ms := labelStarts(m); len(ms) == len(starts) {
					for j, x := range ms {
						perSide[j] = append(perSide[j], x)
					}
				}
			}
		}
	}
	sides := []side{{x: 0}}
	for j := 1; j < len(perSide); j++ {
		sort.Ints(perSide[j])
		sides = append(sides, side{x: perSide[j][0]})
	}
	boxes := stackWords(header)
	for i := range sides {
		lo, hi := sides[i].x-2, 1<<30
		if i+1 < len(sides) {
			hi = sides[i+1].x - 2
		}
		var cols []column
		for _, b := range boxes {
			if b.x0 >= lo && b.x0 < hi && isMoneyLabel(b.id) && !hasBelow(boxes, b) {
				cols = append(cols, b)
			}
		}
		sort.SliceStable(cols, func(a, b int) bool { return cols[a].x0 < cols[b].x0 })
		if len(cols) <= 1 {
			cols = []column{{id: model.ColTotal}}
		}
		sides[i].cols = cols
	}
	return sides
}

func isMoneyLabel(id string) bool {
	switch id {
	case "", vocab.ColKey, vocab.ColIgnore:
		return false
	}
	return true
}

// hasBelow reports whether money labels stand under a label (it heads a group).
func hasBelow(boxes []box, b box) bool {
	for _, c := range boxes {
		if c.top > b.bottom && isMoneyLabel(c.id) && c.x0 >= b.x0-8 && c.x0 <= b.x1+8 {
			return true
		}
	}
	return false
}

// labelStarts returns where each label followed by amounts starts on a line: one per side.
func labelStarts(l grid.Line) []int {
	var out []int
	label := -1
	for _, c := range l.Cells {
		if isMoney(c) {
			if label >= 0 {
				out = append(out, label)
				label = -1
			}
			continue
		}
		if label < 0 {
			label = c.X0
		}
	}
	return out
}

// clusters returns the smallest value of each run of sorted values no more than gap apart.
func clusters(xs []int, gap int) []int {
	var out []int
	for i, x := range xs {
		if i == 0 || x-xs[i-1] > gap {
			out = append(out, x)
		}
	}
	return out
}

// splitSides cuts a line into its sides' labels and amounts.
func splitSides(l grid.Line, sides []side) []sideRow {
	var out []sideRow
	cur := -1
	for i, c := range l.Cells {
		if !isMoney(c) {
			s := labelSide(sides, c.X0)
			if i > 0 && isMoney(l.Cells[i-1]) && cur >= 0 {
				s = max(s, out[cur].side+1) // a label after amounts opens the next side
			}
			s = min(s, len(sides)-1)
			if cur >= 0 && out[cur].side == s && len(out[cur].amounts) == 0 {
				out[cur].label += c.Text
				continue
			}
			out = append(out, sideRow{side: s, label: c.Text, labelX: c.X0, line: l})
			cur = len(out) - 1
			continue
		}
		s := amountSide(sides, c.X0)
		if cur < 0 || out[cur].side != s {
			// amounts printed on a line of their own for a label wrapped over lines
			out = append(out, sideRow{side: s, line: l})
			cur = len(out) - 1
		}
		out[cur].amounts = append(out[cur].amounts, c)
	}
	return out
}

// labelSide is the side a label starting at x belongs to: the side whose start it is nearer
// than the start of the side before (pdftotext moves a label left when its line prints nothing
// to its left).
func labelSide(sides []side, x int) int {
	s := 0
	for i := 1; i < len(sides); i++ {
		if 2*x >= sides[i-1].x+sides[i].x {
			s = i
		}
	}
	return s
}

// amountSide is the side an amount starting at x belongs to: the last whose labels start left
// of it.
func amountSide(sides []side, x int) int {
	s := 0
	for i, sd := range sides {
		if x > sd.x+2 {
			s = i
		}
	}
	return s
}

// joinWrappedLabels assembles each side's rows from the pieces its lines print: a label opens a
// row when it is numbered ("一、", "(1)", "其中："), names a standard row or a class, or comes with
// amounts under a row that has its own; other label text continues the row above (a label wrapped
// over lines, its amounts printed on the middle line), and amounts alone go to the row above when
// it has none.
func joinWrappedLabels(pieces []sideRow) []sideRow {
	var out []sideRow
	open := map[int]int{} // side → index in out of its last row
	for _, p := range pieces {
		k, has := open[p.side]
		var cur *sideRow
		if has {
			cur = &out[k]
		}
		switch {
		case p.label == "" && cur != nil:
			if len(cur.amounts) == 0 {
				cur.amounts = p.amounts
			}
		case p.label == "":
		case cur == nil || opensRow(p, cur):
			out = append(out, p)
			open[p.side] = len(out) - 1
		default:
			cur.label += p.label
			if len(cur.amounts) == 0 {
				cur.amounts = p.amounts
			}
		}
	}
	return out
}

// opensRow reports whether a side's label piece starts a row of its own rather than continuing
// the row above.
func opensRow(p sideRow, cur *sideRow) bool {
	l := vocab.CleanRowLabel(p.label)
	if vocab.StripOrdinal(l) != l || vocab.IsTotalLabel(l) {
		return true
	}
	if code, _ := vocab.SummaryRow(l); code != "" && !isLabelTail(p.label) {
		return true
	}
	if len(p.amounts) > 0 && len(cur.amounts) > 0 {
		return true
	}
	if p.line.No-cur.line.No > 2 && len(cur.amounts) > 0 {
		return true
	}
	return false
}

// isLabelTail reports whether a label is the wrapped end of the one above: short and not a row
// of its own.
func isLabelTail(s string) bool {
	code, _ := vocab.SummaryRow(s)
	_, class := vocab.FunctionClassByName(s, 0)
	return grid.Width(s) <= 6 && code == "" && !class
}

// pairCode names a side row: a standard row by vocab, a function class by the classification.
// On the income side, fund rows after the carry-over row are the carry-over's by fund.
func pairCode(sr sideRow, carry map[int]bool, year int) string {
	code, where := vocab.SummaryRow(sr.label)
	if vocab.IsTotalLabel(vocab.CleanRowLabel(sr.label)) {
		code, where = model.RowIncomeTotal, vocab.SideIncome
		if sr.side > 0 {
			code, where = model.RowExpenditureTotal, vocab.SideExpenditure
		}
	}
	if sr.side > 0 {
		if code == model.RowExpenditureTotal {
			return code
		}
		if where == vocab.SideIncome {
			code = ""
		}
		if code == "" {
			code, _ = vocab.FunctionClassByName(sr.label, year)
		}
		return code
	}
	if where == vocab.SideExpenditure {
		return code // a spending row printed where income rows stand (a page that prints one side)
	}
	if code == "" {
		if class, ok := vocab.FunctionClassByName(sr.label, year); ok {
			return class
		}
	}
	switch code {
	case model.RowCarryIn:
		carry[sr.side] = true
	case model.RowIncomeCurrent, model.RowIncomeTotal:
		carry[sr.side] = false
	case model.ColGeneralPublic, model.ColGovFund, model.ColStateCapital, model.ColFiscal, model.ColSpecial, vocab.ColUnitFund:
		if carry[sr.side] {
			return model.RowCarryIn + "_" + code
		}
	}
	return code
}

// placeSide places a side row's amounts in its side's columns.
func (r *reader) placeSide(m *model.Row, sr sideRow, cols []column, pc pageColumns) {
	idx, ok := place(len(sr.amounts), len(pc.data), edgeCost(sr.amounts, pc.data))
	if !ok {
		r.issue("unread", sr.line.No, "row %s: cannot tell which columns its %d amounts belong to", sr.label, len(sr.amounts))
		return
	}
	for _, c := range cols {
		m.SetCell(c.id, model.Amount{Unit: r.table.Unit, Status: model.StatusBlank})
	}
	for i, j := range idx {
		if id := pc.ids[j]; id != "" {
			m.SetCell(id, r.amount(sr.amounts[i].Text, sr.line.No))
		}
	}
}

// pairColumns lists every side's columns once, in order.
func pairColumns(sides []side) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range sides {
		for _, c := range s.cols {
			if !seen[c.id] {
				seen[c.id] = true
				out = append(out, c.id)
			}
		}
	}
	return out
}
