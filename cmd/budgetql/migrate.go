package main

import (
	"fmt"

	"budgetql/db"
)

// migrateCmd applies the embedded migrations.
type migrateCmd struct{}

// Run migrates the database at DATABASE_URL (or the local cluster).
func (c *migrateCmd) Run(e *env) error {
	url, err := e.databaseURL()
	if err != nil {
		return err
	}
	res, err := db.Migrate(e.ctx, url)
	if err != nil {
		return err
	}
	if res.From == res.To {
		fmt.Fprintf(e.stdout, "schema up to date (version %d)\n", res.To)
		return nil
	}
	fmt.Fprintf(e.stdout, "migrated from version %d to %d\n", res.From, res.To)
	return nil
}
