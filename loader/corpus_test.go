package loader

import (
	"budgetql/loader/model"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// corpusDir holds the real documents the tests read.
const corpusDir = "../testdata/corpus"

// corpusTexts returns the paths of every text document of the corpus (OCR and pdftotext output).
func corpusTexts(t testing.TB) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(corpusDir, "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no corpus texts in %s: %v", corpusDir, err)
	}
	sort.Strings(paths)
	return paths
}

// mustParseFile parses one corpus text file.
func mustParseFile(t testing.TB, path string) *model.Document {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse(filepath.Base(path), data)
	if err != nil {
		t.Fatalf("Parse(%s): %v", path, err)
	}
	return doc
}

// docName is a corpus file's name without its extension.
func docName(path string) string {
	return strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
}
