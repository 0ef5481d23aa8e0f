package db

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/shopspring/decimal"

	"budgetql/loader/model"
)

// Changes is what a document changed against the one it superseded: figures are matched by
// table, row code, column and occurrence (the nth cell with that key in the document).
type Changes struct {
	Added, Removed, Changed int
	Examples                []FigureChange // the first changed figures, in document order
}

// FigureChange is one figure whose amount changed.
type FigureChange struct {
	Table   string              `db:"table_id"`
	Row     string              `db:"row_code"`
	Name    string              `db:"row_name"`
	Column  string              `db:"column_id"`
	Old     decimal.NullDecimal `db:"old_amount"`
	New     decimal.NullDecimal `db:"new_amount"`
	Line    int                 `db:"line"`
	Ordinal int                 `db:"ordinal"`
}

// maxExamples bounds the changed figures a load reports per document.
const maxExamples = 5

// figurePairs pairs the figures of documents $1 (old) and $2 (new) by key and occurrence.
const figurePairs = `WITH o AS (
	SELECT table_id, row_code, column_id, amount, row_number() OVER (PARTITION BY table_id, row_code, column_id ORDER BY ordinal) AS n
	FROM figure WHERE document_id = $1
), w AS (
	SELECT table_id, row_code, row_name, column_id, amount, line, ordinal,
		row_number() OVER (PARTITION BY table_id, row_code, column_id ORDER BY ordinal) AS n
	FROM figure WHERE document_id = $2
)`

// compareFigures counts the figures added, removed and changed from document oldID (0: none)
// to newID, with the first changed ones.
func compareFigures(ctx context.Context, tx *sqlx.Tx, oldID, newID int64) (Changes, error) {
	var c Changes
	err := tx.QueryRowxContext(ctx, figurePairs+`
		SELECT count(*) FILTER (WHERE o.n IS NULL), count(*) FILTER (WHERE w.n IS NULL),
			count(*) FILTER (WHERE o.n IS NOT NULL AND w.n IS NOT NULL AND o.amount IS DISTINCT FROM w.amount)
		FROM o FULL JOIN w USING (table_id, row_code, column_id, n)`, oldID, newID).Scan(&c.Added, &c.Removed, &c.Changed)
	if err != nil {
		return c, fmt.Errorf("compare figures: %w", err)
	}
	if oldID == 0 || c.Changed == 0 {
		return c, nil
	}
	err = tx.SelectContext(ctx, &c.Examples, figurePairs+`
		SELECT w.table_id, w.row_code, w.row_name, w.column_id, o.amount AS old_amount, w.amount AS new_amount, w.line, w.ordinal
		FROM o JOIN w USING (table_id, row_code, column_id, n)
		WHERE o.amount IS DISTINCT FROM w.amount ORDER BY w.ordinal LIMIT $3`, oldID, newID, maxExamples)
	if err != nil {
		return c, fmt.Errorf("compare figures: %w", err)
	}
	return c, nil
}

// versionLock serialises the numbering of dataset versions: held from numbering to COMMIT, so
// versions commit in order and a snapshot that sees version N sees every version before it.
const versionLock = "budgetql.dataset_version"

// newVersion numbers the transaction's dataset version (the next after the newest committed),
// records it and stamps the new document, the superseded one and a new department or alias.
func newVersion(ctx context.Context, tx *sqlx.Tx, doc *model.Document, res *StoreResult, old current, forced bool) (int64, error) {
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, versionLock); err != nil {
		return 0, fmt.Errorf("lock dataset version: %w", err)
	}
	var superseded, prevFailed any
	if old.ID != 0 {
		superseded, prevFailed = old.ID, old.Failed
	}
	var v int64
	err := tx.GetContext(ctx, &v, `INSERT INTO dataset_version (version, action, document_id, superseded_id,
			file_name, department_name, year, kind, scope, figures_added, figures_removed, figures_changed,
			failed_checks, previous_failed, forced)
		SELECT coalesce(max(version), 0) + 1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14
		FROM dataset_version RETURNING version`,
		string(res.Action), res.DocumentID, superseded, txt(doc.File), txt(doc.Department), doc.Year,
		string(doc.Kind), string(doc.Scope), res.Changes.Added, res.Changes.Removed, res.Changes.Changed,
		len(res.Failed), prevFailed, forced)
	if err != nil {
		return 0, fmt.Errorf("dataset version: %w", err)
	}
	for _, u := range []struct {
		q   string
		arg any
	}{
		{`UPDATE document SET version_from = $1 WHERE id = $2`, res.DocumentID},
		{`UPDATE document SET version_to = $1 WHERE id = ANY($2)`, pq.Array(old.all)},
		{`UPDATE department SET version_from = $1 WHERE id = $2 AND version_from IS NULL`, res.DepartmentID},
		{`UPDATE department_alias SET version_from = $1 WHERE department_id = $2 AND version_from IS NULL`, res.DepartmentID},
	} {
		if _, err := tx.ExecContext(ctx, u.q, v, u.arg); err != nil {
			return 0, fmt.Errorf("dataset version: %w", err)
		}
	}
	return v, nil
}

// Version is one dataset version as `budgetql versions` lists it.
type Version struct {
	Version        int64     `db:"version"`
	CreatedAt      time.Time `db:"created_at"`
	Action         string    `db:"action"`
	DocumentID     *int64    `db:"document_id"`
	SupersededID   *int64    `db:"superseded_id"`
	FileName       string    `db:"file_name"`
	DepartmentName string    `db:"department_name"`
	Year           *int      `db:"year"`
	Kind           *string   `db:"kind"`
	Scope          *string   `db:"scope"`
	Added          int       `db:"figures_added"`
	Removed        int       `db:"figures_removed"`
	Changed        int       `db:"figures_changed"`
	Failed         int       `db:"failed_checks"`
	PreviousFailed *int      `db:"previous_failed"`
	Forced         bool      `db:"forced"`
	// SupersededIn is the version that replaced this version's document, if one did.
	SupersededIn *int64 `db:"superseded_in"`
}

// Versions returns the newest limit dataset versions (all when limit is 0), newest first.
func (s *Store) Versions(ctx context.Context, limit int) ([]Version, error) {
	var out []Version
	q := `SELECT v.*, d.version_to AS superseded_in FROM dataset_version v
		LEFT JOIN document d ON d.id = v.document_id ORDER BY v.version DESC`
	args := []any{}
	if limit > 0 {
		q += ` LIMIT $1`
		args = append(args, limit)
	}
	if err := s.DB.SelectContext(ctx, &out, q, args...); err != nil {
		return nil, fmt.Errorf("db.Versions: %w", err)
	}
	return out, nil
}

// CurrentVersion is the newest committed dataset version (0 before the first load).
func (s *Store) CurrentVersion(ctx context.Context) (int64, error) {
	var v int64
	err := s.DB.GetContext(ctx, &v, `SELECT coalesce(max(version), 0) FROM dataset_version`)
	return v, err
}
