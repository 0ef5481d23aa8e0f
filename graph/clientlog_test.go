package graph_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"budgetql/graph"
)

// syncBuffer is a log destination safe for concurrent writers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestClientMistakesBoundedLog: two clients send 1,000 bodies of 60 KB that are not JSON. Each
// gets 400 BAD_REQUEST (not INTERNAL_SERVER_ERROR), and the log stays a few lines long: no body
// in it, at most the burst plus two lines a second, each line short.
func TestClientMistakesBoundedLog(t *testing.T) {
	var logs syncBuffer
	a := newAPI(t, graph.Config{Logger: slog.New(slog.NewTextHandler(&logs, nil))}, twoYears()...)
	garbage := []byte("<html>" + strings.Repeat("not json ", 60<<10/9))
	start := time.Now()
	var wg sync.WaitGroup
	var mu sync.Mutex
	wrong := 0
	for c := 0; c < 2; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				status, raw, err := rawPost(a.srv.URL, garbage)
				if err != nil || status != http.StatusBadRequest || !bytes.Contains(raw, []byte(`"code":"`+graph.CodeBadRequest+`"`)) {
					mu.Lock()
					if wrong++; wrong <= 3 {
						t.Errorf("garbage body: %v %d %.200s", err, status, raw)
					}
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	secs := time.Since(start).Seconds()
	out := logs.String()
	lines := strings.Count(out, "\n")
	maxLines := 10 + int(2*secs) + 2
	t.Logf("1,000 garbage bodies (60 KB) in %.1f s: %d log lines, %d bytes", secs, lines, len(out))
	if lines > maxLines || len(out) > maxLines*400 {
		t.Errorf("%d log lines, %d bytes; want at most %d lines of at most 400 bytes", lines, len(out), maxLines)
	}
	if strings.Contains(out, "not json not json") || strings.Contains(out, "ERROR") {
		t.Errorf("the log holds a body or an ERROR line: %.300s", out)
	}
	if !strings.Contains(out, "client error") {
		t.Errorf("no client error logged: %q", out)
	}
}
