package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// mainEnv makes the test binary run the real main (signal handling included) instead of the
// tests, so serve and load children behave as the installed binary does.
const mainEnv = "BUDGETQL_TEST_MAIN"

func init() {
	if os.Getenv(mainEnv) == "1" {
		main()
	}
}

// serveProc is a `budgetql serve` child process listening on a loopback port.
type serveProc struct {
	cmd    *exec.Cmd
	base   string // http://127.0.0.1:PORT
	stderr *lockedBuffer
	done   chan error // receives Wait's result once
}

// lockedBuffer collects a child's stderr for the test's messages.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startServe starts `budgetql serve` on 127.0.0.1 (a free port) over url and waits until it
// prints its address. The process is killed when the test ends, if still running.
func startServe(t *testing.T, url string, args ...string) *serveProc {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(os.Environ(), mainEnv+"=1", "DATABASE_URL="+url)
	p := &serveProc{cmd: cmd, stderr: &lockedBuffer{}, done: make(chan error, 1)}
	cmd.Stderr = p.stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if _, rest, ok := strings.Cut(sc.Text(), "serving GraphQL on http://"); ok {
				addr <- strings.TrimSuffix(strings.Fields(rest)[0], "/graphql")
			}
		}
		io.Copy(io.Discard, stdout)
	}()
	go func() { p.done <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-p.done
	})
	select {
	case a := <-addr:
		p.base = "http://" + a
	case err := <-p.done:
		t.Fatalf("serve exited before listening: %v\n%s", err, p.stderr)
	case <-time.After(60 * time.Second):
		t.Fatalf("serve did not listen within 60s\n%s", p.stderr)
	}
	return p
}

// rssKB reads a field (VmRSS, VmHWM) of /proc/PID/status in KiB; 0 when unavailable.
func (p *serveProc) rssKB(field string) int {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return n
		}
	}
	return 0
}

// stop sends SIGTERM and returns the exit error, failing after 20s.
func (p *serveProc) stop(t *testing.T) error {
	t.Helper()
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-p.done:
		p.done <- err
		return err
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not exit within 20s of SIGTERM")
		return nil
	}
}

// gqlReply is a decoded GraphQL response.
type gqlReply struct {
	Status int
	Raw    []byte
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

// code is the first error's extensions.code, or "".
func (r *gqlReply) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

var httpClient = &http.Client{Timeout: 60 * time.Second}

// postGQL posts a body (a query string or any JSON value) to base/graphql.
// acceptKey carries the Accept header postGQL sends (none by default).
type acceptKey struct{}

func postGQL(ctx context.Context, base string, body any) (*gqlReply, error) {
	if q, ok := body.(string); ok {
		body = map[string]any{"query": q}
	}
	b, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/graphql", bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if a, ok := ctx.Value(acceptKey{}).(string); ok {
		req.Header.Set("Accept", a)
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	out := &gqlReply{Status: resp.StatusCode, Raw: raw}
	if err := json.Unmarshal(raw, out); err != nil {
		return out, fmt.Errorf("status %d, body is not JSON: %.200s", resp.StatusCode, raw)
	}
	return out, nil
}

// loadCorpusTexts loads the corpus's text files (the same six documents as the PDFs, without
// pdftotext) into the database at url through `budgetql load`.
func loadCorpusTexts(t *testing.T, url string) {
	t.Helper()
	dir := t.TempDir()
	paths, _ := filepath.Glob(filepath.Join(corpus, "*.txt"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, filepath.Base(p)), data, 0o644)
	}
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"load", dir}, &out, &errOut, envWith("DATABASE_URL", url))
	if err != nil || !strings.Contains(out.String(), "failed 0") {
		t.Fatalf("load corpus: %v\n%s%s", err, out.String(), errOut.String())
	}
}
