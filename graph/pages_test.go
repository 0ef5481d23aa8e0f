package graph_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"io"
	"net/http"
	"strconv"
	"testing"

	"budgetql/db"
	"budgetql/graph"
	"budgetql/ingest"
)

// TestPageImages: GET /documents/<id>/pages/<n>.png renders a page of the original PDF with the
// cells a check read boxed in red: 三公 公务接待费 28.50 against economic 30217 18.50 in the
// 区府办 2025 预算 (a failed comparison), each on its own page.
func TestPageImages(t *testing.T) {
	ctx := context.Background()
	doc, err := ingest.ReadFile(ctx, "../testdata/corpus/putuo-govoffice-budget-2025.pdf")
	if err != nil {
		t.Fatal(err)
	}
	a := newAPI(t, graph.Config{}, doc)
	var out struct{ Document struct{ ID string } }
	a.mustQuery(t, `{ document(department: "上海市普陀区人民政府办公室", year: 2025) { id } }`, &out)
	id := out.Document.ID
	var n int64
	if err := a.reader.DB.Get(&n, `SELECT id FROM document`); err != nil {
		t.Fatal(err)
	}
	const check = "cross:sangong_reception"
	pages := map[int][]db.PageBox{}
	for p := 1; p <= doc.Pages; p++ {
		boxes, err := a.reader.PageBoxes(ctx, n, p, db.BoxQuery{Check: check})
		if err != nil {
			t.Fatal(err)
		}
		if len(boxes) > 0 {
			pages[p] = boxes
		}
	}
	if len(pages) != 2 {
		t.Fatalf("the check's 2 cells are boxed on pages %v, want 2 pages", pages)
	}
	for p, boxes := range pages {
		img := getPNG(t, a.srv.URL+"/documents/"+id+"/pages/"+strconv.Itoa(p)+".png?check="+check, http.StatusOK)
		if b := img.Bounds(); b.Dx() != 1170 || b.Dy() != 827 { // A4 landscape at 100 dpi
			t.Errorf("page %d is %v, want 1170×827", p, b)
		}
		b := boxes[0]
		x, y := b.Left*100/300-2, (b.Top+b.Height/2)*100/300 // on the box's left edge
		if !red(img.At(x, y)) {
			t.Errorf("page %d: no box at (%d, %d) around %+v", p, x, y, b)
		}
		plain := getPNG(t, a.srv.URL+"/documents/"+strconv.FormatInt(n, 10)+"/pages/"+strconv.Itoa(p)+".png", http.StatusOK)
		if red(plain.At(x, y)) {
			t.Errorf("page %d without a check is boxed at (%d, %d)", p, x, y)
		}
	}
	getPNG(t, a.srv.URL+"/documents/"+id+"/pages/99.png", http.StatusNotFound)
	getPNG(t, a.srv.URL+"/documents/"+id+"/pages/x.png", http.StatusBadRequest)
	getPNG(t, a.srv.URL+"/documents/"+id+"/pages/1.png?check=nosuch", http.StatusNotFound)
}

// TestPageImagesOfText: a document loaded from its text has no page images.
func TestPageImagesOfText(t *testing.T) {
	doc, err := ingest.ReadFile(context.Background(), "../testdata/corpus/zengdu-zwfw-budget-2024.txt")
	if err != nil {
		t.Fatal(err)
	}
	a := newAPI(t, graph.Config{}, doc)
	var n int64
	if err := a.reader.DB.Get(&n, `SELECT id FROM document`); err != nil {
		t.Fatal(err)
	}
	getPNG(t, a.srv.URL+"/documents/"+strconv.FormatInt(n, 10)+"/pages/1.png", http.StatusNotFound)
}

func getPNG(t *testing.T, url string, status int) image.Image {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != status {
		t.Fatalf("GET %s: %d %s, want %d", url, resp.StatusCode, body, status)
	}
	if status != http.StatusOK {
		return nil
	}
	img, err := png.Decode(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return img
}

func red(c interface{ RGBA() (r, g, b, a uint32) }) bool {
	r, g, b, _ := c.RGBA()
	return r>>8 > 200 && g>>8 < 60 && b>>8 < 90
}
