package narrative

import (
	"budgetql/loader/model"
	"path/filepath"
	"testing"
)

// BenchmarkRead reads the narrative of each corpus document (no tables): the narrative's share
// of a parse, compared with BenchmarkParse in package loader.
func BenchmarkRead(b *testing.B) {
	for _, name := range corpusNames() {
		info := corpusDocs[name]
		lines := gridLines(readLines(b, filepath.Join(corpusDir, name)), info.format)
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				doc := &model.Document{Year: info.year, Kind: info.kind, Format: info.format}
				Read(doc, lines)
			}
		})
	}
}
