package graph

import (
	"context"
	"maps"
	"runtime"
	"runtime/metrics"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// registry records the departments and documents a request has seen so far. Batch functions
// widen their keys to everything registered, so the first batch of a loader fetches for every
// document of the response in one statement, however the resolvers' calls fall into batches.
type registry struct {
	mu           sync.Mutex
	docs         map[int64]bool
	depts        map[int64]bool
	cells        map[[2]string]bool // (table, row) pairs that amounts of the response compare with
	amounts      map[[2]string]bool // (target, column) resolved amounts the response reads
	keys         map[string]bool    // narrative keys that amounts of the response compare with
	checkResults map[string]bool    // check results the response asks for ("" for all)
}

func newRegistry() *registry {
	return &registry{docs: map[int64]bool{}, depts: map[int64]bool{}, cells: map[[2]string]bool{}, amounts: map[[2]string]bool{},
		keys: map[string]bool{}, checkResults: map[string]bool{}}
}

func (g *registry) wantCell(table, row string)    { mark(g, g.cells, [2]string{table, row}) }
func (g *registry) wantKey(key string)            { mark(g, g.keys, key) }
func (g *registry) wantAmount(target, col string) { mark(g, g.amounts, [2]string{target, col}) }
func (g *registry) wantCheckResult(result string) { mark(g, g.checkResults, result) }

func (g *registry) wantedCells() [][2]string     { return keysOf(g, g.cells) }
func (g *registry) wantedKeys() []string         { return keysOf(g, g.keys) }
func (g *registry) wantedAmounts() [][2]string   { return keysOf(g, g.amounts) }
func (g *registry) wantedCheckResults() []string { return keysOf(g, g.checkResults) }
func (g *registry) docList() []int64             { return keysOf(g, g.docs) }
func (g *registry) deptList() []int64            { return keysOf(g, g.depts) }

// mark adds k to one of the registry's sets.
func mark[K comparable](g *registry, set map[K]bool, k K) {
	g.mu.Lock()
	set[k] = true
	g.mu.Unlock()
}

// keysOf lists one of the registry's sets.
func keysOf[K comparable](g *registry, set map[K]bool) []K {
	g.mu.Lock()
	defer g.mu.Unlock()
	return slices.Collect(maps.Keys(set))
}

// Settling: a fetch widens its keys to what the response has registered so far. Resolvers that
// run at the same time may still be about to register documents and cells. When this request is
// the only one being served, settle yields until every goroutine of the process that is running
// or waiting to run is itself settling (so every resolver of the request is blocked, and a later
// load finds its keys covered and sends no statement of its own), at most settleMax. Under
// concurrent requests that never holds (and the check costs more with more goroutines), so it
// waits settleBusy: the CPU serves the other requests meanwhile.
const (
	settleMax  = 500 * time.Microsecond
	settleBusy = 500 * time.Microsecond
)

var (
	inFlight atomic.Int64 // requests being served (withLoaders)
	settling atomic.Int64 // goroutines in settle's loop
)

func (g *registry) settle() {
	if inFlight.Load() > 1 {
		time.Sleep(settleBusy)
		return
	}
	settling.Add(1)
	defer settling.Add(-1)
	for start := time.Now(); !onlySettlersActive() && time.Since(start) < settleMax; {
		runtime.Gosched()
	}
}

var schedNames = []string{"/sched/goroutines/runnable:goroutines", "/sched/goroutines/running:goroutines"}

// onlySettlersActive reports whether every goroutine that is running or runnable is in settle.
func onlySettlersActive() bool {
	s := make([]metrics.Sample, len(schedNames))
	for i, n := range schedNames {
		s[i].Name = n
	}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return true // metrics unsupported: do not wait
	}
	return s[0].Value.Uint64()+s[1].Value.Uint64() <= uint64(settling.Load())
}

// add registers a document (0 for none) and its department.
func (g *registry) add(doc, dept int64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if doc != 0 {
		g.docs[doc] = true
	}
	if dept != 0 {
		g.depts[dept] = true
	}
}

// cover makes a keyed fetch idempotent per request: each key is fetched at most once, by the
// first call whose widened key set holds it; later calls wait for that fetch and send no
// statement of their own unless they ask for a key nobody fetched.
type cover[K comparable, V any] struct {
	settle  func() // waits for the request's registrations to settle before widening
	mu      sync.Mutex
	calls   map[K]*coverCall[K, V]
	fetch   func(context.Context, []K) (map[K]V, error)
	widen   func([]K) []K
	missing func(K) (V, error) // value of a key the fetch did not return
}

type coverCall[K comparable, V any] struct {
	done chan struct{}
	res  map[K]V
	err  error
}

func newCover[K comparable, V any](settle func(), fetch func(context.Context, []K) (map[K]V, error), widen func([]K) []K, missing func(K) (V, error)) *cover[K, V] {
	return &cover[K, V]{settle: settle, calls: map[K]*coverCall[K, V]{}, fetch: fetch, widen: widen, missing: missing}
}

// load returns the values of keys, in order; it is a dataloadgen batch function.
func (c *cover[K, V]) load(ctx context.Context, keys []K) ([]V, []error) {
	if c.uncovered(keys) {
		c.settle()
	}
	c.mu.Lock()
	var mine []K
	call := &coverCall[K, V]{done: make(chan struct{})}
	if c.uncoveredLocked(keys) {
		for _, k := range append(append([]K(nil), keys...), c.widen(keys)...) {
			if c.calls[k] == nil {
				c.calls[k] = call
				mine = append(mine, k)
			}
		}
	}
	c.mu.Unlock()
	if len(mine) > 0 {
		call.res, call.err = c.fetch(ctx, mine)
	}
	close(call.done)
	out := make([]V, len(keys))
	errs := make([]error, len(keys))
	for i, k := range keys {
		c.mu.Lock()
		kc := c.calls[k]
		c.mu.Unlock()
		<-kc.done
		if kc.err != nil {
			errs[i] = kc.err
			continue
		}
		v, ok := kc.res[k]
		if !ok {
			v, errs[i] = c.missing(k)
		}
		out[i] = v
	}
	return out, errs
}

// uncovered reports whether some key has not been fetched by any call yet.
func (c *cover[K, V]) uncovered(keys []K) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.uncoveredLocked(keys)
}

func (c *cover[K, V]) uncoveredLocked(keys []K) bool {
	for _, k := range keys {
		if c.calls[k] == nil {
			return true
		}
	}
	return false
}
