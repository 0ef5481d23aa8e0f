package loader

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// finLayout builds one layout line from (column, text) pairs; columns count runes, as pdftotext's.
func finLayout(pairs ...any) string {
	var b []rune
	for i := 0; i+1 < len(pairs); i += 2 {
		col, text := pairs[i].(int), pairs[i+1].(string)
		for len(b) < col {
			b = append(b, ' ')
		}
		b = append(b[:col], []rune(text)...)
	}
	return string(b)
}

// finSynthetic parses layout lines with parseLayoutFinal.
func finSynthetic(t *testing.T, lines ...string) *model.Document {
	t.Helper()
	doc := &model.Document{Kind: model.KindFinal}
	if err := parseLayoutFinal(doc, text.SplitLines(strings.Join(lines, "\n"))); err != nil {
		t.Fatal(err)
	}
	return doc
}

var (
	finTitleLine  = finLayout(16, "支出决算表")
	finUnitLine   = finLayout(40, "单位：万元")
	finHeaderLine = finLayout(0, "科目编码", 16, "科目名称", 30, "本年支出合计", 42, "基本支出", 54, "项目支出")
)

func TestFinClassifyTitle(t *testing.T) {
	for title, want := range map[string]model.TableID{
		"收入支出决算总表": model.TableSummary, "收入决算表": model.TableIncome, "支出决算表": model.TableExpenditure,
		"财政拨款收入支出决算总表": model.TableAppropriation, "一般公共预算财政拨款支出决算表": model.TableGPBFunction,
		"一般公共预算财政拨款基本支出决算表": model.TableGPBEconomic, "财政拨款“三公”经费支出决算表": model.TableSangong,
		"政府性基金预算财政拨款收入支出决算表": model.TableGovFund, "国有资本经营预算财政拨款收入支出决算表": model.TableStateCapital,
		"二、收入决算表": model.TableIncome, "支出决算表（续）": model.TableExpenditure, "收 入 决 算 表": model.TableIncome,
		"第二部分 上海市普陀区财政局2024年度部门决算表": "", "部门决算单位构成": "",
	} {
		if got := finClassifyTitle(title); got != want {
			t.Errorf("finClassifyTitle(%q) = %q, want %q", title, got, want)
		}
	}
}

func TestFinAmountsAboveAndWrappedNames(t *testing.T) {
	doc := finSynthetic(t, finTitleLine, finUnitLine, finHeaderLine,
		finLayout(42, "3.00"),
		finLayout(0, "201", 16, "一般公共服务支出", 30, "15.00", 54, "7.00"),
		finLayout(0, "201", 6, "06", 11, "02", 30, "5.00"),
		finLayout(16, "机关事业单位基本养老保险"),
		finLayout(16, "缴费支出"),
		finLayout(30, "20.00", 42, "8.00", 54, "12.00"),
		finLayout(16, "合计"))
	tb := mustFinTable(t, doc, model.TableExpenditure)
	checkFinCells(t, tb, []finCell{
		{"201", model.ColTotal, "150000"}, {"201", model.ColBasic, "30000"}, {"201", model.ColProject, "70000"},
		{"2010602", model.ColTotal, "50000"}, {"2010602", model.ColBasic, ""}, {"2010602", model.ColProject, ""},
		{model.RowTotal, model.ColTotal, "200000"}, {model.RowTotal, model.ColBasic, "80000"}, {model.RowTotal, model.ColProject, "120000"},
	})
	if r := tb.Row("2010602"); r.Name != "机关事业单位基本养老保险缴费支出" || r.Source.Line != 6 || r.Level != 3 {
		t.Errorf("2010602 = %+v, want the wrapped name joined, line 6, level 3", r)
	}
	if len(doc.Issues) != 0 {
		t.Errorf("issues %+v, want none", doc.Issues)
	}
}

func TestFinUnplaceableAmountsAreNotGuessed(t *testing.T) {
	header := finLayout(0, "科目编码", 16, "科目名称", 30, "本年支出合计", 42, "基本支出", 54, "项目支出",
		64, "上缴上级支出", 74, "经营支出")
	// 7.00 sits halfway between 项目支出 and 上缴上级支出.
	doc := finSynthetic(t, finTitleLine, finUnitLine, header,
		finLayout(0, "201", 16, "一般公共服务支出", 30, "7.00", 59, "7.00"))
	tb := mustFinTable(t, doc, model.TableExpenditure)
	r := tb.Row("201")
	if r == nil || len(r.Cells) != 0 {
		t.Fatalf("201 = %+v, want the row without cells (unknown, not blank)", r)
	}
	if len(doc.Issues) != 1 || doc.Issues[0].Kind != "unread" || doc.Issues[0].Line != 4 {
		t.Errorf("issues %+v, want one unread issue at line 4", doc.Issues)
	}
}

func TestFinTwoAmountsForOneCell(t *testing.T) {
	doc := finSynthetic(t, finTitleLine, finUnitLine, finHeaderLine,
		finLayout(42, "3.00"),
		finLayout(0, "201", 16, "一般公共服务支出", 30, "10.00", 42, "4.00", 54, "7.00"))
	r := mustFinTable(t, doc, model.TableExpenditure).Row("201")
	if _, ok := r.Cell(model.ColBasic); ok {
		t.Errorf("201 basic read from two printed amounts; want it left out")
	}
	if a, _ := r.Cell(model.ColProject); a.Printed != "7.00" {
		t.Errorf("201 project %+v, want 7.00", a)
	}
	if len(doc.Issues) != 1 {
		t.Errorf("issues %+v, want one", doc.Issues)
	}
}

func TestFinContinuedTable(t *testing.T) {
	doc := finSynthetic(t, finTitleLine, finUnitLine, finHeaderLine,
		finLayout(0, "201", 16, "一般公共服务支出", 30, "10.00", 42, "3.00", 54, "7.00"),
		"\f"+finLayout(16, "支出决算表（续）"), finUnitLine, finHeaderLine,
		finLayout(0, "208", 16, "社会保障和就业支出", 30, "2.00", 42, "2.00"))
	if len(doc.Tables) != 1 || len(doc.Issues) != 0 {
		t.Fatalf("%d tables, issues %+v; want one table, no issue", len(doc.Tables), doc.Issues)
	}
	checkFinCells(t, doc.Tables[0], []finCell{{"201", model.ColProject, "70000"}, {"208", model.ColBasic, "20000"}, {"208", model.ColProject, ""}})
	if r := doc.Tables[0].Row("208"); r.Source.Page != 2 {
		t.Errorf("208 source %+v, want page 2", r.Source)
	}
}

func TestFinTablePrintedTwice(t *testing.T) {
	doc := finSynthetic(t, finTitleLine, finUnitLine, finHeaderLine,
		finLayout(0, "201", 16, "一般公共服务支出", 30, "10.00", 42, "3.00", 54, "7.00"),
		finTitleLine, finUnitLine, finHeaderLine,
		finLayout(0, "201", 16, "一般公共服务支出", 30, "11.00", 42, "3.00", 54, "8.00"))
	if len(doc.Tables) != 1 || len(doc.Issues) != 1 || doc.Issues[0].Kind != "duplicate_table" {
		t.Fatalf("%d tables, issues %+v; want the first table and a duplicate_table issue", len(doc.Tables), doc.Issues)
	}
	checkFinCells(t, doc.Tables[0], []finCell{{"201", model.ColTotal, "100000"}})
}

// FuzzParseLayoutFinal feeds the 决算 reader arbitrary text, seeded with the corpus 决算 and the
// synthetic tables above: it may report issues, never panic or leave a cell without a column.
func FuzzParseLayoutFinal(f *testing.F) {
	if data, err := os.ReadFile(filepath.Join(corpusDir, finCorpusDoc+".txt")); err == nil {
		f.Add(string(data))
	}
	f.Add(strings.Join([]string{finTitleLine, finUnitLine, finHeaderLine, finLayout(42, "3.00"),
		finLayout(0, "201", 16, "一般公共服务支出", 30, "15.00", 54, "7.00")}, "\n"))
	f.Fuzz(func(t *testing.T, s string) {
		doc := &model.Document{Kind: model.KindFinal}
		if err := parseLayoutFinal(doc, text.SplitLines(s)); err != nil {
			t.Fatal(err)
		}
		for _, tb := range doc.Tables {
			for _, r := range tb.Rows {
				for _, c := range r.Cells {
					if c.Column == "" {
						t.Fatalf("%s %s: cell without a column", tb.ID, r.Code)
					}
				}
			}
		}
	})
}

func TestFinEconomicSidesAndMangledCode(t *testing.T) {
	doc := finSynthetic(t, finLayout(16, "一般公共预算财政拨款基本支出决算表"), finUnitLine,
		finLayout(0, "经济分类", 12, "科目名称", 28, "决算数", 40, "经济分类", 52, "科目名称", 68, "决算数"),
		finLayout(0, "301", 6, "2", 12, "津贴补贴", 26, "5.00", 40, "302", 46, "01", 52, "办公费", 66, "1.00"),
		finLayout(26, "5.00", 66, "1.00"),
		finLayout(12, "人员经费合计", 52, "公用经费合计"))
	tb := mustFinTable(t, doc, model.TableGPBEconomic)
	checkFinCells(t, tb, []finCell{
		{"30102", model.ColPersonnel, "50000"}, {"30201", model.ColPublicUse, "10000"},
		{model.RowPersonnelTotal, model.ColTotal, "50000"}, {model.RowPublicUseTotal, model.ColPublicUse, "10000"},
		{model.RowTotal, model.ColTotal, "60000"},
	})
	if r := tb.Row("30102"); r == nil || r.PrintedCode != "301 2" || r.CodeResolved == "" || r.Level != 2 {
		t.Errorf("30102 = %+v, want printed 301 2 resolved by name, level 2", r)
	}
	if len(doc.Issues) != 0 {
		t.Errorf("issues %+v, want none", doc.Issues)
	}
}

func TestFinSangongWithOfficeRunning(t *testing.T) {
	var cols []any
	for i := 0; i < 14; i++ {
		cols = append(cols, 6*i, [2]string{"预算数", "决算数"}[i%2])
	}
	doc := finSynthetic(t, finLayout(16, "财政拨款“三公”经费支出决算表"), finUnitLine,
		finLayout(0, "合计", 14, "因公出国（境）费", 30, "小计", 38, "公务用车购置费", 50, "公务用车运行费",
			62, "公务接待费", 74, "机关运行经费"),
		finLayout(cols...),
		finLayout(0, "1.00", 72, "2.00"))
	tb := mustFinTable(t, doc, model.TableSangong)
	if len(tb.Rows) != 7 || len(doc.Issues) != 0 {
		t.Fatalf("%d rows, issues %+v; want 7 rows, no issue", len(tb.Rows), doc.Issues)
	}
	checkFinCells(t, tb, []finCell{{model.RowTotal, model.ColBudget, "10000"}, {model.RowTotal, model.ColActual, ""},
		{model.RowOfficeRunning, model.ColBudget, "20000"}, {model.RowReception, model.ColBudget, ""}, {model.RowOfficeRunning, model.ColActual, ""}})
}
