package loader

import (
	"budgetql/loader/model"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// figureIndex maps table/row/column to the yuan amount of a document's figures ("" when blank).
type figureIndex map[string]string

func indexFigures(doc *model.Document) figureIndex {
	idx := figureIndex{}
	for _, f := range doc.Figures() {
		key := string(f.Table) + "/" + f.RowCode + "/" + f.Column
		if _, seen := idx[key]; seen {
			continue
		}
		if f.Blank {
			idx[key] = ""
		} else {
			idx[key] = f.Yuan.StringFixed(2)
		}
	}
	return idx
}

// want asserts table/row/column amounts in yuan.
func (idx figureIndex) want(t *testing.T, pairs ...string) {
	t.Helper()
	for i := 0; i+1 < len(pairs); i += 2 {
		got, ok := idx[pairs[i]]
		if !ok {
			t.Errorf("%s: no figure, want %s", pairs[i], pairs[i+1])
		} else if got != pairs[i+1] {
			t.Errorf("%s = %s, want %s", pairs[i], got, pairs[i+1])
		}
	}
}

func corpusDoc(t *testing.T, name string) *model.Document {
	t.Helper()
	return mustParseFile(t, filepath.Join(corpusDir, name+".txt"))
}

// TestQueriesOneDocument asserts QUERIES.md 1–10 on zengdu-zwfw-budget-2024 through the whole pipeline.
func TestQueriesOneDocument(t *testing.T) {
	doc := corpusDoc(t, "zengdu-zwfw-budget-2024")
	idx := indexFigures(doc)
	t.Run("01 totals with stated change", func(t *testing.T) {
		idx.want(t, "summary/income_total/total", "4474800.00", "summary/expenditure_total/total", "4474800.00",
			"narrative/income_total/value", "4474800.00", "narrative/income_total/stated_previous", "3704400.00")
		n := doc.NarrativeFigure(model.RowIncomeTotal)
		if n == nil || n.StatedChange == nil || n.StatedPercent == nil ||
			n.StatedChange.Yuan.StringFixed(2) != "770400.00" || n.StatedPercent.StringFixed(2) != "20.80" {
			t.Errorf("income_total change = %+v", n)
		}
	})
	t.Run("02 function classes and tree", func(t *testing.T) {
		idx.want(t, "expenditure/201/total", "4128400.00", "expenditure/208/total", "169800.00",
			"expenditure/210/total", "94000.00", "expenditure/221/total", "82700.00",
			"expenditure/2010301/basic", "1358400.00", "expenditure/2010301/project", "0.00")
	})
	t.Run("03 basic and project", func(t *testing.T) {
		idx.want(t, "expenditure/total/basic", "1704800.00", "expenditure/total/project", "2770000.00",
			"gpb_function/total/personnel", "1575200.00", "gpb_function/total/public_use", "129600.00",
			"narrative/basic_expenditure/stated_previous", "1676800.00",
			"narrative/project_expenditure/stated_previous", "2027600.00")
	})
	t.Run("04 economic classes", func(t *testing.T) {
		idx.want(t, "gpb_basic_economic/301/total", "1536800.00", "gpb_basic_economic/302/total", "129600.00",
			"gpb_basic_economic/303/total", "38400.00", "gpb_basic_economic/30217/total", "1400.00")
	})
	t.Run("05 sangong", func(t *testing.T) {
		idx.want(t, "sangong/total/total", "1400.00", "sangong/reception/total", "1400.00",
			"sangong/overseas/total", "0.00", "sangong/vehicle_total/total", "0.00",
			"sangong/vehicle_purchase/total", "0.00", "sangong/vehicle_operation/total", "0.00",
			"narrative/sangong_total/stated_previous", "1400.00")
	})
	t.Run("06 projects", func(t *testing.T) { assertZengduProjects(t, doc) })
	t.Run("07 procurement", func(t *testing.T) {
		idx.want(t, "procurement/total/total", "2000000.00", "narrative/procurement_services/value", "2000000.00",
			"narrative/procurement_sme/value", "2000000.00", "narrative/procurement_total/stated_previous", "1698100.00")
		if len(doc.Procurement) != 1 || doc.Procurement[0].Category != "[C03040000]人才服务" ||
			!strings.Contains(doc.Procurement[0].FunctionSubject, "2010302") || !strings.Contains(doc.Procurement[0].EconomicSubject, "30227") {
			t.Errorf("procurement items = %+v", doc.Procurement)
		}
	})
	t.Run("08 targets", func(t *testing.T) { assertHotlineTargets(t, doc) })
	t.Run("09 checks", func(t *testing.T) { assertZengduChecks(t, doc) })
	t.Run("10 staffing", func(t *testing.T) {
		got := map[string]int{}
		for _, s := range doc.Staffing {
			got[s.Kind] = s.Count
		}
		if got["行政编制"] != 5 || got["实有在职人员"] != 5 || got["劳务派遣人员"] != 9 {
			t.Errorf("staffing = %v", got)
		}
	})
}

func assertZengduProjects(t *testing.T, doc *model.Document) {
	t.Helper()
	var n int
	sum := decimal.Zero
	var largest model.Project
	for _, p := range doc.Projects {
		if !strings.HasPrefix(p.Category, "22") {
			continue
		}
		n++
		sum = sum.Add(p.Amount.Yuan)
		if p.Amount.Yuan.GreaterThan(largest.Amount.Yuan) {
			largest = p
		}
		if p.Code == "42130323016Y000000103" && (p.Name != "互联网+放管服便民寄递项目经费" || p.Amount.Yuan.StringFixed(2) != "140000.00" || p.NameFrom == "") {
			t.Errorf("…Y000000103 = %+v", p)
		}
	}
	if n != 8 || sum.StringFixed(2) != "2770000.00" {
		t.Errorf("其他运转类: %d projects totalling %s, want 8 totalling 2770000.00", n, sum.StringFixed(2))
	}
	if largest.Name != "政府购买服务" || largest.Amount.Yuan.StringFixed(2) != "2000000.00" || largest.NameFrom == "" {
		t.Errorf("largest = %+v", largest)
	}
}

func assertHotlineTargets(t *testing.T, doc *model.Document) {
	t.Helper()
	want := map[string]string{"组织12345热线工作人员进行学习": "≥ 2 次", "按时办结率": "= 100 %", "提高人民群众满意度": "定性 满意 "}
	found := map[string]bool{}
	dept := 0
	for _, tg := range doc.Targets {
		if tg.ProjectName == "" && tg.ProjectCode == "" {
			dept++
			continue
		}
		if !strings.Contains(tg.ProjectName, "12345") {
			continue
		}
		if w, ok := want[strings.ReplaceAll(tg.Level3, " ", "")]; ok {
			found[tg.Level3] = true
			if got := tg.Operator + " " + tg.Value + " " + tg.MeasureUnit; got != w {
				t.Errorf("target %s = %q, want %q", tg.Level3, got, w)
			}
		}
	}
	if len(found) != 3 {
		t.Errorf("12345 热线 targets found %v", found)
	}
	if dept == 0 {
		t.Error("no department-wide targets")
	}
}

func assertZengduChecks(t *testing.T, doc *model.Document) {
	t.Helper()
	repaired := map[string]string{}
	for _, r := range doc.Repairs {
		repaired[r.Printed] = r.Value.StringFixed(2)
	}
	if repaired["8.2"] != "82700.00" || repaired["0. 1"] != "1400.00" {
		t.Errorf("repairs = %v, want 8.2 → 82700.00 and 0. 1 → 1400.00", repaired)
	}
	rounding := false
	for _, c := range doc.Checks {
		if c.Table == model.TableSummary && c.Result == model.CheckRounding && c.Expected.StringFixed(2) == "4474800.00" && c.Actual.StringFixed(2) == "4474900.00" {
			rounding = true
		}
	}
	if !rounding {
		t.Error("no rounding check for the summary's classes (447.49 vs 447.48)")
	}
	kinds := map[model.IssueKind]int{}
	for _, is := range doc.Issues {
		kinds[is.Kind]++
	}
	if kinds["lost_row"] != 1 || kinds["lost_name"] != 1 || kinds["filled_row"] != 1 || kinds["filled_name"] != 1 {
		t.Errorf("issues by kind = %v", kinds)
	}
}

// TestQueriesSeveralYears asserts QUERIES.md 11–16 on the 万里 documents of 2023–2025.
func TestQueriesSeveralYears(t *testing.T) {
	years := []string{"2023", "2024", "2025"}
	idx := map[string]figureIndex{}
	docs := map[string]*model.Document{}
	for _, y := range years {
		docs[y] = corpusDoc(t, "putuo-wanli-street-budget-"+y)
		idx[y] = indexFigures(docs[y])
	}
	byYear := func(t *testing.T, key string, want ...string) {
		t.Helper()
		for i, y := range years {
			idx[y].want(t, key, want[i])
		}
	}
	t.Run("11 totals by year", func(t *testing.T) {
		byYear(t, "summary/income_total/total", "164978640.00", "156211123.00", "189767551.00")
		n := docs["2024"].NarrativeFigure(model.RowFiscalAppropriation)
		if n == nil || n.StatedChange == nil || n.StatedChange.Yuan.StringFixed(2) != "-8767500.00" || n.Basis != "比2023年预算" {
			t.Errorf("2024 stated change = %+v", n)
		}
	})
	t.Run("12 sangong by year", func(t *testing.T) {
		byYear(t, "sangong/total/total", "229100.00", "479100.00", "379100.00")
		byYear(t, "sangong/vehicle_purchase/total", "0.00", "250000.00", "150000.00")
	})
	t.Run("13 procurement by year", func(t *testing.T) {
		byYear(t, "narrative/procurement_total/value", "8300000.00", "16624400.00", "48212000.00")
		byYear(t, "narrative/procurement_goods/value", "100000.00", "939800.00", "574300.00")
	})
	t.Run("14 one subject across years", func(t *testing.T) {
		byYear(t, "expenditure/2120101/total", "18373632.00", "16603248.00", "17887739.00")
	})
	t.Run("15 movers 2023 to 2024", func(t *testing.T) {
		code, change := largestMove(docs["2023"], docs["2024"])
		// 208 99 99 其他社会保障和就业支出: 13,312,677 → 7,812,394 as printed in both 支出预算总表.
		if code != "2089999" || change.StringFixed(2) != "-5500283.00" {
			t.Errorf("largest move = %s %s, want 2089999 -5500283.00", code, change.StringFixed(2))
		}
	})
	t.Run("16 narrative contradicts table", func(t *testing.T) {
		idx["2024"].want(t, "expenditure/2210201/total", "3503499.00")
		found := false
		for _, is := range docs["2024"].Issues {
			if is.Kind == "narrative_mismatch" && strings.Contains(is.Detail, "352.67") {
				found = true
			}
		}
		if !found {
			t.Error("no narrative_mismatch naming 352.67")
		}
	})
}

// TestQueriesManyDepartments asserts the per-document figures behind QUERIES.md 17–18.
func TestQueriesManyDepartments(t *testing.T) {
	corpusDoc := corpusDoc(t, "putuo-govoffice-budget-2025")
	indexFigures(corpusDoc).want(t, "sangong/total/total", "8675000.00")
	indexFigures(corpusDoc).want(t, "expenditure/201/total", "82096797.42")
}

// largestMove returns the 项 of the expenditure table whose total moved most between two documents.
func largestMove(before, after *model.Document) (string, decimal.Decimal) {
	prev := map[string]decimal.Decimal{}
	for _, r := range before.Table(model.TableExpenditure).Rows {
		if a, ok := r.Cell(model.ColTotal); ok && r.Level == 3 && !a.IsBlank() {
			prev[r.Code] = a.Yuan
		}
	}
	best, move := "", decimal.Zero
	for _, r := range after.Table(model.TableExpenditure).Rows {
		a, ok := r.Cell(model.ColTotal)
		p, had := prev[r.Code]
		if !ok || !had || r.Level != 3 || a.IsBlank() {
			continue
		}
		if d := a.Yuan.Sub(p); d.Abs().GreaterThan(move.Abs()) {
			best, move = r.Code, d
		}
	}
	return best, move
}
