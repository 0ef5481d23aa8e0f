package loader

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/shopspring/decimal"
)

const finCorpusDoc = "putuo-finance-final-2024"

// mustReadFinal reads the 决算 corpus text with parseLayoutFinal alone.
func mustReadFinal(t *testing.T) *model.Document {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(corpusDir, finCorpusDoc+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	decoded, err := text.DecodeText(data)
	if err != nil {
		t.Fatal(err)
	}
	doc := &model.Document{Kind: model.KindFinal}
	if err := parseLayoutFinal(doc, text.SplitLines(decoded)); err != nil {
		t.Fatal(err)
	}
	for _, is := range doc.Issues {
		t.Errorf("unexpected issue: %+v", is)
	}
	return doc
}

// mustFinTable returns a table of the document, failing the test when it is missing.
func mustFinTable(t *testing.T, doc *model.Document, id model.TableID) *model.Table {
	t.Helper()
	tb := doc.Table(id)
	if tb == nil {
		t.Fatalf("table %s not read", id)
	}
	return tb
}

// finCell is one expected cell: yuan as a decimal string, or "" for a blank cell.
type finCell struct {
	row, col, yuan string
}

// checkFinCells asserts cells of a table, in yuan, blank where yuan is "".
func checkFinCells(t *testing.T, tb *model.Table, want []finCell) {
	t.Helper()
	for _, w := range want {
		r := tb.Row(w.row)
		if r == nil {
			t.Errorf("%s: no row %s", tb.ID, w.row)
			continue
		}
		a, ok := r.Cell(w.col)
		switch {
		case !ok:
			t.Errorf("%s %s: no column %s", tb.ID, w.row, w.col)
		case w.yuan == "" && !a.IsBlank():
			t.Errorf("%s %s %s = %s (%q), want blank", tb.ID, w.row, w.col, a.Yuan, a.Printed)
		case w.yuan != "" && (a.IsBlank() || !a.Yuan.Equal(decimal.RequireFromString(w.yuan))):
			t.Errorf("%s %s %s = %s (%q, %s), want %s", tb.ID, w.row, w.col, a.Yuan, a.Printed, a.Status, w.yuan)
		}
	}
}

func TestLayoutFinalSummary(t *testing.T) {
	doc := mustReadFinal(t)
	tb := mustFinTable(t, doc, model.TableSummary)
	if tb.Unit != model.TenThous || len(tb.Rows) != 42 {
		t.Errorf("summary: unit %s, %d rows; want 万元, 42 (8 sources, 26 classes, 8 totals)", tb.Unit, len(tb.Rows))
	}
	checkFinCells(t, tb, []finCell{
		{model.RowIncomeTotal, model.ColTotal, "29953900"}, {model.RowExpenditureTotal, model.ColTotal, "29953900"},
		{model.RowIncomeCurrent, model.ColTotal, "29462500"}, {model.RowExpenditureCurrent, model.ColTotal, "29400500"},
		{model.RowCarryIn, model.ColTotal, "491400"}, {model.RowCarryOut, model.ColTotal, "553400"},
		{model.ColGeneralPublic, model.ColTotal, "29400500"}, {model.ColOther, model.ColTotal, "62000"}, {model.ColGovFund, model.ColTotal, ""},
		{model.ColSubordinate, model.ColTotal, ""}, {model.RowNonFiscalBalanceUsed, model.ColTotal, ""}, {model.RowBalanceDistribution, model.ColTotal, ""},
		{"201", model.ColTotal, "21066600"}, {"208", model.ColTotal, "3267100"}, {"210", model.ColTotal, "609900"},
		{"221", model.ColTotal, "4456900"}, {"202", model.ColTotal, ""}, {"234", model.ColTotal, ""},
	})
	if r := tb.Row("208"); r == nil || r.Name != "八、社会保障和就业支出" || r.Level != 1 || r.Source.Line != 142 || r.Source.Page != 6 {
		t.Errorf("summary 208 = %+v, want name as printed, level 1, line 142 on page 6", r)
	}
}

func TestLayoutFinalIncome(t *testing.T) {
	doc := mustReadFinal(t)
	tb := mustFinTable(t, doc, model.TableIncome)
	if len(tb.Rows) != 20 {
		t.Errorf("income: %d rows, want 20 (合计 + 4 类 + 4 款 + 11 项)", len(tb.Rows))
	}
	checkFinCells(t, tb, []finCell{
		{model.RowTotal, model.ColTotal, "29462500"}, {model.RowTotal, model.ColFiscal, "29400500"}, {model.RowTotal, model.ColOther, "62000"},
		{model.RowTotal, model.ColHigherLevel, ""}, {"201", model.ColTotal, "21128600"}, {"201", model.ColFiscal, "21066600"},
		{"2010601", model.ColTotal, "15119000"}, {"2010601", model.ColFiscal, "15118900"}, {"2010601", model.ColOther, "100"},
		{"2010602", model.ColOther, "61900"}, {"2010607", model.ColOther, ""}, {"2080505", model.ColFiscal, "1607500"},
		// page 8 is laid out on a narrower grid than page 7
		{"2101101", model.ColTotal, "609900"}, {"2101101", model.ColFiscal, "609900"}, {"2210203", model.ColFiscal, "2585000"},
		{"2210203", model.ColBusiness, ""},
	})
	r := tb.Row("2080505")
	if r == nil || r.Name != "机关事业单位基本养老保险缴费支出" || r.PrintedCode != "208 05 05" || r.Level != 3 || r.Source.Line != 189 {
		t.Errorf("income 2080505 = %+v, want the wrapped name joined, printed code, level 3, line 189", r)
	}
}

func TestLayoutFinalExpenditure(t *testing.T) {
	doc := mustReadFinal(t)
	tb := mustFinTable(t, doc, model.TableExpenditure)
	want := []string{model.ColTotal, model.ColBasic, model.ColProject, model.ColRemitUpper, model.ColOperating, model.ColSubsidySub}
	if !reflect.DeepEqual(tb.Columns, want) {
		t.Errorf("expenditure columns %v, want %v", tb.Columns, want)
	}
	checkFinCells(t, tb, []finCell{
		// 合计 is printed over two lines above its label
		{model.RowTotal, model.ColTotal, "29400500"}, {model.RowTotal, model.ColBasic, "23369100"}, {model.RowTotal, model.ColProject, "6031400"},
		{model.RowTotal, model.ColRemitUpper, ""}, {model.RowTotal, model.ColOperating, ""}, {model.RowTotal, model.ColSubsidySub, ""},
		{"201", model.ColTotal, "21066600"}, {"201", model.ColBasic, "15035200"}, {"201", model.ColProject, "6031400"},
		{"208", model.ColTotal, "3267200"}, {"210", model.ColTotal, "609900"}, {"221", model.ColTotal, "4456900"},
		// basic above the code line, project on it
		{"2010601", model.ColTotal, "15118900"}, {"2010601", model.ColBasic, "15035200"}, {"2010601", model.ColProject, "83700"},
		{"2010602", model.ColBasic, ""}, {"2010602", model.ColProject, "100000"},
		{"2010607", model.ColTotal, "1352500"}, {"2010607", model.ColProject, "1352500"}, {"2010607", model.ColBasic, ""},
		{"2080599", model.ColBasic, "9400"}, {"2210201", model.ColBasic, "1871900"},
	})
	items := 0
	for _, r := range tb.Rows {
		if r.Level == 3 {
			items++
		}
	}
	if items != 11 {
		t.Errorf("expenditure: %d 项 rows, want 11", items)
	}
	if r := tb.Row("2010601"); r == nil || r.Source.Line != 222 {
		t.Errorf("2010601 source = %+v, want line 222 (its code line)", r)
	}
}

func TestLayoutFinalAppropriation(t *testing.T) {
	doc := mustReadFinal(t)
	tb := mustFinTable(t, doc, model.TableAppropriation)
	checkFinCells(t, tb, []finCell{
		{model.RowIncomeTotal, model.ColTotal, "29616800"}, {model.RowExpenditureTotal, model.ColTotal, "29616800"},
		{model.RowExpenditureTotal, model.ColGeneralPublic, "29616800"}, {model.RowIncomeCurrent, model.ColTotal, "29400500"},
		{model.RowExpenditureCurrent, model.ColTotal, "29400500"}, {model.RowExpenditureCurrent, model.ColGeneralPublic, "29400500"},
		{model.RowCarryIn, model.ColTotal, "216300"}, {model.RowCarryOut, model.ColTotal, "216300"}, {model.RowCarryOut, model.ColGeneralPublic, "216300"},
		{model.RowCarryOut, model.ColGovFund, ""}, {"carry_in_general_public_budget", model.ColTotal, "216300"},
		{"carry_in_gov_fund", model.ColTotal, ""}, {model.ColGeneralPublic, model.ColTotal, "29400500"}, {model.ColGovFund, model.ColTotal, ""},
		{"201", model.ColGeneralPublic, "21066600"}, {"208", model.ColTotal, "3267100"}, {"221", model.ColGeneralPublic, "4456900"},
		{"207", model.ColTotal, ""},
	})
	for code, name := range map[string]string{model.ColGovFund: "二、政府性基金预算财政拨款", "207": "七、文化旅游体育与传媒支出"} {
		if r := tb.Row(code); r == nil || r.Name != name {
			t.Errorf("appropriation %s = %+v, want wrapped name %s", code, r, name)
		}
	}
}

func TestLayoutFinalGPBFunction(t *testing.T) {
	doc := mustReadFinal(t)
	tb := mustFinTable(t, doc, model.TableGPBFunction)
	if len(tb.Rows) != 20 {
		t.Errorf("gpb_function: %d rows, want 20", len(tb.Rows))
	}
	checkFinCells(t, tb, []finCell{
		{model.RowTotal, model.ColTotal, "29400500"}, {model.RowTotal, model.ColBasic, "23369100"}, {model.RowTotal, model.ColProject, "6031400"},
		{"201", model.ColBasic, "15035200"}, {"201", model.ColProject, "6031400"}, {"2010601", model.ColProject, "83700"},
		{"2010608", model.ColBasic, ""}, {"2010608", model.ColProject, "4495200"}, {"208", model.ColTotal, "3267200"},
		{"2080505", model.ColBasic, "1607500"}, {"221", model.ColProject, ""},
	})
}

func TestLayoutFinalEconomic(t *testing.T) {
	doc := mustReadFinal(t)
	tb := mustFinTable(t, doc, model.TableGPBEconomic)
	checkFinCells(t, tb, []finCell{
		{"301", model.ColTotal, "20828500"}, {"301", model.ColPersonnel, "20828500"}, {"302", model.ColTotal, "1710700"},
		{"302", model.ColPublicUse, "1710700"}, {"303", model.ColTotal, "694100"}, {"310", model.ColTotal, "135800"},
		{model.RowPersonnelTotal, model.ColTotal, "21522600"}, {model.RowPublicUseTotal, model.ColTotal, "1846500"},
		{model.RowPersonnelTotal, model.ColPersonnel, "21522600"}, {model.RowPublicUseTotal, model.ColPublicUse, "1846500"},
		{model.RowTotal, model.ColTotal, "23369100"}, {model.RowTotal, model.ColPersonnel, "21522600"}, {model.RowTotal, model.ColPublicUse, "1846500"},
		{"30101", model.ColTotal, "2623300"}, {"30102", model.ColTotal, "12385800"}, {"30103", model.ColTotal, ""},
		{"30201", model.ColPublicUse, "212100"}, {"30202", model.ColTotal, "76100"}, {"30207", model.ColTotal, "48800"},
		{"30212", model.ColTotal, ""}, {"30217", model.ColTotal, ""}, {"30228", model.ColTotal, "244200"}, {"30229", model.ColTotal, "427700"},
		{"30231", model.ColTotal, ""}, {"30239", model.ColTotal, "484900"}, {"30299", model.ColTotal, "115300"},
		{"30302", model.ColPersonnel, "691000"}, {"30309", model.ColTotal, "3100"}, {"30310", model.ColTotal, ""}, {"31002", model.ColTotal, "135800"},
	})
	if _, ok := tb.Row("302").Cell(model.ColPersonnel); ok {
		t.Error("302 is on the 公用经费 side and must have no personnel cell")
	}
	total := tb.Row(model.RowTotal)
	for _, c := range total.Cells {
		if c.Status != model.StatusDerived || c.Note == "" {
			t.Errorf("derived total %s: status %s note %q, want derived with a note", c.Column, c.Status, c.Note)
		}
	}
	counts := map[string]int{}
	for _, r := range tb.Rows {
		if r.Level == 2 {
			counts[r.Code[:3]]++
		}
	}
	if want := map[string]int{"301": 13, "302": 27, "303": 11, "310": 9}; !reflect.DeepEqual(counts, want) {
		t.Errorf("economic 款 rows per class %v, want %v", counts, want)
	}
	for code, name := range map[string]string{"30212": "因公出国（境）费用", "30231": "公务用车运行维护费",
		"30108": "机关事业单位基本养老保险缴费", "30299": "其他商品和服务支出", "31007": "信息网络及软件购置更新"} {
		if r := tb.Row(code); r == nil || r.Name != name || r.PrintedCode != code[:3]+" "+code[3:] {
			t.Errorf("economic %s = %+v, want name %s (spaced and wrapped characters joined)", code, r, name)
		}
	}
	if r := tb.Row("30201"); r == nil || r.Source.Line != 345 {
		t.Errorf("30201 source = %+v, want line 345 (its code line)", r)
	}
}

func TestLayoutFinalSangong(t *testing.T) {
	doc := mustReadFinal(t)
	tb := mustFinTable(t, doc, model.TableSangong)
	if len(tb.Rows) != 6 {
		t.Errorf("sangong: %d rows, want 6", len(tb.Rows))
	}
	want := []finCell{{model.RowTotal, model.ColBudget, "9500"}, {model.RowReception, model.ColBudget, "9500"}}
	for _, row := range []string{model.RowTotal, model.RowOverseas, model.RowVehicleTotal, model.RowVehiclePurchase, model.RowVehicleOperation, model.RowReception} {
		want = append(want, finCell{row, model.ColActual, ""})
		if row != model.RowTotal && row != model.RowReception {
			want = append(want, finCell{row, model.ColBudget, ""})
		}
	}
	checkFinCells(t, tb, want)
}

func TestLayoutFinalEmptyAndUnits(t *testing.T) {
	doc := mustReadFinal(t)
	for _, id := range []model.TableID{model.TableGovFund, model.TableStateCapital} {
		if tb := mustFinTable(t, doc, id); !tb.Empty || len(tb.Rows) != 0 {
			t.Errorf("%s: empty %v with %d rows, want empty", id, tb.Empty, len(tb.Rows))
		}
	}
	if len(doc.Tables) != 9 {
		t.Errorf("%d tables, want 9", len(doc.Tables))
	}
	want := []model.OrgUnit{{Name: "上海市普陀区财政局（本级）"}, {Name: "上海市普陀区财政局财政所"}, {Name: "上海市普陀区国库收付中心"}}
	if !reflect.DeepEqual(doc.Units, want) {
		t.Errorf("units %+v, want %+v", doc.Units, want)
	}
}
