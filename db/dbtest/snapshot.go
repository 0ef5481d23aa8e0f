package dbtest

import (
	"testing"

	"github.com/jmoiron/sqlx"
)

// Snapshot returns a content checksum per table ("N rows <md5>"), independent of surrogate
// ids and load times: two databases holding the same documents have equal snapshots.
func Snapshot(t testing.TB, d *sqlx.DB) map[string]string {
	t.Helper()
	drop := `- 'department_id' - 'document_id' - 'id' - 'loaded_at' - 'replaced_at' - 'replaced_id' - 'replaced_by' - 'region_id' - 'version_from' - 'version_to' - 'supersedes'`
	queries := map[string]string{
		"region":           `SELECT to_jsonb(r) - 'id' AS j FROM region r`,
		"department":       `SELECT to_jsonb(p) ` + drop + ` AS j FROM department p`,
		"department_alias": `SELECT to_jsonb(a) ` + drop + ` || jsonb_build_object('key', p.name_key) AS j FROM department_alias a JOIN department p ON p.id = a.department_id`,
		"document":         `SELECT to_jsonb(x) ` + drop + ` AS j FROM document x`,
		"document_history": `SELECT to_jsonb(x) ` + drop + ` AS j FROM document_history x`,
	}
	for _, table := range []string{"unit", "subject", "figure", "project", "procurement_item", "target",
		"narrative_figure", "staffing", "check_result", "repair", "document_issue", "document_amount"} {
		queries[table] = `SELECT to_jsonb(x) ` + drop + ` || jsonb_build_object('sha', d.sha256) AS j
			FROM ` + table + ` x JOIN document d ON d.id = x.document_id`
	}
	out := map[string]string{}
	for table, q := range queries {
		var sum string
		err := d.Get(&sum, `SELECT count(*) || ' rows ' || coalesce(md5(string_agg(j::text, '|' ORDER BY j::text)), '')
			FROM (`+q+`) s`)
		if err != nil {
			t.Fatalf("dbtest.Snapshot %s: %v", table, err)
		}
		out[table] = sum
	}
	return out
}

// DiffSnapshots reports every table whose snapshot differs.
func DiffSnapshots(t testing.TB, what string, a, b map[string]string) {
	t.Helper()
	for table, sa := range a {
		if sb := b[table]; sa != sb {
			t.Errorf("%s: %s differs: %s vs %s", what, table, sa, sb)
		}
	}
}
