package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"

	"budgetql/loader"
	"budgetql/loader/model"
)

// Action says what storing a document did.
type Action string

// Actions of StoreDocument.
const (
	ActionLoaded    Action = "loaded"    // new department-year-kind-scope
	ActionUnchanged Action = "unchanged" // same sha256 and parser version already stored
	ActionReplaced  Action = "replaced"  // replaced an earlier file for the same slot
)

// StoreResult is what StoreDocument did.
type StoreResult struct {
	Action       Action
	DocumentID   int64
	DepartmentID int64
	ReplacedFile string // file name of the superseded document, if any
	Figures      int    // figure rows written
	Version      int64  // the dataset version this write made (0 when unchanged)
	Changes      Changes
	// Failed are the document's failed checks; PreviousFailed the superseded document's count.
	Failed         []model.Check
	PreviousFailed int
}

// maxAttempts bounds retries of a document transaction after a unique violation.
const maxAttempts = 3

// StoreDocument writes one document in one transaction under an advisory lock on its
// department key, as a new dataset version. It returns ActionUnchanged when the same file
// (sha256) is already current, read by the same parser version. The document holding the same
// department, year, kind and scope stays stored, superseded by the new version; a replacement
// with more failed checks than it is refused (*RefusedError) unless s.ReplaceWorse. Nothing is
// left behind on error.
func (s *Store) StoreDocument(ctx context.Context, doc *model.Document) (StoreResult, error) {
	if doc.SHA256 == "" || doc.Department == "" || doc.Year == 0 {
		return StoreResult{}, fmt.Errorf("db.StoreDocument %s: department, year and sha256 are required", doc.File)
	}
	for attempt := 1; ; attempt++ {
		res, err := s.storeDocument(ctx, doc)
		if err != nil && isUniqueViolation(err) && attempt < maxAttempts {
			continue // a concurrent writer won a race outside the department lock: retry
		}
		var refused *RefusedError
		if errors.As(err, &refused) {
			return res, err
		}
		if err != nil {
			return StoreResult{}, fmt.Errorf("db.StoreDocument %s: %w", doc.File, err)
		}
		return res, nil
	}
}

func (s *Store) storeDocument(ctx context.Context, doc *model.Document) (StoreResult, error) {
	res := StoreResult{Failed: failedChecks(doc)}
	tx, err := s.DB.BeginTxx(ctx, nil)
	if err != nil {
		return res, err
	}
	defer tx.Rollback()

	key := DepartmentKey(doc.Department, doc.Region.Name)
	// The commit does not wait for the WAL flush: a server crash may lose the last documents
	// loaded (a new load stores them again), never a part of one.
	if _, err := tx.ExecContext(ctx, `SELECT set_config('synchronous_commit', 'off', true),
		pg_advisory_xact_lock(hashtextextended($1, 0))`, "budgetql.department:"+key); err != nil {
		return res, fmt.Errorf("lock department: %w", err)
	}
	id, err := unchangedDocument(ctx, tx, doc.SHA256)
	if err == nil {
		return StoreResult{Action: ActionUnchanged, DocumentID: id}, nil
	} else if !errors.Is(err, ErrNotFound) {
		return res, err
	}
	if res.DepartmentID, err = upsertDepartment(ctx, tx, doc, key); err != nil {
		return res, err
	}
	old, err := supersede(ctx, tx, res.DepartmentID, doc)
	if err != nil {
		return res, err
	}
	if res.DocumentID, err = insertDocument(ctx, tx, res.DepartmentID, old.ID, doc); err != nil {
		return res, err
	}
	res.Action = ActionLoaded
	if old.ID != 0 {
		res.Action, res.ReplacedFile, res.PreviousFailed = ActionReplaced, old.FileName, old.Failed
	}
	if res.Figures, err = copyFacts(ctx, tx, ids{res.DepartmentID, res.DocumentID}, doc); err != nil {
		return res, err
	}
	if err := writeDocumentAmounts(ctx, tx, res.DocumentID); err != nil {
		return res, err
	}
	if _, err := tx.ExecContext(ctx, `SELECT budgetql_mark_listed_projects($1)`, res.DocumentID); err != nil {
		return res, fmt.Errorf("listed projects: %w", err)
	}
	if res.Changes, err = compareFigures(ctx, tx, old.ID, res.DocumentID); err != nil {
		return res, err
	}
	forced := old.ID != 0 && len(res.Failed) > old.Failed
	if forced && !s.ReplaceWorse {
		return res, &RefusedError{File: doc.File, Current: old.FileName, CurrentVersion: old.VersionFrom,
			Failed: len(res.Failed), CurrentFailed: old.Failed}
	}
	if res.Version, err = newVersion(ctx, tx, doc, &res, old, forced); err != nil {
		return res, err
	}
	if s.BeforeCommit != nil {
		if err := s.BeforeCommit(ctx, doc.File); err != nil {
			return res, err
		}
	}
	return res, tx.Commit()
}

// RefusedError is a replacement refused because its checks are worse than the current
// document's: more of them failed.
type RefusedError struct {
	File, Current         string // the refused file and the current document's file
	CurrentVersion        int64  // the dataset version that loaded the current document
	Failed, CurrentFailed int    // failed checks of each
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("%d failed checks where the current document (%s, dataset version %d) has %d: "+
		"the replacement is refused and nothing changed (load --replace replaces it anyway)", e.Failed, e.Current, e.CurrentVersion, e.CurrentFailed)
}

// failedChecks are the checks of doc that failed.
func failedChecks(doc *model.Document) []model.Check {
	var out []model.Check
	for _, c := range doc.Checks {
		if c.Result == model.CheckFailed {
			out = append(out, c)
		}
	}
	return out
}

// unchangedDocument returns the id of the stored document with this sha256 and the current
// parser version, or ErrNotFound.
func unchangedDocument(ctx context.Context, tx *sqlx.Tx, sha string) (int64, error) {
	var id int64
	err := tx.GetContext(ctx, &id,
		`SELECT id FROM document WHERE sha256 = $1 AND parser_version = $2 AND version_to IS NULL`, sha, loader.ParserVersion)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	return id, err
}

// current is the document a new one supersedes.
type current struct {
	ID          int64   `db:"id"`
	FileName    string  `db:"file_name"`
	VersionFrom int64   `db:"version_from"`
	Failed      int     `db:"failed"`
	all         []int64 // every document superseded (the slot's and the same file's)
}

// supersede finds the current document of the slot (department, year, kind, scope), or the
// same file read by an older parser, and marks it superseded (version_to, set to the new
// version by newVersion); its rows stay. It returns the zero value when there is none.
func supersede(ctx context.Context, tx *sqlx.Tx, deptID int64, doc *model.Document) (current, error) {
	var olds []current
	err := tx.SelectContext(ctx, &olds, `
		UPDATE document d SET version_to = 0
		WHERE d.version_to IS NULL AND ((d.department_id = $1 AND d.year = $2 AND d.kind = $3 AND d.scope = $4)
			OR d.sha256 = $5)
		RETURNING d.id, d.file_name, d.version_from,
			(SELECT count(*) FROM check_result c WHERE c.document_id = d.id AND c.result = 'failed') AS failed`,
		deptID, doc.Year, string(doc.Kind), string(doc.Scope), doc.SHA256)
	if err != nil {
		return current{}, fmt.Errorf("supersede document: %w", err)
	}
	var out current
	var all []int64
	for _, o := range olds {
		all = append(all, o.ID)
		if out.ID == 0 || o.ID < out.ID {
			out = o
		}
	}
	out.all = all
	return out, nil
}

func insertDocument(ctx context.Context, tx *sqlx.Tx, deptID, oldID int64, doc *model.Document) (int64, error) {
	var supersedes any
	if oldID != 0 {
		supersedes = oldID
	}
	var id int64
	err := tx.GetContext(ctx, &id, `
		INSERT INTO document (department_id, file_name, sha256, format, parser_version,
			department_name, year, kind, scope, pages, lines, supersedes)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
		RETURNING id`,
		deptID, doc.File, doc.SHA256, string(doc.Format), loader.ParserVersion,
		txt(doc.Department), doc.Year, string(doc.Kind), string(doc.Scope), doc.Pages, doc.Lines, supersedes)
	if err != nil {
		return 0, fmt.Errorf("insert document: %w", err)
	}
	return id, nil
}
