package shape

import (
	"math"
	"sort"

	"budgetql/loader/grid"
)

// placeMargin is how much nearer (in columns) an amount must be to its column than to a free
// neighbouring column for the placement to count as read rather than guessed.
const placeMargin = 1.0

// anchors are where a page's money columns sit: the median right edge of each column's amounts
// in rows that print every column, or nil when no row does.
func anchors(rows []*rawRow, n int) []float64 {
	var full [][]grid.Cell
	for _, r := range rows {
		if len(r.amounts) == n && n > 0 {
			full = append(full, r.amounts)
		}
	}
	if len(full) == 0 {
		return nil
	}
	out := make([]float64, n)
	for j := range n {
		v := make([]int, len(full))
		for i, f := range full {
			v[i] = f[j].X1
		}
		sort.Ints(v)
		out[j] = float64(v[len(v)/2])
	}
	return out
}

// place assigns a row's amounts, in order, to columns in order so that the total cost is least,
// and reports whether every amount is clearly nearer its column than any free neighbouring one.
func place(amounts []grid.Cell, ncols int, cost func(i, j int) float64) (idx []int, ok bool) {
	n, m := len(amounts), ncols
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

// edgeCost measures an amount against column anchors by right edge, after shifting it by shift.
func edgeCost(amounts []grid.Cell, at []float64, shift float64) func(i, j int) float64 {
	return func(i, j int) float64 { return math.Abs(float64(amounts[i].X1) + shift - at[j]) }
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
