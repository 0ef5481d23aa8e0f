package loader

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"os"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

const ocrZengduPath = "../testdata/corpus/zengdu-zwfw-budget-2024.txt"

// mustOCR reads an OCR text through identify and parseOCR only (no narrative, no checks), so the
// figures are what the OCR reader produced.
func mustOCR(t *testing.T, s string) *model.Document {
	t.Helper()
	lines := text.SplitLines(s)
	doc := &model.Document{Format: model.FormatOCR}
	if err := identifyText(doc, lines); err != nil {
		t.Fatalf("identify: %v", err)
	}
	if err := parseOCR(doc, lines); err != nil {
		t.Fatalf("parseOCR: %v", err)
	}
	return doc
}

func ocrZengdu(t *testing.T) *model.Document {
	t.Helper()
	return mustOCR(t, ocrRead(t, ocrZengduPath))
}

func ocrRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// ocrWan converts a figure printed in 万元 to yuan.
func ocrWan(s string) decimal.Decimal {
	return decimal.RequireFromString(s).Mul(decimal.NewFromInt(10000))
}

// ocrCell returns a table cell or fails.
func ocrCell(t *testing.T, doc *model.Document, id model.TableID, code, col string) model.Amount {
	t.Helper()
	tb := doc.Table(id)
	if tb == nil {
		t.Fatalf("no table %s", id)
	}
	r := tb.Row(code)
	if r == nil {
		t.Fatalf("%s: no row %s", id, code)
	}
	a, ok := r.Cell(col)
	if !ok {
		t.Fatalf("%s %s: no column %s", id, code, col)
	}
	return a
}

type ocrCellWant struct {
	table           model.TableID
	code, col, want string // want in 万元 as printed
}

func ocrCheckCells(t *testing.T, doc *model.Document, cases []ocrCellWant) {
	t.Helper()
	for _, c := range cases {
		t.Run(string(c.table)+"/"+c.code+"/"+c.col, func(t *testing.T) {
			a := ocrCell(t, doc, c.table, c.code, c.col)
			if !a.Yuan.Equal(ocrWan(c.want)) || a.Status != model.StatusReported || a.Unit != model.TenThous {
				t.Errorf("got %s yuan (%s, printed %q), want %s 万元 reported", a.Yuan, a.Status, a.Printed, c.want)
			}
		})
	}
}

// Query 2: expenditure by function class, and the 类/款/项 tree with basic and project.
func TestOCRExpenditureByClass(t *testing.T) {
	doc := ocrZengdu(t)
	ocrCheckCells(t, doc, []ocrCellWant{
		{model.TableExpenditure, "201", model.ColTotal, "412.84"}, {model.TableExpenditure, "208", model.ColTotal, "16.98"},
		{model.TableExpenditure, "210", model.ColTotal, "9.40"}, {model.TableExpenditure, "221", model.ColTotal, "8.27"},
		{model.TableExpenditure, "2010301", model.ColBasic, "135.84"}, {model.TableExpenditure, "2010301", model.ColProject, "0.00"},
		{model.TableExpenditure, "2010302", model.ColProject, "277.00"}, {model.TableExpenditure, "2080501", model.ColBasic, "3.47"},
	})
	exp := doc.Table(model.TableExpenditure)
	items := 0
	for _, r := range exp.Rows {
		if len(r.Code) == 7 {
			items++
		}
	}
	if items != 9 {
		t.Errorf("7-digit items: got %d, want 9", items)
	}
	if r := exp.Row("2010301"); r.Name != "行政运行" || r.Level != 3 {
		t.Errorf("2010301: got %q level %d", r.Name, r.Level)
	}
	// The empty extra columns (事业单位经营支出 …) hold only OCR junk: no figures.
	if got := strings.Join(exp.Columns, ","); got != "total,basic,project" {
		t.Errorf("columns: got %s", got)
	}
}

// Query 3 (table parts): basic vs project, personnel vs public use.
func TestOCRBasicProject(t *testing.T) {
	doc := ocrZengdu(t)
	ocrCheckCells(t, doc, []ocrCellWant{
		{model.TableExpenditure, model.RowTotal, model.ColTotal, "447.48"}, {model.TableExpenditure, model.RowTotal, model.ColBasic, "170.48"},
		{model.TableExpenditure, model.RowTotal, model.ColProject, "277.00"}, {model.TableGPBFunction, model.RowTotal, model.ColBasic, "170.48"},
		{model.TableGPBFunction, model.RowTotal, model.ColPersonnel, "157.52"}, {model.TableGPBFunction, model.RowTotal, model.ColPublicUse, "12.96"},
		{model.TableGPBFunction, "2010301", model.ColPersonnel, "122.88"},
	})
}

// Query 4: basic expenditure by economic class.
func TestOCREconomic(t *testing.T) {
	doc := ocrZengdu(t)
	ocrCheckCells(t, doc, []ocrCellWant{
		{model.TableGPBEconomic, model.RowTotal, model.ColTotal, "170.48"}, {model.TableGPBEconomic, "301", model.ColTotal, "153.68"},
		{model.TableGPBEconomic, "302", model.ColTotal, "12.96"}, {model.TableGPBEconomic, "303", model.ColTotal, "3.84"},
		{model.TableGPBEconomic, "30217", model.ColTotal, "0.14"}, {model.TableGPBEconomic, "30217", model.ColPublicUse, "0.14"},
	})
	if r := doc.Table(model.TableGPBEconomic).Row("30217"); r.Name != "公务接待费" {
		t.Errorf("30217: got %q", r.Name)
	}
}

func TestOCRSummary(t *testing.T) {
	doc := ocrZengdu(t)
	ocrCheckCells(t, doc, []ocrCellWant{
		{model.TableSummary, model.RowIncomeTotal, model.ColTotal, "447.48"}, {model.TableSummary, model.RowExpenditureTotal, model.ColTotal, "447.48"},
		{model.TableSummary, model.ColGeneralPublic, model.ColTotal, "447.48"}, {model.TableSummary, model.ColSpecial, model.ColTotal, "0.00"},
		{model.TableSummary, model.RowCarryIn, model.ColTotal, "0.00"}, {model.TableSummary, model.RowIncomeCurrent, model.ColTotal, "447.48"},
		{model.TableSummary, "208", model.ColTotal, "16.98"}, {model.TableSummary, "223", model.ColTotal, "0.00"},
		{model.TableSummary, "229", model.ColTotal, "0.00"}, {model.TableSummary, model.RowCarryOut, model.ColTotal, "0.00"},
	})
	sum := doc.Table(model.TableSummary)
	if r := sum.Row(model.ColStateCapital); r == nil || r.Source.Line != 129 {
		t.Errorf("state_capital income row: got %+v, want line 129 (not the 国有资本经营预算支出 class)", r)
	}
	// Stray cells (9, -, =, ·) in the empty income slots are not figures.
	for _, r := range sum.Rows {
		if r.Source.Line >= 136 && r.Source.Line <= 150 && r.Level != 1 {
			t.Errorf("line %d: unexpected row %s %q", r.Source.Line, r.Code, r.Name)
		}
	}
	if len(sum.Rows) != 9+24+6 {
		t.Errorf("summary rows: got %d, want 39", len(sum.Rows))
	}
}

func TestOCRIncome(t *testing.T) {
	doc := ocrZengdu(t)
	ocrCheckCells(t, doc, []ocrCellWant{
		{model.TableIncome, model.RowTotal, model.ColTotal, "447.48"}, {model.TableIncome, "016001", model.ColGeneralPublic, "447.48"},
		{model.TableIncome, "016001", ColIncomeCurrent, "447.48"}, {model.TableIncome, "016001", model.ColBusiness, "0.00"},
		{model.TableIncome, "016", model.ColStateCapital, "0.00"}, {model.TableIncome, "016", model.ColCarryover, "0.00"},
		{model.TableIncome, "016", ColCarryUnitFunds, "0.00"},
	})
	want := []model.OrgUnit{{Code: "016", Name: "曾都区政务服务和大数据管理局"}, {Code: "016001", Name: "曾都区政务服务和大数据管理局本级"}}
	if len(doc.Units) != 2 || doc.Units[0] != want[0] || doc.Units[1] != want[1] {
		t.Errorf("units: got %+v", doc.Units)
	}
	if doc.Region.Code != "421303" {
		t.Errorf("region code: got %q", doc.Region.Code)
	}
}

// The appropriation table keeps the truncated "8.2" as printed; junk in the classes column is
// reported, not read.
func TestOCRAppropriation(t *testing.T) {
	doc := ocrZengdu(t)
	a := ocrCell(t, doc, model.TableAppropriation, "221", model.ColTotal)
	if a.Printed != "8.2" || !a.Yuan.Equal(ocrWan("8.20")) || a.Status != model.StatusReported {
		t.Errorf("221: got %+v", a)
	}
	ocrCheckCells(t, doc, []ocrCellWant{
		{model.TableAppropriation, "201", model.ColTotal, "412.84"}, {model.TableAppropriation, model.ColGeneralPublic, model.ColTotal, "447.48"},
		{model.TableAppropriation, model.RowExpenditureTotal, model.ColTotal, "447.48"},
	})
	if a := ocrCell(t, doc, model.TableAppropriation, "203", model.ColTotal); a.Status != model.StatusBlank {
		t.Errorf("203 国防: got %+v, want blank", a)
	}
	if r := doc.Table(model.TableAppropriation).Row(rowCarryInPrefix + model.ColGeneralPublic); r == nil {
		t.Error("no carry_in_general_public_budget row")
	}
	unread := map[int]bool{}
	for _, is := range doc.Issues {
		if is.Kind == "unread" {
			unread[is.Line] = true
		}
	}
	for _, l := range []int{206, 208, 209, 212, 214, 215, 219, 228, 230} {
		if !unread[l] {
			t.Errorf("line %d: no unread issue", l)
		}
	}
	if r := doc.Table(model.TableAppropriation).Row("211"); r == nil || len(r.Cells) != 0 {
		t.Errorf("211 (printed \"2\"): got %+v, want a row without cells", r)
	}
}

// Query 5 table part: the 三公 table was read right to left.
func TestOCRSangong(t *testing.T) {
	doc := ocrZengdu(t)
	ocrCheckCells(t, doc, []ocrCellWant{
		{model.TableSangong, model.RowTotal, model.ColTotal, "0.14"}, {model.TableSangong, model.RowOverseas, model.ColTotal, "0.00"},
		{model.TableSangong, model.RowVehicleTotal, model.ColTotal, "0.00"}, {model.TableSangong, model.RowVehiclePurchase, model.ColTotal, "0.00"},
		{model.TableSangong, model.RowVehicleOperation, model.ColTotal, "0.00"},
	})
	a := ocrCell(t, doc, model.TableSangong, model.RowReception, model.ColTotal)
	if a.Printed != "0. 1" || !a.Yuan.Equal(ocrWan("0.10")) || a.Status != model.StatusReported {
		t.Errorf("reception: got %+v, want 0. 1 as printed", a)
	}
	if tb := doc.Table(model.TableGovFund); tb == nil || !tb.Empty || len(tb.Rows) != 0 {
		t.Errorf("gov_fund: got %+v, want empty", tb)
	}
}

// Query 6: projects of 其他运转类 after the fill from the performance part.
func TestOCRProjects(t *testing.T) {
	doc := ocrZengdu(t)
	var n int
	sum := decimal.Zero
	var largest model.Project
	byCode := map[string]model.Project{}
	for _, p := range doc.Projects {
		if p.Category != "22 其他运转类" {
			continue
		}
		n++
		sum = sum.Add(p.Amount.Yuan)
		if p.Amount.Yuan.GreaterThan(largest.Amount.Yuan) {
			largest = p
		}
		byCode[p.Code] = p
	}
	if n != 8 || !sum.Equal(ocrWan("277.00")) {
		t.Errorf("其他运转类: %d projects, %s yuan; want 8, 277.00 万元", n, sum)
	}
	if largest.Name != "政府购买服务" || !largest.Amount.Yuan.Equal(ocrWan("200.00")) || largest.Amount.Status != model.StatusDerived ||
		largest.Code != "" || !strings.Contains(largest.NameFrom, "line 588") {
		t.Errorf("largest: got %+v", largest)
	}
	p := byCode["42130323016Y000000103"]
	if p.Name != "互联网+放管服便民寄递项目经费" || !p.Amount.Yuan.Equal(ocrWan("14.00")) ||
		p.Amount.Status != model.StatusReported || !strings.Contains(p.NameFrom, "line 562") {
		t.Errorf("…Y000000103: got %+v", p)
	}
	if p := byCode["42130324016Y000000100"]; p.Name != "市、区合属办公项目经费" || p.NameFrom != "" {
		t.Errorf("…Y24…100 keeps its printed name: got %+v", p)
	}
	kinds := map[string]int{}
	for _, is := range doc.Issues {
		kinds[string(is.Kind)+":"+ocrItoa(is.Line)]++
	}
	for _, k := range []string{"lost_name:364", "filled_name:562", "lost_row:361", "filled_row:588"} {
		if kinds[k] == 0 {
			t.Errorf("no issue %s", k)
		}
	}
	r := doc.Table(model.TableProject).Row("016")
	if r == nil || r.PrintedCode != "16" {
		t.Errorf("unit row 16: got %+v, want code 016 printed 16", r)
	}
}

func ocrItoa(i int) string { return decimal.NewFromInt(int64(i)).String() }

// A lost name is filled only when one performance-part project of that amount has no row.
func TestOCRLostNameAmbiguous(t *testing.T) {
	text := strings.Replace(ocrRead(t, ocrZengduPath), "市、区合属办公项目经费", "综合保障经费", 1)
	doc := mustOCR(t, text)
	for _, p := range doc.Projects {
		if p.Code == "42130323016Y000000103" && (p.Name != "" || p.NameFrom != "") {
			t.Errorf("filled although two candidates of 14 万元 have no row: %+v", p)
		}
	}
}

// Query 7: the procurement item (元).
func TestOCRProcurement(t *testing.T) {
	doc := ocrZengdu(t)
	if len(doc.Procurement) != 1 {
		t.Fatalf("procurement items: got %d", len(doc.Procurement))
	}
	it := doc.Procurement[0]
	two := decimal.NewFromInt(2000000)
	if it.Project != "政府购买服务" || it.Category != "[C03040000]人才服务" || it.FunctionSubject != "2010302" ||
		it.EconomicSubject != "30227" || it.Quantity != "1" || it.MeasureUnit != "年" || it.UnitCode != "016001" ||
		it.UnitPrice == nil || !it.UnitPrice.Yuan.Equal(two) || !it.Total.Yuan.Equal(two) || it.Total.Printed != "2000000.00" ||
		it.Total.Unit != model.Yuan {
		t.Errorf("item: got %+v", it)
	}
	if a := ocrCell(t, doc, model.TableProcurement, "C03040000", model.ColTotal); !a.Yuan.Equal(two) {
		t.Errorf("row C03040000: got %+v", a)
	}
	if a := ocrCell(t, doc, model.TableProcurement, model.RowTotal, model.ColTotal); !a.Yuan.Equal(two) || a.Unit != model.Yuan {
		t.Errorf("total: got %+v", a)
	}
	if a := ocrCell(t, doc, model.TableProcurement, model.RowTotal, model.ColSME); a.Status != model.StatusBlank {
		t.Errorf("sme printed empty: got %+v", a)
	}
}

// Query 8: targets of the 12345 hotline project and of the department.
func TestOCRTargets(t *testing.T) {
	doc := ocrZengdu(t)
	type key struct{ code, level3 string }
	got := map[key]model.Target{}
	for _, tg := range doc.Targets {
		got[key{tg.ProjectCode, tg.Level3}] = tg
	}
	hot := "42130323016Y000000101"
	cases := []struct {
		k                             key
		level1, level2, op, val, unit string
	}{
		{key{hot, "组织12345热线工作人员进行学习"}, "产出指标", "数量指标", "≥", "2", "次"},
		{key{hot, "按时办结率"}, "产出指标", "时效指标", "=", "100", "%"},
		{key{hot, "提高人民群众满意度"}, "满意度指标", "社会公众或服务对象满意度指标", "定性", "满意", ""},
		{key{hot, "提高热线工作人员综合素质,改善服务方式,降低案件投诉率。"}, "产出指标", "质量指标", "", "95", "%"},
		{key{"", "业务培训"}, "产出指标", "公共服务", "", "2", "次"},
		{key{"42130323016Y000000105", "政务公开标准化建设,梳理编制、组织实施政务公开事项标准化目录"}, "产出指标", "数量指标", "≥", "70", "%"},
		{key{"42130323016Y000000103", "便民免费寄递,让百姓办事少跑腿、信息多跑路"}, "产出指标", "质量指标", "定性", "便民免费寄递", ""},
	}
	for _, c := range cases {
		t.Run(c.k.level3, func(t *testing.T) {
			tg, ok := got[c.k]
			if !ok {
				t.Fatalf("no target")
			}
			if tg.Level1 != c.level1 || tg.Level2 != c.level2 || tg.Operator != c.op || tg.Value != c.val || tg.MeasureUnit != c.unit {
				t.Errorf("got %s/%s %q %q %q", tg.Level1, tg.Level2, tg.Operator, tg.Value, tg.MeasureUnit)
			}
		})
	}
	if tg := got[key{hot, "按时办结率"}]; tg.ProjectName != "12345热线工作专项经费" || tg.Source.Line != 461 {
		t.Errorf("按时办结率: got %+v", tg)
	}
	var issues []string
	for _, is := range doc.Issues {
		if is.Line == 459 || is.Line == 460 {
			issues = append(issues, string(is.Kind))
		}
	}
	var years []int
	for _, is := range doc.Issues {
		if is.Kind == "year_mismatch" {
			years = append(years, is.Line)
		}
	}
	if len(years) != 1 || years[0] != 601 {
		t.Errorf("year_mismatch at lines %v, want [601] (政府购买服务 form labelled 2023年度)", years)
	}
	if strings.Join(issues, ",") != "filled_operator,unread" {
		t.Errorf("operator issues at 459/460: got %v", issues)
	}
}

// Query 10: staffing.
func TestOCRStaffing(t *testing.T) {
	doc := ocrZengdu(t)
	want := map[string]int{"行政编制": 5, "实有在职人员": 5, "劳务派遣人员": 9}
	if len(doc.Staffing) != len(want) {
		t.Errorf("staffing: got %+v", doc.Staffing)
	}
	for _, s := range doc.Staffing {
		if want[s.Kind] != s.Count || s.Source.Line != 55 {
			t.Errorf("%s: got %d at line %d", s.Kind, s.Count, s.Source.Line)
		}
	}
}

func TestOCRReadCell(t *testing.T) {
	cases := []struct {
		printed string
		unit    model.Unit
		twoDec  bool
		state   ocrCellState
		yuan    string
	}{
		{"447. 48", model.TenThous, true, ocrAmount, "4474800"},
		{"8, 27", model.TenThous, true, ocrAmount, "82700"},
		{"0:00", model.TenThous, true, ocrAmount, "0"},
		{"8.2", model.TenThous, true, ocrAmount, "82000"},
		{"0. 1", model.TenThous, true, ocrAmount, "1000"},
		{"2.", model.TenThous, true, ocrNoise, ""},
		{"2", model.TenThous, true, ocrNoise, ""},
		{"ė.", model.TenThous, true, ocrNoise, ""},
		{"•", model.TenThous, true, ocrNoise, ""},
		{"93.030", model.TenThous, true, ocrNoise, ""},
		{"", model.TenThous, true, ocrBlank, ""},
		{"2000000", model.Yuan, false, ocrAmount, "2000000"},
	}
	for _, c := range cases {
		t.Run(c.printed, func(t *testing.T) {
			a, st := ocrReadCell(c.printed, c.unit, c.twoDec)
			if st != c.state || (c.yuan != "" && !a.Yuan.Equal(decimal.RequireFromString(c.yuan))) {
				t.Errorf("got %v %s, want %v %s", st, a.Yuan, c.state, c.yuan)
			}
		})
	}
}

// Headers are mapped by position within the template, whatever the look-alikes.
func TestOCRAlignHeader(t *testing.T) {
	cells := ocrSplit("(单 位)代 码\t部门(单位)名称\t合计\t亦计\t一般公共预算\t政府性 基金质\t固有瓷 本经营 便算\t财政专 户管理 资金\t李业收入\t事业单 位经营 收入\t上级补助收入\t附属单 位上缴 收入\t其他收 入\t亦计\t一般公共预算\t政府性 基金预算\t国有资 本经营 预算\t财政专 户管理 资金\t单位资 金")
	ids, _ := ocrAlign(cells, ocrIncomeSpecs)
	want := []string{ocrColCode, ocrColName, model.ColTotal, ColIncomeCurrent, model.ColGeneralPublic, model.ColGovFund, model.ColStateCapital,
		model.ColSpecial, model.ColBusiness, model.ColOperating, model.ColHigherLevel, model.ColSubordinate, model.ColOther, model.ColCarryover,
		ColCarryGeneralPublic, ColCarryGovFund, ColCarryStateCapital, ColCarrySpecial, ColCarryUnitFunds}
	if strings.Join(ids, ",") != strings.Join(want, ",") {
		t.Errorf("income header:\n got %v\nwant %v", ids, want)
	}
}

// FuzzOCR: any text, however damaged, is read without panicking.
func FuzzOCR(f *testing.F) {
	if b, err := os.ReadFile(ocrZengduPath); err == nil {
		lines := strings.Split(string(b), "\n")
		for i := 120; i+40 < len(lines); i += 40 {
			f.Add(strings.Join(lines[i:i+40], "\n"))
		}
	}
	f.Add("收支总表\n一、一般公共预算拨款\t1.00\t一、一般公共服务支出\t1.00\n")
	f.Add("项目支出绩效目标申报表\n三级指标\t计算符号\t指标值\n\t\t数量指标\t学习\t≥\t2\t次\n")
	f.Fuzz(func(t *testing.T, s string) {
		// Lines are built without SplitLines' character conversion, which is not under test here.
		var lines []text.Line
		for i, l := range strings.Split(s, "\n") {
			lines = append(lines, text.Line{No: i + 1, Page: 1, Raw: l, Text: text.FoldWidth(l)})
		}
		_ = parseOCR(&model.Document{}, lines)
	})
}

// A 三公 header split over two rows: the six amounts are the template's columns in order.
func TestOCRSangongTwoRowHeader(t *testing.T) {
	doc := mustOCR(t, "测试局2024年部门预算\n一般公共预算\"三公\"经费支出表\n单位:万元\n"+
		"合计\t因公出国(境)费\t公务用车购置及运行费\t公务接待费\n"+
		"\t\t小计\t公务用车购置费\t公务用车运行费\t\n"+
		"1.50\t0.00\t1.20\t0.00\t1.20\t0.30\n")
	ocrCheckCells(t, doc, []ocrCellWant{
		{model.TableSangong, model.RowTotal, model.ColTotal, "1.50"}, {model.TableSangong, model.RowOverseas, model.ColTotal, "0.00"},
		{model.TableSangong, model.RowVehicleTotal, model.ColTotal, "1.20"}, {model.TableSangong, model.RowVehiclePurchase, model.ColTotal, "0.00"},
		{model.TableSangong, model.RowVehicleOperation, model.ColTotal, "1.20"}, {model.TableSangong, model.RowReception, model.ColTotal, "0.30"},
	})
}

// A project name wrapped onto the next line is joined; the category is kept.
func TestOCRProjectWrappedName(t *testing.T) {
	doc := mustOCR(t, "测试局2024年部门预算\n项目支出表\n项目编码\t项目名称\t项目单位\t合计\t一般公共预算\n"+
		"\t\t\t10.00\t10.00\n22\t其他运转类\t\t10.00\t10.00\n"+
		"42130323016Y000000105\t政务公开\t测试局本级\t10.00\t10.00\n\t工作经费\t\t\t\n")
	if len(doc.Projects) != 1 {
		t.Fatalf("projects: got %+v", doc.Projects)
	}
	p := doc.Projects[0]
	if p.Name != "政务公开工作经费" || p.Category != "22 其他运转类" || !p.Amount.Yuan.Equal(ocrWan("10.00")) || p.Unit != "测试局本级" {
		t.Errorf("got %+v", p)
	}
}

// Tables printed as "无…": empty, no rows; a summary row whose right half was not printed.
func TestOCREmptyTablesAndHalfRows(t *testing.T) {
	doc := mustOCR(t, "测试局2024年部门预算\n收支总表\n项目\t预算数\t项目\t预算数\n"+
		"一、一般公共预算拨款收入\t12.50\t一、一般公共服务支出\t12.50\n九、其他收入\t0.00\n"+
		"政府采购预算表\n本部门本年无政府采购预算。\n"+
		"一般公共预算\"三公\"经费支出表\n本单位本年无\"三公\"经费预算。\n")
	ocrCheckCells(t, doc, []ocrCellWant{{model.TableSummary, model.ColOther, model.ColTotal, "0.00"}, {model.TableSummary, "201", model.ColTotal, "12.50"}})
	for _, id := range []model.TableID{model.TableProcurement, model.TableSangong} {
		if tb := doc.Table(id); tb == nil || !tb.Empty || len(tb.Rows) != 0 {
			t.Errorf("%s: got %+v, want empty", id, tb)
		}
	}
}

// A table printed twice: the first copy is read, the second reported with how it differs, and
// it leaves no procurement items behind.
func TestOCRTableTwice(t *testing.T) {
	lines := strings.Split(ocrRead(t, ocrZengduPath), "\n")
	exp := strings.Join(lines[168:193], "\n")  // 支出总表 (lines 169-193)
	proc := strings.Join(lines[369:379], "\n") // 政府采购预算表 (lines 370-379)
	changed := strings.Replace(exp, "行政运行\t135.84", "行政运行\t135.94", 1)
	text := strings.Join(lines[:380], "\n") + "\n" + changed + "\n" + proc + "\n" + strings.Join(lines[380:], "\n")
	doc := mustOCR(t, text)
	n := 0
	for _, tb := range doc.Tables {
		if tb.ID == model.TableExpenditure {
			n++
		}
	}
	if n != 1 || len(doc.Procurement) != 1 {
		t.Errorf("expenditure tables %d, procurement items %d; want 1 and 1", n, len(doc.Procurement))
	}
	ocrCheckCells(t, doc, []ocrCellWant{{model.TableExpenditure, "2010301", model.ColTotal, "135.84"}})
	var dup []string
	for _, is := range doc.Issues {
		if is.Kind == "duplicate_table" {
			dup = append(dup, is.Detail)
		}
	}
	if len(dup) != 2 || !strings.Contains(dup[0], "differ") || !strings.Contains(dup[0], "135.94") ||
		!strings.Contains(dup[1], "the same") {
		t.Errorf("duplicate issues: %q", dup)
	}
}

// A performance-part amount that differs from the project's row is reported.
func TestOCRPerfAmountMismatch(t *testing.T) {
	text := ocrRead(t, ocrZengduPath)
	if got := ocrZengdu(t); ocrHasIssue(got, "narrative_mismatch", 0) {
		t.Errorf("zengdu: unexpected narrative_mismatch: %+v", got.Issues)
	}
	doc := mustOCR(t, strings.Replace(text, "2024年预算安排9万元,其中:9万元", "2024年预算安排8万元,其中:8万元", 1))
	if !ocrHasIssue(doc, "narrative_mismatch", 470) {
		t.Errorf("no narrative_mismatch at line 470: %+v", doc.Issues)
	}
}

// ocrHasIssue reports whether the document has an issue of a kind (at a line, when line > 0).
func ocrHasIssue(doc *model.Document, kind model.IssueKind, line int) bool {
	for _, is := range doc.Issues {
		if is.Kind == kind && (line == 0 || is.Line == line) {
			return true
		}
	}
	return false
}

func TestOCRFuzzyTitle(t *testing.T) {
	cases := map[string]model.TableID{"收入总衰": model.TableIncome, "一般公共预算基本支出衰": model.TableGPBEconomic,
		"一般公共预算支出衰": model.TableGPBFunction, "政府采购预箅表": model.TableProcurement, "项目支出绩效目标申报衰": ocrTargetProject,
		"收入预算情况": "", "项目支出情况": "", "收出总表": ""}
	for in, want := range cases {
		got, ok := ocrFuzzyTitle(in)
		if !ok {
			got = ""
		}
		if got != want {
			t.Errorf("%s: got %q, want %q", in, got, want)
		}
	}
}

// A target whose operator cell is printed empty is read with Operator "".
func TestOCRTargetWithoutOperator(t *testing.T) {
	doc := mustOCR(t, "测试局2024年部门预算\n项目支出表\n项目编码\t项目名称\t项目单位\t合计\n"+
		"22\t其他运转类\t\t3.00\n42130324016Y000000300\t培训经费\t测试局本级\t3.00\n项目支出绩效目标申报表\n"+
		"项目名称\t一级指标\t二级指标\t三级指标\t计算符号\t指标值\t计量单位\n"+
		"培训经费\t产出指标\t数量指标\t完成培训\t\t3\t次\n"+
		"\t\t质量指标\t培训合格率\t≧\t90\t%\n")
	if len(doc.Targets) != 2 {
		t.Fatalf("targets: got %+v", doc.Targets)
	}
	a, b := doc.Targets[0], doc.Targets[1]
	if a.Level3 != "完成培训" || a.Operator != "" || a.Value != "3" || a.MeasureUnit != "次" || a.Level2 != "数量指标" ||
		a.ProjectCode != "42130324016Y000000300" || a.ProjectName != "培训经费" {
		t.Errorf("first: got %+v", a)
	}
	if b.Level3 != "培训合格率" || b.Operator != "≥" || b.Value != "90" || b.Level1 != "产出指标" || b.Level2 != "质量指标" {
		t.Errorf("second: got %+v", b)
	}
}
