package grid

import (
	"math"
	"sort"
)

// row is one printed line of a page: its words, left to right, and its baseline after the
// page's skew is taken out.
type row struct {
	y     float64
	words []Word
}

// pageRows puts a page's words on printed lines. The OCR's own lines are the pieces: a piece
// joins the row whose baseline (corrected for the page's skew) is within half a character of its
// own and whose words it does not overlap; otherwise it starts a row.
func pageRows(page []Word, m metrics) []row {
	pieces := ocrLines(page)
	slope := skew(pieces, m)
	type piece struct {
		y     float64
		words []Word
	}
	ps := make([]piece, len(pieces))
	for i, p := range pieces {
		var ys []float64
		for _, w := range p {
			ys = append(ys, float64(w.Bottom())-slope*float64(w.Left+w.Width/2))
		}
		ps[i] = piece{median(ys), p}
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].y < ps[j].y })
	var rows []row
	for _, p := range ps {
		k := -1
		for i := len(rows) - 1; i >= 0 && p.y-rows[i].y <= 0.5*m.charH; i-- {
			if math.Abs(p.y-rows[i].y) <= 0.5*m.charH && !overlaps(rows[i].words, p.words) {
				k = i
				break
			}
		}
		if k < 0 {
			rows = append(rows, row{y: p.y, words: append([]Word(nil), p.words...)})
			continue
		}
		r := &rows[k]
		n := float64(len(r.words))
		r.y = (r.y*n + p.y*float64(len(p.words))) / (n + float64(len(p.words)))
		r.words = append(r.words, p.words...)
	}
	for i := range rows {
		sort.SliceStable(rows[i].words, func(a, b int) bool { return rows[i].words[a].Left < rows[i].words[b].Left })
	}
	return rows
}

// ocrLines groups a page's words by the OCR's block, paragraph and line, in reading order.
func ocrLines(page []Word) [][]Word {
	type key struct{ b, p, l int }
	idx := map[key]int{}
	var out [][]Word
	for _, w := range page {
		k := key{w.Block, w.Par, w.Line}
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], w)
	}
	return out
}

// skew is the page's slope (pixels down per pixel right): the median slope of the baselines of
// the OCR's long lines.
func skew(pieces [][]Word, m metrics) float64 {
	var slopes []float64
	for _, p := range pieces {
		if len(p) < 3 {
			continue
		}
		a, b := p[0], p[len(p)-1]
		dx := float64(b.Left+b.Width/2) - float64(a.Left+a.Width/2)
		if dx < 10*m.charH {
			continue
		}
		slopes = append(slopes, fitSlope(p))
	}
	return median(slopes)
}

// fitSlope is the least-squares slope of the words' bottoms against their centres.
func fitSlope(p []Word) float64 {
	var sx, sy, sxx, sxy float64
	for _, w := range p {
		x, y := float64(w.Left+w.Width/2), float64(w.Bottom())
		sx, sy, sxx, sxy = sx+x, sy+y, sxx+x*x, sxy+x*y
	}
	n := float64(len(p))
	d := n*sxx - sx*sx
	if d == 0 {
		return 0
	}
	return (n*sxy - sx*sy) / d
}

// overlaps reports whether any word of b covers more than a third of a word of a horizontally.
func overlaps(a, b []Word) bool {
	for _, x := range a {
		for _, y := range b {
			o := min(x.Right(), y.Right()) - max(x.Left, y.Left)
			if o > 0 && 3*o > min(x.Width, y.Width) {
				return true
			}
		}
	}
	return false
}
