package shape

import (
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"budgetql/loader/grid"
	"budgetql/loader/model"
	"budgetql/loader/recognize"
	"budgetql/loader/text"
	"budgetql/loader/vocab"

	"github.com/shopspring/decimal"
)

// Sangong reads the "三公" table, printed with its items as rows (a vertical list: 合计,
// 因公出国(境)费, 公务用车…) or as columns (a header of items, perhaps in blocks by year or by
// 预算数/决算数, perhaps split by fund, over one row per unit or year). Either way the table it
// gives has one row per item; a 预算 has the column total, a 决算 budget and actual.
func Sangong(seg recognize.Segment, ctx Context) (*model.Table, []model.Issue) {
	var header, body []grid.Line
	for pi, page := range seg.Pages {
		h, b := splitHeader(page)
		if pi == 0 {
			header = h
		}
		body = append(body, b...)
	}
	if isVertical(body) {
		return sangongRows(seg, ctx)
	}
	r := newReader(seg, ctx)
	leaves, block := sangongLeaves(header, ctx)
	row := dataRow(body, ctx.Year)
	if len(leaves) == 0 || row == nil {
		r.table.Empty = true
		if row != nil && row.HasAmount() {
			r.issue("unread", row.No, "no 三公 items recognised in the header; table not read")
		}
		return r.table, r.issues
	}
	_, amounts := split(*row)
	cols := make([]column, len(leaves))
	for i, l := range leaves {
		cols[i] = l.box
	}
	cost := labelCost(amounts, cols)
	if centres := columnNumberCentres(header, len(leaves)); centres != nil {
		cost = centreCost(amounts, centres)
	}
	idx, ok := place(len(amounts), len(leaves), cost)
	if !ok || !holds(leaves, amounts, idx, r.table.Unit) {
		if byIdentity, found := placeByIdentities(leaves, amounts, cost, r.table.Unit); found {
			idx, ok = byIdentity, true
		}
	}
	if !ok {
		r.issue("unread", row.No, "cannot tell which 三公 items its %d amounts belong to", len(amounts))
		return r.table, r.issues
	}
	got := map[int]grid.Cell{}
	for i, j := range idx {
		got[j] = amounts[i]
	}
	r.sangongTable(leaves, block, got, *row, ctx)
	return r.table, r.issues
}

// leaf is one amount column of a horizontal 三公 table: which item, and which phase (budget,
// actual) or block it belongs to.
type leaf struct {
	box   column
	item  string
	phase string // model.ColBudget, model.ColActual or ""
	block int    // the year or fund block it is printed in, from 0
	fund  int    // the fund it is split by, from 0; -1 when not split
}

// sangongLeaves reads the items of a horizontal 三公 header, left to right, expanded by the
// line of 预算数/决算数 or fund labels under them when there is one.
func sangongLeaves(header []grid.Line, ctx Context) ([]leaf, int) {
	boxes := stackWords(header)
	var items []column
	subtotalIsTotal := false
	for i, b := range boxes {
		it := vocab.SangongItem(b.label)
		if vocab.CleanLabel(b.label) == "小计" {
			it = subtotalOf(boxes, i)
			subtotalIsTotal = subtotalIsTotal || it == model.RowTotal
		}
		if it == "" || it == "administration" {
			continue
		}
		if it == model.RowVehicleTotal && hasVehicleChildren(boxes, i) || it == model.RowTotal && !vocab.IsTotalLabel(vocab.CleanLabel(b.label)) && headsItems(boxes, i) {
			continue
		}
		b.id = it
		items = append(items, b)
	}
	if subtotalIsTotal {
		// the 合计 beside a 三公 subtotal adds 会议费 and 培训费 to it
		for i := range items {
			if items[i].id == model.RowTotal && vocab.IsTotalLabel(vocab.CleanLabel(items[i].label)) {
				items[i].id = model.RowSangongWithMeetings
			}
		}
	}
	sort.SliceStable(items, func(a, b int) bool { return items[a].x0 < items[b].x0 })
	var leaves []leaf
	blocks := blockStarts(items)
	for i, it := range items {
		leaves = append(leaves, leaf{box: it, item: it.id, block: blockOf(blocks, i), fund: -1})
	}
	phases, funds := subLabels(boxes)
	switch {
	case len(phases) > 0 && len(phases)%len(leaves) == 0 && len(phases) > len(leaves):
		leaves = expand(leaves, phases, func(l *leaf, k int, c column) { l.phase = c.id })
	case len(funds) > 0 && len(funds)%len(leaves) == 0 && len(funds) > len(leaves):
		leaves = expand(leaves, funds, func(l *leaf, k int, c column) { l.fund = k })
	default:
		setPhases(leaves, boxes, ctx)
	}
	return leaves, chooseBlock(leaves, boxes, ctx.Year)
}

// subtotalOf says what a 小计 totals: the "三公" group over it (a subtotal of the three costs
// beside a 合计 that adds 会议费 and 培训费), or by default the vehicle group.
func subtotalOf(boxes []box, i int) string {
	best, dist := model.RowVehicleTotal, 1<<30
	for j, g := range boxes {
		if j == i || g.bottom >= boxes[i].top {
			continue
		}
		it := vocab.SangongItem(g.label)
		group := it == model.RowVehicleTotal && hasVehicleChildren(boxes, j) ||
			it == model.RowTotal && !vocab.IsTotalLabel(vocab.CleanLabel(g.label)) && headsItems(boxes, j)
		if !group {
			continue
		}
		if d := abs(g.x0 + g.x1 - boxes[i].x0 - boxes[i].x1); d < dist {
			best, dist = it, d
		}
	}
	return best
}

// hasVehicleChildren reports whether the vehicle label heads 小计/购置/运行 labels below it.
func hasVehicleChildren(boxes []box, i int) bool {
	for j, b := range boxes {
		if j == i || b.top <= boxes[i].bottom {
			continue
		}
		switch it := vocab.SangongItem(b.label); {
		case it == model.RowVehiclePurchase, it == model.RowVehicleOperation:
			return true
		case vocab.CleanLabel(b.label) == "小计":
			return true
		}
	}
	return false
}

// headsItems reports whether a label stands over other item labels: "“三公”经费预算数" over
// 合计, 因公出国(境)费 and the rest is a group, not the total's column.
func headsItems(boxes []box, i int) bool {
	n := 0
	for j, b := range boxes {
		if j != i && b.top > boxes[i].bottom && vocab.SangongItem(b.label) != "" {
			n++
		}
	}
	return n >= 2
}

// blockStarts returns the indexes where the item sequence starts again (a second year's block).
func blockStarts(items []column) []int {
	starts := []int{0}
	seen := map[string]bool{}
	for i, it := range items {
		if seen[it.id] {
			starts = append(starts, i)
			seen = map[string]bool{}
		}
		seen[it.id] = true
	}
	return starts
}

func blockOf(starts []int, i int) int {
	b := 0
	for k, s := range starts {
		if i >= s {
			b = k
		}
	}
	return b
}

// subLabels returns the labels of the line of 预算数/决算数 and of the line of funds, if printed.
func subLabels(boxes []box) (phases, funds []column) {
	for _, b := range boxes {
		switch l := vocab.CleanLabel(b.label); {
		case l == "预算数" || l == "决算数":
			b.id = vocab.ColumnOf(l)
			if l == "预算数" {
				b.id = model.ColBudget
			}
			phases = append(phases, b)
		case strings.HasPrefix(l, "一般公共") || strings.HasPrefix(l, "政府性基") || strings.HasPrefix(l, "国有资本"):
			funds = append(funds, b)
		}
	}
	byX := func(cs []column) {
		sort.SliceStable(cs, func(a, b int) bool { return cs[a].x0 < cs[b].x0 })
	}
	byX(phases)
	byX(funds)
	return phases, funds
}

// expand splits every leaf into the sub-columns printed under it, in order.
func expand(leaves []leaf, subs []column, set func(l *leaf, k int, c column)) []leaf {
	m := len(subs) / len(leaves)
	var out []leaf
	for i, l := range leaves {
		for k := 0; k < m; k++ {
			n := l
			n.box = subs[i*m+k]
			set(&n, k, subs[i*m+k])
			out = append(out, n)
		}
	}
	return out
}

// setPhases names the blocks of a table whose items repeat under block labels: 预算数 and
// 决算数 in a 决算, else the block of the document's year.
func setPhases(leaves []leaf, boxes []box, ctx Context) {
	if ctx.Kind != model.KindFinal {
		return
	}
	var labels []column
	for _, b := range boxes {
		l := vocab.CleanLabel(b.label)
		if l == "预算数" || l == "决算数" || strings.HasPrefix(l, "预算数") || strings.HasPrefix(l, "决算数") {
			labels = append(labels, b)
		}
	}
	sort.SliceStable(labels, func(a, b int) bool { return labels[a].x0 < labels[b].x0 })
	for i := range leaves {
		if b := leaves[i].block; b < len(labels) && len(labels) > 1 {
			if strings.HasPrefix(vocab.CleanLabel(labels[b].label), "决算") {
				leaves[i].phase = model.ColActual
			} else {
				leaves[i].phase = model.ColBudget
			}
		}
	}
	_ = ctx
}

var reYearLabel = regexp.MustCompile(`(19|20)\d\d`)

// dataRow chooses the row a 三公 table's figures are read from: the 合计 row, else the row of
// the document's year, else the first row with amounts.
func dataRow(body []grid.Line, year int) *grid.Line {
	var first, ofYear *grid.Line
	for i := range body {
		l := &body[i]
		if !l.HasAmount() || isColumnNumbers(*l) {
			continue
		}
		texts, _ := split(*l)
		if len(texts) > 0 && isTotalText(texts) {
			return l
		}
		if len(texts) > 0 && reYearLabel.FindString(texts[0].text) == strconv.Itoa(year) && ofYear == nil {
			ofYear = l
		}
		if first == nil {
			first = l
		}
	}
	if ofYear != nil {
		return ofYear
	}
	return first
}

// columnNumberCentres returns the centres of a header's column numbers when it prints n of them.
func columnNumberCentres(header []grid.Line, n int) []float64 {
	for _, l := range header {
		if !isColumnNumbers(l) {
			continue
		}
		var out []float64
		for _, c := range l.Cells {
			for _, w := range c.Words() {
				if _, err := strconv.Atoi(w.Text); err == nil {
					out = append(out, w.Centre())
				}
			}
		}
		if len(out) == n {
			return out
		}
	}
	return nil
}

// centreCost measures an amount's centre against column centres.
func centreCost(amounts []grid.Cell, centres []float64) func(i, j int) float64 {
	return func(i, j int) float64 {
		d := amounts[i].Centre() - centres[j]
		if d < 0 {
			d = -d
		}
		return d
	}
}

// sangongTable builds the table: one row per item, the chosen block's figures, funds summed.
func (r *reader) sangongTable(leaves []leaf, block int, got map[int]grid.Cell, row grid.Line, ctx Context) {
	final := ctx.Kind == model.KindFinal
	byItem := map[string]*model.Row{}
	var order []string
	for j, l := range leaves {
		if l.block != block && l.phase == "" || l.phase == "" && final {
			if !(final && l.phase == "" && l.block == block) {
				continue
			}
		}
		col := model.ColTotal
		if final {
			col = l.phase
			if col == "" {
				col = model.ColActual
			}
		}
		m := byItem[l.item]
		if m == nil {
			m = &model.Row{Code: l.item, Name: l.box.label, Source: sourceOf(r.seg.ID, row)}
			byItem[l.item] = m
			order = append(order, l.item)
		}
		a := model.Amount{Unit: r.table.Unit, Status: model.StatusBlank}
		if c, ok := got[j]; ok {
			a = r.amount(c.Text, row.No)
		}
		if prev, ok := m.Cell(col); ok && l.fund > 0 {
			a = addAmounts(prev, a)
		}
		m.SetCell(col, a)
	}
	for _, it := range order {
		r.table.Rows = append(r.table.Rows, byItem[it])
	}
	if final {
		r.table.Columns = []string{model.ColBudget, model.ColActual}
	} else {
		r.table.Columns = []string{model.ColTotal}
	}
}

// chooseBlock picks the block of the document's year among blocks of items printed again: the
// block labelled 当年, 本年 or with the year; else the last that is no change (增减) and no
// earlier year (上年).
func chooseBlock(leaves []leaf, boxes []box, year int) int {
	n := 0
	for _, l := range leaves {
		n = max(n, l.block+1)
	}
	if n <= 1 {
		return 0
	}
	var labels []column
	for _, b := range boxes {
		if blockWord(b.label, year) != 0 {
			labels = append(labels, b)
		}
	}
	sort.SliceStable(labels, func(a, b int) bool { return labels[a].x0 < labels[b].x0 })
	if len(labels) == n {
		for k, l := range labels {
			if blockWord(l.label, year) > 0 {
				return k
			}
		}
	}
	for k := n - 1; k >= 0; k-- {
		if k >= len(labels) || len(labels) != n || blockWord(labels[k].label, year) >= 0 {
			return k
		}
	}
	return n - 1
}

// blockWord says what a block label names: 1 the document's year (当年, 本年, the year), -1 another
// year or a change (上年, 增减, 变化, 比较), 0 neither.
func blockWord(label string, year int) int {
	l := vocab.CleanRowLabel(label)
	switch {
	case strings.Contains(l, "增减") || strings.Contains(l, "变化") || strings.Contains(l, "比较") || strings.Contains(l, "上年"):
		return -1
	case strings.Contains(l, "当年") || strings.Contains(l, "本年") || strings.Contains(l, strconv.Itoa(year)+"年"):
		return 1
	case reYearLabel.MatchString(l) && strings.Contains(l, "年"):
		return -1
	}
	return 0
}

// addAmounts adds two amounts of one item printed by fund; a blank adds nothing.
func addAmounts(a, b model.Amount) model.Amount {
	switch {
	case a.IsBlank():
		return b
	case b.IsBlank():
		return a
	}
	a.Yuan = a.Yuan.Add(b.Yuan)
	a.Printed += "+" + b.Printed
	return a
}

// isVertical reports whether a 三公 table lists its items as rows.
func isVertical(body []grid.Line) bool {
	items := map[string]bool{}
	for _, l := range body {
		texts, amounts := split(l)
		if len(texts) == 0 || len(amounts) == 0 {
			continue
		}
		if it := vocab.SangongItem(joinTexts(texts)); it != "" && it != model.RowTotal {
			items[it] = true
		}
	}
	return len(items) >= 2
}

// sangongRows reads a vertical 三公 table: each row an item, its columns from the header.
func sangongRows(seg recognize.Segment, ctx Context) (*model.Table, []model.Issue) {
	t, issues := Subjects(seg, ctx)
	var rows []*model.Row
	seen := map[string]bool{}
	for _, row := range t.Rows {
		it := vocab.SangongItem(row.Name)
		if row.Code == model.RowTotal {
			it = model.RowTotal
		}
		if it == "" || seen[it] || it == "administration" {
			continue
		}
		seen[it] = true
		row.Code, row.Level = it, 0
		rows = append(rows, row)
	}
	t.Rows = rows
	return t, issues
}

// maxPlacements is how many ways of placing a row's amounts placeByIdentities tries at most.
const maxPlacements = 200000

// placeByIdentities places a 三公 row's amounts where the items' sums hold: in each block the
// total is 出国 + 车 + 接待, and 车 is 购置 + 运行. Of the placements that keep the printed order
// and break fewest sums it takes the one nearest the labels; ok is false when none holds them all.
func placeByIdentities(leaves []leaf, amounts []grid.Cell, cost func(i, j int) float64, unit model.Unit) ([]int, bool) {
	n, m := len(amounts), len(leaves)
	if n == 0 || n > m || binomial(m, n) > maxPlacements {
		return nil, false
	}
	var best []int
	bestCost := math.Inf(1)
	idx := make([]int, n)
	var walk func(i, from int)
	walk = func(i, from int) {
		if i == n {
			if !holds(leaves, amounts, idx, unit) {
				return
			}
			c := 0.0
			for a, j := range idx {
				c += cost(a, j)
			}
			if c < bestCost {
				best, bestCost = append([]int(nil), idx...), c
			}
			return
		}
		for j := from; j <= m-(n-i); j++ {
			idx[i] = j
			walk(i+1, j+1)
		}
	}
	walk(0, 0)
	return best, best != nil
}

// holds reports whether a placement keeps the 三公 sums of every block: total = 出国 + 车 + 接待
// and 车 = 购置 + 运行, within rounding.
func holds(leaves []leaf, amounts []grid.Cell, idx []int, unit model.Unit) bool {
	type key struct {
		block int
		phase string
		fund  int
		item  string
	}
	vals := map[key]decimal.Decimal{}
	for i, j := range idx {
		a, err := text.ParseAmount(amounts[i].Text, unit)
		if err != nil || a.IsBlank() {
			continue
		}
		l := leaves[j]
		vals[key{l.block, l.phase, l.fund, l.item}] = a.Yuan
	}
	tol := decimal.NewFromInt(100) // rounding of a few figures printed in 万元
	if unit == model.Yuan {
		tol = decimal.NewFromInt(3)
	}
	groups := map[key]bool{}
	for k := range vals {
		groups[key{k.block, k.phase, k.fund, ""}] = true
	}
	for g := range groups {
		get := func(item string) (decimal.Decimal, bool) {
			v, ok := vals[key{g.block, g.phase, g.fund, item}]
			return v, ok
		}
		sum := func(items ...string) decimal.Decimal {
			s := decimal.Zero
			for _, it := range items {
				if v, ok := get(it); ok {
					s = s.Add(v)
				}
			}
			return s
		}
		_, hasTotal := get(model.RowTotal)
		_, hasVehicle := get(model.RowVehicleTotal)
		_, hasPurchase := get(model.RowVehiclePurchase)
		_, hasOperation := get(model.RowVehicleOperation)
		if !hasTotal && hasLeaf(leaves, g.block, model.RowTotal) || !hasVehicle && (hasPurchase || hasOperation) && hasLeaf(leaves, g.block, model.RowVehicleTotal) {
			return false // a total is printed whenever its parts are
		}
		if t, ok := get(model.RowTotal); ok && t.Sub(sum(model.RowOverseas, model.RowVehicleTotal, model.RowReception)).Abs().GreaterThan(tol) {
			if _, has := get(model.RowVehicleTotal); has || t.Sub(sum(model.RowOverseas, model.RowVehiclePurchase, model.RowVehicleOperation, model.RowReception)).Abs().GreaterThan(tol) {
				return false
			}
		}
		if v, ok := get(model.RowVehicleTotal); ok && v.Sub(sum(model.RowVehiclePurchase, model.RowVehicleOperation)).Abs().GreaterThan(tol) {
			if _, p := get(model.RowVehiclePurchase); p {
				return false
			}
			if _, o := get(model.RowVehicleOperation); o {
				return false
			}
		}
	}
	return true
}

func binomial(n, k int) int {
	r := 1
	for i := 1; i <= k; i++ {
		r = r * (n - k + i) / i
		if r > maxPlacements {
			return r
		}
	}
	return r
}

// hasLeaf reports whether a block has a column for an item.
func hasLeaf(leaves []leaf, block int, item string) bool {
	for _, l := range leaves {
		if l.block == block && l.item == item {
			return true
		}
	}
	return false
}
