package loader

import (
	"budgetql/loader/model"
	"fmt"
)

// addTable appends a table read from the document. A second copy of a table already read is left
// out and reported as duplicate_table, saying whether its figures differ from the first copy.
func addTable(doc *model.Document, t *model.Table) {
	first := doc.Table(t.ID)
	if first == nil {
		doc.Tables = append(doc.Tables, t)
		return
	}
	diff := "its figures are the same"
	if d := tableDifference(first, t); d != "" {
		diff = "its figures differ: " + d
	}
	doc.Issues = append(doc.Issues, model.Issue{Kind: "duplicate_table", Line: t.Source.Line,
		Detail: fmt.Sprintf("%s %s printed again (first at line %d); the second copy is left out, %s",
			t.ID, t.Title, first.Source.Line, diff)})
}

// tableDifference describes the first cell whose value differs between two copies of a table,
// or returns "" when they hold the same figures.
func tableDifference(a, b *model.Table) string {
	if len(a.Rows) != len(b.Rows) {
		return fmt.Sprintf("%d rows against %d", len(a.Rows), len(b.Rows))
	}
	for i, ra := range a.Rows {
		rb := b.Rows[i]
		for _, c := range ra.Cells {
			cb, ok := rb.Cell(c.Column)
			if ra.Code != rb.Code || !ok || !cb.Yuan.Equal(c.Yuan) || cb.Status != c.Status {
				return fmt.Sprintf("row %s %s column %s: %q (line %d) against %q (line %d)",
					ra.Code, ra.Name, c.Column, c.Printed, ra.Source.Line, cb.Printed, rb.Source.Line)
			}
		}
	}
	return ""
}
