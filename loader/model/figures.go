package model

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/shopspring/decimal"
)

// Figure is one flat figure: the row form that `budgetql figures` prints and notebooks read.
type Figure struct {
	File       string          `json:"file"`
	Department string          `json:"department"`
	Year       int             `json:"year"`
	Kind       Kind            `json:"kind"`
	Table      TableID         `json:"table"`
	RowCode    string          `json:"row_code"`
	RowName    string          `json:"row_name"`
	Column     string          `json:"column"`
	Yuan       decimal.Decimal `json:"amount_yuan"`
	Blank      bool            `json:"blank"`
	Printed    string          `json:"printed"`
	Unit       Unit            `json:"unit"`
	Status     Status          `json:"status"`
	Page       int             `json:"page"`
	Line       int             `json:"line"`
	Box        *Box            `json:"box,omitempty"` // scans: where it was read, with the OCR's confidence
}

// FigureHeader is the CSV header of `budgetql figures`.
var FigureHeader = []string{"file", "department", "year", "kind", "table", "row_code", "row_name",
	"column", "amount_yuan", "printed", "unit", "status", "page", "line", "confidence", "box"}

// Figures flattens every table cell and narrative figure of the document, in document order.
func (d *Document) Figures() []Figure {
	var out []Figure
	add := func(t TableID, code, name, col string, a Amount, src Source) {
		out = append(out, Figure{File: d.File, Department: d.Department, Year: d.Year, Kind: d.Kind,
			Table: t, RowCode: code, RowName: name, Column: col, Yuan: a.Yuan, Blank: a.IsBlank(),
			Printed: a.Printed, Unit: a.Unit, Status: a.Status, Page: src.Page, Line: src.Line, Box: a.Box})
	}
	for _, t := range d.Tables {
		for _, r := range t.Rows {
			for _, c := range r.Cells {
				add(t.ID, r.Code, r.Name, c.Column, c.Amount, r.Source)
			}
		}
	}
	for _, n := range d.Narrative {
		add(TableNarrative, n.Key, n.Name, ColValue, n.Value, n.Source)
		if n.StatedPrevious != nil {
			add(TableNarrative, n.Key, n.Name, ColStatedPrevious, *n.StatedPrevious, n.Source)
		}
		if n.Budget != nil {
			add(TableNarrative, n.Key, n.Name, ColBudget, *n.Budget, n.Source)
		}
	}
	return out
}

// WriteFiguresCSV writes figures as UTF-8 CSV with a byte-order mark and FigureHeader.
func WriteFiguresCSV(w io.Writer, figs []Figure, header bool) error {
	if header {
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return err
		}
	}
	cw := csv.NewWriter(w)
	if header {
		if err := cw.Write(FigureHeader); err != nil {
			return err
		}
	}
	for _, f := range figs {
		amount := ""
		if !f.Blank {
			amount = f.Yuan.StringFixed(2)
		}
		rec := []string{f.File, f.Department, strconv.Itoa(f.Year), string(f.Kind), string(f.Table),
			f.RowCode, f.RowName, f.Column, amount, f.Printed, string(f.Unit), string(f.Status),
			strconv.Itoa(f.Page), strconv.Itoa(f.Line), "", ""}
		if b := f.Box; b != nil {
			rec[14] = strconv.FormatFloat(b.Conf, 'f', 0, 64)
			rec[15] = fmt.Sprintf("%d,%d,%d,%d", b.Left, b.Top, b.Width, b.Height)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
