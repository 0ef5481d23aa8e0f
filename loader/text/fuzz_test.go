package text

import "testing"

// FuzzNormalizeNumber checks that a normalised number is a plain decimal.
func FuzzNormalizeNumber(f *testing.F) {
	for _, s := range []string{"447. 48", "8, 27", "0,00", "156,211,123", "2,940.05", "４４７．４８", "0. 1", "-", "1e5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := NormalizeNumber(s)
		if err != nil {
			return
		}
		if !rePlainNumber.MatchString(n) {
			t.Fatalf("NormalizeNumber(%q) = %q, not a plain decimal", s, n)
		}
	})
}
