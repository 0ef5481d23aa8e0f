package main

import (
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"
)

var plantedSample = filepath.Join("..", "..", "testdata", "fixtures", "putuo-finance-final-2024-planted-errors.txt")

// TestCheckReportFindings: the report groups findings by severity, most serious first, each in
// document order, in Chinese with its suggestion; --lang en writes the same in English.
func TestCheckReportFindings(t *testing.T) {
	code, out, stderr := runCLI(t, "check", plantedSample)
	if code != 1 {
		t.Fatalf("exit %d (want 1: checks fail): %s", code, stderr)
	}
	crit, high, medium := strings.Index(out, "【严重】"), strings.Index(out, "【高】"), strings.Index(out, "【中】")
	if crit < 0 || high < crit || medium < high {
		t.Fatalf("severity groups out of order (严重 %d, 高 %d, 中 %d):\n%s", crit, high, medium, out)
	}
	group := out[crit:high]
	placeholder := strings.Index(group, "第 125  [placeholder]  第 125 行（标题）留有模板占位符“XX”")
	missing := strings.Index(group, "第 19  [missing_table]  目录（第 19 行）列有《支出决算表》，正文中却没有这张表。")
	if placeholder < 0 || missing < 0 || missing > placeholder {
		t.Errorf("严重 group lacks the placeholder and the dropped table, in line order:\n%s", group)
	}
	if !strings.Contains(group, "建议：填入实际名称（如“上海市普陀区财政局”）") {
		t.Errorf("no suggestion for the placeholder:\n%s", group)
	}
	_, en, _ := runCLI(t, "check", "--lang", "en", plantedSample)
	if !strings.Contains(en, "【critical】") || !strings.Contains(en, "line 125  [placeholder]  Line 125 keeps the template placeholder \"XX\"") ||
		strings.Contains(en, "建议：") {
		t.Errorf("--lang en report:\n%s", en)
	}
}

// TestCheckFindingsCSV: --format csv writes the findings as UTF-8 with a BOM and Chinese headers,
// one row each, most serious first.
func TestCheckFindingsCSV(t *testing.T) {
	code, out, stderr := runCLI(t, "check", "--format", "csv", plantedSample)
	if code != 1 || !strings.HasPrefix(out, "\ufeff") {
		t.Fatalf("exit %d, output starts %q: %s", code, out[:min(len(out), 20)], stderr)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(recs[0], ","); got != "文件,部门,年度,类型,严重程度,行,页,表,编号,说明,建议" {
		t.Fatalf("header %q", got)
	}
	first := recs[1]
	if first[4] != "严重" || first[5] != "19" || first[8] != "missing_table" || !strings.Contains(first[9], "支出决算表") {
		t.Errorf("first row %q, want the dropped 支出决算表 (严重, line 19)", first)
	}
	n := 0
	for _, r := range recs[1:] {
		if r[8] == "stated_direction" {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d stated_direction rows, want the 3 planted", n)
	}
}
