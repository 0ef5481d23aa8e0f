package main

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"budgetql/db/dbtest"
)

// childEnv makes the test binary run the command line instead of the tests (TestMain), so a
// test can start `budgetql load` as a real process and kill it.
const childEnv = "BUDGETQL_TEST_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
		os.Exit(exitCode(err, os.Stderr))
	}
	os.Exit(m.Run())
}

var corpus = filepath.Join("..", "..", "testdata", "corpus")

func count(t *testing.T, d *sqlx.DB, query string) int {
	t.Helper()
	var n int
	if err := d.Get(&n, query); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// TestKilledLoadLeavesNothing SIGKILLs a `budgetql load` while its document transaction is
// open (after every COPY, before COMMIT) and checks that nothing of the document is stored
// and that the next load stores it whole.
func TestKilledLoadLeavesNothing(t *testing.T) {
	d, url := dbtest.NewURL(t)
	file := filepath.Join(corpus, "putuo-wanli-street-budget-2024.pdf")
	cmd := exec.Command(os.Args[0], "load", file)
	cmd.Env = append(os.Environ(), childEnv+"=1", "DATABASE_URL="+url, testHookEnv+"=2m")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	inTx := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if strings.Contains(sc.Text(), "test hook: in transaction") {
				inTx <- true
			}
		}
		close(inTx)
	}()
	select {
	case ok := <-inTx:
		if !ok {
			cmd.Wait()
			t.Fatal("the child ended before its transaction (did the document parse?)")
		}
	case <-time.After(2 * time.Minute):
		cmd.Process.Kill()
		t.Fatal("the child never reached its transaction")
	}
	if n := count(t, d, `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'`); n != 1 {
		t.Errorf("open transactions before the kill = %d, want 1", n)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	waitGone(t, d)
	for _, table := range []string{"document", "department", "department_alias", "region", "figure", "subject", "check_result"} {
		if n := count(t, d, `SELECT count(*) FROM `+table); n != 0 {
			t.Errorf("%s rows after the kill = %d, want 0", table, n)
		}
	}
	var out, errOut bytes.Buffer
	err = run(context.Background(), []string{"load", file}, &out, &errOut, envWith("DATABASE_URL", url))
	if err != nil || !strings.Contains(out.String(), "loaded 1,") {
		t.Fatalf("load after the kill: %v\n%s%s", err, out.String(), errOut.String())
	}
	if n := count(t, d, `SELECT count(*) FROM figure`); n == 0 {
		t.Error("no figures after the second load")
	}
}

// waitGone waits until the killed child's backend has left (its transaction rolled back).
func waitGone(t *testing.T, d *sqlx.DB) {
	t.Helper()
	for i := 0; i < 100; i++ {
		if count(t, d, `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`) == 0 {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("the killed child's connection is still open after 10s")
}

func envWith(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

// TestLoadSummaryAndExitStatus: a directory with a file that is no disclosure loads the rest,
// prints the summary with the failure and its reason, and exits 1; loading again is unchanged.
func TestLoadSummaryAndExitStatus(t *testing.T) {
	_, url := dbtest.NewURL(t)
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join(corpus, "putuo-govoffice-budget-2025.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "putuo-govoffice-budget-2025.pdf"), data, 0o644)
	os.WriteFile(filepath.Join(dir, "putuo-govoffice-budget-2025.txt"), []byte("same document as the PDF"), 0o644)
	os.WriteFile(filepath.Join(dir, "memo.txt"), []byte("会议纪要\n"), 0o644)
	getenv := envWith("DATABASE_URL", url)
	var out, errOut bytes.Buffer
	code := exitCode(run(context.Background(), []string{"load", dir}, &out, &errOut, getenv), &errOut)
	for _, want := range []string{"loaded 1, replaced 0, unchanged 0, refused 0, failed 1, skipped 1",
		"skipped  " + filepath.Join(dir, "putuo-govoffice-budget-2025.txt") + ": same document as putuo-govoffice-budget-2025.pdf",
		"failed   " + filepath.Join(dir, "memo.txt") + ": memo.txt"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, out.String())
		}
	}
	if code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	out.Reset()
	err = run(context.Background(), []string{"load", filepath.Join(dir, "putuo-govoffice-budget-2025.pdf")}, &out, &errOut, getenv)
	if err != nil || !strings.Contains(out.String(), "loaded 0, replaced 0, unchanged 1, refused 0, failed 0") {
		t.Errorf("second load: %v\n%s", err, out.String())
	}
}

// TestTwoLoadProcessesEqualOne runs two `budgetql load` processes on the corpus at once and
// compares the database with one loaded by a single run.
func TestTwoLoadProcessesEqualOne(t *testing.T) {
	one, oneURL := dbtest.NewURL(t)
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"load", corpus}, &out, &errOut, envWith("DATABASE_URL", oneURL)); err != nil {
		t.Logf("single load: %v\n%s", err, out.String()) // parse failures show in both databases alike
	}
	two, twoURL := dbtest.NewURL(t)
	var cmds []*exec.Cmd
	for range 2 {
		cmd := exec.Command(os.Args[0], "load", corpus)
		cmd.Env = append(os.Environ(), childEnv+"=1", "DATABASE_URL="+twoURL)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	for _, cmd := range cmds {
		cmd.Wait() // exit status 1 when a document fails to parse, in both runs alike
	}
	a, b := dbtest.Snapshot(t, one), dbtest.Snapshot(t, two)
	if count(t, one, `SELECT count(*) FROM document`) == 0 {
		t.Fatal("nothing loaded")
	}
	dbtest.DiffSnapshots(t, "one load vs two concurrent processes", a, b)
}
