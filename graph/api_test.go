package graph_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"budgetql/graph"
	"budgetql/loader/model"
)

// twoYears is one department with 2023 and 2024 budgets: income 100.00 → 120.00 万元; the 2024
// narrative states a previous 101.00 (disagreeing with the loaded 100.00); 2010301 is renamed.
func twoYears() []*model.Document {
	return []*model.Document{
		fakeDoc(spec{dept: "曾都区测试局", region: "曾都区", year: 2023, total: "100.00", sangong: "1.00", general: "80.00", projectName: "12345热线运行"}),
		fakeDoc(spec{dept: "曾都区测试局", region: "曾都区", year: 2024, total: "120.00", sangong: "0.50", general: "90.00",
			statedPrev: "101.00", projectName: "12345热线运行", subjectName: "行政运行（机关）"}),
	}
}

func TestYearOverYear(t *testing.T) {
	a := newAPI(t, graph.Config{}, twoYears()...)
	var got struct {
		Document struct {
			Amount struct {
				Yuan, WanYuan, Unit string
				Yoy                 struct {
					PreviousYear int
					Loaded       struct{ Basis, Previous, Change, Percent string }
					Stated       struct{ Basis, Previous, Change, Percent, PrintedBasis string }
					Disagree     bool
				}
			}
			Subjects []struct {
				Code string
				Name string
				Yoy  struct{ NameChanged bool }
			}
		}
	}
	a.mustQuery(t, `{ document(department: "曾都区测试局", year: 2024) {
		amount(measure: INCOME_TOTAL) { yuan wanYuan unit
		  yoy { previousYear disagree loaded { basis previous change percent }
		        stated { basis previous change percent printedBasis } } } } }`, &got)
	m := got.Document.Amount
	checks := []struct{ name, got, want string }{
		{"yuan", m.Yuan, "1200000"}, {"wanYuan", m.WanYuan, "120"}, {"unit", m.Unit, "万元"},
		{"loaded previous", m.Yoy.Loaded.Previous, "1000000"}, {"loaded change", m.Yoy.Loaded.Change, "200000"},
		{"loaded percent", m.Yoy.Loaded.Percent, "20"}, {"loaded basis", m.Yoy.Loaded.Basis, "LOADED"},
		{"stated previous", m.Yoy.Stated.Previous, "1010000"}, {"stated change", m.Yoy.Stated.Change, "190000"},
		{"stated percent", m.Yoy.Stated.Percent, "18.81"}, {"stated basis", m.Yoy.Stated.Basis, "STATED"},
		{"printed basis", m.Yoy.Stated.PrintedBasis, "上年"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if !m.Yoy.Disagree || m.Yoy.PreviousYear != 2023 {
		t.Errorf("disagree = %v, previousYear = %d; want true, 2023", m.Yoy.Disagree, m.Yoy.PreviousYear)
	}
}

func TestNameChangeAndSeries(t *testing.T) {
	a := newAPI(t, graph.Config{}, twoYears()...)
	var got struct {
		Department struct {
			Years  []int
			Series []struct {
				Year   int
				Name   string
				Amount struct{ Yuan string }
			}
			Budget struct {
				Subjects []struct {
					Code  string
					Total struct {
						Yoy struct {
							NameChanged  bool
							PreviousName string
							Loaded       struct{ Change string }
						}
					}
				}
			}
		}
	}
	a.mustQuery(t, `{ department(name: "曾都区测试局") { years
		series(subject: {classification: FUNCTION, code: "2010301"}) { year name amount { yuan } }
		budget(year: 2024) { subjects(classification: FUNCTION, code: "2010301") {
		  code total { yoy { nameChanged previousName loaded { change } } } } } } }`, &got)
	d := got.Department
	if fmt.Sprint(d.Years) != "[2023 2024]" || len(d.Series) != 2 || d.Series[0].Amount.Yuan != "800000" ||
		d.Series[1].Amount.Yuan != "900000" || d.Series[1].Name != "行政运行（机关）" {
		t.Errorf("years/series = %v %+v", d.Years, d.Series)
	}
	s := d.Budget.Subjects
	if len(s) != 1 || !s[0].Total.Yoy.NameChanged || s[0].Total.Yoy.PreviousName != "行政运行" || s[0].Total.Yoy.Loaded.Change != "100000" {
		t.Errorf("2010301 = %+v, want a name change from 行政运行 and +100000", s)
	}
}

// departments returns n departments with the given years each.
func departments(n int, years ...int) []*model.Document {
	var docs []*model.Document
	for i := 0; i < n; i++ {
		for _, y := range years {
			docs = append(docs, fakeDoc(spec{dept: fmt.Sprintf("测试部门%02d", i), region: "测试区", year: y,
				total: fmt.Sprintf("%d.00", 100+i+y-2020), sangong: "1.00", general: "50.00", statedPrev: "99.00",
				projectName: fmt.Sprintf("项目%02d", i)}))
		}
	}
	return docs
}

// TestStatementsBoundedConcurrent: with 8 clients at once, a request still sends about as many
// statements as alone (batches wait for the request's resolvers; under load a batch can
// rarely be cut early, which costs a statement, not one per department-year).
func TestStatementsBoundedConcurrent(t *testing.T) {
	a := newAPI(t, graph.Config{}, departments(12, 2021, 2022, 2023, 2024)...)
	var out map[string]any
	before := a.reader.Statements()
	a.mustQuery(t, statementsQuery, &out)
	alone := a.reader.Statements() - before
	const clients, rounds = 8, 3
	before = a.reader.Statements()
	var wg sync.WaitGroup
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range rounds {
				if _, resp := a.post(t, map[string]any{"query": statementsQuery}); len(resp.Errors) > 0 {
					t.Errorf("query failed: %+v", resp.Errors)
				}
			}
		}()
	}
	wg.Wait()
	mean := float64(a.reader.Statements()-before) / (clients * rounds)
	t.Logf("statements per request: %d alone, %.2f with %d clients (48 department-years)", alone, mean, clients)
	if mean > float64(alone)*1.25 {
		t.Errorf("%.2f statements per request with %d clients, %d alone", mean, clients, alone)
	}
}

// statementsQuery touches every per-document loader and both year-over-year bases.
const statementsQuery = `{ departments(first: 100) { totalCount nodes { name aliases years region { name }
	documents { year kind units { name } amount(measure: INCOME_TOTAL) { yuan
	  yoy { loaded { previous source { document { year } } } stated { previous } } }
	  sangong { total { yuan yoy { loaded { change } } } reception { yuan } }
	  subjects(classification: FUNCTION, level: 1) { code total { yuan } children { code } }
	  projects { code amount { yuan yoy { loaded { change } } } }
	  targets { level3 source { line } } narrative { key tableValue { yuan } }
	  checks { result } repairs { rule } issues { kind } staffing { count }
	  procurement { total { yuan } items { total } } } } } }`

// TestStatementsBounded shows that the dataloaders keep the SQL statements of a request
// constant: 2 departments × 2 years and 12 departments × 4 years cost the same.
func TestStatementsBounded(t *testing.T) {
	// Batches are cut by time, so a slow machine can split one; the least of three runs is the
	// count without such splits.
	count := func(docs []*model.Document) int64 {
		a := newAPI(t, graph.Config{}, docs...)
		least := int64(1 << 30)
		for i := 0; i < 3; i++ {
			var out map[string]any
			before := a.reader.Statements()
			a.mustQuery(t, statementsQuery, &out)
			least = min(least, a.reader.Statements()-before)
		}
		return least
	}
	small := count(departments(2, 2023, 2024))
	large := count(departments(12, 2021, 2022, 2023, 2024))
	t.Logf("statements per request: %d (4 department-years), %d (48 department-years)", small, large)
	if small != large {
		t.Errorf("statements grew with the data: %d for 4 department-years, %d for 48", small, large)
	}
	if large > 30 {
		t.Errorf("%d statements for one request, want at most 30", large)
	}
}

// TestRankingReadsItsRowsOnce shows that a ranking's departments and documents come with its own
// statement: asking for them sends no other.
func TestRankingReadsItsRowsOnce(t *testing.T) {
	a := newAPI(t, graph.Config{}, departments(12, 2023, 2024)...)
	var out struct {
		Ranking []struct {
			Department struct{ Name string }
			Amount     struct {
				Source struct{ Document struct{ FileName string } }
			}
		}
	}
	before := a.reader.Statements()
	a.mustQuery(t, `{ ranking(measure: INCOME_TOTAL, year: 2024, first: 100) {
		department { name } amount { source { document { fileName } } } } }`, &out)
	if n := a.reader.Statements() - before; n != 1 {
		t.Errorf("%d statements, want 1", n)
	}
	if len(out.Ranking) != 12 {
		t.Fatalf("%d ranked departments, want 12", len(out.Ranking))
	}
	for _, r := range out.Ranking {
		if r.Department.Name == "" || !strings.HasSuffix(r.Amount.Source.Document.FileName, ".txt") {
			t.Errorf("ranked row without its department or document: %+v", r)
		}
	}
}

func TestSearchBigramIndex(t *testing.T) {
	docs := departments(40, 2023, 2024)
	docs = append(docs, twoYears()...)
	a := newAPI(t, graph.Config{}, docs...)
	var got struct {
		Search struct {
			TotalCount int
			Nodes      []struct {
				Kind, Name string
				Year       int
				Department struct{ Name string }
			}
		}
	}
	before := a.reader.Statements()
	a.mustQuery(t, `{ search(text: "热线", first: 10) { totalCount nodes { kind name year department { name } } } }`, &got)
	if n := a.reader.Statements() - before; n != 1 {
		t.Errorf("search with departments: %d statements, want 1 (the hits bring their departments)", n)
	}
	// Two documents each have one project and one target with 热线 in the name.
	if got.Search.TotalCount != 4 {
		t.Errorf("search 热线: %d hits, want 4: %+v", got.Search.TotalCount, got.Search.Nodes)
	}
	for _, n := range got.Search.Nodes {
		if !strings.Contains(n.Name, "热线") || n.Department.Name != "曾都区测试局" {
			t.Errorf("hit %+v does not contain 热线 in 曾都区测试局", n)
		}
	}
	if _, err := a.store.DB.Exec("ANALYZE"); err != nil {
		t.Fatal(err)
	}
	plan, err := a.reader.SearchPlan(context.Background(), "热线")
	if err != nil {
		t.Fatal(err)
	}
	for _, idx := range []string{"project_name_bigrams", "target_level3_bigrams", "target_form_project_bigrams"} {
		if !strings.Contains(plan, idx) {
			t.Errorf("plan does not use %s:\n%s", idx, plan)
		}
	}
}

// TestSearchFormProjects: a performance form's project name is a project hit of its own only
// when its document lists no project of that name or code, and once per document and name.
func TestSearchFormProjects(t *testing.T) {
	doc := fakeDoc(spec{dept: "曾都区测试局", region: "曾都区", year: 2024, total: "120.00", sangong: "0.50",
		general: "90.00", projectName: "12345热线运行"})
	form := func(code, name string, line int) model.Target {
		return model.Target{ProjectCode: code, ProjectName: name, Level1: "产出指标", Level2: "数量指标",
			Level3: "办结率", Operator: "=", Value: "100", MeasureUnit: "%", Source: model.Source{Page: 3, Line: line, Text: name}}
	}
	doc.Targets = append(doc.Targets,
		form("42130323016Y000000001", "热线平台改版", 51), // the listed project's code under another name
		form("", "热线回访", 52),                        // no project listed: a hit
		form("", "热线回访", 53),                        // the same form project again
		form("42130323016Y000000009", "热线知识库", 54))  // a code nobody lists: a hit
	a := newAPI(t, graph.Config{}, doc)
	var got struct {
		Search struct {
			Nodes []struct {
				Kind, Name string
				Source     struct{ Line int }
			}
		}
	}
	a.mustQuery(t, `{ search(text: "热线", first: 20) { nodes { kind name source { line } } } }`, &got)
	var projects []string
	for _, n := range got.Search.Nodes {
		if n.Kind == "PROJECT" {
			projects = append(projects, fmt.Sprintf("%s@%d", n.Name, n.Source.Line))
		}
	}
	want := []string{"12345热线运行@40", "热线回访@52", "热线知识库@54"}
	if !reflect.DeepEqual(projects, want) {
		t.Errorf("project hits %v, want %v", projects, want)
	}
}

// TestUserTextNormalised: names and search terms typed in traditional characters or full-width
// forms find what the documents print in simplified characters, as the loader reads them.
func TestUserTextNormalised(t *testing.T) {
	a := newAPI(t, graph.Config{}, twoYears()...)
	type hits struct {
		Search struct {
			TotalCount int
			Nodes      []struct{ Name string }
		}
	}
	var want hits
	a.mustQuery(t, `{ search(text: "热线") { totalCount nodes { name } } }`, &want)
	if want.Search.TotalCount == 0 {
		t.Fatal("no hits for 热线")
	}
	for _, term := range []string{"熱線", " 热线 "} {
		var got hits
		a.mustQuery(t, `{ search(text: "`+term+`") { totalCount nodes { name } } }`, &got)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("search %q: %+v, want the hits of 热线 %+v", term, got, want)
		}
	}
	var dept struct {
		Department *struct{ Name string }
		Document   *struct{ Year int }
	}
	a.mustQuery(t, `{ department(name: "曾都區測試局") { name }
		document(department: "曾都區測試局", year: 2024) { year } }`, &dept)
	if dept.Department == nil || dept.Department.Name != "曾都区测试局" || dept.Document == nil || dept.Document.Year != 2024 {
		t.Errorf("traditional name: %+v %+v, want 曾都区测试局 and its 2024 document", dept.Department, dept.Document)
	}
	var list struct {
		Departments struct{ TotalCount int }
	}
	a.mustQuery(t, `{ departments(name: "測試") { totalCount } }`, &list)
	if list.Departments.TotalCount != 1 {
		t.Errorf("departments(name: 測試): %d, want 1", list.Departments.TotalCount)
	}
}

func TestLimitsAndErrors(t *testing.T) {
	a := newAPI(t, graph.Config{MaxDepth: 6, MaxComplexity: 500, MaxBodyBytes: 2048, AllowedOrigins: []string{"https://dash.example"}}, twoYears()...)
	deep := `{ departments { nodes { documents { department { documents { department { name } } } } } } }`
	cases := []struct {
		name string
		body any
		want string
	}{
		{"depth", map[string]any{"query": deep}, graph.CodeDepth},
		{"complexity", map[string]any{"query": `{ figures(first: 100) { nodes { amount { yuan printed yoy { loaded { previous change } } } } } }`}, "COMPLEXITY_LIMIT_EXCEEDED"},
		{"first over 100", map[string]any{"query": `{ figures(first: 101) { totalCount } }`}, graph.CodeBadInput},
		{"bad id", map[string]any{"query": `{ node(id: "nope") { id } }`}, graph.CodeBadInput},
		{"bad cursor", map[string]any{"query": `{ figures(after: "x") { totalCount } }`}, graph.CodeBadInput},
		{"not found", map[string]any{"query": `{ department(name: "无此部门") { id } }`}, graph.CodeNotFound},
		{"syntax", map[string]any{"query": `{ departments { `}, "GRAPHQL_PARSE_FAILED"},
		{"unknown field", map[string]any{"query": `{ nope }`}, "GRAPHQL_VALIDATION_FAILED"},
		{"empty search", map[string]any{"query": `{ search(text: " ") { totalCount } }`}, graph.CodeBadInput},
		{"float decimal", map[string]any{"query": `{ movers(year: 2024, minBase: 1.5) { code } }`}, graph.CodeBadInput},
		{"two of measure/subject", map[string]any{"query": `{ totals(measure: SANGONG_TOTAL, subject: {classification: FUNCTION, code: "201"}) { year } }`}, graph.CodeBadInput},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := a.errorCode(t, c.body); got != c.want {
				t.Errorf("code = %q, want %q", got, c.want)
			}
		})
	}
	t.Run("body limit", func(t *testing.T) {
		status, resp := a.post(t, map[string]any{"query": "{ departments { totalCount } }" + strings.Repeat(" ", 4096)})
		if status != http.StatusRequestEntityTooLarge || len(resp.Errors) == 0 || resp.Errors[0].Extensions["code"] != "REQUEST_TOO_LARGE" {
			t.Errorf("status %d, errors %+v; want 413 REQUEST_TOO_LARGE", status, resp.Errors)
		}
	})
}

func TestTransportsAPQAndCORS(t *testing.T) {
	a := newAPI(t, graph.Config{AllowedOrigins: []string{"https://dash.example"}}, twoYears()...)
	q := `{ departments { totalCount } }`
	resp, err := http.Get(a.srv.URL + "/graphql?query=" + url.QueryEscape(q))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if want := `{"data":{"departments":{"totalCount":1}},"extensions":{"datasetVersion":2}}`; string(body) != want {
		t.Errorf("GET = %s, want %s", body, want)
	}
	sum := sha256.Sum256([]byte(q))
	ext := map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hex.EncodeToString(sum[:])}}
	if code := a.errorCode(t, map[string]any{"extensions": ext}); code != "PERSISTED_QUERY_NOT_FOUND" {
		t.Errorf("unknown hash: code %q", code)
	}
	var out map[string]any
	_, r1 := a.post(t, map[string]any{"query": q, "extensions": ext})
	_, r2 := a.post(t, map[string]any{"extensions": ext})
	if len(r1.Errors)+len(r2.Errors) > 0 || string(r2.Data) != string(r1.Data) {
		t.Errorf("APQ: registered %s %v, by hash %s %v", r1.Data, r1.Errors, r2.Data, r2.Errors)
	}
	_ = out
	for origin, want := range map[string]string{"https://dash.example": "https://dash.example", "https://evil.example": ""} {
		req, _ := http.NewRequest(http.MethodOptions, a.srv.URL+"/graphql", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Access-Control-Allow-Origin"); got != want {
			t.Errorf("CORS for %s: Allow-Origin %q, want %q", origin, got, want)
		}
	}
}

func TestReaderIsReadOnlyWithTimeout(t *testing.T) {
	a := newAPI(t, graph.Config{}, twoYears()...)
	var role string
	if err := a.reader.DB.Get(&role, "SELECT current_user"); err != nil || role != "budgetql_reader" {
		t.Errorf("current_user = %q (%v), want budgetql_reader", role, err)
	}
	if _, err := a.reader.DB.Exec("DELETE FROM figure"); err == nil {
		t.Error("DELETE through the reader succeeded")
	}
	if _, err := a.reader.DB.Exec("SET statement_timeout = 50; SELECT pg_sleep(1)"); err == nil || !strings.Contains(err.Error(), "statement timeout") {
		t.Errorf("pg_sleep past the timeout: %v", err)
	}
}

func TestNodeAndFigures(t *testing.T) {
	a := newAPI(t, graph.Config{}, twoYears()...)
	var got struct {
		Document struct {
			ID      string
			Figures struct {
				TotalCount int
				PageInfo   struct {
					HasNextPage bool
					EndCursor   string
				}
				Nodes []struct{ Table, RowCode, Column string }
			}
		}
	}
	a.mustQuery(t, `{ document(department: "曾都区测试局", year: 2024) { id figures(first: 3) {
		totalCount pageInfo { hasNextPage endCursor } nodes { table rowCode column } } } }`, &got)
	f := got.Document.Figures
	// summary 2 + expenditure 5 + sangong 2 + narrative value and stated_previous 2.
	if f.TotalCount != 11 || len(f.Nodes) != 3 || !f.PageInfo.HasNextPage || f.Nodes[0].RowCode != "income_total" {
		t.Fatalf("first page = %+v", f)
	}
	seen := 3
	after := f.PageInfo.EndCursor
	for after != "" {
		var page struct {
			Figures struct {
				PageInfo struct {
					HasNextPage bool
					EndCursor   string
				}
				Nodes []struct{ RowCode string }
			}
		}
		a.mustQuery(t, fmt.Sprintf(`{ figures(filter: {document: %q}, first: 3, after: %q) {
			pageInfo { hasNextPage endCursor } nodes { rowCode } } }`, got.Document.ID, after), &page)
		seen += len(page.Figures.Nodes)
		after = ""
		if page.Figures.PageInfo.HasNextPage {
			after = page.Figures.PageInfo.EndCursor
		}
	}
	if seen != 11 {
		t.Errorf("walked %d figures, want 11", seen)
	}
	var node struct{ Node struct{ Year int } }
	a.mustQuery(t, fmt.Sprintf(`{ node(id: %q) { ... on Document { year } } }`, got.Document.ID), &node)
	if node.Node.Year != 2024 {
		t.Errorf("node(id:) year = %d", node.Node.Year)
	}
}

func TestGraphiQLOffline(t *testing.T) {
	a := newAPI(t, graph.Config{})
	for path, want := range map[string]string{"/graphiql": "/graphiql/assets/graphiql.min.js",
		"/graphiql/assets/graphiql.min.js": "GraphiQL", "/graphiql/assets/react.production.min.js": "React",
		"/healthz": "ok", "/": "/graphiql/assets/graphiql.min.js"} {
		resp, err := http.Get(a.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(body), want) {
			t.Errorf("GET %s: %d, body lacks %q", path, resp.StatusCode, want)
		}
		if path == "/graphiql" && (strings.Contains(string(body), "src=\"http") || strings.Contains(string(body), "href=\"http")) {
			t.Errorf("GraphiQL page loads from the network:\n%s", body)
		}
	}
}

func TestMoversAndTotals(t *testing.T) {
	a := newAPI(t, graph.Config{}, twoYears()...)
	var got struct {
		Movers []struct {
			Code, Name, PreviousName, Change, Percent string
			NameChanged                               bool
		}
		Above  []struct{ Code string }
		Totals []struct {
			Year            int
			Yuan, WanYuan   string
			Departments     int
			Change, Percent *string
		}
	}
	a.mustQuery(t, `{ movers(year: 2024, level: 3, by: PERCENT) { code name previousName nameChanged change percent }
		above: movers(year: 2024, level: 3, minBase: "900000") { code }
		totals(measure: SANGONG_TOTAL) { year yuan wanYuan departments change percent } }`, &got)
	if len(got.Movers) != 1 {
		t.Fatalf("movers = %+v, want 2010301 only", got.Movers)
	}
	m := got.Movers[0]
	if m.Code != "2010301" || m.Change != "100000" || m.Percent != "12.5" || !m.NameChanged || m.PreviousName != "行政运行" {
		t.Errorf("mover = %+v, want 2010301 +100000 +12.5%% renamed from 行政运行", m)
	}
	if len(got.Above) != 0 {
		t.Errorf("minBase 900000 kept %+v; the previous 800000 is under it", got.Above)
	}
	if len(got.Totals) != 2 || got.Totals[1].Yuan != "5000" || got.Totals[1].Change == nil || *got.Totals[1].Change != "-5000" ||
		*got.Totals[1].Percent != "-50" || got.Totals[0].WanYuan != "1" {
		t.Errorf("totals = %+v, want 10000 then 5000 (-50%%)", got.Totals)
	}
}

// TestMoversAcrossDepartments ranks subject 201 and a project of three departments by absolute
// and percent change: equal changes keep department order, and minBase drops the smaller bases.
func TestMoversAcrossDepartments(t *testing.T) {
	var docs []*model.Document
	for _, d := range []struct{ name, prev, cur string }{
		{"甲局", "50.00", "60.00"}, {"乙局", "100.00", "105.00"}, {"丙局", "20.00", "30.00"},
	} {
		docs = append(docs,
			fakeDoc(spec{dept: d.name, region: "测试区", year: 2023, total: "200.00", sangong: "1.00", general: d.prev,
				projectName: "运行经费", project: d.prev}),
			fakeDoc(spec{dept: d.name, region: "测试区", year: 2024, total: "200.00", sangong: "1.00", general: d.cur,
				projectName: "运行经费", project: d.cur}))
	}
	a := newAPI(t, graph.Config{}, docs...)
	type mover struct {
		Department struct{ Name string }
		Code       string
		Change     string
		Percent    string
	}
	var got struct{ Abs, Pct, Base, ProjAbs, ProjPct, ProjBase []mover }
	a.mustQuery(t, `{ abs: movers(year: 2024, level: 1) { department { name } code change percent }
		pct: movers(year: 2024, level: 1, by: PERCENT) { department { name } code change percent }
		base: movers(year: 2024, level: 1, minBase: "600000") { department { name } code change percent }
		projAbs: movers(year: 2024, entity: PROJECT) { department { name } code change percent }
		projPct: movers(year: 2024, entity: PROJECT, by: PERCENT) { department { name } code change percent }
		projBase: movers(year: 2024, entity: PROJECT, minBase: "600000") { department { name } code change percent } }`, &got)
	line := func(ms []mover) string {
		var parts []string
		for _, m := range ms {
			parts = append(parts, fmt.Sprintf("%s %s %s %s%%", m.Department.Name, m.Code, m.Change, m.Percent))
		}
		return strings.Join(parts, "; ")
	}
	const code = "42130323016Y000000001"
	want := map[string][2]string{
		"abs":          {line(got.Abs), "甲局 201 100000 20%; 丙局 201 100000 50%; 乙局 201 50000 5%"},
		"pct":          {line(got.Pct), "丙局 201 100000 50%; 甲局 201 100000 20%; 乙局 201 50000 5%"},
		"base":         {line(got.Base), "乙局 201 50000 5%"},
		"project abs":  {line(got.ProjAbs), strings.ReplaceAll("甲局 P 100000 20%; 丙局 P 100000 50%; 乙局 P 50000 5%", "P", code)},
		"project pct":  {line(got.ProjPct), strings.ReplaceAll("丙局 P 100000 50%; 甲局 P 100000 20%; 乙局 P 50000 5%", "P", code)},
		"project base": {line(got.ProjBase), strings.ReplaceAll("乙局 P 50000 5%", "P", code)},
	}
	for name, w := range want {
		if w[0] != w[1] {
			t.Errorf("%s movers = %s, want %s", name, w[0], w[1])
		}
	}
	for _, level := range []int{0, 4, -1} {
		q := fmt.Sprintf(`{ movers(year: 2024, level: %d) { code } }`, level)
		if code := a.errorCode(t, map[string]any{"query": q}); code != graph.CodeBadInput {
			t.Errorf("movers(level: %d): code %q, want %s", level, code, graph.CodeBadInput)
		}
	}
}

// TestAdmission runs one-statement requests from 8 clients, each statement held 30 ms: at most
// MaxConcurrent of them execute at once; and a request still waiting at its deadline gets 503.
func TestAdmission(t *testing.T) {
	const query = `{ departments(first: 1) { totalCount } }`
	peak := func(limit int) int64 {
		a := newAPI(t, graph.Config{MaxConcurrent: limit}, twoYears()...)
		var now, most atomic.Int64
		a.reader.OnStatement = func(string, []any) {
			n := now.Add(1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			time.Sleep(30 * time.Millisecond)
			now.Add(-1)
		}
		var wg sync.WaitGroup
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, resp := a.post(t, map[string]any{"query": query}); len(resp.Errors) > 0 {
					t.Errorf("query failed: %+v", resp.Errors)
				}
			}()
		}
		wg.Wait()
		return most.Load()
	}
	if got := peak(2); got != 2 {
		t.Errorf("MaxConcurrent 2: %d requests executed at once", got)
	}
	if got := peak(8); got < 3 {
		t.Errorf("MaxConcurrent 8: at most %d requests executed at once; the limit is not what holds them", got)
	}

	a := newAPI(t, graph.Config{MaxConcurrent: 1, RequestTimeout: 200 * time.Millisecond}, twoYears()...)
	entered := make(chan struct{}, 1)
	a.reader.OnStatement = func(string, []any) {
		select {
		case entered <- struct{}{}:
		default:
		}
		time.Sleep(600 * time.Millisecond)
	}
	first := make(chan struct{})
	go func() {
		defer close(first)
		a.post(t, map[string]any{"query": query})
	}()
	<-entered
	status, resp := a.post(t, map[string]any{"query": query})
	if status != http.StatusServiceUnavailable || len(resp.Errors) != 1 || resp.Errors[0].Extensions["code"] != graph.CodeTimeout {
		t.Errorf("waiting request: status %d, errors %+v; want 503 with code %s", status, resp.Errors, graph.CodeTimeout)
	}
	<-first
}

// TestCORSSameOriginByDefault: with no allowed origin configured, neither a preflight nor a
// request from another site's page gets an Access-Control-Allow-Origin header.
func TestCORSSameOriginByDefault(t *testing.T) {
	a := newAPI(t, graph.Config{}, twoYears()...)
	for _, method := range []string{http.MethodOptions, http.MethodGet} {
		req, _ := http.NewRequest(method, a.srv.URL+"/graphql?query="+url.QueryEscape("{ departments { totalCount } }"), nil)
		req.Header.Set("Origin", "https://evil.example")
		req.Header.Set("Access-Control-Request-Method", "POST")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Access-Control-Allow-Origin"); got != "" {
			t.Errorf("%s from https://evil.example: Access-Control-Allow-Origin %q, want none", method, got)
		}
	}
}
