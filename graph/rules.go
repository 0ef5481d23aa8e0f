package graph

import (
	"sort"

	"budgetql/db"
)

// cell names one figure of a document: table, row code and column.
type cell struct{ table, row, col string }

// amountRules is what the API derives from amount_rule, the store's one definition of where
// measures and subjects are printed (migration 0013): the store resolves every amount by it at
// load time, and these indexes only name things the resolved amounts do not carry.
type amountRules struct {
	narrativeKey map[string]string // measure → the narrative key that states its previous year
	keyMeasure   map[string]string // narrative key → the measure whose tables print the same figure
	cellMeasure  map[cell]string   // a measure's table cell → the measure (first by name)
	subjectClass map[string]string // subject table → its classification
	measures     map[string]bool   // every measure with a rule
}

func newAmountRules(rules []db.AmountRule) *amountRules {
	a := &amountRules{narrativeKey: map[string]string{}, keyMeasure: map[string]string{},
		cellMeasure: map[cell]string{}, subjectClass: map[string]string{}, measures: map[string]bool{}}
	sorted := append([]db.AmountRule(nil), rules...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Target < sorted[j].Target })
	for _, r := range sorted {
		switch {
		case r.Row == "*":
			if r.Table != "narrative" {
				a.subjectClass[r.Table] = r.Target
			}
		case r.AmountColumn != "":
			// a measure's 年初预算: not what the measure's own amount is
		case r.Table == "narrative":
			a.measures[r.Target] = true
			a.narrativeKey[r.Target] = r.Row
			if _, ok := a.keyMeasure[r.Row]; !ok {
				a.keyMeasure[r.Row] = r.Target
			}
		default:
			a.measures[r.Target] = true
			c := cell{r.Table, r.Row, r.Column}
			if _, ok := a.cellMeasure[c]; !ok {
				a.cellMeasure[c] = r.Target
			}
		}
	}
	return a
}

// subjectTarget is the document_amount target of a subject-table figure ("function:2010301"), or
// "" when the figure is not a subject row of a subject table.
func (a *amountRules) subjectTarget(table, row string) string {
	if class := a.subjectClass[table]; class != "" && isSubjectCode(row) {
		return class + ":" + row
	}
	return ""
}

// statedKey is the narrative key whose stated previous value compares with a table cell: its
// measure's, or a subject's code.
func (a *amountRules) statedKey(c cell) string {
	switch {
	case c.table == "narrative":
		return c.row
	case a.cellMeasure[c] != "":
		return a.narrativeKey[a.cellMeasure[c]]
	case isSubjectCode(c.row) && c.col == "total" && a.subjectClass[c.table] != "":
		return c.row
	}
	return ""
}

func isSubjectCode(s string) bool {
	if len(s) < 3 || len(s) > 7 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
