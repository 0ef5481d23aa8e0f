package graph

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"net/http"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"budgetql/db"
	"budgetql/loader/model"
)

// Page images: GET /documents/<id>/pages/<n>.png renders page n of a document's original PDF
// (pdftoppm) with the cited cells boxed, so that a finding or a figure can be seen where it is
// printed. <id> is the document's id as the API gives it (or its number); what is boxed:
//
//	check=<check id>                 the cells the check read
//	cell=<table>:<row>:<column>[:<line>]  a figure (repeatable)
//	line=<n>                         a line of the text (repeatable)
//
// A document loaded from text, or stored before its file was kept, has no page image (404).

// pageDPI is the resolution pages are rendered at; boxes are stored at db's 300 dpi.
const pageDPI = 100

// pageTimeout bounds one rendering.
const pageTimeout = 20 * time.Second

// maxBoxArgs bounds the cells and lines one request may name.
const maxBoxArgs = 50

var boxColor = color.RGBA{R: 220, G: 20, B: 60, A: 255}

func pageImages(r *db.Reader) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.Method != http.MethodGet && req.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "use GET", http.StatusMethodNotAllowed)
			return
		}
		doc, page, q, err := pageRequest(req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		ctx, cancel := context.WithTimeout(req.Context(), pageTimeout)
		defer cancel()
		img, status, err := renderPage(ctx, r, doc, page, q)
		if err != nil {
			http.Error(w, err.Error(), status)
			return
		}
		w.Header().Set("Content-Type", "image/png")
		w.Header().Set("Cache-Control", "public, max-age=3600")
		if req.Method == http.MethodGet {
			w.Write(img)
		}
	})
}

// pageRequest reads the document, page and boxes a request names.
func pageRequest(req *http.Request) (int64, int, db.BoxQuery, error) {
	var q db.BoxQuery
	doc, err := documentNumber(req.PathValue("id"))
	if err != nil {
		return 0, 0, q, err
	}
	name, ok := strings.CutSuffix(req.PathValue("page"), ".png")
	page, err := strconv.Atoi(name)
	if !ok || err != nil || page < 1 || page > 10000 {
		return 0, 0, q, errors.New("the page is a number followed by .png, e.g. /documents/<id>/pages/3.png")
	}
	v := req.URL.Query()
	q.Check = v.Get("check")
	if len(v["cell"])+len(v["line"]) > maxBoxArgs {
		return 0, 0, q, errors.New("at most 50 cells and lines")
	}
	for _, c := range v["cell"] {
		parts := strings.Split(c, ":")
		if len(parts) < 3 || len(parts) > 4 {
			return 0, 0, q, errors.New("cell is <table>:<row>:<column> or <table>:<row>:<column>:<line>")
		}
		ref := model.CellRef{Table: model.TableID(parts[0]), Row: parts[1], Column: parts[2]}
		if len(parts) == 4 {
			if ref.Line, err = strconv.Atoi(parts[3]); err != nil {
				return 0, 0, q, errors.New("a cell's line is a number")
			}
		}
		q.Cells = append(q.Cells, ref)
	}
	for _, l := range v["line"] {
		n, err := strconv.Atoi(l)
		if err != nil {
			return 0, 0, q, errors.New("line is a number")
		}
		q.Lines = append(q.Lines, n)
	}
	return doc, page, q, nil
}

// documentNumber reads a document's global id, or its number.
func documentNumber(id string) (int64, error) {
	if n, err := strconv.ParseInt(id, 10, 64); err == nil && n > 0 {
		return n, nil
	}
	typ, n, err := parseID(id)
	if err != nil || typ != typeDocument {
		return 0, errors.New("not a document id: " + id)
	}
	return n, nil
}

// renderPage renders the page with its boxes drawn; the status goes with an error.
func renderPage(ctx context.Context, r *db.Reader, doc int64, page int, q db.BoxQuery) ([]byte, int, error) {
	f, err := r.DocumentFile(ctx, doc)
	switch {
	case errors.Is(err, db.ErrNotFound):
		return nil, http.StatusNotFound, errors.New("no original file for this document: it is unknown, or was loaded before files were kept (load it again)")
	case err != nil:
		return nil, http.StatusServiceUnavailable, errors.New("the database did not answer")
	case f.MediaType != "application/pdf":
		return nil, http.StatusNotFound, errors.New("this document was loaded from text: it has no page images")
	case f.Pages > 0 && page > f.Pages:
		return nil, http.StatusNotFound, errors.New("the document has " + strconv.Itoa(f.Pages) + " pages")
	}
	boxes, err := r.PageBoxes(ctx, doc, page, q)
	if errors.Is(err, db.ErrNotFound) {
		return nil, http.StatusNotFound, errors.New("no check " + q.Check + " in this document")
	}
	if err != nil {
		return nil, http.StatusServiceUnavailable, errors.New("the database did not answer")
	}
	img, err := pdftoppm(ctx, f.Content, page)
	if err != nil {
		return nil, http.StatusInternalServerError, err
	}
	out, err := drawBoxes(img, boxes)
	if err != nil {
		return nil, http.StatusInternalServerError, err
	}
	return out, http.StatusOK, nil
}

// pdftoppm renders one page of a PDF as PNG at pageDPI.
func pdftoppm(ctx context.Context, pdf []byte, page int) ([]byte, error) {
	bin, err := exec.LookPath("pdftoppm")
	if err != nil {
		return nil, errors.New("pdftoppm is not installed (poppler-utils)")
	}
	p := strconv.Itoa(page)
	cmd := exec.CommandContext(ctx, bin, "-f", p, "-l", p, "-r", strconv.Itoa(pageDPI), "-png", "-singlefile", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	var out bytes.Buffer
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil || out.Len() == 0 {
		return nil, errors.New("the page could not be rendered")
	}
	return out.Bytes(), nil
}

// drawBoxes outlines each box (300-dpi pixels) on the rendered page.
func drawBoxes(pngData []byte, boxes []db.PageBox) ([]byte, error) {
	if len(boxes) == 0 {
		return pngData, nil
	}
	src, err := png.Decode(bytes.NewReader(pngData))
	if err != nil {
		return nil, errors.New("the page could not be rendered")
	}
	img := image.NewRGBA(src.Bounds())
	draw.Draw(img, img.Bounds(), src, src.Bounds().Min, draw.Src)
	scale := func(v int) int { return v * pageDPI / 300 }
	const pad, thick = 3, 3
	for _, b := range boxes {
		r := image.Rect(scale(b.Left)-pad, scale(b.Top)-pad, scale(b.Left+b.Width)+pad, scale(b.Top+b.Height)+pad)
		for _, edge := range []image.Rectangle{
			{r.Min, image.Pt(r.Max.X, r.Min.Y+thick)}, {image.Pt(r.Min.X, r.Max.Y-thick), r.Max},
			{r.Min, image.Pt(r.Min.X+thick, r.Max.Y)}, {image.Pt(r.Max.X-thick, r.Min.Y), r.Max},
		} {
			draw.Draw(img, edge.Intersect(img.Bounds()), &image.Uniform{boxColor}, image.Point{}, draw.Src)
		}
	}
	var out bytes.Buffer
	if err := png.Encode(&out, img); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
