package check_test

import (
	"budgetql/loader"
	"budgetql/loader/check"
	"budgetql/loader/text"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkRun runs the checks of each corpus document again on its parsed model: the repairs
// are made by then, so a run judges and reports without repairing.
func BenchmarkRun(b *testing.B) {
	paths, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "corpus", "*.txt"))
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		doc, err := loader.Parse(filepath.Base(path), data)
		if err != nil {
			b.Fatal(err)
		}
		lines := text.SplitLines(string(data))
		issues := doc.Issues
		b.Run(strings.TrimSuffix(filepath.Base(path), ".txt"), func(b *testing.B) {
			for b.Loop() {
				doc.Checks, doc.Repairs, doc.Issues = nil, nil, issues[:len(issues):len(issues)]
				check.Run(doc, lines)
			}
		})
	}
}
