package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"

	"budgetql/graph"
	"budgetql/ingest"
	"budgetql/loader/model"
)

// get fetches a path of the server and returns its status, content type and body.
func get(t *testing.T, base, path string) (int, string, []byte) {
	t.Helper()
	resp, err := http.Get(base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Get("Content-Type"), body
}

// TestExportFigures: GET /export/figures.csv streams what `budgetql figures` prints for the same
// documents, byte for byte, filtered by department, year, kind and table.
func TestExportFigures(t *testing.T) {
	_, r := corpusAPI(t)
	srv := newServer(t, r)
	doc, err := ingest.ReadFile(context.Background(), "../testdata/corpus/zengdu-zwfw-budget-2024.txt")
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := model.WriteFiguresCSV(&want, doc.Figures(), true); err != nil {
		t.Fatal(err)
	}
	status, ctype, got := get(t, srv.URL, "/export/figures.csv?department="+url.QueryEscape(zengdu)+"&year=2024&kind=budget")
	if status != 200 || !strings.HasPrefix(ctype, "text/csv") || !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("zengdu 2024 export: %d %s, %d bytes; budgetql figures prints %d bytes", status, ctype, len(got), want.Len())
	}

	_, _, all := get(t, srv.URL, "/export/figures.csv")
	old := *graph.ExportBatch
	*graph.ExportBatch = 700
	_, _, batched := get(t, srv.URL, "/export/figures.csv")
	*graph.ExportBatch = old
	a := &api{srv: srv, reader: r}
	var count struct{ Figures struct{ TotalCount int } }
	a.mustQuery(t, `{ figures { totalCount } }`, &count)
	if rows := bytes.Count(all, []byte("\n")) - 1; rows != count.Figures.TotalCount || rows < 4800 || !bytes.Equal(all, batched) {
		t.Errorf("whole export: %d rows, the corpus has %d figures; in batches of 700 equal: %v", rows, count.Figures.TotalCount, bytes.Equal(all, batched))
	}

	_, _, sangong := get(t, srv.URL, "/export/figures.csv?kind=final&table=sangong")
	lines := strings.Split(strings.TrimSpace(string(sangong)), "\n")
	if len(lines) != 13 || !strings.Contains(lines[1], "putuo-finance-final-2024.pdf,上海市普陀区财政局,2024,final,sangong,total,合计,budget,9500.00,0.95,万元,reported") {
		t.Errorf("final 三公 export: %d lines, first %q", len(lines), lines[min(1, len(lines)-1)])
	}
	exportErrors(t, srv.URL)
	pandasExample(t, srv.URL)
}

// exportErrors: bad parameters are 400, an unknown department 404 with suggestions, as JSON.
func exportErrors(t *testing.T, base string) {
	for path, want := range map[string]struct {
		status int
		code   string
	}{
		"/export/figures.csv?table=nosuch":                          {400, "BAD_USER_INPUT"},
		"/export/figures.csv?year=twenty":                           {400, "BAD_USER_INPUT"},
		"/export/figures.csv?colour=red":                            {400, "BAD_USER_INPUT"},
		"/export/figures.csv?department=" + url.QueryEscape("万里街道"): {404, "NOT_FOUND"},
	} {
		status, _, body := get(t, base, path)
		var out struct {
			Errors []struct {
				Message    string
				Extensions map[string]any
			}
		}
		if err := json.Unmarshal(body, &out); err != nil || status != want.status || len(out.Errors) != 1 ||
			out.Errors[0].Extensions["code"] != want.code {
			t.Errorf("%s: %d %s, want %d %s", path, status, body, want.status, want.code)
			continue
		}
		checkMessage(t, out.Errors[0].Message)
		if want.status == 404 && !strings.Contains(string(body), wanli) {
			t.Errorf("%s: %s does not suggest %s", path, body, wanli)
		}
	}
}

// pandasExample runs graph/examples/figures_pandas.py against the server: pandas.read_csv reads
// the export, and 万里's 三公 comes out as printed (22.91, 47.91, 37.91 万元).
func pandasExample(t *testing.T, base string) {
	python := ""
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(p, "-c", "import pandas").Run() == nil {
			python = p
			break
		}
	}
	if python == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("no python3 with pandas (scripts/setup installs python3-pandas)")
		}
		t.Skip("no python3 with pandas; scripts/setup installs python3-pandas")
	}
	out, err := exec.Command(python, "examples/figures_pandas.py", base).CombinedOutput()
	if err != nil {
		t.Fatalf("figures_pandas.py: %v\n%s", err, out)
	}
	if got, want := strings.TrimSpace(string(out)), "2023 22.91 万元\n2024 47.91 万元\n2025 37.91 万元"; got != want {
		t.Errorf("figures_pandas.py printed\n%s\nwant\n%s", got, want)
	}
}
