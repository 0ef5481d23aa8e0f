package check_test

import (
	"budgetql/loader/check"
	"budgetql/loader/model"
	"budgetql/loader/text"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// ckAmount reads a printed cell; "" is a blank cell.
func ckAmount(t *testing.T, printed string, unit model.Unit) model.Amount {
	t.Helper()
	a, err := text.ParseAmount(printed, unit)
	if err != nil {
		t.Fatalf("ParseAmount(%q): %v", printed, err)
	}
	return a
}

// ckBuilder builds a table for tests: rows are given as code, name, then one printed cell per column.
type ckBuilder struct {
	t    *testing.T
	tab  *model.Table
	line int
}

func ckNewTable(t *testing.T, id model.TableID, unit model.Unit, cols ...string) *ckBuilder {
	return &ckBuilder{t: t, tab: &model.Table{ID: id, Unit: unit, Columns: cols}, line: 100}
}

// row appends a row; a cell "-" means the column is not printed for that row at all.
func (b *ckBuilder) row(code, name string, cells ...string) *ckBuilder {
	b.t.Helper()
	b.line++
	r := &model.Row{Code: code, Name: name, Source: model.Source{Table: b.tab.ID, Line: b.line}}
	for i, c := range cells {
		if c == "-" {
			continue
		}
		r.Cells = append(r.Cells, model.Cell{Column: b.tab.Columns[i], Amount: ckAmount(b.t, c, b.tab.Unit)})
	}
	b.tab.Rows = append(b.tab.Rows, r)
	return b
}

func ckYuan(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func ckFind(t *testing.T, doc *model.Document, id string) model.Check {
	t.Helper()
	for _, c := range doc.Checks {
		if string(c.ID) == id {
			return c
		}
	}
	var ids []string
	prefix := id[:strings.IndexByte(id+":", ':')]
	for _, c := range doc.Checks {
		if strings.HasPrefix(string(c.ID), prefix) {
			ids = append(ids, string(c.ID))
		}
	}
	t.Fatalf("no check %q among %d checks; those starting %q: %s", id, len(doc.Checks), prefix, strings.Join(ids, ", "))
	return model.Check{}
}

func ckAssert(t *testing.T, doc *model.Document, id string, want model.CheckResult, expected, actual string) model.Check {
	t.Helper()
	c := ckFind(t, doc, id)
	if c.Result != want {
		t.Errorf("%s: result %s, want %s (%s)", id, c.Result, want, c.Detail)
	}
	if expected != "" && !c.Expected.Equal(ckYuan(expected)) {
		t.Errorf("%s: expected %s, want %s", id, c.Expected, expected)
	}
	if actual != "" && !c.Actual.Equal(ckYuan(actual)) {
		t.Errorf("%s: actual %s, want %s", id, c.Actual, actual)
	}
	return c
}

func ckCell(t *testing.T, tab *model.Table, code, col string) model.Amount {
	t.Helper()
	r := tab.Row(code)
	if r == nil {
		t.Fatalf("%s: no row %s", tab.ID, code)
	}
	a, ok := r.Cell(col)
	if !ok {
		t.Fatalf("%s %s: no column %s", tab.ID, code, col)
	}
	return a
}

// zengduSeed builds the zengdu 2024 tables the checks read, with the figures printed in
// zengdu-zwfw-budget-2024.txt (万元; 收支总表, 财政拨款收支总表, 支出总表, 基本支出表, 三公).
func ckZengduSeed(t *testing.T, appropriation221, reception string) *model.Document {
	sum := ckNewTable(t, model.TableSummary, model.TenThous, model.ColTotal).
		row(model.ColGeneralPublic, "一、一般公共预算拨款收", "447. 48").row(model.ColGovFund, "二、政府性基金预算拨款", "0.00").
		row(model.ColBusiness, "五、事业收入", "0.00").
		row("201", "一、一般公共服务支出", "412.84").row("204", "二、公共安全支出", "0.00").
		row("208", "六、社会保障和就业支出", "16. 98").row("210", "七、卫生健康支出", "9. 40").
		row("221", "十七、住房保障支出", "8. 27").
		row(model.RowIncomeCurrent, "本年收入合计", "447. 48").row(model.RowExpenditureCurrent, "本年支出合计", "447. 48").
		row(model.RowCarryIn, "上年结转结余", "0.00").row(model.RowCarryOut, "年终结转结余", "0.00").
		row(model.RowIncomeTotal, "收 入 总 计", "447. 48").row(model.RowExpenditureTotal, "支 出 总 计", "447. 48").tab
	appr := ckNewTable(t, model.TableAppropriation, model.TenThous, model.ColTotal).
		row(model.RowIncomeCurrent, "一、本年收入", "447.48").row(model.ColGeneralPublic, "(一) 一般公共預算拨款", "447.48").
		row(model.ColGovFund, "(二)政府性基金预算拨款", "").row(model.RowCarryIn, "二、上年结特", "").
		row(model.RowExpenditureCurrent, "一、本年支出", "447.48").
		row("201", "(一) 一般公共服务支出", "412.84").row("202", "(二) 国防支出", "").
		row("208", "(七)社会保障和就业支出", "16.98").row("210", "(八)卫生健康支出", "9.40").
		row("221", "(十八) 住房保障支出", appropriation221).row(model.RowCarryOut, "二、年终结转结余", "").
		row(model.RowIncomeTotal, "收入总计", "447.48").row(model.RowExpenditureTotal, "支 出 总 计", "447.48").tab
	exp := ckNewTable(t, model.TableExpenditure, model.TenThous, model.ColTotal, model.ColBasic, model.ColProject).
		row(model.RowTotal, "合计", "447.48", "170.48", "277.00").
		row("201", "一般公共服务支出", "412.84", "135.84", "277.00").
		row("20103", "政府办公厅(室)及相关机构事务", "412.84", "135.84", "277.00").
		row("2010301", "行政运行", "135.84", "135.84", "0.00").row("2010302", "一般行政管理事务", "277.00", "0.00", "277.00").
		row("208", "社会保障和就业支出", "16.98", "16.98", "0.00").
		row("20805", "行政事业单位养老支出", "16.89", "16.89", "0.00").
		row("2080501", "行政单位离退休", "3.47", "3. 47", "0.00").
		row("2080505", "机关事业单位基本养老保险缴费支出", "8.94", "8.94", "0.00").
		row("2080506", "机关事业单位职业年金缴费支出", "4. 47", "4. 47", "0.00").
		row("20899", "其他社会保障和就业支出", "0.09", "0.09", "0.00").row("2089999", "其他社会保障和就业支出", "0.09", "0.09", "0.00").
		row("210", "卫生健康支出", "9.40", "9.40", "0.00").row("21011", "行政事业单位医疗", "9.40", "9.40", "0.00").
		row("2101101", "行政单位医疗", "5. 68", "5. 68", "0.00").row("2101103", "公务员医疗补助", "3. 72", "3.72", "0.00").
		row("221", "住房保障支出", "8. 27", "8. 27", "0.00").row("22102", "住房改革支出", "8.27", "8. 27", "0.00").
		row("2210201", "住房公积金", "8. 27", "8. 27", "0.00").tab
	econ := ckNewTable(t, model.TableGPBEconomic, model.TenThous, model.ColTotal, model.ColPersonnel, model.ColPublicUse).
		row(model.RowTotal, "合计", "170.48", "157.52", "12.96").
		row("301", "工资福利支出", "153.68", "153.68", "0.00").
		row("30101", "基本工资", "23.57", "23.57", "0.00").row("30102", "津贴补贴", "15.53", "15.53", "0.00").
		row("30103", "奖金", "29.78", "29.78", "0.00").row("30108", "机关事业单位基本养老保险缴费", "8.94", "8.94", "0.00").
		row("30109", "职业年金缴费", "4. 47", "4. 47", "0.00").row("30110", "职工基本医疗保险缴费", "5.02", "5. 02", "0.00").
		row("30111", "公务员医疗补助缴费", "3.34", "3.34", "0.00").row("30112", "其他社会保障缴费", "0.76", "0.76", "0.00").
		row("30113", "住房公积金", "8.27", "8. 27", "0.00").row("30199", "其他工资福利支出", "54.00", "54.00", "0.00").
		row("302", "商品和服务支出", "12.96", "0.00", "12.96").
		row("30201", "办公费", "2.00", "0.00", "2.00").row("30202", "印刷费", "0.30", "0.00", "0.30").
		row("30207", "邮电费", "0.20", "0.00", "0.20").row("30211", "差旅费", "0.30", "0.00", "0.30").
		row("30213", "维修(护)费", "0.05", "0.00", "0.05").row("30215", "会议费", "0.12", "0.00", "0.12").
		row("30217", "公务接待费", "0.14", "0.00", "0.14").row("30227", "委托业务费", "0.00", "0.00", "0.00").
		row("30228", "工会经费", "0.68", "0.00", "0.68").row("30229", "福利费", "0.92", "0.00", "0.92").
		row("30239", "其他交通费用", "3.89", "0.00", "3.89").row("30299", "其他商品和服务支出", "4.35", "0.00", "4.35").
		row("303", "对个人和家庭的补助", "3.84", "3.84", "0.00").
		row("30302", "退休费", "3.47", "3.47", "0.00").row("30307", "医疗费补助", "0.37", "0.37", "0.00").tab
	gpb := ckNewTable(t, model.TableGPBFunction, model.TenThous, model.ColTotal, model.ColBasic, model.ColPersonnel, model.ColPublicUse, model.ColProject).
		row(model.RowTotal, "合计", "447.48", "170.48", "157.52", "12.96", "277.00").
		row("201", "一般公共服务支出", "412.84", "135.84", "122.88", "12.96", "277.00").
		row("208", "社会保障和就业支出", "16.98", "16.98", "16.98", "0.00", "0.00").
		row("210", "卫生健康支出", "9.40", "9.40", "9.40", "0.00", "0.00").
		row("221", "住房保障支出", "8. 27", "8. 27", "8. 27", "0.00", "0.00").tab
	sg := ckNewTable(t, model.TableSangong, model.TenThous, model.ColTotal).
		row(model.RowReception, "公务接待费", reception).row(model.RowVehicleOperation, "公务用车运行费", "0.00").
		row(model.RowVehiclePurchase, "公务用车购置费", "0.00").row(model.RowVehicleTotal, "小计", "0.00").
		row(model.RowOverseas, "因公出国(境)费", "0.00").row(model.RowTotal, "合计", "0.14").tab
	return &model.Document{Tables: []*model.Table{sum, appr, exp, gpb, econ, sg}}
}

// TestChecksZengduRepairs: QUERIES.md 9 on the seed's figures. 住房保障支出 printed "8.2" in
// 财政拨款收支总表 → 8.27万 (the identity allows 8.24–8.28 within rounding; every other table prints
// 8.27); 公务接待费 printed "0. 1" → 0.14万 (三公 合计 0.14 determines it; economic 30217 agrees); the
// 收支总表 classes sum to 447.49 vs 447.48: rounding.
func TestChecksZengduRepairs(t *testing.T) {
	doc := ckZengduSeed(t, "8.2", "0. 1")
	check.Run(doc, nil)

	a := ckCell(t, doc.Table(model.TableAppropriation), "221", model.ColTotal)
	if !a.Yuan.Equal(ckYuan("82700")) || a.Status != model.StatusRepaired || a.Printed != "8.2" || a.Note == "" {
		t.Errorf("appropriation 221: got %s %s printed %q note %q, want 82700 repaired printed \"8.2\"", a.Yuan, a.Status, a.Printed, a.Note)
	}
	r := ckCell(t, doc.Table(model.TableSangong), model.RowReception, model.ColTotal)
	if !r.Yuan.Equal(ckYuan("1400")) || r.Status != model.StatusRepaired || r.Printed != "0. 1" {
		t.Errorf("sangong reception: got %s %s printed %q, want 1400 repaired printed \"0. 1\"", r.Yuan, r.Status, r.Printed)
	}
	if len(doc.Repairs) != 2 {
		t.Fatalf("repairs: %+v, want 2", doc.Repairs)
	}
	want := map[string]model.Repair{
		"221":              {Table: model.TableAppropriation, RowName: "(十八) 住房保障支出", Column: model.ColTotal, Printed: "8.2", Value: ckYuan("82700")},
		model.RowReception: {Table: model.TableSangong, RowName: "公务接待费", Column: model.ColTotal, Printed: "0. 1", Value: ckYuan("1400")},
	}
	for _, got := range doc.Repairs {
		w, ok := want[got.RowCode]
		if !ok || got.Table != w.Table || got.RowName != w.RowName || got.Column != w.Column || got.Printed != w.Printed ||
			!got.Value.Equal(w.Value) || got.Line == 0 || got.Rule == "" {
			t.Errorf("repair %+v, want %+v", got, w)
		}
	}
	ckAssert(t, doc, "appropriation:classes:total", model.CheckRepaired, "4474800", "4474900")
	ckAssert(t, doc, "sangong:total:total", model.CheckRepaired, "1400", "1400")
	ckAssert(t, doc, "summary:classes:total", model.CheckRounding, "4474800", "4474900")
	ckAssert(t, doc, "cross:sangong_reception", model.CheckRepaired, "1400", "1400")
	ckAssert(t, doc, "summary:income_sources", model.CheckPass, "4474800", "4474800")
	ckAssert(t, doc, "summary:income_total", model.CheckPass, "4474800", "4474800")
	ckAssert(t, doc, "summary:balance", model.CheckPass, "4474800", "4474800")
	ckAssert(t, doc, "cross:economic_basic:total", model.CheckPass, "1704800", "1704800")
	ckAssert(t, doc, "tree:gpb_basic_economic:total:personnel", model.CheckPass, "1575200", "1575200")
	// The seed's own rounding: 3.47 + 8.94 + 4.47 = 16.88 under 20805 printed 16.89.
	ckAssert(t, doc, "tree:expenditure:20805:total", model.CheckRounding, "168900", "168800")
	ckAssert(t, doc, "tree:gpb_function:total:basic", model.CheckRounding, "1704800", "1704900")
	ckAssert(t, doc, "tree:gpb_function:total:project", model.CheckPass, "2770000", "2770000")
	for _, c := range doc.Checks {
		if c.Result == model.CheckFailed {
			t.Errorf("unexpected failure %s: %s", c.ID, c.Detail)
		}
	}
}

// TestChecksNoRepairFullPrecision: "8.20" has the table's two decimals, so it is never repaired,
// whatever the identity says.
func TestChecksNoRepairFullPrecision(t *testing.T) {
	doc := ckZengduSeed(t, "8.20", "0.14")
	check.Run(doc, nil)
	if len(doc.Repairs) != 0 {
		t.Errorf("repairs %+v, want none", doc.Repairs)
	}
	a := ckCell(t, doc.Table(model.TableAppropriation), "221", model.ColTotal)
	if !a.Yuan.Equal(ckYuan("82000")) || a.Status != model.StatusReported {
		t.Errorf("appropriation 221 = %s %s, want 82000 reported", a.Yuan, a.Status)
	}
	ckAssert(t, doc, "appropriation:classes:total", model.CheckFailed, "4474800", "4474200")
}

// TestChecksNoRepairUndetermined: with no other printing of 221, "8.2" could be 8.24–8.28 within
// rounding: not repaired, and the check says why.
func TestChecksNoRepairUndetermined(t *testing.T) {
	doc := ckZengduSeed(t, "8.2", "0.14")
	var keep []*model.Table
	for _, tab := range doc.Tables {
		if tab.ID == model.TableAppropriation || tab.ID == model.TableSangong {
			keep = append(keep, tab)
		}
	}
	doc.Tables = keep
	check.Run(doc, nil)
	if len(doc.Repairs) != 0 {
		t.Errorf("repairs %+v, want none", doc.Repairs)
	}
	c := ckAssert(t, doc, "appropriation:classes:total", model.CheckFailed, "4474800", "4474200")
	if !strings.Contains(c.Detail, "not repaired") {
		t.Errorf("detail %q should say why it was not repaired", c.Detail)
	}
}

// TestChecksRepairByIdentityAlone: in a 元 table the identity determines the digits exactly.
func TestChecksRepairByIdentityAlone(t *testing.T) {
	tab := ckNewTable(t, model.TableGPBFunction, model.Yuan, model.ColTotal, model.ColBasic, model.ColProject).
		row(model.RowTotal, "合计", "3,807,295.58", "3,767,295.58", "40,000.00").
		row("2060101", "事业运行", "3,807,295.5", "3,767,295.58", "40,000.00").tab
	doc := &model.Document{Tables: []*model.Table{tab}}
	check.Run(doc, nil)
	a := ckCell(t, tab, "2060101", model.ColTotal)
	if !a.Yuan.Equal(ckYuan("3807295.58")) || a.Status != model.StatusRepaired {
		t.Errorf("2060101 total = %s %s, want 3807295.58 repaired", a.Yuan, a.Status)
	}
	ckAssert(t, doc, "row:gpb_function:2060101:basic_project", model.CheckRepaired, "3807295.58", "3807295.58")
}

// TestChecksNoRepairOfWholeFigures: integers and zeros in a 2-decimal table are figures printed
// whole ("25" for 公务用车购置费 25万 in 万里 2024), never truncations, even when an identity fails.
func TestChecksNoRepairOfWholeFigures(t *testing.T) {
	sg := ckNewTable(t, model.TableSangong, model.TenThous, model.ColTotal).
		row(model.RowTotal, "合计", "47.91").row(model.RowOverseas, "因公出国(境)费", "0").
		row(model.RowReception, "公务接待费", "1.35").row(model.RowVehicleTotal, "小计", "46.56").
		row(model.RowVehiclePurchase, "购置费", "25").row(model.RowVehicleOperation, "运行费", "21.50").tab
	doc := &model.Document{Tables: []*model.Table{sg}}
	check.Run(doc, nil)
	if len(doc.Repairs) != 0 {
		t.Errorf("repairs %+v, want none", doc.Repairs)
	}
	ckAssert(t, doc, "sangong:vehicle:total", model.CheckFailed, "465600", "465000")
	ckAssert(t, doc, "sangong:total:total", model.CheckPass, "479100", "479100")
}

// TestChecksNoRepairAgainstOtherPrinting: the identity alone would give 3,807,295.58, but the
// expenditure table prints the same subject as 3,807,295.49: conflicting evidence, no repair.
func TestChecksNoRepairAgainstOtherPrinting(t *testing.T) {
	gpb := ckNewTable(t, model.TableGPBFunction, model.Yuan, model.ColTotal, model.ColBasic, model.ColProject).
		row("2060101", "事业运行", "3,807,295.5", "3,767,295.58", "40,000.00").tab
	exp := ckNewTable(t, model.TableExpenditure, model.Yuan, model.ColTotal, model.ColBasic, model.ColProject).
		row("2060101", "事业运行", "3,807,295.49", "3,767,295.49", "40,000.00").tab
	doc := &model.Document{Tables: []*model.Table{gpb, exp}}
	check.Run(doc, nil)
	if len(doc.Repairs) != 0 {
		t.Errorf("repairs %+v, want none", doc.Repairs)
	}
	c := ckAssert(t, doc, "row:gpb_function:2060101:basic_project", model.CheckFailed, "3807295.5", "3807295.58")
	if !strings.Contains(c.Detail, "printed elsewhere as 3807295.49") {
		t.Errorf("detail %q should name the other printing", c.Detail)
	}
}

// TestChecksNoisyRepairsInTurn: a noisy variant of the seed with two truncated cells in the
// 收支总表 (208 "16. 9", 本年支出合计 "447. 4"): Σ classes cannot tell them apart, but 208 is
// determined by the expenditure table's class (cross:class:208, confirmed by 16.98 printed there)
// and then 本年支出合计 by Σ classes (confirmed by the appropriation table's 447.48).
func TestChecksNoisyRepairsInTurn(t *testing.T) {
	doc := ckZengduSeed(t, "8.27", "0.14")
	sum := doc.Table(model.TableSummary)
	set := func(code, printed string) {
		r := sum.Row(code)
		r.Cells[0].Amount = ckAmount(t, printed, model.TenThous)
	}
	set("208", "16. 9")
	set(model.RowExpenditureCurrent, "447. 4")
	check.Run(doc, nil)
	if a := ckCell(t, sum, "208", model.ColTotal); !a.Yuan.Equal(ckYuan("169800")) || a.Status != model.StatusRepaired {
		t.Errorf("summary 208 = %s %s, want 169800 repaired", a.Yuan, a.Status)
	}
	if a := ckCell(t, sum, model.RowExpenditureCurrent, model.ColTotal); !a.Yuan.Equal(ckYuan("4474800")) || a.Status != model.StatusRepaired {
		t.Errorf("summary 本年支出合计 = %s %s, want 4474800 repaired", a.Yuan, a.Status)
	}
	ckAssert(t, doc, "summary:classes:total", model.CheckRepaired, "4474800", "4474900")
	ckAssert(t, doc, "cross:class:208", model.CheckRepaired, "169800", "169800")
	if len(doc.Repairs) != 2 {
		t.Errorf("repairs %+v, want 2", doc.Repairs)
	}
}
