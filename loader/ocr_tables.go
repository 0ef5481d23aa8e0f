package loader

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"regexp"
	"strings"
)

// Column ids of header cells that are not money.
const (
	ocrColCode = "code"
	ocrColName = "name"
	ocrColUnit = "unit"
)

// Column ids of the OCR template that model.go does not name.
const (
	ColIncomeCurrent      = "income_current" // 本年收入 小计
	ColCarryGeneralPublic = "carryover_general_public_budget"
	ColCarryGovFund       = "carryover_gov_fund"
	ColCarryStateCapital  = "carryover_state_capital"
	ColCarrySpecial       = "carryover_special_account"
	ColCarryUnitFunds     = "carryover_unit_funds"
	ColUnitFunds          = "unit_funds"           // 单位资金
	rowCarryInPrefix      = model.RowCarryIn + "_" // appropriation: 上年结转 by source
)

var (
	ocrSpecCode = ocrColSpec{ocrColCode, []string{"科目编码", "功能分类科目编码", "科目代码"}}
	ocrSpecName = ocrColSpec{ocrColName, []string{"科目名称", "功能分类科目名称"}}
	ocrSpecTot  = ocrColSpec{model.ColTotal, []string{"合计", "总计"}}

	ocrSubjectSpecs = map[model.TableID][]ocrColSpec{
		model.TableExpenditure: {ocrSpecCode, ocrSpecName, ocrSpecTot, {model.ColBasic, []string{"基本支出"}},
			{model.ColProject, []string{"项目支出"}}, {model.ColOperating, []string{"事业单位经营支出", "经营支出"}},
			{model.ColRemitUpper, []string{"上缴上级支出"}}, {model.ColSubsidySub, []string{"对附属单位补助支出"}}},
		model.TableGPBFunction: {ocrSpecCode, ocrSpecName, ocrSpecTot, {model.ColBasic, []string{"小计", "基本支出"}},
			{model.ColPersonnel, []string{"人员经费"}}, {model.ColPublicUse, []string{"公用经费"}}, {model.ColProject, []string{"项目支出"}}},
		model.TableGPBEconomic: {ocrSpecCode, ocrSpecName, ocrSpecTot, {model.ColPersonnel, []string{"人员经费"}},
			{model.ColPublicUse, []string{"公用经费"}}},
		model.TableGovFund: {ocrSpecCode, ocrSpecName, ocrSpecTot, {model.ColBasic, []string{"基本支出"}}, {model.ColProject, []string{"项目支出"}}},
		model.TableStateCapital: {ocrSpecCode, ocrSpecName, ocrSpecTot, {model.ColBasic, []string{"基本支出"}},
			{model.ColProject, []string{"项目支出"}}},
	}

	ocrIncomeSpecs = []ocrColSpec{
		{ocrColCode, []string{"单位代码", "部门单位代码", "代码", "科目编码"}}, {ocrColName, []string{"单位名称", "部门单位名称", "科目名称"}}, ocrSpecTot,
		{ColIncomeCurrent, []string{"小计", "本年收入合计"}}, {model.ColGeneralPublic, []string{"一般公共预算", "一般公共预算拨款"}},
		{model.ColGovFund, []string{"政府性基金预算", "政府性基金"}}, {model.ColStateCapital, []string{"国有资本经营预算"}},
		{model.ColSpecial, []string{"财政专户管理资金"}}, {model.ColBusiness, []string{"事业收入"}},
		{model.ColOperating, []string{"事业单位经营收入"}}, {model.ColHigherLevel, []string{"上级补助收入"}},
		{model.ColSubordinate, []string{"附属单位上缴收入"}}, {model.ColOther, []string{"其他收入"}},
		{model.ColCarryover, []string{"小计", "上年结转", "上年结转结余"}}, {ColCarryGeneralPublic, []string{"一般公共预算"}},
		{ColCarryGovFund, []string{"政府性基金预算"}}, {ColCarryStateCapital, []string{"国有资本经营预算"}},
		{ColCarrySpecial, []string{"财政专户管理资金"}}, {ColCarryUnitFunds, []string{"单位资金"}},
	}

	ocrSubjectCode = regexp.MustCompile(`^\d{3}(?:\d{2}){0,2}$`)
	ocrEmptyText   = regexp.MustCompile(`本(?:部门|单位)?本?年(?:度)?(?:无|没有)|本表为空表|^无$`)
)

// ocrMoneyIDs returns the set of money column ids of a template.
func ocrMoneyIDs(specs []ocrColSpec) map[string]bool {
	m := map[string]bool{}
	for _, s := range specs {
		if s.id != ocrColCode && s.id != ocrColName && s.id != ocrColUnit {
			m[s.id] = true
		}
	}
	return m
}

// ocrNewTable starts a table from its section.
func ocrNewTable(s *ocrSection, unit model.Unit) *model.Table {
	return &model.Table{ID: s.id, Title: ocrJoin(s.title.Text), Unit: unit, Source: ocrSource(s.id, s.title)}
}

// ocrEmptyTable reports whether a section says it has no data ("本部门本年无…", "本表为空表").
func ocrEmptyTable(s *ocrSection) bool {
	for _, r := range s.rows {
		if ocrRowHasAmount(r.cells) {
			return false
		}
	}
	for _, r := range s.rows {
		if ocrEmptyText.MatchString(ocrSqueeze(r.line.Text)) {
			return true
		}
	}
	return false
}

// readSubjectTable reads a table of function or economic subjects with money columns.
func (p *ocrParser) readSubjectTable(s *ocrSection) *model.Table {
	t := ocrNewTable(s, model.TenThous)
	if ocrEmptyTable(s) {
		t.Empty = true
		return t
	}
	specs := ocrSubjectSpecs[s.id]
	h, ids := ocrFindHeader(s.rows, specs)
	if h < 0 || ocrIndex(ids, ocrColName) < 0 || ocrIndex(ids, model.ColTotal) < 0 {
		p.issue("unread", s.title.No, "%s: no column header recognised", s.id)
		return nil
	}
	data := s.rows[h+1:]
	live := p.liveColumns(s.id, data, ids, ocrMoneyIDs(specs))
	for _, id := range ids {
		if live[id] {
			t.Columns = append(t.Columns, id)
		}
	}
	ci, ni := ocrIndex(ids, ocrColCode), ocrIndex(ids, ocrColName)
	var last *model.Row
	for _, r := range data {
		code, name := ocrCellAt(r.cells, ci), ocrJoin(ocrCellAt(r.cells, ni))
		row := p.subjectRow(t, code, name, r)
		if row == nil {
			if last != nil && code == "" && ocrHasHan(name) && !ocrRowHasAmount(r.cells) && len(ocrNonEmpty(r.cells)) == 1 {
				last.Name += name // a wrapped name
			} else if ocrRowHasAmount(r.cells) {
				p.issue("unread", r.line.No, "%s: row without a subject code: %q", s.id, ocrSqueeze(r.line.Text))
			}
			continue
		}
		for i, id := range ids {
			if live[id] {
				p.addCell(row, id, ocrCellAt(r.cells, i), model.TenThous, r.line)
			}
		}
		t.Rows = append(t.Rows, row)
		last = row
	}
	return t
}

// subjectRow makes the row of a subject line, or nil when the line is not one.
func (p *ocrParser) subjectRow(t *model.Table, code, name string, r ocrRow) *model.Row {
	src := ocrSource(t.ID, r.line)
	if ocrTotalRow(code, name) {
		return &model.Row{Code: model.RowTotal, Name: "合计", Source: src}
	}
	joined := ocrSqueeze(code)
	if !ocrSubjectCode.MatchString(joined) || !ocrRowHasAmount(r.cells) {
		return nil
	}
	row := &model.Row{Code: joined, Name: name, Level: (len(joined) - 1) / 2, Source: src}
	if joined != code {
		row.PrintedCode = code
	}
	if t.ID == model.TableGPBEconomic && len(joined) == 5 && EconomicName(joined) == "" {
		if c := EconomicCodeByName(joined[:3], name); c != "" {
			row.PrintedCode, row.Code = code, c
			row.CodeResolved = "code " + code + " is not an economic subject; resolved by name " + name
		}
	}
	return row
}

// ocrTotalRow reports whether a row's code and name cells print 合计 (in either cell).
func ocrTotalRow(code, name string) bool {
	c, n := ocrSqueeze(code), ocrSqueeze(name)
	return c == "" && (n == "合计" || n == "总计") || n == "" && (c == "合计" || c == "总计")
}

func ocrNonEmpty(cells []string) []string {
	var out []string
	for _, c := range cells {
		if c != "" {
			out = append(out, c)
		}
	}
	return out
}

// readIncome reads 收入总表: one row per unit, money by source; its unit rows give doc.Units.
func (p *ocrParser) readIncome(s *ocrSection) *model.Table {
	t := ocrNewTable(s, model.TenThous)
	h, ids := ocrFindHeader(s.rows, ocrIncomeSpecs)
	if h < 0 || ocrIndex(ids, model.ColTotal) < 0 {
		p.issue("unread", s.title.No, "income: no column header recognised")
		return nil
	}
	data := s.rows[h+1:]
	live := p.liveColumns(s.id, data, ids, ocrMoneyIDs(ocrIncomeSpecs))
	for _, id := range ids {
		if live[id] {
			t.Columns = append(t.Columns, id)
		}
	}
	ci, ni := ocrIndex(ids, ocrColCode), ocrIndex(ids, ocrColName)
	bySubject := strings.Contains(ocrSqueeze(ocrCellAt(s.rows[h].cells, ci)), "科目") // rows are subjects, not units
	for _, r := range data {
		if !ocrRowHasAmount(r.cells) {
			continue
		}
		code, name := ocrSqueeze(ocrCellAt(r.cells, ci)), ocrJoin(ocrCellAt(r.cells, ni))
		row := &model.Row{Code: code, Name: name, Source: ocrSource(t.ID, r.line)}
		switch {
		case ocrTotalRow(code, name):
			row.Code, row.Name = model.RowTotal, "合计"
		case ocrIsDigits(code) && bySubject:
			row.Level = (len(code) - 1) / 2
		case ocrIsDigits(code):
			p.doc.Units = append(p.doc.Units, model.OrgUnit{Code: code, Name: name})
		default:
			p.issue("unread", r.line.No, "income: row without a unit code: %q", ocrSqueeze(r.line.Text))
			continue
		}
		for i, id := range ids {
			if live[id] {
				p.addCell(row, id, ocrCellAt(r.cells, i), model.TenThous, r.line)
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func ocrIsDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// ocrSangongSpecs are the 三公 columns in the template's left-to-right order.
var ocrSangongSpecs = []ocrColSpec{
	{model.RowTotal, []string{"合计"}}, {model.RowOverseas, []string{"因公出国(境)费", "因公出国境费用"}},
	{model.RowVehicleTotal, []string{"小计", "公务用车购置及运行费"}}, {model.RowVehiclePurchase, []string{"公务用车购置费"}},
	{model.RowVehicleOperation, []string{"公务用车运行费", "公务用车运行维护费"}}, {model.RowReception, []string{"公务接待费"}},
}

var ocrSangongNames = map[string]string{model.RowTotal: "合计", model.RowOverseas: "因公出国(境)费",
	model.RowVehicleTotal: "公务用车购置及运行费", model.RowVehiclePurchase: "公务用车购置费",
	model.RowVehicleOperation: "公务用车运行费", model.RowReception: "公务接待费"}

// readSangong reads the 三公 table. Its header may have been read right to left: the order is
// taken from whichever reading of the header words fits the template better.
func (p *ocrParser) readSangong(s *ocrSection) *model.Table {
	t := ocrNewTable(s, model.TenThous)
	if ocrEmptyTable(s) {
		t.Empty = true
		return t
	}
	t.Columns = []string{model.ColTotal}
	rev := make([]ocrColSpec, len(ocrSangongSpecs))
	for i, sp := range ocrSangongSpecs {
		rev[len(rev)-1-i] = sp
	}
	var ids []string
	best, reversed := 0.0, false
	for _, r := range s.rows {
		if ocrRowHasAmount(r.cells) || len(r.cells) > 0 && ocrIsAmount(r.cells[0]) {
			if ids == nil {
				break
			}
			p.sangongRows(t, ids, r, reversed)
			return t
		}
		for k, specs := range [][]ocrColSpec{ocrSangongSpecs, rev} {
			if got, score := ocrAlign(r.cells, specs); score > best {
				best, ids, reversed = score, got, k == 1
			}
		}
	}
	p.issue("unread", s.title.No, "sangong: no header and amount row recognised")
	return nil
}

func (p *ocrParser) sangongRows(t *model.Table, ids []string, r ocrRow, reversed bool) {
	ids = sangongByOrder(ids, r.cells, reversed)
	for _, sp := range ocrSangongSpecs {
		i := ocrIndex(ids, sp.id)
		if i < 0 {
			continue
		}
		row := &model.Row{Code: sp.id, Name: ocrSangongNames[sp.id], Source: ocrSource(t.ID, r.line)}
		p.addCell(row, model.ColTotal, ocrCellAt(r.cells, i), model.TenThous, r.line)
		t.Rows = append(t.Rows, row)
	}
}

// sangongByOrder handles a header split over two rows (合计, 因公出国, 接待 above; 小计, 购置, 运行
// below): when the best header row names fewer columns than the amount row has six amounts, the
// amounts are the template's six columns in the header's reading direction.
func sangongByOrder(ids, cells []string, reversed bool) []string {
	var amounts []int
	for i, c := range cells {
		if _, err := text.NormalizeNumber(c); err == nil {
			amounts = append(amounts, i)
		}
	}
	named := len(ocrNonEmpty(ids))
	if named >= len(ocrSangongSpecs) || len(amounts) != len(ocrSangongSpecs) {
		return ids
	}
	out := make([]string, len(cells))
	for k, pos := range amounts {
		sp := ocrSangongSpecs[k]
		if reversed {
			sp = ocrSangongSpecs[len(ocrSangongSpecs)-1-k]
		}
		out[pos] = sp.id
	}
	return out
}

// ocrSummaryCode maps a printed label of 收支总表 / 财政拨款收支总表 to a row code and level.
func ocrSummaryCode(label string) (string, int) {
	n := ocrSqueeze(stripOrdinal(label))
	switch {
	case n == "":
		return "", 0
	case strings.Contains(n, "收入总计"):
		return model.RowIncomeTotal, 0
	case strings.Contains(n, "支出总计"):
		return model.RowExpenditureTotal, 0
	case strings.HasPrefix(n, "本年收入"):
		return model.RowIncomeCurrent, 0
	case strings.HasPrefix(n, "本年支出"):
		return model.RowExpenditureCurrent, 0
	case strings.HasPrefix(n, "上年结"), strings.HasPrefix(n, "年初结转"):
		return model.RowCarryIn, 0
	case strings.HasPrefix(n, "年终结"), strings.HasPrefix(n, "年末结"):
		return model.RowCarryOut, 0
	}
	if strings.Contains(n, "支出") {
		if c := ClassCodeByName(n); c != "" {
			return c, 1
		}
	}
	if c := ocrSourceCode(n); c != "" {
		return c, 0
	}
	if c := ClassCodeByName(n); c != "" {
		return c, 1
	}
	return "", 0
}

// ocrSourceCode maps an income source label (names may be cut) to its column id.
func ocrSourceCode(n string) string {
	keys := []struct{ key, code string }{
		{"一般公共预算", model.ColGeneralPublic}, {"政府性基金", model.ColGovFund}, {"国有资本", model.ColStateCapital},
		{"财政专户", model.ColSpecial}, {"事业单位经营", model.ColOperating}, {"事业收入", model.ColBusiness},
		{"上级补助", model.ColHigherLevel}, {"附属单位", model.ColSubordinate}, {"其他收入", model.ColOther},
	}
	for _, k := range keys {
		if strings.HasPrefix(n, k.key) {
			return k.code
		}
	}
	return ""
}
