package loader

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/shopspring/decimal"
)

// layoutDoc reads a corpus text through identify and parseLayout only, so that these tests see
// the tables as the layout parser printed them (before checks resolve codes or repair cells).
func layoutDoc(t *testing.T, name string) *model.Document {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "corpus", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	decoded, err := text.DecodeText(data)
	if err != nil {
		t.Fatal(err)
	}
	lines := text.SplitLines(decoded)
	doc := &model.Document{File: name, Format: model.FormatLayout}
	if err := identifyText(doc, lines); err != nil {
		t.Fatalf("identify: %v", err)
	}
	if err := parseLayout(doc, lines); err != nil {
		t.Fatalf("parseLayout: %v", err)
	}
	return doc
}

// mustTable returns a document's table or fails.
func mustTable(t *testing.T, doc *model.Document, id model.TableID) *model.Table {
	t.Helper()
	tb := doc.Table(id)
	if tb == nil {
		t.Fatalf("%s: no table %s", doc.File, id)
	}
	return tb
}

// wantCell checks one cell against a printed figure; want "" means a blank cell.
func wantCell(t *testing.T, tb *model.Table, code, col, want string, unit model.Unit) {
	t.Helper()
	r := tb.Row(code)
	if r == nil {
		t.Errorf("%s: no row %s", tb.ID, code)
		return
	}
	a, ok := r.Cell(col)
	switch {
	case !ok:
		t.Errorf("%s %s: no column %s", tb.ID, code, col)
	case want == "" && !a.IsBlank():
		t.Errorf("%s %s %s: got %s (%q), want a blank cell", tb.ID, code, col, a.Yuan, a.Printed)
	case want == "":
	case a.IsBlank():
		t.Errorf("%s %s %s: blank, want %s", tb.ID, code, col, want)
	case !a.Yuan.Equal(text.ToYuan(decimal.RequireFromString(want), unit)):
		t.Errorf("%s %s %s: got %s yuan (printed %q), want %s %s", tb.ID, code, col, a.Yuan, a.Printed, want, unit)
	}
}

// layoutCase holds the figures printed in one Shanghai budget (元 unless noted).
type layoutCase struct {
	name             string
	classes          map[string]string // function class 合计 (expenditure, income and GPB tables)
	total            string
	basic, project   string
	econ             map[string]string // economic class 合计
	personnel, publ  string
	sangong          map[string]string // 万元 as printed; "" = printed blank
	rows             map[model.TableID]int
	functionItems    int
	officeRunningWan string
}

var layoutCases = []layoutCase{
	{
		name: "putuo-wanli-street-budget-2023",
		classes: map[string]string{"201": "2976800", "204": "1252300", "206": "100000", "207": "200000",
			"208": "27073236", "210": "3095732", "212": "121319878", "221": "8960694"},
		total: "164978640", basic: "99406297", project: "65572343",
		econ:      map[string]string{"301": "83847385", "302": "15381432", "303": "177480"},
		personnel: "84024865", publ: "15381432",
		sangong: map[string]string{model.RowTotal: "22.91", model.RowOverseas: "0", model.RowReception: "1.35", model.RowVehicleTotal: "21.56",
			model.RowVehiclePurchase: "0", model.RowVehicleOperation: "21.56", model.RowOfficeRunning: "786.09"},
		rows: map[model.TableID]int{model.TableSummary: 17, model.TableIncome: 67, model.TableExpenditure: 67, model.TableAppropriation: 13,
			model.TableGPBFunction: 67, model.TableGPBEconomic: 31, model.TableSangong: 7},
		functionItems: 34,
	},
	{
		name: "putuo-wanli-street-budget-2024",
		classes: map[string]string{"201": "2932700", "204": "1633000", "205": "250000", "206": "100000", "207": "200000",
			"208": "19604064", "210": "3223657", "212": "119385303", "221": "8882399"},
		total: "156211123", basic: "99706020", project: "56505103",
		econ:      map[string]string{"301": "88282511", "302": "11168569", "303": "254940"},
		personnel: "88537451", publ: "11168569",
		sangong: map[string]string{model.RowTotal: "47.91", model.RowOverseas: "0", model.RowReception: "1.35", model.RowVehicleTotal: "46.56",
			model.RowVehiclePurchase: "25", model.RowVehicleOperation: "21.56", model.RowOfficeRunning: "443.18"},
		rows: map[model.TableID]int{model.TableSummary: 18, model.TableIncome: 67, model.TableExpenditure: 67, model.TableAppropriation: 14,
			model.TableGPBFunction: 67, model.TableGPBEconomic: 32, model.TableSangong: 7},
		functionItems: 33,
	},
	{
		name: "putuo-wanli-street-budget-2025",
		classes: map[string]string{"201": "3296600", "204": "2878025", "205": "250000", "206": "100000", "207": "200000",
			"208": "16091895", "210": "3216973", "212": "154369326", "221": "9364732"},
		total: "189767551", basic: "101341746", project: "88425805",
		econ:      map[string]string{"301": "90238584", "302": "10827702", "303": "275460"},
		personnel: "90514044", publ: "10827702",
		sangong: map[string]string{model.RowTotal: "37.91", model.RowOverseas: "0", model.RowReception: "1.35", model.RowVehicleTotal: "36.56",
			model.RowVehiclePurchase: "15", model.RowVehicleOperation: "21.56", model.RowOfficeRunning: "464.64"},
		rows: map[model.TableID]int{model.TableSummary: 18, model.TableIncome: 67, model.TableExpenditure: 67, model.TableAppropriation: 14,
			model.TableGPBFunction: 67, model.TableGPBEconomic: 32, model.TableSangong: 7},
		functionItems: 33,
	},
	{
		name:    "putuo-govoffice-budget-2025",
		classes: map[string]string{"201": "82096797.42", "208": "4213779.28", "210": "1097073.43", "221": "3609125.22"},
		total:   "91016775.35", basic: "24606775.35", project: "66410000.00",
		econ:      map[string]string{"301": "21170337.81", "302": "1932777.54", "303": "1303660.00", "310": "200000.00"},
		personnel: "22473997.81", publ: "2132777.54",
		sangong: map[string]string{model.RowTotal: "867.50", model.RowOverseas: "839.00", model.RowReception: "28.50", model.RowVehicleTotal: "",
			model.RowVehiclePurchase: "", model.RowVehicleOperation: "", model.RowOfficeRunning: "213.28"},
		rows: map[model.TableID]int{model.TableSummary: 13, model.TableIncome: 21, model.TableExpenditure: 21, model.TableAppropriation: 9,
			model.TableGPBFunction: 21, model.TableGPBEconomic: 30, model.TableSangong: 7},
		functionItems: 12,
	},
}

func TestLayoutBudgetFigures(t *testing.T) {
	for _, c := range layoutCases {
		t.Run(c.name, func(t *testing.T) {
			doc := layoutDoc(t, c.name)
			for id, n := range c.rows {
				if got := len(mustTable(t, doc, id).Rows); got != n {
					t.Errorf("%s: %d rows, want %d", id, got, n)
				}
			}
			sum := mustTable(t, doc, model.TableSummary)
			wantCell(t, sum, model.RowIncomeTotal, model.ColTotal, c.total, model.Yuan)
			wantCell(t, sum, model.RowExpenditureTotal, model.ColTotal, c.total, model.Yuan)
			wantCell(t, sum, model.RowFiscalAppropriation, model.ColTotal, c.total, model.Yuan)
			exp := mustTable(t, doc, model.TableExpenditure)
			wantCell(t, exp, model.RowTotal, model.ColTotal, c.total, model.Yuan)
			wantCell(t, exp, model.RowTotal, model.ColBasic, c.basic, model.Yuan)
			wantCell(t, exp, model.RowTotal, model.ColProject, c.project, model.Yuan)
			for code, v := range c.classes {
				wantCell(t, exp, code, model.ColTotal, v, model.Yuan)
				wantCell(t, mustTable(t, doc, model.TableIncome), code, model.ColTotal, v, model.Yuan)
				wantCell(t, mustTable(t, doc, model.TableIncome), code, model.ColFiscal, v, model.Yuan)
				wantCell(t, mustTable(t, doc, model.TableGPBFunction), code, model.ColTotal, v, model.Yuan)
				wantCell(t, sum, code, model.ColTotal, v, model.Yuan)
				wantCell(t, mustTable(t, doc, model.TableAppropriation), code, model.ColGeneralPublic, v, model.Yuan)
			}
			eco := mustTable(t, doc, model.TableGPBEconomic)
			wantCell(t, eco, model.RowTotal, model.ColTotal, c.basic, model.Yuan)
			wantCell(t, eco, model.RowTotal, model.ColPersonnel, c.personnel, model.Yuan)
			wantCell(t, eco, model.RowTotal, model.ColPublicUse, c.publ, model.Yuan)
			for code, v := range c.econ {
				wantCell(t, eco, code, model.ColTotal, v, model.Yuan)
			}
			sg := mustTable(t, doc, model.TableSangong)
			if sg.Unit != model.TenThous {
				t.Errorf("sangong unit %q, want 万元", sg.Unit)
			}
			for code, v := range c.sangong {
				wantCell(t, sg, code, model.ColTotal, v, model.TenThous)
			}
			items := map[string]bool{}
			for _, r := range exp.Rows {
				if len(r.Code) == 7 {
					items[r.Code] = true
				}
			}
			if len(items) != c.functionItems {
				t.Errorf("expenditure: %d distinct 项 codes, want %d", len(items), c.functionItems)
			}
			for _, id := range []model.TableID{model.TableGovFund, model.TableStateCapital} {
				if tb := mustTable(t, doc, id); !tb.Empty || len(tb.Rows) != 0 {
					t.Errorf("%s: Empty=%v with %d rows, want an empty table", id, tb.Empty, len(tb.Rows))
				}
			}
			for _, is := range doc.Issues {
				t.Errorf("issue: %+v", is)
			}
		})
	}
}

func TestLayoutRowDetails(t *testing.T) {
	d23 := layoutDoc(t, "putuo-wanli-street-budget-2023")
	inc := mustTable(t, d23, model.TableIncome)
	if r := inc.Row("2080505"); r == nil || r.Name != "机关事业单位基本养老保险缴费支出" || r.PrintedCode != "208 05 05" || r.Level != 3 {
		t.Errorf("2023 收入预算总表 2080505: %+v, want the wrapped name joined", r)
	}
	wantCell(t, inc, "2080505", model.ColTotal, "4412547", model.Yuan)
	wantCell(t, inc, "2080505", model.ColBusiness, "", model.Yuan)
	wantCell(t, inc, "20805", model.ColTotal, "6851259", model.Yuan)
	if r := inc.Row("20805"); r == nil || r.Level != 2 || r.Source.Line != 285 || r.Source.Page != 12 {
		t.Errorf("20805: %+v, want level 2 at line 285 page 12", r)
	}
	if r := inc.Row(model.RowTotal); r == nil || r.Source.Line != 359 || r.Source.Page != 14 {
		t.Errorf("收入预算总表 合计 source: %+v, want line 359 on page 14 (a continuation page)", r)
	}
	app := mustTable(t, d23, model.TableAppropriation)
	if r := app.Row("207"); r == nil || r.Name != "四、文化旅游体育与传媒支出" || r.Level != 1 || r.Source.Line != 511 {
		t.Errorf("2023 财政拨款收支预算总表 207: %+v, want the name wrapped around its amounts, level 1, from line 511", r)
	}
	wantCell(t, app, "207", model.ColTotal, "200000", model.Yuan)
	wantCell(t, app, "207", model.ColGeneralPublic, "200000", model.Yuan)
	wantCell(t, app, "207", model.ColGovFund, "", model.Yuan)
	wantCell(t, app, "207", model.ColStateCapital, "", model.Yuan)
	wantCell(t, app, model.ColGeneralPublic, model.ColTotal, "164978640", model.Yuan)
	wantCell(t, app, model.ColGovFund, model.ColTotal, "", model.Yuan)
	sum := mustTable(t, d23, model.TableSummary)
	wantCell(t, sum, model.ColGeneralPublic, model.ColTotal, "164978640", model.Yuan)
	for _, code := range []string{model.ColGovFund, model.ColStateCapital, model.ColBusiness, model.ColOperating, model.ColOther} {
		wantCell(t, sum, code, model.ColTotal, "", model.Yuan)
	}
	if sum.Title != "2023年部门财务收支预算总表" || sum.Unit != model.Yuan || sum.Source.Line != 194 {
		t.Errorf("summary title %q unit %q line %d", sum.Title, sum.Unit, sum.Source.Line)
	}
	if r := mustTable(t, d23, model.TableSangong).Row(model.RowOfficeRunning); r == nil || r.Name != "2023年机关运行经费预算数" {
		t.Errorf("三公 office_running: %+v, want the wrapped header joined", r)
	}

	d24 := layoutDoc(t, "putuo-wanli-street-budget-2024")
	eco := mustTable(t, d24, model.TableGPBEconomic)
	for code, want := range map[string]struct{ printed, total string }{
		"3012": {"301 2", "16623810"}, "3017": {"301 7", "11447100"}, "30101": {"301 01", "5873551"},
	} {
		if r := eco.Row(code); r == nil || r.PrintedCode != want.printed || r.Level != 2 {
			t.Errorf("2024 economic %s: %+v, want printed %q, level 2", code, r, want.printed)
		}
		wantCell(t, eco, code, model.ColTotal, want.total, model.Yuan)
	}
	wantCell(t, eco, "30217", model.ColPublicUse, "13500", model.Yuan)
	wantCell(t, eco, "30217", model.ColPersonnel, "0", model.Yuan)
	wantCell(t, mustTable(t, d24, model.TableIncome), "2120101", model.ColBusiness, "0", model.Yuan)
	wantCell(t, mustTable(t, d24, model.TableExpenditure), "2120101", model.ColProject, "250000", model.Yuan)

	gov := layoutDoc(t, "putuo-govoffice-budget-2025")
	exp := mustTable(t, gov, model.TableExpenditure)
	wantCell(t, exp, "2010302", model.ColBasic, "", model.Yuan)
	wantCell(t, exp, "2010302", model.ColProject, "46140000.00", model.Yuan)
	wantCell(t, exp, "2010301", model.ColProject, "110000.00", model.Yuan)
	wantCell(t, exp, "210", model.ColBasic, "1097073.43", model.Yuan)
	wantCell(t, exp, "210", model.ColProject, "", model.Yuan)
	if r := exp.Row("2010399"); r == nil || r.Name != "其他政府办公厅（室）及相关机构事务支出" {
		t.Errorf("govoffice 2010399: %+v", r)
	}
	wantCell(t, mustTable(t, gov, model.TableGPBEconomic), "31002", model.ColPublicUse, "200000.00", model.Yuan)
	wantCell(t, mustTable(t, gov, model.TableGPBEconomic), "30204", model.ColPublicUse, "2000.00", model.Yuan)
	wantCell(t, mustTable(t, gov, model.TableGPBEconomic), "30204", model.ColPersonnel, "", model.Yuan)
}

func TestLayoutUnits(t *testing.T) {
	d := layoutDoc(t, "putuo-wanli-street-budget-2023")
	if len(d.Units) != 6 || d.Units[0].Name != "上海市普陀区人民政府万里街道办事处（本部）" ||
		d.Units[5].Name != "上海市普陀区万里街道综合行政执法队" {
		t.Errorf("2023 units: %+v", d.Units)
	}
	g := layoutDoc(t, "putuo-govoffice-budget-2025")
	want := []model.OrgUnit{{Name: "上海市普陀区人民政府办公室本部"}, {Name: "上海市普陀区交流服务中心", Kind: "事业"}}
	if len(g.Units) != 2 || g.Units[0] != want[0] || g.Units[1] != want[1] {
		t.Errorf("govoffice units: %+v, want %+v", g.Units, want)
	}
}

// tableFigures lists every table cell as "table/row/column=yuan|printed|status@line".
func tableFigures(d *model.Document) []string {
	var out []string
	for _, f := range d.Figures() {
		if f.Table == model.TableNarrative {
			continue
		}
		out = append(out, string(f.Table)+"/"+f.RowCode+"/"+f.Column+"="+f.Yuan.String()+"|"+f.Printed+"|"+string(f.Status)+"@"+strconv.Itoa(f.Line))
	}
	return out
}
