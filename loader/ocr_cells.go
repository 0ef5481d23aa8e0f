package loader

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ocrCellState says what a printed cell holds.
type ocrCellState int

const (
	ocrBlank  ocrCellState = iota // printed empty
	ocrAmount                     // a plausible amount
	ocrNoise                      // a mark that is not an amount for its column
)

// ocrReadCell reads a money cell. In a column printed with two decimals (万元 tables), a bare integer,
// "N." or more than two decimals is not a plausible amount: it is noise. One decimal ("8.2",
// "0. 1") is a truncated cell, kept as printed for the checks to judge.
func ocrReadCell(printed string, unit model.Unit, twoDec bool) (model.Amount, ocrCellState) {
	p := strings.TrimSpace(printed)
	if p == "" || p == "—" {
		return model.Amount{Printed: p, Unit: unit, Status: model.StatusBlank}, ocrBlank
	}
	a, err := text.ParseAmount(p, unit)
	if err != nil {
		return model.Amount{Printed: p, Unit: unit}, ocrNoise
	}
	if a.Status == model.StatusBlank {
		return a, ocrBlank
	}
	if twoDec {
		n, _ := text.NormalizeNumber(p)
		dec := 0
		if i := strings.IndexByte(n, '.'); i >= 0 {
			dec = len(n) - i - 1
		}
		if dec == 0 || dec > 2 {
			return model.Amount{Printed: p, Unit: unit}, ocrNoise
		}
	}
	return a, ocrAmount
}

// ocrTwoDecimals reports whether the cells of the 万元 tables are printed with two decimals (at
// least 80% of their numbers, codes aside): then a bare integer in a 万元 column is noise.
func ocrTwoDecimals(secs []*ocrSection) bool {
	two, all := 0, 0
	for _, s := range secs {
		if s.id == model.TableProcurement || s.id == ocrTargetDept || s.id == ocrTargetProject {
			continue
		}
		for _, r := range s.rows {
			for _, c := range r.cells {
				n, err := text.NormalizeNumber(c)
				if err != nil || c == "" || len(c) >= 3 && ocrIsDigits(c) { // not a number, or a code
					continue
				}
				all++
				if i := strings.IndexByte(n, '.'); i >= 0 && len(n)-i == 3 {
					two++
				}
			}
		}
	}
	return all > 0 && two*5 >= all*4
}

// ocrIsAmount reports whether a cell reads as a two-decimal-column amount.
func ocrIsAmount(s string) bool {
	_, st := ocrReadCell(s, model.TenThous, true)
	return st == ocrAmount
}

// addCell reads a cell into a row. Noise is not a figure: it is recorded as an unread issue and
// the cell is left out.
func (p *ocrParser) addCell(r *model.Row, col, printed string, unit model.Unit, l text.Line) {
	a, st := ocrReadCell(printed, unit, unit == model.TenThous && p.twoDec)
	if st == ocrNoise {
		p.issue("unread", l.No, "%s %s %q, column %s: printed %q is not an amount in this column",
			r.Source.Table, r.Code, r.Name, col, printed)
		return
	}
	if r.Cells == nil {
		r.Cells = make([]model.Cell, 0, 8) // a row's cells arrive one by one
	}
	r.SetCell(col, a)
}

// ocrColSpec is one column of a template: its id and the labels it is printed with.
type ocrColSpec struct {
	id     string
	labels []string
}

// ocrMinHeaderSim is the least similarity for a header cell to name a column.
const ocrMinHeaderSim = 0.34

// ocrSim compares a printed header cell with a label by the characters they share (Dice).
func ocrSim(cell, label string) float64 {
	return ocrSimKeys(ocrKeyRunes(cell), ocrKeyRunes(label))
}

// ocrSimKeys is ocrSim on keys already made by ocrKeyRunes: twice the size of the multiset
// intersection over the total length.
func ocrSimKeys(c, l []rune) float64 {
	if len(c) == 0 || len(l) == 0 {
		return 0
	}
	var buf [64]bool
	used := buf[:0]
	if len(l) <= len(buf) {
		used = buf[:len(l)]
	} else {
		used = make([]bool, len(l))
	}
	common := 0
	for _, r := range c {
		for j, x := range l {
			if x == r && !used[j] {
				used[j] = true
				common++
				break
			}
		}
	}
	return 2 * float64(common) / float64(len(c)+len(l))
}

// ocrKeyRunes is the comparison key of a header cell as runes: without spaces, brackets and ·.
func ocrKeyRunes(s string) []rune {
	out := make([]rune, 0, utf8.RuneCountInString(s))
	for _, r := range s {
		if unicode.IsSpace(r) {
			continue
		}
		switch r {
		case '(', ')', '（', '）', '·':
			continue
		}
		out = append(out, r)
	}
	return out
}

func ocrSpecKeys(s ocrColSpec) [][]rune {
	keys := make([][]rune, len(s.labels))
	for i, l := range s.labels {
		keys[i] = ocrKeyRunes(l)
	}
	return keys
}

func ocrSpecSimKeys(cell []rune, labels [][]rune) float64 {
	best := 0.0
	for _, l := range labels {
		if v := ocrSimKeys(cell, l); v > best {
			best = v
		}
	}
	return best
}

// ocrAlign maps printed header cells to a template's columns, in order, maximising the
// similarity of matched pairs; cells and columns may be skipped. It returns the column id of each
// cell ("" when none) and the total similarity.
func ocrAlign(cells []string, specs []ocrColSpec) ([]string, float64) {
	n, m := len(cells), len(specs)
	dp := make([][]float64, n+1)
	for i := range dp {
		dp[i] = make([]float64, m+1)
	}
	specKeys := make([][][]rune, m)
	for j, sp := range specs {
		specKeys[j] = ocrSpecKeys(sp)
	}
	sim := make([]float64, n*m)
	for i, c := range cells {
		key := ocrKeyRunes(c)
		for j := range specs {
			sim[i*m+j] = ocrSpecSimKeys(key, specKeys[j])
		}
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			best := max(dp[i+1][j], dp[i][j+1])
			if s := sim[i*m+j]; s >= ocrMinHeaderSim {
				best = max(best, s+dp[i+1][j+1])
			}
			dp[i][j] = best
		}
	}
	ids := make([]string, n)
	for i, j := 0, 0; i < n && j < m; {
		s := sim[i*m+j]
		switch {
		case s >= ocrMinHeaderSim && dp[i][j] == s+dp[i+1][j+1]:
			ids[i] = specs[j].id
			i++
			j++
		case dp[i][j] == dp[i+1][j]:
			i++
		default:
			j++
		}
	}
	return ids, dp[0][0]
}

// ocrFindHeader picks, among the rows before the first row holding an amount, the one that best
// matches the template. It returns the row index (-1 when none matches) and its column ids.
func ocrFindHeader(rows []ocrRow, specs []ocrColSpec) (int, []string) {
	best, at := 0.0, -1
	var ids []string
	for i, r := range rows {
		if ocrRowHasAmount(r.cells) {
			break
		}
		got, score := ocrAlign(r.cells, specs)
		if score > best {
			best, at, ids = score, i, got
		}
	}
	return at, ids
}

// ocrRowHasAmount reports whether any cell past the first two reads as an amount.
func ocrRowHasAmount(cells []string) bool {
	for i, c := range cells {
		if i >= 2 && ocrIsAmount(c) {
			return true
		}
	}
	return false
}

// ocrIndex returns the position of a column id in header ids, or -1.
func ocrIndex(ids []string, id string) int {
	for i, v := range ids {
		if v == id {
			return i
		}
	}
	return -1
}

// ocrCellAt returns a row's cell at a position, or "".
func ocrCellAt(cells []string, i int) string {
	if i < 0 || i >= len(cells) {
		return ""
	}
	return cells[i]
}

// liveColumns returns the money columns that hold at least one amount printed with two decimals
// in the data rows. A column of blanks and stray marks only is an empty column, and its marks are
// noise; a column whose amounts all lack digits ("0.0", "0.") was cut at the page edge: it is left
// out and reported once.
func (p *ocrParser) liveColumns(t model.TableID, rows []ocrRow, ids []string, money map[string]bool) map[string]bool {
	live, cut := map[string]bool{}, map[string]int{}
	for _, r := range rows {
		for i, id := range ids {
			c := ocrCellAt(r.cells, i)
			if !money[id] || !ocrIsAmount(c) {
				continue
			}
			if n, _ := text.NormalizeNumber(c); strings.Contains(n, ".") && len(n)-strings.IndexByte(n, '.') == 3 {
				live[id] = true
			} else if cut[id] == 0 {
				cut[id] = r.line.No
			}
		}
	}
	for i, id := range ids {
		if cut[id] > 0 && !live[id] {
			p.issue("unread", cut[id], "%s: column %d (%s) has no amount printed with two decimals (cut at the page edge?); left out", t, i+1, id)
		}
	}
	return live
}
