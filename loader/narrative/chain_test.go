package narrative

import (
	"regexp"
	"slices"
	"testing"
)

func TestSplitChainMatchesRegexp(t *testing.T) {
	re := regexp.MustCompile(`（(?:类|款|项)）`)
	for _, h := range []string{"", "A", "A（类）B（款）C（项）", "（类）", "A（其他）B（款）", "A（（类）B", "一般公共服务（类）（款）", "A（类", "A（类）（项）（款）X"} {
		if got, want := splitChain(h), re.Split(h, -1); !slices.Equal(got, want) {
			t.Errorf("splitChain(%q) = %q, regexp gives %q", h, got, want)
		}
	}
}
