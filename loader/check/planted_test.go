package check_test

import (
	"budgetql/loader"
	"budgetql/loader/model"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Issue 18's rules, each tested on a real corpus document with the error planted in its text: a
// test fails without its rule, because no finding then points at the planted line. Each planted
// error is one case; the counts of findings at the planted line are logged for the notes.

// edit replaces old by new once in a document's text.
type edit struct{ old, new string }

// plant applies the edits to a corpus text, parses it and returns the document with the line of
// the first edit (in the edited text).
func plant(t *testing.T, name string, edits ...edit) (*model.Document, int) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "corpus", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	line := 0
	for i, e := range edits {
		at := strings.Index(text, e.old)
		if at < 0 || strings.Count(text, e.old) != 1 {
			t.Fatalf("%s: %q is not printed exactly once: update the test", name, e.old)
		}
		text = text[:at] + e.new + text[at+len(e.old):]
		if i == 0 {
			line = strings.Count(text[:at], "\n") + 1
		}
	}
	doc, err := loader.Parse(name+".txt", []byte(text))
	if err != nil {
		t.Fatalf("Parse %s: %v", name, err)
	}
	return doc, line
}

// pointingAt lists the findings that cite a line: failed or repaired checks that read it and
// issues at it, each as its check id or issue kind.
func pointingAt(doc *model.Document, line int) []string {
	var out []string
	for _, c := range doc.Checks {
		if c.Severity != "" && slices.Contains(c.Lines, line) {
			out = append(out, string(c.ID))
		}
	}
	for _, is := range doc.Issues {
		if is.Severity != "" && is.Line == line {
			out = append(out, string(is.Kind))
		}
	}
	return out
}

// plantedCase is one error planted in one corpus document; want is the check id or issue kind
// that only the rule under test gives, and at shifts the planted line to the one the finding
// must cite (a removed table's entry in the contents, say).
type plantedCase struct {
	name, rule string
	doc        string
	edits      []edit
	want       string
	severity   model.Severity
	at         int
}

const final = "putuo-finance-final-2024"

var plantedCases = []plantedCase{
	{name: "gpb_table_class", rule: "财政拨款收支总表 一般公共预算 column = 一般公共预算支出表 (class and total)", doc: final, edits: []edit{
		{"221               住房保障支出               445.69     445.69", "221               住房保障支出               435.69     435.69"},
		{"221     02        住房改革支出               445.69     445.69", "221     02        住房改革支出               435.69     435.69"},
		{"221     02   03   购房补贴                 258.50     258.50", "221     02   03   购房补贴                 248.50     248.50"},
		{"                   合计                2,940.05   2,336.91    603.14", "                   合计                2,930.05   2,326.91    603.14"},
	}, want: "cross:appropriation_class:221", severity: model.SeverityHigh},
	{name: "appropriation_income", rule: "income table 财政拨款收入 = 财政拨款收支总表 本年收入; summary = its totals", doc: final, edits: []edit{
		{"               2,940.05\n一、一般公共预算财政拨款", "               2,930.05\n一、一般公共预算财政拨款"},
		{"               2,940.05                  2,940.05\n   本年收入合计", "               2,930.05                  2,940.05\n   本年收入合计"},
		{"年初财政拨款结转和结余     21.63", "年初财政拨款结转和结余     31.63"},
		{"一、一般公共预算财政拨款    21.63", "一、一般公共预算财政拨款    31.63"},
	}, want: "cross:appropriation_summary:general_public_budget", severity: model.SeverityHigh,
		at: 259}, // the row cites its label's line, below the amount
	{name: "fund_carry_over", rule: "carry-over balance of each fund column", doc: final, edits: []edit{
		{"一、一般公共预算财政拨款    21.63", "一、一般公共预算财政拨款    11.63"},
		{"二、政府性基金预算财政拨\n款\n三、国有资本经营预算财政\n拨款\n     总计", "二、政府性基金预算财政拨    10.00\n款\n三、国有资本经营预算财政\n拨款\n     总计"},
	}, want: "appropriation:fund_balance:general_public_budget", severity: model.SeverityCritical},
	{name: "nonfiscal_balance", rule: "决算 summary: 使用非财政拨款结余 and 结余分配 counted", doc: final, edits: []edit{
		{"使用非财政拨款结余（含专用结余）               结余分配", "使用非财政拨款结余（含专用结余）    10.00      结余分配"},
	}, want: "summary:income_total", severity: model.SeverityCritical},
	{name: "dropped_table", rule: "the 9 tables of a 决算 are present", doc: final, edits: []edit{
		{"                                支出决算表\n", "\n"},
	}, want: string(model.IssueMissingTable), severity: model.SeverityCritical, at: 16},
	{name: "empty_without_note", rule: "an empty table carries its 本表无数据 note", doc: final, edits: []edit{
		{"注：上海市普陀区财政局无政府性基金预算财政拨款支出，故本表无数据。\n", "\n"},
		{"上海市普陀区财政局2024年度无政府性基金预算财政拨款收入和支出。", "上海市普陀区财政局2024年度政府性基金预算财政拨款收入和支出见上表。"},
	}, want: string(model.IssueEmptyUnmarked), severity: model.SeverityLow, at: 492},
	{name: "blank_sangong", rule: "a blank 三公 table against a narrative that states an amount", doc: final, edits: []edit{
		{"  0.95                                                              0.95\n", "\n"},
	}, want: string(model.IssueBlankAgainstProse), severity: model.SeverityHigh, at: 479},
	{name: "completion_rate", rule: "完成年初预算的X% recomputed", doc: final, edits: []edit{
		{"成年初预算的98.20%。", "成年初预算的90.20%。"},
	}, want: string(model.IssueStatedRate), severity: model.SeverityMedium},
	{name: "zero_base", rule: "a completion rate of a zero budget", doc: final, edits: []edit{
		{"“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元", "“三公”经费财政拨款支出年初预算为0万元，支出决算为0.95万元"},
	}, want: string(model.IssueStatedRate), severity: model.SeverityMedium},
	{name: "share", rule: "占X% recomputed", doc: final, edits: []edit{
		{"财政拨款收入2940.05万元，占99.79%", "财政拨款收入2940.05万元，占89.79%"},
	}, want: string(model.IssueStatedRate), severity: model.SeverityMedium},
	{name: "direction", rule: "决算数大于/小于预算数 against the figures", doc: final, edits: []edit{
		{"元。 决算数小于预算数的主要原因：人员进出及退休变化", "元。 决算数大于预算数的主要原因：人员进出及退休变化"},
	}, want: string(model.IssueStatedDirection), severity: model.SeverityMedium},
	{name: "placeholder_department", rule: "placeholders (XX)", doc: final, edits: []edit{
		{"    第二部分 上海市普陀区财政局2024年度部门决算表", "    第二部分 上海市普陀区XX局2024年度部门决算表"},
	}, want: string(model.IssuePlaceholder), severity: model.SeverityCritical},
	{name: "placeholder_fill_in", rule: "placeholders (待填写)", doc: "putuo-wanli-street-budget-2024", edits: []edit{
		{"2023年预算增加25万元，主要原因是购置公务用车；", "2023年预算增加25万元，主要原因是待填写；"},
	}, want: string(model.IssuePlaceholder), severity: model.SeverityHigh},
	{name: "empty_reason", rule: "an empty 主要原因", doc: final, edits: []edit{
		{"支出总计减少56.95万元，下降1.87%。主要原因：基本支出中人员进出及退休变化，\n以及项目支出中合同支付进度条款等原因减少支付。",
			"支出总计减少56.95万元，下降1.87%。主要原因：。\n"},
	}, want: string(model.IssueTemplateLeftover), severity: model.SeverityMedium},
	{name: "both_ways", rule: "增加持平", doc: final, edits: []edit{
		{"财政拨款收入支出总计持平。主要原因：", "财政拨款收入支出总计增加持平。主要原因："},
	}, want: string(model.IssueTemplateLeftover), severity: model.SeverityMedium},
	{name: "stale_year", rule: "a heading of another year (template leftover)", doc: final, edits: []edit{
		{"    第二部分 上海市普陀区财政局2024年度部门决算表", "    第二部分 上海市普陀区财政局2023年度部门决算表"},
	}, want: string(model.IssueYearMismatch), severity: model.SeverityMedium},
	{name: "sangong_vehicle_30231", rule: "三公 公务用车运行维护费 against economic 30231", doc: "putuo-wanli-street-budget-2024", edits: []edit{
		{"302   31   公务用车运行维护费        215,600            0      215,600", "302   31   公务用车运行维护费        315,600            0      315,600"},
	}, want: "cross:sangong_vehicle_operation", severity: model.SeverityHigh},
}

// TestPlantedErrors plants each kind of error and counts the findings that point at the planted
// line; the rule's own finding must be among them, with its severity and a Chinese message.
func TestPlantedErrors(t *testing.T) {
	var report []string
	for _, c := range plantedCases {
		t.Run(c.name, func(t *testing.T) {
			doc, line := plant(t, c.doc, c.edits...)
			if c.at > 0 {
				line = c.at
			}
			got := pointingAt(doc, line)
			report = append(report, fmt.Sprintf("%-24s %-60s line %4d: %d findings %v", c.name, c.rule, line, len(got), got))
			if !slices.Contains(got, c.want) {
				t.Fatalf("no %s finding at line %d; findings there: %v", c.want, line, got)
			}
			f := findingAt(doc, line, c.want)
			if f.Severity != c.severity || !hasHan(f.Message) || f.MessageEN == "" {
				t.Errorf("finding %s: severity %q (want %q), message %q / %q", c.want, f.Severity, c.severity, f.Message, f.MessageEN)
			}
		})
	}
	t.Logf("findings at the planted line, per error kind:\n%s", strings.Join(report, "\n"))
}

// findingAt is the finding of a check id or issue kind at a line.
func findingAt(doc *model.Document, line int, id string) model.Finding {
	for _, c := range doc.Checks {
		if string(c.ID) == id && slices.Contains(c.Lines, line) {
			return c.Finding
		}
	}
	for _, is := range doc.Issues {
		if string(is.Kind) == id && is.Line == line {
			return is.Finding
		}
	}
	return model.Finding{}
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}
