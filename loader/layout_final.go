package loader

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"fmt"
	"regexp"
	"strings"
)

// parseLayoutFinal reads a final-accounts (部门决算) disclosure in `pdftotext -layout` text,
// Shanghai template: the standard tables, recognised by the meaning of their titles, and the units
// of 部门决算单位构成.
func parseLayoutFinal(doc *model.Document, lines []text.Line) error {
	doc.Units = append(doc.Units, finUnits(lines)...)
	for _, seg := range finSegments(lines) {
		t := finReadTable(doc, seg)
		addTable(doc, t)
	}
	return nil
}

// finSeg is one table of a 决算: its title, unit, header lines and body lines.
type finSeg struct {
	id     model.TableID
	title  text.Line
	unit   model.Unit
	header []text.Line
	body   []text.Line
}

// finClassifyTitle names the standard table a 决算 title announces, or "".
func finClassifyTitle(text string) model.TableID {
	t := finTitleText(text)
	if !strings.HasSuffix(t, "表") || len([]rune(t)) > 40 {
		return ""
	}
	switch {
	case strings.Contains(t, "三公"):
		return model.TableSangong
	case strings.Contains(t, "政府性基金"):
		return model.TableGovFund
	case strings.Contains(t, "国有资本经营"):
		return model.TableStateCapital
	case strings.Contains(t, "一般公共预算") && strings.Contains(t, "基本支出"):
		return model.TableGPBEconomic
	case strings.Contains(t, "一般公共预算") && strings.Contains(t, "支出"):
		return model.TableGPBFunction
	case strings.Contains(t, "财政拨款收入支出") || strings.Contains(t, "财政拨款收支"):
		return model.TableAppropriation
	case strings.Contains(t, "收入支出决算总表") || strings.Contains(t, "收支决算总表"):
		return model.TableSummary
	case strings.HasSuffix(t, "收入决算表"):
		return model.TableIncome
	case strings.HasSuffix(t, "支出决算表"):
		return model.TableExpenditure
	}
	return ""
}

// finTitleText is a title without spaces, ordinal and continuation mark ((续)).
func finTitleText(text string) string {
	t := stripOrdinal(finSquash(text))
	for _, s := range []string{"（续）", "(续)", "续"} {
		t = strings.TrimSuffix(t, s)
	}
	return t
}

var reFinPart2 = regexp.MustCompile(`^第[一二三四五六七八九十]+部分`)

// finSegments cuts the text into tables. A title counts only when a unit line (单位：万元)
// follows within three lines, which leaves out the table of contents. A table ends at the next
// title, a note (注：), or the next part of the document; a title marked 续 continues the table
// before it.
func finSegments(lines []text.Line) []finSeg {
	var segs []finSeg
	var cur *finSeg
	skip := false // in the header of a continued table
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if u, j := finUnitAfter(lines, i); u != "" && strings.HasSuffix(finTitleText(l.Text), "表") {
			cur, skip = nil, false
			id := finClassifyTitle(l.Text)
			switch {
			case id == "":
			case len(segs) > 0 && segs[len(segs)-1].id == id && strings.Contains(l.Text, "续"):
				cur, skip = &segs[len(segs)-1], true // 续表: the body goes on after its header
			default:
				segs = append(segs, finSeg{id: id, title: l, unit: u})
				cur = &segs[len(segs)-1]
			}
			i = j
			continue
		}
		if cur == nil {
			continue
		}
		t := strings.TrimSpace(l.Text)
		if strings.HasPrefix(t, "注") || reFinPart2.MatchString(t) {
			cur = nil
			continue
		}
		switch body := finIsBody(l.Text); {
		case skip && !body:
		case len(cur.body) == 0 && !body:
			cur.header = append(cur.header, l)
		default:
			skip = false
			cur.body = append(cur.body, l)
		}
	}
	return segs
}

// finUnitAfter returns the unit named on line i or one of the three lines after it, and that
// line's index.
func finUnitAfter(lines []text.Line, i int) (model.Unit, int) {
	for j := i; j < len(lines) && j <= i+3; j++ {
		if u := UnitOf(lines[j].Text); u != "" {
			return u, j
		}
	}
	return "", i
}

// finIsBody reports whether a line belongs to a table body: it holds an amount or starts with a
// subject code.
func finIsBody(text string) bool {
	cells := splitCells(text)
	for _, c := range cells {
		if finIsAmount(c.Text) {
			return true
		}
	}
	return len(cells) > 0 && cells[0].Start < 4 && reFinCode.MatchString(cells[0].Text)
}

// finReadTable reads one table.
func finReadTable(doc *model.Document, seg finSeg) *model.Table {
	t := &model.Table{ID: seg.id, Title: strings.TrimSpace(seg.title.Text), Unit: seg.unit,
		Source: model.Source{Table: seg.id, Page: seg.title.Page, Line: seg.title.No, Text: seg.title.Raw}}
	switch seg.id {
	case model.TableSummary, model.TableAppropriation:
		finReadTwoSided(doc, t, seg)
	case model.TableGPBEconomic:
		finReadEconomic(doc, t, seg)
	case model.TableSangong:
		finReadSangong(doc, t, seg)
	default:
		finReadSubjects(doc, t, seg)
	}
	if len(finAmounts(seg.body)) == 0 {
		t.Empty, t.Rows = true, nil
	}
	return t
}

// finSubjectCols are the columns of the function-subject tables, by header fragment.
var finSubjectCols = map[model.TableID][]finCol{
	model.TableIncome: {{id: model.ColTotal, keys: []string{"本年收入合", "合计"}}, {id: model.ColFiscal, keys: []string{"财政拨款"}},
		{id: model.ColHigherLevel, keys: []string{"上级补助"}}, {id: model.ColBusiness, keys: []string{"事业收"}},
		{id: model.ColOperating, keys: []string{"经营收"}}, {id: model.ColSubordinate, keys: []string{"附属单"}},
		{id: model.ColOther, keys: []string{"其他收"}}},
	model.TableExpenditure: {{id: model.ColTotal, keys: []string{"本年支出合", "合计"}}, {id: model.ColBasic, keys: []string{"基本支出"}},
		{id: model.ColProject, keys: []string{"项目支"}}, {id: model.ColRemitUpper, keys: []string{"上缴上级"}},
		{id: model.ColOperating, keys: []string{"经营支"}}, {id: model.ColSubsidySub, keys: []string{"对附属"}}},
	model.TableGPBFunction: {{id: model.ColTotal, keys: []string{"合计"}}, {id: model.ColBasic, keys: []string{"基本支出"}},
		{id: model.ColPersonnel, keys: []string{"人员经费"}}, {id: model.ColPublicUse, keys: []string{"公用经费"}},
		{id: model.ColProject, keys: []string{"项目支出"}}},
	model.TableGovFund:      finFundCols,
	model.TableStateCapital: finFundCols,
}

var finFundCols = []finCol{{id: model.ColCarryIn, keys: []string{"年初结转"}}, {id: model.ColIncome, keys: []string{"本年收入"}},
	{id: model.ColTotal, keys: []string{"小计", "本年支出"}}, {id: model.ColBasic, keys: []string{"基本支出"}},
	{id: model.ColProject, keys: []string{"项目支出"}}, {id: model.ColCarryOut, keys: []string{"年末结转"}}}

// finReadSubjects reads a table of function subjects (类/款/项) with a 合计 row.
func finReadSubjects(doc *model.Document, t *model.Table, seg finSeg) {
	r := &finReader{doc: doc, id: t.ID, anchors: finAnchors(seg.header, finSubjectCols[t.ID]),
		isLabel: func(s string) bool { return s == "合计" || s == "总计" }}
	if !finHasAnchors(doc, t, seg, r.anchors) {
		return
	}
	r.read(seg.body)
	t.Columns = r.columns()
	for _, row := range r.rows {
		code, printed := model.RowTotal, ""
		if !row.label {
			code, printed = row.code()
		}
		if t.Row(code) != nil {
			r.issue(row.line.No, fmt.Sprintf("%s: row %s printed twice; the second is left out", t.ID, code))
			continue
		}
		t.Rows = append(t.Rows, r.newRow(row, code, printed, row.name(), finLevel(code), t.Unit))
	}
}

// finHasAnchors reports a table whose body has amounts but whose header names no column.
func finHasAnchors(doc *model.Document, t *model.Table, seg finSeg, anchors []finAnchor) bool {
	if len(anchors) > 0 || len(finAmounts(seg.body)) == 0 {
		return len(anchors) > 0
	}
	doc.Issues = append(doc.Issues, model.Issue{Kind: "unread", Line: seg.title.No,
		Detail: fmt.Sprintf("%s: no column header recognised; table left out", t.Title)})
	return false
}

// finUnits reads the list of units under 部门决算单位构成 (序号 单位名称 备注).
func finUnits(lines []text.Line) []model.OrgUnit {
	var units []model.OrgUnit
	in := false
	for _, l := range lines {
		t := strings.TrimSpace(l.Text)
		sq := finSquash(t)
		switch {
		case strings.HasPrefix(sq, "序号单位名称"):
			in = true
		case !in:
		case t == "":
		default:
			m := reFinUnit.FindStringSubmatch(t)
			if m == nil {
				return units
			}
			units = append(units, model.OrgUnit{Name: m[1]})
		}
	}
	return units
}

var reFinUnit = regexp.MustCompile(`^\d+\s+(\S+)`)
