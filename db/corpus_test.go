package db_test

import (
	"context"
	"testing"

	"budgetql/db"
	"budgetql/db/dbtest"
	"budgetql/ingest"
)

// corpusDir is the bundled corpus: `budgetql load testdata/corpus` loads its PDFs and the OCR
// text of zengdu (its .txt files beside a PDF are the same documents and are skipped).
const corpusDir = "../testdata/corpus"

// corpusFiles are the documents the corpus must load, by file name.
var corpusFiles = []string{
	"putuo-finance-final-2024.pdf", "putuo-govoffice-budget-2025.pdf",
	"putuo-wanli-street-budget-2023.pdf", "putuo-wanli-street-budget-2024.pdf",
	"putuo-wanli-street-budget-2025.pdf", "zengdu-zwfw-budget-2024.txt",
}

// mustLoad loads paths into the store and returns the summary; parse failures are in it.
func mustLoad(t *testing.T, s *db.Store, paths ...string) *ingest.Summary {
	t.Helper()
	sum, err := ingest.Load(context.Background(), s, paths, ingest.LoadOptions{})
	if err != nil {
		t.Fatalf("Load(%v): %v", paths, err)
	}
	for _, f := range sum.Failed {
		t.Logf("failed: %s: %v", f.File, f.Err)
	}
	return sum
}

// TestLoadCorpus loads the whole corpus and checks that every document is stored.
func TestLoadCorpus(t *testing.T) {
	d := dbtest.New(t)
	sum := mustLoad(t, &db.Store{DB: d}, corpusDir)
	if len(sum.Failed) > 0 || len(sum.Loaded) != len(corpusFiles) {
		t.Errorf("loaded %d, failed %d; want %d loaded, 0 failed", len(sum.Loaded), len(sum.Failed), len(corpusFiles))
	}
	if len(sum.Skipped) != 5 {
		t.Errorf("skipped %d, want the 5 .txt files beside their PDF", len(sum.Skipped))
	}
	for _, f := range corpusFiles {
		if n := mustCount(t, d, `SELECT count(*) FROM document WHERE file_name = $1`, f); n != 1 {
			t.Errorf("document %s stored %d times, want 1", f, n)
		}
	}
}

// TestWanliOneDepartment: 万里 2023–2025 is one department with one region.
func TestWanliOneDepartment(t *testing.T) {
	d := dbtest.New(t)
	s := &db.Store{DB: d}
	mustLoad(t, s, corpusDir+"/putuo-wanli-street-budget-2023.pdf", corpusDir+"/putuo-wanli-street-budget-2024.pdf",
		corpusDir+"/putuo-wanli-street-budget-2025.pdf", corpusDir+"/putuo-govoffice-budget-2025.pdf")
	var got struct {
		Depts   int    `db:"depts"`
		Years   string `db:"years"`
		Regions int    `db:"regions"`
	}
	err := d.Get(&got, `
		SELECT count(DISTINCT d.department_id) AS depts, string_agg(d.year::text, ',' ORDER BY d.year) AS years,
			count(DISTINCT p.region_id) AS regions
		FROM document d JOIN department p ON p.id = d.department_id
		WHERE d.file_name LIKE 'putuo-wanli-street-budget-%'`)
	if err != nil {
		t.Fatal(err)
	}
	if got.Depts != 1 || got.Years != "2023,2024,2025" || got.Regions != 1 {
		t.Errorf("万里: %d departments, years %q, %d regions; want 1, 2023,2024,2025, 1", got.Depts, got.Years, got.Regions)
	}
	if n := mustCount(t, d, `SELECT count(*) FROM department`); n != 2 {
		t.Errorf("departments = %d, want 2 (万里 and 区政府办公室)", n)
	}
	var region string
	if err := d.Get(&region, `SELECT DISTINCT r.name FROM region r JOIN department p ON p.region_id = r.id`); err != nil || region != "上海市普陀区" {
		t.Errorf("region = %q (%v), want 上海市普陀区", region, err)
	}
}

// TestReloadChangesNothing: loading the corpus again writes nothing.
func TestReloadChangesNothing(t *testing.T) {
	d := dbtest.New(t)
	s := &db.Store{DB: d}
	first := mustLoad(t, s, corpusDir)
	if len(first.Loaded) == 0 {
		t.Fatal("nothing loaded")
	}
	before := dbtest.Snapshot(t, d)
	var loadedAt string
	d.Get(&loadedAt, `SELECT string_agg(loaded_at::text, ',' ORDER BY id) FROM document`)
	second := mustLoad(t, s, corpusDir)
	if len(second.Unchanged) != len(first.Loaded) || len(second.Loaded)+len(second.Replaced) != 0 {
		t.Errorf("reload: %d unchanged, %d loaded, %d replaced; want %d unchanged only",
			len(second.Unchanged), len(second.Loaded), len(second.Replaced), len(first.Loaded))
	}
	dbtest.DiffSnapshots(t, "reload", before, dbtest.Snapshot(t, d))
	var again string
	d.Get(&again, `SELECT string_agg(loaded_at::text, ',' ORDER BY id) FROM document`)
	if again != loadedAt {
		t.Errorf("reload rewrote documents: loaded_at %s -> %s", loadedAt, again)
	}
}

// TestConcurrentLoadsEqualOne: two loads of the corpus at once end like one load.
func TestConcurrentLoadsEqualOne(t *testing.T) {
	one := dbtest.New(t)
	mustLoad(t, &db.Store{DB: one}, corpusDir)
	twoDB, url := dbtest.NewURL(t)
	errs := make(chan error, 2)
	for range 2 {
		go func() {
			s, err := db.Open(context.Background(), url) // each load its own pool, like two processes
			if err != nil {
				errs <- err
				return
			}
			defer s.Close()
			_, err = ingest.Load(context.Background(), s, []string{corpusDir}, ingest.LoadOptions{})
			errs <- err
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	a, b := dbtest.Snapshot(t, one), dbtest.Snapshot(t, twoDB)
	if a["document"] == "0 rows " {
		t.Fatal("nothing loaded")
	}
	dbtest.DiffSnapshots(t, "one load vs two concurrent loads", a, b)
}

// TestNewFileReplacesOld: the PDF of a document loaded before from its text replaces it as a
// new dataset version; the text's document stays stored, superseded.
func TestNewFileReplacesOld(t *testing.T) {
	d := dbtest.New(t)
	s := &db.Store{DB: d}
	first := mustLoad(t, s, corpusDir+"/putuo-wanli-street-budget-2024.txt")
	second := mustLoad(t, s, corpusDir+"/putuo-wanli-street-budget-2024.pdf")
	if len(first.Loaded) != 1 || len(second.Replaced) != 1 {
		t.Fatalf("loaded %d then replaced %d, want 1 and 1", len(first.Loaded), len(second.Replaced))
	}
	var got string
	err := d.Get(&got, `SELECT o.file_name || ' -> ' || n.file_name || ' in ' || o.version_to FROM document o
		JOIN document n ON n.supersedes = o.id AND n.version_from = o.version_to`)
	if err != nil || got != "putuo-wanli-street-budget-2024.txt -> putuo-wanli-street-budget-2024.pdf in 2" {
		t.Errorf("superseded = %q (%v)", got, err)
	}
	if n := mustCount(t, d, `SELECT count(DISTINCT document_id) FROM figure`); n != 2 {
		t.Errorf("figures of %d documents, want both versions'", n)
	}
}
