package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jmoiron/sqlx"
	"golang.org/x/text/encoding/simplifiedchinese"

	"budgetql/db/dbtest"
)

var badDir = filepath.Join("..", "..", "testdata", "bad")

// allTables are every table of the schema that a load writes.
var allTables = append([]string{"region", "department", "department_alias", "document", "document_history"}, docTables...)

// tableCounts returns the row count of every table.
func tableCounts(t *testing.T, d *sqlx.DB) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, tb := range allTables {
		out[tb] = count(t, d, `SELECT count(*) FROM `+tb)
	}
	return out
}

// loadFile runs `budgetql load path` in-process and returns its exit status and output.
func loadFile(t *testing.T, url, path string) (int, string) {
	t.Helper()
	var out bytes.Buffer
	err := run(context.Background(), []string{"load", path}, &out, &out, envWith("DATABASE_URL", url))
	code := exitCode(err, &out)
	return code, out.String()
}

// TestBadDocumentsLoadNothingReliability loads every bad document (and a 65 MiB file) into a
// database that already holds a document: each exits 1, names the file with its reason, and
// no table changes.
func TestBadDocumentsLoadNothingReliability(t *testing.T) {
	d, url := dbtest.NewURL(t)
	if code, out := loadFile(t, url, filepath.Join(corpus, "putuo-govoffice-budget-2025.txt")); code != 0 {
		t.Fatalf("good document: exit %d\n%s", code, out)
	}
	before := tableCounts(t, d)
	huge := filepath.Join(t.TempDir(), "huge.txt")
	if f, err := os.Create(huge); err == nil {
		f.Truncate(65 << 20) // sparse
		f.Close()
	}
	cases := map[string]string{
		"empty.txt":            "the file is empty",
		"binary.bin":           "the file is binary",
		"truncated.pdf":        "the PDF is damaged or truncated",
		"encrypted.pdf":        "the PDF is encrypted",
		"scanned-no-text.pdf":  "the PDF has no text layer",
		"utf16.txt":            "neither UTF-8 nor GB18030",
		"utf32.txt":            "neither UTF-8 nor GB18030",
		"big5.txt":             "neither UTF-8 nor GB18030",
		"shift-jis.txt":        "no budget disclosure found",
		"unknown-template.txt": "no budget disclosure found",
		"no-tables.txt":        "no standard table found",
		"two-years.txt":        "mixes two documents",
		huge:                   "larger than 64 MiB",
	}
	for file, want := range cases {
		t.Run(filepath.Base(file), func(t *testing.T) {
			path := file
			if !filepath.IsAbs(path) {
				path = filepath.Join(badDir, file)
			}
			code, out := loadFile(t, url, path)
			if code != 1 || !strings.Contains(out, "failed 1") || !strings.Contains(out, want) {
				t.Errorf("exit %d, output lacks %q or \"failed 1\":\n%s", code, want, out)
			}
			after := tableCounts(t, d)
			for tb, n := range before {
				if after[tb] != n {
					t.Errorf("%s: %d rows after the bad load, %d before", tb, after[tb], n)
				}
			}
		})
	}
}

// TestTableTwiceReliability: the summary table printed twice loads once: the copy is
// reported as left out (document_issue duplicate_table with both lines), and the document
// stores exactly the rows of the same budget without the copy.
func TestTableTwiceReliability(t *testing.T) {
	d, url := dbtest.NewURL(t)
	code, out := loadFile(t, url, filepath.Join(badDir, "table-twice.txt"))
	if code != 0 || !strings.Contains(out, "loaded 1,") {
		t.Fatalf("exit %d\n%s", code, out)
	}
	var detail string
	var line int
	if err := d.QueryRow(`SELECT detail, line FROM document_issue WHERE kind = 'duplicate_table'`).Scan(&detail, &line); err != nil {
		t.Fatalf("no duplicate_table issue stored: %v", err)
	}
	if line != 221 || !strings.Contains(detail, "first at line 194") || !strings.Contains(detail, "left out, its figures are the same") {
		t.Errorf("issue line %d %q; want line 221, first at line 194, left out, same figures", line, detail)
	}
	twice := docSignatures(t, d)["table-twice.txt"]
	d2, url2 := dbtest.NewURL(t)
	if code, out := loadFile(t, url2, filepath.Join(corpus, "putuo-wanli-street-budget-2023.txt")); code != 0 {
		t.Fatalf("clean copy: exit %d\n%s", code, out)
	}
	clean := docSignatures(t, d2)["putuo-wanli-street-budget-2023.txt"]
	// Every table holds the same rows; document_issue also holds the duplicate.
	tw, cl := strings.Split(twice, ","), strings.Split(clean, ",")
	for i, tb := range docTables {
		if tb != "document_issue" && tw[i] != cl[i] {
			t.Errorf("%s: %s rows with the table twice, %s without", tb, tw[i], cl[i])
		}
	}
	t.Logf("table twice: rows %s (clean %s); issue: %s", twice, clean, detail)
}

// TestTableTwiceDiffersReliability: when the second copy contradicts the first, the document
// is read from the first copy and the issue must say the copies differ.
func TestTableTwiceDiffersReliability(t *testing.T) {
	code, out, stderr := runCLI(t, "check", "--lang", "en", filepath.Join(badDir, "table-twice-differs.txt"))
	_, issue, ok := strings.Cut(out, "[duplicate_table]")
	issue, _, _ = strings.Cut(issue, "\n")
	if code != 0 || !ok || !strings.Contains(issue, "Line 221,") {
		t.Fatalf("exit %d, duplicate_table issue %q: %s", code, issue, stderr)
	}
	if !strings.Contains(issue, "its figures differ: row") {
		t.Errorf("duplicate_table issue %q does not say how the copies differ", issue)
	}
}

// figureText is every figure of the database as one text, in document order.
func figureText(t *testing.T, d *sqlx.DB) string {
	t.Helper()
	var rows []string
	err := d.Select(&rows, `SELECT concat_ws('|', ordinal, year, kind, table_id, row_code, row_name, column_id,
		amount::text, printed, unit, status, note, page, line, line_text) FROM figure ORDER BY ordinal`)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(rows, "\n")
}

// TestGBKLoadsLikeUTF8Reliability loads a GB18030 (GBK) copy of a corpus text and the UTF-8
// original into two databases: every figure (value, printed text, source line) is the same.
func TestGBKLoadsLikeUTF8Reliability(t *testing.T) {
	src := filepath.Join(corpus, "putuo-wanli-street-budget-2024.txt")
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	gbk, err := simplifiedchinese.GB18030.NewEncoder().Bytes(data)
	if err != nil {
		t.Fatal(err)
	}
	gbkPath := filepath.Join(t.TempDir(), "wanli-2024-gbk.txt")
	os.WriteFile(gbkPath, gbk, 0o644)
	var texts [2]string
	for i, p := range []string{src, gbkPath} {
		d, url := dbtest.NewURL(t)
		if code, out := loadFile(t, url, p); code != 0 {
			t.Fatalf("%s: exit %d\n%s", p, code, out)
		}
		texts[i] = figureText(t, d)
	}
	if texts[0] != texts[1] || texts[0] == "" {
		t.Errorf("GBK copy loads differently (%d vs %d bytes of figures)", len(texts[1]), len(texts[0]))
	}
	t.Logf("%d figures identical", strings.Count(texts[0], "\n")+1)
}
