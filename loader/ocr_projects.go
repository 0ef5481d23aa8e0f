package loader

import (
	"budgetql/loader/model"
	"regexp"
	"strings"

	"github.com/shopspring/decimal"
)

var (
	ocrProjectSpecs = []ocrColSpec{
		{ocrColCode, []string{"项目编码", "项目代码"}}, {ocrColName, []string{"项目名称"}}, {ocrColUnit, []string{"项目单位", "单位名称"}},
		ocrSpecTot, {model.ColGeneralPublic, []string{"一般公共预算", "一般公共"}}, {model.ColGovFund, []string{"政府性基金预算", "政府性基"}},
		{model.ColStateCapital, []string{"国有资本经营预算", "国有资本"}}, {model.ColCarryover, []string{"上年结转", "上年财政拨款结转结余"}},
		{ColCarryGeneralPublic, []string{"一般公共预算", "一般公共"}}, {ColCarryGovFund, []string{"政府性基金预算", "政府性基"}},
		{ColCarryStateCapital, []string{"国有资本经营预算", "国有资本"}}, {model.ColSpecial, []string{"财政专户管理资金", "管理资金"}},
		{ColUnitFunds, []string{"单位资金"}},
	}
	// ocrProjectCode: region (6), year (2), department (3), category letter, serial.
	ocrProjectCode  = regexp.MustCompile(`^\d{6,12}[A-Z]\d{6,12}$`)
	ocrCategoryCode = regexp.MustCompile(`^\d{2,4}$`)
	ocrUnitName     = regexp.MustCompile(`(?:局|委员会|办公室|本级|中心|街道办事处)\d?$`)
)

// ocrProjectState is what readProjects carries from row to row.
type ocrProjectState struct {
	unit     string // name of the enclosing unit row
	category *model.Row
	members  map[*model.Row][]*model.Row // category -> its project rows
	cats     []*model.Row
}

// readProjects reads 项目支出表: the total, unit rows, category rows (1101 基本工资, 22 其他运转类)
// and project rows (21-character codes), then fills lost names and rows from the performance part.
func (p *ocrParser) readProjects(s *ocrSection) *model.Table {
	t := ocrNewTable(s, model.TenThous)
	if _, ok := ocrTitleOf(s.title); !ok {
		t.Title = ""
		p.issue("unread", s.title.No, "project table: title not recognised; table found by its header")
	}
	h, ids := ocrFindHeader(s.rows, ocrProjectSpecs)
	if h < 0 || ocrIndex(ids, ocrColCode) < 0 || ocrIndex(ids, model.ColTotal) < 0 {
		p.issue("unread", s.title.No, "project: no column header recognised")
		return nil
	}
	data := s.rows[h+1:]
	live := p.liveColumns(s.id, data, ids, ocrMoneyIDs(ocrProjectSpecs))
	for _, id := range ids {
		if live[id] {
			t.Columns = append(t.Columns, id)
		}
	}
	st := &ocrProjectState{members: map[*model.Row][]*model.Row{}}
	var last *model.Row
	for _, r := range data {
		row := p.projectRow(t, st, ids, r)
		if row == nil {
			last = ocrWrappedName(last, r, ids)
			continue
		}
		last = row
		for i, id := range ids {
			if live[id] {
				p.addCell(row, id, ocrCellAt(r.cells, i), model.TenThous, r.line)
			}
		}
		t.Rows = append(t.Rows, row)
	}
	p.fillProjects(t, st)
	p.projectsFromRows(t, st)
	return t
}

// ocrWrappedName appends a project name wrapped onto a line of its own (no code, no amounts) to the
// row above; it returns the row that may still continue, or nil.
func ocrWrappedName(last *model.Row, r ocrRow, ids []string) *model.Row {
	name := ocrJoin(ocrCellAt(r.cells, ocrIndex(ids, ocrColName)))
	if last == nil || !ocrProjectCode.MatchString(last.Code) || last.Name == "" || !ocrHasHan(name) ||
		len(ocrNonEmpty(r.cells)) > 2 || ocrCellAt(r.cells, ocrIndex(ids, ocrColCode)) != "" {
		return nil
	}
	last.Name += name
	return last
}

// projectRow classifies one line of the project table and returns its row (nil: not a row).
func (p *ocrParser) projectRow(t *model.Table, st *ocrProjectState, ids []string, r ocrRow) *model.Row {
	if !ocrRowHasAmount(r.cells) {
		return nil
	}
	code := ocrSqueeze(ocrCellAt(r.cells, ocrIndex(ids, ocrColCode)))
	name := ocrJoin(ocrCellAt(r.cells, ocrIndex(ids, ocrColName)))
	unitCell := ocrJoin(ocrCellAt(r.cells, ocrIndex(ids, ocrColUnit)))
	row := &model.Row{Code: code, Name: name, Source: ocrSource(t.ID, r.line)}
	switch {
	case code == "" && name == "" || ocrTotalRow(code, name):
		row.Code, row.Name = model.RowTotal, "合计"
	case ocrProjectCode.MatchString(code):
		row.Unit = p.projectUnit(unitCell, st.unit)
		if !ocrHasHan(name) {
			p.issue("lost_name", r.line.No, "project %s: no name printed (cell %q)", code, name)
			row.Name = ""
		}
		if st.category != nil {
			st.members[st.category] = append(st.members[st.category], row)
		}
	case p.isUnitRow(row):
		st.unit, st.category = p.unitName(row), nil
	case ocrCategoryCode.MatchString(code):
		st.category = row
		st.cats = append(st.cats, row)
	default:
		p.issue("unread", r.line.No, "project: row code %q not recognised", code)
		return nil
	}
	return row
}

// isUnitRow reports whether a row is a unit of the income table (the code may have lost its
// leading zeros: "16" for 016); it normalises the code.
func (p *ocrParser) isUnitRow(row *model.Row) bool {
	if !ocrIsDigits(row.Code) {
		return false
	}
	for _, u := range p.doc.Units {
		if u.Code == row.Code {
			return true
		}
	}
	for _, u := range p.doc.Units {
		if strings.TrimLeft(u.Code, "0") == strings.TrimLeft(row.Code, "0") && ocrSim(row.Name, u.Name) >= 0.85 {
			row.PrintedCode, row.Code = row.Code, u.Code
			return true
		}
	}
	// Without the income table's units: a six-digit code, or a unit's name.
	return len(row.Code) == 6 || ocrUnitName.MatchString(row.Name)
}

func (p *ocrParser) unitName(row *model.Row) string {
	for _, u := range p.doc.Units {
		if u.Code == row.Code {
			return u.Name
		}
	}
	return row.Name
}

// projectUnit returns the known unit a printed 项目单位 cell names; an empty or unreadable cell
// gives the enclosing unit row's unit.
func (p *ocrParser) projectUnit(cell, enclosing string) string {
	best, name := 0.0, ""
	for _, u := range p.doc.Units {
		if v := ocrSim(cell, u.Name); v > best {
			best, name = v, u.Name
		}
	}
	if best >= 0.85 {
		return name
	}
	if ocrHasHan(cell) && len([]rune(cell)) > 2 {
		return cell
	}
	return enclosing
}

// projectsFromRows fills doc.Projects from the project rows and checks each category's sum.
func (p *ocrParser) projectsFromRows(t *model.Table, st *ocrProjectState) {
	for _, cat := range st.cats {
		label := cat.Code + " " + cat.Name
		for _, r := range st.members[cat] {
			a, _ := r.Cell(model.ColTotal)
			p.doc.Projects = append(p.doc.Projects, model.Project{Code: r.Code, Name: r.Name, Unit: r.Unit,
				Category: label, Amount: a, AmountFrom: model.TableProject, Source: r.Source, NameFrom: r.NameFrom})
		}
	}
}

// ocrCategoryGap returns a category's printed total minus the sum of its project rows, when that is
// more than rounding (0.01 万元 per row).
func ocrCategoryGap(cat *model.Row, members []*model.Row) (decimal.Decimal, bool) {
	total, ok := cat.Cell(model.ColTotal)
	if !ok || total.Status != model.StatusReported {
		return decimal.Zero, false
	}
	sum := decimal.Zero
	for _, m := range members {
		a, ok := m.Cell(model.ColTotal)
		if !ok || a.Status == model.StatusBlank {
			return decimal.Zero, false
		}
		sum = sum.Add(a.Yuan)
	}
	gap := total.Yuan.Sub(sum)
	tol := decimal.NewFromInt(100 * int64(max(1, len(members))))
	return gap, gap.GreaterThan(tol)
}
