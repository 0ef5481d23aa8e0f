package check

import (
	"budgetql/loader/model"
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// treeIdentities: every subject row = Σ its children per column (类 = Σ款, 款 = Σ项; economic 类 =
// Σ款; unit rows 016 = Σ 016001…), and the 合计 row = Σ the top-level rows. A child is a row whose
// code extends the parent's by the next code length present under it, so a level the table leaves
// out is skipped, not counted as missing.
func treeIdentities(tab *model.Table) []*identity {
	tree := newSubjectTree(tab)
	cols := tableColumns(tab)
	var ids []*identity
	for j, r := range tree.rows {
		if kids := tree.kids[tree.at[j]]; len(kids) > 0 {
			ids = append(ids, treeSums(tab, r, kids, cols)...)
		}
	}
	if total := tab.Row(model.RowTotal); total != nil && len(tree.top) > 0 {
		ids = append(ids, treeSums(tab, total, tree.top, cols)...)
	}
	if tab.ID == model.TableGPBEconomic {
		ids = append(ids, economicSideTotals(tab, tree.top)...)
	}
	return ids
}

// subjectTree links a table's subject rows (all-digit codes) to their children.
type subjectTree struct {
	rows   []*model.Row   // document order, first row of each code
	at     []int32        // at[j] is rows[j]'s index in sorted
	sorted []*model.Row   // by code: a code's descendants follow it
	kids   [][]*model.Row // kids[i] are sorted[i]'s children, in document order
	top    []*model.Row   // rows with no parent, document order
}

func newSubjectTree(tab *model.Table) *subjectTree {
	t := &subjectTree{}
	t.rows, t.at, t.sorted = firstByCode(tab)
	t.kids = make([][]*model.Row, len(t.sorted))
	isTop := make([]bool, len(t.sorted))
	kids := make([]*model.Row, 0, len(t.sorted)) // a row is the child of one row at most
	open := make([]string, 0, 8)
	for i, r := range t.sorted {
		for len(open) > 0 && !strings.HasPrefix(r.Code, open[len(open)-1]) {
			open = open[:len(open)-1]
		}
		isTop[i] = len(open) == 0
		open = append(open, r.Code)
		start := len(kids)
		kids = appendNextLevel(kids, t.sorted[i+1:], r.Code)
		if len(kids) > start {
			t.kids[i] = kids[start:len(kids):len(kids)]
		}
	}
	for j, r := range t.rows {
		if isTop[t.at[j]] {
			t.top = append(t.top, r)
		}
	}
	return t
}

// firstByCode lists the first row of each subject code in document order, with each one's index
// in the same rows sorted by code.
func firstByCode(tab *model.Table) (rows []*model.Row, at []int32, sorted []*model.Row) {
	digits := make([]*model.Row, 0, len(tab.Rows))
	for _, r := range tab.Rows {
		if allDigits(r.Code) {
			digits = append(digits, r)
		}
	}
	order := make([]int32, len(digits)) // by code; a code's first row first
	for j := range order {
		order[j] = int32(j)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return strings.Compare(digits[a].Code, digits[b].Code) })
	pos := make([]int32, len(digits)) // index in sorted, -1 for a code met before
	sorted = make([]*model.Row, 0, len(digits))
	for k, j := range order {
		if k > 0 && digits[j].Code == digits[order[k-1]].Code {
			pos[j] = -1
			continue
		}
		pos[j] = int32(len(sorted))
		sorted = append(sorted, digits[j])
	}
	rows = make([]*model.Row, 0, len(sorted))
	at = make([]int32, 0, len(sorted))
	for j, r := range digits {
		if pos[j] >= 0 {
			rows, at = append(rows, r), append(at, pos[j])
		}
	}
	return rows, at, sorted
}

// appendNextLevel appends, from the rows sorted after code, those under code at the next code
// length present below it, in document order.
func appendNextLevel(out, after []*model.Row, code string) []*model.Row {
	next := 0
	n := 0
	for ; n < len(after) && strings.HasPrefix(after[n].Code, code); n++ {
		if next == 0 || len(after[n].Code) < next {
			next = len(after[n].Code)
		}
	}
	start := len(out)
	for _, r := range after[:n] {
		if len(r.Code) == next {
			out = append(out, r)
		}
	}
	slices.SortStableFunc(out[start:], func(a, b *model.Row) int { return cmp.Compare(a.Source.Line, b.Source.Line) })
	return out
}

// leaves counts the rows under code (itself included) that have no children, at least 1.
func (t *subjectTree) leaves(code string) int {
	n := 0
	for i, r := range t.sorted {
		if strings.HasPrefix(r.Code, code) && len(t.kids[i]) == 0 {
			n++
		}
	}
	return max(n, 1)
}

// treeSums builds parent = Σ kids for each column the parent prints: id tree:<table>:<code>:<col>,
// rule "<table>: <code name> [<col>] = Σ <children>".
func treeSums(tab *model.Table, parent *model.Row, kids []*model.Row, cols []string) []*identity {
	var ids []*identity
	for _, col := range cols {
		if !hasCell(parent, col) {
			continue
		}
		terms := make([]term, 0, 1+len(kids))
		terms = append(terms, cellTerm(tab, parent, col))
		for _, k := range kids {
			terms = append(terms, cellTerm(tab, k, col))
		}
		ids = append(ids, &identity{
			id:    "tree:" + string(tab.ID) + ":" + parent.Code + ":" + col,
			rule:  string(tab.ID) + ": " + codeName(parent) + " [" + col + "] = Σ " + rowList(kids),
			table: tab.ID, terms: terms})
	}
	return ids
}

// codeName is a row's code and name, e.g. "221 住房保障支出".
func codeName(r *model.Row) string { return strings.TrimSpace(r.Code + " " + r.Name) }

// rowList names rows by code: joined by " + ", or the first and last of more than 6.
func rowList(rows []*model.Row) string {
	if len(rows) > 6 {
		return fmt.Sprintf("%d rows %s … %s", len(rows), rows[0].Code, rows[len(rows)-1].Code)
	}
	codes := make([]string, len(rows))
	for i, r := range rows {
		codes[i] = r.Code
	}
	return strings.Join(codes, " + ")
}

// economicSideTotals: 人员经费合计 = Σ classes' 人员经费, 公用经费合计 = Σ classes' 公用经费 (决算 tables
// print these rows instead of one 合计).
func economicSideTotals(tab *model.Table, top []*model.Row) []*identity {
	var ids []*identity
	for _, side := range []struct{ row, col string }{{model.RowPersonnelTotal, model.ColPersonnel}, {model.RowPublicUseTotal, model.ColPublicUse}} {
		r := tab.Row(side.row)
		if r == nil || len(top) == 0 {
			continue
		}
		want := cellTerm(tab, r, model.ColTotal)
		if want.amt == nil {
			want = cellTerm(tab, r, side.col)
		}
		var parts []term
		for _, k := range top {
			parts = append(parts, cellTerm(tab, k, side.col))
		}
		id := sumOf(fmt.Sprintf("tree:%s:%s", tab.ID, side.row), tab.ID, want, parts)
		id.rule = fmt.Sprintf("%s: %s = Σ classes [%s]", tab.ID, r.Name, side.col)
		ids = append(ids, id)
	}
	return ids
}

// rowIdentities: 合计 = 基本 + 项目; 基本 = 人员经费 + 公用经费; income 合计 = Σ sources (本年收入
// 小计 = Σ this year's sources, 上年结转 小计 = Σ its parts, where printed); an appropriation class's
// 合计 = Σ its fund columns.
func rowIdentities(tab *model.Table) []*identity {
	var ids []*identity
	for _, r := range tab.Rows {
		switch tab.ID {
		case model.TableExpenditure, model.TableGPBFunction, model.TableGovFund, model.TableStateCapital:
			ids = appendRowSum(ids, tab, r, "basic_project", model.ColTotal, basicProjectCols)
			ids = appendRowSum(ids, tab, r, "basic_split", model.ColBasic, personnelPublicCols)
		case model.TableGPBEconomic:
			ids = appendRowSum(ids, tab, r, "personnel_public", model.ColTotal, personnelPublicCols)
		case model.TableIncome:
			sources := rowSources(r) // the last is the carry-over
			ids = appendRowSum(ids, tab, r, "sources", model.ColTotal, sources)
			ids = appendRowSum(ids, tab, r, "current", model.RowIncomeCurrent, sources[:len(sources)-1])
			ids = appendRowSum(ids, tab, r, "carryover", model.ColCarryover, prefixedColumns(r, model.ColCarryover+"_"))
		case model.TableAppropriation:
			ids = appendRowSum(ids, tab, r, "funds", model.ColTotal, fundCols)
		}
	}
	return ids
}

// The columns row sums add.
var (
	basicProjectCols    = append([]string{model.ColBasic, model.ColProject}, expenditureExtras...)
	personnelPublicCols = []string{model.ColPersonnel, model.ColPublicUse}
	fundCols            = []string{model.ColGeneralPublic, model.ColGovFund, model.ColStateCapital}
)

// rowSources lists the source columns a row prints, leaving out 财政拨款's parts when 财政拨款 is
// printed.
func rowSources(r *model.Row) []string {
	if hasCell(r, model.ColFiscal) {
		return rowSourcesFiscal
	}
	return rowSourcesAll
}

var (
	rowSourcesAll    = append(incomeSources[:len(incomeSources):len(incomeSources)], model.ColCarryover)
	rowSourcesFiscal = func() (out []string) {
		for _, s := range rowSourcesAll {
			if !fiscalChildren[s] {
				out = append(out, s)
			}
		}
		return out
	}()
)

// prefixedColumns lists the row's columns that start with prefix (the parts of a subtotal column,
// e.g. carryover_general_public_budget under carryover).
func prefixedColumns(r *model.Row, prefix string) []string {
	var out []string
	for _, c := range r.Cells {
		if strings.HasPrefix(c.Column, prefix) {
			out = append(out, c.Column)
		}
	}
	return out
}

// appendRowSum adds want = Σ cols for a row that prints want and at least one of cols: id
// row:<table>:<code>:<name>, rule "<table>: <code name> [<want>] = <the cols printed>". A column
// the row does not print is an absent term.
func appendRowSum(ids []*identity, tab *model.Table, r *model.Row, name, want string, cols []string) []*identity {
	if !hasCell(r, want) {
		return ids
	}
	var printed []string
	terms := make([]term, 0, 1+len(cols))
	terms = append(terms, cellTerm(tab, r, want))
	for _, c := range cols {
		t := cellTerm(tab, r, c)
		if t.amt != nil {
			printed = append(printed, c)
		}
		terms = append(terms, t)
	}
	if len(printed) == 0 {
		return ids
	}
	if name == "basic_project" && !hasCell(r, model.ColBasic) && !hasCell(r, model.ColProject) {
		return ids // a table of spending by source, not by kind: its 经营收入 is no 经营支出
	}
	return append(ids, &identity{
		id:    rowSumID(tab, r, name),
		rule:  string(tab.ID) + ": " + codeName(r) + " [" + want + "] = " + strings.Join(printed, " + "),
		table: tab.ID, terms: terms})
}
