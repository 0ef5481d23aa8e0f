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
// served after at most one request of each client ahead of it. While more than one client is
// active, none holds more than half the slots, so a busy client (an abusive host's 16
// connections) leaves the CPU to the others' requests as well. A client alone uses every slot.
// On 2 cores, 16 clients at once finished later than 4 at a time with the rest queued
// (BENCHMARKS.md, "API").
type admission struct {
	mu      sync.Mutex
	free    int
	share   int                        // slots one client may hold while others are active
	running map[string]int             // slots held, per client
	waiting map[string][]chan struct{} // per client, in arrival order
	turns   []string                   // clients with waiting requests, next first
}

func newAdmission(n int) *admission {
	return &admission{free: n, share: max(1, (n+1)/2), running: map[string]int{}, waiting: map[string][]chan struct{}{}}
}

// may reports whether client may take a free slot now: within its share, or alone.
func (a *admission) may(client string) bool {
	if a.running[client] < a.share {
		return true
	}
	for c := range a.running {
		if c != client {
			return false
		}
	}
	return len(a.turns) == 0 || len(a.turns) == 1 && a.turns[0] == client
}

// acquire waits for a slot; false when ctx ended first.
func (a *admission) acquire(ctx context.Context, client string) bool {
	a.mu.Lock()
	if a.free > 0 && len(a.turns) == 0 && a.may(client) {
		a.take(client)
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
		a.release(client)
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
	a.grant()
	a.mu.Unlock()
	return false
}

func (a *admission) take(client string) {
	a.free--
	a.running[client]++
}

// release gives back a slot of client and grants the free slots to waiting clients in turn.
func (a *admission) release(client string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.running[client]--; a.running[client] <= 0 {
		delete(a.running, client)
	}
	a.free++
	a.grant()
}

// grant hands free slots to the waiting clients in turn, each to the oldest request of the
// first client that may take one.
func (a *admission) grant() {
	for a.free > 0 {
		i := slices.IndexFunc(a.turns, a.may)
		if i < 0 {
			return
		}
		client := a.turns[i]
		a.turns = slices.Delete(a.turns, i, i+1)
		q := a.waiting[client]
		if len(q) > 1 {
			a.waiting[client] = q[1:]
			a.turns = append(a.turns, client)
		} else {
			delete(a.waiting, client)
		}
		a.take(client)
		close(q[0])
	}
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
		client := clientOf(r)
		if !a.acquire(r.Context(), client) {
			writeError(w, http.StatusServiceUnavailable, CodeTimeout, "the server is busy: the request timed out waiting for its turn")
			return
		}
		defer a.release(client)
		next.ServeHTTP(w, r)
	})
}
