package graph

import (
	"context"
	"net"
	"net/http"
	"slices"
	"sync"
)

// admission lets at most n requests execute at once. The others wait, each client (remote
// address) in its own queue in arrival order, and a freed slot goes to the clients in turn: a
// client sending many requests at once waits for its own, while another client's request is
// served after at most one request of each client ahead of it. On 2 cores, 16 clients at once
// finished later than 4 at a time with the rest queued (BENCHMARKS.md, "API"); the turns keep one
// busy client (16 connections of abusive searches) from making everyone else queue behind it.
type admission struct {
	mu      sync.Mutex
	free    int
	waiting map[string][]chan struct{} // per client, in arrival order
	turns   []string                   // clients with waiting requests, next first
}

func newAdmission(n int) *admission {
	return &admission{free: n, waiting: map[string][]chan struct{}{}}
}

// acquire waits for a slot; false when ctx ended first.
func (a *admission) acquire(ctx context.Context, client string) bool {
	a.mu.Lock()
	if a.free > 0 && len(a.turns) == 0 {
		a.free--
		a.mu.Unlock()
		return true
	}
	ready := make(chan struct{})
	if len(a.waiting[client]) == 0 {
		a.turns = append(a.turns, client)
	}
	a.waiting[client] = append(a.waiting[client], ready)
	a.mu.Unlock()
	select {
	case <-ready:
		return true
	case <-ctx.Done():
	}
	a.mu.Lock()
	select {
	case <-ready: // granted meanwhile: give it on
		a.mu.Unlock()
		a.release()
		return false
	default:
	}
	q := slices.DeleteFunc(a.waiting[client], func(c chan struct{}) bool { return c == ready })
	if len(q) == 0 {
		delete(a.waiting, client)
		a.turns = slices.DeleteFunc(a.turns, func(c string) bool { return c == client })
	} else {
		a.waiting[client] = q
	}
	a.mu.Unlock()
	return false
}

// release hands the slot to the next client's oldest waiting request, or frees it.
func (a *admission) release() {
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.turns) == 0 {
		a.free++
		return
	}
	client := a.turns[0]
	a.turns = a.turns[1:]
	q := a.waiting[client]
	next := q[0]
	if len(q) > 1 {
		a.waiting[client] = q[1:]
		a.turns = append(a.turns, client)
	} else {
		delete(a.waiting, client)
	}
	close(next)
}

// clientOf is the client a request counts against: its remote address without the port.
func clientOf(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// admit executes at most n requests at once, the waiting ones served by turns of clients. A
// request that is still waiting at its deadline gets 503.
func admit(n int, next http.Handler) http.Handler {
	a := newAdmission(n)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !a.acquire(r.Context(), clientOf(r)) {
			writeError(w, http.StatusServiceUnavailable, CodeTimeout, "the server is busy: the request timed out waiting for its turn")
			return
		}
		defer a.release()
		next.ServeHTTP(w, r)
	})
}
