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
	held := "held"
	for i := 0; i < 4; i++ {
		a.release(held)
		held = <-order
		got = append(got, held)
		if held != "b" {
			held = "a"
		}
	}
	want := []string{"a1", "b", "a2", "a3"}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("admitted %v, want %v", got, want)
		}
	}
}

// TestAdmissionShare: a client alone takes every slot; once another client is active it holds
// at most half of them, and the other client's request gets the next free slot.
func TestAdmissionShare(t *testing.T) {
	a := newAdmission(4)
	ctx := context.Background()
	for i := 0; i < 4; i++ {
		if !a.acquire(ctx, "busy") {
			t.Fatal("acquire failed")
		}
	}
	got := make(chan string, 8)
	wait := func(client string) {
		go func() {
			if a.acquire(ctx, client) {
				got <- client
			}
		}()
		time.Sleep(20 * time.Millisecond)
	}
	wait("busy")
	wait("busy")
	wait("other")
	a.release("busy") // busy holds 3: the slot goes to other
	if c := <-got; c != "other" {
		t.Fatalf("first freed slot went to %s, want other", c)
	}
	a.release("busy") // busy holds 2 = half of 4 while other runs: no slot for busy
	select {
	case c := <-got:
		t.Fatalf("slot went to %s while busy holds its share", c)
	case <-time.After(50 * time.Millisecond):
	}
	a.release("other") // other done: busy is alone again
	if c := <-got; c != "busy" {
		t.Fatalf("got %s, want busy", c)
	}
	if c := <-got; c != "busy" {
		t.Fatalf("got %s, want busy", c)
	}
}
