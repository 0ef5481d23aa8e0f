package narrative

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// finish merges the statements about each key into one figure, derives what the prose implies,
// checks the prose against itself and stores doc.Narrative.
func (n *narrator) finish() {
	if len(n.untabled) > 0 {
		n.issue("unread", fmt.Sprintf("narrative items %s kept as item:N: %s", intList(n.untabled), errNoFunctionTable), n.untabledLine)
	}
	merged := n.merge()
	for _, s := range merged {
		if s.value == nil {
			if s.item > 0 {
				n.issue("unread", fmt.Sprintf("narrative item %d %s: no amount read for this year", s.item, s.name), s.src.Line)
			}
			continue
		}
		f := n.figure(s)
		n.checkRestated(s)
		n.checkReason(s, f)
		n.doc.Narrative = append(n.doc.Narrative, f)
	}
}

// merge folds statements into the first one with a value for the same key; statements that only
// state a change fill in what is missing. A key stated with different values is left out and
// reported: the prose states it per unit, per fund or per section, and which is the whole is
// not said.
func (n *narrator) merge() []*nstmt {
	var out []*nstmt
	byKey := map[string]*nstmt{}
	conflicts := map[string][]*nstmt{}
	for _, s := range n.stmts {
		if s.value == nil && s.item == 0 {
			continue
		}
		if first, ok := byKey[s.key]; ok && s.item == 0 {
			if first.value != nil && !first.value.Yuan.Equal(s.value.Yuan) {
				if conflicts[s.key] == nil {
					conflicts[s.key] = []*nstmt{first}
				}
				conflicts[s.key] = append(conflicts[s.key], s)
				continue
			}
			fill(first, s)
			continue
		}
		byKey[s.key] = s
		out = append(out, s)
	}
	for _, s := range n.stmts {
		if s.value != nil || s.item > 0 {
			continue
		}
		if first, ok := byKey[s.key]; ok {
			fill(first, s)
		}
	}
	return n.dropConflicts(out, conflicts)
}

// dropConflicts leaves out the keys stated with different values and reports each once.
func (n *narrator) dropConflicts(stmts []*nstmt, conflicts map[string][]*nstmt) []*nstmt {
	if len(conflicts) == 0 {
		return stmts
	}
	var out []*nstmt
	for _, s := range stmts {
		cs, ok := conflicts[s.key]
		if !ok {
			out = append(out, s)
			continue
		}
		var parts []string
		for _, c := range cs {
			parts = append(parts, fmt.Sprintf("%s (line %d)", amountText(*c.value), c.src.Line))
		}
		n.issue("unread", fmt.Sprintf("narrative states %s with different values: %s; they are taken for parts (of a unit, a fund or a section) and none is read as the whole",
			s.name, strings.Join(parts, ", ")), s.src.Line)
	}
	return out
}

// fill copies into s what s lacks and o states.
func fill(s, o *nstmt) {
	if s.budget == nil {
		s.budget = o.budget
	}
	if s.prev == nil {
		s.prev = o.prev
	}
	if s.change == nil && o.change != nil {
		s.change, s.sign = o.change, o.sign
	}
	if s.pct == nil && o.pct != nil {
		s.pct = o.pct
		if s.sign == 0 {
			s.sign = o.sign
		}
	}
	s.flat = s.flat || o.flat
	if s.basisRank < 1 {
		s.setBasis(o.basis, o.basisRank)
	}
	s.restated = append(s.restated, o.restated...)
}

// amountText is an amount as printed with its unit; a derived amount, not printed, in 万元 or 元
// to two decimals.
func amountText(a model.Amount) string {
	printed := strings.TrimSpace(a.Printed)
	if printed == "" {
		printed = text.FromYuan(a.Yuan, a.Unit).StringFixed(2)
	}
	if a.Unit == model.TenThous {
		return printed + "万元"
	}
	return printed + "元"
}

// figure builds the narrative figure: a printed previous year is reported; a change printed
// without it gives a derived previous year (value − change), and the reverse.
func (n *narrator) figure(s *nstmt) model.NarrativeFigure {
	f := model.NarrativeFigure{Key: s.key, Name: s.name, Value: *s.value, Basis: s.basis, Source: s.src,
		StatedPercent: s.pct, Budget: s.budget}
	change := s.change
	if change == nil && s.flat {
		change = &model.Amount{Yuan: decimal.Zero, Printed: "持平", Unit: s.value.Unit, Status: model.StatusReported}
	}
	switch {
	case s.prev != nil:
		f.StatedPrevious = s.prev
		if change == nil {
			d := s.value.Yuan.Sub(s.prev.Yuan)
			change = &model.Amount{Yuan: d, Unit: s.value.Unit, Status: model.StatusDerived,
				Note: fmt.Sprintf("this year %s − stated previous year %s", amountText(*s.value), amountText(*s.prev))}
		} else {
			n.checkChange(s, change)
		}
	case change != nil:
		prev := s.value.Yuan.Sub(change.Yuan)
		if prev.IsNegative() {
			n.issue("narrative_mismatch", fmt.Sprintf("narrative %s: %s with a change of %s would make the previous year negative",
				s.name, amountText(*s.value), changeText(*change)), s.src.Line)
			break
		}
		f.StatedPrevious = &model.Amount{Yuan: prev, Unit: s.value.Unit, Status: model.StatusDerived,
			Note: fmt.Sprintf("this year %s − stated change %s", amountText(*s.value), changeText(*change))}
	}
	f.StatedChange = change
	f.Direction = direction(s, change)
	n.checkPercent(s, f)
	return f
}

func signText(d decimal.Decimal) string {
	if d.IsNegative() {
		return "−"
	}
	return "+"
}

func direction(s *nstmt, change *model.Amount) string {
	switch {
	case change != nil && change.Yuan.IsZero(), change == nil && s.flat:
		return "flat"
	case s.sign > 0, s.sign == 0 && change != nil && change.Yuan.IsPositive():
		return "increase"
	case s.sign < 0, s.sign == 0 && change != nil && change.Yuan.IsNegative():
		return "decrease"
	case s.pct != nil && s.pct.IsZero():
		return "flat"
	}
	return ""
}

// precision is the largest difference from another figure that a printed figure's rounding
// explains: one unit of the last decimal printed, half a unit when only whole numbers are printed.
func precision(a model.Amount) decimal.Decimal {
	n, err := text.NormalizeNumber(a.Printed)
	if err != nil {
		return decimal.Zero
	}
	unit := decimal.New(5, -1)
	if i := strings.IndexByte(n, '.'); i >= 0 {
		unit = decimal.New(1, -int32(len(n)-i-1))
	}
	return text.ToYuan(unit, a.Unit)
}

func intList(xs []int) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprint(x)
	}
	return strings.Join(parts, ", ")
}
