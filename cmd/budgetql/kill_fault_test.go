package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"budgetql/db/dbtest"
)

// docTables are the tables that hold one document's rows.
var docTables = []string{"unit", "subject", "figure", "project", "procurement_item", "target",
	"narrative_figure", "staffing", "check_result", "repair", "document_issue"}

// docSignatures returns, per stored file, its row count in every document table.
func docSignatures(t *testing.T, d *sqlx.DB) map[string]string {
	t.Helper()
	var cols []string
	for _, tb := range docTables {
		cols = append(cols, fmt.Sprintf("(SELECT count(*) FROM %s x WHERE x.document_id = d.id)", tb))
	}
	rows, err := d.Query(`SELECT d.file_name, concat_ws(',', ` + strings.Join(cols, ", ") + `) FROM document d`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var file, sig string
		if err := rows.Scan(&file, &sig); err != nil {
			t.Fatal(err)
		}
		out[file] = sig
	}
	return out
}

// orphanRows counts document-table rows whose document is missing (a partial write).
func orphanRows(t *testing.T, d *sqlx.DB) int {
	t.Helper()
	n := 0
	for _, tb := range docTables {
		n += count(t, d, `SELECT count(*) FROM `+tb+` x WHERE NOT EXISTS (SELECT 1 FROM document d WHERE d.id = x.document_id)`)
	}
	return n
}

// killRun starts `budgetql load dir` (the real main) and SIGKILLs it delay after its first
// write transaction began (never when delay < 0). It returns how many write transactions
// were open just before the kill, and the time from the first transaction to the end.
func killRun(t *testing.T, d *sqlx.DB, url, dir string, delay time.Duration) (openTx int, window time.Duration) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "load", "--writers", "2", dir)
	cmd.Env = append(os.Environ(), mainEnv+"=1", "DATABASE_URL="+url+"&application_name=bqkill")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	const writing = `SELECT count(*) FROM pg_stat_activity WHERE application_name = 'bqkill' AND backend_xid IS NOT NULL`
	var first time.Time
	for first.IsZero() {
		select {
		case err := <-done:
			t.Fatalf("load ended before any write transaction: %v\n%s", err, out.String())
		case <-time.After(2 * time.Millisecond):
		}
		if count(t, d, writing) > 0 {
			first = time.Now()
		}
	}
	if delay < 0 { // reference run: the span from the first write to the last seen
		last := first
		for {
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("reference load: %v\n%s", err, out.String())
				}
				return 0, last.Sub(first)
			case <-time.After(2 * time.Millisecond):
			}
			if count(t, d, writing) > 0 {
				last = time.Now()
			}
		}
	}
	select {
	case <-done:
		return 0, time.Since(first)
	case <-time.After(delay):
	}
	openTx = count(t, d, writing)
	cmd.Process.Signal(syscall.SIGKILL)
	<-done
	return openTx, time.Since(first)
}

// TestLoadKilledAt20PointsFault SIGKILLs `budgetql load` of the six corpus documents at random
// moments between its first and last write transaction, until 20 kills have landed while a
// write transaction was open (BUDGETQL_KILL_POINTS, BUDGETQL_KILL_SEED; at most 3× as many tries). After each kill every stored document is whole (its row count in every
// table equals a full load's), no row lacks its document, and the next load stores all six.
func TestLoadKilledAt20PointsFault(t *testing.T) {
	points, seed := 20, time.Now().UnixNano()
	if v, err := strconv.Atoi(os.Getenv("BUDGETQL_KILL_POINTS")); err == nil {
		points = v
	}
	if v, err := strconv.ParseInt(os.Getenv("BUDGETQL_KILL_SEED"), 10, 64); err == nil {
		seed = v
	}
	rng := rand.New(rand.NewSource(seed))
	dir := t.TempDir()
	paths, _ := filepath.Glob(filepath.Join(corpus, "*.txt"))
	for _, p := range paths {
		data, _ := os.ReadFile(p)
		os.WriteFile(filepath.Join(dir, filepath.Base(p)), data, 0o644)
	}
	refDB, refURL := dbtest.NewURL(t)
	_, window := killRun(t, refDB, refURL, dir, -1)
	want := docSignatures(t, refDB)
	if len(want) != len(paths) {
		t.Fatalf("reference load stored %d documents, want %d", len(want), len(paths))
	}
	t.Logf("seed %d; reference: %d documents, writes span %v", seed, len(want), window.Round(time.Millisecond))
	var inTx, stored, attempts int
	for inTx < points && attempts < 3*points {
		attempts++
		d, url := dbtest.NewURL(t)
		delay := time.Duration(rng.Int63n(int64(window)))
		open, _ := killRun(t, d, url, dir, delay)
		waitApp(t, d, "bqkill")
		got := docSignatures(t, d)
		for file, sig := range got {
			if sig != want[file] {
				t.Errorf("kill %d at %v: %s stored partly: rows %s, want %s", attempts, delay, file, sig, want[file])
			}
		}
		if n := orphanRows(t, d); n > 0 {
			t.Errorf("kill %d: %d rows without their document", attempts, n)
		}
		if open > 0 {
			inTx++
		}
		stored += len(got)
		reloadAll(t, d, url, dir, want)
		t.Logf("kill %2d at %4dms: %d write transactions open, %d/%d documents already whole; reload whole",
			attempts, delay.Milliseconds(), open, len(got), len(want))
		d.Close()
	}
	t.Logf("%d kills, %d inside an open write transaction; %d documents stored whole before the kills, 0 partial",
		attempts, inTx, stored)
	if inTx < points {
		t.Errorf("only %d of %d kills landed in a transaction", inTx, points)
	}
}

// waitApp waits until the backends of application name app are gone.
func waitApp(t *testing.T, d *sqlx.DB, app string) {
	t.Helper()
	for i := 0; i < 200; i++ {
		if count(t, d, `SELECT count(*) FROM pg_stat_activity WHERE application_name = '`+app+`'`) == 0 {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("the killed load's connections are still open after 10s")
}

// reloadAll loads dir again and checks that every document is now stored whole.
func reloadAll(t *testing.T, d *sqlx.DB, url, dir string, want map[string]string) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"load", dir}, &out, &errOut, envWith("DATABASE_URL", url))
	if err != nil || !strings.Contains(out.String(), "failed 0") {
		t.Fatalf("load after the kill: %v\n%s%s", err, out.String(), errOut.String())
	}
	got := docSignatures(t, d)
	if len(got) != len(want) {
		t.Errorf("after reload %d documents, want %d", len(got), len(want))
	}
	for file, sig := range want {
		if got[file] != sig {
			t.Errorf("after reload %s rows %s, want %s", file, got[file], sig)
		}
	}
}
