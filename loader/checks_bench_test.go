package loader

import (
	"strings"
	"testing"
)

// BenchmarkRunChecks runs the checks of each 万里 document again on its parsed model: the repairs
// are made by then, so a run judges and reports without repairing.
func BenchmarkRunChecks(b *testing.B) {
	for _, path := range corpusTexts(b) {
		if !strings.Contains(path, "wanli") {
			continue
		}
		doc := mustParseFile(b, path)
		issues := doc.Issues
		b.Run(docName(path), func(b *testing.B) {
			for b.Loop() {
				doc.Checks, doc.Repairs, doc.Issues = nil, nil, issues[:len(issues):len(issues)]
				runChecks(doc)
			}
		})
	}
}
