package narrative

import (
	"regexp"
	"strings"
	"testing"
)

// reLabels is every label in one expression, one group per label: the leftmost label ending a
// text, as labelIndex must find it.
var reLabels = func() *regexp.Regexp {
	alts := make([]string, len(narrativeLabels))
	for i, l := range narrativeLabels {
		alts[i] = "(" + l.re + ")"
	}
	return regexp.MustCompile("(?:" + strings.Join(alts, "|") + ")" + labelSuffix)
}()

// Every tail of up to maxLabelTail runes of every paragraph of the corpus gets the same label and
// span from labelIndex as from the single expression.
func TestLabelIndexMatchesRegexp(t *testing.T) {
	hits, tried := 0, 0
	for _, name := range corpusNames() {
		doc, lines := corpusDoc(t, name)
		for _, p := range buildParagraphs(lines, doc.Format) {
			for end := 1; end <= len(p.text); end++ {
				tail := labelText(p.sub(max(0, end-maxLabelTail), end))
				k, a, b := labels.find(tail)
				tried++
				m := reLabels.FindStringSubmatchIndex(tail)
				if m == nil {
					if k >= 0 {
						t.Fatalf("%q: labelIndex finds label %d, the regexp none", tail, k)
					}
					continue
				}
				hits++
				want := -1
				for i := range narrativeLabels {
					if m[2+2*i] >= 0 {
						want = i
						break
					}
				}
				if k != want || a != m[2+2*want] || b != m[3+2*want] {
					t.Fatalf("%q: labelIndex gives label %d [%d,%d), the regexp %d [%d,%d)", tail, k, a, b, want, m[2+2*want], m[3+2*want])
				}
			}
		}
	}
	t.Logf("%d of %d tails end in a label", hits, tried)
	if hits < 100 {
		t.Fatalf("only %d of %d tails end in a label: the comparison proves little", hits, tried)
	}
}

// firstRunes knows the first runes of every label, so none falls back to being tried everywhere.
func TestLabelFirstRunes(t *testing.T) {
	if len(labels.anyFirst) > 0 {
		t.Errorf("labels %v have no known first runes", labels.anyFirst)
	}
	if got := labels.byFirst['公']; len(got) != 4 {
		t.Errorf("labels starting with 公: %v, want the four 公务… labels", got)
	}
}
