package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"budgetql/loader/grid"
)

// How pages are OCR'd. ocrVersion is part of the cache key: it changes whenever pages would be
// read differently (resolution, languages, page segmentation, the image cleaning).
const (
	OCRDPI   = 300       // pages are rendered at this resolution; boxes are in its pixels
	ocrLangs = "chi_sim" // the Chinese model reads digits too; adding English garbles Chinese
	// One block of text: a table's row is one OCR line. Sparse text (11) reads multi-line
	// headers better but loses points and commas of amounts.
	ocrPSM     = "6"
	ocrVersion = "8"
)

// Errors of OCR.
var (
	ErrNoTesseract = errors.New("tesseract is not installed: a scanned PDF is read through OCR (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-chi-sim; macOS: brew install tesseract tesseract-lang)")
	ErrNoChiSim    = errors.New("tesseract has no Chinese model: install tesseract-ocr-chi-sim (macOS: brew install tesseract-lang)")
)

// OCRProgress is the state of one document's OCR: Done of Pages pages read. It is reported when
// the OCR starts (Done 0) and after each page.
type OCRProgress struct {
	File        string
	Done, Pages int
}

// ocrSlots bounds the pages OCR'd at once in this process, whatever the number of documents being
// read: one per core (Tesseract is told to use one thread).
var ocrSlots = make(chan struct{}, runtime.NumCPU())

// scanPages makes the word boxes (Tesseract TSV, one header, page_num the PDF's page) of a PDF
// whose pages listed in ocr have no text layer: those pages are rendered and OCR'd in parallel,
// the others give the words of their text layer. progress, when set, is called after each page.
// A cancelled context stops the OCR and returns its error.
func scanPages(ctx context.Context, pdfPath string, pages int, ocr map[int]bool, progress func(done int)) ([]byte, error) {
	if err := checkTesseract(); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	out := make([][]byte, pages+1)
	errs := make([]error, pages+1)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for p := 1; p <= pages; p++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case ocrSlots <- struct{}{}:
				defer func() { <-ocrSlots }()
			case <-ctx.Done():
				errs[p] = ctx.Err()
				return
			}
			if ctx.Err() != nil {
				errs[p] = ctx.Err()
				return
			}
			if ocr[p] {
				out[p], errs[p] = ocrPage(ctx, pdfPath, p)
			} else {
				out[p], errs[p] = textPageWords(ctx, pdfPath, p)
			}
			if errs[p] != nil {
				cancel()
				return
			}
			mu.Lock()
			done++
			if progress != nil {
				progress(done)
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	return joinPages(out, errs)
}

// joinPages concatenates the pages' rows under one header; the first error (a page's own error
// before a cancellation it caused) wins.
func joinPages(out [][]byte, errs []error) ([]byte, error) {
	var first error
	for _, err := range errs {
		if err != nil && (first == nil || errors.Is(first, context.Canceled) && !errors.Is(err, context.Canceled)) {
			first = err
		}
	}
	if first != nil {
		return nil, first
	}
	var b bytes.Buffer
	b.WriteString(grid.TSVHeader + "\n")
	for _, p := range out {
		b.Write(p)
	}
	return b.Bytes(), nil
}

// ocrPage renders one page at OCRDPI in gray, turns it level, whitens its table rules and specks
// of dust, makes it black and white and reads it with Tesseract. It returns the page's TSV rows without header, page_num set to the page.
func ocrPage(ctx context.Context, pdfPath string, page int) ([]byte, error) {
	p := strconv.Itoa(page)
	img, err := run(ctx, nil, "pdftoppm", "-r", strconv.Itoa(OCRDPI), "-gray", "-f", p, "-l", p, pdfPath)
	if err != nil {
		return nil, fmt.Errorf("page %d: %w", page, err)
	}
	g, err := readPGM(img)
	if err != nil {
		return nil, fmt.Errorf("page %d: %w", page, err)
	}
	g.deskew()
	g.eraseRules(OCRDPI)
	g.despeckle(OCRDPI)
	g.binarize()
	tsv, err := run(ctx, g.pgm(), "tesseract", "stdin", "stdout", "-l", ocrLangs, "--psm", ocrPSM,
		"--dpi", strconv.Itoa(OCRDPI), "tsv")
	if err != nil {
		return nil, fmt.Errorf("page %d: %w", page, err)
	}
	return renumber(tsv, page, 1), nil
}

// renumber drops the header of one page's TSV and sets its page_num; scale multiplies the
// coordinates (pdftotext gives points, rounded here to pixels at OCRDPI).
func renumber(tsv []byte, page int, scale float64) []byte {
	var b bytes.Buffer
	for _, line := range strings.Split(string(tsv), "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 12 || f[0] == "level" {
			continue
		}
		f[1] = strconv.Itoa(page)
		for i := 6; i <= 9; i++ {
			v, err := strconv.ParseFloat(f[i], 64)
			if err == nil {
				f[i] = strconv.Itoa(int(v*scale + 0.5))
			}
		}
		b.WriteString(strings.Join(f, "\t") + "\n")
	}
	return b.Bytes()
}

// textPageWords gives the words of a page's text layer (pdftotext -tsv) in the form of the OCR's
// TSV, at OCRDPI, with confidence 100: the pages of a partly scanned PDF that have text.
func textPageWords(ctx context.Context, pdfPath string, page int) ([]byte, error) {
	p := strconv.Itoa(page)
	tsv, err := run(ctx, nil, "pdftotext", "-tsv", "-enc", "UTF-8", "-f", p, "-l", p, pdfPath, "-")
	if err != nil {
		return nil, fmt.Errorf("page %d: %w", page, err)
	}
	var b bytes.Buffer
	for _, line := range strings.Split(string(tsv), "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 12 || f[0] == "level" || (f[0] != "1" && f[0] != "5") {
			continue
		}
		if f[0] == "1" {
			f[11] = ""
		}
		b.WriteString(strings.Join(f, "\t") + "\n")
	}
	return renumber(b.Bytes(), page, OCRDPI/72.0), nil
}

// PDFWords gives the words of every page's text layer in the form of the OCR's TSV (see
// textPageWords): a text PDF read as if it were a perfect scan, to compare scans with.
func PDFWords(ctx context.Context, pdfPath string, pages int) ([]byte, error) {
	out := make([][]byte, pages+1)
	errs := make([]error, pages+1)
	for p := 1; p <= pages; p++ {
		out[p], errs[p] = textPageWords(ctx, pdfPath, p)
	}
	return joinPages(out, errs)
}

// run runs a command with stdin, returning its stdout; its error carries stderr's first line.
func run(ctx context.Context, stdin []byte, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("%s: %v: %s", name, err, firstLine(stderr.String()))
	}
	return out.Bytes(), nil
}

var (
	tesseractOnce sync.Once
	tesseractErr  error
)

// checkTesseract reports whether tesseract and its Chinese model are installed.
func checkTesseract() error {
	tesseractOnce.Do(func() {
		if _, err := exec.LookPath("tesseract"); err != nil {
			tesseractErr = ErrNoTesseract
			return
		}
		out, err := exec.Command("tesseract", "--list-langs").CombinedOutput()
		if err != nil {
			tesseractErr = fmt.Errorf("tesseract --list-langs: %v", err)
			return
		}
		if !bytes.Contains(out, []byte("chi_sim")) {
			tesseractErr = ErrNoChiSim
		}
	})
	return tesseractErr
}
