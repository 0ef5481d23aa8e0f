package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/jmoiron/sqlx"

	"budgetql/db/dbtest"
	"budgetql/ingest"
	"budgetql/loader/model"
)

// worseCopy writes the 2025 government-office budget with its summary totals and class 201
// raised by 10,000,000 元: 7 checks fail where the original fails 1.
func worseCopy(t *testing.T, dir string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(corpus, "putuo-govoffice-budget-2025.txt"))
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(data), "一、一般公共服务支出               82,096,797.42", "一、一般公共服务支出               92,096,797.42", 1)
	s = strings.Replace(s, "收入总计           91,016,775.35          支出总计            91,016,775.35",
		"收入总计           101,016,775.35          支出总计            101,016,775.35", 1)
	if s == string(data) {
		t.Fatal("the corpus text changed: update worseCopy")
	}
	path := filepath.Join(dir, "govoffice-2025-off-by-10m.txt")
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// loadCLI runs `budgetql load args...` against url and returns its exit status and stdout.
func loadCLI(t *testing.T, url string, args ...string) (int, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), append([]string{"load"}, args...), &out, &errOut, envWith("DATABASE_URL", url))
	return exitCode(err, &errOut), out.String() + errOut.String()
}

// figuresOf is "file: n figures, summary income_total" for each document, current or not.
func figuresOf(t *testing.T, d *sqlx.DB) string {
	t.Helper()
	var rows []string
	err := d.Select(&rows, `SELECT d.file_name || ' v' || d.version_from || coalesce('-' || d.version_to, '') || ': ' ||
			(SELECT count(*) FROM figure f WHERE f.document_id = d.id) || ' figures, income ' ||
			(SELECT f.amount FROM figure f WHERE f.document_id = d.id AND f.table_id = 'summary'
			   AND f.row_code = 'income_total' AND f.column_id = 'total')
		FROM document d ORDER BY d.id`)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(rows, "; ")
}

// failedAndFigures reads a file as load does: its failed checks and figure rows.
func failedAndFigures(t *testing.T, path string) (int, int) {
	t.Helper()
	doc, err := ingest.ReadFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	failed := 0
	for _, c := range doc.Checks {
		if c.Result == model.CheckFailed {
			failed++
		}
	}
	return failed, len(doc.Figures())
}

// TestWorseReplacementRefused: a copy of a loaded document with its totals off by 10,000,000 元
// (more failed checks) is refused, exit 1, and the good figures stay current; the output names
// the failed checks and the changed figures. With --replace it becomes a new dataset version and
// the good document stays stored, superseded. versions lists both.
func TestWorseReplacementRefused(t *testing.T) {
	d, url := dbtest.NewURL(t)
	worse := worseCopy(t, t.TempDir())
	good := filepath.Join(corpus, "putuo-govoffice-budget-2025.txt")
	goodFailed, figures := failedAndFigures(t, good)
	worseFailed, _ := failedAndFigures(t, worse)
	if worseFailed <= goodFailed {
		t.Fatalf("the altered copy fails %d checks, the original %d: no worse", worseFailed, goodFailed)
	}
	if code, out := loadCLI(t, url, good); code != 0 || !strings.Contains(out, fmt.Sprintf("loaded   putuo-govoffice-budget-2025.txt: version 1, %d figures", figures)) {
		t.Fatalf("first load: exit %d\n%s", code, out)
	}
	goodRow := fmt.Sprintf("putuo-govoffice-budget-2025.txt v1: %d figures, income 91016775.35", figures)
	code, out := loadCLI(t, url, worse)
	for _, want := range []string{"refused 1, failed 0", "dataset version 1, unchanged",
		fmt.Sprintf("%d failed checks where the current document (putuo-govoffice-budget-2025.txt, dataset version 1) has %d", worseFailed, goodFailed),
		fmt.Sprintf("0 figures added, 0 removed, "),
		fmt.Sprintf("changed; %d failed checks (was %d)", worseFailed, goodFailed),
		"changed summary income_total 收入总计 total: 91016775.35 → 101016775.35 (line 127)",
		"failed check "} {
		if !strings.Contains(out, want) {
			t.Errorf("refused load lacks %q:\n%s", want, out)
		}
	}
	if got := figuresOf(t, d); code != 1 || got != goodRow {
		t.Errorf("after the refused load: exit %d, documents %q; want 1, %q", code, got, goodRow)
	}
	code, out = loadCLI(t, url, "--replace", worse)
	if code != 0 || !strings.Contains(out, "replaced govoffice-2025-off-by-10m.txt: version 2, against putuo-govoffice-budget-2025.txt: 0 figures added, 0 removed") {
		t.Errorf("--replace: exit %d\n%s", code, out)
	}
	want := fmt.Sprintf("putuo-govoffice-budget-2025.txt v1-2: %d figures, income 91016775.35; govoffice-2025-off-by-10m.txt v2: %d figures, income 101016775.35", figures, figures)
	if got := figuresOf(t, d); got != want {
		t.Errorf("after --replace: %q, want %q", got, want)
	}
	code, out, _ = runCLIEnv(t, envWith("DATABASE_URL", url), "versions")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 3 || !strings.HasPrefix(lines[1], "2 ") ||
		!strings.Contains(lines[1], fmt.Sprintf("%d (was %d) --replace", worseFailed, goodFailed)) ||
		!strings.HasPrefix(lines[2], "1 ") || !strings.HasSuffix(lines[2], " 2") {
		t.Errorf("versions: exit %d\n%s", code, out)
	}
}

// TestRepeatedDocumentRefused: a document concatenated with itself, or repeated 1,300 times in
// one file, is refused by check and load with the line where the repeat starts, and nothing is
// stored.
func TestRepeatedDocumentRefused(t *testing.T) {
	d, url := dbtest.NewURL(t)
	data, err := os.ReadFile(filepath.Join(corpus, "putuo-govoffice-budget-2025.txt"))
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.Count(data, []byte("\n"))
	dir := t.TempDir()
	twice, many := filepath.Join(dir, "twice.txt"), filepath.Join(dir, "repeated-1300.txt")
	os.WriteFile(twice, bytes.Repeat(data, 2), 0o644)
	os.WriteFile(many, bytes.Repeat(data, 1300), 0o644)
	for _, f := range []string{twice, many} {
		want := filepath.Base(f) + ":" + itoa(lines+1) + ": the document is repeated in the file"
		if code, _, errOut := runCLI(t, "check", f); code != 2 || !strings.Contains(errOut, want) {
			t.Errorf("check %s: exit %d %q, want 2 and %q", f, code, errOut, want)
		}
		if code, out := loadCLI(t, url, f); code != 1 || !strings.Contains(out, want) {
			t.Errorf("load %s: exit %d, want 1 and %q:\n%s", f, code, want, out)
		}
	}
	if n := count(t, d, `SELECT count(*) FROM document`) + count(t, d, `SELECT count(*) FROM figure`); n != 0 {
		t.Errorf("%d rows stored from repeated documents", n)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// runCLIEnv runs the command in-process with getenv and returns its exit status, stdout and stderr.
func runCLIEnv(t *testing.T, getenv func(string) string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := exitCode(run(context.Background(), args, &out, &errOut, getenv), &errOut)
	return code, out.String(), errOut.String()
}
