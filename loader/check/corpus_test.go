package check_test

import (
	"budgetql/loader"
	"budgetql/loader/model"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// parseCorpus parses a corpus text by name.
func ckParse(t *testing.T, name string) *model.Document {
	t.Helper()
	path := filepath.Join("..", "..", "testdata", "corpus", name+".txt")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := loader.Parse(name+".txt", data)
	if err != nil {
		t.Fatalf("Parse %s: %v", name, err)
	}
	return doc
}

func ckTable(t *testing.T, doc *model.Document, id model.TableID) *model.Table {
	t.Helper()
	tab := doc.Table(id)
	if tab == nil {
		t.Fatalf("%s: no %s table", doc.File, id)
	}
	return tab
}

// TestChecksCorpusZengdu: QUERIES.md 9 on the seed itself: 住房保障支出 printed "8.2" → 8.27万 and
// 公务接待费 printed "0. 1" → 0.14万, repaired and recorded; the 收支总表 classes 447.49 vs 447.48 are
// rounding; 其他运转类 passes once the lost 政府购买服务 row is filled, and says so.
func TestChecksCorpusZengdu(t *testing.T) {
	doc := ckParse(t, "zengdu-zwfw-budget-2024")
	a := ckCell(t, ckTable(t, doc, model.TableAppropriation), "221", model.ColTotal)
	if !a.Yuan.Equal(ckYuan("82700")) || a.Status != model.StatusRepaired || a.Printed != "8.2" {
		t.Errorf("appropriation 221 = %s %s printed %q, want 82700 repaired from \"8.2\"", a.Yuan, a.Status, a.Printed)
	}
	r := ckCell(t, ckTable(t, doc, model.TableSangong), model.RowReception, model.ColTotal)
	if !r.Yuan.Equal(ckYuan("1400")) || r.Status != model.StatusRepaired || r.Printed != "0. 1" {
		t.Errorf("三公 公务接待费 = %s %s printed %q, want 1400 repaired from \"0. 1\"", r.Yuan, r.Status, r.Printed)
	}
	got := map[string]string{}
	for _, rp := range doc.Repairs {
		got[string(rp.Table)+" "+rp.RowCode] = rp.Printed + " -> " + rp.Value.String()
	}
	want := map[string]string{"appropriation 221": "8.2 -> 82700", "sangong reception": "0. 1 -> 1400"}
	if len(got) != len(want) || got["appropriation 221"] != want["appropriation 221"] || got["sangong reception"] != want["sangong reception"] {
		t.Errorf("repairs %v, want %v", got, want)
	}
	ckAssert(t, doc, "appropriation:classes:total", model.CheckRepaired, "4474800", "4474900")
	ckAssert(t, doc, "sangong:total:total", model.CheckRepaired, "1400", "1400")
	ckAssert(t, doc, "summary:classes:total", model.CheckRounding, "4474800", "4474900")
	c := ckAssert(t, doc, "project:22", model.CheckPass, "2770000", "2770000")
	if !strings.Contains(c.Detail, "政府购买服务") || !strings.Contains(c.Detail, "filled from") {
		t.Errorf("project:22 detail %q should name the filled row and where it came from", c.Detail)
	}
	ckNoFailures(t, doc)
}

// TestChecksCorpusWanli2025: 款 21201 prints 94,995,790 in all three function tables but its 项 sum
// to 94,995,789: failed by 1 yuan (元 tables are exact), never repaired.
func TestChecksCorpusWanli2025(t *testing.T) {
	doc := ckParse(t, "putuo-wanli-street-budget-2025")
	for _, id := range []string{"tree:income:21201:total", "tree:expenditure:21201:total", "tree:gpb_function:21201:total"} {
		ckAssert(t, doc, id, model.CheckFailed, "94995790", "94995789")
	}
	ckAssert(t, doc, "row:expenditure:21201:basic_project", model.CheckFailed, "94995790", "94995789")
	ckAssert(t, doc, "tree:expenditure:212:total", model.CheckFailed, "154369326", "154369327")
	ckAssert(t, doc, "tree:expenditure:total:total", model.CheckPass, "189767551", "189767551")
	if len(doc.Repairs) != 0 {
		t.Errorf("repairs %+v, want none", doc.Repairs)
	}
	for _, c := range doc.Checks {
		if c.Result == model.CheckFailed && !strings.Contains(string(c.ID), "212") {
			t.Errorf("unexpected failure %s: %s", c.ID, c.Detail)
		}
	}
}

// TestChecksCorpusWanli2024Codes: the economic table prints "301 2 津贴补贴" and "301 7 绩效工资";
// they resolve by name to 30102 and 30107, keep the printed codes and are reported.
func TestChecksCorpusWanli2024Codes(t *testing.T) {
	doc := ckParse(t, "putuo-wanli-street-budget-2024")
	econ := ckTable(t, doc, model.TableGPBEconomic)
	for _, c := range []struct{ code, printed, name, total string }{
		{"30102", "301 2", "津贴补贴", ""}, {"30107", "301 7", "绩效工资", ""},
	} {
		r := econ.Row(c.code)
		if r == nil {
			t.Errorf("no economic row %s", c.code)
			continue
		}
		if r.PrintedCode != c.printed || r.Name != c.name || !strings.Contains(r.CodeResolved, c.code) {
			t.Errorf("%s: printed %q name %q resolved %q", c.code, r.PrintedCode, r.Name, r.CodeResolved)
		}
	}
	n := 0
	for _, is := range doc.Issues {
		if is.Kind == model.IssueCodeResolved {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d code_resolved issues, want 2", n)
	}
	ckAssert(t, doc, "tree:gpb_basic_economic:301:total", model.CheckPass, "88282511", "88282511")
	ckNoFailures(t, doc)
}

// TestChecksCorpusFinanceFinal: the 决算's rounding breaks (answer-key cross_checks) come out as
// rounding, not failures: 收入决算表 Σ classes 2946.26 vs 2946.25; class 208 326.71 (总表) vs 326.72
// (支出决算表); Σ class 基本 2336.92 vs 2336.91; economic 301 2082.85 vs Σ 2082.86, 302 171.07 vs 171.09.
func TestChecksCorpusFinanceFinal(t *testing.T) {
	doc := ckParse(t, "putuo-finance-final-2024")
	ckAssert(t, doc, "tree:income:total:total", model.CheckRounding, "29462500", "29462600")
	ckAssert(t, doc, "cross:class:208", model.CheckRounding, "3267100", "3267200")
	ckAssert(t, doc, "tree:expenditure:total:basic", model.CheckRounding, "23369100", "23369200")
	ckAssert(t, doc, "tree:gpb_basic_economic:301:total", model.CheckRounding, "20828500", "20828600")
	ckAssert(t, doc, "tree:gpb_basic_economic:302:total", model.CheckRounding, "1710700", "1710900")
	ckAssert(t, doc, "summary:income_total", model.CheckPass, "29953900", "29953900")
	ckAssert(t, doc, "cross:summary_expenditure", model.CheckPass, "29953900", "29953900")
	ckAssert(t, doc, "cross:economic_basic:total", model.CheckPass, "23369100", "23369100")
	ckNoFailures(t, doc)
}

// TestChecksCorpusShanghaiBudgets: 万里 2023 and 2024 add up everywhere; govoffice 2025 fails only the
// 三公 公务接待费 28.50万 vs economic 30217 18.50万 comparison.
func TestChecksCorpusShanghaiBudgets(t *testing.T) {
	for _, name := range []string{"putuo-wanli-street-budget-2023", "putuo-wanli-street-budget-2024"} {
		ckNoFailures(t, ckParse(t, name))
	}
	doc := ckParse(t, "putuo-govoffice-budget-2025")
	ckAssert(t, doc, "cross:sangong_reception", model.CheckFailed, "285000", "185000")
	for _, c := range doc.Checks {
		if c.Result == model.CheckFailed && c.ID != "cross:sangong_reception" {
			t.Errorf("unexpected failure %s: %s", c.ID, c.Detail)
		}
	}
}

func ckNoFailures(t *testing.T, doc *model.Document) {
	t.Helper()
	counts := map[model.CheckResult]int{}
	for _, c := range doc.Checks {
		counts[c.Result]++
		if c.Result == model.CheckFailed {
			t.Errorf("%s: unexpected failure %s: %s", doc.File, c.ID, c.Detail)
		}
	}
	t.Logf("%s: %v", doc.File, counts)
}

// TestChecksCorpusNarrative: narrative against tables: the seed's procurement 200万 = the procurement
// table's 2,000,000.00 元; the 决算's procurement split 4.79 + 0 + 246.47 = 251.26 vs 251.25 is rounding.
func TestChecksCorpusNarrative(t *testing.T) {
	doc := ckParse(t, "zengdu-zwfw-budget-2024")
	ckAssert(t, doc, "cross:procurement", model.CheckPass, "2000000", "2000000")
	ckAssert(t, doc, "cross:narrative:sangong_total", model.CheckPass, "1400", "1400")
	doc = ckParse(t, "putuo-finance-final-2024")
	ckAssert(t, doc, "narrative:procurement_split", model.CheckRounding, "2512500", "2512600")
}

// TestChecksCorpusZengduNoisy: a noisier copy of the seed: 收支总表 208 printed "16. 9" and economic
// 30217 printed "0. 1" (besides the seed's own "8.2" and 三公 "0. 1"). Each is repaired from an
// identity and confirmed by another printing: 208 by the expenditure table's 16.98, 30217 by the 三公
// 公务接待费 once that is repaired (the narrative's 0.14 confirms it).
func TestChecksCorpusZengduNoisy(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "corpus", "zengdu-zwfw-budget-2024.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(data), "六、社会保障和就业支出\t16. 98", "六、社会保障和就业支出\t16. 9", 1)
	text = strings.Replace(text, "30217\t公务接待费\t0.14\t0.00\t0.14", "30217\t公务接待费\t0. 1\t0.00\t0.14", 1)
	if text == string(data) {
		t.Fatal("the seed's lines changed: update the test")
	}
	doc, err := loader.Parse("zengdu-noisy.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		table         model.TableID
		code, printed string
		yuan          string
	}{
		{model.TableSummary, "208", "16. 9", "169800"},
		{model.TableGPBEconomic, "30217", "0. 1", "1400"},
		{model.TableSangong, model.RowReception, "0. 1", "1400"},
		{model.TableAppropriation, "221", "8.2", "82700"},
	} {
		a := ckCell(t, ckTable(t, doc, c.table), c.code, model.ColTotal)
		if a.Printed != c.printed || a.Status != model.StatusRepaired || !a.Yuan.Equal(ckYuan(c.yuan)) {
			t.Errorf("%s %s: %s %s printed %q, want %s repaired from %q", c.table, c.code, a.Yuan, a.Status, a.Printed, c.yuan, c.printed)
		}
	}
	ckAssert(t, doc, "cross:class:208", model.CheckRepaired, "169800", "169800")
	// Σ 302 is 12.95 against 12.96 in the seed itself (rounding), with 30217 at its repaired 0.14.
	ckAssert(t, doc, "tree:gpb_basic_economic:302:total", model.CheckRepaired, "129600", "129500")
	ckNoFailures(t, doc)
}
