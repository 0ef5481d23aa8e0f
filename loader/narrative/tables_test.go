package narrative

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"strings"
	"testing"
)

// narrativeWithTables reads a corpus text's narrative against the given tables, then compares.
func narrativeWithTables(t *testing.T, name string, tables ...*model.Table) *model.Document {
	t.Helper()
	doc, lines := corpusDoc(t, name, tables...)
	Read(doc, gridLines(lines, doc.Format))
	Compare(doc)
	return doc
}

// subjectTable builds a table of subject rows "code name yuan" in 元.
func subjectTable(t *testing.T, id model.TableID, rows ...string) *model.Table {
	t.Helper()
	tab := &model.Table{ID: id, Unit: model.Yuan, Source: model.Source{Line: 500}}
	for i, r := range rows {
		f := strings.Fields(r)
		a, err := text.ParseAmount(f[2], model.Yuan)
		if err != nil {
			t.Fatal(err)
		}
		tab.Rows = append(tab.Rows, &model.Row{Code: f[0], Name: f[1], Level: (len(f[0]) - 1) / 2,
			Cells: []model.Cell{{Column: model.ColTotal, Amount: a}}, Source: model.Source{Line: 501 + i}})
	}
	return tab
}

// TestNarrativeItemKeys: an item is keyed by the unique 类/款/项 chain of names in the function
// tables and compared with its row; a name the tables do not have is reported, not guessed.
func TestNarrativeItemKeys(t *testing.T) {
	housing := []string{"221 住房保障支出 8,882,399", "22102 住房改革支出 6,704,620", "2210201 住房公积金 3,503,499",
		"2210203 购房补贴 3,201,721", "22103 城乡社区住宅 2,177,200", "2210399 其他城乡社区住宅支出 2,177,200"}
	doc := narrativeWithTables(t, "putuo-wanli-street-budget-2024.txt", subjectTable(t, model.TableExpenditure, housing...))
	for code, want := range map[string]string{"2210201": "3503500", "2210203": "3201700", "2210399": "2177200"} {
		if f := mustFigure(t, doc, code); !f.Value.Yuan.Equal(mustYuan(t, want)) {
			t.Errorf("%s = %s, want %s", code, f.Value.Yuan, want)
		}
	}
	if !narrHasIssue(doc, "unread", "item 1 ", "no 款 named 统计信息事务 under 201") {
		t.Errorf("item 1 (no 201 rows) not reported: %+v", doc.Issues)
	}
	if narrHasIssue(doc, "narrative_mismatch", "≠") {
		t.Errorf("rounded narrative figures reported as mismatches: %+v", doc.Issues)
	}

	// the same narrative against a table that disagrees by more than 0.01万
	housing[2] = "2210201 住房公积金 3,600,000"
	doc = narrativeWithTables(t, "putuo-wanli-street-budget-2024.txt", subjectTable(t, model.TableGPBFunction, housing...))
	if !narrHasIssue(doc, "narrative_mismatch", "350.35万元 (line 175)", "gpb_function table 2210201", "3,600,000元") {
		t.Errorf("table mismatch not reported: %+v", doc.Issues)
	}
}

// TestNarrativeMislabelledItem: 万里 2025 item 21 prints 卫生健康支出（款） for 计划生育事务.
func TestNarrativeMislabelledItem(t *testing.T) {
	tab := subjectTable(t, model.TableExpenditure, "210 卫生健康支出 3,216,973", "21007 计划生育事务 200,000",
		"2100717 计划生育服务 200,000")
	doc := narrativeWithTables(t, "putuo-wanli-street-budget-2025.txt", tab)
	if f := mustFigure(t, doc, "item:21"); !f.Value.Yuan.Equal(mustYuan(t, "200000")) {
		t.Errorf("item 21 = %s", f.Value.Yuan)
	}
	if doc.NarrativeFigure("2100717") != nil {
		t.Error("item 21 keyed although its 款 name is wrong")
	}
	if !narrHasIssue(doc, "unread", "item 21", "no 款 named 卫生健康支出 under 210") {
		t.Errorf("item 21 not reported: %+v", doc.Issues)
	}
}

// TestNarrativeAmbiguousItem: two 款 of the same name under one class leave the item unkeyed.
func TestNarrativeAmbiguousItem(t *testing.T) {
	tab := subjectTable(t, model.TableExpenditure, "221 住房保障支出 1", "22102 住房改革支出 1", "22109 住房改革支出 1",
		"2210201 住房公积金 1", "2210901 住房公积金 1")
	doc := narrativeWithTables(t, "putuo-wanli-street-budget-2024.txt", tab)
	if doc.NarrativeFigure("item:31") == nil || !narrHasIssue(doc, "unread", "item 31", "22102, 22109") {
		t.Errorf("ambiguous 款 not reported: %+v", doc.Issues)
	}
}

// TestNarrativeTotalsAgainstTables: the narrative income total is checked against the summary,
// 三公 against its table, a zero 政府性基金 line against an empty table.
func TestNarrativeTotalsAgainstTables(t *testing.T) {
	summary := &model.Table{ID: model.TableSummary, Unit: model.Yuan, Rows: []*model.Row{
		{Code: model.RowIncomeTotal, Name: "收入总计", Cells: []model.Cell{{Column: model.ColTotal, Amount: model.Amount{Yuan: mustYuan(t, "156211123"), Printed: "156,211,123", Unit: model.Yuan, Status: model.StatusReported}}}, Source: model.Source{Line: 212}},
		{Code: model.RowExpenditureTotal, Name: "支出总计", Cells: []model.Cell{{Column: model.ColTotal, Amount: model.Amount{Yuan: mustYuan(t, "156311123"), Printed: "156,311,123", Unit: model.Yuan, Status: model.StatusReported}}}, Source: model.Source{Line: 212}},
	}}
	fund := &model.Table{ID: model.TableGovFund, Empty: true, Unit: model.Yuan, Source: model.Source{Line: 680},
		Columns: []string{model.ColTotal, model.ColBasic, model.ColProject}}
	sangong := subjectTable(t, model.TableSangong, "total 合计 479,100", "vehicle_purchase 购置费 250,000", "reception 公务接待费 12,000")
	doc := narrativeWithTables(t, "putuo-wanli-street-budget-2024.txt", summary, fund, sangong)
	if narrHasIssue(doc, "narrative_mismatch", "收入预算") || narrHasIssue(doc, "narrative_mismatch", "政府性基金") ||
		narrHasIssue(doc, "narrative_mismatch", "三公经费 47.91") {
		t.Errorf("matching figures reported: %+v", doc.Issues)
	}
	if !narrHasIssue(doc, "narrative_mismatch", "支出预算 15621.11万元", "summary table expenditure_total", "156,311,123元") {
		t.Errorf("expenditure total mismatch not reported: %+v", doc.Issues)
	}
	if !narrHasIssue(doc, "narrative_mismatch", "公务接待费 1.35万元", "sangong table reception", "12,000元") {
		t.Errorf("reception mismatch not reported: %+v", doc.Issues)
	}
}

// TestNarrativeFinalBudgetAgainstTable: a 决算's 年初预算 is compared with the 预算数 column.
func TestNarrativeFinalBudgetAgainstTable(t *testing.T) {
	sangong := func(budget string) *model.Table {
		a, err := text.ParseAmount(budget, model.TenThous)
		if err != nil {
			t.Fatal(err)
		}
		return &model.Table{ID: model.TableSangong, Unit: model.TenThous, Rows: []*model.Row{{Code: model.RowTotal, Name: "合计",
			Cells:  []model.Cell{{Column: model.ColBudget, Amount: a}, {Column: model.ColActual, Amount: model.Amount{Unit: model.TenThous, Status: model.StatusBlank}}},
			Source: model.Source{Line: 487}}}}
	}
	doc := narrativeWithTables(t, "putuo-finance-final-2024.txt", sangong("0.95"))
	if narrHasIssue(doc, "narrative_mismatch", "三公") {
		t.Errorf("matching 三公 budget reported: %+v", doc.Issues)
	}
	doc = narrativeWithTables(t, "putuo-finance-final-2024.txt", sangong("1.95"))
	if !narrHasIssue(doc, "narrative_mismatch", "“三公”经费 0.95万元", "sangong table total budget 1.95万元") {
		t.Errorf("三公 budget mismatch not reported: %+v", doc.Issues)
	}
}

// TestNarrativeAgainstUnreadTable: a table printed empty is a zero; a table whose header was not
// recognised was not read, and says nothing about the narrative.
func TestNarrativeAgainstUnreadTable(t *testing.T) {
	printed := &model.Table{ID: model.TableStateCapital, Empty: true, Unit: model.Yuan, Source: model.Source{Line: 700},
		Columns: []string{model.ColTotal}}
	unread := &model.Table{ID: model.TableSangong, Empty: true, Unit: model.TenThous, Source: model.Source{Line: 633}}
	doc := narrativeWithTables(t, "putuo-wanli-street-budget-2024.txt", printed, unread)
	if narrHasIssue(doc, "narrative_mismatch", "三公") {
		t.Errorf("三公 compared with a table that was not read: %+v", doc.Issues)
	}
	doc = narrativeOf("  2024年国有资本经营预算拨款支出预算12.00万元，比2023年预算增加12.00万元。\n", model.FormatLayout, model.KindBudget)
	doc.Tables = []*model.Table{printed}
	Compare(doc)
	if !narrHasIssue(doc, "narrative_mismatch", "12.00万元", "the empty state_capital table") {
		t.Errorf("a figure against a table printed empty not reported: %+v", doc.Issues)
	}
}
