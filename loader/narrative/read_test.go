package narrative

import (
	"budgetql/loader/model"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func mustYuan(t *testing.T, s string) decimal.Decimal {
	t.Helper()
	d, err := decimal.NewFromString(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func mustFigure(t *testing.T, doc *model.Document, key string) *model.NarrativeFigure {
	t.Helper()
	f := doc.NarrativeFigure(key)
	if f == nil {
		t.Fatalf("%s: no narrative figure %s", doc.File, key)
	}
	return f
}

// stated is one expected narrative statement; empty strings are "not stated".
type stated struct {
	key, value, prev, prevStatus, change, pct, dir, basis string
}

func checkStated(t *testing.T, doc *model.Document, w stated) {
	t.Helper()
	f := mustFigure(t, doc, w.key)
	eq := func(what string, got *model.Amount, want string) {
		t.Helper()
		switch {
		case want == "" && got != nil:
			t.Errorf("%s %s: got %s, want none", w.key, what, got.Yuan)
		case want != "" && got == nil:
			t.Errorf("%s %s: none, want %s", w.key, what, want)
		case want != "" && !got.Yuan.Equal(mustYuan(t, want)):
			t.Errorf("%s %s = %s, want %s", w.key, what, got.Yuan, want)
		}
	}
	eq("value", &f.Value, w.value)
	eq("stated previous", f.StatedPrevious, w.prev)
	eq("stated change", f.StatedChange, w.change)
	if w.prevStatus != "" && f.StatedPrevious != nil && string(f.StatedPrevious.Status) != w.prevStatus {
		t.Errorf("%s previous status %s, want %s", w.key, f.StatedPrevious.Status, w.prevStatus)
	}
	switch {
	case w.pct == "" && f.StatedPercent != nil:
		t.Errorf("%s percent %s, want none", w.key, f.StatedPercent)
	case w.pct != "" && (f.StatedPercent == nil || !f.StatedPercent.Equal(mustYuan(t, w.pct))):
		t.Errorf("%s percent %v, want %s", w.key, f.StatedPercent, w.pct)
	}
	if f.Direction != w.dir || f.Basis != w.basis {
		t.Errorf("%s direction/basis = %q/%q, want %q/%q", w.key, f.Direction, f.Basis, w.dir, w.basis)
	}
}

func narrHasIssue(doc *model.Document, kind model.IssueKind, parts ...string) bool {
	for _, is := range doc.Issues {
		if is.Kind != kind {
			continue
		}
		ok := true
		for _, p := range parts {
			ok = ok && strings.Contains(is.Detail, p)
		}
		if ok {
			return true
		}
	}
	return false
}

// TestNarrativeStatedPreviousYear asserts every stated previous-year statement that the answer key
// lists under stated_previous_year, as printed, with the previous year derived from the change.
func TestNarrativeStatedPreviousYear(t *testing.T) {
	const d, r = "derived", "reported"
	cases := map[string][]stated{
		"putuo-wanli-street-budget-2023.txt": {
			{model.RowFiscalAppropriation, "164978600", "150766100", d, "14212500", "", "increase", "比2022年（上一年度，下同）预算"},
			{model.RowFiscalAppropriationExp, "164978600", "150766100", d, "14212500", "", "increase", "比2022年预算"},
			{model.RowGeneralPublicBudget, "164978600", "150766100", d, "14212500", "", "increase", "比2022年预算"},
			// sic: a zero line stated as up 1421.25万; no previous year can be derived
			{model.RowGovFundExpenditure, "0", "", "", "14212500", "", "increase", "比2022年预算"},
			{model.RowStateCapitalExpendit, "0", "0", d, "0", "", "flat", "比2022年预算"},
			{model.RowSangongTotal, "229100", "229100", d, "0", "", "flat", "比2022年预算"},
			{model.RowOverseas, "0", "0", d, "0", "", "flat", "比2022年预算"},
			{model.RowVehiclePurchase, "0", "0", d, "0", "", "flat", "比2022年预算"},
			{model.RowVehicleOperation, "215600", "215600", d, "0", "", "flat", "比2022年预算"},
			{model.RowReception, "13500", "13500", d, "0", "", "flat", "比2022年预算"},
		},
		"putuo-wanli-street-budget-2024.txt": {
			{model.RowFiscalAppropriation, "156211100", "164978600", d, "-8767500", "", "decrease", "比2023年预算"},
			{model.RowFiscalAppropriationExp, "156211100", "164978600", d, "-8767500", "", "decrease", "比2023年预算"},
			{model.RowGeneralPublicBudget, "156211100", "164978600", d, "-8767500", "", "decrease", "比2023年预算"},
			{model.RowGovFundExpenditure, "0", "0", d, "0", "", "flat", "比2023年预算"},
			{model.RowStateCapitalExpendit, "0", "0", d, "0", "", "flat", "比2023年预算"},
			{model.RowSangongTotal, "479100", "229100", d, "250000", "", "increase", "比2023年预算"},
			{model.RowVehicleTotal, "465600", "215600", d, "250000", "", "increase", "比2023年预算"},
			{model.RowVehiclePurchase, "250000", "0", d, "250000", "", "increase", "比2023年预算"},
			{model.RowVehicleOperation, "215600", "215600", d, "0", "", "flat", "比2023年预算"},
			{model.RowOverseas, "0", "0", d, "0", "", "flat", "比2023年预算"},
			{model.RowReception, "13500", "13500", d, "0", "", "flat", "比2023年预算"},
		},
		"putuo-wanli-street-budget-2025.txt": {
			{model.RowFiscalAppropriation, "189767600", "156211100", d, "33556500", "", "increase", "比2024年预算"},
			{model.RowFiscalAppropriationExp, "189767600", "156211100", d, "33556500", "", "increase", "比2024年预算"},
			{model.RowGeneralPublicBudget, "189767600", "156211100", d, "33556500", "", "increase", "比2024年预算"},
			{model.RowGovFundExpenditure, "0", "0", d, "0", "", "flat", "比2024年预算"},
			{model.RowStateCapitalExpendit, "0", "0", d, "0", "", "flat", "比2024年预算"},
			{model.RowSangongTotal, "379100", "479100", d, "-100000", "", "decrease", "比2024年预算"},
			{model.RowVehicleTotal, "365600", "465600", d, "-100000", "", "decrease", "比2024年预算"},
			{model.RowVehiclePurchase, "150000", "250000", d, "-100000", "", "decrease", "比2024年预算"},
			{model.RowVehicleOperation, "215600", "215600", d, "0", "", "flat", "比2024年预算"},
			{model.RowReception, "13500", "13500", d, "0", "", "flat", "比2024年预算"},
		},
		"putuo-govoffice-budget-2025.txt": {
			{model.RowFiscalAppropriation, "91016800", "114912000", d, "-23895200", "", "decrease", "比2024年预算"},
			{model.RowFiscalAppropriationExp, "91016800", "114912000", d, "-23895200", "", "decrease", "比2024年预算"},
			{model.RowGeneralPublicBudget, "91016800", "114912000", d, "-23895200", "", "decrease", "比2024年预算"},
			{model.RowGovFundExpenditure, "0", "0", d, "0", "", "flat", "比2024年预算"},
			{model.RowStateCapitalExpendit, "0", "0", d, "0", "", "flat", "比2024年预算"},
			{model.RowSangongTotal, "8675000", "8675000", d, "0", "", "flat", "与2024年预算"},
			{model.RowOverseas, "8390000", "8390000", d, "0", "", "flat", "与2024年预算"},
			{model.RowVehicleTotal, "0", "0", d, "0", "", "flat", "与2024年预算"},
			{model.RowReception, "285000", "285000", d, "0", "", "flat", "与2024年预算"},
		},
		"putuo-finance-final-2024.txt": {
			{model.RowIncomeTotal, "29953900", "30523400", d, "-569500", "-1.87", "decrease", "与2023年度相比"},
			{model.RowExpenditureTotal, "29953900", "30523400", d, "-569500", "-1.87", "decrease", "与2023年度相比"},
			// sic: the document prints 0.3万元 for a table total of 2961.68万元
			{model.RowFiscalAppropriationTotal, "3000", "3000", d, "0", "", "flat", "与2023年度相比"},
			{model.RowGeneralPublicBudget, "29400500", "30031900", d, "-631400", "-2.10", "decrease", "与2023年度相比"},
			{model.RowSangongTotal, "0", "0", d, "0", "", "flat", "与2023年度"},
			{model.RowOverseas, "0", "0", d, "0", "", "flat", "与2023年度"},
			{model.RowVehicleTotal, "0", "0", d, "0", "", "flat", "与2023年度"},
			{model.RowReception, "0", "0", d, "0", "", "flat", "与2023年度"},
			{model.RowOfficeRunning, "1846500", "1821000", d, "25500", "1.40", "increase", "比2023年度"},
		},
		// QUERIES.md 1, 3, 5, 7
		"zengdu-zwfw-budget-2024.txt": {
			{model.RowIncomeTotal, "4474800", "3704400", r, "770400", "20.80", "increase", "上年"},
			{model.RowExpenditureTotal, "4474800", "3704400", r, "770400", "20.80", "increase", "上年"},
			{model.RowGeneralPublicBudget, "4474800", "3704400", r, "770400", "", "increase", "比去年预算"},
			{model.RowBasicExpenditure, "1704800", "1676800", r, "28000", "", "increase", "比年初预算"},
			{model.RowProjectExpenditure, "2770000", "2027600", r, "742400", "", "increase", "比年初预算"},
			{model.RowSangongTotal, "1400", "1400", d, "0", "0", "flat", "比上年"},
			{model.RowReception, "1400", "1400", d, "0", "0", "flat", "比上年"},
			{model.RowOfficeRunning, "129600", "129600", d, "0", "0", "flat", "比去年预算数"},
			{model.RowProcurementTotal, "2000000", "1698100", d, "301900", "17.78", "increase", "较上年"},
		},
	}
	for name, want := range cases {
		t.Run(name, func(t *testing.T) {
			doc := narrativeOnly(t, name)
			for _, w := range want {
				checkStated(t, doc, w)
			}
		})
	}
}

// TestNarrativeProcurement: procurement totals and splits, and 机关运行经费, as the narratives print
// them (answer key procurement_total, procurement_split, office_running_cost).
func TestNarrativeProcurement(t *testing.T) {
	cases := []struct {
		name                                  string
		total, goods, works, services, office string
		sme, micro                            string
	}{
		{"zengdu-zwfw-budget-2024.txt", "2000000", "0", "0", "2000000", "129600", "2000000", ""},
		{"putuo-wanli-street-budget-2023.txt", "8300000", "100000", "5500000", "2700000", "7860900", "3320000", "2324000"},
		{"putuo-wanli-street-budget-2024.txt", "16624400", "939800", "8158700", "7525900", "4431800", "6649800", "4654900"},
		{"putuo-wanli-street-budget-2025.txt", "48212000", "574300", "37807200", "9830500", "4646400", "19284800", "13499400"},
		{"putuo-govoffice-budget-2025.txt", "340000", "0", "0", "340000", "2132800", "340000", "340000"},
		{"putuo-finance-final-2024.txt", "2512500", "47900", "0", "2464700", "1846500", "2464700", "0"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := narrativeOnly(t, c.name)
			for key, want := range map[string]string{model.RowProcurementTotal: c.total, model.RowProcurementGoods: c.goods,
				model.RowProcurementWorks: c.works, model.RowProcurementServices: c.services, model.RowOfficeRunning: c.office,
				model.RowProcurementSME: c.sme, model.RowProcurementMicro: c.micro} {
				f := doc.NarrativeFigure(key)
				switch {
				case want == "" && f != nil:
					t.Errorf("%s = %s, want none", key, f.Value.Yuan)
				case want == "":
				case f == nil:
					t.Errorf("%s: none, want %s", key, want)
				case !f.Value.Yuan.Equal(mustYuan(t, want)) || f.Value.Unit != model.TenThous:
					t.Errorf("%s = %s %s, want %s 万元", key, f.Value.Yuan, f.Value.Unit, want)
				}
			}
		})
	}
}

// TestNarrativeZengduSource: figures keep the line of their number and the printed text (QUERIES 1).
func TestNarrativeZengduSource(t *testing.T) {
	doc := narrativeOnly(t, "zengdu-zwfw-budget-2024.txt")
	f := mustFigure(t, doc, model.RowIncomeTotal)
	if f.Source.Table != model.TableNarrative || f.Source.Line != 62 || f.Value.Printed != "447. 48" || f.Name != "收入总计" {
		t.Errorf("income_total source %+v printed %q name %q", f.Source, f.Value.Printed, f.Name)
	}
	if f.StatedPrevious.Printed != "370. 44" || f.StatedChange.Printed != "77. 04" {
		t.Errorf("previous %q change %q", f.StatedPrevious.Printed, f.StatedChange.Printed)
	}
	// Hubei items are 类 lines, keyed by class name without any table; the economic list by name.
	for code, want := range map[string]string{"201": "4128400", "208": "169800", "210": "94000", "221": "82700",
		"301": "1536800", "302": "129600", "303": "38400", "399": "0",
		// the breakdown of an economic class: "(基本工资 23. 57 万、…)", "维修(护)费 0.05 万"
		"30101": "235700", "30113": "82700", "30213": "500", "30217": "1400", "30307": "3700"} {
		if got := mustFigure(t, doc, code); !got.Value.Yuan.Equal(mustYuan(t, want)) {
			t.Errorf("item %s = %s, want %s", code, got.Value.Yuan, want)
		}
	}
	if doc.NarrativeFigure("30110") != nil {
		t.Error("OCR-damaged 工基本医疗保险缴费 read as 职工基本医疗保险缴费")
	}
	if len(doc.Issues) != 0 {
		t.Errorf("issues: %+v", doc.Issues)
	}
}

// TestNarrativeItemsPreviousExecution: Shanghai item lines state 上年执行数 and a signed percent.
func TestNarrativeItemsPreviousExecution(t *testing.T) {
	doc := narrativeOnly(t, "putuo-wanli-street-budget-2024.txt")
	checkStated(t, doc, stated{"item:1", "257700", "601300", "reported", "-343600", "-57.14", "decrease", "比2023年预算执行数"})
	checkStated(t, doc, stated{"item:3", "888700", "607900", "reported", "280800", "46.19", "increase", "比2023年预算执行数"})
	checkStated(t, doc, stated{"item:10", "100000", "100000", "reported", "0", "", "flat", "比2023年预算执行数"})
	if !narrHasIssue(doc, "narrative_mismatch", "item 4 ", "decrease (-2.98%)", "宣传事务一般行政管理事务经费增加") {
		t.Errorf("item 4: decrease with an increase as reason not reported: %+v", doc.Issues)
	}
	if !narrHasIssue(doc, "unread", "items 1, 2, 3", "33 kept as item:N") {
		t.Errorf("no issue for items left unkeyed without tables: %+v", doc.Issues)
	}
}

// TestNarrativeHousingFundMismatch (QUERIES 16): 万里 2024 item 31 住房公积金 heads 350.35万 but
// says "2024年预算安排352.67万元"; the headline is kept, the second figure reported.
func TestNarrativeHousingFundMismatch(t *testing.T) {
	doc := narrativeOnly(t, "putuo-wanli-street-budget-2024.txt")
	f := mustFigure(t, doc, "item:31")
	if !f.Value.Yuan.Equal(mustYuan(t, "3503500")) || f.Source.Line != 175 {
		t.Errorf("item 31 = %s line %d", f.Value.Yuan, f.Source.Line)
	}
	n := 0
	for _, is := range doc.Issues {
		if is.Kind == "narrative_mismatch" && strings.Contains(is.Detail, "item 31") {
			n++
			if is.Line != 176 || !strings.Contains(is.Detail, "350.35万元") || !strings.Contains(is.Detail, "352.67万元") {
				t.Errorf("mismatch issue %+v", is)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d narrative mismatches, want 1: %+v", n, doc.Issues)
	}
}

// TestNarrativeSelfContradictions: 万里 2023 states a wrong percent (item 3), copies item 15's amount
// and percent into item 16, and an increase on a zero 政府性基金 line.
func TestNarrativeSelfContradictions(t *testing.T) {
	doc := narrativeOnly(t, "putuo-wanli-street-budget-2023.txt")
	for _, want := range [][]string{
		{"item 3", "289.12%", "314.82%"},
		{"item 16", "66.40%", "60.54%"},
		{"item 16", "220.63万元", "441.25万元"},
		{"政府性基金拨款支出", "negative"},
	} {
		if !narrHasIssue(doc, "narrative_mismatch", want...) {
			t.Errorf("no narrative_mismatch with %q", want)
		}
	}
	if n := strings.Count(issueKinds(doc), "narrative_mismatch"); n != 4 {
		t.Errorf("%d narrative mismatches, want 4: %+v", n, doc.Issues)
	}
}

func issueKinds(doc *model.Document) string {
	var b strings.Builder
	for _, is := range doc.Issues {
		b.WriteString(string(is.Kind) + " ")
	}
	return b.String()
}

// TestNarrativeFinalItems: a 决算 item gives its 决算 as value and 年初预算 as budget; items that
// pdftotext scrambled are reported, not guessed.
func TestNarrativeFinalItems(t *testing.T) {
	doc := narrativeOnly(t, "putuo-finance-final-2024.txt")
	f := mustFigure(t, doc, "item:1")
	if !f.Value.Yuan.Equal(mustYuan(t, "15118900")) || f.Budget == nil || !f.Budget.Yuan.Equal(mustYuan(t, "15600500")) {
		t.Errorf("item 1 = %s budget %v", f.Value.Yuan, f.Budget)
	}
	// the structure paragraph names classes with their 类 marker
	for code, want := range map[string]string{"201": "21066600", "208": "3267200", "210": "609900", "221": "4456900"} {
		if f := mustFigure(t, doc, code); !f.Value.Yuan.Equal(mustYuan(t, want)) {
			t.Errorf("class %s = %s, want %s", code, f.Value.Yuan, want)
		}
	}
	g := mustFigure(t, doc, model.RowGeneralPublicBudget)
	if g.Budget == nil || !g.Budget.Yuan.Equal(mustYuan(t, "29939200")) {
		t.Errorf("general public budget 年初预算 %v", g.Budget)
	}
	for _, key := range []string{"item:4", "item:6", model.RowProjectExpenditure} {
		if doc.NarrativeFigure(key) != nil {
			t.Errorf("%s read from a scrambled passage", key)
		}
	}
	if !narrHasIssue(doc, "unread", "item 4", "no amount") || !narrHasIssue(doc, "unread", "item 6", "garbled") {
		t.Errorf("scrambled items not reported: %+v", doc.Issues)
	}
}

// TestNarrativeNames: a figure carries the name the prose gives it, brackets and quotes included.
func TestNarrativeNames(t *testing.T) {
	doc := narrativeOnly(t, "putuo-wanli-street-budget-2024.txt")
	for key, want := range map[string]string{model.RowSangongTotal: "“三公”经费", model.RowOverseas: "因公出国（境）费",
		model.RowProcurementMicro: "预留给小型和微型企业的政府采购项目", model.RowGeneralPublicBudget: "一般公共预算拨款支出",
		"item:31": "住房保障支出（类）住房改革支出（款）住房公积金（项）"} {
		if got := mustFigure(t, doc, key).Name; got != want {
			t.Errorf("%s name %q, want %q", key, got, want)
		}
	}
	doc = narrativeOnly(t, "putuo-govoffice-budget-2025.txt")
	if got := mustFigure(t, doc, "item:2").Name; got != "一般公共服务支出-政府办公厅（室）及相关机构事务-一般行政管理事务" {
		t.Errorf("govoffice item 2 name %q", got)
	}
}
