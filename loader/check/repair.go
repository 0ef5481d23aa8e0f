package check

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// repairAll repairs, for each identity that does not hold exactly, its one truncated cell when the
// identity (and, where rounding leaves a choice, the same figure printed elsewhere) determines the
// value. It returns the number of repairs made.
func repairAll(doc *model.Document, ids []*identity, gen int) int {
	norms := decimalNorms(doc)
	n := 0
	for _, id := range ids {
		if id.compare {
			continue
		}
		id.note = ""
		r := id.current(gen + n).result
		if r != model.CheckFailed && r != model.CheckRounding {
			continue
		}
		var trunc []term
		for _, t := range id.terms {
			if isTruncated(t, norms) {
				trunc = append(trunc, t)
			}
		}
		if len(trunc) != 1 {
			if len(trunc) > 1 && r == model.CheckFailed {
				id.note = "several cells look truncated: no repair"
			}
			continue
		}
		if repairTerm(doc, id, trunc[0], norms, r) {
			n++
		}
	}
	return n
}

// decimalNorms gives, per table, the number of decimals most of its printed amounts have.
func decimalNorms(doc *model.Document) map[model.TableID]int {
	out := make(map[model.TableID]int, len(doc.Tables))
	for _, t := range doc.Tables {
		var count [16]int    // cells by decimals
		var more map[int]int // cells with more decimals than count holds
		for _, r := range t.Rows {
			for _, c := range r.Cells {
				if c.Status != model.StatusReported {
					continue
				}
				switch d, _, ok := printedDecimals(c.Printed); {
				case !ok:
				case d < len(count):
					count[d]++
				default:
					if more == nil {
						more = map[int]int{}
					}
					more[d]++
				}
			}
		}
		best, bestN := 0, 0
		pick := func(d, k int) {
			if k > 0 && (k > bestN || (k == bestN && d > best)) {
				best, bestN = d, k
			}
		}
		for d, k := range count {
			pick(d, k)
		}
		for d, k := range more {
			pick(d, k)
		}
		if prev, ok := out[t.ID]; !ok || best > prev {
			out[t.ID] = best
		}
	}
	return out
}

// isTruncated reports whether a table cell was printed with fewer decimals than its table's norm
// ("8.2" among "8.27"s, OCR-split "0. 1"). Full-precision cells are never repaired, nor are zeros
// and integers ("25" is how Shanghai tables print 25.00), which are figures printed whole.
func isTruncated(t term, norms map[model.TableID]int) bool {
	if t.narrative || t.amt == nil || t.amt.Status != model.StatusReported || t.amt.Yuan.Sign() <= 0 {
		return false
	}
	k, dot, ok := printedDecimals(t.amt.Printed)
	if !ok || !dot {
		return false
	}
	d := norms[t.table]
	return k < d && d-k <= 2
}

// printedDecimals is decimals(NormalizeNumber(p)), with whether the number has a point and
// whether it is one.
func printedDecimals(p string) (k int, dot, ok bool) {
	n, err := text.NormalizeNumber(p)
	return decimals(n), strings.Contains(n, "."), err == nil
}

// figure is a value printed elsewhere in the document, with where.
type figure struct {
	v     decimal.Decimal
	where string
}

// repairTerm tries the values whose printed form starts with the printed digits and keeps the one
// the identity and the document determine. It reports whether a repair was made.
func repairTerm(doc *model.Document, id *identity, t term, norms map[model.TableID]int, before model.CheckResult) bool {
	norm := norms[t.table]
	n, _ := text.NormalizeNumber(t.amt.Printed)
	holds, ok := fittingValues(id, t, n, norm)
	if !ok {
		return false
	}
	same := sameFigures(doc, t, norms)
	v, why, ok := chooseRepair(holds, same, before)
	if !ok {
		id.note = noRepairNote(t, holds, same, before)
		return false
	}
	applyRepair(doc, id, t, v, why, decimals(n), norm)
	return true
}

// fittingValues lists the values, in yuan, that extend the printed digits n to norm decimals and
// make the identity hold (exactly or within rounding).
func fittingValues(id *identity, t term, n string, norm int) ([]decimal.Decimal, bool) {
	base, err := decimal.NewFromString(n)
	if err != nil {
		return nil, false
	}
	step := decimal.New(1, int32(-norm))
	limit := 1
	for i := decimals(n); i < norm; i++ {
		limit *= 10
	}
	orig := t.amt.Yuan
	defer func() { t.amt.Yuan = orig }()
	var holds []decimal.Decimal
	for i := 0; i < limit; i++ {
		v := text.ToYuan(base.Add(step.Mul(decimal.NewFromInt(int64(i)))), t.amt.Unit)
		if v.Equal(orig) {
			continue
		}
		t.amt.Yuan = v
		if r := id.result(false); r == model.CheckPass || r == model.CheckRounding {
			holds = append(holds, v)
		}
	}
	return holds, true
}

// noRepairNote says why a truncated cell of a failing identity was left as printed.
func noRepairNote(t term, holds []decimal.Decimal, same []figure, before model.CheckResult) string {
	switch {
	case before != model.CheckFailed:
		return ""
	case len(holds) == 0:
		return fmt.Sprintf("%s printed %q looks truncated, but no value starting with its digits satisfies the identity: not repaired", t.label(), t.amt.Printed)
	case len(holds) > 1:
		return fmt.Sprintf("%s printed %q looks truncated; %d values fit the identity within rounding and no other printing of the figure decides: not repaired", t.label(), t.amt.Printed, len(holds))
	}
	return fmt.Sprintf("%s printed %q looks truncated; the identity gives %s but the figure is printed elsewhere as %s: not repaired", t.label(), t.amt.Printed, yuanText(holds[0]), sameText(same))
}

// chooseRepair keeps a candidate that another printing of the figure confirms, else the only
// candidate when the identity leaves one and no other printing contradicts it (never when the
// identity already held within rounding).
func chooseRepair(holds []decimal.Decimal, same []figure, before model.CheckResult) (decimal.Decimal, string, bool) {
	var match []figure
	for _, c := range holds {
		for _, f := range same {
			if f.v.Equal(c) {
				match = append(match, figure{c, f.where})
				break
			}
		}
	}
	if len(match) == 1 {
		return match[0].v, "agrees with " + match[0].where, true
	}
	if len(match) == 0 && len(same) == 0 && len(holds) == 1 && before == model.CheckFailed {
		return holds[0], "the only value that satisfies the identity", true
	}
	return decimal.Zero, "", false
}

func applyRepair(doc *model.Document, id *identity, t term, v decimal.Decimal, why string, k, norm int) {
	t.amt.Yuan = v
	t.amt.Status = model.StatusRepaired
	t.amt.Note = fmt.Sprintf("printed %q has %d decimals where the table prints %d; %s determines %s, which %s",
		t.amt.Printed, k, norm, id.rule, yuanText(v), why)
	doc.Repairs = append(doc.Repairs, model.Repair{Table: t.table, RowCode: t.code, RowName: t.name,
		Column: t.col, Printed: t.amt.Printed, Value: v, Rule: id.id + ": " + id.rule, Line: t.line})
}

// sameFigures finds the figure a cell holds printed elsewhere in full (a truncated printing is no
// evidence): the same function subject in the
// other function tables and the narrative, the summary totals in the appropriation table and the
// narrative, the 三公 parts in the narrative and 公务接待费 (30217) in the economic table.
func sameFigures(doc *model.Document, t term, norms map[model.TableID]int) []figure {
	var out []figure
	addRow := func(tab *model.Table, code string, cols ...string) {
		if tab == nil || tab.ID == t.table && code == t.code {
			return
		}
		r := tab.Row(code)
		if r == nil {
			return
		}
		for _, c := range cols {
			if o := cellTerm(tab, r, c); o.amt != nil && !o.amt.IsBlank() && !isTruncated(o, norms) {
				out = append(out, figure{o.amt.Yuan, fmt.Sprintf("%s %s on line %d", tab.ID, r.Code, r.Source.Line)})
				return
			}
		}
	}
	addNarr := func(key string) {
		if f := doc.NarrativeFigure(key); f != nil && !f.Value.IsBlank() {
			out = append(out, figure{f.Value.Yuan, fmt.Sprintf("the narrative's %s on line %d", f.Name, f.Source.Line)})
		}
	}
	switch {
	case t.table == model.TableSangong:
		key := t.code
		if key == model.RowTotal {
			key = model.RowSangongTotal
		}
		addNarr(key)
		if t.code == model.RowReception {
			addRow(doc.Table(model.TableGPBEconomic), "30217", model.ColTotal)
		}
	case t.table == model.TableGPBEconomic && t.code == "30217":
		addRow(doc.Table(model.TableSangong), model.RowReception, model.ColTotal, model.ColActual)
	case summaryRows[t.code] && (t.table == model.TableSummary || t.table == model.TableAppropriation):
		for _, id := range []model.TableID{model.TableSummary, model.TableAppropriation} {
			addRow(doc.Table(id), t.code, t.col)
		}
		addNarr(t.code)
	case isFunctionCode(t.code):
		for _, id := range []model.TableID{model.TableSummary, model.TableAppropriation, model.TableExpenditure, model.TableGPBFunction, model.TableIncome} {
			addRow(doc.Table(id), t.code, t.col)
		}
		addNarr(t.code)
	}
	return out
}

// summaryRows are the totals the summary and the appropriation table both print.
var summaryRows = map[string]bool{model.RowIncomeTotal: true, model.RowExpenditureTotal: true, model.RowIncomeCurrent: true, model.RowExpenditureCurrent: true}

// isFunctionCode reports a 支出功能分类 code: 3, 5 or 7 digits starting with 2.
func isFunctionCode(c string) bool {
	if (len(c) != 3 && len(c) != 5 && len(c) != 7) || c[0] != '2' {
		return false
	}
	return allDigits(c)
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func sameText(same []figure) string {
	var s []string
	for _, f := range same {
		s = append(s, fmt.Sprintf("%s (%s)", f.v.String(), f.where))
	}
	return strings.Join(s, ", ")
}
