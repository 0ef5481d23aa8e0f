package db

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"strings"

	"github.com/golang-migrate/migrate/v4"
	"github.com/golang-migrate/migrate/v4/database/postgres"
	"github.com/golang-migrate/migrate/v4/source/iofs"
)

//go:embed migrations/*.sql
var migrations embed.FS

// MigrateResult says which schema version a database was at before and after Migrate.
type MigrateResult struct {
	From, To uint
}

// Migrate applies every pending migration to the database at url. golang-migrate holds a
// pg_advisory_lock for the whole run, so concurrent callers (load, serve, migrate) wait for
// each other; each file runs as one transaction.
func Migrate(ctx context.Context, url string) (MigrateResult, error) {
	var res MigrateResult
	conn, err := sql.Open("postgres", url)
	if err != nil {
		return res, fmt.Errorf("db.Migrate: %w", err)
	}
	defer conn.Close()
	if err := conn.PingContext(ctx); err != nil {
		return res, fmt.Errorf("db.Migrate: %w: %v", ErrNoDatabase, err)
	}
	m, err := newMigrate(conn)
	if err != nil {
		return res, fmt.Errorf("db.Migrate: %w", err)
	}
	defer m.Close()
	res.From = version(m)
	if err := m.Up(); err != nil && !errors.Is(err, migrate.ErrNoChange) {
		return res, fmt.Errorf("db.Migrate: %w", err)
	}
	res.To = version(m)
	return res, nil
}

// newMigrate is golang-migrate over the embedded migrations on conn.
func newMigrate(conn *sql.DB) (*migrate.Migrate, error) {
	drv, err := postgres.WithInstance(conn, &postgres.Config{})
	if err != nil {
		return nil, err
	}
	src, err := iofs.New(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	return migrate.NewWithInstance("iofs", src, "postgres", drv)
}

func version(m *migrate.Migrate) uint {
	v, _, err := m.Version()
	if err != nil {
		return 0
	}
	return v
}

// LatestVersion is the highest migration number embedded in the binary.
func LatestVersion() uint {
	src, err := iofs.New(migrations, "migrations")
	if err != nil {
		return 0
	}
	defer src.Close()
	v, err := src.First()
	for err == nil {
		next, nerr := src.Next(v)
		if nerr != nil {
			break
		}
		v = next
	}
	return v
}

// SchemaID is a hash of every embedded migration: databases migrated by binaries with the
// same SchemaID have the same schema (tests use it to name template databases).
func SchemaID() string {
	h := sha256.New()
	entries, _ := fs.ReadDir(migrations, "migrations")
	for _, e := range entries {
		data, _ := fs.ReadFile(migrations, "migrations/"+e.Name())
		fmt.Fprintf(h, "%s %d\n", e.Name(), len(data))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// WithDatabase returns url (a postgres:// URL or a key=value DSN) pointing at database name.
func WithDatabase(dsn, name string) (string, error) {
	if !strings.HasPrefix(dsn, "postgres://") && !strings.HasPrefix(dsn, "postgresql://") {
		return dsn + " dbname='" + strings.ReplaceAll(name, "'", `\'`) + "'", nil
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "", fmt.Errorf("db.WithDatabase: %w", err)
	}
	q := u.Query()
	if q.Has("dbname") {
		q.Set("dbname", name)
		u.RawQuery = q.Encode()
	}
	u.Path = "/" + name
	return u.String(), nil
}
