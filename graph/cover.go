package graph

import (
	"context"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"time"
)

// registry records the departments and documents a request has seen so far. Batch functions
// widen their keys to everything registered, so the first batch of a loader fetches for every
// document of the response in one statement, however the resolvers' calls fall into batches.
type registry struct {
	news  atomic.Int64 // entries added so far; settle watches it
	mu    sync.Mutex
	docs  map[int64]bool
	depts map[int64]bool
	cells map[[2]string]bool // (table, row) pairs that amounts of the response compare with
	keys  map[string]bool    // narrative keys that amounts of the response compare with
}

func newRegistry() *registry {
	return &registry{docs: map[int64]bool{}, depts: map[int64]bool{}, cells: map[[2]string]bool{},
		keys: map[string]bool{}}
}

func (g *registry) wantCell(table, row string) {
	g.mu.Lock()
	note(g, g.cells, [2]string{table, row})
	g.mu.Unlock()
}

func (g *registry) wantKey(key string) {
	g.mu.Lock()
	note(g, g.keys, key)
	g.mu.Unlock()
}

// note adds k to set, counting it when it is new; g.mu is held.
func note[K comparable](g *registry, set map[K]bool, k K) {
	if !set[k] {
		set[k] = true
		g.news.Add(1)
	}
}

// Settling: a fetch widens its keys to what the response has registered so far. Resolvers that
// run at the same time may still be about to register documents and cells. settle waits (at most
// settleMax) until nothing new was registered in the last settleQuiet and no other goroutine of
// the process is running or waiting to run: then every resolver of the request is blocked, and
// a later load finds its keys covered and sends no statement of its own. Other requests' work
// only makes it wait longer, never shorter.
const (
	settleQuiet = 50 * time.Microsecond
	settleMax   = 2 * time.Millisecond
)

func (g *registry) settle() {
	start := time.Now()
	for n := g.news.Load(); time.Since(start) < settleMax; {
		time.Sleep(settleQuiet)
		m := g.news.Load()
		if m == n && schedulerIdle() {
			return
		}
		n = m
	}
}

var schedNames = []string{"/sched/goroutines/runnable:goroutines", "/sched/goroutines/running:goroutines"}

// schedulerIdle reports whether no goroutine but the caller is running or runnable.
func schedulerIdle() bool {
	s := make([]metrics.Sample, len(schedNames))
	for i, n := range schedNames {
		s[i].Name = n
	}
	metrics.Read(s)
	return s[0].Value.Kind() == metrics.KindUint64 && s[0].Value.Uint64() == 0 && s[1].Value.Uint64() <= 1
}

// wanted returns the registered cells and narrative keys.
func (g *registry) wanted() ([][2]string, []string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	cells := make([][2]string, 0, len(g.cells))
	for c := range g.cells {
		cells = append(cells, c)
	}
	keys := make([]string, 0, len(g.keys))
	for k := range g.keys {
		keys = append(keys, k)
	}
	return cells, keys
}

// add registers a document (0 for none) and its department.
func (g *registry) add(doc, dept int64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if doc != 0 {
		note(g, g.docs, doc)
	}
	if dept != 0 {
		note(g, g.depts, dept)
	}
}

func (g *registry) docList() []int64  { return g.list(g.docs) }
func (g *registry) deptList() []int64 { return g.list(g.depts) }

func (g *registry) list(m map[int64]bool) []int64 {
	g.mu.Lock()
	defer g.mu.Unlock()
	out := make([]int64, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
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
