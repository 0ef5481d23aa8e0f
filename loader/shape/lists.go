package shape

import (
	"strings"

	"budgetql/loader/model"
	"budgetql/loader/recognize"
	"budgetql/loader/vocab"
)

// Projects reads a project table (项目支出表, 专项业务经费支出表 …) as a list: its projects are the
// rows that group no other, each with its unit (its own column, else the unit row it stands
// under) and its category (its own column, else the row it stands under below the unit).
func Projects(seg recognize.Segment, ctx Context) (*model.Table, []model.Project, []model.Issue) {
	lt := List(seg, ctx)
	var out []model.Project
	for _, i := range lt.Leaves() {
		r := lt.Rows[i]
		a, ok := rowTotal(r.Row)
		if !ok {
			continue
		}
		p := model.Project{Code: r.Keys[vocab.FormProjectCode], Name: r.Row.Name, Unit: r.Keys[vocab.FormUnitName],
			Category: r.Keys[vocab.FormCategory], Amount: a, AmountFrom: model.TableProject, Source: r.Row.Source}
		top := lt.Ancestor(i)
		if p.Unit == "" && top >= 0 {
			p.Unit = lt.Rows[top].Row.Name
		}
		if p.Category == "" && r.Parent >= 0 && r.Parent != top {
			p.Category = lt.Rows[r.Parent].Row.Name
		}
		out = append(out, p)
	}
	return lt.Table, out, lt.Issues
}

// Procurement reads a procurement table (政府采购预算表, 政府采购支出表 …). Most print a list of
// items (a 品目 or a class, a project, a unit); some print the spending by function subject, read
// as a subject table, whose 合计 is the procurement total and which lists no items.
func Procurement(seg recognize.Segment, ctx Context) (*model.Table, []model.ProcurementItem, []model.Issue) {
	if bySubject(seg) {
		t, issues := Subjects(seg, ctx)
		return t, nil, issues
	}
	lt := List(seg, ctx)
	var out []model.ProcurementItem
	for _, i := range lt.Leaves() {
		r := lt.Rows[i]
		a, ok := rowTotal(r.Row)
		if !ok {
			continue
		}
		it := model.ProcurementItem{UnitName: r.Keys[vocab.FormUnitName], Project: r.Keys[vocab.FormProjectName],
			Category: itemCategory(r), Total: a, Source: r.Row.Source}
		for p := r.Parent; it.UnitName == "" && p >= 0; p = lt.Rows[p].Parent {
			if vocab.ProcurementClass(lt.Rows[p].Row.Name) == "" {
				it.UnitName = lt.Rows[p].Row.Name // the unit the item stands under, not its class
			}
		}
		if sme, ok := r.Row.Cell(model.ColSME); ok && !sme.IsBlank() {
			it.SME = &sme
		}
		out = append(out, it)
	}
	return lt.Table, out, lt.Issues
}

// itemCategory is what an item is: its 品目, else its class (C-服务, or the code and name a class row
// prints: A 货物).
func itemCategory(r ListRow) string {
	for _, id := range []string{vocab.FormCategory, vocab.FormClass} {
		if c := r.Keys[id]; c != "" {
			return c
		}
	}
	if code := r.Keys[vocab.FormProjectCode]; len(code) == 1 && code[0] >= 'A' && code[0] <= 'C' {
		return code + "-" + r.Row.Name
	}
	return r.Row.Name
}

// bySubject reports whether a procurement table prints its spending by subject (科目编码, 科目名称)
// rather than a list of items (采购品目, 采购项目).
func bySubject(seg recognize.Segment) bool {
	if len(seg.Pages) == 0 {
		return false
	}
	header, _ := splitHeader(seg.Pages[0])
	subject := false
	for _, b := range stackWords(header) {
		l := vocab.CleanLabel(b.label)
		if strings.Contains(l, "采购") || strings.Contains(l, "品目") {
			return false
		}
		subject = subject || strings.Contains(l, "科目")
	}
	return subject
}
