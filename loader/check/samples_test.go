package check_test

import (
	"budgetql/loader"
	"budgetql/loader/model"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The GovBudgetChecker sample: its corrupted copy of the 财政局 2024 决算 gives the errors planted in
// it, its clean original (the corpus document) none beyond its own.

// findingSet lists a document's findings above 提示 as "kind-or-id@line".
func findingSet(doc *model.Document) []string {
	var out []string
	for _, f := range doc.Findings() {
		if f.Severity != model.SeverityInfo {
			out = append(out, f.ID+"@"+strconv.Itoa(f.Line))
		}
	}
	slices.Sort(out)
	return out
}

// TestGovBudgetCheckerSample: the planted errors of the corrupted copy, each found at its line:
// the placeholder 上海市普陀区XX局 (line 125), the dropped 支出决算表 (listed in the contents, line
// 19), the blank 三公 table against the narrative's 0.95 万元 (table at 297, prose at 438), the
// heading of 2023 (337), 收入支出总计 0 万元 (341), and three comparisons turned round (379, 407,
// 415).
func TestGovBudgetCheckerSample(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "fixtures", "putuo-finance-final-2024-planted-errors.txt"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := loader.Parse("planted.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	got := findingSet(doc)
	for _, want := range []string{
		"placeholder@125", "missing_table@19", "blank_against_prose@297", "year_mismatch@337",
		"narrative_mismatch@341", "stated_direction@379", "stated_direction@407", "stated_direction@415",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("planted error %s not found; findings: %v", want, got)
		}
	}
	t.Logf("%d findings above 提示: %v", len(got), got)
}

// TestGovBudgetCheckerOriginal: the clean original gives only its own errors: the narrative's
// 财政拨款收入支出总计 0.3 万元 against 2,961.68 (line 548, the error the issue names) and the share
// 71.73% printed for 一般公共服务支出 2106.66 of 2940.05 万元, which is 71.65% (line 565).
func TestGovBudgetCheckerOriginal(t *testing.T) {
	doc := ckParse(t, "putuo-finance-final-2024")
	got := findingSet(doc)
	want := []string{"narrative_mismatch@548", "stated_rate@565"}
	if !slices.Equal(got, want) {
		t.Errorf("findings %v, want %v", got, want)
	}
	for _, f := range doc.Findings() {
		if f.ID == "narrative_mismatch" && (!strings.Contains(f.Message, "0.3 万元") || !strings.Contains(f.Suggestion, "2,961.68")) {
			t.Errorf("narrative_mismatch: message %q, suggestion %q", f.Message, f.Suggestion)
		}
		if f.ID == "stated_rate" && f.Suggestion != "应为 71.65%（以 2940.05 万元 为总数）" {
			t.Errorf("stated_rate suggestion %q", f.Suggestion)
		}
	}
}

// TestUnchangedCorpusNoNewFindings: the other corpus documents give no finding of the printed
// text (tables, rates, placeholders): they have none of those errors.
func TestUnchangedCorpusNoNewFindings(t *testing.T) {
	printed := []model.IssueKind{model.IssueMissingTable, model.IssueEmptyUnmarked, model.IssueBlankAgainstProse,
		model.IssueStatedRate, model.IssueStatedDirection, model.IssuePlaceholder, model.IssueTemplateLeftover}
	for _, name := range []string{"putuo-govoffice-budget-2025", "putuo-wanli-street-budget-2023", "putuo-wanli-street-budget-2024",
		"putuo-wanli-street-budget-2025", "zengdu-zwfw-budget-2024"} {
		for _, is := range ckParse(t, name).Issues {
			if slices.Contains(printed, is.Kind) {
				t.Errorf("%s: %s at line %d: %s", name, is.Kind, is.Line, is.Message)
			}
		}
	}
}

// TestFinalSummaryBalanceUsed: a 决算 that uses 10 万元 of non-fiscal balance and distributes 10 万元
// of balance, with both 总计 grown to match, balances: each side counts its extra row.
func TestFinalSummaryBalanceUsed(t *testing.T) {
	doc, _ := plant(t, final,
		edit{"使用非财政拨款结余（含专用结余）               结余分配", "使用非财政拨款结余（含专用结余）    10.00      结余分配    10.00"},
		edit{"总计                  2,995.39   总计         2,995.39", "总计                  3,005.39   总计         3,005.39"})
	ckAssert(t, doc, "summary:income_total", model.CheckPass, "30053900", "30053900")
	ckAssert(t, doc, "summary:expenditure_total", model.CheckPass, "30053900", "30053900")
	ckAssert(t, doc, "summary:balance", model.CheckPass, "30053900", "30053900")
}
