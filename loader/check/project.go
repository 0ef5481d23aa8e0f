package check

import (
	"budgetql/loader/model"
	"fmt"
	"strings"
	"unicode"
)

// projectIdentities: each category row of the project table = Σ its projects, and the table's 合计 =
// Σ its categories. A failing category names the gap (a lost row); projects filled from another part
// of the document are derived and named in the detail.
func projectIdentities(doc *model.Document) []*identity {
	tab := doc.Table(model.TableProject)
	if tab == nil || noRows(tab) {
		return nil
	}
	groups := projectGroups(doc, tab)
	var ids []*identity
	var cats []term
	for _, g := range groups {
		want := cellTerm(tab, g.row, model.ColTotal)
		cats = append(cats, want)
		id := sumOf("project:"+g.row.Code, model.TableProject, want, g.parts)
		id.rule = fmt.Sprintf("project table: category %s = Σ its %d projects", want.label(), len(g.parts))
		id.guard = func(o outcome) (model.CheckResult, string) {
			gap := o.expected.Sub(o.actual)
			return model.CheckFailed, fmt.Sprintf("the %d projects listed under %s leave %s unaccounted for: a project row is missing",
				len(g.parts), want.label(), yuanText(gap))
		}
		ids = append(ids, id)
	}
	if total := tab.Row(model.RowTotal); total != nil && len(cats) > 0 {
		id := sumOf("project:total", model.TableProject, cellTerm(tab, total, model.ColTotal), cats)
		id.rule = fmt.Sprintf("project table: 合计 = Σ its %d categories", len(cats))
		ids = append(ids, id)
	}
	return ids
}

type projectGroup struct {
	row   *model.Row
	parts []term
}

// projectGroups pairs each category row with its projects: by doc.Projects' Category where the
// parser set it, else by order (the project rows that follow a category row).
func projectGroups(doc *model.Document, tab *model.Table) []projectGroup {
	var out []projectGroup
	for _, r := range tab.Rows {
		if r.Code == "" || r.Code == model.RowTotal || isProjectCode(r.Code) {
			continue
		}
		var parts []term
		for i := range doc.Projects {
			p := &doc.Projects[i]
			if categoryOf(p.Category, r) {
				label := p.Name
				parts = append(parts, term{amt: &p.Amount, table: model.TableProject, code: p.Code, name: label, col: model.ColTotal,
					line: p.Source.Line, from: p.NameFrom})
			}
		}
		if len(parts) > 0 {
			out = append(out, projectGroup{r, parts})
		}
	}
	if len(out) > 0 {
		return out
	}
	var cur *projectGroup
	for _, r := range tab.Rows {
		switch {
		case isProjectCode(r.Code) && cur != nil:
			cur.parts = append(cur.parts, cellTerm(tab, r, model.ColTotal))
		case isProjectCode(r.Code):
		default:
			if cur != nil && len(cur.parts) > 0 {
				out = append(out, *cur)
			}
			cur = &projectGroup{row: r}
		}
	}
	if cur != nil && len(cur.parts) > 0 {
		out = append(out, *cur)
	}
	return out
}

// isProjectCode reports a project code such as 42130323016Y000000101: long, with a category letter.
func isProjectCode(c string) bool {
	if len(c) < 15 {
		return false
	}
	letters := 0
	for i := 0; i < len(c); i++ {
		switch {
		case c[i] >= '0' && c[i] <= '9':
		case c[i] >= 'A' && c[i] <= 'Z':
			letters++
		default:
			return false
		}
	}
	return letters <= 2
}

// categoryOf reports whether a project's category ("22 其他运转类") names a category row.
func categoryOf(cat string, r *model.Row) bool {
	cat = strings.TrimSpace(cat)
	if cat == "" {
		return false
	}
	first := cat // strings.Fields(cat)[0]: cat is trimmed and not empty
	if i := strings.IndexFunc(cat, unicode.IsSpace); i >= 0 {
		first = cat[:i]
	}
	return cat == r.Code || first == r.Code || normName(cat) == normName(r.Code+r.Name)
}

// narrativeTerm reads a narrative figure's value, or an absent term.
func narrativeTerm(doc *model.Document, key string) term {
	t := term{table: model.TableNarrative, code: key, col: model.ColValue, narrative: true}
	if f := doc.NarrativeFigure(key); f != nil {
		t.amt, t.name, t.line = &f.Value, f.Name, f.Source.Line
	}
	return t
}

// narrativeIdentities: the narrative's 三公 and procurement totals = their parts; procurement total =
// the procurement table; narrative totals = the tables' (compared, never repaired).
func narrativeIdentities(doc *model.Document) []*identity {
	var ids []*identity
	n := func(k string) term { return narrativeTerm(doc, k) }
	add := func(id, rule string, want term, parts ...term) {
		if want.amt == nil || len(parts) == 0 {
			return
		}
		i := sumOf(id, model.TableNarrative, want, parts)
		i.rule = rule
		ids = append(ids, i)
	}
	add("narrative:sangong", "narrative: 三公 = 因公出国 + 公务用车 + 公务接待", n(model.RowSangongTotal), n(model.RowOverseas), n(model.RowVehicleTotal), n(model.RowReception))
	add("narrative:vehicle", "narrative: 公务用车购置及运行 = 购置 + 运行", n(model.RowVehicleTotal), n(model.RowVehiclePurchase), n(model.RowVehicleOperation))
	add("narrative:procurement_split", "narrative: 政府采购 total = goods + works + services", n(model.RowProcurementTotal),
		n(model.RowProcurementGoods), n(model.RowProcurementWorks), n(model.RowProcurementServices))
	add("cross:procurement", "narrative procurement total (万元) = procurement table total (元)", n(model.RowProcurementTotal), procurementTotal(doc)...)
	for _, c := range []struct {
		key   string
		table model.TableID
		row   string
		col   string
	}{
		{model.RowIncomeTotal, model.TableSummary, model.RowIncomeTotal, model.ColTotal},
		{model.RowExpenditureTotal, model.TableSummary, model.RowExpenditureTotal, model.ColTotal},
		{model.RowBasicExpenditure, model.TableExpenditure, model.RowTotal, model.ColBasic},
		{model.RowProjectExpenditure, model.TableExpenditure, model.RowTotal, model.ColProject},
		{model.RowSangongTotal, model.TableSangong, model.RowTotal, ""},
		{model.RowOverseas, model.TableSangong, model.RowOverseas, ""},
		{model.RowVehicleTotal, model.TableSangong, model.RowVehicleTotal, ""},
		{model.RowVehiclePurchase, model.TableSangong, model.RowVehiclePurchase, ""},
		{model.RowVehicleOperation, model.TableSangong, model.RowVehicleOperation, ""},
		{model.RowReception, model.TableSangong, model.RowReception, ""},
		{model.RowOfficeRunning, model.TableSangong, model.RowOfficeRunning, ""},
	} {
		part := tableFigure(doc, c.table, c.row, c.col)
		if part.amt == nil {
			continue
		}
		before := len(ids)
		add("cross:narrative:"+c.key, "narrative "+c.key+" = "+string(c.table)+" "+part.label(), n(c.key), part)
		if len(ids) > before {
			ids[len(ids)-1].compare = true
		}
	}
	for _, c := range []struct {
		key    string
		letter byte
	}{{model.RowProcurementGoods, 'A'}, {model.RowProcurementWorks, 'B'}, {model.RowProcurementServices, 'C'}} {
		if parts := procurementByLetter(doc, c.letter); len(parts) > 0 {
			add("cross:procurement:"+c.key, fmt.Sprintf("narrative %s (万元) = Σ procurement items whose 品目 starts with %c", c.key, c.letter), n(c.key), parts...)
		}
	}
	return append(ids, narrativeItemIdentities(doc)...)
}

// procurementByLetter lists the procurement items whose 品目 code ("[C03040000]人才服务") starts with a
// letter: A goods (货物), B works (工程), C services (服务).
func procurementByLetter(doc *model.Document, letter byte) []term {
	var out []term
	for i := range doc.Procurement {
		p := &doc.Procurement[i]
		c := strings.TrimLeft(strings.TrimSpace(p.Category), "[【(（")
		if c != "" && c[0] == letter {
			out = append(out, term{amt: &p.Total, table: model.TableProcurement, code: p.Category, name: p.Project, col: model.ColTotal, line: p.Source.Line})
		}
	}
	return out
}

// narrativeItemIdentities compare each narrative item keyed by a subject code with its table row:
// function subjects with the general public budget table (else the expenditure table), economic
// subjects with the economic table.
func narrativeItemIdentities(doc *model.Document) []*identity {
	var ids []*identity
	for i := range doc.Narrative {
		f := &doc.Narrative[i]
		if !allDigits(f.Key) || f.Value.IsBlank() {
			continue
		}
		var part term
		switch {
		case isFunctionCode(f.Key):
			part = tableFigure(doc, model.TableGPBFunction, f.Key, model.ColTotal)
			if part.amt == nil {
				part = tableFigure(doc, model.TableExpenditure, f.Key, model.ColTotal)
			}
		case f.Key[0] == '3' && (len(f.Key) == 3 || len(f.Key) == 5):
			part = tableFigure(doc, model.TableGPBEconomic, f.Key, model.ColTotal)
		}
		if part.amt == nil {
			continue
		}
		want := term{amt: &f.Value, table: model.TableNarrative, code: f.Key, name: f.Name, col: model.ColValue, line: f.Source.Line, narrative: true}
		id := sumOfOne("cross:narrative:"+f.Key, model.TableNarrative, want, part)
		id.rule = "narrative " + f.Key + " = " + string(part.table) + " " + part.label()
		id.compare = true
		ids = append(ids, id)
	}
	return ids
}

// tableFigure reads a table cell; an empty col takes the 决算数 (actual) when printed, else 合计.
func tableFigure(doc *model.Document, id model.TableID, code, col string) term {
	tab := doc.Table(id)
	if tab == nil || tab.Row(code) == nil {
		return term{table: id, code: code}
	}
	r := tab.Row(code)
	if col == "" {
		col = model.ColTotal
		if hasCell(r, model.ColActual) {
			col = model.ColActual
		}
	}
	return cellTerm(tab, r, col)
}

// procurementTotal is the procurement table's 合计, else its items.
func procurementTotal(doc *model.Document) []term {
	if tab := doc.Table(model.TableProcurement); tab != nil && tab.Row(model.RowTotal) != nil {
		return []term{cellTerm(tab, tab.Row(model.RowTotal), model.ColTotal)}
	}
	var out []term
	for i := range doc.Procurement {
		p := &doc.Procurement[i]
		out = append(out, term{amt: &p.Total, table: model.TableProcurement, code: p.Category, name: p.Project, col: model.ColTotal, line: p.Source.Line})
	}
	return out
}
