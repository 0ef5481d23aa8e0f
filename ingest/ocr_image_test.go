package ingest

import "testing"

// blankPage is a white page of w×h pixels.
func blankPage(w, h int) *grayImage {
	g := &grayImage{W: w, H: h, Pix: make([]byte, w*h)}
	for i := range g.Pix {
		g.Pix[i] = 255
	}
	return g
}

func (g *grayImage) fill(x0, y0, x1, y1 int, v byte) {
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			g.Pix[y*g.W+x] = v
		}
	}
}

func (g *grayImage) inked(x0, y0, x1, y1 int) int {
	n := 0
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			if g.Pix[y*g.W+x] < inkLevel {
				n++
			}
		}
	}
	return n
}

// TestEraseRules: at 300 dpi a table's long rules and a short isolated border go, a character's
// stroke as long as the short border, with strokes crossing it, stays, as does a digit.
func TestEraseRules(t *testing.T) {
	g := blankPage(1200, 900)
	g.fill(100, 100, 1100, 103, 0) // horizontal rule, 1000 px
	g.fill(100, 100, 103, 800, 0)  // vertical rule, 700 px
	g.fill(600, 300, 603, 400, 0)  // short border of a header cell, 100 px, nothing beside it
	g.fill(800, 300, 806, 400, 0)  // a title character's stroke, 100 px, crossed by three others
	for _, y := range []int{310, 350, 390} {
		g.fill(780, y, 825, y+6, 0)
	}
	g.fill(300, 500, 330, 545, 0) // a digit's blot
	g.eraseRules(300)
	for _, c := range []struct {
		what           string
		x0, y0, x1, y1 int
		kept           bool
	}{
		{"horizontal rule", 100, 100, 1100, 103, false},
		{"vertical rule", 100, 100, 103, 800, false},
		{"short border", 600, 300, 603, 400, false},
		{"crossed stroke", 800, 300, 806, 400, true},
		{"digit", 300, 500, 330, 545, true},
	} {
		if kept := g.inked(c.x0, c.y0, c.x1, c.y1) > 0; kept != c.kept {
			t.Errorf("%s kept %v, want %v", c.what, kept, c.kept)
		}
	}
}

// TestDespeckle: a speck of dust in an empty cell goes; a full stop between two digits, as small,
// stays.
func TestDespeckle(t *testing.T) {
	g := blankPage(600, 300)
	g.fill(100, 100, 104, 104, 0) // dust
	g.fill(300, 100, 322, 135, 0) // "7"
	g.fill(335, 130, 340, 135, 0) // "."
	g.fill(362, 100, 384, 135, 0) // "5"
	g.despeckle(300)
	if g.inked(100, 100, 104, 104) != 0 {
		t.Error("the speck of dust is kept")
	}
	if g.inked(335, 130, 340, 135) == 0 {
		t.Error("the full stop between two digits is erased")
	}
	if g.inked(300, 100, 322, 135) == 0 || g.inked(362, 100, 384, 135) == 0 {
		t.Error("a digit is erased")
	}
}
