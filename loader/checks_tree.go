package loader

import (
	"fmt"
	"strings"
)

// treeIdentities: every subject row = Σ its children per column (类 = Σ款, 款 = Σ项; economic 类 =
// Σ款; unit rows 016 = Σ 016001…), and the 合计 row = Σ the top-level rows. A child is a row whose
// code extends the parent's by the next code length present under it, so a level the table leaves
// out is skipped, not counted as missing.
func treeIdentities(tab *Table) []*identity {
	var subj []*Row
	seen := map[string]bool{}
	for _, r := range tab.Rows {
		if allDigits(r.Code) && !seen[r.Code] {
			seen[r.Code] = true
			subj = append(subj, r)
		}
	}
	cols := tableColumns(tab)
	var ids []*identity
	var top []*Row
	for _, r := range subj {
		if !hasParent(subj, r.Code) {
			top = append(top, r)
		}
		kids := children(subj, r.Code)
		if len(kids) == 0 {
			continue
		}
		ids = append(ids, treeSums(tab, r, kids, cols, fmt.Sprintf("tree:%s:%s", tab.ID, r.Code))...)
	}
	if total := tab.Row(RowTotal); total != nil && len(top) > 0 {
		ids = append(ids, treeSums(tab, total, top, cols, fmt.Sprintf("tree:%s:total", tab.ID))...)
	}
	if tab.ID == TableGPBEconomic {
		ids = append(ids, economicSideTotals(tab, top)...)
	}
	return ids
}

// treeSums builds parent = Σ kids for each column the parent prints.
func treeSums(tab *Table, parent *Row, kids []*Row, cols []string, prefix string) []*identity {
	var ids []*identity
	var codes []string
	for _, k := range kids {
		codes = append(codes, k.Code)
	}
	for _, col := range cols {
		if !hasCell(parent, col) {
			continue
		}
		parts := make([]term, 0, len(kids))
		for _, k := range kids {
			parts = append(parts, cellTerm(tab, k, col))
		}
		id := sumOf(prefix+":"+col, tab.ID, cellTerm(tab, parent, col), parts)
		id.rule = fmt.Sprintf("%s: %s [%s] = Σ %s", tab.ID, strings.TrimSpace(parent.Code+" "+parent.Name), col, shortList(codes))
		ids = append(ids, id)
	}
	return ids
}

func shortList(codes []string) string {
	if len(codes) <= 6 {
		return strings.Join(codes, " + ")
	}
	return fmt.Sprintf("%d rows %s … %s", len(codes), codes[0], codes[len(codes)-1])
}

func hasParent(subj []*Row, code string) bool {
	for _, r := range subj {
		if len(r.Code) < len(code) && strings.HasPrefix(code, r.Code) {
			return true
		}
	}
	return false
}

// children are the rows under code at the next code length present below it.
func children(subj []*Row, code string) []*Row {
	next := 0
	for _, r := range subj {
		if len(r.Code) > len(code) && strings.HasPrefix(r.Code, code) && (next == 0 || len(r.Code) < next) {
			next = len(r.Code)
		}
	}
	var out []*Row
	for _, r := range subj {
		if len(r.Code) == next && strings.HasPrefix(r.Code, code) {
			out = append(out, r)
		}
	}
	return out
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

// rowIdentities: 合计 = 基本 + 项目; 基本 = 人员经费 + 公用经费; income 合计 = Σ sources; an
// appropriation class's 合计 = Σ its fund columns.
func rowIdentities(tab *Table) []*identity {
	var ids []*identity
	for _, r := range tab.Rows {
		pre := fmt.Sprintf("row:%s:%s:", tab.ID, r.Code)
		switch tab.ID {
		case TableExpenditure, TableGPBFunction, TableGovFund, TableStateCapital:
			cols := append([]string{ColBasic, ColProject}, expenditureExtras...)
			ids = appendRowSum(ids, tab, r, pre+"basic_project", ColTotal, cols)
			ids = appendRowSum(ids, tab, r, pre+"basic_split", ColBasic, []string{ColPersonnel, ColPublicUse})
		case TableGPBEconomic:
			ids = appendRowSum(ids, tab, r, pre+"personnel_public", ColTotal, []string{ColPersonnel, ColPublicUse})
		case TableIncome:
			ids = appendRowSum(ids, tab, r, pre+"sources", ColTotal, rowSources(r))
		case TableAppropriation:
			ids = appendRowSum(ids, tab, r, pre+"funds", ColTotal, []string{ColGeneralPublic, ColGovFund, ColStateCapital})
		}
	}
	return ids
}

// rowSources lists the source columns a row prints, leaving out 财政拨款's parts when 财政拨款 is
// printed.
func rowSources(r *Row) []string {
	fiscal := hasCell(r, ColFiscal)
	var out []string
	for _, s := range append(append([]string{}, incomeSources...), ColCarryover) {
		if fiscal && fiscalChildren[s] {
			continue
		}
		out = append(out, s)
	}
	return out
}

// appendRowSum adds want = Σ cols for a row that prints want and at least one of cols.
func appendRowSum(ids []*identity, tab *Table, r *Row, id, want string, cols []string) []*identity {
	if !hasCell(r, want) {
		return ids
	}
	var parts []term
	for _, c := range cols {
		if hasCell(r, c) {
			parts = append(parts, cellTerm(tab, r, c))
		}
	}
	if len(parts) == 0 {
		return ids
	}
	i := sumOf(id, tab.ID, cellTerm(tab, r, want), parts)
	var names []string
	for _, p := range parts {
		names = append(names, p.col)
	}
	i.rule = fmt.Sprintf("%s: %s [%s] = %s", tab.ID, strings.TrimSpace(r.Code+" "+r.Name), want, strings.Join(names, " + "))
	return append(ids, i)
}
