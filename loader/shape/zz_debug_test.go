package shape

import (
	"fmt"
	"os"
	"testing"

	"budgetql/loader/grid"
	"budgetql/loader/recognize"
	"budgetql/loader/text"
)

func TestZZHeader(t *testing.T) {
	f := os.Getenv("DUMP")
	if f == "" {
		t.Skip()
	}
	data, _ := os.ReadFile(f)
	dec, _ := text.DecodeText(data)
	g := grid.FromLayout(text.SplitLines(dec))
	for _, s := range recognize.Tables(g) {
		if string(s.ID) != os.Getenv("TABLE") {
			continue
		}
		h, b := splitHeader(s.Pages[0])
		for _, l := range h {
			fmt.Printf("H %d %v\n", l.No, l.Cells)
		}
		for _, bx := range stackWords(h) {
			fmt.Printf("  box %q id=%s x=%d-%d lines %d-%d\n", bx.label, bx.id, bx.x0, bx.x1, bx.top, bx.bottom)
		}
		fmt.Println("cols", moneyColumns(h, s.ID))
		if len(b) > 0 {
			fmt.Printf("B0 %d %v\n", b[0].No, b[0].Cells)
		}
	}
}

func TestZZLeaves(t *testing.T) {
	f := os.Getenv("DUMP")
	if f == "" {
		t.Skip()
	}
	data, _ := os.ReadFile(f)
	dec, _ := text.DecodeText(data)
	g := grid.FromLayout(text.SplitLines(dec))
	for _, s := range recognize.Tables(g) {
		if string(s.ID) != "sangong" {
			continue
		}
		h, _ := splitHeader(s.Pages[0])
		for _, l := range sangongLeaves(h, Context{Year: 2024}) {
			fmt.Printf("leaf %+v\n", l)
		}
	}
}

func TestZZData(t *testing.T) {
	f := os.Getenv("DUMP")
	if f == "" {
		t.Skip()
	}
	data, _ := os.ReadFile(f)
	dec, _ := text.DecodeText(data)
	g := grid.FromLayout(text.SplitLines(dec))
	for _, s := range recognize.Tables(g) {
		if string(s.ID) != os.Getenv("TABLE") {
			continue
		}
		for pi, p := range s.Pages {
			h, b := splitHeader(p)
			cols := moneyColumns(h, s.ID)
			rows := readRows(b, pi, keyEdge(cols))
			dc := dataColumns(rows)
			fmt.Println("page", pi, "data", dc, "ids", nameColumns(dc, cols))
			for _, r := range rows {
				fmt.Printf("  row %q %q %v %v\n", r.code, r.name, r.amounts, r.lines)
			}
		}
	}
}

func TestZZPairs(t *testing.T) {
	f := os.Getenv("DUMP")
	if f == "" {
		t.Skip()
	}
	data, _ := os.ReadFile(f)
	dec, _ := text.DecodeText(data)
	g := grid.FromLayout(text.SplitLines(dec))
	for _, s := range recognize.Tables(g) {
		if string(s.ID) != os.Getenv("TABLE") {
			continue
		}
		for _, page := range s.Pages {
			h, b := splitPairHeader(page)
			sides := pairSides(h, b)
			fmt.Printf("sides %+v\n", sides)
			for _, l := range b {
				for _, sr := range splitSides(l, sides) {
					fmt.Printf("  %d side %d %q %v\n", l.No, sr.side, sr.label, sr.amounts)
				}
			}
		}
	}
}
