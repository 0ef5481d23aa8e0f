package graph_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// Questions over the real corpus that could not be asked, or got an empty list or an internal
// name for an answer (issue 12, points 5 to 10).
func TestCorpusAsking(t *testing.T) {
	_, r := corpusAPI(t)
	a := &api{srv: newServer(t, r), reader: r}
	t.Run("totals-like-for-like", func(t *testing.T) { likeForLike(t, a) })
	t.Run("not-found-suggests", func(t *testing.T) { notFoundSuggests(t, a) })
	t.Run("bad-arguments-are-errors", func(t *testing.T) { badArguments(t, a) })
	t.Run("subjects-searchable", func(t *testing.T) { subjectsSearchable(t, a) })
	t.Run("ranking-and-movers-by-subject-or-measure", func(t *testing.T) { rankByTarget(t, a) })
	t.Run("figures-filters-and-rounding", func(t *testing.T) { figureFilters(t, a) })
}

type yearTotal struct {
	Year                int
	Yuan, PreviousYuan  string
	Departments         int
	PreviousDepartments *int
	Percent, Basis      string
	Change              *string
}

// likeForLike: 201 一般公共服务支出 is printed by 万里 in 2023 (2,976,800 元), by 万里 and 曾都 in 2024
// and by 万里 and 政府办公室 in 2025; like for like, each year compares 万里 with 万里.
func likeForLike(t *testing.T, a *api) {
	var got struct{ All, Lfl []yearTotal }
	a.mustQuery(t, `{ all: totals(subject: {classification: FUNCTION, code: "201"}) {
		year yuan departments previousYuan previousDepartments change percent basis }
		lfl: totals(subject: {classification: FUNCTION, code: "201"}, basis: LIKE_FOR_LIKE) {
		year yuan departments previousYuan previousDepartments change percent basis } }`, &got)
	show := func(ys []yearTotal) string {
		var s []string
		for _, y := range ys {
			s = append(s, fmt.Sprintf("%d %s×%d prev %s %s%% %s", y.Year, y.Yuan, y.Departments, y.PreviousYuan, y.Percent, y.Basis))
		}
		return strings.Join(s, "; ")
	}
	if g, w := show(got.Lfl), "2024 2932700×1 prev 2976800 -1.48% LIKE_FOR_LIKE; 2025 3296600×1 prev 2932700 12.41% LIKE_FOR_LIKE"; g != w {
		t.Errorf("like for like = %s\nwant %s", g, w)
	}
	if g, w := show(got.All), "2023 2976800×1 prev  % ALL; 2024 7061100×2 prev 2976800 137.2% ALL; 2025 85393397.42×2 prev 7061100 1109.35% ALL"; g != w {
		t.Errorf("all departments = %s\nwant %s", g, w)
	}
}

// errorOf runs a query that must fail and returns its first error.
func errorOf(t *testing.T, a *api, query string) (string, map[string]any) {
	t.Helper()
	_, resp := a.post(t, map[string]any{"query": query})
	if len(resp.Errors) == 0 {
		t.Fatalf("%s succeeded: %s", query, resp.Data)
	}
	checkMessage(t, resp.Errors[0].Message)
	return resp.Errors[0].Message, resp.Errors[0].Extensions
}

// internalName matches what users must not read in an error: a Go package's function (db.X,
// graph.y), the driver (pq:) or SQL state codes.
var internalName = regexp.MustCompile(`\b(db|graph|model|loader|sqlx|pq)[.:]|\(\d{5}\)|[a-z]+\.[A-Z][a-zA-Z]+\b`)

func checkMessage(t *testing.T, msg string) {
	t.Helper()
	if internalName.MatchString(msg) {
		t.Errorf("error message names an internal function or the driver: %q", msg)
	}
}

// notFoundSuggests: 万里街道 is part of a department's name; 2022 is not loaded for it.
func notFoundSuggests(t *testing.T, a *api) {
	for _, q := range []string{`{ department(name: "万里街道") { name } }`,
		`{ document(department: "万里街道", year: 2024) { year } }`,
		`{ movers(year: 2024, departmentName: "万里街道") { code } }`} {
		msg, ext := errorOf(t, a, q)
		s, _ := ext["suggestions"].([]any)
		if ext["code"] != "NOT_FOUND" || len(s) == 0 || s[0] != wanli || !strings.Contains(msg, wanli) {
			t.Errorf("%s: %q %v, want NOT_FOUND suggesting %s", q, msg, ext, wanli)
		}
	}
	for _, q := range []string{`{ document(department: "` + wanli + `", year: 2022) { year } }`,
		`{ department(name: "` + wanli + `") { budget(year: 2022) { year } } }`} {
		msg, ext := errorOf(t, a, q)
		if ext["code"] != "NOT_FOUND" || fmt.Sprint(ext["loadedYears"]) != "[2023 2024 2025]" || !strings.Contains(msg, "2023") {
			t.Errorf("%s: %q %v, want NOT_FOUND with loadedYears [2023 2024 2025]", q, msg, ext)
		}
	}
	msg, ext := errorOf(t, a, `{ document(department: "`+finance+`", year: 2024) { year } }`)
	if fmt.Sprint(ext["loadedYears"]) != "[]" || !strings.Contains(msg, "2024 决算 (FINAL)") {
		t.Errorf("财政局 2024 预算: %q %v, want no budget year and the 2024 决算 listed", msg, ext)
	}
}

// badArguments: an unknown table, level 4 and a year with no data are errors, not empty lists.
func badArguments(t *testing.T, a *api) {
	cases := []struct{ query, code string }{
		{`{ figures(filter: {table: "nosuch"}) { totalCount } }`, "GRAPHQL_VALIDATION_FAILED"},
		{`{ figures(filter: {table: nosuch}) { totalCount } }`, "GRAPHQL_VALIDATION_FAILED"},
		{`{ document(department: "` + zengdu + `", year: 2024) { subjects(classification: FUNCTION, level: 4) { code } } }`, "BAD_USER_INPUT"},
		{`{ movers(year: 2024, level: 4) { code } }`, "BAD_USER_INPUT"},
		{`{ ranking(measure: SANGONG_TOTAL, year: 1999) { rank } }`, "NOT_FOUND"},
		{`{ movers(year: 2023) { code } }`, "NOT_FOUND"},
		{`{ document(department: "` + zengdu + `", year: 2024) { checks(result: "pass") { checkId } } }`, "GRAPHQL_VALIDATION_FAILED"},
		{`{ document(department: "` + zengdu + `", year: 2024) { issues(kind: "lost_row") { kind } } }`, "GRAPHQL_VALIDATION_FAILED"},
		{`{ ranking(year: 2024) { rank } }`, "BAD_USER_INPUT"},
	}
	for _, c := range cases {
		msg, ext := errorOf(t, a, c.query)
		if ext["code"] != c.code {
			t.Errorf("%s: %s %q, want %s", c.query, ext["code"], msg, c.code)
		}
	}
	_, ext := errorOf(t, a, `{ movers(year: 2023) { code } }`)
	if fmt.Sprint(ext["loadedYears"]) != "[2023 2024 2025]" {
		t.Errorf("movers 2023 (no 2022): loadedYears %v", ext["loadedYears"])
	}
	var got struct {
		Document struct{ Issues []struct{ Kind string } }
	}
	a.mustQuery(t, `{ document(department: "`+wanli+`", year: 2024) { issues(kind: NARRATIVE_MISMATCH) { kind } } }`, &got)
	if len(got.Document.Issues) == 0 || got.Document.Issues[0].Kind != "narrative_mismatch" {
		t.Errorf("issues(kind: NARRATIVE_MISMATCH) = %+v", got.Document.Issues)
	}
}

// subjectsSearchable: 城管执法 (2120104) is printed by 万里 every year: 6,905,798 元 in 2023 (line
// 471 of its 支出总表).
func subjectsSearchable(t *testing.T, a *api) {
	var got struct {
		Search struct {
			TotalCount int
			Nodes      []struct {
				Kind, Name, SubjectCode, Classification string
				Year                                    int
				Department                              struct{ Name string }
				Source                                  struct{ Line int }
			}
		}
	}
	a.mustQuery(t, `{ search(text: "城管执法") { totalCount nodes { kind name subjectCode classification year
		department { name } source { line } } } }`, &got)
	var hits []string
	for _, n := range got.Search.Nodes {
		hits = append(hits, fmt.Sprintf("%s %s %s %s %d %s line %d", n.Kind, n.Classification, n.SubjectCode, n.Name, n.Year, n.Department.Name, n.Source.Line))
	}
	want := []string{"SUBJECT FUNCTION 2120104 城管执法 2023 " + wanli + " line 471",
		"SUBJECT FUNCTION 2120104 城管执法 2024 " + wanli + " line 461",
		"SUBJECT FUNCTION 2120104 城管执法 2025 " + wanli + " line 420"}
	if strings.Join(hits, "\n") != strings.Join(want, "\n") {
		t.Errorf("search 城管执法:\n%s\nwant\n%s", strings.Join(hits, "\n"), strings.Join(want, "\n"))
	}
}

// rankByTarget: 201 in 2025 is 82,096,797.42 元 at 政府办公室 and 3,296,600 at 万里; 万里's 三公
// fell from 479,100 (2024) to 379,100 (2025) and its 2120101 行政运行 from 18,373,632 (2023) to
// 16,603,248 (2024).
func rankByTarget(t *testing.T, a *api) {
	type mover struct {
		Code       string
		Change     string
		Department struct{ Name string }
		Current    struct{ Yuan string }
		Previous   struct{ Yuan string }
	}
	var got struct {
		Ranking []struct {
			Rank       int
			Department struct{ Name string }
			Amount     struct{ Yuan string }
		}
		Down, Up, Subject []mover
	}
	a.mustQuery(t, `{ ranking(subject: {classification: FUNCTION, code: "201"}, year: 2025) { rank department { name } amount { yuan } }
		down: movers(year: 2025, measure: SANGONG_TOTAL, direction: DECREASE) { code change department { name } current { yuan } previous { yuan } }
		up: movers(year: 2025, measure: SANGONG_TOTAL, direction: INCREASE) { code change department { name } current { yuan } previous { yuan } }
		subject: movers(year: 2024, subject: {classification: FUNCTION, code: "2120101"}) { code change department { name } current { yuan } previous { yuan } } }`, &got)
	var rank []string
	for _, r := range got.Ranking {
		rank = append(rank, fmt.Sprintf("%d %s %s", r.Rank, r.Department.Name, r.Amount.Yuan))
	}
	if g, w := strings.Join(rank, "; "), "1 上海市普陀区人民政府办公室 82096797.42; 2 "+wanli+" 3296600"; g != w {
		t.Errorf("ranking of 201 in 2025 = %s, want %s", g, w)
	}
	show := func(ms []mover) string {
		var s []string
		for _, m := range ms {
			s = append(s, fmt.Sprintf("%s %s %s→%s %s", m.Department.Name, m.Code, m.Previous.Yuan, m.Current.Yuan, m.Change))
		}
		return strings.Join(s, "; ")
	}
	if g, w := show(got.Down), wanli+" SANGONG_TOTAL 479100→379100 -100000"; g != w {
		t.Errorf("三公 decreases 2025 = %s, want %s", g, w)
	}
	if len(got.Up) != 0 {
		t.Errorf("三公 increases 2025 = %s, want none", show(got.Up))
	}
	if g, w := show(got.Subject), wanli+" 2120101 18373632→16603248 -1770384"; g != w {
		t.Errorf("2120101 movers 2024 = %s, want %s", g, w)
	}
}

// figureFilters: 万里 2025's 三公 合计 is one figure, 379,100 元; zengdu's 住房保障支出 221 printed
// "8.2" 万元 was repaired to 8.27, which rounds to the printed precision as 8.3.
func figureFilters(t *testing.T, a *api) {
	type fig struct {
		Table, RowCode, Column string
		Amount                 struct {
			Yuan, WanYuan, Rounded, Printed, Status string
		}
	}
	var got struct {
		W, Z struct {
			TotalCount int
			Nodes      []fig
		}
	}
	a.mustQuery(t, `{ w: figures(filter: {departmentName: "`+wanli+`", year: 2025, table: SANGONG, rowCode: "total", column: "total"}) {
		totalCount nodes { table rowCode column amount { yuan wanYuan rounded: wanYuan(rounded: true) printed status } } }
		z: figures(filter: {departmentName: "曾都区政务服务和大数据管理局", status: REPAIRED}) {
		totalCount nodes { table rowCode column amount { yuan wanYuan rounded: wanYuan(rounded: true) printed status } } } }`, &got)
	if got.W.TotalCount != 1 || len(got.W.Nodes) != 1 || got.W.Nodes[0].Amount.Yuan != "379100" || got.W.Nodes[0].Amount.Rounded != "37.91" {
		t.Errorf("万里 2025 三公 合计 = %+v, want one figure 379100 (37.91 万元)", got.W)
	}
	var z []string
	for _, n := range got.Z.Nodes {
		z = append(z, fmt.Sprintf("%s/%s/%s %s printed %s → %s", n.Table, n.RowCode, n.Column, n.Amount.WanYuan, n.Amount.Printed, n.Amount.Rounded))
	}
	if g, w := strings.Join(z, "; "), "appropriation/221/total 8.27 printed 8.2 → 8.3; sangong/reception/total 0.14 printed 0. 1 → 0.1"; g != w {
		t.Errorf("zengdu repaired figures = %s, want %s", g, w)
	}
}
