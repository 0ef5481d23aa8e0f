package shape

import (
	"fmt"
	"sort"
	"strings"

	"budgetql/loader/model"
	"budgetql/loader/vocab"
)

// byNameResolver returns how a table that prints subjects by name only (indented, no codes)
// finds each row's code: its level from its indentation, its code from the classification by
// name under the row above it one level up. It is nil for a table whose rows print codes.
func byNameResolver(id model.TableID, rows []*rawRow, year int) func(r *rawRow) (string, int) {
	var xs []int
	coded := 0
	for _, r := range rows {
		switch {
		case r.total:
		case r.code != "":
			coded++
		case r.name != "":
			xs = append(xs, r.nameX)
		}
	}
	if len(xs) == 0 || coded > len(xs) {
		return nil
	}
	levels := indentLevels(xs)
	lookup := vocab.FunctionCode
	if vocab.IsEconomicTable(id) {
		lookup = vocab.EconomicCode
	}
	parents := make([]string, 4)
	return func(r *rawRow) (string, int) {
		level := levels[r.nameX]
		if level < 1 || level > 3 {
			return "", 0
		}
		code, ok := lookup(r.name, parents[level-1], year)
		if !ok {
			return "", 0
		}
		parents[level] = code
		for l := level + 1; l < len(parents); l++ {
			parents[l] = ""
		}
		return code, level
	}
}

// indentLevels numbers the distinct indentations of names from 1, shallowest first.
func indentLevels(xs []int) map[int]int {
	sort.Ints(xs)
	out := map[int]int{}
	level := 0
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			level++
		}
		out[x] = level
	}
	return out
}

// deriveParents adds the class (and 款) rows a table leaves out, each the sum of the rows under
// it, marked derived: a table that lists only 项 rows still answers for its classes.
func deriveParents(t *model.Table) {
	present := map[string]bool{}
	for _, r := range t.Rows {
		present[r.Code] = true
	}
	for _, n := range []int{5, 3} {
		var add []*model.Row
		made := map[string]*model.Row{}
		for _, r := range t.Rows {
			if !isSubjectCode(r.Code) || len(r.Code) <= n {
				continue
			}
			p := r.Code[:n]
			if present[p] || hasPresentBetween(present, r.Code, n) {
				continue
			}
			d := made[p]
			if d == nil {
				d = &model.Row{Code: p, Level: levelOf(n), Source: r.Source, CodeResolved: "derived: the table prints no row for it"}
				made[p] = d
				add = append(add, d)
			}
			addRowCells(d, r, t.Columns)
		}
		for _, d := range add {
			present[d.Code] = true
		}
		t.Rows = append(t.Rows, add...)
	}
}

// hasPresentBetween reports whether a row's nearer ancestor than length n is in the table.
func hasPresentBetween(present map[string]bool, code string, n int) bool {
	for l := n + 2; l < len(code); l += 2 {
		if present[code[:l]] {
			return true
		}
	}
	return false
}

func levelOf(n int) int { return (n-3)/2 + 1 }

func isSubjectCode(c string) bool {
	if len(c) != 3 && len(c) != 5 && len(c) != 7 {
		return false
	}
	return strings.Trim(c, "0123456789") == ""
}

// addRowCells adds a row's amounts into a derived row, column by column.
func addRowCells(d, r *model.Row, cols []string) {
	for _, col := range cols {
		a, ok := r.Cell(col)
		if !ok {
			continue
		}
		cur, had := d.Cell(col)
		switch {
		case !had:
			cur = model.Amount{Unit: a.Unit, Status: model.StatusBlank}
		}
		if !a.IsBlank() {
			if cur.IsBlank() {
				cur.Yuan = a.Yuan
			} else {
				cur.Yuan = cur.Yuan.Add(a.Yuan)
			}
			cur.Status = model.StatusDerived
			cur.Note = "sum of the rows under it"
		}
		d.SetCell(col, cur)
	}
}

// crossRows gives each subject a row of its own in a table that prints a subject in several rows:
// a table crossing two classifications (北京's 支出总表: a row per function 项 and economic 款) or
// listing its units' rows one after the other without unit rows. The printed rows keep their
// figures under a code that names the part ("2120101/30201", or "2050803/2"); the subject's row is
// the sum of its parts, marked derived, where the first part was printed.
func crossRows(t *model.Table) {
	n := map[string]int{}
	for _, r := range t.Rows {
		if isSubjectCode(r.Code) {
			n[r.Code]++
		}
	}
	repeated := false
	for _, k := range n {
		repeated = repeated || k > 1
	}
	if !repeated {
		return
	}
	var out []*model.Row
	sums := map[string]*model.Row{}
	parts := map[string]int{}
	for _, r := range t.Rows {
		code := r.Code
		if !isSubjectCode(code) || n[code] < 2 {
			out = append(out, r)
			continue
		}
		s := sums[code]
		if s == nil {
			s = &model.Row{Code: code, Name: r.Name, Level: levelOf(len(code)), Source: r.Source,
				CodeResolved: "derived: the sum of the table's rows for " + code}
			sums[code] = s
			out = append(out, s)
		}
		addRowCells(s, r, t.Columns)
		parts[code]++
		if r.AlsoCode != "" {
			r.Code = code + "/" + r.AlsoCode
		} else {
			r.Code = fmt.Sprintf("%s/%d", code, parts[code])
		}
		out = append(out, r)
	}
	t.Rows = out
}

// deriveBasic adds the basic column to a table that splits basic expenditure into 人员经费 and
// 公用经费 but prints no 基本支出 column: each row's basic is the sum of the two, marked derived.
func deriveBasic(t *model.Table) {
	if !contains(t.Columns, model.ColPersonnel) || !contains(t.Columns, model.ColPublicUse) ||
		contains(t.Columns, model.ColBasic) || !contains(t.Columns, model.ColTotal) {
		return
	}
	t.Columns = append(t.Columns, model.ColBasic)
	for _, r := range t.Rows {
		d := &model.Row{}
		addRowCells(d, r, []string{model.ColPersonnel, model.ColPublicUse})
		a, ok := d.Cell(model.ColPersonnel)
		b, _ := d.Cell(model.ColPublicUse)
		switch {
		case !ok:
			r.SetCell(model.ColBasic, model.Amount{Unit: t.Unit, Status: model.StatusBlank})
			continue
		case a.IsBlank():
			a = b
		case !b.IsBlank():
			a.Yuan = a.Yuan.Add(b.Yuan)
		}
		if !a.IsBlank() {
			a.Status, a.Printed, a.Note = model.StatusDerived, "", "人员经费 + 公用经费: the table prints no 基本支出"
		}
		r.SetCell(model.ColBasic, a)
	}
}
