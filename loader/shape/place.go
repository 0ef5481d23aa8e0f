package shape

import (
	"math"
	"sort"

	"budgetql/loader/grid"
)

// placeMargin is how much nearer (in columns) an amount must be to its column than to a free
// neighbouring column for the placement to count as read rather than guessed.
const placeMargin = 1.0

// place assigns n items (a row's amounts, a page's data columns), in order, to m columns in
// order so that the total cost is least, and reports whether every item is clearly nearer its
// column than any free neighbouring one.
func place(n, m int, cost func(i, j int) float64) (idx []int, ok bool) {
	if n == 0 {
		return nil, true
	}
	if n > m {
		return nil, false
	}
	if n == m {
		idx = make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		return idx, true
	}
	inf := math.Inf(1)
	best := make([]float64, n*m)
	from := make([]int, n*m)
	for i := 0; i < n; i++ {
		for j := 0; j < m; j++ {
			best[i*m+j] = inf
			if i == 0 {
				best[j] = cost(0, j)
				continue
			}
			for k := 0; k < j; k++ {
				if c := best[(i-1)*m+k] + cost(i, j); c < best[i*m+j] {
					best[i*m+j], from[i*m+j] = c, k
				}
			}
		}
	}
	end := 0
	for j := 1; j < m; j++ {
		if best[(n-1)*m+j] < best[(n-1)*m+end] {
			end = j
		}
	}
	idx = make([]int, n)
	for i := n - 1; i >= 0; i-- {
		idx[i] = end
		end = from[i*m+end]
	}
	return idx, clear(idx, m, cost)
}

// clear reports whether every amount is nearer its column than any free neighbouring column.
func clear(idx []int, m int, cost func(i, j int) float64) bool {
	for i, j := range idx {
		lo, hi := -1, m
		if i > 0 {
			lo = idx[i-1]
		}
		if i < len(idx)-1 {
			hi = idx[i+1]
		}
		for _, alt := range []int{j - 1, j + 1} {
			if alt > lo && alt < hi && cost(i, alt)-cost(i, j) < placeMargin {
				return false
			}
		}
	}
	return true
}

// edgeCost measures an amount against data columns: none inside a column's span, else the
// distance from its right edge to the column's.
func edgeCost(amounts []grid.Cell, data []dataColumn) func(i, j int) float64 {
	return func(i, j int) float64 {
		a, d := amounts[i], data[j]
		if a.X0 >= d.x0 && a.X1 <= d.x1 {
			return 0
		}
		return 1 + math.Abs(float64(a.X1)-d.right)
	}
}

// labelCost measures an amount against the header labels: no cost where the amount overlaps its
// label, else the gap, with the distance between starts as a tie-breaker.
func labelCost(amounts []grid.Cell, cols []column) func(i, j int) float64 {
	return func(i, j int) float64 {
		a, c := amounts[i], cols[j]
		gap := 0.0
		switch {
		case a.X1 <= c.x0:
			gap = float64(c.x0 - a.X1)
		case a.X0 >= c.x1:
			gap = float64(a.X0 - c.x1)
		}
		return gap + 0.1*math.Abs(float64(a.X0-c.x0))
	}
}

// dataColumn is an amount column as a page's rows print it: amounts whose right edges line up.
type dataColumn struct {
	x0, x1 int     // the widest span of its amounts
	right  float64 // the median right edge
}

// dataColumns finds a page's amount columns from its rows: amounts whose spans overlap are in
// one column (pdftotext shifts a column's amounts by their length, so right edges vary a little,
// but amounts of one column always overlap).
func dataColumns(rows []*rawRow) []dataColumn {
	var cells []grid.Cell
	for _, r := range rows {
		cells = append(cells, r.amounts...)
	}
	sort.Slice(cells, func(i, j int) bool { return cells[i].X0 < cells[j].X0 })
	var out []dataColumn
	var rights []int
	flush := func() {
		if len(rights) > 0 {
			sort.Ints(rights)
			out[len(out)-1].right = float64(rights[len(rights)/2])
			rights = rights[:0]
		}
	}
	for _, c := range cells {
		if n := len(out); n > 0 && c.X0 < out[n-1].x1 {
			out[n-1].x1 = max(out[n-1].x1, c.X1)
			rights = append(rights, c.X1)
			continue
		}
		flush()
		out = append(out, dataColumn{x0: c.X0, x1: c.X1})
		rights = append(rights, c.X1)
	}
	flush()
	return out
}

// columnCost measures a data column against a header label by where each starts: pdftotext
// keeps the starts of words near where they are printed, while it squeezes Chinese labels and
// stretches numbers after them. Labels the vocabulary does not know cost a little more.
func columnCost(data []dataColumn, cols []column) func(i, j int) float64 {
	return func(i, j int) float64 {
		d, c := data[i], cols[j]
		cost := math.Abs(float64(d.x0 - c.x0))
		if c.id == "" {
			cost += 2
		}
		return cost
	}
}

// nameColumns gives each data column the id of the header label it falls under: in order when
// they are as many, else the least-cost placement. A data column left without a label gets "".
func nameColumns(data []dataColumn, cols []column) []string {
	ids := make([]string, len(data))
	if len(data) <= len(cols) {
		idx, _ := place(len(data), len(cols), columnCost(data, cols))
		for i, j := range idx {
			ids[i] = cols[j].id
		}
		return ids
	}
	rev := columnCost(data, cols)
	idx, _ := place(len(cols), len(data), func(i, j int) float64 { return rev(j, i) })
	for i, j := range idx {
		ids[j] = cols[i].id
	}
	return ids
}
