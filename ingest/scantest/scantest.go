// Package scantest makes scans of text PDFs for tests and benchmarks of the OCR path: each page is
// rendered to a gray image (pdftoppm), optionally turned by a small angle and given noise and
// specks, saved as JPEG like a scanner does, and the images are put back into an image-only PDF
// (img2pdf, which wraps JPEG without recompressing it).
package scantest

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
)

// Options say how to scan.
type Options struct {
	DPI         int     // resolution of the scan (150, 300)
	Rotate      float64 // degrees, clockwise; 0 for none
	Noise       float64 // standard deviation of the gray noise, in levels of 255; 0 for none
	First, Last int     // pages to scan; 0 for the first and last page
	Seed        uint64  // of the noise and specks
}

// Name is a short name of the options for file names and reports: "300dpi", "150dpi-rot0.7-noise".
func (o Options) Name() string {
	s := fmt.Sprintf("%ddpi", o.DPI)
	if o.Rotate != 0 {
		s += "-rot" + strconv.FormatFloat(o.Rotate, 'f', -1, 64)
	}
	if o.Noise != 0 {
		s += "-noise"
	}
	return s
}

// Make writes a scan of the PDF at pdfPath to outPath.
func Make(ctx context.Context, pdfPath, outPath string, o Options) error {
	dir, err := os.MkdirTemp("", "scantest-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	args := []string{"-r", strconv.Itoa(o.DPI), "-gray", "-png"}
	if o.First > 0 {
		args = append(args, "-f", strconv.Itoa(o.First))
	}
	if o.Last > 0 {
		args = append(args, "-l", strconv.Itoa(o.Last))
	}
	if out, err := exec.CommandContext(ctx, "pdftoppm", append(args, pdfPath, filepath.Join(dir, "p"))...).CombinedOutput(); err != nil {
		return fmt.Errorf("pdftoppm: %v: %s", err, out)
	}
	pngs, _ := filepath.Glob(filepath.Join(dir, "p-*.png"))
	sort.Strings(pngs)
	if len(pngs) == 0 {
		return fmt.Errorf("pdftoppm rendered no page of %s", pdfPath)
	}
	rng := rand.New(rand.NewPCG(o.Seed, 16))
	var jpgs []string
	for _, p := range pngs {
		j, err := scanPage(p, o, rng)
		if err != nil {
			return err
		}
		jpgs = append(jpgs, j)
	}
	args = append([]string{"--imgsize", fmt.Sprintf("%ddpi", o.DPI), "-o", outPath}, jpgs...)
	if out, err := exec.CommandContext(ctx, "img2pdf", args...).CombinedOutput(); err != nil {
		return fmt.Errorf("img2pdf (apt-get install img2pdf): %v: %s", err, out)
	}
	return nil
}

// scanPage turns, soils and saves one rendered page as JPEG beside it.
func scanPage(path string, o Options, rng *rand.Rand) (string, error) {
	f, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	img, err := png.Decode(bytes.NewReader(f))
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	g := toGray(img)
	if o.Rotate != 0 {
		g = rotate(g, o.Rotate)
	}
	if o.Noise != 0 {
		soil(g, o.Noise, rng)
	}
	out := path[:len(path)-len(".png")] + ".jpg"
	var b bytes.Buffer
	if err := jpeg.Encode(&b, g, &jpeg.Options{Quality: 80}); err != nil {
		return "", err
	}
	return out, os.WriteFile(out, b.Bytes(), 0o644)
}

func toGray(img image.Image) *image.Gray {
	if g, ok := img.(*image.Gray); ok {
		return g
	}
	b := img.Bounds()
	g := image.NewGray(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			g.Set(x, y, color.GrayModel.Convert(img.At(x, y)))
		}
	}
	return g
}

// rotate turns the image by deg degrees clockwise about its centre (bilinear), white outside.
func rotate(src *image.Gray, deg float64) *image.Gray {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	dst := image.NewGray(b)
	sin, cos := math.Sincos(deg * math.Pi / 180)
	cx, cy := float64(w)/2, float64(h)/2
	at := func(x, y int) float64 {
		if x < 0 || y < 0 || x >= w || y >= h {
			return 255
		}
		return float64(src.Pix[y*src.Stride+x])
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dx, dy := float64(x)-cx, float64(y)-cy
			sx, sy := cos*dx+sin*dy+cx, -sin*dx+cos*dy+cy
			x0, y0 := int(math.Floor(sx)), int(math.Floor(sy))
			fx, fy := sx-float64(x0), sy-float64(y0)
			v := at(x0, y0)*(1-fx)*(1-fy) + at(x0+1, y0)*fx*(1-fy) + at(x0, y0+1)*(1-fx)*fy + at(x0+1, y0+1)*fx*fy
			dst.Pix[y*dst.Stride+x] = uint8(math.Round(v))
		}
	}
	return dst
}

// soil adds gray noise of standard deviation sigma and dark specks (dust) to the image.
func soil(g *image.Gray, sigma float64, rng *rand.Rand) {
	for i, p := range g.Pix {
		v := float64(p) + rng.NormFloat64()*sigma
		g.Pix[i] = uint8(math.Max(0, math.Min(255, math.Round(v))))
	}
	b := g.Bounds()
	specks := b.Dx() * b.Dy() / 20000
	for range specks {
		x, y := rng.IntN(b.Dx()-2), rng.IntN(b.Dy()-2)
		for d := range 4 {
			g.Pix[(y+d/2)*g.Stride+x+d%2] = uint8(rng.IntN(80))
		}
	}
}
