package loader

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"reflect"
	"testing"
)

func cellTexts(cells []LayoutCell) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = c.Text
	}
	return out
}

func TestSplitLayoutCells(t *testing.T) {
	cases := []struct {
		line string
		want []string
	}{
		{"201   05   07   专项普查活动              601,300     601,300",
			[]string{"201", "05", "07", "专项普查活动", "601,300", "601,300"}},
		{"一、财政拨款收入                   164,978,640 一、一般公共服务支出                  2,976,800",
			[]string{"一、财政拨款收入", "164,978,640", "一、一般公共服务支出", "2,976,800"}},
		{"1. 一般公共预算资金               91,016,775.35 二、社会保障和就业支出",
			[]string{"1. 一般公共预算资金", "91,016,775.35", "二、社会保障和就业支出"}},
		{"201             一般公共服务支出              82,096,797.42 82,096,797.42",
			[]string{"201", "一般公共服务支出", "82,096,797.42", "82,096,797.42"}},
		{" 301   2     津贴补贴                     16,623,810   16,623,810            0",
			[]string{"301", "2", "津贴补贴", "16,623,810", "16,623,810", "0"}},
		{"                  合 计   91,016,775.35", []string{"合 计", "91,016,775.35"}},
		{"", nil},
	}
	for _, c := range cases {
		if got := cellTexts(SplitLayoutCells(c.line)); len(got)+len(c.want) > 0 && !reflect.DeepEqual(got, c.want) {
			t.Errorf("SplitLayoutCells(%q) = %q, want %q", c.line, got, c.want)
		}
	}
	cells := SplitLayoutCells("208   05   05   机关事业单位基本养老保险缴费支    4,412,547")
	if c := cells[4]; c.Start != 35 || c.End != 44 {
		t.Errorf("amount span %d-%d, want 35-44 (runes, not bytes)", c.Start, c.End)
	}
}

func TestSubjectCode(t *testing.T) {
	cases := []struct {
		line          string
		code, printed string
		level, n      int
		why           string // why a line has no code
	}{
		{line: "201   05   07   专项普查活动    601,300", code: "2010507", printed: "201 05 07", level: 3, n: 3},
		{line: "201   05        统计信息事务    627,600", code: "20105", printed: "201 05", level: 2, n: 2},
		{line: "201             一般公共服务支出   2,976,800", code: "201", level: 1, n: 1},
		{line: " 301   2     津贴补贴     16,623,810", code: "3012", printed: "301 2", level: 2, n: 2},
		{line: "2010301   行政运行   135.84", code: "2010301", level: 3, n: 1},
		{line: "30217  公务接待费  0.14", code: "30217", level: 2, n: 1},
		{line: "201   05   07", why: "no name after the code"},
		{line: "200,000         200,000", why: "amounts only"},
		{line: "24. “城乡社区支出（类）”", why: "a numbered paragraph"},
		{line: "100   200", why: "numbers only"},
	}
	for _, c := range cases {
		code, printed, level, n := SubjectCode(SplitLayoutCells(c.line))
		if code != c.code || printed != c.printed || level != c.level || n != c.n {
			t.Errorf("SubjectCode(%q) = %q %q %d %d, want %q %q %d %d %s", c.line, code, printed, level, n,
				c.code, c.printed, c.level, c.n, c.why)
		}
	}
}

func TestPlaceAmounts(t *testing.T) {
	at := cellsEndingAt
	cols := []LayoutColumn{{ID: "total", Pos: 35}, {ID: "fiscal", Pos: 49}, {ID: "business", Pos: 61},
		{ID: "operating", Pos: 68}, {ID: "other", Pos: 75}}
	cases := []struct {
		name  string
		cells []LayoutCell
		shift float64
		want  []int
		ok    bool
	}{
		{"two of five, header offsets", at(43, 55), 35 - 43, []int{0, 1}, true},
		{"shifted page", at(41, 54), 35 - 41, []int{0, 1}, true},
		{"total and other", at(43, 83), 35 - 43, []int{0, 4}, true},
		{"full row", at(35, 49, 61, 68, 75), 0, []int{0, 1, 2, 3, 4}, true},
		{"between two free columns", at(35, 65), 0, []int{0, 2}, false},
		{"more amounts than columns", at(1, 2, 3, 4, 5, 6), 0, nil, false},
		{"no amounts", nil, 0, nil, true},
	}
	for _, c := range cases {
		got, ok := PlaceAmounts(c.cells, cols, c.shift)
		if ok != c.ok || (c.ok && !reflect.DeepEqual(got, c.want)) {
			t.Errorf("%s: PlaceAmounts = %v %v, want %v %v", c.name, got, ok, c.want, c.ok)
		}
	}
}

func TestColumnsFromHeader(t *testing.T) {
	header := [][]LayoutCell{
		SplitLayoutCells("    项目            预算数               项目           合计          一般公共预算         政府性基金预算 国有资本经营预算"),
	}
	cols := ColumnsFromHeader(header, rightColumn)
	var ids []string
	for _, c := range cols {
		ids = append(ids, c.ID)
	}
	want := []string{model.ColTotal, model.ColGeneralPublic, model.ColGovFund, model.ColStateCapital}
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("columns %v, want %v (labels split at a single space)", ids, want)
	}
	full := ColumnsFromFullRows([][]LayoutCell{cellsEndingAt(44, 57, 70), cellsEndingAt(44, 58, 70), cellsEndingAt(40)}, []string{"a", "b", "c"})
	if len(full) != 3 || full[1].Pos != 58 || full[0].Pos != 44 {
		t.Errorf("ColumnsFromFullRows = %+v, want medians 44 58 70", full)
	}
}

// cellsEndingAt makes one-rune amount cells whose right edges are ends.
func cellsEndingAt(ends ...int) []LayoutCell {
	out := make([]LayoutCell, len(ends))
	for i, e := range ends {
		out[i] = LayoutCell{Text: "1", Start: e - 1, End: e}
	}
	return out
}

func TestClassifyBudgetTitle(t *testing.T) {
	cases := map[string]model.TableID{
		"                         2023年部门财务收支预算总表":     model.TableSummary,
		"2025年部门收入预算总表":                                model.TableIncome,
		"2024年部门支出预算总表":                                model.TableExpenditure,
		"4．2023年部门财政拨款收支预算总表":                          model.TableAppropriation,
		"2023年部门一般公共预算支出功能分类预算表":                       model.TableGPBFunction,
		"2025年部门政府性基金预算支出功能分类预算表":                      model.TableGovFund,
		"2025年部门国有资本经营预算支出功能分类预算表":                     model.TableStateCapital,
		"2024年部门一般公共预算基本支出部门预算经济分类预算表":                 model.TableGPBEconomic,
		"部门“三公”经费和机关运行经费预算表":                           model.TableSangong,
		"2025年部门“三公”经费和机关运行经费预算表":                      model.TableSangong,
		"财政项目支出绩效目标填报表":                                "",
		"编制部门：上海市普陀区人民政府办公室                      单位：元": "",
		"五、部门预算表":                                      "",
	}
	for title, want := range cases {
		if got := ClassifyBudgetTitle(title); got != want {
			t.Errorf("ClassifyBudgetTitle(%q) = %q, want %q", title, got, want)
		}
	}
}

func TestUnitOf(t *testing.T) {
	for text, want := range map[string]model.Unit{
		"编制部门：上海市普陀区人民政府万里街道办事处        单位：元": model.Yuan,
		"编制部门：…        单位:万元":                model.TenThous,
		"单位： 万元": model.TenThous,
		"财政拨款收入": "",
	} {
		if got := UnitOf(text); got != want {
			t.Errorf("UnitOf(%q) = %q, want %q", text, got, want)
		}
	}
}

// syntheticLayout is a made-up page holding two tables: amounts printed on the line under their
// subject, dashes for empty cells, an amount between two columns, a row with text among its
// amounts, a table starting mid-page.
const syntheticLayout = `                    2026年部门支出预算总表
编制部门：测试部门                                                   单位：元
功能分类科目编码
            功能分类科目名称                  合计          基本支出        项目支出
类     款    项
201             一般公共服务支出               300           100         200
201   03        政府办公厅（室）及相关机构事务
                                       300           100         200
201   03   01   行政运行                   100           100           —
201   03   02   一般行政管理事务               200             -         200
201   03   50   事业运行                     0                         0
201   03   98   待定支出                    50                  50
201   03   99   其他支出                    12        abc
                合计                     300           100         200
注：本表为测试表。

        2026年部门一般公共预算基本支出部门预算经济分类预算表
编制部门：测试部门                                                   单位：元
    编码          经济分类科目名称              合计          人员经费        公用经费
 301         工资福利支出                    100           100
 302         商品和服务支出                    50                        50
                    合计                 150           100          50`

func TestLayoutSyntheticTables(t *testing.T) {
	doc := &model.Document{}
	if err := parseLayout(doc, text.SplitLines(syntheticLayout)); err != nil {
		t.Fatal(err)
	}
	exp := mustTable(t, doc, model.TableExpenditure)
	var codes []string
	for _, r := range exp.Rows {
		codes = append(codes, r.Code)
	}
	if want := []string{"201", "20103", "2010301", "2010302", "2010350", "2010398", model.RowTotal}; !reflect.DeepEqual(codes, want) {
		t.Errorf("expenditure rows %v, want %v (2010399 has text among its amounts)", codes, want)
	}
	wantCell(t, exp, "20103", model.ColBasic, "100", model.Yuan)
	wantCell(t, exp, "20103", model.ColProject, "200", model.Yuan)
	wantCell(t, exp, "2010301", model.ColProject, "", model.Yuan)
	wantCell(t, exp, "2010302", model.ColBasic, "", model.Yuan)
	wantCell(t, exp, "2010350", model.ColTotal, "0", model.Yuan)
	wantCell(t, exp, "2010350", model.ColBasic, "", model.Yuan)
	wantCell(t, exp, "2010350", model.ColProject, "0", model.Yuan)
	if r := exp.Row("2010398"); r == nil || len(r.Cells) != 0 {
		t.Errorf("2010398 %+v: its second amount sits between 基本 and 项目; want no cells", r)
	}
	lines := map[int]bool{}
	for _, is := range doc.Issues {
		lines[is.Line] = is.Kind == "unread"
	}
	if len(doc.Issues) != 2 || !lines[12] || !lines[13] {
		t.Errorf("issues %+v, want unread issues at lines 12 (2010398) and 13 (2010399)", doc.Issues)
	}
	eco := mustTable(t, doc, model.TableGPBEconomic)
	if len(eco.Rows) != 3 || eco.Source.Line != 17 {
		t.Fatalf("economic table: %d rows from line %d, want 3 from line 17", len(eco.Rows), eco.Source.Line)
	}
	wantCell(t, eco, "301", model.ColPersonnel, "100", model.Yuan)
	wantCell(t, eco, "301", model.ColPublicUse, "", model.Yuan)
	wantCell(t, eco, "302", model.ColPersonnel, "", model.Yuan)
	wantCell(t, eco, "302", model.ColPublicUse, "50", model.Yuan)
	wantCell(t, eco, model.RowTotal, model.ColPublicUse, "50", model.Yuan)
}

// pagedLayout continues a table on a page that starts with the rest of a wrapped name, and a
// summary table on a page that holds only its totals; a narrative page follows.
const pagedLayout = `                    2026年部门收入预算总表
编制部门：测试部门                                                   单位：元
            功能分类科目名称                  合计        财政拨款收入        事业收入
201             一般公共服务支出               300         300
201   03        政府办公厅（室）及相关机构事         300         300

                务
201   03   01   行政运行                   300         300
                合计                     300         300
                    2026年部门财务收支预算总表
编制部门：测试部门                                                   单位：元
            项目            预算数                       项目          预算数
一、财政拨款收入                           300 一、一般公共服务支出                  300
           收入总计                    300            支出总计             300
其他相关情况说明
  财政拨款收入支出增加的主要原因是项目调整。`

func TestLayoutContinuationPages(t *testing.T) {
	doc := &model.Document{}
	if err := parseLayout(doc, text.SplitLines(pagedLayout)); err != nil {
		t.Fatal(err)
	}
	inc := mustTable(t, doc, model.TableIncome)
	if len(inc.Rows) != 4 {
		t.Fatalf("income: %d rows, want 4", len(inc.Rows))
	}
	if r := inc.Row("20103"); r == nil || r.Name != "政府办公厅（室）及相关机构事务" {
		t.Errorf("20103: %+v, want its name completed from the next page", r)
	}
	if r := inc.Row(model.RowTotal); r == nil || r.Source.Page != 2 {
		t.Errorf("合计: %+v, want it read from page 2", r)
	}
	wantCell(t, inc, "2010301", model.ColFiscal, "300", model.Yuan)
	wantCell(t, inc, "2010301", model.ColBusiness, "", model.Yuan)
	sum := mustTable(t, doc, model.TableSummary)
	if len(sum.Rows) != 4 {
		t.Fatalf("summary: %d rows, want 4 (the narrative page is not part of it)", len(sum.Rows))
	}
	wantCell(t, sum, model.RowIncomeTotal, model.ColTotal, "300", model.Yuan)
	wantCell(t, sum, model.RowExpenditureTotal, model.ColTotal, "300", model.Yuan)
	if len(doc.Issues) != 0 {
		t.Errorf("issues: %+v", doc.Issues)
	}
}
