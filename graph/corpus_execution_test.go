package graph_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"budgetql/loader/model"
)

// financeBudget2024 is a 2024 预算 of 上海市普陀区财政局 made up for this test (the corpus holds
// only its 决算): 三公 0.95 万元 and 一般公共预算 2,993.92 万元 as the 决算 prints their budget, and
// 2010601 行政运行 1,560.00 万元 where the 决算 prints a budget of 1,560.05.
func financeBudget2024() *model.Document {
	doc := &model.Document{File: "synthetic-finance-budget-2024.txt", Format: model.FormatLayout,
		Department: finance, Region: model.Region{Name: "上海市普陀区"}, Year: 2024, Kind: model.KindBudget,
		Scope: model.ScopeDepartment, Pages: 1, Lines: 40,
		Tables: []*model.Table{
			{ID: model.TableGPBFunction, Unit: model.TenThous, Rows: []*model.Row{
				row("2010601", "行政运行", 3, 10, cellOf("total", "1560.00")),
				row("total", "合计", 0, 11, cellOf("total", "2993.92")),
			}},
			{ID: model.TableSangong, Unit: model.TenThous, Rows: []*model.Row{
				row("total", "合计", 0, 20, cellOf("total", "0.95")),
			}},
		}}
	h := sha256.Sum256([]byte(doc.File))
	doc.SHA256 = hex.EncodeToString(h[:])
	return doc
}

type execution struct {
	Measure, Code            *string
	Name                     string
	Budget, Actual           *money
	BudgetDocument           *money
	Rate                     *string
	AgreesWithBudgetDocument *bool
}

func (x execution) String() string {
	s := func(p *string) string {
		if p == nil {
			return "null"
		}
		return *p
	}
	yuan := func(m *money) string {
		if m == nil || m.Yuan == nil {
			return "null"
		}
		return *m.Yuan
	}
	agrees := "null"
	if x.AgreesWithBudgetDocument != nil {
		agrees = fmt.Sprint(*x.AgreesWithBudgetDocument)
	}
	return fmt.Sprintf("budget %s actual %s rate %s 预算 %s agrees %s", yuan(x.Budget), yuan(x.Actual), s(x.Rate),
		yuan(x.BudgetDocument), agrees)
}

const executionFields = `measure code name budget { ` + moneyFields + ` } actual { ` + moneyFields + ` }
	rate budgetDocument { ` + moneyFields + ` } agreesWithBudgetDocument`

// TestBudgetAgainstActual: the 财政局 2024 决算 prints 三公 年初预算 0.95 万元 (三公 table, line 491)
// against 决算 0.00 (line 639); 一般公共预算财政拨款支出 年初预算 2,993.92 against 2,940.05, 完成
// 98.20% (line 573); 2010601 行政运行 1,560.05 against 1,511.89 (line 577).
func TestBudgetAgainstActual(t *testing.T) {
	_, r := corpusAPI(t)
	a := &api{srv: newServer(t, r), reader: r}
	got := financeExecution(t, a)
	want := map[string]string{
		"sangongTotal":        "budget 9500 actual 0 rate 0 预算 null agrees null",
		"generalPublicBudget": "budget 29939200 actual 29400500 rate 98.2 预算 null agrees null",
		"2010601":             "budget 15600500 actual 15118900 rate 96.91 预算 null agrees null",
		"2210203":             "budget 2585000 actual 2585000 rate 100 预算 null agrees null",
	}
	for k, w := range want {
		if g := got[k]; g != w {
			t.Errorf("%s: %s\nwant %s", k, g, w)
		}
	}
	var other struct {
		Document struct {
			Execution     *struct{ SangongTotal execution }
			FinalDocument *struct{ Year int }
		}
	}
	a.mustQuery(t, `{ document(department: "`+wanli+`", year: 2024) { execution { sangongTotal { name } } finalDocument { year } } }`, &other)
	if other.Document.Execution != nil || other.Document.FinalDocument != nil {
		t.Errorf("万里 2024 预算: execution %+v, finalDocument %+v; want none (no 决算 loaded)", other.Document.Execution, other.Document.FinalDocument)
	}
}

// TestBudgetAgainstBudgetDocument: with a 2024 预算 of the same department loaded, the 决算 and the
// 预算 link both ways, and each budget the 决算 prints is compared with the 预算's figure.
func TestBudgetAgainstBudgetDocument(t *testing.T) {
	_, r := corpusAPI(t, financeBudget2024())
	a := &api{srv: newServer(t, r), reader: r}
	got := financeExecution(t, a)
	want := map[string]string{
		"sangongTotal":        "budget 9500 actual 0 rate 0 预算 9500 agrees true",
		"generalPublicBudget": "budget 29939200 actual 29400500 rate 98.2 预算 29939200 agrees true",
		"2010601":             "budget 15600500 actual 15118900 rate 96.91 预算 15600000 agrees false",
		"2210203":             "budget 2585000 actual 2585000 rate 100 预算 null agrees null",
	}
	for k, w := range want {
		if g := got[k]; g != w {
			t.Errorf("%s: %s\nwant %s", k, g, w)
		}
	}
	var link struct {
		Document struct {
			FinalDocument struct {
				Kind           string
				BudgetDocument struct{ FileName string }
			}
		}
	}
	a.mustQuery(t, `{ document(department: "`+finance+`", year: 2024) { finalDocument { kind budgetDocument { fileName } } } }`, &link)
	if f := link.Document.FinalDocument; f.Kind != "FINAL" || f.BudgetDocument.FileName != "synthetic-finance-budget-2024.txt" {
		t.Errorf("预算 → 决算 → 预算 = %+v", f)
	}
}

// financeExecution reads the 财政局 2024 决算's execution as "budget … actual … rate …" by field
// or subject code.
func financeExecution(t *testing.T, a *api) map[string]string {
	t.Helper()
	var got struct {
		Document struct {
			Execution struct {
				SangongTotal, GeneralPublicBudget execution
				Subjects                          []execution
			}
		}
	}
	a.mustQuery(t, `{ document(department: "`+finance+`", year: 2024, kind: FINAL) { execution {
		sangongTotal { `+executionFields+` } generalPublicBudget { `+executionFields+` }
		subjects { `+executionFields+` } } } }`, &got)
	x := got.Document.Execution
	out := map[string]string{"sangongTotal": x.SangongTotal.String(), "generalPublicBudget": x.GeneralPublicBudget.String()}
	for _, s := range x.Subjects {
		out[*s.Code] = s.String()
	}
	if b := x.SangongTotal.Budget; b == nil || b.Source.Table != "sangong" || b.Source.Column != "budget" {
		t.Errorf("三公 budget source = %s, want the 三公 table's 预算数", b.String())
	}
	if len(x.Subjects) != 9 || !strings.Contains(x.GeneralPublicBudget.Name, "一般公共预算") {
		t.Errorf("%d subjects with a budget (want the 9 the narrative states), 一般公共预算 named %q", len(x.Subjects), x.GeneralPublicBudget.Name)
	}
	return out
}

// TestFormProjects: 万里 2023 prints no 项目支出表; its five 项目支出绩效目标表 give the projects and
// their 项目资金总额 (新建万里街道社区公共服务中心 4,100,000.00 元, line 860), and search finds them as
// projects.
func TestFormProjects(t *testing.T) {
	_, r := corpusAPI(t)
	a := &api{srv: newServer(t, r), reader: r}
	var got struct {
		Document struct {
			Projects []struct {
				Name, AmountFrom string
				Amount           money
			}
		}
		Search struct {
			Nodes []struct {
				Kind, Name string
				Year       int
			}
		}
	}
	a.mustQuery(t, `{ document(department: "`+wanli+`", year: 2023) { projects { name amountFrom amount { `+moneyFields+` } } }
		search(text: "公共服务中心") { nodes { kind name year } } }`, &got)
	var ps []string
	for _, p := range got.Document.Projects {
		ps = append(ps, fmt.Sprintf("%s %s %s %s %s %s line %d", p.Name, p.AmountFrom, *p.Amount.Yuan, p.Amount.Printed,
			p.Amount.Unit, p.Amount.Source.Table, p.Amount.Source.Line))
	}
	want := []string{
		"公共服务设施运行经费 PERFORMANCE_FORM 10903043 10,903,043.00 元 performance_form line 1106",
		"各类工作经费 PERFORMANCE_FORM 7595500 7595500.00 元 performance_form line 997",
		"就业援助基地补贴 PERFORMANCE_FORM 6351000 6,351,000.00 元 performance_form line 911",
		"社区环境整治和建设经费 PERFORMANCE_FORM 4563800 4,563,800.00 元 performance_form line 952",
		"新建万里街道社区公共服务中心 PERFORMANCE_FORM 4100000 4,100,000.00 元 performance_form line 860",
	}
	if strings.Join(ps, "\n") != strings.Join(want, "\n") {
		t.Errorf("万里 2023 projects:\n%s\nwant\n%s", strings.Join(ps, "\n"), strings.Join(want, "\n"))
	}
	if n := got.Search.Nodes; len(n) != 1 || n[0].Kind != "PROJECT" || n[0].Name != "新建万里街道社区公共服务中心" || n[0].Year != 2023 {
		t.Errorf("search 公共服务中心 = %+v, want the 2023 project", n)
	}
}
