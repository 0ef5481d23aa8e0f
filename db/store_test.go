package db_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jmoiron/sqlx"
	"github.com/shopspring/decimal"

	"budgetql/db"
	"budgetql/db/dbtest"
	"budgetql/loader/model"
)

// fixture is a small document built in code, so the store is tested apart from the parsers.
func fixture(name string, year int, sha string) *model.Document {
	amt := func(s string) model.Amount {
		return model.Amount{Yuan: decimal.RequireFromString(s), Printed: s, Unit: model.Yuan, Status: model.StatusReported}
	}
	src := model.Source{Table: model.TableGPBFunction, Page: 3, Line: 40, Text: "201 一般公共服务支出 1,000"}
	prev, budget := amt("900"), amt("950")
	pct := decimal.RequireFromString("11.11")
	return &model.Document{
		File: sha + ".txt", SHA256: sha, Format: model.FormatLayout, Department: name,
		Region: model.Region{Code: "310107", Name: "上海市普陀区"}, Year: year,
		Kind: model.KindBudget, Scope: model.ScopeDepartment, Pages: 10, Lines: 100,
		Units: []model.OrgUnit{{Code: "001", Name: "本级", Kind: "行政"}},
		Tables: []*model.Table{{ID: model.TableGPBFunction, Unit: model.Yuan, Rows: []*model.Row{
			{Code: "201", Name: "一般公共服务支出", Level: 1, Source: src, Cells: []model.Cell{
				{Column: model.ColTotal, Amount: amt("1000")}, {Column: model.ColBasic, Amount: amt("600")},
				{Column: model.ColProject, Amount: model.Amount{Status: model.StatusBlank, Unit: model.Yuan}}}},
			{Code: "20101", Name: "人大事务", Level: 2, Source: src, Cells: []model.Cell{{Column: model.ColTotal, Amount: amt("1000")}}},
			{Code: "2010101", Name: "行政运行", Level: 3, Source: src, Cells: []model.Cell{{Column: model.ColTotal, Amount: amt("1000")}}},
		}}},
		Projects:    []model.Project{{Code: "P1", Name: "热线项目", Amount: amt("400"), Source: src}},
		Procurement: []model.ProcurementItem{{Project: "热线", Category: "[C03040000]人才服务", Total: amt("400"), Source: src}},
		Targets:     []model.Target{{ProjectName: "热线", Level1: "产出指标", Level2: "数量指标", Level3: "培训", Operator: "≥", Value: "2", MeasureUnit: "次", Source: src}},
		Narrative: []model.NarrativeFigure{{Key: model.RowIncomeTotal, Name: "收入总计", Value: amt("1000"),
			StatedPrevious: &prev, StatedPercent: &pct, Direction: "increase", Budget: &budget, Source: src}},
		Staffing: []model.Staff{{Kind: "行政编制", Count: 5, Source: src}},
		Checks:   []model.Check{{ID: "tree:gpb_function", Rule: "类 = Σ款", Result: model.CheckPass, Expected: decimal.NewFromInt(1000), Actual: decimal.NewFromInt(1000), Lines: []int{40, 41}}},
		Repairs:  []model.Repair{{Table: model.TableGPBFunction, RowCode: "201", Column: model.ColTotal, Printed: "1,00", Value: decimal.NewFromInt(1000), Rule: "tree", Line: 40}},
		Issues:   []model.Issue{{Kind: "lost_name", Detail: "x", Line: 41}},
	}
}

func mustStore(t *testing.T, s *db.Store, doc *model.Document, want db.Action) db.StoreResult {
	t.Helper()
	res, err := s.StoreDocument(context.Background(), doc)
	if err != nil {
		t.Fatalf("StoreDocument(%s): %v", doc.File, err)
	}
	if res.Action != want {
		t.Fatalf("StoreDocument(%s) = %s, want %s", doc.File, res.Action, want)
	}
	return res
}

func mustCount(t *testing.T, d *sqlx.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := d.Get(&n, query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func TestStoreDocumentLoadUnchangedReplaced(t *testing.T) {
	d := dbtest.New(t)
	s := &db.Store{DB: d}
	first := mustStore(t, s, fixture("上海市普陀区人民政府万里街道办事处", 2024, "aaa"), db.ActionLoaded)
	if first.Figures != 8 {
		t.Errorf("figures = %d, want 8 (5 cells + narrative value, stated previous, budget)", first.Figures)
	}
	mustStore(t, s, fixture("上海市普陀区人民政府万里街道办事处", 2024, "aaa"), db.ActionUnchanged)
	res := mustStore(t, s, fixture("上海市普陀区万里街道办事处", 2024, "bbb"), db.ActionReplaced)
	if res.ReplacedFile != "aaa.txt" || res.DepartmentID != first.DepartmentID {
		t.Errorf("replaced %q in department %d, want aaa.txt in %d", res.ReplacedFile, res.DepartmentID, first.DepartmentID)
	}
	if n := mustCount(t, d, `SELECT count(*) FROM figure`); n != 16 {
		t.Errorf("figure rows after replace = %d, want 16 (the superseded document's 8 kept)", n)
	}
	if n := mustCount(t, d, `SELECT count(*) FROM document o JOIN document n ON n.supersedes = o.id
		WHERE o.sha256 = 'aaa' AND o.version_from = 1 AND o.version_to = 2 AND n.sha256 = 'bbb'
		  AND n.version_from = 2 AND n.version_to IS NULL`); n != 1 || first.Version != 1 || res.Version != 2 {
		t.Errorf("aaa superseded by bbb in version 2: %d rows; versions %d, %d", n, first.Version, res.Version)
	}
	if n := mustCount(t, d, `SELECT count(*) FROM department_alias`); n != 2 {
		t.Errorf("aliases = %d, want 2 printed names", n)
	}
	var amount decimal.Decimal
	if err := d.Get(&amount, `SELECT amount FROM figure f JOIN document d ON d.id = f.document_id
		WHERE row_code = '201' AND column_id = 'total' AND d.sha256 = 'bbb'`); err != nil {
		t.Fatal(err)
	}
	if !amount.Equal(decimal.NewFromInt(1000)) {
		t.Errorf("201 total = %s, want 1000", amount)
	}
	if n := mustCount(t, d, `SELECT count(*) FROM figure f JOIN document d ON d.id = f.document_id
		WHERE status = 'blank' AND amount IS NULL AND d.version_to IS NULL`); n != 1 {
		t.Errorf("blank cells stored as NULL = %d, want 1", n)
	}
}

func TestStoreDocumentFacts(t *testing.T) {
	d := dbtest.New(t)
	s := &db.Store{DB: d}
	mustStore(t, s, fixture("上海市普陀区人民政府万里街道办事处", 2024, "aaa"), db.ActionLoaded)
	for table, want := range map[string]int{"unit": 1, "subject": 3, "project": 1, "procurement_item": 1,
		"target": 1, "narrative_figure": 1, "staffing": 1, "check_result": 1, "repair": 1, "document_issue": 1} {
		if n := mustCount(t, d, `SELECT count(*) FROM `+table); n != want {
			t.Errorf("%s rows = %d, want %d", table, n, want)
		}
	}
	var parent string
	if err := d.Get(&parent, `SELECT parent_code FROM subject WHERE code = '2010101'`); err != nil || parent != "20101" {
		t.Errorf("parent of 2010101 = %q (%v), want 20101", parent, err)
	}
	var region string
	if err := d.Get(&region, `SELECT r.name || ' ' || r.code FROM region r JOIN department p ON p.region_id = r.id`); err != nil || region != "上海市普陀区 310107" {
		t.Errorf("region = %q (%v), want 上海市普陀区 310107", region, err)
	}
	var narrative string
	if err := d.Get(&narrative, `SELECT concat_ws(' ', value, stated_previous, stated_percent, budget) FROM narrative_figure`); err != nil ||
		narrative != "1000.00 900.00 11.1100 950.00" {
		t.Errorf("narrative = %q (%v), want 1000.00 900.00 11.1100 950.00", narrative, err)
	}
	var lines string
	if err := d.Get(&lines, `SELECT lines::text FROM check_result`); err != nil || lines != "{40,41}" {
		t.Errorf("check lines = %q (%v), want {40,41}", lines, err)
	}
}

func TestStoreDocumentFailureLeavesNothing(t *testing.T) {
	d := dbtest.New(t)
	s := &db.Store{DB: d, BeforeCommit: func(context.Context, string) error { return errors.New("boom") }}
	if _, err := s.StoreDocument(context.Background(), fixture("某区财政局", 2024, "ccc")); err == nil {
		t.Fatal("StoreDocument succeeded, want the hook's error")
	}
	for _, table := range []string{"department", "department_alias", "region", "document", "figure", "project"} {
		if n := mustCount(t, d, `SELECT count(*) FROM `+table); n != 0 {
			t.Errorf("%s rows after a failed document = %d, want 0", table, n)
		}
	}
}
