package loader

import (
	"budgetql/loader/model"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// This file reads the 决算 tables printed as two tables side by side: the summaries (income left,
// expenditure right), the basic expenditure by economic class (人员经费 and 公用经费 sides), and
// the 三公 table, whose header columns are its rows.

// finTwoSidedCols are the columns of the summary tables.
var finTwoSidedCols = map[model.TableID][]finCol{
	model.TableSummary: {{side: 0, id: model.ColTotal, keys: []string{"决算数"}},
		{side: 1, id: model.ColTotal, keys: []string{"决算数"}, nth: 1}},
	model.TableAppropriation: {{side: 0, id: model.ColTotal, keys: []string{"决算数"}},
		{side: 1, id: model.ColTotal, keys: []string{"合计"}}, {side: 1, id: model.ColGeneralPublic, keys: []string{"一般公共预算"}},
		{side: 1, id: model.ColGovFund, keys: []string{"政府性基金"}}, {side: 1, id: model.ColStateCapital, keys: []string{"国有资本经营"}}},
}

// finSplit is where the right side starts: at the last column of the left side. Left labels and
// codes start before the left amounts; right ones after.
func finSplit(anchors []finAnchor) float64 {
	split := 0.0
	for _, a := range anchors {
		if a.side == 0 && a.center > split {
			split = a.center
		}
	}
	return split
}

// finIsSideLabel reports whether a text starts a labelled row of a summary table.
func finIsSideLabel(s string) bool {
	if reFinOrdinal.MatchString(s) {
		return true
	}
	for _, k := range []string{"合计", "总计", "结转和结余", "结余分配", "使用非财政拨款结余"} {
		if strings.Contains(s, k) {
			return true
		}
	}
	return false
}

// finReadTwoSided reads 收入支出决算总表 and 财政拨款收入支出决算总表.
func finReadTwoSided(doc *model.Document, t *model.Table, seg finSeg) {
	anchors := finAnchors(seg.header, finTwoSidedCols[t.ID])
	if !finHasAnchors(doc, t, seg, anchors) || anchors[0].side != 0 {
		return
	}
	r := &finReader{doc: doc, id: t.ID, anchors: anchors, split: finSplit(anchors), isLabel: finIsSideLabel}
	r.read(seg.body)
	t.Columns = r.columns()
	carry := false
	for _, row := range r.rows {
		name := row.name()
		code := finSideCode(row.side, name, carry)
		if code == "" {
			r.issue(row.line.No, fmt.Sprintf("%s: row %q not recognised; left out", t.ID, name))
			continue
		}
		carry = carry || code == model.RowCarryIn
		if t.Row(code) != nil {
			r.issue(row.line.No, fmt.Sprintf("%s: row %q (%s) printed twice; the second is left out", t.ID, name, code))
			continue
		}
		t.Rows = append(t.Rows, r.newRow(row, code, "", name, finLevel(code), t.Unit))
	}
}

// finSources maps income source names to column ids.
var finSources = []struct{ key, id string }{
	{"一般公共预算", model.ColGeneralPublic}, {"政府性基金", model.ColGovFund}, {"国有资本经营", model.ColStateCapital},
	{"财政专户", model.ColSpecial}, {"上级补助", model.ColHigherLevel}, {"事业收入", model.ColBusiness},
	{"经营收入", model.ColOperating}, {"附属单位上缴", model.ColSubordinate}, {"其他收入", model.ColOther},
}

// finSideCode names a summary row: income (left) or expenditure (right). Sources listed after
// 年初结转和结余 break the carry-over down ("carry_in_general_public_budget").
func finSideCode(side int, name string, carry bool) string {
	switch {
	case strings.Contains(name, "总计"):
		return [2]string{model.RowIncomeTotal, model.RowExpenditureTotal}[side]
	case strings.Contains(name, "本年收入合计") && side == 0:
		return model.RowIncomeCurrent
	case strings.Contains(name, "本年支出合计") && side == 1:
		return model.RowExpenditureCurrent
	case strings.Contains(name, "年初") && strings.Contains(name, "结转"):
		return model.RowCarryIn
	case strings.Contains(name, "年末") && strings.Contains(name, "结转"):
		return model.RowCarryOut
	case strings.Contains(name, "使用非财政拨款结余"):
		return model.RowNonFiscalBalanceUsed
	case strings.Contains(name, "结余分配"):
		return model.RowBalanceDistribution
	case side == 1:
		return ClassCodeByName(name)
	}
	for _, s := range finSources {
		if strings.Contains(name, s.key) {
			if carry {
				return model.RowCarryIn + "_" + s.id
			}
			return s.id
		}
	}
	return ""
}

// finEconomicCols: one 决算数 column on each side.
var finEconomicCols = []finCol{{side: 0, id: model.ColTotal, keys: []string{"决算数"}},
	{side: 1, id: model.ColTotal, keys: []string{"决算数"}, nth: 1}}

// finReadEconomic reads 一般公共预算财政拨款基本支出决算表: economic subjects on two sides, the side
// named by its 人员经费合计 or 公用经费合计 row. It has no 合计 row; the total row is derived.
func finReadEconomic(doc *model.Document, t *model.Table, seg finSeg) {
	anchors := finAnchors(seg.header, finEconomicCols)
	if !finHasAnchors(doc, t, seg, anchors) || len(anchors) != 2 {
		return
	}
	r := &finReader{doc: doc, id: t.ID, anchors: anchors, split: finSplit(anchors), suffix: true,
		isLabel: func(s string) bool { return strings.HasSuffix(s, "经费合计") }}
	r.read(seg.body)
	sideCol := [2]string{}
	for _, row := range r.rows {
		switch name := row.name(); {
		case row.label && strings.Contains(name, "人员经费"):
			sideCol[row.side] = model.ColPersonnel
		case row.label && strings.Contains(name, "公用经费"):
			sideCol[row.side] = model.ColPublicUse
		}
	}
	if sideCol[0] == "" || sideCol[1] == "" || sideCol[0] == sideCol[1] {
		r.issue(seg.title.No, fmt.Sprintf("%s: 人员经费合计 / 公用经费合计 not found on their sides; personnel and public-use columns left out", t.ID))
	}
	t.Columns = []string{model.ColTotal, model.ColPersonnel, model.ColPublicUse}
	for _, row := range r.rows {
		m := finEconomicRow(r, row, t.Unit, sideCol[row.side])
		switch {
		case m == nil:
		case t.Row(m.Code) != nil:
			r.issue(row.line.No, fmt.Sprintf("%s: row %s printed twice; the second is left out", t.ID, m.Code))
		default:
			t.Rows = append(t.Rows, m)
		}
	}
	if m := finDerivedTotal(t); m != nil {
		t.Rows = append(t.Rows, m)
	}
}

// finEconomicRow builds one economic row, with its side's column beside total.
func finEconomicRow(r *finReader, row *finRow, unit model.Unit, col string) *model.Row {
	name := row.name()
	var m *model.Row
	switch {
	case row.label && strings.Contains(name, "人员经费"):
		m = r.newRow(row, model.RowPersonnelTotal, "", name, 0, unit)
	case row.label && strings.Contains(name, "公用经费"):
		m = r.newRow(row, model.RowPublicUseTotal, "", name, 0, unit)
	case row.label:
		r.issue(row.line.No, fmt.Sprintf("%s: row %q not recognised; left out", r.id, name))
		return nil
	default:
		code, printed := row.code()
		m = r.newRow(row, code, printed, name, 0, unit)
		finResolveEconomic(r, m)
		m.Level = finLevel(m.Code)
	}
	if a, ok := m.Cell(model.ColTotal); ok && col != "" {
		m.SetCell(col, a)
	}
	return m
}

// finResolveEconomic replaces a code that is not the official one for its printed name (a mangled
// "301 2" or a sequential number), and reports a 款 code it cannot resolve.
func finResolveEconomic(r *finReader, m *model.Row) {
	if len(m.Code) < 4 || normName(EconomicName(m.Code)) == normName(m.Name) {
		return
	}
	c := EconomicCodeByName(m.Code[:3], m.Name)
	switch {
	case c != "" && c != m.Code:
		m.CodeResolved = fmt.Sprintf("printed %s; %s is the official code of %s", m.Code, c, m.Name)
		if m.PrintedCode == "" {
			m.PrintedCode = m.Code
		}
		m.Code = c
	case c == "" && len(m.Code) != 5:
		r.issue(m.Source.Line, fmt.Sprintf("%s: code %s (%s) is not an economic subject code", r.id, m.Code, m.Name))
	}
}

// finDerivedTotal is the table total the economic table does not print: 人员经费合计 + 公用经费合计.
func finDerivedTotal(t *model.Table) *model.Row {
	p, u := t.Row(model.RowPersonnelTotal), t.Row(model.RowPublicUseTotal)
	if p == nil || u == nil {
		return nil
	}
	pa, ok1 := p.Cell(model.ColTotal)
	ua, ok2 := u.Cell(model.ColTotal)
	if !ok1 || !ok2 || pa.IsBlank() || ua.IsBlank() {
		return nil
	}
	note := "not printed: derived as 人员经费合计 + 公用经费合计"
	d := func(v decimal.Decimal) model.Amount {
		return model.Amount{Yuan: v, Unit: t.Unit, Status: model.StatusDerived, Note: note}
	}
	return &model.Row{Code: model.RowTotal, Name: "合计", Source: p.Source, Cells: []model.Cell{
		{Column: model.ColTotal, Amount: d(pa.Yuan.Add(ua.Yuan))},
		{Column: model.ColPersonnel, Amount: d(pa.Yuan)},
		{Column: model.ColPublicUse, Amount: d(ua.Yuan)}}}
}
