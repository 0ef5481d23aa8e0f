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
	ReplacedFile string // file name of the replaced document, if any
	Figures      int    // figure rows written
}

// maxAttempts bounds retries of a document transaction after a unique violation.
const maxAttempts = 3

// StoreDocument writes one document in one transaction under an advisory lock on its
// department key. It returns ActionUnchanged when the same file (sha256) was already loaded
// by the same parser version. A document for the same department, year, kind and scope is
// moved to document_history and its facts deleted. Nothing is left behind on error.
func (s *Store) StoreDocument(ctx context.Context, doc *model.Document) (StoreResult, error) {
	if doc.SHA256 == "" || doc.Department == "" || doc.Year == 0 {
		return StoreResult{}, fmt.Errorf("db.StoreDocument %s: department, year and sha256 are required", doc.File)
	}
	for attempt := 1; ; attempt++ {
		res, err := s.storeDocument(ctx, doc)
		if err != nil && isUniqueViolation(err) && attempt < maxAttempts {
			continue // a concurrent writer won a race outside the department lock: retry
		}
		if err != nil {
			return StoreResult{}, fmt.Errorf("db.StoreDocument %s: %w", doc.File, err)
		}
		return res, nil
	}
}

func (s *Store) storeDocument(ctx context.Context, doc *model.Document) (StoreResult, error) {
	var res StoreResult
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
	histID, oldFile, err := retireDocument(ctx, tx, res.DepartmentID, doc)
	if err != nil {
		return res, err
	}
	if res.DocumentID, err = insertDocument(ctx, tx, res.DepartmentID, histID, doc); err != nil {
		return res, err
	}
	if histID != 0 {
		res.Action, res.ReplacedFile = ActionReplaced, oldFile
		if _, err := tx.ExecContext(ctx, `UPDATE document_history SET replaced_by = $1 WHERE id = $2`,
			res.DocumentID, histID); err != nil {
			return res, err
		}
	} else {
		res.Action = ActionLoaded
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
	if s.BeforeCommit != nil {
		if err := s.BeforeCommit(ctx, doc.File); err != nil {
			return res, err
		}
	}
	return res, tx.Commit()
}

// unchangedDocument returns the id of the stored document with this sha256 and the current
// parser version, or ErrNotFound.
func unchangedDocument(ctx context.Context, tx *sqlx.Tx, sha string) (int64, error) {
	var id int64
	err := tx.GetContext(ctx, &id,
		`SELECT id FROM document WHERE sha256 = $1 AND parser_version = $2`, sha, loader.ParserVersion)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	return id, err
}

// retireDocument moves the document that holds the slot (department, year, kind, scope), or
// the same file read by an older parser, to document_history and deletes its facts. It
// returns the history id (0 when nothing was retired) and the retired file name.
func retireDocument(ctx context.Context, tx *sqlx.Tx, deptID int64, doc *model.Document) (int64, string, error) {
	rows, err := tx.QueryContext(ctx, `
		WITH old AS (
			DELETE FROM document
			WHERE (department_id = $1 AND year = $2 AND kind = $3 AND scope = $4) OR sha256 = $5
			RETURNING id, department_id, file_name, sha256, parser_version, year, kind, scope, loaded_at
		)
		INSERT INTO document_history
			(department_id, file_name, sha256, parser_version, year, kind, scope, loaded_at)
		SELECT department_id, file_name, sha256, parser_version, year, kind, scope, loaded_at
		FROM old
		ORDER BY id
		RETURNING id, file_name`,
		deptID, doc.Year, string(doc.Kind), string(doc.Scope), doc.SHA256)
	if err != nil {
		return 0, "", fmt.Errorf("retire document: %w", err)
	}
	defer rows.Close()
	var histID int64
	var file string
	for rows.Next() {
		var id int64
		var f string
		if err := rows.Scan(&id, &f); err != nil {
			return 0, "", err
		}
		if histID == 0 {
			histID, file = id, f
		}
	}
	return histID, file, rows.Err()
}

func insertDocument(ctx context.Context, tx *sqlx.Tx, deptID, histID int64, doc *model.Document) (int64, error) {
	var replaced any
	if histID != 0 {
		replaced = histID
	}
	var id int64
	err := tx.GetContext(ctx, &id, `
		INSERT INTO document (department_id, file_name, sha256, format, parser_version,
			department_name, year, kind, scope, pages, lines, replaced_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
		RETURNING id`,
		deptID, doc.File, doc.SHA256, string(doc.Format), loader.ParserVersion,
		txt(doc.Department), doc.Year, string(doc.Kind), string(doc.Scope), doc.Pages, doc.Lines, replaced)
	if err != nil {
		return 0, fmt.Errorf("insert document: %w", err)
	}
	return id, nil
}
