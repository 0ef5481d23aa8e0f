package graph_test

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"budgetql/db"
	"budgetql/db/dbtest"
	"budgetql/graph"
	"budgetql/ingest"
	"budgetql/loader/model"

	"github.com/jmoiron/sqlx"
)

// BenchmarkAPIQueryBook runs every query-book query at 1 and 16 concurrent clients over the
// corpus replicated to BUDGETQL_API_BENCH_DOCS (default 2004) department-years, and times the SQL
// each request sends, replayed directly. It measures its own latencies (run it with -benchtime 1x,
// as make bench-api does) and writes a Markdown table to BUDGETQL_API_BENCH_OUT (default
// api-bench.md in the temp dir).
func BenchmarkAPIQueryBook(b *testing.B) {
	for b.Loop() {
		apiQueryBookBench(b)
	}
}

func apiQueryBookBench(t testing.TB) {
	docs := 2004
	if n, err := strconv.Atoi(os.Getenv("BUDGETQL_API_BENCH_DOCS")); err == nil && n > 0 {
		docs = n
	}
	if os.Getenv("GOGC") == "" { // as budgetql serve runs
		defer debug.SetGCPercent(debug.SetGCPercent(graph.DefaultGCPercent))
	}
	r, direct, depYears := replicatedAPI(t, docs)
	srv := httptest.NewServer(graph.NewHandler(r, graph.Config{}))
	defer srv.Close()
	a := &api{srv: srv, reader: r}
	files, _ := filepath.Glob(filepath.Join(cmp.Or(os.Getenv("BUDGETQL_API_BENCH_QUERIES"), "../testdata/querybook"), "*.graphql"))
	var out strings.Builder
	fmt.Fprintf(&out, "%d department-years (%d departments). Latency in ms.\n\n", depYears.docs, depYears.depts)
	out.WriteString("| query | SQL stmts | c=1 p50 | c=1 p99 | c=16 p50 | c=16 p99 | c=16 req/s | Go CPU/req | SQL prepared p50 | API/SQL | SQL as text p50 | API/SQL text |\n")
	out.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	only := os.Getenv("BUDGETQL_API_BENCH_ONLY") // substring of the file names to run
	for _, f := range files {
		if !strings.Contains(filepath.Base(f), only) {
			continue
		}
		q, _ := os.ReadFile(f)
		row := benchQuery(t, a, direct, string(q))
		c1 := row.c1[len(row.c1)/2]
		prep, text := row.sql[len(row.sql)/2], row.sqlText[len(row.sqlText)/2]
		fmt.Fprintf(&out, "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.0f | %.1f | %.2f | %.2f | %.2f | %.2f |\n",
			strings.TrimSuffix(filepath.Base(f), ".graphql"), row.stmts, ms(c1), ms(pct(row.c1, 99)),
			ms(row.c16[len(row.c16)/2]), ms(pct(row.c16, 99)), row.rps, ms(row.cpu),
			ms(prep), float64(c1)/float64(prep), ms(text), float64(c1)/float64(text))
	}
	path := os.Getenv("BUDGETQL_API_BENCH_OUT")
	if path == "" {
		path = filepath.Join(os.TempDir(), "api-bench.md")
	}
	os.WriteFile(path, []byte(out.String()), 0o644)
	t.Logf("written to %s\n%s", path, out.String())
}

// stmt is a statement a request sent, with its arguments.
type stmt struct {
	query string
	args  []any
}

type benchRow struct {
	stmts        int
	c1, c16, sql []time.Duration
	sqlText      []time.Duration // replayed unprepared
	rps          float64
	cpu          time.Duration // this process's CPU time per request at 16 clients (server and client)
}

// benchQuery measures one query: the statements of one request, 100 sequential requests, 16
// clients × 50 requests (after one untimed round), and 50 direct replays of the request's
// statements, prepared and as text.
func benchQuery(t testing.TB, a *api, direct *sqlx.DB, q string) benchRow {
	var mu sync.Mutex
	var stmts []stmt
	a.reader.OnStatement = func(query string, args []any) {
		mu.Lock()
		stmts = append(stmts, stmt{query, args})
		mu.Unlock()
	}
	if _, resp := a.post(t, map[string]any{"query": q}); len(resp.Errors) > 0 || len(resp.Data) < 3 {
		t.Fatalf("errors: %+v", resp.Errors)
	}
	a.reader.OnStatement = nil
	row := benchRow{stmts: len(stmts)}
	for i := 0; i < 100; i++ {
		row.c1 = append(row.c1, timed(t, a, q))
	}
	concurrently(16, 1, func() { timed(t, a, q) }) // warm-up: every pooled connection prepares the statements
	start, cpu0 := time.Now(), processCPU(t)
	concurrently(16, 50, func() {
		d := timed(t, a, q)
		mu.Lock()
		row.c16 = append(row.c16, d)
		mu.Unlock()
	})
	row.rps = float64(len(row.c16)) / time.Since(start).Seconds()
	row.cpu = (processCPU(t) - cpu0) / time.Duration(len(row.c16))
	// Replays: each statement prepared once, as the API's reader prepares it; and sent as text
	// with its arguments, planned on every execution, as a client without prepared statements.
	prepStmts := map[string]*sqlx.Stmt{}
	defer func() {
		for _, st := range prepStmts {
			st.Close()
		}
	}()
	row.sql = replay(t, stmts, func(q string, args []any) (*sql.Rows, error) {
		st := prepStmts[q]
		if st == nil {
			var err error
			if st, err = direct.Preparex(q); err != nil {
				return nil, err
			}
			prepStmts[q] = st
		}
		return st.Query(args...)
	})
	row.sqlText = replay(t, stmts, func(q string, args []any) (*sql.Rows, error) { return direct.Query(q, args...) })
	for _, l := range [][]time.Duration{row.c1, row.c16, row.sql, row.sqlText} {
		sort.Slice(l, func(i, j int) bool { return l[i] < l[j] })
	}
	return row
}

// replay times 50 runs of a request's statements through run, reading every row.
func replay(t testing.TB, stmts []stmt, run func(q string, args []any) (*sql.Rows, error)) []time.Duration {
	var out []time.Duration
	for i := 0; i < 50; i++ {
		s := time.Now()
		for _, st := range stmts {
			rows, err := run(st.query, st.args)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
			}
			rows.Close()
		}
		out = append(out, time.Since(s))
	}
	return out
}

// concurrently runs f n times in each of clients goroutines and waits for them.
func concurrently(clients, n int, f func()) {
	var wg sync.WaitGroup
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < n; i++ {
				f()
			}
		}()
	}
	wg.Wait()
}

// timed sends a query and times it to the last byte of the answer. It checks the answer the
// cheap way, so the client takes little of the CPU it shares with the server: status 200 and a
// body that opens with "data" (gqlgen writes "errors" first when there are any).
func timed(t testing.TB, a *api, q string) time.Duration {
	body, _ := json.Marshal(map[string]any{"query": q})
	s := time.Now()
	resp, err := http.Post(a.srv.URL+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	d := time.Since(s)
	if err != nil || resp.StatusCode != http.StatusOK || !bytes.HasPrefix(raw, []byte(`{"data":{`)) {
		t.Fatalf("status %d, error %v: %.300s", resp.StatusCode, err, raw)
	}
	return d
}

// processCPU is the user and system CPU time this process has used.
func processCPU(t testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func pct(sorted []time.Duration, p int) time.Duration {
	i := (len(sorted)*p + 99) / 100
	if i >= len(sorted) {
		i = len(sorted) - 1
	}
	return sorted[i]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

type counts struct{ docs, depts int }

// replicatedAPI stores the corpus replicated to n documents: replica k renames every department
// with the suffix 分部k, so each replica keeps its own years and year-over-year pairs.
func replicatedAPI(t testing.TB, n int) (*db.Reader, *sqlx.DB, counts) {
	ctx := context.Background()
	if url := os.Getenv("BUDGETQL_API_BENCH_URL"); url != "" {
		return benchReaders(t, ctx, url)
	}
	d, url := dbtest.NewURL(t)
	files, _, err := ingest.CollectFiles([]string{"../testdata/corpus"})
	if err != nil {
		t.Fatal(err)
	}
	var parsed []*model.Document
	for _, f := range files {
		if doc, err := ingest.ReadFile(ctx, f); err == nil {
			parsed = append(parsed, doc)
		}
	}
	var docs []*model.Document
	for k := 0; len(docs) < n; k++ {
		for _, p := range parsed {
			c := *p
			if k > 0 {
				c.Department = fmt.Sprintf("%s分部%04d", p.Department, k)
				c.File = fmt.Sprintf("replica-%04d-%s", k, p.File)
				c.SHA256 = fmt.Sprintf("%s-%04d", p.SHA256, k)
			}
			docs = append(docs, &c)
		}
	}
	st := &db.Store{DB: d}
	start := time.Now()
	jobs := make(chan *model.Document)
	var wg sync.WaitGroup
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for doc := range jobs {
				if _, err := st.StoreDocument(ctx, doc); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	for _, doc := range docs {
		jobs <- doc
	}
	close(jobs)
	wg.Wait()
	if _, err := d.Exec("VACUUM ANALYZE"); err != nil {
		t.Fatal(err)
	}
	t.Logf("stored in %s", time.Since(start).Round(time.Second))
	return benchReaders(t, ctx, url)
}

// benchReaders opens the API's reader and the direct-SQL pool on a loaded database.
func benchReaders(t testing.TB, ctx context.Context, url string) (*db.Reader, *sqlx.DB, counts) {
	r, err := db.OpenReader(ctx, url, db.ReaderConfig{Role: db.ReaderRole, StatementTimeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	direct, err := db.OpenReader(ctx, url, db.ReaderConfig{Role: db.ReaderRole, StatementTimeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { direct.Close() })
	var c counts
	direct.DB.Get(&c.docs, "SELECT count(*) FROM document")
	direct.DB.Get(&c.depts, "SELECT count(*) FROM department")
	return r, direct.DB, c
}
