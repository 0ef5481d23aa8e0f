package loader

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// treeIdentities: every subject row = Σ its children per column (类 = Σ款, 款 = Σ项; economic 类 =
// Σ款; unit rows 016 = Σ 016001…), and the 合计 row = Σ the top-level rows. A child is a row whose
// code extends the parent's by the next code length present under it, so a level the table leaves
// out is skipped, not counted as missing.
func treeIdentities(pool *identityPool, tab *Table) []*identity {
	tree := newSubjectTree(tab)
	cols := tableColumns(tab)
	var ids []*identity
	for _, r := range tree.rows {
		if kids := tree.kids[r.Code]; len(kids) > 0 {
			ids = treeSums(ids, pool, tab, r, kids, cols)
		}
	}
	if total := tab.Row(RowTotal); total != nil && len(tree.top) > 0 {
		ids = treeSums(ids, pool, tab, total, tree.top, cols)
	}
	if tab.ID == TableGPBEconomic {
		ids = append(ids, economicSideTotals(tab, tree.top)...)
	}
	return ids
}

// subjectTree links a table's subject rows (all-digit codes) to their children.
type subjectTree struct {
	rows   []*Row            // document order, first row of each code
	sorted []*Row            // by code: a code's descendants follow it
	kids   map[string][]*Row // children in document order
	top    []*Row            // rows with no parent, document order
}

func newSubjectTree(tab *Table) *subjectTree {
	t := &subjectTree{kids: make(map[string][]*Row, len(tab.Rows))}
	seen := make(map[string]bool, len(tab.Rows))
	for _, r := range tab.Rows {
		if allDigits(r.Code) && !seen[r.Code] {
			seen[r.Code] = true
			t.rows = append(t.rows, r)
		}
	}
	t.sorted = append([]*Row(nil), t.rows...)
	slices.SortStableFunc(t.sorted, func(a, b *Row) int { return strings.Compare(a.Code, b.Code) })
	isTop := make(map[string]bool, len(t.sorted))
	var open []string
	for i, r := range t.sorted {
		for len(open) > 0 && !strings.HasPrefix(r.Code, open[len(open)-1]) {
			open = open[:len(open)-1]
		}
		isTop[r.Code] = len(open) == 0
		open = append(open, r.Code)
		t.kids[r.Code] = nextLevel(t.sorted[i+1:], r.Code)
	}
	for _, r := range t.rows {
		if isTop[r.Code] {
			t.top = append(t.top, r)
		}
	}
	return t
}

// nextLevel returns, from the rows sorted after code, those under code at the next code length
// present below it, in document order.
func nextLevel(after []*Row, code string) []*Row {
	next := 0
	n := 0
	for ; n < len(after) && strings.HasPrefix(after[n].Code, code); n++ {
		if next == 0 || len(after[n].Code) < next {
			next = len(after[n].Code)
		}
	}
	var out []*Row
	for _, r := range after[:n] {
		if len(r.Code) == next {
			out = append(out, r)
		}
	}
	slices.SortStableFunc(out, func(a, b *Row) int { return cmp.Compare(a.Source.Line, b.Source.Line) })
	return out
}

// leaves counts the rows under code (itself included) that have no children, at least 1.
func (t *subjectTree) leaves(code string) int {
	n := 0
	for _, r := range t.sorted {
		if strings.HasPrefix(r.Code, code) && len(t.kids[r.Code]) == 0 {
			n++
		}
	}
	return max(n, 1)
}

// treeSums builds parent = Σ kids for each column the parent prints.
func treeSums(ids []*identity, pool *identityPool, tab *Table, parent *Row, kids []*Row, cols []string) []*identity {
	for _, col := range cols {
		if hasCell(parent, col) {
			ids = append(ids, pool.add(identity{shape: treeSum, table: tab.ID, row: parent, col: col, rows: kids}))
		}
	}
	return ids
}

// economicSideTotals: 人员经费合计 = Σ classes' 人员经费, 公用经费合计 = Σ classes' 公用经费 (决算 tables
// print these rows instead of one 合计).
func economicSideTotals(tab *Table, top []*Row) []*identity {
	var ids []*identity
	for _, side := range []struct{ row, col string }{{RowPersonnelTotal, ColPersonnel}, {RowPublicUseTotal, ColPublicUse}} {
		r := tab.Row(side.row)
		if r == nil || len(top) == 0 {
			continue
		}
		want := cellTerm(tab, r, ColTotal)
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
func rowIdentities(pool *identityPool, tab *Table) []*identity {
	var ids []*identity
	for _, r := range tab.Rows {
		switch tab.ID {
		case TableExpenditure, TableGPBFunction, TableGovFund, TableStateCapital:
			ids = appendRowSum(ids, pool, tab, r, "basic_project", ColTotal, basicProjectCols)
			ids = appendRowSum(ids, pool, tab, r, "basic_split", ColBasic, personnelPublicCols)
		case TableGPBEconomic:
			ids = appendRowSum(ids, pool, tab, r, "personnel_public", ColTotal, personnelPublicCols)
		case TableIncome:
			sources := rowSources(r) // the last is the carry-over
			ids = appendRowSum(ids, pool, tab, r, "sources", ColTotal, sources)
			ids = appendRowSum(ids, pool, tab, r, "current", RowIncomeCurrent, sources[:len(sources)-1])
			ids = appendRowSum(ids, pool, tab, r, "carryover", ColCarryover, prefixedColumns(r, ColCarryover+"_"))
		case TableAppropriation:
			ids = appendRowSum(ids, pool, tab, r, "funds", ColTotal, fundCols)
		}
	}
	return ids
}

// The columns row sums add.
var (
	basicProjectCols    = append([]string{ColBasic, ColProject}, expenditureExtras...)
	personnelPublicCols = []string{ColPersonnel, ColPublicUse}
	fundCols            = []string{ColGeneralPublic, ColGovFund, ColStateCapital}
)

// rowSources lists the source columns a row prints, leaving out 财政拨款's parts when 财政拨款 is
// printed.
func rowSources(r *Row) []string {
	if hasCell(r, ColFiscal) {
		return rowSourcesFiscal
	}
	return rowSourcesAll
}

var (
	rowSourcesAll    = append(incomeSources[:len(incomeSources):len(incomeSources)], ColCarryover)
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
func prefixedColumns(r *Row, prefix string) []string {
	var out []string
	for _, c := range r.Cells {
		if strings.HasPrefix(c.Column, prefix) {
			out = append(out, c.Column)
		}
	}
	return out
}

// appendRowSum adds want = Σ cols for a row that prints want and at least one of cols.
func appendRowSum(ids []*identity, pool *identityPool, tab *Table, r *Row, name, want string, cols []string) []*identity {
	if !hasCell(r, want) {
		return ids
	}
	if !slices.ContainsFunc(cols, func(c string) bool { return hasCell(r, c) }) {
		return ids
	}
	return append(ids, pool.add(identity{shape: rowSum, table: tab.ID, row: r, col: want, cols: cols, name: name}))
}
