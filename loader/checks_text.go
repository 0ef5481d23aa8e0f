package loader

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Tree and row sums, most of a document's identities, write their ids and rules from their rows
// when the checks are made, into shared blocks (see textArena), rather than each holding two
// strings of its own:
//
//	tree sum: tree:<table>:<code>:<col>   "<table>: <code name> [<col>] = Σ <children>"
//	row sum:  row:<table>:<code>:<name>   "<table>: <code name> [<col>] = <printed cols>"

// writeID writes the identity's check id.
func (id *identity) writeID(b *strings.Builder) {
	switch id.shape {
	case treeSum:
		writeAll(b, "tree:", string(id.table), ":", id.row.Code, ":", id.col)
	case rowSum:
		writeAll(b, "row:", string(id.table), ":", id.row.Code, ":", id.name)
	default:
		b.WriteString(id.id)
	}
}

// writeRule writes the identity's rule.
func (id *identity) writeRule(b *strings.Builder) {
	switch id.shape {
	case treeSum:
		writeAll(b, string(id.table), ": ")
		writeCodeName(b, id.row.Code, id.row.Name)
		writeAll(b, " [", id.col, "] = Σ ")
		writeRowList(b, id.rows)
	case rowSum:
		writeAll(b, string(id.table), ": ")
		writeCodeName(b, id.row.Code, id.row.Name)
		writeAll(b, " [", id.col, "] = ")
		n := 0
		for _, c := range id.cols {
			if hasCell(id.row, c) {
				if n++; n > 1 {
					b.WriteString(" + ")
				}
				b.WriteString(c)
			}
		}
	default:
		b.WriteString(id.ruleText())
	}
}

// idText is the identity's check id.
func (id *identity) idText() string {
	if id.shape == listedSum {
		return id.id
	}
	var b strings.Builder
	id.writeID(&b)
	return b.String()
}

// ruleText is the identity's rule, building sumOf's default wording on first use.
func (id *identity) ruleText() string {
	if id.shape != listedSum {
		var b strings.Builder
		id.writeRule(&b)
		return b.String()
	}
	if id.rule == "" && id.sumRule {
		id.rule = sumRuleText(id.table, id.want, id.terms()[1:])
	}
	return id.rule
}

func writeAll(b *strings.Builder, ss ...string) {
	for _, s := range ss {
		b.WriteString(s)
	}
}

// writeCodeName writes strings.TrimSpace(code + " " + name).
func writeCodeName(b *strings.Builder, code, name string) {
	code = strings.TrimLeftFunc(code, unicode.IsSpace)
	name = strings.TrimRightFunc(name, unicode.IsSpace)
	switch {
	case code == "":
		b.WriteString(strings.TrimLeftFunc(name, unicode.IsSpace))
	case name == "":
		b.WriteString(strings.TrimRightFunc(code, unicode.IsSpace))
	default:
		writeAll(b, code, " ", name)
	}
}

// writeRowList names rows by code: joined by " + ", or the first and last of more than 6.
func writeRowList(b *strings.Builder, rows []*Row) {
	if len(rows) > 6 {
		writeAll(b, strconv.Itoa(len(rows)), " rows ", rows[0].Code, " … ", rows[len(rows)-1].Code)
		return
	}
	for i, r := range rows {
		if i > 0 {
			b.WriteString(" + ")
		}
		b.WriteString(r.Code)
	}
}

// textArena holds the checks' ids and rules in shared blocks, one allocation per block. A
// strings.Builder never changes bytes it has written, so each text can be a slice of its block.
type textArena struct{ b strings.Builder }

const textBlock = 8 << 10

// texts writes the identity's id and rule.
func (a *textArena) texts(id *identity) (idText, rule string) {
	if id.shape == listedSum {
		return id.id, id.ruleText()
	}
	if a.b.Cap()-a.b.Len() < 1024 {
		a.b.Reset() // the texts already made keep the old block
		a.b.Grow(textBlock)
	}
	start := a.b.Len()
	id.writeID(&a.b)
	mid := a.b.Len()
	id.writeRule(&a.b)
	s := a.b.String()
	return s[start:mid], s[mid:]
}

// appendLines appends the distinct input lines the identity read, in order, to slab and returns
// them (nil for none), capped so that later appends leave them alone.
func (id *identity) appendLines(slab *[]int) []int {
	s := *slab
	start := len(s)
	if l := id.wantTerm().line; l > 0 {
		s = append(s, l)
	}
	for i := range id.nparts() {
		if l := id.part(i).line; l > 0 {
			s = append(s, l)
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
func numberRepeated(checks []Check) {
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
