package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"budgetql/db"
	"budgetql/db/dbtest"
	"budgetql/graph"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/querybook/*.json from the server's answers")

// corpusAPI loads the whole corpus with the store's Load and serves it.
func corpusAPI(t testing.TB) (string, *db.Reader) {
	t.Helper()
	d, url := dbtest.NewURL(t)
	ctx := context.Background()
	sum, err := (&db.Store{DB: d}).Load(ctx, []string{"../testdata/corpus"}, db.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Failed) > 0 || len(sum.Loaded) != 6 {
		t.Fatalf("corpus load: %d loaded, failed %+v", len(sum.Loaded), sum.Failed)
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
	if len(files) != 20 {
		t.Fatalf("%d query-book files, want 20", len(files))
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
