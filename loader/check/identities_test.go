package check_test

import (
	"budgetql/loader/check"
	"budgetql/loader/model"
	"strings"
	"testing"
)

// TestChecksYuanTableIsExact: 万里 2025 款 21201 prints 94,995,790 but its 项 sum to 94,995,789 and
// its own 基本 + 项目 to 94,995,789; a 元 table has no rounding, so 1 yuan fails. Class 212 agrees
// with the 项, so Σ款 with the printed 21201 is 1 yuan over.
func TestChecksYuanTableIsExact(t *testing.T) {
	tab := ckNewTable(t, model.TableExpenditure, model.Yuan, model.ColTotal, model.ColBasic, model.ColProject).
		row(model.RowTotal, "合计", "154,369,326", "77,381,546", "76,987,780").
		row("212", "城乡社区支出", "154,369,326", "77,381,546", "76,987,780").
		row("21201", "城乡社区管理事务", "94,995,790", "77,381,546", "17,614,243").
		row("2120101", "行政运行", "17,887,739", "17,737,739", "150,000").
		row("2120102", "一般行政管理事务", "17,464,243", "0", "17,464,243").
		row("2120104", "城管执法", "6,522,681", "6,522,681", "0").
		row("2120199", "其他城乡社区管理事务支出", "53,121,126", "53,121,126", "0").
		row("21203", "城乡社区公共设施", "2,191,300", "0", "2,191,300").
		row("2120399", "其他城乡社区公共设施支出", "2,191,300", "0", "2,191,300").
		row("21205", "城乡社区环境卫生", "4,833,300", "0", "4,833,300").
		row("2120501", "城乡社区环境卫生", "4,833,300", "0", "4,833,300").
		row("21299", "其他城乡社区支出", "52,348,937", "0", "52,348,937").
		row("2129999", "其他城乡社区支出", "52,348,937", "0", "52,348,937").tab
	doc := &model.Document{Tables: []*model.Table{tab}}
	check.Run(doc, nil)
	c := ckAssert(t, doc, "tree:expenditure:21201:total", model.CheckFailed, "94995790", "94995789")
	if !strings.Contains(c.Detail, "difference 1 yuan") {
		t.Errorf("detail %q should give the 1 yuan difference", c.Detail)
	}
	ckAssert(t, doc, "row:expenditure:21201:basic_project", model.CheckFailed, "94995790", "94995789")
	ckAssert(t, doc, "tree:expenditure:212:total", model.CheckFailed, "154369326", "154369327")
	ckAssert(t, doc, "tree:expenditure:21201:basic", model.CheckPass, "77381546", "77381546")
	ckAssert(t, doc, "tree:expenditure:total:total", model.CheckPass, "154369326", "154369326")
	ckAssert(t, doc, "row:expenditure:2120101:basic_project", model.CheckPass, "17887739", "17887739")
	if len(doc.Repairs) != 0 {
		t.Errorf("a full-precision 元 cell was repaired: %+v", doc.Repairs)
	}
}

// TestChecksFinalRounding: putuo-finance-final-2024 (万元): 收入决算表 classes 2112.86 + 326.72 +
// 60.99 + 445.69 = 2946.26 vs 合计 2946.25; economic 302 171.07 vs Σ 12 items 171.09; class 208
// 326.71 in 收入支出决算总表 vs 326.72 in 支出决算表 (= 84.65 + 160.75 + 80.38 + 0.94). All rounding.
func TestChecksFinalRounding(t *testing.T) {
	inc := ckNewTable(t, model.TableIncome, model.TenThous, model.ColTotal, model.ColFiscal, model.ColOther).
		row(model.RowTotal, "合计", "2,946.25", "2,940.05", "6.20").
		row("201", "一般公共服务支出", "2,112.86", "2,106.66", "6.20").
		row("208", "社会保障和就业支出", "326.72", "326.72", "").
		row("210", "卫生健康支出", "60.99", "60.99", "").
		row("221", "住房保障支出", "445.69", "445.69", "").tab
	exp := ckNewTable(t, model.TableExpenditure, model.TenThous, model.ColTotal, model.ColBasic, model.ColProject).
		row(model.RowTotal, "合计", "2,940.05", "2,336.91", "603.14").
		row("208", "社会保障和就业支出", "326.72", "326.72", "").
		row("20805", "行政事业单位养老支出", "326.72", "326.72", "").
		row("2080501", "行政单位离退休", "84.65", "84.65", "").
		row("2080505", "机关事业单位基本养老保险缴费支出", "160.75", "160.75", "").
		row("2080506", "机关事业单位职业年金缴费支出", "80.38", "80.38", "").
		row("2080599", "其他行政事业单位养老支出", "0.94", "0.94", "").tab
	sum := ckNewTable(t, model.TableSummary, model.TenThous, model.ColTotal).
		row(model.ColGeneralPublic, "一、一般公共预算财政拨款收入", "2,940.05").row(model.ColGovFund, "二、政府性基金预算财政拨款收入", "").
		row(model.ColOther, "八、其他收入", "6.20").
		row("201", "一、一般公共服务支出", "2,106.66").row("202", "二、外交支出", "").
		row("208", "八、社会保障和就业支出", "326.71").row("210", "九、卫生健康支出", "60.99").
		row("221", "十九、住房保障支出", "445.69").
		row(model.RowIncomeCurrent, "本年收入合计", "2,946.25").row(model.RowExpenditureCurrent, "本年支出合计", "2,940.05").
		row(model.RowCarryIn, "年初结转和结余", "49.14").row(model.RowCarryOut, "年末结转和结余", "55.34").
		row(model.RowIncomeTotal, "总计", "2,995.39").row(model.RowExpenditureTotal, "总计", "2,995.39").tab
	econ := ckNewTable(t, model.TableGPBEconomic, model.TenThous, model.ColTotal, model.ColPublicUse).
		row("302", "商品和服务支出", "171.07", "171.07").
		row("30201", "办公费", "21.21", "21.21").row("30202", "印刷费", "7.61", "7.61").
		row("30204", "手续费", "0.09", "0.09").row("30207", "邮电费", "4.88", "4.88").
		row("30211", "差旅费", "1.20", "1.20").row("30213", "维修（护）费", "2.83", "2.83").
		row("30216", "培训费", "4.05", "4.05").row("30226", "劳务费", "2.01", "2.01").
		row("30228", "工会经费", "24.42", "24.42").row("30229", "福利费", "42.77", "42.77").
		row("30239", "其他交通费用", "48.49", "48.49").row("30299", "其他商品和服务支出", "11.53", "11.53").tab
	doc := &model.Document{Kind: model.KindFinal, Tables: []*model.Table{sum, inc, exp, econ}}
	check.Run(doc, nil)
	ckAssert(t, doc, "tree:income:total:total", model.CheckRounding, "29462500", "29462600")
	ckAssert(t, doc, "tree:income:total:fiscal_appropriation", model.CheckRounding, "29400500", "29400600")
	ckAssert(t, doc, "tree:gpb_basic_economic:302:total", model.CheckRounding, "1710700", "1710900")
	ckAssert(t, doc, "cross:class:208", model.CheckRounding, "3267100", "3267200")
	ckAssert(t, doc, "summary:classes:total", model.CheckPass, "29400500", "29400500")
	ckAssert(t, doc, "summary:income_sources", model.CheckPass, "29462500", "29462500")
	ckAssert(t, doc, "summary:income_total", model.CheckPass, "29953900", "29953900")
	ckAssert(t, doc, "summary:expenditure_total", model.CheckPass, "29953900", "29953900")
	ckAssert(t, doc, "cross:summary_expenditure", model.CheckPass, "29953900", "29953900")
	ckAssert(t, doc, "cross:income_table", model.CheckPass, "29462500", "29462500")
	ckAssert(t, doc, "row:income:201:sources", model.CheckPass, "21128600", "21128600")
	// A blank cell is absent, not zero: 208's 项目 is blank, so 合计 = 基本 alone.
	ckAssert(t, doc, "row:expenditure:208:basic_project", model.CheckPass, "3267200", "3267200")
	ckAssert(t, doc, "tree:expenditure:208:project", model.CheckNotApplicable, "", "")
	if len(doc.Repairs) != 0 {
		t.Errorf("rounding is not a repair: %+v", doc.Repairs)
	}
}

// TestChecksSummaryAbsentSides: Shanghai summaries print no 本年收入合计; the sources then add up to
// 收入总计. A summary without class rows gets no class identity.
func TestChecksSummaryAbsentSides(t *testing.T) {
	sum := ckNewTable(t, model.TableSummary, model.Yuan, model.ColTotal).
		row(model.ColFiscal, "一、财政拨款收入", "189,767,551").row(model.ColGeneralPublic, "1. 一般公共预算资金", "189,767,551").
		row(model.ColGovFund, "2. 政府性基金", "").row(model.ColBusiness, "二、事业收入", "").
		row(model.RowIncomeTotal, "收入总计", "189,767,551").row(model.RowExpenditureTotal, "支出总计", "189,767,550").tab
	doc := &model.Document{Tables: []*model.Table{sum}}
	check.Run(doc, nil)
	ckAssert(t, doc, "summary:fiscal_appropriation", model.CheckPass, "189767551", "189767551")
	ckAssert(t, doc, "summary:income_sources", model.CheckPass, "189767551", "189767551")
	ckAssert(t, doc, "summary:balance", model.CheckFailed, "189767551", "189767550")
	for _, c := range doc.Checks {
		if strings.HasPrefix(string(c.ID), "summary:classes") {
			t.Errorf("class identity %s without class rows", c.ID)
		}
	}
}

// TestChecksBlankCells: an identity whose cells are all blank is not applicable; a blank parent
// whose parts are not zero fails.
func TestChecksBlankCells(t *testing.T) {
	tab := ckNewTable(t, model.TableGPBEconomic, model.Yuan, model.ColTotal, model.ColPersonnel, model.ColPublicUse).
		row("303", "对个人和家庭的补助", "177,480", "177,480", "").
		row("30302", "退休费", "177,480", "177,480", "").
		row("302", "商品和服务支出", "15,381,432", "", "").
		row("30201", "办公费", "4,333,478", "", "4,333,478").tab
	doc := &model.Document{Tables: []*model.Table{tab}}
	check.Run(doc, nil)
	ckAssert(t, doc, "tree:gpb_basic_economic:303:public_use", model.CheckNotApplicable, "", "")
	ckAssert(t, doc, "tree:gpb_basic_economic:303:personnel", model.CheckPass, "177480", "177480")
	ckAssert(t, doc, "row:gpb_basic_economic:30302:personnel_public", model.CheckPass, "177480", "177480")
	c := ckAssert(t, doc, "tree:gpb_basic_economic:302:public_use", model.CheckFailed, "0", "4333478")
	if !strings.Contains(c.Detail, "blank") {
		t.Errorf("detail %q should say the parent is blank", c.Detail)
	}
	ckAssert(t, doc, "row:gpb_basic_economic:302:personnel_public", model.CheckNotApplicable, "", "")
}

// TestChecksRowIdentities: 合计 = 基本 + 项目 and 基本 = 人员 + 公用 per row (zengdu 2010301 行政运行
// 135.84 = 135.84 + 0.00, 135.84 = 122.88 + 12.96); a wrong personnel cell fails.
func TestChecksRowIdentities(t *testing.T) {
	tab := ckNewTable(t, model.TableGPBFunction, model.TenThous, model.ColTotal, model.ColBasic, model.ColPersonnel, model.ColPublicUse, model.ColProject).
		row("2010301", "行政运行", "135.84", "135.84", "122.88", "12.96", "0.00").
		row("2080501", "行政单位离退休", "3. 47", "3.47", "3.74", "0.00", "0.00").tab
	doc := &model.Document{Tables: []*model.Table{tab}}
	check.Run(doc, nil)
	ckAssert(t, doc, "row:gpb_function:2010301:basic_project", model.CheckPass, "1358400", "1358400")
	ckAssert(t, doc, "row:gpb_function:2010301:basic_split", model.CheckPass, "1358400", "1358400")
	ckAssert(t, doc, "row:gpb_function:2080501:basic_split", model.CheckFailed, "34700", "37400")
}

// TestChecksCrossTables: expenditure = general public + funds (empty fund tables count as nothing);
// economic 合计 = general public 基本; 三公 parts, with 三公 接待 ≠ economic 30217 reported as a failed
// comparison (putuo-govoffice 2025: 28.50万 vs 185,000), never repaired.
func TestChecksCrossTables(t *testing.T) {
	exp := ckNewTable(t, model.TableExpenditure, model.Yuan, model.ColTotal, model.ColBasic, model.ColProject).
		row(model.RowTotal, "合计", "91,016,775.35", "24,606,775.35", "66,410,000.00").tab
	gpb := ckNewTable(t, model.TableGPBFunction, model.Yuan, model.ColTotal, model.ColBasic, model.ColProject).
		row(model.RowTotal, "合计", "91,016,775.35", "24,606,775.35", "66,410,000.00").tab
	fund := &model.Table{ID: model.TableGovFund, Unit: model.Yuan, Empty: true}
	econ := ckNewTable(t, model.TableGPBEconomic, model.Yuan, model.ColTotal, model.ColPersonnel, model.ColPublicUse).
		row(model.RowTotal, "合计", "24,606,775.35", "22,473,997.81", "2,132,777.54").
		row("30217", "公务接待费", "185,000.00", "", "185,000.00").tab
	sg := ckNewTable(t, model.TableSangong, model.TenThous, model.ColTotal).
		row(model.RowTotal, "合计", "867.50").row(model.RowOverseas, "因公出国(境)费", "839.00").
		row(model.RowReception, "公务接待费", "28.50").row(model.RowVehicleTotal, "小计", "").
		row(model.RowVehiclePurchase, "购置费", "").row(model.RowVehicleOperation, "运行费", "").
		row(model.RowOfficeRunning, "机关运行经费预算数", "213.28").tab
	doc := &model.Document{Tables: []*model.Table{exp, gpb, fund, econ, sg}}
	check.Run(doc, nil)
	c := ckAssert(t, doc, "cross:expenditure_funds", model.CheckPass, "91016775.35", "91016775.35")
	if !strings.Contains(c.Detail, "state_capital table not printed") {
		t.Errorf("detail %q should say the state capital table is absent", c.Detail)
	}
	ckAssert(t, doc, "cross:economic_basic:total", model.CheckPass, "24606775.35", "24606775.35")
	ckAssert(t, doc, "sangong:total:total", model.CheckPass, "8675000", "8675000")
	ckAssert(t, doc, "sangong:vehicle:total", model.CheckNotApplicable, "", "")
	ckAssert(t, doc, "cross:sangong_reception", model.CheckFailed, "285000", "185000")
	if len(doc.Repairs) != 0 {
		t.Errorf("repairs %+v, want none", doc.Repairs)
	}
}

// TestChecksExpenditureFundsNeedAppropriations: when the summary shows money that is not an
// appropriation, expenditure ≠ general public + funds is not applicable, not a failure.
func TestChecksExpenditureFundsNeedAppropriations(t *testing.T) {
	exp := ckNewTable(t, model.TableExpenditure, model.TenThous, model.ColTotal).row(model.RowTotal, "合计", "100.00").tab
	gpb := ckNewTable(t, model.TableGPBFunction, model.TenThous, model.ColTotal).row(model.RowTotal, "合计", "90.00").tab
	sum := ckNewTable(t, model.TableSummary, model.TenThous, model.ColTotal).
		row(model.ColGeneralPublic, "一般公共预算", "90.00").row(model.ColBusiness, "事业收入", "10.00").
		row(model.RowIncomeTotal, "收入总计", "100.00").tab
	doc := &model.Document{Tables: []*model.Table{sum, exp, gpb}}
	check.Run(doc, nil)
	c := ckAssert(t, doc, "cross:expenditure_funds", model.CheckNotApplicable, "1000000", "900000")
	if !strings.Contains(c.Detail, "事业收入") {
		t.Errorf("detail %q should name the non-appropriation income", c.Detail)
	}
}

// TestChecksFinalSangong: 决算 三公 has 预算数 and 决算数 columns; only 预算 0.95 (合计 and 接待) is
// printed, every 决算数 is blank (putuo-finance-final-2024).
func TestChecksFinalSangong(t *testing.T) {
	sg := ckNewTable(t, model.TableSangong, model.TenThous, model.ColBudget, model.ColActual).
		row(model.RowTotal, "合计", "0.95", "").row(model.RowOverseas, "因公出国（境）费", "", "").
		row(model.RowVehicleTotal, "小计", "", "").row(model.RowVehiclePurchase, "公务用车购置费", "", "").
		row(model.RowVehicleOperation, "公务用车运行费", "", "").row(model.RowReception, "公务接待费", "0.95", "").tab
	doc := &model.Document{Kind: model.KindFinal, Tables: []*model.Table{sg}}
	check.Run(doc, nil)
	ckAssert(t, doc, "sangong:total:budget", model.CheckPass, "9500", "9500")
	ckAssert(t, doc, "sangong:total:actual", model.CheckNotApplicable, "", "")
	ckAssert(t, doc, "sangong:vehicle:budget", model.CheckNotApplicable, "", "")
}

// TestChecksEconomicSides: the 决算 economic table prints 人员经费合计 2152.26 = 301 2082.85 + 303
// 69.41 and 公用经费合计 184.65 = 302 171.07 + 310 13.58 instead of one 合计; the parser's derived 合计
// (2336.91) = Σ classes and = general public 基本支出 2336.91, and says it is derived.
func TestChecksEconomicSides(t *testing.T) {
	econ := ckNewTable(t, model.TableGPBEconomic, model.TenThous, model.ColTotal, model.ColPersonnel, model.ColPublicUse).
		row("301", "工资福利支出", "2,082.85", "2,082.85", "-").
		row("303", "对个人和家庭的补助", "69.41", "69.41", "-").
		row("302", "商品和服务支出", "171.07", "-", "171.07").
		row("310", "资本性支出", "13.58", "-", "13.58").
		row(model.RowPersonnelTotal, "人员经费合计", "2,152.26", "-", "-").
		row(model.RowPublicUseTotal, "公用经费合计", "184.65", "-", "-").
		row(model.RowTotal, "合计", "2,336.91", "2,152.26", "184.65").tab
	total := econ.Row(model.RowTotal)
	for i := range total.Cells {
		total.Cells[i].Status, total.Cells[i].Printed = model.StatusDerived, ""
		total.Cells[i].Note = "人员经费合计 + 公用经费合计"
	}
	gpb := ckNewTable(t, model.TableGPBFunction, model.TenThous, model.ColTotal, model.ColBasic, model.ColProject).
		row(model.RowTotal, "合计", "2,940.05", "2,336.91", "603.14").tab
	doc := &model.Document{Kind: model.KindFinal, Tables: []*model.Table{econ, gpb}}
	check.Run(doc, nil)
	ckAssert(t, doc, "tree:gpb_basic_economic:personnel_total", model.CheckPass, "21522600", "21522600")
	ckAssert(t, doc, "tree:gpb_basic_economic:public_use_total", model.CheckPass, "1846500", "1846500")
	c := ckAssert(t, doc, "tree:gpb_basic_economic:total:total", model.CheckPass, "23369100", "23369100")
	if !strings.Contains(c.Detail, "derived") {
		t.Errorf("detail %q should say the 合计 is derived", c.Detail)
	}
	ckAssert(t, doc, "cross:economic_basic:total", model.CheckPass, "23369100", "23369100")
}

// TestChecksAppropriationFunds: a Shanghai 财政拨款收支预算总表 class row prints 合计 and its fund
// columns (万里 2025: 212 154,369,326 all 一般公共预算); 合计 = Σ funds.
func TestChecksAppropriationFunds(t *testing.T) {
	appr := ckNewTable(t, model.TableAppropriation, model.Yuan, model.ColTotal, model.ColGeneralPublic, model.ColGovFund, model.ColStateCapital).
		row(model.ColGeneralPublic, "一、一般公共预算资金", "189,767,551", "-", "-", "-").
		row("212", "八、城乡社区支出", "154,369,326", "154,369,326", "", "").
		row("221", "九、住房保障支出", "9,364,732", "9,364,723", "", "").
		row(model.RowIncomeTotal, "收入总计", "189,767,551", "-", "-", "-").
		row(model.RowExpenditureTotal, "支出总计", "189,767,551", "189,767,551", "-", "-").tab
	doc := &model.Document{Tables: []*model.Table{appr}}
	check.Run(doc, nil)
	ckAssert(t, doc, "row:appropriation:212:funds", model.CheckPass, "154369326", "154369326")
	ckAssert(t, doc, "row:appropriation:221:funds", model.CheckFailed, "9364732", "9364723")
	ckAssert(t, doc, "appropriation:income_sources", model.CheckPass, "189767551", "189767551")
	ckAssert(t, doc, "appropriation:classes:total", model.CheckFailed, "189767551", "163734058")
}

// TestChecksIncomeRowSubtotals: the seed's 收入总表 row 016001 prints 合计 447.48 = 本年收入 小计 447.48
// (= 一般公共预算 447.48 + zeros) + 上年结转 小计 0.00 (= its parts).
func TestChecksIncomeRowSubtotals(t *testing.T) {
	inc := ckNewTable(t, model.TableIncome, model.TenThous, model.ColTotal, model.RowIncomeCurrent, model.ColGeneralPublic, model.ColGovFund,
		model.ColBusiness, model.ColCarryover, "carryover_general_public_budget", "carryover_unit_funds").
		row("016001", "曾都区政务服务和大数据管理局本级", "447. 48", "447. 48", "447.48", "0.00", "0.00", "0.00", "0.00", "0.00").
		row("016002", "某单位", "10.00", "8.00", "8.00", "0.00", "0.00", "2.00", "1.00", "1.50").tab
	doc := &model.Document{Tables: []*model.Table{inc}}
	check.Run(doc, nil)
	ckAssert(t, doc, "row:income:016001:sources", model.CheckPass, "4474800", "4474800")
	ckAssert(t, doc, "row:income:016001:current", model.CheckPass, "4474800", "4474800")
	ckAssert(t, doc, "row:income:016001:carryover", model.CheckPass, "0", "0")
	ckAssert(t, doc, "row:income:016002:sources", model.CheckPass, "100000", "100000")
	ckAssert(t, doc, "row:income:016002:carryover", model.CheckFailed, "20000", "25000")
}

// TestChecksAppropriationCarryIn: 财政拨款收入支出决算总表 prints 年初财政拨款结转和结余 21.63 and its
// parts by fund (一般公共预算 21.63); 本年收入合计 2940.05 + 21.63 = 总计 2961.68.
func TestChecksAppropriationCarryIn(t *testing.T) {
	appr := ckNewTable(t, model.TableAppropriation, model.TenThous, model.ColTotal).
		row(model.ColGeneralPublic, "一、一般公共预算财政拨款", "2,940.05").
		row(model.RowIncomeCurrent, "本年收入合计", "2,940.05").row(model.RowCarryIn, "年初财政拨款结转和结余", "21.63").
		row(model.RowCarryIn+"_"+model.ColGeneralPublic, "一、一般公共预算财政拨款", "21.63").
		row(model.RowCarryIn+"_"+model.ColGovFund, "二、政府性基金预算财政拨款", "").
		row(model.RowIncomeTotal, "总计", "2,961.68").tab
	doc := &model.Document{Kind: model.KindFinal, Tables: []*model.Table{appr}}
	check.Run(doc, nil)
	ckAssert(t, doc, "appropriation:carry_in", model.CheckPass, "216300", "216300")
	ckAssert(t, doc, "appropriation:income_total", model.CheckPass, "29616800", "29616800")
	ckAssert(t, doc, "appropriation:income_sources", model.CheckPass, "29400500", "29400500")
}

// TestChecksOddDocuments: checks never panic on documents a parser may produce from bad input:
// no tables, empty tables, rows without cells, repeated codes, negative and huge amounts.
func TestChecksOddDocuments(t *testing.T) {
	odd := ckNewTable(t, model.TableExpenditure, model.TenThous, model.ColTotal, model.ColBasic, model.ColProject).
		row(model.RowTotal, "合计", "-5.0", "", "").row("201", "", "-").row("201", "重复", "1.2", "1.2", "0.00").
		row("20101", "x", "99999999999999.9", "0. 1", "").row("2", "短", "0.1", "-", "-").row("", "", "1.00", "-", "-").tab
	docs := []*model.Document{
		{},
		{Tables: []*model.Table{{ID: model.TableSummary}, {ID: model.TableSangong, Empty: true}, {ID: model.TableProject}}},
		{Tables: []*model.Table{odd, {ID: model.TableGPBEconomic, Rows: []*model.Row{{Code: "3"}, {Code: "30", Name: "工资"}, {Code: "301x"}}}}},
		{Narrative: []model.NarrativeFigure{{Key: "2", Value: model.Amount{Status: model.StatusBlank}}, {Key: "301"}}},
		{Tables: []*model.Table{{ID: model.TableProject, Rows: []*model.Row{{Code: "22"}, {Code: "42130323016Y000000101"}}}},
			Projects: []model.Project{{Category: " "}, {Category: "22"}}},
	}
	for i, doc := range docs {
		check.Run(doc, nil)
		for _, c := range doc.Checks {
			if c.ID == "" || c.Rule == "" || c.Result == "" {
				t.Errorf("doc %d: incomplete check %+v", i, c)
			}
		}
	}
}
