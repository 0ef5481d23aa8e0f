package localpg_test

import (
	"context"
	"database/sql"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"budgetql/db/localpg"
)

// runTestScript runs scripts/test (what make test runs) on one quick database test, against the
// local cluster of home, and fails with its output when it fails.
func runTestScript(t *testing.T, home string) {
	t.Helper()
	cmd := exec.Command("../../scripts/test")
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "DATABASE_URL=") && !strings.HasPrefix(kv, "BUDGETQL_HOME=") {
			env = append(env, kv)
		}
	}
	cmd.Env = append(env, "BUDGETQL_HOME="+home, "BUDGETQL_TEST_PKGS=./db", "BUDGETQL_TEST_ARGS=-run ^TestStoreDocumentFacts$")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("scripts/test: %v\n%s", err, out)
	}
}

// leftovers lists the template and test databases of a cluster, starting it to look and
// stopping it again when it was stopped.
func leftovers(t *testing.T, c *localpg.Cluster, wasRunning bool) []string {
	t.Helper()
	ctx := context.Background()
	url, err := c.Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if !wasRunning {
			c.Stop(ctx)
		}
	}()
	conn, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	rows, err := conn.Query(`SELECT datname FROM pg_database WHERE datname LIKE 'budgetql\_t%' ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		out = append(out, n)
	}
	return out
}

// TestMakeTestLeavesClusterAsFound: make test (scripts/test) on a stopped cluster stops it again
// and leaves no template or test database; on a running cluster it leaves it running, also
// without them.
func TestMakeTestLeavesClusterAsFound(t *testing.T) {
	if _, err := exec.LookPath("psql"); err != nil {
		t.Fatalf("scripts/test needs psql: %v", err)
	}
	home := t.TempDir()
	c, err := localpg.Open(home)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	t.Cleanup(func() { c.Stop(context.Background()) })
	if _, err := c.Start(ctx); err != nil { // created, then stopped: as a user leaves it
		t.Fatal(err)
	}
	if err := c.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	runTestScript(t, home)
	if _, running, err := c.Status(ctx); err != nil || running {
		t.Errorf("after make test on a stopped cluster: running %v (%v), want stopped", running, err)
	}
	if got := leftovers(t, c, false); len(got) > 0 {
		t.Errorf("databases left behind: %v", got)
	}
	if _, err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	runTestScript(t, home)
	if _, running, err := c.Status(ctx); err != nil || !running {
		t.Errorf("after make test on a running cluster: running %v (%v), want running", running, err)
	}
	if got := leftovers(t, c, true); len(got) > 0 {
		t.Errorf("databases left behind: %v", got)
	}
}
