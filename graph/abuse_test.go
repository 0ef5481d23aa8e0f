package graph_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"budgetql/graph"
)

// introspectionQuery is the query GraphiQL sends to load the schema (fragments expanded the
// way graphql-js writes them); it must stay allowed.
const introspectionQuery = `query IntrospectionQuery { __schema { queryType { name } mutationType { name }
  subscriptionType { name } types { ...FullType } directives { name description locations args { ...InputValue } } } }
fragment FullType on __Type { kind name description
  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields { ...InputValue } interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason } possibleTypes { ...TypeRef } }
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } } }`

// abuseBodies are the abusive requests of issue 5, each with the status and code it must get.
func abuseBodies() []struct {
	name   string
	body   any
	status int
	code   string
} {
	deep := "{ departments { nodes { " + strings.Repeat("documents { department { ", 24) + "name" +
		strings.Repeat(" } }", 24) + " } } }" // 50 fields deep
	var aliases, typenames, intro, nested, ops strings.Builder
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&aliases, "a%d: departments(first: 1) { totalCount } ", i)
		fmt.Fprintf(&typenames, "t%d: __typename ", i)
	}
	for i := 0; i < 100; i++ {
		fmt.Fprintf(&intro, "i%d: __schema { types { name } } ", i)
		fmt.Fprintf(&ops, "query q%d { departments { totalCount } } ", i)
	}
	nested.WriteString("{ __schema { types { " + strings.Repeat("fields { type { ", 6) + "name" + strings.Repeat(" } }", 6) + " } } }")
	batch := make([]any, 100)
	for i := range batch {
		batch[i] = map[string]any{"query": "{ departments { totalCount } }"}
	}
	bigVars := map[string]any{"query": "query($n: String) { departments(name: $n) { totalCount } }",
		"variables": map[string]any{"n": strings.Repeat("部", 3<<20)}} // 9 MB
	return []struct {
		name   string
		body   any
		status int
		code   string
	}{
		{"depth 50", map[string]any{"query": deep}, 200, graph.CodeDepth},
		{"1000 aliases", map[string]any{"query": "{ " + aliases.String() + "}"}, 200, graph.CodeFieldLimit},
		{"1000 __typename aliases", map[string]any{"query": "{ " + typenames.String() + "}"}, 200, graph.CodeFieldLimit},
		{"first 1000000 figures", map[string]any{"query": "{ figures(first: 1000000) { totalCount } }"}, 200, "COMPLEXITY_LIMIT_EXCEEDED"},
		{"first 1000000 departments", map[string]any{"query": "{ departments(first: 1000000) { totalCount } }"}, 200, "COMPLEXITY_LIMIT_EXCEEDED"},
		{"first 1000000 ranking", map[string]any{"query": "{ ranking(measure: SANGONG_TOTAL, year: 2024, first: 1000000) { rank } }"}, 200, "COMPLEXITY_LIMIT_EXCEEDED"},
		{"9 MB variables", bigVars, 413, graph.CodeTooLarge},
		{"batch of 100", batch, 400, graph.CodeBatch},
		{"100 operations, none named", map[string]any{"query": ops.String()}, 200, "GRAPHQL_VALIDATION_FAILED"},
		{"introspection 100 times by alias", map[string]any{"query": "{ " + intro.String() + "}"}, 200, graph.CodeIntrospectionLimit},
		{"introspection nested 6 times", map[string]any{"query": nested.String()}, 200, "GRAPHQL_VALIDATION_FAILED"},
	}
}

// TestAbuseRejectedWithCode sends each abusive request and checks its status and
// extensions.code; the GraphiQL introspection query and a normal query still work.
func TestAbuseRejectedWithCode(t *testing.T) {
	a := newAPI(t, graph.Config{}, twoYears()...)
	for _, c := range abuseBodies() {
		t.Run(c.name, func(t *testing.T) {
			status, resp := a.post(t, c.body)
			code := ""
			if len(resp.Errors) > 0 {
				code, _ = resp.Errors[0].Extensions["code"].(string)
			}
			if status != c.status || code != c.code || len(resp.Data) > 0 && string(resp.Data) != "null" {
				t.Errorf("status %d code %q data %s; want %d %q and no data", status, code, resp.Data, c.status, c.code)
			}
		})
	}
	t.Run("GraphiQL introspection allowed", func(t *testing.T) {
		var got struct {
			Schema struct{ Types []struct{ Name string } }
		}
		a.mustQuery(t, introspectionQuery, &struct {
			Schema *struct{ Types []struct{ Name string } } `json:"__schema"`
		}{&got.Schema})
		if len(got.Schema.Types) < 20 {
			t.Errorf("introspection returned %d types", len(got.Schema.Types))
		}
	})
	t.Run("body cut without Content-Length", func(t *testing.T) {
		big := `{"query":"{ departments { totalCount } }","variables":{"n":"` + strings.Repeat("x", 8<<20) + `"}}`
		req, _ := http.NewRequest(http.MethodPost, a.srv.URL+"/graphql", io.MultiReader(strings.NewReader(big)))
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 413 || !bytes.Contains(raw, []byte(graph.CodeTooLarge)) {
			t.Errorf("chunked 8 MB body: %d %.200s", resp.StatusCode, raw)
		}
	})
}

// normalQueries are what a dashboard asks of the fixture.
var normalQueries = []string{
	`{ departments { totalCount nodes { name years } } }`,
	`{ document(department: "曾都区测试局", year: 2024) { amount(measure: INCOME_TOTAL) { yuan yoy { loaded { change percent } } } } }`,
	`{ department(name: "曾都区测试局") { series(measure: SANGONG_TOTAL) { year amount { yuan } } } }`,
	`{ search(text: "热线") { totalCount nodes { name year } } }`,
}

// measureNormal sends rounds of the normal queries from 2 clients and returns every latency;
// it fails the test on any error.
func measureNormal(t *testing.T, base string, rounds int) []time.Duration {
	var mu sync.Mutex
	var lat []time.Duration
	var wg sync.WaitGroup
	for c := 0; c < 2; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < rounds; i++ {
				q := normalQueries[i%len(normalQueries)]
				start := time.Now()
				status, body, err := rawPost(base, map[string]any{"query": q})
				d := time.Since(start)
				if err != nil || status != 200 || bytes.Contains(body, []byte(`"errors"`)) {
					t.Errorf("normal query failed: %v %d %.200s", err, status, body)
					return
				}
				mu.Lock()
				lat = append(lat, d)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return lat
}

func p99(lat []time.Duration) time.Duration {
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	if len(lat) == 0 {
		return 0
	}
	return lat[min(len(lat)-1, len(lat)*99/100)]
}

// rawPost posts a JSON body and returns the status and raw answer.
func rawPost(base string, body any) (int, []byte, error) {
	b, ok := body.([]byte)
	if !ok {
		b, _ = json.Marshal(body)
	}
	resp, err := http.Post(base+"/graphql", "application/json", bytes.NewReader(b))
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	return resp.StatusCode, raw, err
}

// TestAbuseFloodKeepsNormalP99 measures the normal queries' p99 alone, then while 4 clients
// send the abusive requests in turn, each at up to 50 a second (200/s in all; bounded: until
// the measurement ends, at most 20,000 requests), then alone again. Every abusive request must
// get its code, and the normal p99 under the flood must stay under 3× the quiet p99 (the
// larger of before and after, as the machine is shared). ABUSE_RATE changes the rate per client.
func TestAbuseFloodKeepsNormalP99(t *testing.T) {
	a := newAPI(t, graph.Config{}, twoYears()...)
	rounds := 250
	measureNormal(t, a.srv.URL, 20) // warm up
	before := p99(measureNormal(t, a.srv.URL, rounds))
	cases := abuseBodies()
	bodies := make([][]byte, len(cases))
	for i, c := range cases {
		bodies[i], _ = json.Marshal(c.body)
	}
	interval := 20 * time.Millisecond
	if r, err := strconv.Atoi(os.Getenv("ABUSE_RATE")); err == nil && r > 0 {
		interval = time.Second / time.Duration(r)
	}
	stop := make(chan struct{})
	var sent, rejected, wrong atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			tick := time.NewTicker(interval)
			defer tick.Stop()
			for i := w; i < 20000; i += 4 {
				select {
				case <-stop:
					return
				case <-tick.C:
				}
				c := cases[i%len(cases)]
				status, raw, err := rawPost(a.srv.URL, bodies[i%len(cases)])
				sent.Add(1)
				if err == nil && status == c.status && bytes.Contains(raw, []byte(`"code":"`+c.code+`"`)) {
					rejected.Add(1)
				} else if wrong.Add(1) <= 3 {
					t.Errorf("%s during the flood: %v %d %.200s", c.name, err, status, raw)
				}
			}
		}(w)
	}
	time.Sleep(200 * time.Millisecond)
	flood := p99(measureNormal(t, a.srv.URL, rounds))
	close(stop)
	wg.Wait()
	after := p99(measureNormal(t, a.srv.URL, rounds))
	quiet := max(before, after)
	t.Logf("normal p99 quiet %v before, %v after; under flood %v (%.2f× the larger); abusive requests %d, rejected with their code %d",
		before, after, flood, float64(flood)/float64(quiet), sent.Load(), rejected.Load())
	if flood >= 3*quiet {
		t.Errorf("normal p99 under flood %v ≥ 3 × quiet %v", flood, quiet)
	}
	if rejected.Load() != sent.Load() {
		t.Errorf("%d abusive requests did not get their code", sent.Load()-rejected.Load())
	}
}

// abusiveSearches are what the 16 clients of TestAbuseSearchKeepsNormalP99 send in turn: a
// 40,000-character term (refused: BAD_USER_INPUT), the same as a variable, and the costliest
// terms accepted (64 characters: many distinct bigrams, LIKE wildcards, one bigram repeated).
func abusiveSearches() []map[string]any {
	var mixed strings.Builder
	for i := 0; mixed.Len() < 4*64 && len([]rune(mixed.String())) < 64; i++ {
		mixed.WriteRune(rune(0x4e00 + i*37%20000))
	}
	long := strings.Repeat("ab%_", 10000) // 40,000 characters
	return []map[string]any{
		{"query": `{ search(text: "` + long + `") { totalCount } }`},
		{"query": `query($t: String!) { search(text: $t) { totalCount nodes { name } } }`, "variables": map[string]any{"t": long}},
		{"query": `query($t: String!) { search(text: $t) { totalCount nodes { name } } }`, "variables": map[string]any{"t": mixed.String()}},
		{"query": `query($t: String!) { search(text: $t) { totalCount nodes { name } } }`, "variables": map[string]any{"t": strings.Repeat("热线%_", 16)}},
		{"query": `query($t: String!) { search(text: $t, first: 100) { totalCount nodes { name } } }`, "variables": map[string]any{"t": strings.Repeat("热", 64)}},
	}
}

// TestAbuseSearchKeepsNormalP99 measures the normal queries' p99 in 3 quiet phases interleaved
// with 3 phases in which an abusive host sends searches over 16 connections back to back (no
// pause): a 40,000-character term, inline and as a variable (refused: BAD_USER_INPUT), and the
// costliest terms accepted. Every abusive search must get its answer; the ratio of the median
// abused p99 to the median quiet p99 is logged (RELIABILITY.md). The machine is shared, so the
// test fails only past a generous 25× (before the bounds one such search held Postgres for the
// whole statement timeout: 5 s against 2 ms).
func TestAbuseSearchKeepsNormalP99(t *testing.T) {
	a := newAPI(t, graph.Config{}, twoYears()...)
	const rounds = 150
	measureNormal(t, a.srv.URL, 20)
	searches := abusiveSearches()
	bodies := make([][]byte, len(searches))
	for i, s := range searches {
		bodies[i], _ = json.Marshal(s)
	}
	// The abusive host is another address of the loopback network than the normal clients'
	// (127.0.0.1): the server admits waiting requests by turns of clients.
	abuser := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16,
		DialContext: (&net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 2)}}).DialContext}}
	var sent, refused, answered, wrong atomic.Int64
	abuse := func(stop <-chan struct{}, wg *sync.WaitGroup) {
		for w := 0; w < 16; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for i := w; ; i++ {
					select {
					case <-stop:
						return
					default:
					}
					status, raw, err := postWith(abuser, a.srv.URL, bodies[i%len(bodies)])
					sent.Add(1)
					switch {
					case err == nil && status == 200 && bytes.Contains(raw, []byte(`"code":"BAD_USER_INPUT"`)) && i%len(bodies) < 2:
						refused.Add(1)
					case err == nil && status == 200 && !bytes.Contains(raw, []byte(`"errors"`)) && i%len(bodies) >= 2:
						answered.Add(1)
					default:
						if wrong.Add(1) <= 3 {
							t.Errorf("abusive search %d: %v %d %.300s", i%len(bodies), err, status, raw)
						}
					}
				}
			}(w)
		}
	}
	var quiet, abused []time.Duration
	quiet = append(quiet, p99(measureNormal(t, a.srv.URL, rounds)))
	for phase := 0; phase < 3; phase++ {
		stop := make(chan struct{})
		var wg sync.WaitGroup
		abuse(stop, &wg)
		time.Sleep(100 * time.Millisecond)
		abused = append(abused, p99(measureNormal(t, a.srv.URL, rounds)))
		close(stop)
		wg.Wait()
		quiet = append(quiet, p99(measureNormal(t, a.srv.URL, rounds)))
	}
	q, ab := median(quiet), median(abused)
	ratio := float64(ab) / float64(q)
	t.Logf("normal p99 quiet %v (median of %v); under an abusive host's 16 connections %v (median of %v): %.2f×; abusive searches %d: %d refused, %d answered",
		q, quiet, ab, abused, ratio, sent.Load(), refused.Load(), answered.Load())
	if ratio > 25 {
		t.Errorf("normal p99 under abusive search %v is %.1f× quiet %v", ab, ratio, q)
	}
}

func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

// TestStringArgumentsBounded: a string argument over its bound is refused with BAD_USER_INPUT
// before anything runs, inline, in a variable or inside an input object; at the bound it is read.
func TestStringArgumentsBounded(t *testing.T) {
	a := newAPI(t, graph.Config{}, twoYears()...)
	long := strings.Repeat("部", graph.MaxStringArgument+1)
	cases := []struct {
		name string
		body map[string]any
		ok   bool
	}{
		{"department name", map[string]any{"query": `{ department(name: "` + long + `") { name } }`}, false},
		{"departments filter in a variable", map[string]any{"query": `query($n: String) { departments(name: $n) { totalCount } }`,
			"variables": map[string]any{"n": long}}, false},
		{"input object field", map[string]any{"query": `query($f: FigureFilter) { figures(filter: $f) { totalCount } }`,
			"variables": map[string]any{"f": map[string]any{"rowCode": long}}}, false},
		{"cursor", map[string]any{"query": `{ departments(after: "` + long + `") { totalCount } }`}, false},
		{"search over 64", map[string]any{"query": `{ search(text: "` + strings.Repeat("热", graph.MaxSearchText+1) + `") { totalCount } }`}, false},
		{"search at 64", map[string]any{"query": `{ search(text: "` + strings.Repeat("热", graph.MaxSearchText) + `") { totalCount } }`}, true},
		{"name at 200", map[string]any{"query": `{ departments(name: "` + long[:len(long)-len("部")] + `") { totalCount } }`}, true},
	}
	for _, c := range cases {
		status, resp := a.post(t, c.body)
		code := ""
		if len(resp.Errors) > 0 {
			code, _ = resp.Errors[0].Extensions["code"].(string)
		}
		if c.ok && (status != 200 || len(resp.Errors) > 0) || !c.ok && code != "BAD_USER_INPUT" {
			t.Errorf("%s: status %d code %q errors %+v", c.name, status, code, resp.Errors)
		}
	}
}

// postWith posts a JSON body through client and returns the status and raw answer.
func postWith(client *http.Client, base string, body []byte) (int, []byte, error) {
	resp, err := client.Post(base+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	return resp.StatusCode, raw, err
}
