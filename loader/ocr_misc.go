package loader

import (
	"budgetql/loader/model"
	"regexp"
	"strconv"
	"strings"
)

const (
	ocrPcProject  = "project"
	ocrPcCategory = "category"
	ocrPcFunction = "function"
	ocrPcEconomic = "economic"
	ocrPcQuantity = "quantity"
	ocrPcPrice    = "unit_price"
	ocrPcMeasure  = "measure_unit"
)

var (
	ocrProcurementSpecs = []ocrColSpec{
		{ocrColCode, []string{"单位代码"}}, {ocrColName, []string{"单位名称"}}, {ocrPcProject, []string{"项目", "项目名称"}},
		{ocrPcCategory, []string{"政府采购品目", "采购品目"}}, {ocrPcFunction, []string{"功能科目", "支出功能分类科目"}},
		{ocrPcEconomic, []string{"部门支出经济分类", "经济科目", "部门经济分类"}}, {"fund_source", []string{"资金来源"}},
		{"fund_nature", []string{"资金性质"}}, {ocrPcQuantity, []string{"采购数量", "数量"}}, {ocrPcPrice, []string{"单价元", "单价"}},
		{ocrPcMeasure, []string{"计量单位"}}, {model.ColTotal, []string{"采购金额合计元", "采购金额合计", "合计"}},
		{model.ColSME, []string{"其中面向中小企业元", "面向中小企业"}}, {model.ColMicro, []string{"其中面向小微企业元", "面向小微企业"}},
	}
	ocrBracketRe     = regexp.MustCompile(`[\[［【]\s*([A-Za-z]?\d+)\s*[\]］】]`)
	ocrStaffClause   = regexp.MustCompile(`^(.*?[\p{Han}])\s*(\d+)\s*[人名]$`)
	ocrStaffPrefixes = []string{"其中", "本单位", "本部门", "单位", "部门", "现有", "共有"}
)

// readProcurement reads 政府采购预算表 (in 元): the 合计 row and one row per item, with doc.Procurement.
func (p *ocrParser) readProcurement(s *ocrSection) *model.Table {
	t := ocrNewTable(s, model.Yuan)
	if ocrEmptyTable(s) {
		t.Empty = true
		return t
	}
	t.Columns = []string{model.ColTotal, model.ColSME, model.ColMicro}
	h, ids := ocrFindHeader(s.rows, ocrProcurementSpecs)
	if h < 0 || ocrIndex(ids, model.ColTotal) < 0 || ocrIndex(ids, ocrPcCategory) < 0 {
		p.issue("unread", s.title.No, "procurement: no column header recognised")
		return nil
	}
	at := func(r ocrRow, id string) string { return ocrJoin(ocrCellAt(r.cells, ocrIndex(ids, id))) }
	for _, r := range s.rows[h+1:] {
		if !ocrIsAmount(at(r, model.ColTotal)) {
			continue
		}
		var row *model.Row
		switch cat := at(r, ocrPcCategory); {
		case ocrTotalRow(at(r, ocrColCode), at(r, ocrColName)):
			row = &model.Row{Code: model.RowTotal, Name: "合计", Source: ocrSource(t.ID, r.line)}
		case cat != "":
			row = &model.Row{Code: ocrBracketCode(cat), Name: at(r, ocrPcProject), Unit: at(r, ocrColName), Source: ocrSource(t.ID, r.line)}
		default:
			continue // a subtotal by office or unit
		}
		for _, col := range t.Columns {
			p.addCell(row, col, at(r, col), model.Yuan, r.line)
		}
		t.Rows = append(t.Rows, row)
		if row.Code != model.RowTotal {
			p.procurementItem(row, func(id string) string { return at(r, id) })
		}
	}
	return t
}

// procurementItem adds the doc.Procurement item of an item row.
func (p *ocrParser) procurementItem(row *model.Row, at func(string) string) {
	it := model.ProcurementItem{UnitCode: ocrSqueeze(at(ocrColCode)), UnitName: at(ocrColName), Project: row.Name,
		Category: at(ocrPcCategory), FunctionSubject: ocrBracketCode(at(ocrPcFunction)),
		EconomicSubject: ocrBracketCode(at(ocrPcEconomic)), Quantity: at(ocrPcQuantity), MeasureUnit: at(ocrPcMeasure),
		Source: row.Source}
	it.Total, _ = row.Cell(model.ColTotal)
	if a, st := ocrReadCell(at(ocrPcPrice), model.Yuan, false); st == ocrAmount {
		it.UnitPrice = &a
	}
	if a, ok := row.Cell(model.ColSME); ok {
		it.SME = &a
	}
	if a, ok := row.Cell(model.ColMicro); ok {
		it.Micro = &a
	}
	p.doc.Procurement = append(p.doc.Procurement, it)
}

// ocrBracketCode returns the code inside brackets ("[C03040000]人才服务" -> C03040000), or the text.
func ocrBracketCode(s string) string {
	if m := ocrBracketRe.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return s
}

// readStaffing reads staffing counts from prose lines about 编制: clauses "<label> N 人".
func (p *ocrParser) readStaffing() {
	seen := map[string]bool{}
	for _, l := range p.lines {
		if strings.Contains(l.Text, "\t") || !strings.Contains(l.Text, "编制") {
			continue
		}
		for _, c := range strings.FieldsFunc(l.Text, func(r rune) bool { return strings.ContainsRune(",，;；。、", r) }) {
			m := ocrStaffClause.FindStringSubmatch(strings.TrimSpace(strings.TrimLeft(c, "- ")))
			if m == nil {
				continue
			}
			kind := ocrSqueeze(m[1])
			for _, pre := range ocrStaffPrefixes {
				if k := strings.TrimPrefix(kind, pre); k != kind && len([]rune(k)) >= 2 {
					kind = k
					break
				}
			}
			n, err := strconv.Atoi(m[2])
			if err != nil || seen[kind] {
				continue
			}
			seen[kind] = true
			p.doc.Staffing = append(p.doc.Staffing, model.Staff{Kind: kind, Count: n, Source: ocrSource(model.TableNarrative, l)})
		}
	}
}

// readRegionCode sets the region code from the project codes when they all agree.
func (p *ocrParser) readRegionCode() {
	code := ""
	for _, pr := range p.doc.Projects {
		if len(pr.Code) < 6 {
			continue
		}
		switch {
		case code == "":
			code = pr.Code[:6]
		case code != pr.Code[:6]:
			return
		}
	}
	if code != "" && p.doc.Region.Code == "" {
		p.doc.Region.Code = code
	}
}
