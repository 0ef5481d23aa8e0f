package ingest

import (
	"strings"

	"budgetql/loader/model"
	"budgetql/loader/text"
)

// Rect is where a text is on its page, in pixels of the page rendered at PixelDPI (the
// resolution scanned pages are read at, so that every box of the database is in one unit).
type Rect struct {
	Page                     int
	Left, Top, Width, Height int
}

// PixelDPI is the resolution boxes are given at.
const PixelDPI = 300

// Placement is where the lines and figures of a document read from a PDF are on their pages.
type Placement struct {
	Lines map[int]Rect     // by input line
	Cells map[CellKey]Rect // table cells and narrative figures
}

// CellKey names a figure: a table, the index of its row in the table and a column; or
// TableNarrative, the index of the narrative figure and ColValue.
type CellKey struct {
	Table  model.TableID
	Row    int
	Column string
}

// Place matches the lines of the layout text of a PDF with the rows of words pdftotext -bbox-layout
// finds on each page, and each figure's printed text with the words of its line.
func Place(doc *model.Document, layout []byte, pages []bboxPage) Placement {
	pl := Placement{Lines: map[int]Rect{}, Cells: map[CellKey]Rect{}}
	rowOf := matchLines(text.SplitLines(string(layout)), pages)
	for line, r := range rowOf {
		pl.Lines[line] = r.rect(r.words)
	}
	for _, t := range doc.Tables {
		for i, r := range t.Rows {
			placed := map[string]int{} // occurrences of a printed text already placed on the line
			for _, c := range r.Cells {
				p := compact(c.Printed)
				if p == "" {
					continue
				}
				if box, ok := findNear(rowOf, r.Source.Line, p, placed[p]); ok {
					pl.Cells[CellKey{t.ID, i, c.Column}] = box
				}
				placed[p]++
			}
		}
	}
	for i, f := range doc.Narrative {
		if lr, ok := rowOf[f.Source.Line]; ok && f.Value.Printed != "" {
			if box, ok := lr.find(compact(f.Value.Printed), 0); ok {
				pl.Cells[CellKey{model.TableNarrative, i, model.ColValue}] = box
			}
		}
	}
	return pl
}

// placedRow is a row of words with its page.
type placedRow struct {
	row
	page   int
	points float64 // the page's scale: pixels per point
}

// matchLines pairs each non-blank layout line with the row of words that prints it, page by page:
// the longest sequence of lines and rows, in order, whose texts agree. A line may print two rows
// of words (figures set a little above or below their labels), merged left to right.
func matchLines(lines []text.Line, pages []bboxPage) map[int]placedRow {
	out := map[int]placedRow{}
	byPage := map[int][]text.Line{}
	for _, l := range lines {
		if strings.TrimSpace(l.Text) != "" {
			byPage[l.Page] = append(byPage[l.Page], l)
		}
	}
	for i, p := range pages {
		rows := p.rows()
		ls := byPage[i+1]
		for a, r := range align(ls, rows) {
			out[ls[a].No] = placedRow{row: r, page: i + 1, points: PixelDPI / 72.0}
		}
	}
	return out
}

// align is a longest common subsequence of lines and rows (or pairs of adjacent rows merged),
// lines matching rows whose texts are equal (or one holds the other); it maps line indexes to
// their rows.
func align(ls []text.Line, rows []row) map[int]row {
	n, m := len(ls), len(rows)
	texts := make([]string, n)
	for i, l := range ls {
		texts[i] = compact(l.Text)
	}
	pairs := make([]row, max(m-1, 0))
	for j := range pairs {
		pairs[j] = merged(rows[j], rows[j+1])
	}
	score := func(i int, r row) int {
		a, b := texts[i], r.text
		switch {
		case a == b:
			return 2
		case len(a) >= 6 && len(b) >= 6 && (strings.Contains(a, b) || strings.Contains(b, a)):
			return 1
		}
		return 0
	}
	best := make([][]int, n+1)
	for i := range best {
		best[i] = make([]int, m+2)
	}
	step := func(i, j int) (one, two int) { // the scores of matching line i with row j, or rows j and j+1
		one = score(i, rows[j])
		if j+1 < m && pairs[j].text == texts[i] {
			two = 3
		}
		return one, two
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			best[i][j] = max(best[i+1][j], best[i][j+1])
			one, two := step(i, j)
			if one > 0 {
				best[i][j] = max(best[i][j], one+best[i+1][j+1])
			}
			if two > 0 {
				best[i][j] = max(best[i][j], two+best[i+1][j+2])
			}
		}
	}
	out := map[int]row{}
	for i, j := 0, 0; i < n && j < m; {
		one, two := step(i, j)
		switch {
		case two > 0 && best[i][j] == two+best[i+1][j+2]:
			out[i] = pairs[j]
			i, j = i+1, j+2
		case one > 0 && best[i][j] == one+best[i+1][j+1]:
			out[i] = rows[j]
			i, j = i+1, j+1
		case best[i][j] == best[i+1][j]:
			i++
		default:
			j++
		}
	}
	return out
}

// merged is two rows as one, their words left to right.
func merged(a, b row) row {
	ws := append(append([]word(nil), a.words...), b.words...)
	sortWords(ws, func(x, y word) bool { return x.xMin < y.xMin })
	var t strings.Builder
	for _, w := range ws {
		t.WriteString(compact(w.text))
	}
	return row{words: ws, text: t.String()}
}

// findNear finds a figure on its line, else on the lines next to it: a row cites the line of its
// label, and a figure wrapped in a narrow column or set apart from its label prints on another.
func findNear(rowOf map[int]placedRow, line int, printed string, k int) (Rect, bool) {
	if r, ok := rowOf[line]; ok {
		if box, ok := r.find(printed, k); ok {
			return box, true
		}
		if box, ok := r.find(printed, 0); ok && k > 0 { // one printing read into two columns
			return box, true
		}
	}
	for _, d := range []int{-1, 1, -2, 2} {
		if r, ok := rowOf[line+d]; ok {
			if box, ok := r.find(printed, 0); ok {
				return box, true
			}
		}
	}
	return Rect{}, false
}

// find is the box of the k-th run of consecutive words that spells printed (without spaces).
func (r placedRow) find(printed string, k int) (Rect, bool) {
	for i := range r.words {
		var b strings.Builder
		for j := i; j < len(r.words) && b.Len() < len(printed); j++ {
			b.WriteString(compact(r.words[j].text))
			if b.String() == printed {
				if k == 0 {
					return r.rect(r.words[i : j+1]), true
				}
				k--
				break
			}
		}
	}
	return Rect{}, false
}

// rect is the box around words, in pixels.
func (r placedRow) rect(ws []word) Rect {
	x0, y0, x1, y1 := ws[0].xMin, ws[0].yMin, ws[0].xMax, ws[0].yMax
	for _, w := range ws[1:] {
		x0, y0, x1, y1 = min(x0, w.xMin), min(y0, w.yMin), max(x1, w.xMax), max(y1, w.yMax)
	}
	px := func(v float64) int { return int(v*r.points + 0.5) }
	return Rect{Page: r.page, Left: px(x0), Top: px(y0), Width: px(x1) - px(x0), Height: px(y1) - px(y0)}
}

// Apply gives the document's figures, rows and lines their boxes (confidence 100: a text layer is
// read exactly).
func (pl Placement) Apply(doc *model.Document) {
	box := func(r Rect) *model.Box {
		return &model.Box{Page: r.Page, Left: r.Left, Top: r.Top, Width: r.Width, Height: r.Height, Conf: 100}
	}
	if len(pl.Lines) > 0 {
		doc.LineBoxes = make(map[int]model.Box, len(pl.Lines))
		for l, r := range pl.Lines {
			doc.LineBoxes[l] = *box(r)
		}
	}
	lineBox := func(s *model.Source) {
		if r, ok := pl.Lines[s.Line]; ok {
			s.Box = box(r)
		}
	}
	for _, t := range doc.Tables {
		lineBox(&t.Source)
		for i, r := range t.Rows {
			lineBox(&r.Source)
			for j := range r.Cells {
				if rect, ok := pl.Cells[CellKey{t.ID, i, r.Cells[j].Column}]; ok {
					r.Cells[j].Box = box(rect)
				}
			}
		}
	}
	for i := range doc.Narrative {
		f := &doc.Narrative[i]
		lineBox(&f.Source)
		if rect, ok := pl.Cells[CellKey{model.TableNarrative, i, model.ColValue}]; ok {
			f.Value.Box = box(rect)
		}
	}
}
