package localpg

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/lib/pq"
)

// TestClusterLifecycle creates a cluster whose home sits in a directory only its owner can
// enter (like /root), starts it, queries it, stops it and starts it again.
func TestClusterLifecycle(t *testing.T) {
	if _, err := FindBinaries(); errors.Is(err, ErrNoBinaries) {
		t.Fatal(err) // make test installs postgresql first (scripts/setup)
	}
	private := t.TempDir()
	if err := os.Chmod(private, 0o700); err != nil {
		t.Fatal(err)
	}
	c, err := Open(filepath.Join(private, "home"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	t.Cleanup(func() {
		c.Stop(ctx)
		os.RemoveAll(filepath.Dir(c.DataDir))
	})
	url, err := c.Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	mustQuery(t, url)
	if _, running, err := c.Status(ctx); err != nil || !running {
		t.Fatalf("Status after Start: running=%v, %v", running, err)
	}
	if err := c.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if _, running, err := c.Status(ctx); err != nil || running {
		t.Fatalf("Status after Stop: running=%v, %v", running, err)
	}
	again, err := Open(c.Home) // a later run finds the cluster through cluster.json
	if err != nil {
		t.Fatal(err)
	}
	if again.DataDir != c.DataDir {
		t.Errorf("reopened data dir %s, want %s", again.DataDir, c.DataDir)
	}
	if url, err = again.Start(ctx); err != nil {
		t.Fatal(err)
	}
	mustQuery(t, url)
}

func mustQuery(t *testing.T, url string) {
	t.Helper()
	conn, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var db string
	if err := conn.QueryRow(`SELECT current_database()`).Scan(&db); err != nil || db != Database {
		t.Fatalf("current_database() = %q, %v; want %s", db, err, Database)
	}
}

func TestDefaultHome(t *testing.T) {
	env := map[string]string{"BUDGETQL_HOME": "/srv/bq"}
	if h, _ := DefaultHome(func(k string) string { return env[k] }); h != "/srv/bq" {
		t.Errorf("DefaultHome with BUDGETQL_HOME = %q, want /srv/bq", h)
	}
	env = map[string]string{"XDG_DATA_HOME": "/x/data"}
	if h, _ := DefaultHome(func(k string) string { return env[k] }); h != "/x/data/budgetql" {
		t.Errorf("DefaultHome with XDG_DATA_HOME = %q, want /x/data/budgetql", h)
	}
}
