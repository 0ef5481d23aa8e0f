package graph

import (
	"context"
	"testing"
	"time"
)

// TestAdmissionTakesTurns: with one slot held, client a queues 3 requests and then b one; the
// slot goes a, b, a, a (turns of clients, each client's requests in arrival order), and a
// request that gives up waiting leaves its place.
func TestAdmissionTakesTurns(t *testing.T) {
	a := newAdmission(1)
	ctx := context.Background()
	if !a.acquire(ctx, "held") {
		t.Fatal("first acquire failed")
	}
	order := make(chan string, 8)
	start := func(client string) {
		go func() {
			if a.acquire(ctx, client) {
				order <- client
			}
		}()
		time.Sleep(20 * time.Millisecond) // arrival order
	}
	for _, c := range []string{"a1", "a2", "a3"} {
		c := c
		go func() {
			if a.acquire(ctx, "a") {
				order <- c
			}
		}()
		time.Sleep(20 * time.Millisecond)
	}
	cctx, cancel := context.WithCancel(ctx)
	gaveUp := make(chan bool, 1)
	go func() { gaveUp <- a.acquire(cctx, "c") }()
	time.Sleep(20 * time.Millisecond)
	start("b")
	cancel()
	if <-gaveUp {
		t.Fatal("a cancelled request was admitted")
	}
	var got []string
	for i := 0; i < 4; i++ {
		a.release()
		got = append(got, <-order)
	}
	want := []string{"a1", "b", "a2", "a3"}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("admitted %v, want %v", got, want)
		}
	}
}
