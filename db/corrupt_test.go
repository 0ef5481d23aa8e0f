package db_test

import (
	"os"
	"path/filepath"
	"testing"

	"budgetql/db"
	"budgetql/db/dbtest"
)

// TestCorruptFileFailsAlone: a truncated PDF and a text that is no disclosure, in a directory
// with two good documents, fail alone and leave nothing behind.
func TestCorruptFileFailsAlone(t *testing.T) {
	dir := t.TempDir()
	good := []string{"putuo-wanli-street-budget-2024.pdf", "putuo-govoffice-budget-2025.pdf"}
	for _, f := range good {
		copyFile(t, filepath.Join(corpusDir, f), filepath.Join(dir, f))
	}
	pdf, err := os.ReadFile(filepath.Join(corpusDir, "putuo-wanli-street-budget-2023.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "sub", "truncated.pdf"), pdf[:len(pdf)/3])
	writeFile(t, filepath.Join(dir, "notes.txt"), []byte("会议纪要\n本文件不是预算公开文件。\n"))

	d := dbtest.New(t)
	sum := mustLoad(t, &db.Store{DB: d}, dir)
	var failed []string
	for _, f := range sum.Failed {
		failed = append(failed, filepath.Base(f.File))
	}
	if len(failed) != 2 || failed[0] != "notes.txt" || failed[1] != "truncated.pdf" {
		t.Errorf("failed = %v, want [notes.txt truncated.pdf]", failed)
	}
	if len(sum.Loaded) != len(good) {
		t.Errorf("loaded %d, want %d", len(sum.Loaded), len(good))
	}
	if n := mustCount(t, d, `SELECT count(*) FROM document WHERE file_name NOT IN ($1, $2)`, good[0], good[1]); n != 0 {
		t.Errorf("documents from failed files = %d, want 0", n)
	}
	if n := mustCount(t, d, `SELECT count(*) FROM department`); n != len(good) {
		t.Errorf("departments = %d, want %d", n, len(good))
	}
	if n := mustCount(t, d, `SELECT count(*) FROM figure f LEFT JOIN document d ON d.id = f.document_id WHERE d.id IS NULL`); n != 0 {
		t.Errorf("orphan figures = %d, want 0", n)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, to, data)
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
