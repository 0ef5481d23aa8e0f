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
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"budgetql/graph"
	"budgetql/loader/model"
)

// variant is the 2024 budget of 曾都区测试局 as file name, with income total (万元) and, when
// extra, one more project (so its figure count differs too).
func variant(file, total string, extra bool) *model.Document {
	doc := fakeDoc(spec{dept: "曾都区测试局", region: "曾都区", year: 2024, total: total, sangong: "0.50", general: "90.00", projectName: "12345热线运行"})
	h := sha256.Sum256([]byte(file + total))
	doc.File, doc.SHA256 = file, hex.EncodeToString(h[:])
	if extra {
		doc.Tables[0].Rows = append(doc.Tables[0].Rows, row("carry_in", "上年结转", 0, 12, cellOf("total", "1.00")))
	}
	return doc
}

// versionedPost sends a query with an optional Dataset-Version header and returns the status,
// data and extensions.
func versionedPost(t testing.TB, base, query, version string) (int, json.RawMessage, map[string]any, []map[string]any) {
	t.Helper()
	b, _ := json.Marshal(map[string]any{"query": query})
	req, _ := http.NewRequest(http.MethodPost, base+"/graphql", bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	if version != "" {
		req.Header.Set(graph.VersionHeader, version)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out struct {
		Data       json.RawMessage  `json:"data"`
		Extensions map[string]any   `json:"extensions"`
		Errors     []map[string]any `json:"errors"`
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("%d %s", resp.StatusCode, raw)
	}
	return resp.StatusCode, out.Data, out.Extensions, out.Errors
}

// TestDatasetVersionCitable: every answer names its dataset version; after a replacing load the
// superseded figures are read again by pinning the version (header or URL), and the newest
// answers by default. A version that does not exist is a BAD_USER_INPUT.
func TestDatasetVersionCitable(t *testing.T) {
	a := newAPI(t, graph.Config{}, twoYears()[0], variant("a.txt", "120.00", false))
	const q = `{ document(department: "曾都区测试局", year: 2024) { fileName amount(measure: INCOME_TOTAL) { yuan } } }`
	_, data, ext, _ := versionedPost(t, a.srv.URL, q, "")
	if ext["datasetVersion"] != float64(2) || !strings.Contains(string(data), `"a.txt"`) {
		t.Fatalf("before the replacement: %s %v", data, ext)
	}
	if _, err := a.store.StoreDocument(context.Background(), variant("b.txt", "150.00", false)); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"": `"b.txt","amount":{"yuan":"1500000"}`, "3": `"b.txt","amount":{"yuan":"1500000"}`,
		"2": `"a.txt","amount":{"yuan":"1200000"}`, "1": `"document":null`}
	for pin, w := range want {
		_, data, ext, errs := versionedPost(t, a.srv.URL, q, pin)
		wantVersion := pin
		if pin == "" {
			wantVersion = "3"
		}
		if !strings.Contains(string(data), w) || fmt.Sprint(ext["datasetVersion"]) != wantVersion {
			t.Errorf("version %q: %s %v %v; want %s at version %s", pin, data, ext, errs, w, wantVersion)
		}
	}
	resp, err := http.Get(a.srv.URL + "/graphql?version=2&query=" + url.QueryEscape(q))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(raw), `"a.txt"`) || !strings.Contains(string(raw), `"datasetVersion":2`) {
		t.Errorf("GET ?version=2: %s", raw)
	}
	const hq = `{ document(department: "曾都区测试局", year: 2024) { loadedInVersion supersededInVersion
		versions { fileName loadedInVersion supersededInVersion } } }`
	history := map[string]string{
		"": `{"document":{"loadedInVersion":3,"supersededInVersion":null,"versions":[` +
			`{"fileName":"a.txt","loadedInVersion":2,"supersededInVersion":3},{"fileName":"b.txt","loadedInVersion":3,"supersededInVersion":null}]}}`,
		"2": `{"document":{"loadedInVersion":2,"supersededInVersion":null,"versions":[` +
			`{"fileName":"a.txt","loadedInVersion":2,"supersededInVersion":null}]}}`,
	}
	for pin, w := range history {
		if _, data, _, errs := versionedPost(t, a.srv.URL, hq, pin); string(data) != w {
			t.Errorf("versions at %q: %s %v, want %s", pin, data, errs, w)
		}
	}
	for _, bad := range []string{"4", "-1", "x"} {
		_, _, _, errs := versionedPost(t, a.srv.URL, q, bad)
		if len(errs) == 0 || errs[0]["extensions"].(map[string]any)["code"] != "BAD_USER_INPUT" {
			t.Errorf("version %q: errors %v, want BAD_USER_INPUT", bad, errs)
		}
	}
}

// tornQuery reads one document four ways; in one dataset version they agree.
const tornQuery = `{ document(department: "曾都区测试局", year: 2024) { fileName amount(measure: INCOME_TOTAL) { yuan }
	figures(first: 100) { totalCount } checks { result } }
  department(name: "曾都区测试局") { documents { year fileName } }
  ranking(measure: INCOME_TOTAL, year: 2024) { amount { yuan } } }`

type tornAnswer struct {
	Document struct {
		FileName string
		Amount   struct{ Yuan string }
		Figures  struct{ TotalCount int }
	}
	Department struct {
		Documents []struct {
			Year     int
			FileName string
		}
	}
	Ranking []struct{ Amount struct{ Yuan string } }
}

// torn says what is inconsistent in an answer, "" when nothing is: each file's income and
// figure count, and the same file in the department's documents and the same amount ranked.
func torn(a tornAnswer, figures map[string]int) string {
	income := map[string]string{"a.txt": "1200000", "b.txt": "1500000"}
	d := a.Document
	var doc2024 []string
	for _, x := range a.Department.Documents {
		if x.Year == 2024 {
			doc2024 = append(doc2024, x.FileName)
		}
	}
	switch {
	case income[d.FileName] == "" || d.Amount.Yuan != income[d.FileName]:
		return fmt.Sprintf("%s with income %s", d.FileName, d.Amount.Yuan)
	case d.Figures.TotalCount != figures[d.FileName]:
		return fmt.Sprintf("%s with %d figures", d.FileName, d.Figures.TotalCount)
	case len(doc2024) != 1 || doc2024[0] != d.FileName:
		return fmt.Sprintf("document %s, department's 2024 documents %v", d.FileName, doc2024)
	case len(a.Ranking) != 1 || a.Ranking[0].Amount.Yuan != d.Amount.Yuan:
		return fmt.Sprintf("%s with income %s ranked %+v", d.FileName, d.Amount.Yuan, a.Ranking)
	}
	return ""
}

// TestNoTornReadsDuringLoads: one writer replaces the 2024 document over and over, alternating
// two files of different income and figure counts (a new dataset version each time), while 4
// clients read it four ways in one request. Every answer must agree with itself.
func TestNoTornReadsDuringLoads(t *testing.T) {
	a := newAPI(t, graph.Config{}, twoYears()[0], variant("a.txt", "120.00", false))
	figures := map[string]int{"a.txt": 9, "b.txt": 10}
	loads := 150
	if testing.Short() {
		loads = 50
	}
	done := make(chan struct{})
	var loadErr error
	go func() {
		defer close(done)
		for i := 0; i < loads; i++ {
			doc := variant("b.txt", "150.00", true)
			if i%2 == 1 {
				doc = variant("a.txt", "120.00", false)
			}
			a.store.ReplaceWorse = true
			if _, err := a.store.StoreDocument(context.Background(), doc); err != nil {
				loadErr = err
				return
			}
		}
	}()
	var answers, tornN, failed atomic.Int64
	var mu sync.Mutex
	var examples []string
	var wg sync.WaitGroup
	for c := 0; c < 4; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				status, data, _, errs := versionedPost(t, a.srv.URL, tornQuery, "")
				var ans tornAnswer
				if status != 200 || len(errs) > 0 || json.Unmarshal(data, &ans) != nil {
					if failed.Add(1) == 1 {
						t.Logf("failed answer: %d %s %v", status, data, errs)
					}
					continue
				}
				answers.Add(1)
				if why := torn(ans, figures); why != "" {
					tornN.Add(1)
					mu.Lock()
					if len(examples) < 5 {
						examples = append(examples, why)
					}
					mu.Unlock()
				}
			}
		}()
	}
	start := time.Now()
	wg.Wait()
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	t.Logf("%d replacing loads in %v; %d answers, %d torn, %d failed", loads, time.Since(start).Round(time.Millisecond),
		answers.Load(), tornN.Load(), failed.Load())
	if tornN.Load() > 0 || failed.Load() > 0 || answers.Load() < 20 {
		t.Errorf("%d torn answers (%v), %d failed, of %d", tornN.Load(), examples, failed.Load(), answers.Load())
	}
}
