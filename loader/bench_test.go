package loader

import (
	"os"
	"testing"
)

// BenchmarkParse parses each corpus document from its text.
func BenchmarkParse(b *testing.B) {
	for _, path := range corpusTexts(b) {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(docName(path), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Parse("bench.txt", data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
