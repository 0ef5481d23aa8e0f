package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
)

// grayImage is an 8-bit grayscale page image (0 black, 255 white), as pdftoppm -gray writes it.
type grayImage struct {
	W, H int
	Pix  []byte // row by row
}

// readPGM decodes a binary PGM (P5) with 8-bit samples.
func readPGM(data []byte) (*grayImage, error) {
	r := bufio.NewReader(bytes.NewReader(data))
	var fields []int
	magic, err := pnmToken(r)
	if err != nil || magic != "P5" {
		return nil, errors.New("page image: not a binary PGM")
	}
	for len(fields) < 3 {
		tok, err := pnmToken(r)
		if err != nil {
			return nil, fmt.Errorf("page image: %w", err)
		}
		n, err := strconv.Atoi(tok)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("page image: bad header field %q", tok)
		}
		fields = append(fields, n)
	}
	w, h, maxv := fields[0], fields[1], fields[2]
	if maxv > 255 {
		return nil, errors.New("page image: 16-bit PGM")
	}
	pix := make([]byte, w*h)
	if _, err := ioReadFull(r, pix); err != nil {
		return nil, fmt.Errorf("page image: %w", err)
	}
	return &grayImage{W: w, H: h, Pix: pix}, nil
}

// pnmToken reads one header token, skipping whitespace and comments, and the one whitespace byte
// that ends it.
func pnmToken(r *bufio.Reader) (string, error) {
	var tok []byte
	for {
		b, err := r.ReadByte()
		if err != nil {
			return "", err
		}
		switch {
		case b == '#' && len(tok) == 0:
			if _, err := r.ReadString('\n'); err != nil {
				return "", err
			}
		case b == ' ' || b == '\t' || b == '\n' || b == '\r':
			if len(tok) > 0 {
				return string(tok), nil
			}
		default:
			tok = append(tok, b)
		}
	}
}

func ioReadFull(r *bufio.Reader, buf []byte) (int, error) {
	n := 0
	for n < len(buf) {
		k, err := r.Read(buf[n:])
		n += k
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// pgm encodes the image as a binary PGM.
func (g *grayImage) pgm() []byte {
	head := fmt.Sprintf("P5\n%d %d\n255\n", g.W, g.H)
	out := make([]byte, 0, len(head)+len(g.Pix))
	return append(append(out, head...), g.Pix...)
}

// Thresholds of eraseRules: a pixel darker than inkLevel is ink. A ruling line is a run of ink
// (gaps of up to ruleGap pixels of noise allowed) at least longRule long, or at least shortRule
// long with no ink beside it (sideGap pixels either side) along nine tenths of it: a border of
// one header cell, where a character's stroke of that length has strokes crossing it.
const (
	inkLevel   = 160
	paperLevel = 200  // lighter is paper (binarize)
	longRule   = 0.6  // inches: longer than any character's stroke
	shortRule  = 0.28 // inches: longer than a body character
	sideGap    = 6
	ruleGap    = 2
	ruleFade   = 230 // the antialiased edge of a line, lighter than ink, is erased up to this level
)

// eraseRules whitens the ruling lines of tables (long horizontal and vertical runs of ink) so that
// the OCR reads cells, not borders: a border beside a figure is otherwise read as "|", "1" or "l".
// dpi is the image's resolution.
func (g *grayImage) eraseRules(dpi int) {
	long, short := int(longRule*float64(dpi)), int(shortRule*float64(dpi))
	mask := make([]bool, len(g.Pix))
	g.markRuns(long, short, true, mask)
	g.markRuns(long, short, false, mask)
	for i, m := range mask {
		if m {
			g.Pix[i] = 255
		}
	}
}

// markRuns marks in mask the ruling lines along rows (horizontal) or columns, with the faint
// pixels either side of them.
func (g *grayImage) markRuns(long, short int, horizontal bool, mask []bool) {
	outer, inner := g.H, g.W
	if !horizontal {
		outer, inner = g.W, g.H
	}
	at := func(o, i int) int {
		if horizontal {
			return o*g.W + i
		}
		return i*g.W + o
	}
	isolated := func(o, start, last int) bool {
		inked := 0
		for i := start; i <= last; i++ {
			for _, p := range []int{o - sideGap, o + sideGap} {
				if p >= 0 && p < outer && g.Pix[at(p, i)] < inkLevel {
					inked++
					break
				}
			}
		}
		return inked*10 <= last-start+1
	}
	for o := 0; o < outer; o++ {
		start, last := -1, -1
		flush := func() {
			n := last - start + 1
			if start >= 0 && (n >= long || n >= short && isolated(o, start, last)) {
				for i := start; i <= last; i++ {
					for d := -2; d <= 2; d++ {
						if p := o + d; p >= 0 && p < outer && g.Pix[at(p, i)] < ruleFade {
							mask[at(p, i)] = true
						}
					}
				}
			}
			start = -1
		}
		for i := 0; i < inner; i++ {
			if g.Pix[at(o, i)] >= inkLevel {
				if start >= 0 && i-last > ruleGap {
					flush()
				}
				continue
			}
			if start < 0 {
				start = i
			}
			last = i
		}
		flush()
	}
}

// Specks: a blot of ink smaller than speckArea pixels (at 300 dpi) with no other ink within
// speckRoomX pixels to either side or speckRoomY above and below is dust, not print. A full stop
// may be as small, but it sits on a line of text, beside a character: a point in "867. 50" has
// digits within a character's width of it.
const (
	speckArea  = 30
	speckRoomX = 36
	speckRoomY = 10
)

// despeckle whitens the specks of a scan: dust the OCR would read as "." or "0" and which puts
// it off the row it is reading.
func (g *grayImage) despeckle(dpi int) {
	area := speckArea * dpi * dpi / (300 * 300)
	roomX, roomY := speckRoomX*dpi/300, speckRoomY*dpi/300
	seen := make([]bool, len(g.Pix))
	var stack, comp []int
	for start := range g.Pix {
		if seen[start] || g.Pix[start] >= inkLevel {
			continue
		}
		comp = comp[:0]
		stack = append(stack[:0], start)
		seen[start] = true
		x0, y0, x1, y1 := g.W, g.H, 0, 0
		for len(stack) > 0 && len(comp) <= area {
			p := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			comp = append(comp, p)
			x, y := p%g.W, p/g.W
			x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
			for _, q := range [4]int{p - 1, p + 1, p - g.W, p + g.W} {
				if q >= 0 && q < len(g.Pix) && !seen[q] && g.Pix[q] < inkLevel && (q%g.W-x)*(q%g.W-x) <= 1 {
					seen[q] = true
					stack = append(stack, q)
				}
			}
		}
		if len(comp) > area || len(stack) > 0 || g.inkNear(x0-roomX, y0-roomY, x1+roomX, y1+roomY, x0, y0, x1, y1) {
			continue
		}
		for _, p := range comp {
			g.Pix[p] = 255
		}
	}
}

// inkNear reports whether the rectangle (ax0,ay0)-(ax1,ay1) holds ink outside the speck's own
// box (bx0,by0)-(bx1,by1).
func (g *grayImage) inkNear(ax0, ay0, ax1, ay1, bx0, by0, bx1, by1 int) bool {
	for y := max(ay0, 0); y <= min(ay1, g.H-1); y++ {
		for x := max(ax0, 0); x <= min(ax1, g.W-1); x++ {
			if g.Pix[y*g.W+x] < inkLevel && (x < bx0 || x > bx1 || y < by0 || y > by1) {
				return true
			}
		}
	}
	return false
}

// Deskewing: a scan turned by more than minSkew degrees, up to maxSkew, is turned back before
// the OCR reads it; the angle is the one whose rows of ink are sharpest (the sum of the squares
// of the ink per row, over a sample of the page's ink).
const (
	maxSkew  = 2.0
	skewStep = 0.05
	minSkew  = 0.1
)

// deskew turns the page back by its skew, if it has one.
func (g *grayImage) deskew() {
	var xs, ys []float64
	for y := 0; y < g.H; y += 2 {
		for x := 0; x < g.W; x += 2 {
			if g.Pix[y*g.W+x] < inkLevel {
				xs, ys = append(xs, float64(x)), append(ys, float64(y))
			}
		}
	}
	if len(xs) < 1000 {
		return
	}
	best, bestScore := 0.0, -1.0
	rows := make([]float64, g.H*2)
	for a := -maxSkew; a <= maxSkew+1e-9; a += skewStep {
		t := math.Tan(a * math.Pi / 180)
		clear(rows)
		for i := range xs {
			if r := int(ys[i] - t*xs[i] + float64(g.H)/2); r >= 0 && r < len(rows) {
				rows[r]++
			}
		}
		score := 0.0
		for _, n := range rows {
			score += n * n
		}
		if score > bestScore {
			best, bestScore = a, score
		}
	}
	if math.Abs(best) >= minSkew {
		g.rotate(best)
	}
}

// rotate turns the image by deg degrees (positive: the text's lines go down to the right are
// made level) about its centre, bilinear, white outside.
func (g *grayImage) rotate(deg float64) {
	src := g.Pix
	dst := make([]byte, len(src))
	sin, cos := math.Sincos(deg * math.Pi / 180)
	cx, cy := float64(g.W)/2, float64(g.H)/2
	at := func(x, y int) float64 {
		if x < 0 || y < 0 || x >= g.W || y >= g.H {
			return 255
		}
		return float64(src[y*g.W+x])
	}
	for y := 0; y < g.H; y++ {
		for x := 0; x < g.W; x++ {
			dx, dy := float64(x)-cx, float64(y)-cy
			sx, sy := cos*dx-sin*dy+cx, sin*dx+cos*dy+cy
			x0, y0 := int(math.Floor(sx)), int(math.Floor(sy))
			fx, fy := sx-float64(x0), sy-float64(y0)
			v := at(x0, y0)*(1-fx)*(1-fy) + at(x0+1, y0)*fx*(1-fy) + at(x0, y0+1)*(1-fx)*fy + at(x0+1, y0+1)*fx*fy
			dst[y*g.W+x] = uint8(math.Round(v))
		}
	}
	g.Pix = dst
}

// binarize makes every pixel black or white at paperLevel: the gray noise of a scan's paper,
// which the OCR's own thresholding leaves in and reads as strokes, goes, and the faint edges of
// the strokes of a blurred scan stay.
func (g *grayImage) binarize() {
	for i, p := range g.Pix {
		if p < paperLevel {
			g.Pix[i] = 0
		} else {
			g.Pix[i] = 255
		}
	}
}
