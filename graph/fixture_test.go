package graph_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"budgetql/db"
	"budgetql/db/dbtest"
	"budgetql/graph"
	"budgetql/loader/model"

	"github.com/shopspring/decimal"
)

// api is a real HTTP server over a fresh database.
type api struct {
	srv    *httptest.Server
	reader *db.Reader
	store  *db.Store
}

// newAPI migrates a fresh database, stores docs with the store's write path and serves the API
// through the read-only role.
func newAPI(t *testing.T, cfg graph.Config, docs ...*model.Document) *api {
	t.Helper()
	d, url := dbtest.NewURL(t)
	st := &db.Store{DB: d}
	ctx := context.Background()
	for _, doc := range docs {
		if _, err := st.StoreDocument(ctx, doc); err != nil {
			t.Fatalf("store %s: %v", doc.File, err)
		}
	}
	r, err := db.OpenReader(ctx, url, db.ReaderConfig{Role: db.ReaderRole, StatementTimeout: 5 * time.Second, MaxConns: 4})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	srv := httptest.NewServer(graph.NewHandler(r, cfg))
	t.Cleanup(srv.Close)
	return &api{srv: srv, reader: r, store: st}
}

// gqlResponse is a GraphQL response with raw data.
type gqlResponse struct {
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

// post sends a query and returns the HTTP status and the decoded response.
func (a *api) post(t testing.TB, body any) (int, gqlResponse) {
	t.Helper()
	b, _ := json.Marshal(body)
	resp, err := http.Post(a.srv.URL+"/graphql", "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out gqlResponse
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("response %d is not JSON: %s", resp.StatusCode, raw)
	}
	return resp.StatusCode, out
}

// mustQuery runs a query that must succeed and decodes its data into dst.
func (a *api) mustQuery(t *testing.T, query string, dst any) {
	t.Helper()
	_, resp := a.post(t, map[string]any{"query": query})
	if len(resp.Errors) > 0 {
		t.Fatalf("query failed: %+v", resp.Errors)
	}
	if err := json.Unmarshal(resp.Data, dst); err != nil {
		t.Fatal(err)
	}
}

// errorCode runs a query that must fail and returns its first error's extensions.code.
func (a *api) errorCode(t *testing.T, body any) string {
	t.Helper()
	_, resp := a.post(t, body)
	if len(resp.Errors) == 0 {
		t.Fatalf("query succeeded, want an error: %s", resp.Data)
	}
	code, _ := resp.Errors[0].Extensions["code"].(string)
	return code
}

func wan(s string) model.Amount {
	d := decimal.RequireFromString(s)
	return model.Amount{Yuan: d.Mul(decimal.NewFromInt(10000)), Printed: s, Unit: model.TenThous, Status: model.StatusReported}
}

func ptrAmount(a model.Amount) *model.Amount { return &a }

func row(code, name string, level, line int, cells ...model.Cell) *model.Row {
	return &model.Row{Code: code, Name: name, Level: level, Cells: cells,
		Source: model.Source{Page: 2, Line: line, Text: fmt.Sprintf("%s %s", code, name)}}
}

func cellOf(col, printed string) model.Cell { return model.Cell{Column: col, Amount: wan(printed)} }

// spec describes a synthetic department-year.
type spec struct {
	dept, region   string
	year           int
	total, sangong string // 万元
	statedPrev     string // narrative stated previous income total, 万元 ("" for none)
	projectName    string
	project        string // amount of project 42130323016Y000000001, 万元 ("" for 10.00)
	general        string // 201 total, 万元
	subjectName    string // name printed for 2010301
}

// fakeDoc builds a small but complete document: summary, function table with a three-level
// tree, 三公, a project, a target and a narrative figure stating last year.
func fakeDoc(s spec) *model.Document {
	src := model.Source{Page: 1, Line: 10, Text: "收入总计 " + s.total}
	name := s.subjectName
	if name == "" {
		name = "行政运行"
	}
	project := s.project
	if project == "" {
		project = "10.00"
	}
	doc := &model.Document{File: fmt.Sprintf("%s-%d.txt", s.dept, s.year), Format: model.FormatLayout,
		Department: s.dept, Region: model.Region{Name: s.region}, Year: s.year, Kind: model.KindBudget,
		Scope: model.ScopeDepartment, Pages: 3, Lines: 100,
		Tables: []*model.Table{
			{ID: model.TableSummary, Title: "收支总表", Unit: model.TenThous, Rows: []*model.Row{
				row(model.RowIncomeTotal, "收入总计", 0, 10, cellOf("total", s.total)),
				row(model.RowExpenditureTotal, "支出总计", 0, 11, cellOf("total", s.total)),
			}},
			{ID: model.TableExpenditure, Title: "支出总表", Unit: model.TenThous, Rows: []*model.Row{
				row("201", "一般公共服务支出", 1, 20, cellOf("total", s.general), cellOf("basic", s.general), cellOf("project", "0")),
				row("20103", "政府办公厅（室）及相关机构事务", 2, 21, cellOf("total", s.general)),
				row("2010301", name, 3, 22, cellOf("total", s.general)),
			}},
			{ID: model.TableSangong, Title: "三公经费", Unit: model.TenThous, Rows: []*model.Row{
				row("total", "合计", 0, 30, cellOf("total", s.sangong)),
				row("reception", "公务接待费", 0, 31, cellOf("total", s.sangong)),
			}},
		},
		Projects: []model.Project{{Code: fmt.Sprintf("42130323016Y%09d", 1), Name: s.projectName,
			Category: "22 其他运转类", Amount: wan(project), Source: model.Source{Page: 3, Line: 40, Text: s.projectName + " " + project}}},
		Targets: []model.Target{{ProjectCode: "42130323016Y000000001", ProjectName: s.projectName,
			Level1: "产出指标", Level2: "数量指标", Level3: "组织" + s.projectName + "学习", Operator: "≥", Value: "2",
			MeasureUnit: "次", Source: model.Source{Page: 3, Line: 50, Text: "组织学习 ≥2次"}}},
	}
	if s.statedPrev != "" {
		doc.Narrative = []model.NarrativeFigure{{Key: model.RowIncomeTotal, Name: "收入总计", Value: wan(s.total),
			StatedPrevious: ptrAmount(wan(s.statedPrev)), Basis: "上年", Direction: "increase", Source: src}}
	}
	h := sha256.Sum256([]byte(doc.File))
	doc.SHA256 = hex.EncodeToString(h[:])
	return doc
}
