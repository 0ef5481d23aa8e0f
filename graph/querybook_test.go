package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"budgetql/db"
	"budgetql/db/dbtest"
	"budgetql/graph"
	"budgetql/ingest"
	"budgetql/loader/model"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/querybook/*.json from the server's answers")

// corpusAPI loads the whole corpus with the store's Load, then stores extra documents, and
// serves it.
func corpusAPI(t testing.TB, extra ...*model.Document) (string, *db.Reader) {
	t.Helper()
	d, url := dbtest.NewURL(t)
	ctx := context.Background()
	sum, err := ingest.Load(ctx, &db.Store{DB: d}, []string{"../testdata/corpus"}, ingest.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Failed) > 0 || len(sum.Loaded) != 6 {
		t.Fatalf("corpus load: %d loaded, failed %+v", len(sum.Loaded), sum.Failed)
	}
	for _, doc := range extra {
		if _, err := (&db.Store{DB: d}).StoreDocument(ctx, doc); err != nil {
			t.Fatal(err)
		}
	}
	r, err := db.OpenReader(ctx, url, db.ReaderConfig{Role: db.ReaderRole, StatementTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return url, r
}

// TestQueryBook runs every question of QUERIES.md (testdata/querybook/NN-name.graphql) against a
// real server over the loaded corpus and compares the answer with NN-name.json.
func TestQueryBook(t *testing.T) {
	files, _ := filepath.Glob("../testdata/querybook/*.graphql")
	if len(files) != 23 {
		t.Fatalf("%d query-book files, want 23", len(files))
	}
	_, r := corpusAPI(t)
	a := &api{srv: newServer(t, r), reader: r}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".graphql")
		t.Run(name, func(t *testing.T) {
			q, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			_, resp := a.post(t, map[string]any{"query": string(q)})
			if len(resp.Errors) > 0 {
				t.Fatalf("errors: %+v", resp.Errors)
			}
			got := canonical(t, resp.Data)
			golden := strings.TrimSuffix(f, ".graphql") + ".json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./graph -run TestQueryBook -update)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s differs (-want +got):\n%s", filepath.Base(golden), diff)
			}
		})
	}
	t.Run("checks-filtered-and-all", func(t *testing.T) { checksFilteredAndAll(t, a) })
}

// checksFilteredAndAll asks for a document's checks unfiltered and by result in one request: each
// filtered list is the unfiltered one's checks of that result, in the same order.
func checksFilteredAndAll(t *testing.T, a *api) {
	type check struct{ CheckID, Result string }
	var got struct {
		Document struct{ All, Pass, Rounding, Repaired []check }
	}
	a.mustQuery(t, `{ document(department: "曾都区政务服务和大数据管理局", year: 2024) {
		all: checks { checkId result } pass: checks(result: PASS) { checkId result }
		rounding: checks(result: ROUNDING) { checkId result } repaired: checks(result: REPAIRED) { checkId result } } }`, &got)
	d := got.Document
	byResult := map[string][]check{}
	for _, c := range d.All {
		byResult[c.Result] = append(byResult[c.Result], c)
	}
	for name, list := range map[string][]check{"pass": d.Pass, "rounding": d.Rounding, "repaired": d.Repaired} {
		if fmt.Sprint(list) != fmt.Sprint(byResult[name]) {
			t.Errorf("checks(result: %q) = %d checks, want the %d of the unfiltered list", name, len(list), len(byResult[name]))
		}
	}
	if len(d.Rounding) != 14 || len(d.Repaired) != 4 || len(d.Pass) < 200 {
		t.Errorf("checks: %d all, %d pass, %d rounding, %d repaired; want 14 rounding, 4 repaired, over 200 pass",
			len(d.All), len(d.Pass), len(d.Rounding), len(d.Repaired))
	}
}

// canonical indents the data and masks ids and cursors, which depend on load order.
func canonical(t *testing.T, data json.RawMessage) []byte {
	t.Helper()
	var v any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	v = mask(v)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(map[string]any{"data": v}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func mask(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			switch k {
			case "id", "cursor", "startCursor", "endCursor":
				if e != nil {
					x[k] = "<opaque>"
				}
			default:
				x[k] = mask(e)
			}
		}
	case []any:
		for i := range x {
			x[i] = mask(x[i])
		}
	}
	return v
}

func newServer(t testing.TB, r *db.Reader) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(graph.NewHandler(r, graph.Config{}))
	t.Cleanup(s.Close)
	return s
}

// TestFiguresMatchCLI checks that a document's figures connection pages through the same rows,
// in the same order and with the same amounts, as `budgetql figures` prints for the file.
func TestFiguresMatchCLI(t *testing.T) {
	_, r := corpusAPI(t)
	a := &api{srv: newServer(t, r), reader: r}
	doc, err := ingest.ReadFile(context.Background(), "../testdata/corpus/zengdu-zwfw-budget-2024.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := doc.Figures()
	var got []string
	after := ""
	for {
		var page struct {
			Document struct {
				Figures struct {
					TotalCount int
					PageInfo   struct {
						HasNextPage bool
						EndCursor   string
					}
					Nodes []struct {
						Table, RowCode, Column string
						Amount                 struct{ Yuan *string }
					}
				}
			}
		}
		a.mustQuery(t, fmt.Sprintf(`{ document(department: %q, year: 2024) { figures(first: 100, after: %q) {
			totalCount pageInfo { hasNextPage endCursor } nodes { table rowCode column amount { yuan } } } } }`,
			doc.Department, after), &page)
		f := page.Document.Figures
		if f.TotalCount != len(want) {
			t.Fatalf("totalCount %d, budgetql figures prints %d rows", f.TotalCount, len(want))
		}
		for _, n := range f.Nodes {
			y := ""
			if n.Amount.Yuan != nil {
				y = *n.Amount.Yuan
			}
			got = append(got, n.Table+"|"+n.RowCode+"|"+n.Column+"|"+y)
		}
		if !f.PageInfo.HasNextPage {
			break
		}
		after = f.PageInfo.EndCursor
	}
	for i, w := range want {
		y := ""
		if !w.Blank {
			y = w.Yuan.String()
		}
		if i >= len(got) || got[i] != string(w.Table)+"|"+w.RowCode+"|"+w.Column+"|"+y {
			t.Fatalf("row %d: API %q, budgetql figures %s|%s|%s|%s", i, got[min(i, len(got)-1)], w.Table, w.RowCode, w.Column, y)
		}
	}
}
