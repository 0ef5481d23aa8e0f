// Package dbtest gives tests a fresh, migrated database on a real Postgres server: the one at
// DATABASE_URL, or else the local cluster of package localpg (started if needed). When no
// server can be had the test is skipped, except under CI=true, where it fails.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"budgetql/db"
	"budgetql/db/localpg"
)

// New returns a connection to a new database migrated to the binary's schema. The database is
// dropped when the test ends.
func New(t testing.TB) *sqlx.DB {
	t.Helper()
	d, _ := NewURL(t)
	return d
}

// NewURL is New that also returns the database's URL, for code that opens its own connections
// (a child process, a server).
func NewURL(t testing.TB) (*sqlx.DB, string) {
	t.Helper()
	server := ServerURL(t)
	name, err := create(context.Background(), server)
	if err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	url, err := db.WithDatabase(server, name)
	if err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	d, err := sqlx.Open("postgres", url)
	if err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	t.Cleanup(func() {
		d.Close()
		if os.Getenv("BUDGETQL_KEEP_TEST_DB") != "" {
			t.Logf("dbtest: kept database %s", name)
			return
		}
		if err := drop(server, name); err != nil {
			t.Errorf("dbtest: drop %s: %v", name, err)
		}
	})
	return d, url
}

var (
	serverOnce sync.Once
	serverURL  string
	serverErr  error
)

// ServerURL returns the URL of the test server (its default database), starting the local
// cluster when DATABASE_URL is unset. It fails the test when none can be had: database tests
// never skip.
func ServerURL(t testing.TB) string {
	t.Helper()
	serverOnce.Do(func() { serverURL, serverErr = findServer() })
	if serverErr != nil {
		t.Fatalf("dbtest: no database (install postgresql, or set DATABASE_URL): %v", serverErr)
	}
	return serverURL
}

func findServer() (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	url := os.Getenv("DATABASE_URL")
	if url == "" {
		home, err := localpg.DefaultHome(os.Getenv)
		if err != nil {
			return "", err
		}
		c, err := localpg.Open(home)
		if err != nil {
			return "", err
		}
		if url, err = c.Start(ctx); err != nil {
			return "", err
		}
	}
	conn, err := sql.Open("postgres", url)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	return url, conn.PingContext(ctx)
}

// create makes a new database from the migrated template and returns its name.
func create(ctx context.Context, server string) (string, error) {
	tmpl, err := template(ctx, server)
	if err != nil {
		return "", err
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "budgetql_test_" + hex.EncodeToString(b)
	err = withAdmin(server, func(conn *sql.DB) error {
		return retryBusy(func() error {
			_, err := conn.ExecContext(ctx, "CREATE DATABASE "+pq.QuoteIdentifier(name)+
				" TEMPLATE "+pq.QuoteIdentifier(tmpl))
			return err
		})
	})
	return name, err
}

var (
	tmplMu    sync.Mutex
	tmplReady string
)

// template returns the name of a database migrated to this binary's schema, building it once
// per schema (under an advisory lock, so parallel test binaries build it once).
func template(ctx context.Context, server string) (string, error) {
	tmplMu.Lock()
	defer tmplMu.Unlock()
	if tmplReady != "" {
		return tmplReady, nil
	}
	name := "budgetql_template_" + db.SchemaID()
	err := withAdmin(server, func(conn *sql.DB) error {
		c, err := conn.Conn(ctx)
		if err != nil {
			return err
		}
		defer c.Close()
		if _, err := c.ExecContext(ctx, `SELECT pg_advisory_lock(hashtext('budgetql.dbtest.template'))`); err != nil {
			return err
		}
		defer c.ExecContext(context.Background(), `SELECT pg_advisory_unlock(hashtext('budgetql.dbtest.template'))`)
		var n int
		if err := c.QueryRowContext(ctx, `SELECT count(*) FROM pg_database WHERE datname = $1`, name).Scan(&n); err != nil || n > 0 {
			return err
		}
		return build(ctx, c, server, name)
	})
	if err != nil {
		return "", fmt.Errorf("template %s: %w", name, err)
	}
	tmplReady = name
	return name, nil
}

// build migrates a scratch database and renames it to name, so a half-built template is never
// used.
func build(ctx context.Context, c *sql.Conn, server, name string) error {
	scratch := name + "_build"
	if _, err := c.ExecContext(ctx, "DROP DATABASE IF EXISTS "+pq.QuoteIdentifier(scratch)+" WITH (FORCE)"); err != nil {
		return err
	}
	if _, err := c.ExecContext(ctx, "CREATE DATABASE "+pq.QuoteIdentifier(scratch)); err != nil {
		return err
	}
	url, err := db.WithDatabase(server, scratch)
	if err != nil {
		return err
	}
	if _, err := db.Migrate(ctx, url); err != nil {
		return err
	}
	return retryBusy(func() error {
		_, err := c.ExecContext(ctx, "ALTER DATABASE "+pq.QuoteIdentifier(scratch)+" RENAME TO "+pq.QuoteIdentifier(name))
		return err
	})
}

func drop(server, name string) error {
	return withAdmin(server, func(conn *sql.DB) error {
		_, err := conn.Exec("DROP DATABASE IF EXISTS " + pq.QuoteIdentifier(name) + " WITH (FORCE)")
		return err
	})
}

func withAdmin(server string, f func(*sql.DB) error) error {
	conn, err := sql.Open("postgres", server)
	if err != nil {
		return err
	}
	defer conn.Close()
	return f(conn)
}

// retryBusy retries f while the server reports a database still in use by a closing
// connection (55006 object_in_use).
func retryBusy(f func() error) error {
	var err error
	for i := 0; i < 50; i++ {
		if err = f(); err == nil || !strings.Contains(err.Error(), "being accessed by other users") {
			return err
		}
		time.Sleep(100 * time.Millisecond)
	}
	return err
}
