package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"budgetql/db/dbtest"
)

var shortScan = filepath.Join("..", "..", "testdata", "scan", "putuo-govoffice-budget-2025-scan.pdf")

// TestLoadScan: Ctrl-C during the OCR of a scanned PDF stops `budgetql load` with nothing stored
// and nothing cached; the next load OCRs it and stores it as format scan, each figure with its box
// and confidence; `check` and `figures` after the load read the cache, not the scan (they run
// with no tesseract on their PATH).
func TestLoadScan(t *testing.T) {
	d, url := dbtest.NewURL(t)
	cache := t.TempDir()
	cmd := exec.Command(os.Args[0], "load", shortScan)
	cmd.Env = append(os.Environ(), childEnv+"=1", "DATABASE_URL="+url, "BUDGETQL_OCR_CACHE="+cache)
	var childOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &childOut, &childOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitForOCR(t, cmd.Process.Pid)
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err == nil {
		t.Errorf("the interrupted load exited 0:\n%s", childOut.String())
	}
	if n := count(t, d, `SELECT count(*) FROM document`); n != 0 {
		t.Errorf("%d documents after the interrupted load, want 0", n)
	}
	if files, _ := os.ReadDir(cache); len(files) != 0 {
		t.Errorf("the interrupted OCR left %d files in the cache", len(files))
	}

	getenv := envWith("DATABASE_URL", url, "BUDGETQL_OCR_CACHE", cache)
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"load", shortScan}, &out, &errOut, getenv); err != nil || !strings.Contains(out.String(), "loaded 1,") {
		t.Fatalf("load: %v\n%s%s", err, out.String(), errOut.String())
	}
	if f := count(t, d, `SELECT count(*) FROM document WHERE format = 'scan'`); f != 1 {
		t.Errorf("%d documents of format scan, want 1", f)
	}
	printed := `FROM figure WHERE printed <> '' AND status IN ('reported', 'repaired')`
	if n := count(t, d, `SELECT count(*) `+printed+` AND (confidence IS NULL OR box_width <= 0)`); n != 0 || count(t, d, `SELECT count(*) `+printed) < 10 {
		t.Errorf("%d of the scan's %d printed figures without a box and confidence", n, count(t, d, `SELECT count(*) `+printed))
	}
	if n := count(t, d, `SELECT count(*) FROM figure WHERE table_id = 'sangong' AND row_code = 'total' AND amount = 8675000`); n != 1 {
		t.Error("the 三公 total 867.50万 is not stored")
	}

	// check and figures with the cache and without tesseract.
	noOCR := t.TempDir()
	for _, tool := range []string{"pdftotext", "pdfimages"} {
		p, err := exec.LookPath(tool)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(p, filepath.Join(noOCR, tool)); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{{"check", "--lang", "en", shortScan}, {"figures", shortScan}} {
		c := exec.Command(os.Args[0], args...)
		c.Env = append(os.Environ(), childEnv+"=1", "BUDGETQL_OCR_CACHE="+cache, "PATH="+noOCR)
		got, err := c.CombinedOutput()
		if err != nil && args[0] == "figures" || strings.Contains(string(got), "tesseract") {
			t.Fatalf("%s without tesseract: %v\n%s", args[0], err, got)
		}
		want := "format: scan"
		if args[0] == "figures" {
			want = "confidence,box"
		}
		if !strings.Contains(string(got), want) {
			t.Errorf("%s: no %q in\n%s", args[0], want, got)
		}
	}
}

// waitForOCR waits until the process has a tesseract child (read from /proc).
func waitForOCR(t *testing.T, pid int) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		stats, _ := filepath.Glob("/proc/[0-9]*/stat")
		for _, st := range stats {
			data, err := os.ReadFile(st)
			if err != nil {
				continue
			}
			// pid (comm) state ppid …
			s := string(data)
			i, j := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
			if i < 0 || j < i {
				continue
			}
			f := strings.Fields(s[j+1:])
			if s[i+1:j] == "tesseract" && len(f) > 1 && f[1] == strconv.Itoa(pid) {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("the load never started tesseract")
}
