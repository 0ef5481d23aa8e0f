package graph_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"budgetql/graph/model"
)

// Answers over the real corpus that were wrong or inconsistent (issue 12). Each subtest asserts
// figures printed in the documents.

const (
	wanli   = "上海市普陀区人民政府万里街道办事处"
	finance = "上海市普陀区财政局"
	zengdu  = "曾都区政务服务和大数据管理局"
)

// money is the part of Money the corpus tests read.
type money struct {
	Yuan, WanYuan *string
	Printed       string
	Unit, Status  string
	Source        struct {
		Table, Row, Column string
		Line               int
	}
}

func (m *money) String() string {
	if m == nil {
		return "null"
	}
	y := "blank"
	if m.Yuan != nil {
		y = *m.Yuan
	}
	return fmt.Sprintf("%s (%s %s/%s/%s line %d)", y, m.Status, m.Source.Table, m.Source.Row, m.Source.Column, m.Source.Line)
}

const moneyFields = `yuan wanYuan printed unit status source { table row column line }`

func TestCorpusAnswers(t *testing.T) {
	_, r := corpusAPI(t)
	a := &api{srv: newServer(t, r), reader: r}
	t.Run("income-lists-fiscal-appropriation", func(t *testing.T) { incomeListsFiscal(t, a) })
	t.Run("final-measures-say-which-total", func(t *testing.T) { finalMeasures(t, a) })
	t.Run("sangong-one-answer", func(t *testing.T) { sangongOneAnswer(t, a) })
	t.Run("every-measure-same-everywhere", func(t *testing.T) { measuresAgree(t, a) })
}

// incomeListsFiscal: 万里街道 2025's 收入总表 prints 财政拨款收入 189,767,551 元 (line 309); zengdu's
// 一般公共预算 column is part of its 本年收入 subtotal.
func incomeListsFiscal(t *testing.T, a *api) {
	type source struct {
		Source string
		PartOf *string
		Amount money
	}
	var got struct {
		W struct{ Income []source }
		Z struct{ Income []source }
	}
	a.mustQuery(t, `{ w: document(department: "`+wanli+`", year: 2025) { income { source partOf amount { `+moneyFields+` } } }
		z: document(department: "`+zengdu+`", year: 2024) { income { source partOf amount { `+moneyFields+` } } } }`, &got)
	found := false
	for _, s := range got.W.Income {
		if s.Source == "fiscal_appropriation" {
			found = true
			if s.Amount.Yuan == nil || *s.Amount.Yuan != "189767551" || s.Amount.Source.Line != 309 || s.PartOf != nil {
				t.Errorf("万里 2025 财政拨款收入 = %s partOf %v, want 189767551 at line 309, top level", s.Amount.String(), s.PartOf)
			}
		}
		if s.Source == "total" {
			t.Errorf("income lists the 合计 as a source")
		}
	}
	if !found {
		t.Errorf("万里 2025 income has no fiscal_appropriation: %+v", got.W.Income)
	}
	parts := map[string]string{}
	for _, s := range got.Z.Income {
		if s.PartOf != nil {
			parts[s.Source] = *s.PartOf
		}
	}
	if parts["general_public_budget"] != "income_current" || parts["carryover_general_public_budget"] != "carryover" {
		t.Errorf("zengdu income parts = %v", parts)
	}
}

// finalMeasures: the 财政局 2024 决算's 财政拨款收支总表 prints 本年收入合计 2,940.05 and 总计
// 2,961.68 (with 年初结转 21.63); its 收入支出决算总表 本年收入合计 2,946.25 and 总计 2,995.39.
func finalMeasures(t *testing.T, a *api) {
	var got struct{ Document map[string]*money }
	a.mustQuery(t, `{ document(department: "`+finance+`", year: 2024, kind: FINAL) {
		fa: amount(measure: FISCAL_APPROPRIATION) { `+moneyFields+` }
		fae: amount(measure: FISCAL_APPROPRIATION_EXPENDITURE) { `+moneyFields+` }
		fat: amount(measure: FISCAL_APPROPRIATION_TOTAL) { `+moneyFields+` }
		it: amount(measure: INCOME_TOTAL) { `+moneyFields+` }
		ic: amount(measure: INCOME_CURRENT) { `+moneyFields+` }
		ec: amount(measure: EXPENDITURE_CURRENT) { `+moneyFields+` } } }`, &got)
	want := map[string]string{
		"fa":  "29400500 (reported appropriation/income_current/total line 296)",
		"fae": "29400500 (reported appropriation/expenditure_current/total line 296)",
		"fat": "29616800 (reported appropriation/income_total/total line 303)",
		"it":  "29953900 (reported summary/income_total/total line 164)",
		"ic":  "29462500 (reported summary/income_current/total line 161)",
		"ec":  "29400500 (reported summary/expenditure_current/total line 161)",
	}
	for k, w := range want {
		if g := got.Document[k].String(); g != w {
			t.Errorf("%s = %s, want %s", k, g, w)
		}
	}
}

// sangongOneAnswer: the 财政局 决算's 三公 table prints the 决算数 blank and its narrative says
// 支出决算为0.00万元 (line 639): document.amount, sangong and ranking all answer 0.00 from the
// narrative; 公务用车购置费, printed blank and not stated, is blank everywhere.
func sangongOneAnswer(t *testing.T, a *api) {
	var got struct {
		Document struct {
			Amount  *money
			Sangong struct{ Total, VehiclePurchase *money }
		}
		Ranking []struct {
			Department struct{ Name string }
			Amount     *money
		}
	}
	a.mustQuery(t, `{ document(department: "`+finance+`", year: 2024, kind: FINAL) {
		amount(measure: SANGONG_TOTAL) { `+moneyFields+` }
		sangong { total { `+moneyFields+` } vehiclePurchase { `+moneyFields+` } } }
		ranking(measure: SANGONG_TOTAL, year: 2024, kind: FINAL) { department { name } amount { `+moneyFields+` } } }`, &got)
	want := "0 (reported narrative/sangong_total/value line 639)"
	if g := got.Document.Amount.String(); g != want {
		t.Errorf("document.amount(SANGONG_TOTAL) = %s, want %s", g, want)
	}
	if g := got.Document.Sangong.Total.String(); g != want {
		t.Errorf("sangong.total = %s, want %s", g, want)
	}
	if len(got.Ranking) != 1 || got.Ranking[0].Amount.String() != want {
		t.Errorf("ranking = %+v, want one row %s", got.Ranking, want)
	}
	if g := got.Document.Sangong.VehiclePurchase; g == nil || g.Yuan != nil || g.Status != "blank" || g.Source.Column != "actual" {
		t.Errorf("sangong.vehiclePurchase = %s, want the blank 决算数 cell", g.String())
	}
}

// measuresAgree: for every measure, every department-year's document.amount is the amount its
// ranking and its series show, with the same source.
func measuresAgree(t *testing.T, a *api) {
	for _, m := range model.AllMeasure {
		var got struct {
			Departments struct {
				Nodes []struct {
					Name      string
					Documents []struct {
						Year   int
						Kind   string
						Amount *money
					}
					Series []struct {
						Year   int
						Amount *money
					}
				}
			}
			B2023, B2024, B2025, F2024 []struct {
				Department struct{ Name string }
				Amount     *money
			}
		}
		rank := func(alias string, year int, kind string) string {
			return fmt.Sprintf(`%s: ranking(measure: %s, year: %d, kind: %s, first: 100) { department { name } amount { %s } } `,
				alias, m, year, kind, moneyFields)
		}
		a.mustQuery(t, `{ departments(first: 100) { nodes { name
			documents { year kind amount(measure: `+string(m)+`) { `+moneyFields+` } }
			series(measure: `+string(m)+`) { year amount { `+moneyFields+` } } } } `+
			rank("b2023", 2023, "BUDGET")+rank("b2024", 2024, "BUDGET")+rank("b2025", 2025, "BUDGET")+rank("f2024", 2024, "FINAL")+`}`, &got)
		ranked := map[string]string{}
		for key, rows := range map[string][]struct {
			Department struct{ Name string }
			Amount     *money
		}{"2023 BUDGET": got.B2023, "2024 BUDGET": got.B2024, "2025 BUDGET": got.B2025, "2024 FINAL": got.F2024} {
			for _, r := range rows {
				ranked[r.Department.Name+" "+key] = r.Amount.String()
			}
		}
		for _, d := range got.Departments.Nodes {
			series := map[int]string{}
			for _, p := range d.Series {
				series[p.Year] = p.Amount.String()
			}
			for _, doc := range d.Documents {
				key := fmt.Sprintf("%s %d %s", d.Name, doc.Year, doc.Kind)
				amount := doc.Amount.String()
				r, inRanking := ranked[key]
				switch {
				case doc.Amount != nil && doc.Amount.Yuan != nil && r != amount:
					t.Errorf("%s %s: document.amount %s, ranking %s", m, key, amount, r)
				case (doc.Amount == nil || doc.Amount.Yuan == nil) && inRanking:
					t.Errorf("%s %s: document.amount %s, yet ranked %s", m, key, amount, r)
				}
				if doc.Kind == "BUDGET" && doc.Amount != nil && series[doc.Year] != amount {
					t.Errorf("%s %s: document.amount %s, series %s", m, key, amount, series[doc.Year])
				}
			}
		}
	}
}

// decode is json.Unmarshal that fails the test.
func decode(t *testing.T, raw json.RawMessage, dst any) {
	t.Helper()
	if err := json.Unmarshal(raw, dst); err != nil {
		t.Fatalf("%v: %s", err, strings.TrimSpace(string(raw)))
	}
}
