package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"budgetql/db/dbtest"
)

// querybook reads every testdata/querybook/*.graphql.
func querybook(t *testing.T) (names, queries []string) {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "querybook", "*.graphql"))
	sort.Strings(paths)
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, filepath.Base(p))
		queries = append(queries, string(data))
	}
	if len(queries) == 0 {
		t.Fatal("testdata/querybook holds no .graphql query")
	}
	return names, queries
}

// loadStats is what the clients saw.
type loadStats struct {
	mu        sync.Mutex
	lat       []time.Duration
	requests  atomic.Int64
	errors    atomic.Int64
	first     []atomic.Pointer[[]byte] // the first answer of each query; later ones must equal it
	firstErrs []string
}

func (s *loadStats) fail(format string) {
	if s.errors.Add(1) <= 5 {
		s.mu.Lock()
		s.firstErrs = append(s.firstErrs, format)
		s.mu.Unlock()
	}
}

// loadDuration is BUDGETQL_LOAD_DURATION, 60s by default and 10s under -short.
func loadDuration(t *testing.T) time.Duration {
	if v := os.Getenv("BUDGETQL_LOAD_DURATION"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	if testing.Short() {
		return 10 * time.Second
	}
	return 60 * time.Second
}

// TestLoad32Clients runs 32 clients for BUDGETQL_LOAD_DURATION (60 s) over the query book
// against `budgetql serve` on the loaded corpus: every answer is HTTP 200 without errors and
// equal to the first answer of the same query; serve's peak RSS (VmHWM) is reported, and its
// RSS in the last quarter must stay under 1.5× that of the first quarter plus 32 MiB.
func TestLoad32Clients(t *testing.T) {
	_, url := dbtest.NewURL(t)
	var out bytes.Buffer
	if err := run(context.Background(), []string{"load", corpus}, &out, &out, envWith("DATABASE_URL", url)); err != nil {
		t.Fatalf("load corpus: %v\n%s", err, out.String())
	}
	p := startServe(t, url)
	names, queries := querybook(t)
	dur := loadDuration(t)
	stats := &loadStats{first: make([]atomic.Pointer[[]byte], len(queries))}
	deadline := time.Now().Add(dur)
	var rss []int // VmRSS samples, one a second
	stopSampler := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		for {
			select {
			case <-stopSampler:
				return
			case <-time.After(time.Second):
				rss = append(rss, p.rssKB("VmRSS"))
			}
		}
	}()
	var wg sync.WaitGroup
	for c := 0; c < 32; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			for i := c; time.Now().Before(deadline) && i < c+10_000_000; i++ {
				client(p.base, stats, names, queries, i%len(queries))
			}
		}(c)
	}
	if os.Getenv("BUDGETQL_SOAK") == "1" {
		wg.Add(1)
		go func() { defer wg.Done(); soakAbuse(t, p.base, deadline) }()
	}
	wg.Wait()
	close(stopSampler)
	<-sampled
	reportLoad(t, p, stats, dur, rss)
}

// soakAbuse sends, 10 times a second until deadline, requests that must be refused with
// their code (a query 50 deep, 1,000 aliases, first: 1000000, a batch), beside the load.
func soakAbuse(t *testing.T, base string, deadline time.Time) {
	deep := "{ departments { nodes { " + strings.Repeat("documents { department { ", 24) + "name" + strings.Repeat(" } }", 24) + " } } }"
	aliases := "{"
	for i := 0; i < 1000; i++ {
		aliases += " a" + strconv.Itoa(i) + ": __typename"
	}
	cases := []struct {
		body any
		code string
	}{
		{deep, "DEPTH_LIMIT_EXCEEDED"}, {aliases + " }", "FIELD_LIMIT_EXCEEDED"},
		{"{ figures(first: 1000000) { totalCount } }", "COMPLEXITY_LIMIT_EXCEEDED"},
		{[]any{map[string]any{"query": "{ __typename }"}, map[string]any{"query": "{ __typename }"}}, "BATCH_NOT_SUPPORTED"},
	}
	var sent, refused int
	for i := 0; time.Now().Before(deadline) && i < 1_000_000; i++ {
		time.Sleep(100 * time.Millisecond)
		c := cases[i%len(cases)]
		r, err := postGQL(context.Background(), base, c.body)
		sent++
		if err == nil && r.code() == c.code {
			refused++
		} else if sent-refused <= 3 {
			t.Errorf("abuse %d not refused with %s: %v %v", i%len(cases), c.code, err, r)
		}
	}
	t.Logf("soak abuse: %d sent, %d refused with their code", sent, refused)
}

// client sends query q once and records the outcome.
func client(base string, s *loadStats, names, queries []string, q int) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	start := time.Now()
	r, err := postGQL(ctx, base, queries[q])
	d := time.Since(start)
	s.requests.Add(1)
	switch {
	case err != nil:
		s.fail(names[q] + ": " + err.Error())
		return
	case r.Status != 200 || len(r.Errors) > 0:
		s.fail(names[q] + ": " + string(r.Raw[:min(len(r.Raw), 300)]))
		return
	}
	body := r.Raw
	if !s.first[q].CompareAndSwap(nil, &body) && !bytes.Equal(*s.first[q].Load(), body) {
		s.fail(names[q] + ": answer differs from its first answer")
		return
	}
	s.mu.Lock()
	s.lat = append(s.lat, d)
	s.mu.Unlock()
}

func reportLoad(t *testing.T, p *serveProc, s *loadStats, dur time.Duration, rss []int) {
	t.Helper()
	sort.Slice(s.lat, func(i, j int) bool { return s.lat[i] < s.lat[j] })
	pct := func(q float64) time.Duration {
		if len(s.lat) == 0 {
			return 0
		}
		return s.lat[min(len(s.lat)-1, int(float64(len(s.lat))*q))]
	}
	peak := p.rssKB("VmHWM")
	n := s.requests.Load()
	t.Logf("%v at 32 clients: %d requests (%.0f/s), %d errors; latency p50 %v p99 %v max %v; serve peak RSS %.1f MiB",
		dur, n, float64(n)/dur.Seconds(), s.errors.Load(), pct(0.5), pct(0.99), pct(1),
		float64(peak)/1024)
	if s.errors.Load() > 0 {
		t.Errorf("%d errors, first: %s", s.errors.Load(), strings.Join(s.firstErrs, "\n"))
	}
	if n == 0 {
		t.Error("no request was answered")
	}
	if q := len(rss) / 4; q > 0 {
		early, late := maxOf(rss[:q]), maxOf(rss[len(rss)-q:])
		t.Logf("RSS first quarter max %.1f MiB, last quarter max %.1f MiB", float64(early)/1024, float64(late)/1024)
		if float64(late) > 1.5*float64(early)+32*1024 {
			t.Errorf("RSS grew from %d KiB to %d KiB: not bounded", early, late)
		}
	}
	if err := p.stop(t); err != nil {
		t.Errorf("serve exit after the load: %v", err)
	}
}

func maxOf(xs []int) int {
	m := 0
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}
