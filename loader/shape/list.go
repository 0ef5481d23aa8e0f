package shape

import (
	"sort"
	"strings"

	"budgetql/loader/grid"
	"budgetql/loader/model"
	"budgetql/loader/recognize"
	"budgetql/loader/vocab"

	"github.com/shopspring/decimal"
)

// A list is a table of rows keyed by several text columns (单位名称, 项目名称, 采购品目 …) with
// money columns named by the header: the project table (项目支出表) and the procurement table
// (政府采购预算表). Its rows may nest: a unit's row, then its projects; a class (服务), then its
// items. Only the amounts say so: a row whose total is the sum of the rows after it is their group.

// ListRow is one row of a list as read: its text by column (vocab.Form…, or the printed label of a
// column the vocabulary does not know), its model row, and its place in the nesting.
type ListRow struct {
	Keys   map[string]string
	Row    *model.Row
	Parent int  // index of the row it belongs under; -1 at the top
	Group  bool // the row sums the rows under it
	indent int  // where its name begins
}

// ListTable is a list as read.
type ListTable struct {
	Table  *model.Table
	Rows   []ListRow
	Issues []model.Issue
}

// Leaves are the rows that group no other row and are no total: a list's projects or items.
func (lt *ListTable) Leaves() []int {
	var out []int
	for i, r := range lt.Rows {
		if !r.Group && r.Row.Code != model.RowTotal {
			out = append(out, i)
		}
	}
	return out
}

// Ancestor is the topmost row over row i, or -1.
func (lt *ListTable) Ancestor(i int) int {
	top := -1
	for p := lt.Rows[i].Parent; p >= 0; p = lt.Rows[p].Parent {
		top = p
	}
	return top
}

// listRow is a row being read.
type listRow struct {
	line    grid.Line
	page    int
	texts   map[int][]cellAt // by text column of its page
	amounts []grid.Cell
	keyed   map[string]string // its text by column id
	indentX int
}

// cellAt is a piece of text and the line it was printed on.
type cellAt struct {
	text string
	line int
	x    int
}

// textColumn is a column of a list's key: its field and where its label sits.
type textColumn struct {
	id     string // vocab.Form…, else the printed label
	x0, x1 int
}

func (c textColumn) centre() float64 { return float64(c.x0+c.x1) / 2 }

// List reads a list table page by page: the header names its text and money columns; each line
// with amounts opens a row; text on the lines around a row (cells wrapped above and below it)
// belongs to the nearest row in its column.
func List(seg recognize.Segment, ctx Context) *ListTable {
	r := newReader(seg, ctx)
	var money []column
	var texts []textColumn
	var rows []*listRow
	pages := map[int]pageColumns{}
	for pi, page := range seg.Pages {
		if pi > 0 && opensPart(page) {
			break // the table ran into the next part of the document (第三部分 … 情况说明)
		}
		header, body := splitListHeader(page, seg.ID)
		pageMoney, pageTexts := money, texts
		if m := listMoney(header, seg.ID); named(m) {
			pageMoney, pageTexts = m, textColumns(header, m)
		}
		if len(pageMoney) == 0 {
			continue
		}
		pr := keyedRows(readListPage(body, pi, keyEdge(pageMoney), pageTexts), pageTexts)
		if len(pr) == 0 {
			continue // no row: a page of something else the table ran into, or of goals only
		}
		money, texts = pageMoney, pageTexts
		rows = append(rows, pr...)
		raw := make([]*rawRow, len(pr))
		for i, x := range pr {
			raw[i] = &rawRow{amounts: x.amounts}
		}
		data := dataColumns(raw)
		pages[pi] = pageColumns{data: data, ids: firstOfEach(nameColumns(data, money))}
		for _, c := range money {
			if c.id != "" && !contains(r.table.Columns, c.id) {
				r.table.Columns = append(r.table.Columns, c.id)
			}
		}
	}
	lt := &ListTable{Table: r.table}
	if len(rows) == 0 {
		r.table.Empty = true
		lt.Issues = r.issues
		return lt
	}
	for _, x := range rows {
		keys := x.keyed
		raw := &rawRow{key: key{name: rowName(keys)}, src: x.line, amounts: x.amounts, page: x.page}
		code := codeOf{code: keys[vocab.FormProjectCode]}
		raw.total = isTotalKey(keys) || isTotalLine(x.line)
		n := len(r.table.Rows)
		r.addRow(raw, code, pages[x.page])
		if len(r.table.Rows) == n {
			continue
		}
		row := r.table.Rows[n]
		row.Unit = keys[vocab.FormUnitName]
		lt.Rows = append(lt.Rows, ListRow{Keys: keys, Row: row, Parent: -1, indent: x.indentX})
	}
	nest(lt)
	lt.Issues = r.issues
	return lt
}

// opensPart reports whether a page begins a part of the document: a heading 第…部分, or one that
// announces the prose (…情况说明).
func opensPart(page []grid.Line) bool {
	for _, l := range page {
		c := l.Compact()
		if strings.HasPrefix(c, "第") && strings.Contains(c, "部分") && len([]rune(c)) < 40 ||
			strings.HasSuffix(c, "情况说明") && vocab.StartsWithNumbering(c) {
			return true
		}
	}
	return false
}

// named reports whether some money column has a meaning: a header, not wrapped text above the
// first row of a page that prints none.
func named(money []column) bool {
	for _, m := range money {
		if m.id != "" {
			return true
		}
	}
	return false
}

// keyedRows are the rows that print some key (amounts with none belong to something else the
// table ran into), each with its key and indent by the page's text columns.
func keyedRows(rows []*listRow, texts []textColumn) []*listRow {
	var out []*listRow
	for _, x := range rows {
		x.keyed, x.indentX = x.keys(texts), x.indent(texts)
		if len(x.keyed) > 0 {
			out = append(out, x)
		}
	}
	return out
}

// isTotalLine reports whether the text a row's line prints before its amounts reads 合计, spaced
// out across columns ("合   计").
func isTotalLine(l grid.Line) bool {
	var b strings.Builder
	for _, c := range l.Cells {
		if isMoney(c) {
			break
		}
		b.WriteString(grid.Compact(c.Text))
	}
	return vocab.IsTotalLabel(strings.TrimLeft(b.String(), "0123456789"))
}

// isTotalKey reports whether a row's text says it is the list's total (合计), perhaps after a
// count printed in a column of its own.
func isTotalKey(keys map[string]string) bool {
	for _, v := range keys {
		if vocab.IsTotalLabel(strings.TrimLeft(grid.Compact(v), "0123456789")) {
			return true
		}
	}
	return false
}

// firstOfEach leaves out a column id named again: where a header's labels repeat a meaning
// (总计, then 合计 under 财政拨款), the first is the row's.
func firstOfEach(ids []string) []string {
	seen := map[string]bool{}
	for i, id := range ids {
		if seen[id] {
			ids[i] = ""
		}
		seen[id] = true
	}
	return ids
}

// rowName is the text that names a row: its project, else its category, else its unit, else all
// its text.
func rowName(keys map[string]string) string {
	for _, id := range []string{vocab.FormProjectName, vocab.FormCategory, vocab.FormUnitName} {
		if keys[id] != "" {
			return keys[id]
		}
	}
	var all []string
	for k, v := range keys {
		if k != vocab.FormProjectCode && k != vocab.FormGoal && k != vocab.FormIgnore {
			all = append(all, v)
		}
	}
	sort.Strings(all)
	return strings.Join(all, "")
}

// splitListHeader splits a page into its header and body, which begins with the first amount,
// and leaves out the header's captions (单位：…, 部门：…). Lines in the key's columns between the last labelled header line and the
// first row are a row's name wrapped above its amounts, not header.
func splitListHeader(page []grid.Line, id model.TableID) (header, body []grid.Line) {
	header, body = page, nil
	for i, l := range page {
		if l.HasAmount() && !isColumnNumbers(l) {
			header, body = page[:i], page[i:]
			break
		}
	}
	header = withoutCaptions(header)
	money := listMoney(header, id)
	n := len(header)
	for n > 0 && !isLabelled(header[n-1]) && !underMoney(header[n-1], money) {
		n--
	}
	if n == len(header) {
		return header, body
	}
	return header[:n], page[len(page)-len(body)-(len(header)-n):]
}

// withoutCaptions are header lines without the cells that caption the table ("单位：万元",
// "部门：无锡市发展和改革委员会").
func withoutCaptions(header []grid.Line) []grid.Line {
	out := make([]grid.Line, len(header))
	for i, l := range header {
		out[i] = l
		out[i].Cells = nil
		for _, c := range l.Cells {
			if !strings.ContainsAny(c.Text, ":：") {
				out[i].Cells = append(out[i].Cells, c)
			}
		}
	}
	return out
}

// underMoney reports whether a line prints text under the money columns (a header's label
// pieces do; a row's name, left of them, or its goal, right of them, does not).
func underMoney(l grid.Line, money []column) bool {
	lo, hi := keyEdge(money), 0
	for _, m := range money {
		hi = max(hi, m.x1)
	}
	for _, c := range l.Cells {
		if c.X1 > lo && c.X0 < hi+2 {
			return true
		}
	}
	return false
}

// isLabelled reports whether a line holds a word the vocabulary knows as a column label, or a
// unit or title line: header, not a wrapped name.
func isLabelled(l grid.Line) bool {
	if len(l.Cells) == 0 {
		return false
	}
	if vocab.UnitOf(l.Text) != "" || isColumnNumbers(l) {
		return true
	}
	for _, w := range headerWords(l) {
		if vocab.ColumnOf(w.Text) != "" || vocab.FormColumnOf(w.Text) != "" || strings.ContainsAny(w.Text, ":：") {
			return true
		}
	}
	return false
}

// listMoney are the header's money columns, less the labels of text columns that moneyColumns
// keeps for their place (项目类别 …).
func listMoney(header []grid.Line, id model.TableID) []column {
	var out []column
	total := false
	for _, c := range moneyColumns(header, id) {
		total = total || c.id == model.ColTotal
		if !isTextLabel(c.label) {
			out = append(out, c)
		}
	}
	for i := range out {
		l := vocab.CleanLabel(out[i].label)
		if c := &out[i]; !total && c.id == "" && (vocab.FormColumnOf(l) == vocab.FormFunds ||
			strings.HasSuffix(l, "总计") || strings.HasSuffix(l, "合计")) {
			c.id, total = model.ColTotal, true // 项目金额, or 总计 run into a spaced-out label: the row's amount
		}
	}
	return out
}

// isTextLabel reports whether a label heads a column of text: a key of the row (项目名称, 单位名称,
// 采购品目 …), its goal or a note.
func isTextLabel(label string) bool {
	switch vocab.FormColumnOf(label) {
	case vocab.FormProjectName, vocab.FormProjectCode, vocab.FormUnitName, vocab.FormCategory, vocab.FormClass,
		vocab.FormDepartment, vocab.FormGoal, vocab.FormIgnore:
		return true
	}
	return vocab.ColumnOf(label) == vocab.ColKey
}

// textColumns are the header's labels that head no money column: the key's columns.
func textColumns(header []grid.Line, money []column) []textColumn {
	var out []textColumn
	for _, b := range stackWords(header) {
		if strings.ContainsAny(b.label, ":：") || !isTextLabel(b.label) && isMoneyBox(b, money) {
			continue
		}
		id := vocab.FormColumnOf(b.label)
		if id == "" {
			id = vocab.CleanLabel(b.label)
		}
		out = append(out, textColumn{id: id, x0: b.x0, x1: b.x1})
	}
	return withoutFragments(out)
}

// withoutFragments leaves out the unknown labels that stand under or over a known one: pieces of
// a wrapped label ("位）" under "支出项目类别（资金使用单"), not columns.
func withoutFragments(cols []textColumn) []textColumn {
	var out []textColumn
	for _, c := range cols {
		piece := false
		if !isKnownText(c.id) {
			for _, k := range cols {
				piece = piece || isKnownText(k.id) && c.x0 < k.x1 && c.x1 > k.x0
			}
		}
		if !piece {
			out = append(out, c)
		}
	}
	return out
}

func isKnownText(id string) bool { return vocab.IsFormColumn(id) }

func isMoneyBox(b box, money []column) bool {
	for _, m := range money {
		if m.x0 == b.x0 && m.x1 == b.x1 && m.label == b.label {
			return true
		}
	}
	return b.id != "" && b.id != vocab.ColKey && b.id != vocab.ColIgnore || b.x0 >= keyEdge(money)
}

// readListPage reads one page's body into rows.
func readListPage(body []grid.Line, page, edge int, cols []textColumn) []*listRow {
	var rows []*listRow
	type frag struct {
		col  int
		text cellAt
	}
	var loose []frag
	for _, l := range body {
		if len(l.Cells) == 0 || isColumnNumbers(l) || isNote(l) || isLabelled(l) && !l.HasAmount() {
			continue
		}
		texts, amounts := splitList(l, edge)
		if !anyAmount(amounts) {
			amounts = nil
		}
		var row *listRow
		if len(amounts) > 0 {
			row = &listRow{line: l, page: page, texts: map[int][]cellAt{}, amounts: amounts}
			rows = append(rows, row)
		}
		for _, t := range wordsOf(texts) {
			c := nearestText(t, cols)
			if c < 0 {
				continue
			}
			if row != nil {
				row.texts[c] = append(row.texts[c], cellAt{t.text, l.No, t.x0})
			} else {
				loose = append(loose, frag{c, cellAt{t.text, l.No, t.x0}})
			}
		}
	}
	for _, f := range loose { // in line order
		if r := rowOf(rows, f.col, f.text.line); r != nil {
			r.texts[f.col] = append(r.texts[f.col], f.text)
		}
	}
	return rows
}

// rowOf is the row a wrapped piece of text in column col belongs to. A cell is centred on its
// row's amounts: the row above takes as many pieces below its line as it has above, when no
// farther than the row below; the rest go to the nearest row, the one below when both are as near.
func rowOf(rows []*listRow, col, line int) *listRow {
	var above, below *listRow
	for _, r := range rows {
		if r.line.No < line {
			above = r
		} else if below == nil {
			below = r
		}
	}
	if above != nil && above.wants(col) && (below == nil || line-above.line.No <= below.line.No-line) {
		return above
	}
	switch {
	case above == nil:
		return below
	case below == nil || line-above.line.No < below.line.No-line:
		return above
	}
	return below
}

// wants reports whether a row's text in a column has more pieces above its line than below.
func (r *listRow) wants(col int) bool {
	n := 0
	for _, t := range r.texts[col] {
		switch {
		case t.line < r.line.No:
			n++
		case t.line > r.line.No:
			n--
		}
	}
	return n > 0
}

// splitList divides a line of a list into its text and its amounts: money cells from the edge
// where the money columns begin (left of it, digits are codes); text anywhere, a goal printed
// right of the amounts too.
func splitList(l grid.Line, edge int) (texts []cellText, amounts []grid.Cell) {
	for _, c := range l.Cells {
		if isMoney(c) && (c.X1 > edge || !isCodeLike(c.Text)) {
			amounts = append(amounts, c)
			continue
		}
		texts = append(texts, cellText{c.Text, c.X0, c.X1})
	}
	return texts, amounts
}

// wordsOf splits text cells at their single spaces: in a list, one space may be all that parts
// two columns ("其他商品和服 其他会议、展览、住宿").
func wordsOf(texts []cellText) []cellText {
	var out []cellText
	for _, t := range texts {
		for _, w := range (grid.Cell{Text: t.text, X0: t.x0, X1: t.x1}).Words() {
			out = append(out, cellText{w.Text, w.X0, w.X1})
		}
	}
	return out
}

func anyAmount(cells []grid.Cell) bool {
	for _, c := range cells {
		if c.IsAmount() {
			return true
		}
	}
	return false
}

// nearestText is the text column a piece of text falls in: the label it overlaps most, else the
// nearest.
func nearestText(t cellText, cols []textColumn) int {
	best, over, dist := -1, 0, 0.0
	centre := float64(t.x0+t.x1) / 2
	for i, c := range cols {
		o := min(t.x1, c.x1) - max(t.x0, c.x0)
		d := centre - c.centre()
		if d < 0 {
			d = -d
		}
		if best < 0 || o > over || o == over && o <= 0 && d < dist {
			best, over, dist = i, o, d
		}
	}
	return best
}

// indent is where the row's name begins: the furthest right its pieces begin (a wrapped name
// goes on at the column's left edge, under an indented first line).
func (r *listRow) indent(cols []textColumn) int {
	for c, col := range cols {
		if col.id != vocab.FormProjectName && col.id != vocab.FormCategory {
			continue
		}
		if ts := r.texts[c]; len(ts) > 0 {
			x := -1
			for _, t := range ts {
				x = max(x, t.x)
			}
			return x
		}
	}
	return -1
}

// keys joins each column's pieces in line order.
func (r *listRow) keys(cols []textColumn) map[string]string {
	out := map[string]string{}
	for c := range cols {
		ts := r.texts[c]
		if len(ts) == 0 {
			continue
		}
		sort.SliceStable(ts, func(i, j int) bool { return ts[i].line < ts[j].line })
		var b strings.Builder
		for _, t := range ts {
			b.WriteString(t.text)
		}
		out[cols[c].id] += strings.TrimSpace(b.String())
	}
	return out
}

// nest finds the groups of a list. Where the rows other than the total add up to it, the list is
// flat. Else the rows nest: by their names' indent where the list indents them (a unit, its
// projects further right) and the sums bear it out; else by the sums alone, a row whose total is
// the sum of the rows that follow it (each perhaps a group of its own) grouping them: a class over
// its items, a 一级 project over its 二级 projects. A group of one row counts only where without
// such groups the list does not add up to its total.
func nest(lt *ListTable) {
	rows := lt.Rows
	s := sums{amount: make([]decimal.Decimal, len(rows)), tol: make([]decimal.Decimal, len(rows)), grand: -1}
	sum, sumTol := decimal.Zero, decimal.Zero
	for i, r := range rows {
		a, ok := rowTotal(r.Row)
		if !ok {
			return
		}
		s.amount[i], s.tol[i] = a.Yuan, halfStep(a)
		if r.Row.Code == model.RowTotal {
			if s.grand < 0 {
				s.grand = i
			}
			continue
		}
		sum, sumTol = sum.Add(a.Yuan), sumTol.Add(s.tol[i])
	}
	if s.grand >= 0 && sum.Sub(s.amount[s.grand]).Abs().LessThanOrEqual(sumTol) {
		return
	}
	if parents, ok := byIndent(rows); ok && s.mostlyBears(rows, parents) {
		s.apply(rows, parents)
		return
	}
	for _, kids := range []int{2, 1} {
		n := &nester{rows: rows, sums: s, end: make([]int, len(rows)), kids: kids}
		parents := n.parents()
		if s.grand < 0 && kids == 2 || s.bears(rows, parents) {
			s.apply(rows, parents)
			return
		}
		if s.grand < 0 {
			return
		}
	}
}

// sums are the rows' totals and how far each may be from the sum of its parts.
type sums struct {
	amount, tol []decimal.Decimal
	grand       int // the total row, -1 when none
}

// bears reports whether a nesting adds up: each group is the sum of the rows under it, and the
// total (when printed) the sum of the rows at the top.
func (s sums) bears(rows []ListRow, parents []int) bool {
	n := len(rows)
	sum, tol := make([]decimal.Decimal, n+1), make([]decimal.Decimal, n+1)
	kids := make([]int, n+1)
	for i, p := range parents {
		if i == s.grand {
			continue
		}
		if p < 0 {
			p = n
		}
		sum[p], tol[p], kids[p] = sum[p].Add(s.amount[i]), tol[p].Add(s.tol[i]), kids[p]+1
	}
	for i := 0; i < n; i++ {
		if kids[i] > 0 && sum[i].Sub(s.amount[i]).Abs().GreaterThan(tol[i]) {
			return false
		}
	}
	return s.grand < 0 || sum[n].Sub(s.amount[s.grand]).Abs().LessThanOrEqual(tol[n])
}

// mostlyBears reports whether a nesting by indent adds up at the top, or in most of its groups:
// a row misread must not undo what the indents show.
func (s sums) mostlyBears(rows []ListRow, parents []int) bool {
	if s.bears(rows, parents) {
		return true
	}
	if s.grand >= 0 {
		top, tol := decimal.Zero, decimal.Zero
		for i, p := range parents {
			if p < 0 && i != s.grand {
				top, tol = top.Add(s.amount[i]), tol.Add(s.tol[i])
			}
		}
		if top.Sub(s.amount[s.grand]).Abs().LessThanOrEqual(tol) {
			return true
		}
	}
	groups, good := 0, 0
	for g := range rows {
		var kids []int
		for i, p := range parents {
			if p == g {
				kids = append(kids, i)
			}
		}
		if len(kids) == 0 {
			continue
		}
		groups++
		sum, tol := decimal.Zero, decimal.Zero
		for _, i := range kids {
			sum, tol = sum.Add(s.amount[i]), tol.Add(s.tol[i])
		}
		if sum.Sub(s.amount[g]).Abs().LessThanOrEqual(tol) {
			good++
		}
	}
	return groups > 0 && 3*good >= 2*groups
}

func (s sums) apply(rows []ListRow, parents []int) {
	for i := range rows {
		rows[i].Parent, rows[i].Group = parents[i], false
	}
	for i, p := range parents {
		if p >= 0 && i != s.grand {
			rows[p].Group = true
		}
	}
}

// byIndent nests rows by where their names begin: a row whose name begins at the list's left edge
// heads the rows after it that begin further right. (Pages shift a column's text by a few places,
// so only the edge counts.) ok is false where the names do not indent.
func byIndent(rows []ListRow) (parents []int, ok bool) {
	edge := -1
	for _, r := range rows {
		if r.Row.Code != model.RowTotal && r.indent >= 0 && (edge < 0 || r.indent < edge) {
			edge = r.indent
		}
	}
	parents = make([]int, len(rows))
	head := -1
	for i, r := range rows {
		parents[i] = -1
		switch {
		case r.Row.Code == model.RowTotal || r.indent < 0:
		case r.indent <= edge+1:
			head = i
		case head >= 0:
			parents[i], ok = head, true
		}
	}
	return parents, ok
}

// nester finds each row's subtree by the sums, once: it depends only on the rows from it on.
type nester struct {
	rows []ListRow
	sums
	end  []int // one past a row's subtree; 0 until found
	kids int   // the fewest rows a group holds
}

// parents nests every row.
func (n *nester) parents() []int {
	parents := make([]int, len(n.rows))
	for i := range parents {
		parents[i] = -1
	}
	for i := 0; i < len(n.rows); {
		if i == n.grand {
			i++
			continue
		}
		i = n.node(i, parents)
	}
	return parents
}

// node finds the subtree at row i, sets the parents within it and returns where it ends.
func (n *nester) node(i int, parents []int) int {
	if n.end[i] == 0 {
		n.end[i] = i + 1
		sum, tol := decimal.Zero, decimal.Zero
		j, k := i+1, 0
		for j < len(n.rows) && j != n.grand && sum.Add(tol).LessThan(n.amount[i]) {
			sum, tol = sum.Add(n.amount[j]), tol.Add(n.tol[j])
			j, k = n.node(j, parents), k+1
		}
		if k >= n.kids && sum.Sub(n.amount[i]).Abs().LessThanOrEqual(tol) {
			n.end[i] = j
		}
	}
	for j := i + 1; j < n.end[i]; j = n.end[j] {
		parents[j] = i
		n.node(j, parents)
	}
	return n.end[i]
}

// rowTotal is a row's total: its 合计 column, else its first printed amount.
func rowTotal(r *model.Row) (model.Amount, bool) {
	if a, ok := r.Cell(model.ColTotal); ok && !a.IsBlank() {
		return a, true
	}
	for _, c := range r.Cells {
		if !c.IsBlank() {
			return c.Amount, true
		}
	}
	return model.Amount{}, false
}

// halfStep is half the value of an amount's last printed digit, in yuan: how far a printed
// figure may lie from the sum of the figures it rounds.
func halfStep(a model.Amount) decimal.Decimal {
	p := strings.ReplaceAll(a.Printed, ",", "")
	dec := 0
	if i := strings.IndexByte(p, '.'); i >= 0 {
		dec = len(p) - i - 1
	}
	step := decimal.New(1, int32(-dec))
	if a.Unit == model.TenThous {
		step = step.Mul(decimal.NewFromInt(10000))
	}
	return step.Div(decimal.NewFromInt(2))
}
