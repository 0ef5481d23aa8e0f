package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
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

// Thresholds of eraseRules: a pixel darker than dark is ink; a ruling line is a run of ink at
// least minRule long (gaps of up to maxGap pixels of noise allowed) and at most maxThick thick.
const (
	inkLevel   = 160
	ruleInches = 0.4 // shortest ruling line, in inches: longer than a character or a dash
	ruleGap    = 2
	ruleFade   = 230 // the antialiased edge of a line, lighter than ink, is erased up to this level
)

// eraseRules whitens the ruling lines of tables (long horizontal and vertical runs of ink) so that
// the OCR reads cells, not borders: a border beside a figure is otherwise read as "|", "1" or "l".
// dpi is the image's resolution.
func (g *grayImage) eraseRules(dpi int) {
	minRule := int(ruleInches * float64(dpi))
	mask := make([]bool, len(g.Pix))
	g.markRuns(minRule, true, mask)
	g.markRuns(minRule, false, mask)
	for i, m := range mask {
		if m {
			g.Pix[i] = 255
		}
	}
}

// markRuns marks in mask the long runs of ink along rows (horizontal) or columns, with the faint
// pixels either side of them.
func (g *grayImage) markRuns(minRule int, horizontal bool, mask []bool) {
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
	for o := 0; o < outer; o++ {
		start, last := -1, -1
		flush := func() {
			if start >= 0 && last-start+1 >= minRule {
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
