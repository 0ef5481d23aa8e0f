package db

import (
	"strings"
	"testing"
)

// TestProbeBigramsBounded: however long or repetitive a term, search asks the indexes for at
// most maxProbeBigrams distinct pieces of it, its first and last among them.
func TestProbeBigramsBounded(t *testing.T) {
	cases := map[string]string{
		"热线":                          "热线",
		"12345热线":                     "12,23,45,热线",
		strings.Repeat("热", 64):       "热热",
		strings.Repeat("热线%_", 16):    "热线,线%,%_,_热",
		strings.Repeat("ab%_", 10000): "ab,b%,%_,_a",
		"ABC":                         "ab,bc",
	}
	for term, want := range cases {
		if got := strings.Join(probeBigrams(term), ","); got != want {
			t.Errorf("probeBigrams(%.20q) = %s, want %s", term, got, want)
		}
	}
}
