package loader

import (
	"errors"
	"fmt"
	"strings"

	"budgetql/loader/grid"
	"budgetql/loader/model"
	"budgetql/loader/text"
)

// ErrNoWords is returned for OCR word boxes in which the OCR read nothing.
var ErrNoWords = errors.New("the OCR read no word: is the scan blank or unreadable?")

// ErrScanReader is returned when a table reader fails on a scan's text (a bug to report, with
// the scan).
var ErrScanReader = errors.New("internal error reading the scan's tables")

// ErrNotTSV is returned when the scan format is asked for and the input is not Tesseract TSV.
var ErrNotTSV = errors.New("not OCR word boxes: a scan is read from Tesseract's TSV (its first line is the TSV header)")

// parseScan reads a scanned document from the OCR's word boxes (Tesseract TSV, see grid.ReadTSV):
// the boxes become a grid, read by the same table readers as layout text; every figure keeps the
// box it was read from and the OCR's confidence.
func parseScan(name string, data []byte, opt Options, fail func(int, error) (*model.Document, error)) (doc *model.Document, err error) {
	defer func() {
		// The table readers meet in OCR'd text what no text layer prints; a reader that fails on
		// it fails this document, not the load it is part of.
		if p := recover(); p != nil {
			doc, err = fail(0, fmt.Errorf("%w: %v", ErrScanReader, p))
		}
	}()
	if !grid.IsTSV(data) {
		return fail(0, ErrNotTSV)
	}
	words, err := grid.ReadTSV(data)
	if err != nil {
		return fail(grid.LineOf(err), err)
	}
	if len(words) == 0 {
		return fail(0, ErrNoWords)
	}
	scan := grid.FromWords(words)
	lines := make([]text.Line, len(scan.Lines))
	for i, l := range scan.Lines {
		lines[i] = l.Line
	}
	doc = &model.Document{File: name, SHA256: SHA256(data), Format: model.FormatScan, Lines: len(lines)}
	if len(lines) > 0 {
		doc.Pages = lines[len(lines)-1].Page
	}
	if err := identify(doc, scan.Lines, opt); err != nil {
		return fail(0, err)
	}
	readTables(doc, scan.Lines)
	doc.Units = append(doc.Units, parseLayoutUnits(lines)...)
	return finish(doc, scan.Lines, &scan, fail)
}

// attachBoxes gives every figure of a scanned document the box it was read from and every
// source the box of its line.
func attachBoxes(doc *model.Document, scan grid.Scan) {
	f := &boxFinder{scan: scan, used: map[[2]int]bool{}}
	src := func(s *model.Source) { s.Box = scan.LineBox(s.Line) }
	amount := func(a *model.Amount, line int) {
		a.Box = f.find(line, a.Printed)
		markUncertain(a)
	}
	for _, t := range doc.Tables {
		src(&t.Source)
		for _, r := range t.Rows {
			src(&r.Source)
			for i := range r.Cells {
				amount(&r.Cells[i].Amount, r.Source.Line)
			}
		}
	}
	for i := range doc.Narrative {
		n := &doc.Narrative[i]
		src(&n.Source)
		for _, a := range []*model.Amount{&n.Value, n.StatedPrevious, n.Budget} {
			if a != nil {
				amount(a, n.Source.Line)
			}
		}
	}
	for i := range doc.Projects {
		src(&doc.Projects[i].Source)
		amount(&doc.Projects[i].Amount, doc.Projects[i].Source.Line)
	}
	for i := range doc.Procurement {
		src(&doc.Procurement[i].Source)
	}
	for i := range doc.Targets {
		src(&doc.Targets[i].Source)
	}
	for i := range doc.Staffing {
		src(&doc.Staffing[i].Source)
	}
}

// boxFinder finds the cell a figure was read from: on its row's line or the two lines below, a
// cell whose text is the printed figure (each such cell given to one figure) or, in prose, a
// cell that holds it.
type boxFinder struct {
	scan grid.Scan
	used map[[2]int]bool // line number and cell index
}

func (f *boxFinder) find(line int, printed string) *model.Box {
	if printed == "" {
		return nil
	}
	for _, whole := range []bool{true, false} {
		for no := line; no <= line+2; no++ {
			for k, c := range f.scan.Boxes[no] {
				at := [2]int{no, k}
				if f.used[at] || !(whole && c.Text == printed || !whole && strings.Contains(c.Text, printed)) {
					continue
				}
				if whole {
					f.used[at] = true
				}
				b := c.Box
				return &b
			}
		}
	}
	return nil
}

// markUncertain notes on a figure the OCR was unsure of that it is uncertain (a repair, if the
// identities make one, replaces the note with its own, which gives the confidence too).
func markUncertain(a *model.Amount) {
	if a.Box.Uncertain() && a.Note == "" {
		a.Note = fmt.Sprintf("read by OCR with confidence %.0f (below %d): uncertain", a.Box.Conf, model.LowConfidence)
	}
}
