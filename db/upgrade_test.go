package db_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"budgetql/db"
	"budgetql/db/dbtest"
	"budgetql/loader/model"
)

// A database loaded before migration 0008 gets, on upgrade, the same document_amount rows the
// store writes when it loads the same documents today, the same marks of targets whose project is
// listed (0012) and the same projects, those of performance forms included (0015).
func TestUpgradeBackfillsDocumentAmounts(t *testing.T) {
	ctx := context.Background()
	docs := corpusDocs(t)

	fresh := dbtest.New(t)
	s := &db.Store{DB: fresh}
	for _, doc := range docs {
		if _, err := s.StoreDocument(ctx, doc); err != nil {
			t.Fatal(err)
		}
	}
	want, wantListed, wantProjects := amountRows(t, fresh), listedRows(t, fresh), projectList(t, fresh)

	old, url := emptyDatabase(t)
	if err := db.MigrateTo(url, 7); err != nil {
		t.Fatal(err)
	}
	if err := db.CopyFloorBefore15(ctx, old, docs); err != nil {
		t.Fatal(err)
	}
	if res, err := db.Migrate(ctx, url); err != nil || res.From != 7 || res.To != db.LatestVersion() {
		t.Fatalf("upgrade: %+v, %v", res, err)
	}
	got := amountRows(t, old)
	if want == "" || got != want {
		t.Fatalf("document_amount after upgrade:\n%s\nas the store writes it:\n%s", got, want)
	}
	if got := listedRows(t, old); !strings.Contains(wantListed, " true") || got != wantListed {
		t.Errorf("targets of listed projects after upgrade:\n%s\nas the store marks them:\n%s", got, wantListed)
	}
	if got := projectList(t, old); !strings.Contains(wantProjects, "performance_form") || got != wantProjects {
		t.Errorf("projects after upgrade:\n%s\nas the store writes them:\n%s", got, wantProjects)
	}
	var ungraded, graded int
	err := old.Get(&ungraded, `SELECT (SELECT count(*) FROM check_result WHERE result IN ('failed', 'repaired') AND severity = '')
		+ (SELECT count(*) FROM document_issue WHERE severity = '' OR message_en = '')`)
	if err == nil {
		err = old.Get(&graded, `SELECT count(*) FROM check_result WHERE result = 'failed' AND severity = 'high'`)
	}
	if err != nil || ungraded != 0 || graded == 0 {
		t.Errorf("findings after upgrade (0017): %d ungraded, %d failed checks graded high, %v", ungraded, graded, err)
	}
}

// projectList lists every project with its amount and source table. Not its line or unit: the
// upgrade sources a form's project at the form's first target line (the store of that time kept no
// line of 项目资金总额) and knows no 实施单位.
func projectList(t *testing.T, d *sqlx.DB) string {
	t.Helper()
	var rows []string
	err := d.Select(&rows, `SELECT concat_ws(' ', d.sha256, p.ordinal, p.code, p.name, p.amount, p.printed, p.unit,
		p.status, p.source_table) FROM project p JOIN document d ON d.id = p.document_id ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(rows, "\n")
}

// listedRows lists every target with whether its project is listed (migration 0012).
func listedRows(t *testing.T, d *sqlx.DB) string {
	t.Helper()
	var rows []string
	err := d.Select(&rows, `SELECT d.sha256 || ' ' || t.ordinal || ' ' || t.project_listed
		FROM target t JOIN document d ON d.id = t.document_id ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(rows, "\n")
}

// corpusDocs parses every corpus document, each under a department of its own (CopyFloor makes
// one department per document).
func corpusDocs(t *testing.T) []*model.Document {
	t.Helper()
	docs := parseCorpus(t)
	for i, doc := range docs {
		c := *doc
		c.Department = fmt.Sprintf("%s（%d）", c.Department, i)
		docs[i] = &c
	}
	return docs
}

// emptyDatabase creates a database without any migration, dropped when the test ends.
func emptyDatabase(t *testing.T) (*sqlx.DB, string) {
	t.Helper()
	server := dbtest.ServerURL(t)
	admin, err := sqlx.Open("postgres", server)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	name := fmt.Sprintf("budgetql_upgrade_%d", time.Now().UnixNano())
	if _, err := admin.Exec("CREATE DATABASE " + pq.QuoteIdentifier(name)); err != nil {
		t.Fatal(err)
	}
	url, err := db.WithDatabase(server, name)
	if err != nil {
		t.Fatal(err)
	}
	d, err := sqlx.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		d.Close()
		admin.Exec("DROP DATABASE IF EXISTS " + pq.QuoteIdentifier(name) + " WITH (FORCE)")
	})
	return d, url
}
