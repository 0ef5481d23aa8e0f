package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"sync"

	"github.com/jmoiron/sqlx"
)

// ErrNoVersion is returned by Begin for a dataset version that does not exist (yet).
var ErrNoVersion = errors.New("no such dataset version")

// Snapshot is one request's view of the store: a REPEATABLE READ, read-only transaction, so
// every statement of the request reads the same committed state, at one dataset version. The
// Reader's methods run in it when their context carries it (WithSnapshot).
type Snapshot struct {
	// Version is the dataset version the request reads: the pinned one, else the newest.
	Version int64
	// Newest is the newest dataset version committed when the snapshot was taken.
	Newest int64

	r   *Reader
	mu  sync.Mutex // one statement at a time on the transaction's connection
	tx  *sqlx.Tx
	err error // the first error that broke the transaction
}

// Begin takes a snapshot at version pin (the newest when pin < 0). A pin newer than the newest
// version is ErrNoVersion.
func (r *Reader) Begin(ctx context.Context, pin int64) (*Snapshot, error) {
	tx, err := r.DB.BeginTxx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("db.Begin: %w", err)
	}
	s := &Snapshot{r: r, tx: tx}
	if err := tx.GetContext(ctx, &s.Newest, `SELECT coalesce(max(version), 0) FROM dataset_version`); err != nil {
		tx.Rollback()
		return nil, fmt.Errorf("db.Begin: %w", err)
	}
	s.Version = s.Newest
	if pin >= 0 {
		if pin > s.Newest {
			tx.Rollback()
			return nil, fmt.Errorf("%w: %d (the newest is %d)", ErrNoVersion, pin, s.Newest)
		}
		s.Version = pin
	}
	return s, nil
}

// Close ends the snapshot's transaction. It returns the error that broke the transaction
// during the request, if one did.
func (s *Snapshot) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tx.Rollback()
	return s.err
}

// Err is the error that broke the snapshot's transaction, if any.
func (s *Snapshot) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

type snapshotKey struct{}

// WithSnapshot makes the Reader's methods called with the returned context run in s.
func WithSnapshot(ctx context.Context, s *Snapshot) context.Context {
	return context.WithValue(ctx, snapshotKey{}, s)
}

// SnapshotFrom is the snapshot of ctx, or nil.
func SnapshotFrom(ctx context.Context) *Snapshot {
	s, _ := ctx.Value(snapshotKey{}).(*Snapshot)
	return s
}

// VersionOf is the dataset version the context reads: its snapshot's, else the newest.
func VersionOf(ctx context.Context) int64 { return versionOf(ctx) }

// versionOf is the dataset version a statement reads: the snapshot's, else every current row.
func versionOf(ctx context.Context) int64 {
	if s := SnapshotFrom(ctx); s != nil {
		return s.Version
	}
	return math.MaxInt64
}

// visible is the condition that document alias d is part of the dataset at version parameter p
// ($n): loaded at or before it and not superseded by then.
func visible(d, p string) string {
	return `(` + d + `.version_from <= ` + p + ` AND (` + d + `.version_to IS NULL OR ` + d + `.version_to > ` + p + `))`
}

// run runs one statement in the snapshot. After an error from the server the transaction is
// aborted, so every later statement of the request gets that first error again.
func (s *Snapshot) run(ctx context.Context, query string, f func(q sqlx.ExtContext, st *sqlx.Stmt) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return s.err
	}
	var st *sqlx.Stmt
	if p := s.r.prepared(query); p != nil {
		st = s.tx.StmtxContext(ctx, p)
		defer st.Close()
	}
	err := f(s.tx, st)
	switch {
	case err == nil, errors.Is(err, sql.ErrNoRows):
	case ctx.Err() != nil:
		s.err = ctx.Err()
	default:
		s.err = err
	}
	return err
}
