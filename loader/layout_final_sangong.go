package loader

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"fmt"
	"sort"
	"strings"
)

// finSangongGroups are the 三公 table's column groups in template order, with the header label
// that names each; each group prints a 预算数 and a 决算数 column.
type finSangongGroup struct{ row, name, key string }

var finSangongGroups = []finSangongGroup{
	{model.RowTotal, "合计", "合计"},
	{model.RowOverseas, "因公出国（境）费", "因公出国"},
	{model.RowVehicleTotal, "公务用车购置及运行费", "小计"},
	{model.RowVehiclePurchase, "公务用车购置费", "公务用车购置费"},
	{model.RowVehicleOperation, "公务用车运行费", "公务用车运行费"},
	{model.RowReception, "公务接待费", "公务接待"},
}

// finSangongGroupsOf is the template's groups, with 机关运行经费 when the header prints it.
func finSangongGroupsOf(header []text.Line) []finSangongGroup {
	groups := finSangongGroups
	for _, l := range header {
		if strings.Contains(finSquash(l.Text), "机关运行") {
			return append(groups[:len(groups):len(groups)], finSangongGroup{model.RowOfficeRunning, "机关运行经费", "机关运行"})
		}
	}
	return groups
}

// finReadSangong reads 财政拨款“三公”经费支出决算表: one row per group (and 机关运行经费 when
// printed), columns budget (预算数) and actual (决算数). The header must print the groups in template order with twelve 预算数/决算数
// columns; otherwise the table is reported and left empty.
func finReadSangong(doc *model.Document, t *model.Table, seg finSeg) {
	groups := finSangongGroupsOf(seg.header)
	anchors, ok := finSangongAnchors(seg.header, groups)
	if !ok {
		if len(finAmounts(seg.body)) > 0 {
			doc.Issues = append(doc.Issues, model.Issue{Kind: "unread", Line: seg.title.No,
				Detail: fmt.Sprintf("%s: header groups or 预算数/决算数 columns not in the template order; table left out", t.Title)})
		}
		return
	}
	amts := finAmounts(seg.body)
	place := finPlace(doc, t.ID, amts, anchors)
	if len(place.failed) > 0 {
		return
	}
	r := &finReader{doc: doc, id: t.ID, anchors: anchors, place: place}
	cells := map[string]map[string]string{}
	src := seg.title
	for _, a := range amts {
		i, ok := place.at[finKey{a.line.No, a.cell.Start}]
		if !ok {
			continue
		}
		an := anchors[i]
		if cells[an.row] == nil {
			cells[an.row] = map[string]string{}
		}
		if prev, dup := cells[an.row][an.id]; dup {
			r.issue(a.line.No, fmt.Sprintf("%s: two amounts (%s, %s) for %s %s", t.ID, prev, a.cell.Text, an.row, an.id))
			continue
		}
		cells[an.row][an.id] = a.cell.Text
		if src == seg.title {
			src = a.line
		}
	}
	t.Columns = []string{model.ColBudget, model.ColActual}
	for _, g := range groups {
		row := &finRow{line: src, cells: cells[g.row], unread: map[string]bool{}}
		pair := []finAnchor{}
		for _, a := range anchors {
			if a.row == g.row {
				pair = append(pair, a)
			}
		}
		r.anchors = pair
		t.Rows = append(t.Rows, r.newRow(row, g.row, "", g.name, 0, t.Unit))
	}
}

// finSangongAnchors finds the twelve 预算数/决算数 columns on one header line and checks that the
// group labels above them come in template order.
func finSangongAnchors(header []text.Line, groups []finSangongGroup) ([]finAnchor, bool) {
	var line *text.Line
	for i := range header {
		if strings.Count(header[i].Text, "预算数") >= 2 {
			line = &header[i]
			break
		}
	}
	if line == nil {
		return nil, false
	}
	type pos struct {
		col string
		c   float64
	}
	var ps []pos
	for _, c := range finRuns(line.Text, "预算数") {
		ps = append(ps, pos{model.ColBudget, c})
	}
	for _, c := range finRuns(line.Text, "决算数") {
		ps = append(ps, pos{model.ColActual, c})
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].c < ps[j].c })
	if len(ps) != 2*len(groups) {
		return nil, false
	}
	var out []finAnchor
	for i, p := range ps {
		if p.col != [2]string{model.ColBudget, model.ColActual}[i%2] {
			return nil, false
		}
		out = append(out, finAnchor{finCol: finCol{id: p.col, row: groups[i/2].row}, center: p.c, line: line.No})
	}
	return out, finSangongOrdered(header, groups)
}

// finSangongOrdered reports whether every group label is printed, left to right in template order.
func finSangongOrdered(header []text.Line, groups []finSangongGroup) bool {
	last := -1.0
	for _, g := range groups {
		found := false
		for _, l := range header {
			if runs := finRuns(l.Text, g.key); len(runs) > 0 {
				if runs[0] <= last {
					return false
				}
				last, found = runs[0], true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
