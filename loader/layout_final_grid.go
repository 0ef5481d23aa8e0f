package loader

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"fmt"
	"math"
	"sort"
	"strings"
)

// This file places the amounts of a final-accounts (决算) table in its columns. pdftotext prints
// a row's amounts on the code line or on lines above it, and each page of a table on its own grid,
// so amounts are placed page by page: the amounts of a page are grouped by horizontal position and
// the groups are matched, in order, with the header columns. The budget parser's PlaceAmounts
// works row by row, which 决算 rows spread over several lines cannot use.

// finCol describes a column by the header fragments that name it.
type finCol struct {
	side int      // 0 left, 1 right (tables printed side by side)
	id   string   // column id
	row  string   // row code, for tables whose header columns are rows (三公)
	keys []string // header fragments, the first found wins
	nth  int      // which occurrence of the fragment (0-based), for repeated labels (决算数)
}

// finAnchor is a column found in the header, at the centre of its label.
type finAnchor struct {
	finCol
	center float64
	line   int
}

// finAnchors finds each column's header label; columns not printed are left out. The result is
// in printed order.
func finAnchors(header []text.Line, cols []finCol) []finAnchor {
	var out []finAnchor
	for _, c := range cols {
		if a, ok := finFindAnchor(header, c); ok {
			out = append(out, a)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].center < out[j].center })
	return out
}

func finFindAnchor(header []text.Line, c finCol) (finAnchor, bool) {
	for _, key := range c.keys {
		n := 0
		for _, l := range header {
			for _, run := range finRuns(l.Text, key) {
				if n == c.nth {
					return finAnchor{finCol: c, center: run, line: l.No}, true
				}
				n++
			}
		}
	}
	return finAnchor{}, false
}

// finRuns returns the centre of every run of non-space runes of text that contains key.
func finRuns(text, key string) []float64 {
	r, k := []rune(text), []rune(key)
	var out []float64
	for i := 0; i+len(k) <= len(r); i++ {
		if string(r[i:i+len(k)]) != key {
			continue
		}
		s, e := i, i+len(k)
		for s > 0 && r[s-1] != ' ' {
			s--
		}
		for e < len(r) && r[e] != ' ' {
			e++
		}
		out = append(out, float64(s+e)/2)
		i = e
	}
	return out
}

// finIsAmount reports whether a cell is a printed amount of a 决算 table: a number with decimals
// or thousands separators. Bare integers are codes or ordinals.
func finIsAmount(s string) bool {
	return text.IsAmountText(s) && strings.ContainsAny(s, ".,")
}

// finAmt is one amount cell of a table body.
type finAmt struct {
	line text.Line
	cell LayoutCell
}

type finKey struct{ line, start int }

const (
	finClusterGap = 4.0  // amounts further apart than this (runes) are in different columns
	finMaxOffset  = 12.0 // an amount group further than this from its header label is not placed
	finMinMargin  = 3.0  // the best placement must beat the next one by this much
)

// finPlacement is where each amount of a table went (anchor index by line and start), and the
// pages whose amounts could not be placed.
type finPlacement struct {
	at     map[finKey]int
	failed map[int]bool
}

// finPlace assigns every amount to an anchor, page by page. Amounts of a page that cannot be
// placed without guessing are reported as issues and left out.
func finPlace(doc *model.Document, id model.TableID, amts []finAmt, anchors []finAnchor) finPlacement {
	out := finPlacement{at: map[finKey]int{}, failed: map[int]bool{}}
	byPage := map[int][]finAmt{}
	var pages []int
	for _, a := range amts {
		if _, ok := byPage[a.line.Page]; !ok {
			pages = append(pages, a.line.Page)
		}
		byPage[a.line.Page] = append(byPage[a.line.Page], a)
	}
	used := map[int]bool{}
	for i, p := range pages {
		groups := finCluster(byPage[p])
		idx, ok := finMatch(groups, anchors)
		if ok && i > 0 && finShifted(groups, idx, anchors) {
			ok = finSubset(idx, used)
		}
		if !ok {
			out.failed[p] = true
			doc.Issues = append(doc.Issues, model.Issue{Kind: "unread", Line: byPage[p][0].line.No,
				Detail: fmt.Sprintf("%s page %d: the amounts' columns cannot be told from the header; %d amounts left out", id, p, len(byPage[p]))})
			continue
		}
		for _, j := range idx {
			used[j] = true
		}
		for g, grp := range groups {
			for _, a := range grp.amts {
				out.at[finKey{a.line.No, a.cell.Start}] = idx[g]
			}
		}
	}
	return out
}

type finGroup struct {
	amts   []finAmt
	center float64
}

// finCluster groups amounts whose centres lie within finClusterGap of the next.
func finCluster(amts []finAmt) []finGroup {
	s := append([]finAmt(nil), amts...)
	sort.SliceStable(s, func(i, j int) bool { return s[i].cell.Centre() < s[j].cell.Centre() })
	var groups []finGroup
	for i, a := range s {
		if i == 0 || a.cell.Centre()-s[i-1].cell.Centre() > finClusterGap {
			groups = append(groups, finGroup{})
		}
		g := &groups[len(groups)-1]
		g.amts = append(g.amts, a)
	}
	for i := range groups {
		sum := 0.0
		for _, a := range groups[i].amts {
			sum += a.cell.Centre()
		}
		groups[i].center = sum / float64(len(groups[i].amts))
	}
	return groups
}

// finMatch matches groups to anchors in order with the least total distance. It fails when there
// are more groups than anchors, a group lies too far from its anchor, or another placement is
// nearly as good (unless the counts leave no choice).
func finMatch(groups []finGroup, anchors []finAnchor) ([]int, bool) {
	k, m := len(groups), len(anchors)
	if k == 0 {
		return nil, true
	}
	if k > m {
		return nil, false
	}
	best, second := math.Inf(1), math.Inf(1)
	var bestIdx []int
	cur := make([]int, k)
	var walk func(g, from int, cost float64)
	walk = func(g, from int, cost float64) {
		if g == k {
			if cost < best {
				best, second = cost, best
				bestIdx = append([]int(nil), cur...)
			} else if cost < second {
				second = cost
			}
			return
		}
		for j := from; j <= m-(k-g); j++ {
			cur[g] = j
			walk(g+1, j+1, cost+math.Abs(groups[g].center-anchors[j].center))
		}
	}
	walk(0, 0, 0)
	for g, j := range bestIdx {
		if math.Abs(groups[g].center-anchors[j].center) > finMaxOffset {
			return nil, false
		}
	}
	if k < m && second-best < finMinMargin {
		return nil, false
	}
	return bestIdx, true
}

// finShifted reports whether a page's amounts lie off their header labels: a continuation page
// that pdftotext laid out on a narrower or wider grid.
func finShifted(groups []finGroup, idx []int, anchors []finAnchor) bool {
	for g, j := range idx {
		if math.Abs(groups[g].center-anchors[j].center) > finClusterGap {
			return true
		}
	}
	return false
}

// finSubset reports whether a shifted page uses only columns used on earlier pages; the order of
// its amounts then tells their columns. A column first seen on such a page would be a guess.
func finSubset(idx []int, used map[int]bool) bool {
	for _, j := range idx {
		if !used[j] {
			return false
		}
	}
	return true
}
