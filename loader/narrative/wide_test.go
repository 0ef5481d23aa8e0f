package narrative

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"path/filepath"
	"strings"
	"testing"
)

// wideDocs are the wide-corpus texts copied into testdata, as their covers identify them.
var wideDocs = map[string]docInfo{
	"quanzhou-market-center-unit-budget-2026.txt": {2026, model.KindBudget, model.FormatLayout},
	"chongqing-publicity-budget-2026.txt":         {2026, model.KindBudget, model.FormatLayout},
	"shenzhen-port-budget-2026.txt":               {2026, model.KindBudget, model.FormatLayout},
	"suzhou-water-unit-budget-2026.txt":           {2026, model.KindBudget, model.FormatLayout},
}

// wideNarrative reads the narrative of a wide-corpus text in testdata, without tables.
func wideNarrative(t *testing.T, name string) *model.Document {
	t.Helper()
	info := wideDocs[name]
	doc := &model.Document{File: name, Year: info.year, Kind: info.kind, Format: info.format}
	Read(doc, gridLines(readLines(t, filepath.Join(wideDir, name)), info.format))
	return doc
}

// figureValue is a wanted figure: key, value in yuan, and the line it is printed on.
type figureValue struct {
	key, value string
	line       int
}

// TestWideAnswerKey: the figures ../shared/corpus-wide/answer-key.json gives for these documents
// (office_running_cost, procurement_total, procurement_split, stated_previous_year), and the
// 人员经费 and 公用经费 that quanzhou-market-center prints only in its narrative.
func TestWideAnswerKey(t *testing.T) {
	cases := map[string]struct {
		figures []figureValue
		stated  []stated
	}{
		"quanzhou-market-center-unit-budget-2026.txt": {
			figures: []figureValue{
				{model.RowOfficeRunning, "0", 491}, {model.RowProcurementTotal, "24300", 497},
				{model.RowProcurementGoods, "24300", 498}, {model.RowProcurementWorks, "0", 499},
				{model.RowProcurementServices, "0", 499},
				// 五、一般公共预算拨款基本支出情况: printed only here
				{model.RowGPBBasic, "10133700", 406}, {model.RowGPBBasicPersonnel, "8951700", 408},
				{model.RowGPBBasicPublicUse, "1182000", 414},
			},
			stated: []stated{
				{model.RowIncomeTotal, "14687000", "16744500", "derived", "-2057500", "", "decrease", "比上年"},
				{model.RowGeneralPublicBudget, "14687000", "16744500", "derived", "-2057500", "-12.29", "decrease", "比上年"},
				// 三公 items under headings: "（二）公务接待费" / "2026 年预算安排 2.00 万元，比上年增加 0.00 万元"
				{model.RowReception, "20000", "20000", "derived", "0", "0", "flat", "比上年"},
			},
		},
		"chongqing-publicity-budget-2026.txt": {
			figures: []figureValue{
				{model.RowOfficeRunning, "9105300", 65}, {model.RowProcurementTotal, "7124900", 68},
				{model.RowProcurementGoods, "4865000", 69}, {model.RowProcurementWorks, "0", 69},
				{model.RowProcurementServices, "2259900", 69},
			},
			stated: []stated{
				// "（一）收入预算：2026 年年初预算数 45,369.18 万元 … 收入比 2025 年增加 2,734.52 万元"
				{model.RowIncomeTotal, "453691800", "426346600", "derived", "27345200", "", "increase", "比2025年"},
				{model.RowGeneralPublicBudget, "378915800", "370906400", "derived", "8009400", "", "increase", "比2025年"},
				{model.RowSangongTotal, "2758000", "2758000", "derived", "0", "", "flat", "与2025年"},
				{model.RowOfficeRunning, "9105300", "9104400", "derived", "900", "", "increase", "比2025年"},
			},
		},
		"shenzhen-port-budget-2026.txt": {
			figures: []figureValue{
				{model.RowOfficeRunning, "33839800", 354}, {model.RowProcurementTotal, "39667300", 235},
				{model.RowProcurementGoods, "0", 235}, {model.RowProcurementWorks, "0", 237},
				{model.RowProcurementServices, "39667300", 237}, {model.RowProjectExpenditure, "508780800", 120},
			},
			stated: []stated{
				{model.RowIncomeTotal, "558846700", "531271400", "derived", "27575300", "5.2", "increase", "较2025年年初预算"},
				{model.RowSangongTotal, "437900", "377700", "derived", "60200", "", "increase", "较2025年年初预算"},
				{model.RowOfficeRunning, "33839800", "33575000", "derived", "264800", "0.8", "increase", "较2025年年初预算"},
				// "1.因公出国（境）费用。2026 年预算数 36.14 万元，较 2025 年年初预算增加 18.26 万元"
				{model.RowOverseas, "361400", "178800", "derived", "182600", "", "increase", "较2025年年初预算"},
			},
		},
		"suzhou-water-unit-budget-2026.txt": {
			figures: []figureValue{
				{model.RowOfficeRunning, "2059700", 1041}, {model.RowProcurementTotal, "219402800", 1047},
				{model.RowProcurementGoods, "68800", 1048}, {model.RowProcurementWorks, "0", 1048},
				{model.RowProcurementServices, "219334000", 1049},
				{model.RowGPBBasicPersonnel, "19418800", 980}, {model.RowGPBBasicPublicUse, "2059700", 985},
			},
			stated: []stated{
				// "与上年相比收、支预算总计各增加 28,997.47 万元，增长 45.59%"
				{model.RowIncomeTotal, "925962400", "635987700", "derived", "289974700", "45.59", "increase", "与上年相比"},
				{model.RowGeneralPublicBudget, "485929800", "330196200", "derived", "155733600", "47.16", "increase", "与上年相比"},
				{model.RowSangongTotal, "150000", "150000", "derived", "0", "", "flat", "与上年预算数"},
				{model.RowOfficeRunning, "2059700", "2713900", "derived", "-654200", "-24.11", "decrease", "与上年相比"},
			},
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			doc := wideNarrative(t, name)
			for _, w := range c.figures {
				f := mustFigure(t, doc, w.key)
				if !f.Value.Yuan.Equal(mustYuan(t, w.value)) || f.Source.Line != w.line {
					t.Errorf("%s = %s line %d, want %s line %d", w.key, f.Value.Yuan, f.Source.Line, w.value, w.line)
				}
			}
			for _, w := range c.stated {
				checkStated(t, doc, w)
			}
			if n := strings.Count(issueKinds(doc), "narrative_mismatch"); n != 0 {
				t.Errorf("%d narrative mismatches: %+v", n, doc.Issues)
			}
		})
	}
}

// TestWideSentences: wordings of other templates, copied from the wide corpus with their layout.
func TestWideSentences(t *testing.T) {
	cases := []struct {
		name, text string
		want       []figureValue // figures read (line 0: any)
		absent     []string      // keys not read
		issue      []string      // an issue with these parts
	}{
		{"suzhou-audit-budget-2026.txt:843: the fund's name ends in 支出, then 预算支出",
			"       十、政府性基金预算支出预算情况说明\n       苏州市审计局 2026 年政府性基金支出预算支出 0 万元。与上\n  年预算数相同。\n",
			[]figureValue{{model.RowGovFundExpenditure, "0", 2}}, []string{model.RowExpenditureTotal}, nil},
		{"foshan-rail-final-2019.txt:826: the budget a performance evaluation covers is a part",
			"  共组织对 0 个项目开展了重点绩效评价（如有），涉及一般\n公共预算支出 0 万元，政府性基金预算支出 0 万元。其中，对 0\n",
			nil, []string{model.RowGeneralPublicBudget}, nil},
		{"shenzhen-works-budget-2026.txt:144: each unit states its 项目支出; none is the department's",
			"   市建筑工务署本级预算 14,480.17 万元，包括在职人员经\n\n费 3,169.47 万元、公用经费 751.34 万元、对个人和家庭的补\n\n助 支 出 376.30 万 元 、 增 人 增 资 316.95 万 元 、 项 目 支 出\n\n9,866.11 万元。\n\n" +
				"  二、市建筑工务署文体和水务工程管理中心\n\n  市建筑工务署文体和水务工程管理中心预算 5,647.80 万元，\n\n包括在职人员经费 3,279.03 万元、公用经费 389.50 万元、对\n\n个人和家庭的补助支出 304.24 万元、增人增资 253.68 万元、\n\n项目支出 1,421.35 万元。\n",
			nil, []string{model.RowProjectExpenditure, model.RowGPBBasicPublicUse}, []string{"项目支出", "9,866.11万元 (line 7)", "1,421.35万元 (line 17)"}},
		{"xian-hrss-budget-2020.txt:400: the 公务接待费 of 机关运行经费 is no 三公 figure",
			"  十、机关运行经费安排情况\n  2020 年机关运行经费预算总计82万元，其中：办公经费41.47万元，公务接待费2万元，委\n托业务费7.28万元，工会经费17.25万元，公务用车运行维护费12万元，其他商品和服务支出2\n万元。\n",
			[]figureValue{{model.RowOfficeRunning, "820000", 2}}, []string{model.RowReception, model.RowVehicleOperation}, nil},
		{"chongqing-commerce-budget-2026.txt:79: decimals pushed to the next line, under a heading label",
			"   (二)支出预算:2026年年初预算数174,900\n                           .64万元,其中:一般公共服务支出 23,103\n",
			[]figureValue{{model.RowExpenditureTotal, "1749006400", 1}}, nil, nil},
		{"chongqing-economy-budget-2026.txt:101: the parts of one fund's procurement are no parts of the whole",
			"  (二)政府采购情况。所属各预算单位政府采购预算总额17,641\n                                .87 万元:政府采购货物预算 2,360\n                                                    .63 万元、\n政府采购工程预算496\n          .75万元、政府采购服务预算 14,784\n                              .49 万元;其中一般公共预算拨款政府采购 16,325\n                                                         .37\n万元:政府采购货物预算1,044\n               .13万元、政府采购工程预算496\n                               .75万元、政府采购服务预算14,784\n",
			[]figureValue{{model.RowProcurementTotal, "176418700", 1}, {model.RowProcurementGoods, "23606300", 2},
				{model.RowProcurementWorks, "4967500", 4}}, nil, nil},
		{"guangzhou-civil-affairs-budget-2026.txt:2728: after a parenthesis the sentence goes on with the figure before it",
			"运行维护费210.39万元（公务用车购\n\n置费40万元，比上年增加0万元；公务用车运行维护费170.39万\n\n元，比上年减少6.04万元。）比上年减少6.04万元，下降2.8%，\n",
			[]figureValue{{model.RowVehicleOperation, "1703900", 3}}, nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := narrativeOf(c.text, model.FormatLayout, model.KindBudget)
			for _, w := range c.want {
				f := mustFigure(t, doc, w.key)
				if !f.Value.Yuan.Equal(mustYuan(t, w.value)) || (w.line > 0 && f.Source.Line != w.line) {
					t.Errorf("%s = %s line %d, want %s line %d", w.key, f.Value.Yuan, f.Source.Line, w.value, w.line)
				}
			}
			for _, k := range c.absent {
				if f := doc.NarrativeFigure(k); f != nil {
					t.Errorf("%s read: %s (line %d)", k, f.Value.Yuan, f.Source.Line)
				}
			}
			if c.issue != nil && !narrHasIssue(doc, "unread", c.issue...) {
				t.Errorf("no issue with %q: %+v", c.issue, doc.Issues)
			}
			if strings.Contains(issueKinds(doc), "narrative_mismatch") {
				t.Errorf("mismatches: %+v", doc.Issues)
			}
		})
	}
}

// TestWideDocumentErrors: contradictions printed in the documents themselves are reported.
func TestWideDocumentErrors(t *testing.T) {
	cases := []struct{ name, text, kind string }{
		// 三公 6.51万 "较上年增加9.49万元，减少的主要原因是…": the table shows 16.00 → 6.51, a decrease
		{"xian-publicity-budget-2021.txt:144",
			"  2021 年本部门当年一般公共预算“三公”经费预算支出 6.51 万元，较上年增加 9.49 万元，减\n少的主要原因是 2021 年预算贯彻财政“过紧日子”要求压缩经费。\n",
			"would make the previous year negative"},
		// 336.67 / (6256.31 + 336.67) is a fall of 5.11%, printed 5.0%
		{"huzhou-veterans-budget-2026.txt:65",
			"     湖州市退役军人事务局 2026 年收入预算 6256.31 万元，\n比上年执行数减少 336.67 万元，下降 5.0%，主要是阶段性\n",
			"-5.11%"},
	}
	for _, c := range cases {
		doc := narrativeOf(c.text, model.FormatLayout, model.KindBudget)
		if !narrHasIssue(doc, "narrative_mismatch", c.kind) {
			t.Errorf("%s: no narrative_mismatch with %q: %+v", c.name, c.kind, doc.Issues)
		}
	}
}

// TestStaffing: the staffing counts of xian-approval-budget-2025.txt:154, with what each counts.
func TestStaffing(t *testing.T) {
	s := "  截至上年底，本部门人员编制75人，其中行政编制35人，事业编制40人；实有人员72人，其中行\n政34人，事业38人。单位管理的离退休人员2人。\n"
	doc := narrativeOf(s, model.FormatLayout, model.KindBudget)
	want := []model.Staff{{Kind: "人员编制", Key: model.StaffAuthorized, Count: 75}, {Kind: "行政编制", Key: model.StaffAuthorizedAdmin, Count: 35},
		{Kind: "事业编制", Key: model.StaffAuthorizedInstitution, Count: 40}, {Kind: "实有人员", Key: model.StaffActual, Count: 72},
		{Kind: "行政", Key: model.StaffActualAdmin, Count: 34}, {Kind: "事业", Key: model.StaffActualInstitution, Count: 38},
		{Kind: "离退休人员", Key: model.StaffRetired, Count: 2}}
	if len(doc.Staffing) != len(want) {
		t.Fatalf("staffing %+v", doc.Staffing)
	}
	for i, w := range want {
		got := doc.Staffing[i]
		line := 1
		if i >= 4 { // the line of the count
			line = 2
		}
		if got.Kind != w.Kind || got.Key != w.Key || got.Count != w.Count || got.Source.Line != line {
			t.Errorf("staffing %d = %+v, want %+v line %d", i, got, w, line)
		}
	}
	// counts another reader read are kept, not read twice
	doc = &model.Document{Format: model.FormatLayout, Year: 2024, Staffing: []model.Staff{{Kind: "行政编制", Count: 5}}}
	Read(doc, gridLines(text.SplitLines(s), model.FormatLayout))
	if len(doc.Staffing) != 1 {
		t.Errorf("staffing read again: %+v", doc.Staffing)
	}
}
