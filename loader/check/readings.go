package check

import (
	"fmt"
	"strings"

	"budgetql/loader/model"
	"budgetql/loader/text"

	"github.com/shopspring/decimal"
)

// repairReadings repairs the figures of a scan that the OCR misread, where an identity decides
// between the readings: for a failing identity, each of its OCR-read figures is given the value
// that would make the identity hold, and that value is a candidate reading when, printed as the
// figure was read, its digits are those read but for one (two when the OCR was unsure of the
// figure: its confidence is below model.LowConfidence). When exactly one
// figure has a candidate, and taking it breaks no identity that held, it is taken and the repair
// recorded. A cell the OCR read as no amount at all ("7917.") is a figure too. It returns the
// number of repairs made.
func repairReadings(doc *model.Document, ids []*identity) int {
	if doc.Format != model.FormatScan {
		return 0
	}
	byAmount := map[*model.Amount][]*identity{}
	for _, id := range ids {
		if id.compare {
			continue
		}
		for _, t := range id.terms {
			if t.amt != nil {
				byAmount[t.amt] = append(byAmount[t.amt], id)
			}
		}
	}
	n := 0
	for _, id := range ids {
		if id.compare || id.result(false) != model.CheckFailed {
			continue
		}
		t, v, ok := onlyReading(id)
		if !ok {
			continue
		}
		if takeReading(doc, id, t, v, byAmount[t.amt]) {
			n++
		}
	}
	return n
}

// onlyReading finds the one OCR-read figure of a failing identity with a candidate reading, and
// its value.
func onlyReading(id *identity) (term, decimal.Decimal, bool) {
	terms := id.terms
	var found []term
	var vals []decimal.Decimal
	for i, t := range terms {
		if !readByOCR(t) {
			continue
		}
		v, ok := valueFor(terms, i)
		if !ok || v.Sign() < 0 || !isReading(t.amt, v) {
			continue
		}
		found, vals = append(found, t), append(vals, v)
	}
	if len(found) != 1 {
		return term{}, decimal.Zero, false
	}
	return found[0], vals[0], true
}

// readByOCR reports whether a term is a table figure the OCR read: printed, with digits, not
// repaired or derived.
func readByOCR(t term) bool {
	a := t.amt
	if t.narrative || a == nil || a.Box == nil || a.Printed == "" {
		return false
	}
	if a.Status != model.StatusReported && a.Status != model.StatusBlank {
		return false
	}
	return strings.ContainsAny(a.Printed, "0123456789")
}

// valueFor is the value of terms[i] (0 the sum, the others its parts) that makes the identity
// hold exactly, given the other terms' values.
func valueFor(terms []term, i int) (decimal.Decimal, bool) {
	var parts decimal.Decimal
	for k, t := range terms[1:] {
		if k+1 == i {
			continue
		}
		if v, ok := t.value(false); ok {
			parts = parts.Add(v)
		}
	}
	if i == 0 {
		return parts, true
	}
	want, ok := terms[0].value(false)
	if !ok {
		return decimal.Zero, false
	}
	return want.Sub(parts), true
}

// isReading reports whether v, printed in the figure's unit with as many decimals as were read,
// has as many digits as were read and differs from them in at most one (two for an uncertain
// figure): a misread digit, never a lost or added one, which would change the figure's size.
func isReading(a *model.Amount, v decimal.Decimal) bool {
	read := digitsOf(a.Printed)
	k := 0
	if i := strings.LastIndexByte(a.Printed, '.'); i >= 0 {
		k = len(digitsOf(a.Printed[i+1:]))
	}
	inUnit := text.FromYuan(v, a.Unit)
	if !inUnit.Equal(inUnit.Round(int32(k))) {
		return false
	}
	cand := digitsOf(inUnit.StringFixed(int32(k)))
	if len(cand) != len(read) {
		return false
	}
	limit := 1
	if a.Box.Uncertain() {
		limit = 2
	}
	d := 0
	for i := range read {
		if read[i] != cand[i] {
			d++
		}
	}
	return d >= 1 && d <= limit // the same digits with another sign are no misread digit
}

func digitsOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// takeReading gives the figure the value v when no identity that held as read fails with it, and
// records the repair.
func takeReading(doc *model.Document, id *identity, t term, v decimal.Decimal, others []*identity) bool {
	old := *t.amt
	held := make([]bool, len(others))
	for i, o := range others {
		r := o.result(false)
		held[i] = r == model.CheckPass || r == model.CheckRounding
	}
	t.amt.Yuan, t.amt.Status = v, model.StatusRepaired
	for i, o := range others {
		if r := o.result(false); held[i] && r != model.CheckPass && r != model.CheckRounding {
			*t.amt = old
			return false
		}
	}
	conf := ""
	if t.amt.Box != nil {
		conf = fmt.Sprintf(" with confidence %.0f", t.amt.Box.Conf)
	}
	t.amt.Note = fmt.Sprintf("read by OCR as %q%s; %s determines %s, a reading of the same printed digits",
		t.amt.Printed, conf, id.rule, yuanText(v))
	doc.Repairs = append(doc.Repairs, model.Repair{Table: t.table, RowCode: t.code, RowName: t.name,
		Column: t.col, Printed: t.amt.Printed, Value: v, Rule: id.id + ": " + id.rule, Line: t.line})
	return true
}
