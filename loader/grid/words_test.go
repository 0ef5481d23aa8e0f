package grid

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// tsvRow is one word row of Tesseract TSV.
func tsvRow(page, block, line, left, top, width, height int, conf float64, text string) string {
	return fmt.Sprintf("5\t%d\t%d\t1\t%d\t1\t%d\t%d\t%d\t%d\t%.2f\t%s", page, block, line, left, top, width, height, conf, text)
}

func pageRow(page int) string { return fmt.Sprintf("1\t%d\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t", page) }

// TestReadTSV: pages are numbered in order whether the TSV of a document is one run or the runs
// of its pages concatenated (each saying page 1); other levels and empty words are skipped.
func TestReadTSV(t *testing.T) {
	one := strings.Join([]string{TSVHeader, pageRow(1), "4\t1\t1\t1\t1\t0\t10\t10\t100\t40\t-1\t",
		tsvRow(1, 1, 1, 10, 10, 40, 40, 91, "合计"), tsvRow(1, 1, 1, 60, 10, 40, 40, 95, " ")}, "\n")
	data := []byte(one + "\n" + one + "\n")
	words, err := ReadTSV(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(words) != 2 || words[0].Page != 1 || words[1].Page != 2 {
		t.Fatalf("words %+v, want one on page 1 and one on page 2", words)
	}
	if w := words[0]; w.Text != "合计" || w.Conf != 91 || w.Left != 10 || w.Width != 40 {
		t.Errorf("word %+v", w)
	}
	if !IsTSV(data) || IsTSV([]byte("合计 1,000\n")) {
		t.Error("IsTSV does not tell TSV from text")
	}
	bad := []byte(TSVHeader + "\n" + pageRow(1) + "\n5\t1\t1\t1\t1\t1\tten\t10\t40\t40\t90\t合计\n")
	_, err = ReadTSV(bad)
	var te *tsvError
	if !errors.As(err, &te) || LineOf(err) != 3 {
		t.Errorf("malformed row: err %v (line %d), want a TSV error at line 3", err, LineOf(err))
	}
}

// TestFromWordsTable builds two table rows whose cells the OCR read as pieces in separate blocks,
// on a page turned by half a degree: each row is one line; numbers split at commas and points,
// glued to the next number's first group, or missing a comma are whole again; cells of the two
// rows line up by column; every cell keeps its box and lowest confidence.
func TestFromWordsTable(t *testing.T) {
	const slope = 0.0087 // half a degree
	y := func(x, top int) int { return top + int(slope*float64(x)) }
	var rows []string
	add := func(block, x, top, w int, conf float64, text string) {
		rows = append(rows, tsvRow(1, block, 1, x, y(x, top), w, 40, conf, text))
	}
	// Row 1: "201  一般公共服务支出  82,096,797.42  82,096,797.42", the decimals of the first
	// amount glued to the second's first group.
	add(1, 300, 1000, 68, 92, "201")
	add(2, 720, 1000, 370, 93, "一般公共服务支出")
	add(3, 1760, 1000, 58, 92, "82,")
	add(3, 1848, 1000, 69, 92, "096,")
	add(3, 1945, 1000, 71, 92, "797.")
	add(3, 2030, 1000, 130, 61, "4282,")
	add(3, 2193, 1000, 70, 91, "096,")
	add(3, 2291, 1000, 71, 92, "797.")
	add(3, 2388, 1000, 37, 93, "42")
	// Row 2, a line further down: "208  社会保障和就业支出  4,213,779.28  4,213,779.28", the first
	// amount's comma lost.
	add(4, 300, 1100, 68, 90, "208")
	add(4, 720, 1100, 410, 93, "社会保障和就业支出")
	add(5, 1784, 1100, 33, 77, "4")
	add(5, 1847, 1100, 80, 91, "213,")
	add(5, 1947, 1100, 81, 92, "779.")
	add(5, 2048, 1100, 47, 93, "28")
	add(6, 2120, 1100, 43, 89, "4,")
	add(6, 2187, 1100, 79, 95, "213,")
	add(6, 2288, 1100, 74, 95, "779.")
	add(6, 2382, 1100, 43, 96, "28")
	data := []byte(TSVHeader + "\n" + pageRow(3) + "\n" + strings.Join(rows, "\n") + "\n")
	words, err := ReadTSV(data)
	if err != nil {
		t.Fatal(err)
	}
	s := FromWords(words)
	var lines []Line
	for _, l := range s.Lines {
		if len(l.Cells) > 0 {
			lines = append(lines, l)
		}
	}
	if len(lines) != 2 {
		t.Fatalf("%d lines with cells, want 2: %+v", len(lines), s.Lines)
	}
	want := [][]string{
		{"201", "一般公共服务支出", "82,096,797.42", "82,096,797.42"},
		{"208", "社会保障和就业支出", "4,213,779.28", "4,213,779.28"},
	}
	for i, l := range lines {
		var got []string
		for _, c := range l.Cells {
			got = append(got, c.Text)
		}
		if strings.Join(got, "|") != strings.Join(want[i], "|") {
			t.Errorf("line %d cells %q, want %q", i+1, got, want[i])
		}
		if l.Page != 3 {
			t.Errorf("line %d on page %d, want 3", i+1, l.Page)
		}
		if Split(l.Text)[len(l.Cells)-1].Text != want[i][len(want[i])-1] {
			t.Errorf("line %d text %q does not split into its cells", i+1, l.Text)
		}
	}
	for k := 2; k < 4; k++ {
		if a, b := lines[0].Cells[k], lines[1].Cells[k]; a.X1 < b.X0 || b.X1 < a.X0 {
			t.Errorf("amount column %d: %v and %v do not overlap", k, a, b)
		}
	}
	boxes := s.Boxes[lines[0].No]
	if len(boxes) != 4 {
		t.Fatalf("%d boxes on line 1, want 4", len(boxes))
	}
	if b := boxes[3].Box; b.Page != 3 || b.Conf != 61 || b.Left > 2100 || b.Left+b.Width < 2420 {
		t.Errorf("second amount's box %+v: want page 3, from the glued piece (about 2070) to the decimals (2425), confidence 61", b)
	}
}

// TestFromWordsProse: a sentence read as words keeps its numbers inside ("9,101.68万元"), a year
// read with a look-alike of 年 and the OCR's known misreadings are corrected.
func TestFromWordsProse(t *testing.T) {
	words := []Word{
		{Page: 1, Line: 1, Left: 360, Top: 538, Width: 128, Height: 46, Conf: 92, Text: "2025"},
		{Page: 1, Line: 1, Left: 505, Top: 538, Width: 40, Height: 46, Conf: 60, Text: "乍"},
		{Page: 1, Line: 1, Left: 560, Top: 538, Width: 300, Height: 46, Conf: 93, Text: "收入预算"},
		{Page: 1, Line: 1, Left: 870, Top: 538, Width: 34, Height: 46, Conf: 91, Text: "9,"},
		{Page: 1, Line: 1, Left: 926, Top: 538, Width: 76, Height: 46, Conf: 92, Text: "101."},
		{Page: 1, Line: 1, Left: 1023, Top: 538, Width: 54, Height: 46, Conf: 92, Text: "68"},
		{Page: 1, Line: 1, Left: 1096, Top: 538, Width: 90, Height: 46, Conf: 90, Text: "万元，"},
		{Page: 1, Line: 1, Left: 1190, Top: 538, Width: 180, Height: 46, Conf: 90, Text: "基本文出"},
	}
	s := FromWords(words)
	if len(s.Lines) != 1 {
		t.Fatalf("%d lines, want 1", len(s.Lines))
	}
	if got := s.Lines[0].Text; got != "2025年收入预算9,101.68万元，基本支出" {
		t.Errorf("text %q", got)
	}
}

// TestFromWordsWholeAmounts: in a document whose amounts are printed whole, a comma the OCR read
// as a point is a comma again ("801.000" is 801,000), and whole amounts keep their groups.
func TestFromWordsWholeAmounts(t *testing.T) {
	var words []Word
	for i, a := range []string{"6,100,000", "1,583,000", "801.000", "42,000"} {
		top := 1000 + 100*i
		words = append(words,
			Word{Page: 1, Line: i, Left: 300, Top: top, Width: 180, Height: 45, Conf: 95, Text: "行政运行"},
			Word{Page: 1, Line: i, Left: 1700, Top: top, Width: 200, Height: 40, Conf: 90, Text: a})
	}
	s := FromWords(words)
	var got []string
	for _, l := range s.Lines {
		if len(l.Cells) == 2 {
			got = append(got, l.Cells[1].Text)
		}
	}
	if strings.Join(got, " ") != "6,100,000 1,583,000 801,000 42,000" {
		t.Errorf("amounts %q", got)
	}
}

// TestFromWordsMisreadMarks: a point or comma the OCR read as a colon or semicolon is mended by
// what follows it, and a lone character read with low confidence (a blot) is dropped.
func TestFromWordsMisreadMarks(t *testing.T) {
	words := []Word{
		{Page: 1, Line: 1, Left: 300, Top: 1000, Width: 180, Height: 45, Conf: 95, Text: "行政运行"},
		{Page: 1, Line: 1, Left: 1700, Top: 1000, Width: 60, Height: 40, Conf: 91, Text: "82,"},
		{Page: 1, Line: 1, Left: 1776, Top: 1000, Width: 83, Height: 40, Conf: 91, Text: "096,"},
		{Page: 1, Line: 1, Left: 1877, Top: 1000, Width: 82, Height: 40, Conf: 43, Text: "797:"},
		{Page: 1, Line: 1, Left: 1975, Top: 1000, Width: 46, Height: 40, Conf: 93, Text: "42"},
		{Page: 1, Line: 1, Left: 2300, Top: 1000, Width: 30, Height: 40, Conf: 88, Text: "3;"},
		{Page: 1, Line: 1, Left: 2345, Top: 1000, Width: 200, Height: 40, Conf: 92, Text: "609,125.22"},
		{Page: 1, Line: 1, Left: 3000, Top: 1000, Width: 45, Height: 45, Conf: 31, Text: "加"},
	}
	s := FromWords(words)
	var got []string
	for _, c := range s.Lines[0].Cells {
		got = append(got, c.Text)
	}
	if strings.Join(got, "|") != "行政运行|82,096,797.42|3,609,125.22" {
		t.Errorf("cells %q", got)
	}
}
