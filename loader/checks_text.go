package loader

import (
	"budgetql/loader/model"
	"hash/maphash"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unsafe"
)

// Tree and row sums, most of a document's identities, write their ids and rules from their rows
// when the checks are made, into shared blocks (see textArena), rather than each holding two
// strings of its own:
//
//	tree sum: tree:<table>:<code>:<col>   "<table>: <code name> [<col>] = Σ <children>"
//	row sum:  row:<table>:<code>:<name>   "<table>: <code name> [<col>] = <printed cols>"

// appendID appends the identity's check id.
func (id *identity) appendID(b []byte) []byte {
	switch id.shape {
	case treeSum:
		return appendAll(b, "tree:", string(id.table), ":", id.row.Code, ":", id.col)
	case rowSum:
		return appendAll(b, "row:", string(id.table), ":", id.row.Code, ":", rowSumNames[id.name])
	}
	return append(b, id.id...)
}

// appendRule appends the identity's rule.
func (id *identity) appendRule(b []byte) []byte {
	switch id.shape {
	case treeSum:
		b = appendAll(b, string(id.table), ": ")
		b = appendCodeName(b, id.row.Code, id.row.Name)
		b = appendAll(b, " [", id.col, "] = Σ ")
		return appendRowList(b, id.rows)
	case rowSum:
		b = appendAll(b, string(id.table), ": ")
		b = appendCodeName(b, id.row.Code, id.row.Name)
		b = appendAll(b, " [", id.col, "] = ")
		n := 0
		for _, c := range id.cols {
			if hasCell(id.row, c) {
				if n++; n > 1 {
					b = append(b, " + "...)
				}
				b = append(b, c...)
			}
		}
		return b
	}
	return append(b, id.ruleText()...)
}

// idText is the identity's check id.
func (id *identity) idText() string {
	if id.shape == listedSum {
		return id.id
	}
	return string(id.appendID(nil))
}

// ruleText is the identity's rule, building sumOf's default wording on first use.
func (id *identity) ruleText() string {
	if id.shape != listedSum {
		return string(id.appendRule(nil))
	}
	if id.rule == "" && id.sumRule {
		id.rule = sumRuleText(id.table, id.want, id.terms()[1:])
	}
	return id.rule
}

func appendAll(b []byte, ss ...string) []byte {
	for _, s := range ss {
		b = append(b, s...)
	}
	return b
}

// appendCodeName appends strings.TrimSpace(code + " " + name).
func appendCodeName(b []byte, code, name string) []byte {
	code = strings.TrimLeftFunc(code, unicode.IsSpace)
	name = strings.TrimRightFunc(name, unicode.IsSpace)
	switch {
	case code == "":
		return append(b, strings.TrimLeftFunc(name, unicode.IsSpace)...)
	case name == "":
		return append(b, strings.TrimRightFunc(code, unicode.IsSpace)...)
	}
	return appendAll(b, code, " ", name)
}

// appendRowList names rows by code: joined by " + ", or the first and last of more than 6.
func appendRowList(b []byte, rows []*model.Row) []byte {
	if len(rows) > 6 {
		b = strconv.AppendInt(b, int64(len(rows)), 10)
		return appendAll(b, " rows ", rows[0].Code, " … ", rows[len(rows)-1].Code)
	}
	for i, r := range rows {
		if i > 0 {
			b = append(b, " + "...)
		}
		b = append(b, r.Code...)
	}
	return b
}

// textArena holds the checks' ids and rules in shared blocks, one allocation per block. The
// bytes of a block below its length are never written again, so, as in strings.Builder, each
// text can be a string over its part of the block.
type textArena struct{ block []byte }

const textBlock = 8 << 10

// texts writes the identity's id and rule.
func (a *textArena) texts(id *identity) (idText, rule string) {
	if id.shape == listedSum {
		return id.id, id.ruleText()
	}
	b := a.block
	if cap(b)-len(b) < 1024 {
		b = make([]byte, 0, textBlock) // the texts already made keep the old block
	}
	start := len(b)
	b = id.appendID(b)
	mid := len(b)
	b = id.appendRule(b)
	a.block = b
	s := unsafe.String(unsafe.SliceData(b), len(b))
	return s[start:mid], s[mid:]
}

// appendLines appends the distinct input lines the identity read, in order, to slab and returns
// them (nil for none), capped so that later appends leave them alone.
func (id *identity) appendLines(slab *[]int) []int {
	s := *slab
	start := len(s)
	if l := id.wantLine(); l > 0 {
		s = append(s, l)
	}
	if id.shape != rowSum { // a row sum's parts are on its row's line
		for i := range id.nparts() {
			if l := id.partLine(i); l > 0 {
				s = append(s, l)
			}
		}
	}
	if len(s) == start {
		return nil
	}
	out := s[start:]
	slices.Sort(out)
	out = slices.Compact(out)
	*slab = s[:start+len(out)]
	return out[:len(out):len(out)]
}

// numberRepeated gives a check id met before "#n", n its occurrence (a code printed twice in one
// table).
func numberRepeated(checks []model.Check) {
	if !mayRepeat(checks) {
		return
	}
	order := make([]int32, len(checks))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return strings.Compare(checks[a].ID, checks[b].ID) })
	prev, n := "", 0
	for i, k := range order {
		c := &checks[k]
		if i == 0 || c.ID != prev {
			prev, n = c.ID, 1
			continue
		}
		n++
		c.ID += "#" + strconv.Itoa(n)
	}
}

// mayRepeat reports whether two checks' ids hash alike (in 31 bits), as repeated ids do. The
// hashes go in an open-addressing set: cheaper than sorting them.
func mayRepeat(checks []model.Check) bool {
	seed := maphash.MakeSeed()
	size := 16
	for size < len(checks)+len(checks)/3 {
		size *= 2
	}
	set := make([]uint32, size)
	mask := uint32(size - 1)
	for i := range checks {
		h := uint32(maphash.String(seed, checks[i].ID)) | 1 // 0 is an empty slot
		j := h & mask
		for set[j] != 0 && set[j] != h {
			j = (j + 1) & mask
		}
		if set[j] == h {
			return true
		}
		set[j] = h
	}
	return false
}
