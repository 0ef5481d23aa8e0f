package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"budgetql/ingest"
	"budgetql/loader/model"
)

type checkCmd struct {
	JSON  bool     `help:"Print the model as JSON instead of the report."`
	Files []string `arg:"" type:"existingfile" help:"Disclosure files: PDF (a scanned one is read through OCR), pdftotext -layout text, OCR text or OCR word boxes (Tesseract TSV)."`
}

// Run reports each file. Exit status: 0 all checks pass, 1 a check failed, 2 a file is unreadable.
func (c *checkCmd) Run(e *env) error {
	status := 0
	var docs []*model.Document
	for _, path := range c.Files {
		doc, err := ingest.ReadFileWith(e.ctx, path, readOptions(e))
		if err != nil {
			fmt.Fprintln(e.stderr, "budgetql:", err)
			status = 2
			continue
		}
		if failed(doc) > 0 && status == 0 {
			status = 1
		}
		if c.JSON {
			docs = append(docs, doc)
			continue
		}
		writeReport(e.stdout, doc)
	}
	if c.JSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		var v any = docs
		if len(docs) == 1 {
			v = docs[0]
		}
		if err := enc.Encode(v); err != nil {
			return err
		}
	}
	if status != 0 {
		return &exitError{code: status}
	}
	return nil
}

func failed(doc *model.Document) int {
	n := 0
	for _, c := range doc.Checks {
		if c.Result == model.CheckFailed {
			n++
		}
	}
	return n
}

// writeReport prints the readable report of one document.
func writeReport(w io.Writer, doc *model.Document) {
	fmt.Fprintf(w, "%s\n  department: %s\n  year: %d  kind: %s  scope: %s  format: %s  pages: %d\n",
		doc.File, doc.Department, doc.Year, doc.Kind, doc.Scope, doc.Format, doc.Pages)
	fmt.Fprintln(w, "  tables:")
	for _, t := range doc.Tables {
		note := ""
		if t.Empty {
			note = " (empty)"
		}
		fmt.Fprintf(w, "    %-20s %3d rows  unit %-3s  p.%d  %s%s\n", t.ID, len(t.Rows), t.Unit, t.Source.Page, t.Title, note)
	}
	totals := []struct{ label, table, row, col string }{
		{"income total", "summary", model.RowIncomeTotal, model.ColTotal},
		{"expenditure total", "summary", model.RowExpenditureTotal, model.ColTotal},
		{"basic expenditure", "expenditure", model.RowTotal, model.ColBasic},
		{"project expenditure", "expenditure", model.RowTotal, model.ColProject},
		{"三公 total", "sangong", model.RowTotal, model.ColTotal},
	}
	fmt.Fprintln(w, "  totals (元):")
	for _, tt := range totals {
		t := doc.Table(model.TableID(tt.table))
		if t == nil {
			continue
		}
		if r := t.Row(tt.row); r != nil {
			if a, ok := r.Cell(tt.col); ok && !a.IsBlank() {
				fmt.Fprintf(w, "    %-20s %s  (printed %q %s)\n", tt.label, a.Yuan.StringFixed(2), a.Printed, a.Unit)
			}
		}
	}
	counts := map[model.CheckResult]int{}
	for _, c := range doc.Checks {
		counts[c.Result]++
	}
	fmt.Fprintf(w, "  checks: %d pass, %d rounding, %d repaired, %d failed, %d not applicable\n",
		counts[model.CheckPass], counts[model.CheckRounding], counts[model.CheckRepaired],
		counts[model.CheckFailed], counts[model.CheckNotApplicable])
	for _, c := range doc.Checks {
		if c.Result == model.CheckPass || c.Result == model.CheckNotApplicable {
			continue
		}
		fmt.Fprintf(w, "    %-8s %s: %s (expected %s, got %s) lines %s\n", c.Result, c.ID, c.Rule,
			c.Expected.StringFixed(2), c.Actual.StringFixed(2), joinInts(c.Lines))
		if c.Detail != "" {
			fmt.Fprintf(w, "             %s\n", c.Detail)
		}
	}
	for _, r := range doc.Repairs {
		fmt.Fprintf(w, "    repair   %s %s %s: printed %q -> %s (%s) line %d\n", r.Table, r.RowCode, r.Column, r.Printed, r.Value.StringFixed(2), r.Rule, r.Line)
	}
	for _, is := range doc.Issues {
		fmt.Fprintf(w, "    %-8s %s (line %d)\n", is.Kind, is.Detail, is.Line)
	}
}

func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = fmt.Sprint(x)
	}
	return strings.Join(s, ",")
}
