// Package db stores the documents that package loader reads in Postgres: departments with
// their aliases, regions, documents and every fact of the model, each with its source. Writing
// a document is one transaction; bulk rows go through COPY. Migrations are embedded.
package db

import (
	"context"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// Errors returned by the store.
var (
	// ErrNotFound is returned when a looked-up row does not exist.
	ErrNotFound = errors.New("not found")
	// ErrNoDatabase is returned by Open when the server cannot be reached.
	ErrNoDatabase = errors.New("database unreachable")
)

// Store is the Postgres store.
type Store struct {
	DB *sqlx.DB

	// BeforeCommit, when set, runs inside each document's transaction just before COMMIT.
	// Tests use it to kill a load mid-transaction.
	BeforeCommit func(ctx context.Context, file string) error

	// ReplaceWorse lets a document replace the current one of its slot even when more of its
	// checks fail (load --replace); otherwise such a replacement is refused.
	ReplaceWorse bool
}

// Open connects to the database at url (a postgres:// URL or key=value DSN) and checks it.
// It does not migrate; call Migrate.
func Open(ctx context.Context, url string) (*Store, error) {
	d, err := sqlx.Open("postgres", url)
	if err != nil {
		return nil, fmt.Errorf("db.Open: %w", err)
	}
	if err := d.PingContext(ctx); err != nil {
		d.Close()
		return nil, fmt.Errorf("db.Open: %w: %v", ErrNoDatabase, err)
	}
	return &Store{DB: d}, nil
}

// Close closes the connection pool.
func (s *Store) Close() error { return s.DB.Close() }

// isUniqueViolation reports whether err is a Postgres unique violation (23505).
func isUniqueViolation(err error) bool {
	var pe *pq.Error
	return errors.As(err, &pe) && pe.Code == "23505"
}
