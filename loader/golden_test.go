package loader

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGolden compares the model of every corpus document with its golden JSON. Run with -update
// after a deliberate change, and read the diff before committing it.
func TestGolden(t *testing.T) {
	for _, path := range corpusTexts(t) {
		name := docName(path)
		t.Run(name, func(t *testing.T) {
			doc := mustParseFile(t, path)
			got, err := json.MarshalIndent(doc, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("..", "testdata", "golden", name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./loader -run TestGolden -update)", err)
			}
			if diff := cmp.Diff(string(want), string(got)+"\n"); diff != "" {
				t.Errorf("model differs from %s (-want +got):\n%s", golden, diff)
			}
		})
	}
}
