package narrative

import (
	"regexp"
	"regexp/syntax"
)

// labelIndex finds what reLabels finds, the leftmost label that ends a text (with its suffix),
// without running the whole alternation at every position: at each rune it tries only the labels
// that can start with that rune, each as its own anchored expression, in reLabels' order.
type labelIndex struct {
	anchored []*regexp.Regexp // ^(label)suffix$, one per narrativeLabels entry
	byFirst  map[rune][]int   // labels that can start with a rune
	anyFirst []int            // labels whose first rune is not one of a known set
	all      []int            // every label, tried at every rune when anyFirst is not empty
}

var labels = newLabelIndex(narrativeLabels)

func newLabelIndex(ls []narrativeLabel) *labelIndex {
	x := &labelIndex{byFirst: map[rune][]int{}}
	for i, l := range ls {
		x.anchored = append(x.anchored, regexp.MustCompile("^("+l.re+")"+labelSuffix))
		x.all = append(x.all, i)
		re, err := syntax.Parse(l.re, syntax.Perl)
		if err != nil {
			panic(err)
		}
		set, ok := firstRunes(re.Simplify())
		if !ok {
			x.anyFirst = append(x.anyFirst, i)
			continue
		}
		for r := range set {
			x.byFirst[r] = append(x.byFirst[r], i)
		}
	}
	return x
}

// find returns the index of the label and its byte span in t, as the groups of
// reLabels.FindStringSubmatchIndex(t) give them; k is -1 when no label ends t.
func (x *labelIndex) find(t string) (k, a, b int) {
	for i, r := range t {
		cands := x.byFirst[r]
		if len(x.anyFirst) > 0 {
			cands = x.all // a label could start anywhere: try them all, in order
		}
		for _, k := range cands {
			if m := x.anchored[k].FindStringSubmatchIndex(t[i:]); m != nil {
				return k, i + m[2], i + m[3]
			}
		}
	}
	return -1, 0, 0
}

// firstRunes returns the runes a match of re can start with; ok is false when that set is not
// known (any character, a class, an empty match, case folding).
func firstRunes(re *syntax.Regexp) (set map[rune]bool, ok bool) {
	set = map[rune]bool{}
	nullable, ok := addFirst(re, set)
	return set, ok && !nullable
}

// addFirst adds re's possible first runes to set and reports whether re can match empty.
func addFirst(re *syntax.Regexp, set map[rune]bool) (nullable, ok bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 || len(re.Rune) == 0 {
			return false, false
		}
		set[re.Rune[0]] = true
		return false, true
	case syntax.OpCapture:
		return addFirst(re.Sub[0], set)
	case syntax.OpQuest, syntax.OpStar:
		_, ok := addFirst(re.Sub[0], set)
		return true, ok
	case syntax.OpPlus:
		return addFirst(re.Sub[0], set)
	case syntax.OpAlternate:
		any := false
		for _, s := range re.Sub {
			n, ok := addFirst(s, set)
			if !ok {
				return false, false
			}
			any = any || n
		}
		return any, true
	case syntax.OpConcat:
		for _, s := range re.Sub {
			n, ok := addFirst(s, set)
			if !ok {
				return false, false
			}
			if !n {
				return false, true
			}
		}
		return true, true
	case syntax.OpEmptyMatch:
		return true, true
	}
	return false, false
}
