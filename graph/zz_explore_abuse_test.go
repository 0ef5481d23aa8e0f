package graph_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"budgetql/graph"
)

func TestZZExploreAbuse(t *testing.T) {
	a := newAPI(t, graph.Config{}, twoYears()...)
	deep := strings.Repeat("documents { department { ", 25) + "name" + strings.Repeat(" } }", 25)
	var al1, al2, intro, ops strings.Builder
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&al1, "a%d: departments(first: 1) { totalCount } ", i)
		fmt.Fprintf(&al2, "a%d: __typename ", i)
	}
	for i := 0; i < 100; i++ {
		fmt.Fprintf(&intro, "i%d: __schema { types { name fields { name type { name ofType { name ofType { name } } } } } } ", i)
		fmt.Fprintf(&ops, "query q%d { departments { totalCount } } ", i)
	}
	batch := make([]any, 100)
	for i := range batch {
		batch[i] = map[string]any{"query": "{ departments { totalCount } }"}
	}
	bodies := map[string]any{
		"depth50":     map[string]any{"query": "{ departments { nodes { " + deep + " } } }"},
		"alias1000":   map[string]any{"query": "{ " + al1.String() + "}"},
		"alias1000tn": map[string]any{"query": "{ " + al2.String() + "}"},
		"first1e6":    map[string]any{"query": "{ departments(first: 1000000) { totalCount } }"},
		"first1e6f":   map[string]any{"query": "{ figures(first: 1000000) { totalCount } }"},
		"rank1e6":     map[string]any{"query": "{ ranking(measure: SANGONG_TOTAL, year: 2024, first: 1000000) { rank } }"},
		"vars8mb":     map[string]any{"query": "query($n: String) { departments(name: $n) { totalCount } }", "variables": map[string]any{"n": strings.Repeat("部", 3<<20)}},
		"batch100":    batch,
		"ops100":      map[string]any{"query": ops.String()},
		"intro100":    map[string]any{"query": "{ " + intro.String() + "}"},
	}
	for name, b := range bodies {
		status, resp := a.post(t, b)
		t.Logf("%s: status %d errors %.300v", name, status, resp.Errors)
	}
	// chunked variables
	big := `{"query":"query($n: String) { departments(name: $n) { totalCount } }","variables":{"n":"` + strings.Repeat("x", 8<<20) + `"}}`
	req, _ := http.NewRequest("POST", a.srv.URL+"/graphql", io.MultiReader(strings.NewReader(big)))
	req.Header.Set("Content-Type", "application/json")
	req.ContentLength = -1
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Log(err)
	} else {
		raw, _ := io.ReadAll(resp.Body)
		t.Logf("chunked: %d %.300s", resp.StatusCode, raw)
	}
	_ = bytes.MinRead
	resp2, err := http.Get(a.srv.URL + "/graphql?query=" + strings.Repeat("a", 2<<20))
	if err != nil {
		t.Log(err)
	} else {
		raw, _ := io.ReadAll(resp2.Body)
		t.Logf("get 2MB: %d %.300s", resp2.StatusCode, raw)
	}
}
