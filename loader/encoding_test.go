package loader

import (
	"budgetql/loader/text"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestGBKReadsLikeUTF8 encodes each corpus text in GB18030 and requires the very same figures.
func TestGBKReadsLikeUTF8(t *testing.T) {
	for _, path := range corpusTexts(t) {
		t.Run(docName(path), func(t *testing.T) {
			utf, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			gbk, err := simplifiedchinese.GB18030.NewEncoder().Bytes(utf)
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Base(path)
			a, errA := Parse(name, utf)
			b, errB := Parse(name, gbk)
			if errA != nil || errB != nil {
				t.Fatalf("utf-8: %v; gb18030: %v", errA, errB)
			}
			if diff := cmp.Diff(a.Figures(), b.Figures(), decimalEqual); diff != "" {
				t.Errorf("GB18030 figures differ (-utf8 +gb18030):\n%s", diff)
			}
			if len(a.Figures()) == 0 {
				t.Error("no figures read")
			}
		})
	}
}

func TestDecodeText(t *testing.T) {
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String("财政拨款收入447.48万元")
	got, err := text.DecodeText([]byte(gbk))
	if err != nil || got != "财政拨款收入447.48万元" {
		t.Errorf("DecodeText(GBK) = %q, %v", got, err)
	}
	if _, err := text.DecodeText([]byte{0x81, 0x30, 0x81}); !errors.Is(err, text.ErrEncoding) {
		t.Errorf("broken GB18030: err = %v, want ErrEncoding", err)
	}
}

// decimalEqual compares decimals by value in cmp.Diff.
var decimalEqual = cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })
