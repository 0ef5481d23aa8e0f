package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"

	"budgetql/loader/model"
)

// Department is one department with every name it was printed under.
type Department struct {
	ID       int64  `db:"id"`
	Name     string `db:"name"`     // newest printed name
	NameKey  string `db:"name_key"` // DepartmentKey of the name
	RegionID *int64 `db:"region_id"`
}

// upsertDepartment finds the department of doc by its key (through the aliases first), creates
// it when new, records the printed name as an alias, and makes the newest year's name the
// department's name. The caller holds the department key lock.
func upsertDepartment(ctx context.Context, tx *sqlx.Tx, doc *model.Document, key string) (int64, error) {
	regionID, err := upsertRegion(ctx, tx, doc, key)
	if err != nil {
		return 0, err
	}
	name := txt(doc.Department)
	var id int64
	err = tx.GetContext(ctx, &id,
		`SELECT department_id FROM department_alias WHERE alias_key = $1 ORDER BY department_id LIMIT 1`, key)
	if errors.Is(err, sql.ErrNoRows) {
		err = tx.GetContext(ctx, &id, `
			INSERT INTO department (name, name_key, region_id) VALUES ($1, $2, $3)
			ON CONFLICT (name_key) DO UPDATE SET name_key = EXCLUDED.name_key
			RETURNING id`, name, key, regionID)
	}
	if err != nil {
		return 0, fmt.Errorf("department %q: %w", name, err)
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO department_alias (department_id, alias, alias_key) VALUES ($1, $2, $3)
		ON CONFLICT (department_id, alias) DO NOTHING`, id, name, key); err != nil {
		return 0, fmt.Errorf("department alias %q: %w", name, err)
	}
	if _, err := tx.ExecContext(ctx, `
		UPDATE department SET name = $2, region_id = COALESCE($4, region_id)
		WHERE id = $1 AND NOT EXISTS (
			SELECT 1 FROM document WHERE department_id = $1 AND year > $3 AND version_to IS NULL)`,
		id, name, doc.Year, regionID); err != nil {
		return 0, fmt.Errorf("department name %q: %w", name, err)
	}
	return id, nil
}

// upsertRegion returns the id of the region the department name starts with (after the key
// completed it with doc.Region), or nil when none is known. The code comes from doc.Region.
// It locks the region row only to fill a missing code, so departments of one region load in
// parallel.
func upsertRegion(ctx context.Context, tx *sqlx.Tx, doc *model.Document, key string) (any, error) {
	name := RegionFromName(key)
	if name == "" {
		name = foldName(doc.Region.Name)
	}
	if name == "" {
		return nil, nil
	}
	code := doc.Region.Code
	var id int64
	err := tx.GetContext(ctx, &id, `SELECT id FROM region WHERE name = $1`, name)
	if errors.Is(err, sql.ErrNoRows) {
		err = tx.GetContext(ctx, &id, `
			INSERT INTO region (code, name) VALUES (NULLIF($1, ''), $2)
			ON CONFLICT (name) DO NOTHING RETURNING id`, code, name)
		if errors.Is(err, sql.ErrNoRows) { // inserted by a concurrent load meanwhile
			err = tx.GetContext(ctx, &id, `SELECT id FROM region WHERE name = $1`, name)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("region %q: %w", name, err)
	}
	if code != "" {
		if _, err := tx.ExecContext(ctx,
			`UPDATE region SET code = $2 WHERE id = $1 AND code IS NULL`, id, code); err != nil {
			return nil, fmt.Errorf("region code %q: %w", name, err)
		}
	}
	return id, nil
}
