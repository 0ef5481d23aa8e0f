package loader

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/shopspring/decimal"
)

const finCorpusDoc = "putuo-finance-final-2024"

// mustReadFinal reads the 决算 corpus text with parseLayoutFinal alone.
func mustReadFinal(t *testing.T) *Document {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(corpusDir, finCorpusDoc+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	text, err := DecodeText(data)
	if err != nil {
		t.Fatal(err)
	}
	doc := &Document{Kind: KindFinal}
	if err := parseLayoutFinal(doc, SplitLines(text)); err != nil {
		t.Fatal(err)
	}
	for _, is := range doc.Issues {
		t.Errorf("unexpected issue: %+v", is)
	}
	return doc
}

// mustFinTable returns a table of the document, failing the test when it is missing.
func mustFinTable(t *testing.T, doc *Document, id TableID) *Table {
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
func checkFinCells(t *testing.T, tb *Table, want []finCell) {
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
	tb := mustFinTable(t, doc, TableSummary)
	if tb.Unit != TenThous || len(tb.Rows) != 42 {
		t.Errorf("summary: unit %s, %d rows; want 万元, 42 (8 sources, 26 classes, 8 totals)", tb.Unit, len(tb.Rows))
	}
	checkFinCells(t, tb, []finCell{
		{RowIncomeTotal, ColTotal, "29953900"}, {RowExpenditureTotal, ColTotal, "29953900"},
		{RowIncomeCurrent, ColTotal, "29462500"}, {RowExpenditureCurrent, ColTotal, "29400500"},
		{RowCarryIn, ColTotal, "491400"}, {RowCarryOut, ColTotal, "553400"},
		{ColGeneralPublic, ColTotal, "29400500"}, {ColOther, ColTotal, "62000"}, {ColGovFund, ColTotal, ""},
		{ColSubordinate, ColTotal, ""}, {RowNonFiscalBalanceUsed, ColTotal, ""}, {RowBalanceDistribution, ColTotal, ""},
		{"201", ColTotal, "21066600"}, {"208", ColTotal, "3267100"}, {"210", ColTotal, "609900"},
		{"221", ColTotal, "4456900"}, {"202", ColTotal, ""}, {"234", ColTotal, ""},
	})
	if r := tb.Row("208"); r == nil || r.Name != "八、社会保障和就业支出" || r.Level != 1 || r.Source.Line != 142 || r.Source.Page != 6 {
		t.Errorf("summary 208 = %+v, want name as printed, level 1, line 142 on page 6", r)
	}
}

func TestLayoutFinalIncome(t *testing.T) {
	doc := mustReadFinal(t)
	tb := mustFinTable(t, doc, TableIncome)
	if len(tb.Rows) != 20 {
		t.Errorf("income: %d rows, want 20 (合计 + 4 类 + 4 款 + 11 项)", len(tb.Rows))
	}
	checkFinCells(t, tb, []finCell{
		{RowTotal, ColTotal, "29462500"}, {RowTotal, ColFiscal, "29400500"}, {RowTotal, ColOther, "62000"},
		{RowTotal, ColHigherLevel, ""}, {"201", ColTotal, "21128600"}, {"201", ColFiscal, "21066600"},
		{"2010601", ColTotal, "15119000"}, {"2010601", ColFiscal, "15118900"}, {"2010601", ColOther, "100"},
		{"2010602", ColOther, "61900"}, {"2010607", ColOther, ""}, {"2080505", ColFiscal, "1607500"},
		// page 8 is laid out on a narrower grid than page 7
		{"2101101", ColTotal, "609900"}, {"2101101", ColFiscal, "609900"}, {"2210203", ColFiscal, "2585000"},
		{"2210203", ColBusiness, ""},
	})
	r := tb.Row("2080505")
	if r == nil || r.Name != "机关事业单位基本养老保险缴费支出" || r.PrintedCode != "208 05 05" || r.Level != 3 || r.Source.Line != 189 {
		t.Errorf("income 2080505 = %+v, want the wrapped name joined, printed code, level 3, line 189", r)
	}
}

func TestLayoutFinalExpenditure(t *testing.T) {
	doc := mustReadFinal(t)
	tb := mustFinTable(t, doc, TableExpenditure)
	want := []string{ColTotal, ColBasic, ColProject, ColRemitUpper, ColOperating, ColSubsidySub}
	if !reflect.DeepEqual(tb.Columns, want) {
		t.Errorf("expenditure columns %v, want %v", tb.Columns, want)
	}
	checkFinCells(t, tb, []finCell{
		// 合计 is printed over two lines above its label
		{RowTotal, ColTotal, "29400500"}, {RowTotal, ColBasic, "23369100"}, {RowTotal, ColProject, "6031400"},
		{RowTotal, ColRemitUpper, ""}, {RowTotal, ColOperating, ""}, {RowTotal, ColSubsidySub, ""},
		{"201", ColTotal, "21066600"}, {"201", ColBasic, "15035200"}, {"201", ColProject, "6031400"},
		{"208", ColTotal, "3267200"}, {"210", ColTotal, "609900"}, {"221", ColTotal, "4456900"},
		// basic above the code line, project on it
		{"2010601", ColTotal, "15118900"}, {"2010601", ColBasic, "15035200"}, {"2010601", ColProject, "83700"},
		{"2010602", ColBasic, ""}, {"2010602", ColProject, "100000"},
		{"2010607", ColTotal, "1352500"}, {"2010607", ColProject, "1352500"}, {"2010607", ColBasic, ""},
		{"2080599", ColBasic, "9400"}, {"2210201", ColBasic, "1871900"},
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
	tb := mustFinTable(t, doc, TableAppropriation)
	checkFinCells(t, tb, []finCell{
		{RowIncomeTotal, ColTotal, "29616800"}, {RowExpenditureTotal, ColTotal, "29616800"},
		{RowExpenditureTotal, ColGeneralPublic, "29616800"}, {RowIncomeCurrent, ColTotal, "29400500"},
		{RowExpenditureCurrent, ColTotal, "29400500"}, {RowExpenditureCurrent, ColGeneralPublic, "29400500"},
		{RowCarryIn, ColTotal, "216300"}, {RowCarryOut, ColTotal, "216300"}, {RowCarryOut, ColGeneralPublic, "216300"},
		{RowCarryOut, ColGovFund, ""}, {"carry_in_general_public_budget", ColTotal, "216300"},
		{"carry_in_gov_fund", ColTotal, ""}, {ColGeneralPublic, ColTotal, "29400500"}, {ColGovFund, ColTotal, ""},
		{"201", ColGeneralPublic, "21066600"}, {"208", ColTotal, "3267100"}, {"221", ColGeneralPublic, "4456900"},
		{"207", ColTotal, ""},
	})
	for code, name := range map[string]string{ColGovFund: "二、政府性基金预算财政拨款", "207": "七、文化旅游体育与传媒支出"} {
		if r := tb.Row(code); r == nil || r.Name != name {
			t.Errorf("appropriation %s = %+v, want wrapped name %s", code, r, name)
		}
	}
}

func TestLayoutFinalGPBFunction(t *testing.T) {
	doc := mustReadFinal(t)
	tb := mustFinTable(t, doc, TableGPBFunction)
	if len(tb.Rows) != 20 {
		t.Errorf("gpb_function: %d rows, want 20", len(tb.Rows))
	}
	checkFinCells(t, tb, []finCell{
		{RowTotal, ColTotal, "29400500"}, {RowTotal, ColBasic, "23369100"}, {RowTotal, ColProject, "6031400"},
		{"201", ColBasic, "15035200"}, {"201", ColProject, "6031400"}, {"2010601", ColProject, "83700"},
		{"2010608", ColBasic, ""}, {"2010608", ColProject, "4495200"}, {"208", ColTotal, "3267200"},
		{"2080505", ColBasic, "1607500"}, {"221", ColProject, ""},
	})
}

func TestLayoutFinalEconomic(t *testing.T) {
	doc := mustReadFinal(t)
	tb := mustFinTable(t, doc, TableGPBEconomic)
	checkFinCells(t, tb, []finCell{
		{"301", ColTotal, "20828500"}, {"301", ColPersonnel, "20828500"}, {"302", ColTotal, "1710700"},
		{"302", ColPublicUse, "1710700"}, {"303", ColTotal, "694100"}, {"310", ColTotal, "135800"},
		{RowPersonnelTotal, ColTotal, "21522600"}, {RowPublicUseTotal, ColTotal, "1846500"},
		{RowPersonnelTotal, ColPersonnel, "21522600"}, {RowPublicUseTotal, ColPublicUse, "1846500"},
		{RowTotal, ColTotal, "23369100"}, {RowTotal, ColPersonnel, "21522600"}, {RowTotal, ColPublicUse, "1846500"},
		{"30101", ColTotal, "2623300"}, {"30102", ColTotal, "12385800"}, {"30103", ColTotal, ""},
		{"30201", ColPublicUse, "212100"}, {"30202", ColTotal, "76100"}, {"30207", ColTotal, "48800"},
		{"30212", ColTotal, ""}, {"30217", ColTotal, ""}, {"30228", ColTotal, "244200"}, {"30229", ColTotal, "427700"},
		{"30231", ColTotal, ""}, {"30239", ColTotal, "484900"}, {"30299", ColTotal, "115300"},
		{"30302", ColPersonnel, "691000"}, {"30309", ColTotal, "3100"}, {"30310", ColTotal, ""}, {"31002", ColTotal, "135800"},
	})
	if _, ok := tb.Row("302").Cell(ColPersonnel); ok {
		t.Error("302 is on the 公用经费 side and must have no personnel cell")
	}
	total := tb.Row(RowTotal)
	for _, c := range total.Cells {
		if c.Status != StatusDerived || c.Note == "" {
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
	tb := mustFinTable(t, doc, TableSangong)
	if len(tb.Rows) != 6 {
		t.Errorf("sangong: %d rows, want 6", len(tb.Rows))
	}
	want := []finCell{{RowTotal, ColBudget, "9500"}, {RowReception, ColBudget, "9500"}}
	for _, row := range []string{RowTotal, RowOverseas, RowVehicleTotal, RowVehiclePurchase, RowVehicleOperation, RowReception} {
		want = append(want, finCell{row, ColActual, ""})
		if row != RowTotal && row != RowReception {
			want = append(want, finCell{row, ColBudget, ""})
		}
	}
	checkFinCells(t, tb, want)
}

func TestLayoutFinalEmptyAndUnits(t *testing.T) {
	doc := mustReadFinal(t)
	for _, id := range []TableID{TableGovFund, TableStateCapital} {
		if tb := mustFinTable(t, doc, id); !tb.Empty || len(tb.Rows) != 0 {
			t.Errorf("%s: empty %v with %d rows, want empty", id, tb.Empty, len(tb.Rows))
		}
	}
	if len(doc.Tables) != 9 {
		t.Errorf("%d tables, want 9", len(doc.Tables))
	}
	want := []OrgUnit{{Name: "上海市普陀区财政局（本级）"}, {Name: "上海市普陀区财政局财政所"}, {Name: "上海市普陀区国库收付中心"}}
	if !reflect.DeepEqual(doc.Units, want) {
		t.Errorf("units %+v, want %+v", doc.Units, want)
	}
}

// TestLayoutFinalPDF reads the PDF and the text through the whole pipeline: same tables.
func TestLayoutFinalPDF(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal(ErrNoPdftotext)
	}
	ctx := context.Background()
	fromText, err := ReadFile(ctx, filepath.Join(corpusDir, finCorpusDoc+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	fromPDF, err := ReadFile(ctx, filepath.Join(corpusDir, finCorpusDoc+".pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if fromPDF.Kind != KindFinal || len(fromPDF.Tables) != 9 {
		t.Fatalf("PDF: kind %s, %d tables; want final, 9", fromPDF.Kind, len(fromPDF.Tables))
	}
	if !reflect.DeepEqual(fromText.Tables, fromPDF.Tables) {
		t.Error("the PDF and its text read differently")
	}
}
