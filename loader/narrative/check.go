package narrative

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// halfUnit is half a unit of the last digit printed, in yuan: the rounding a printed figure hides.
func halfUnit(a model.Amount) decimal.Decimal {
	n := a.Printed
	if !text.IsPlainAmount(n) { // "1,202.95" has its digits where NormalizeNumber leaves them
		var err error
		if n, err = text.NormalizeNumber(n); err != nil {
			return decimal.Zero
		}
	}
	exp := int32(-decimals(n) - 1) // 5 × 10^exp is half the last digit
	if a.Unit == model.TenThous {
		exp += 4
	}
	return decimal.New(5, exp)
}

// checkChange reports a printed change that does not fit the printed figures of both years.
func (n *narrator) checkChange(s *nstmt, change *model.Amount) {
	want := s.value.Yuan.Sub(s.prev.Yuan)
	tol := halfUnit(*s.value).Add(halfUnit(*s.prev)).Add(halfUnit(*change))
	if change.Printed == "持平" {
		tol = halfUnit(*s.value).Add(halfUnit(*s.prev))
	}
	if want.Sub(change.Yuan).Abs().GreaterThan(tol) {
		n.issue("narrative_mismatch", fmt.Sprintf("narrative %s: %s against %s stated for the previous year is a change of %s, but the change printed is %s",
			figureName(s), amountText(*s.value), amountText(*s.prev), wantText(want), changeText(*change)), s.src.Line)
	}
}

// decimals counts the digits after the point of a normalised number.
func decimals(n string) int {
	if i := strings.IndexByte(n, '.'); i >= 0 {
		return len(n) - i - 1
	}
	return 0
}

func changeText(a model.Amount) string {
	if a.Printed == "持平" {
		return "持平"
	}
	return signText(a.Yuan) + amountText(a)
}

func wantText(d decimal.Decimal) string { return d.StringFixed(2) + "元" }

// checkPercent reports a printed percentage that the figures of both years cannot give.
func (n *narrator) checkPercent(s *nstmt, f model.NarrativeFigure) {
	if s.pct == nil || f.StatedPrevious == nil || !f.StatedPrevious.Yuan.IsPositive() {
		return
	}
	prev, value := f.StatedPrevious.Yuan, s.value.Yuan
	hv, hp := halfUnit(*s.value), halfUnit(*f.StatedPrevious)
	if f.StatedPrevious.Status == model.StatusDerived && f.StatedChange != nil {
		hp = hv.Add(halfUnit(*f.StatedChange))
	}
	// |got − pct| > bound, with got = (v−p)/p×100 and bound = ((hv+hp)/p + |v−p|·hp/p²)×100 +
	// half the printed percentage's last digit, multiplied through by p² > 0: no division.
	hundred := decimal.NewFromInt(100)
	diff, p2 := value.Sub(prev), prev.Mul(prev)
	off := diff.Mul(prev).Mul(hundred).Sub(s.pct.Mul(p2)).Abs()
	bound := hv.Add(hp).Mul(prev).Add(diff.Abs().Mul(hp)).Mul(hundred).Add(decimal.New(5, s.pct.Exponent()-1).Mul(p2))
	if off.GreaterThan(bound) {
		got := diff.Div(prev).Mul(hundred)
		n.issue("narrative_mismatch", fmt.Sprintf("narrative %s: %s against %s for the previous year is %s%%, but %s%% is printed",
			figureName(s), amountText(*s.value), amountText(*f.StatedPrevious), got.StringFixed(2), s.pct.StringFixed(-s.pct.Exponent())), s.src.Line)
	}
}

// checkRestated reports a second statement of this year's amount that differs from the first.
func (n *narrator) checkRestated(s *nstmt) {
	for _, r := range s.restated {
		if r.a.Yuan.Sub(s.value.Yuan).Abs().GreaterThan(precision(*s.value)) {
			n.issue("narrative_mismatch", fmt.Sprintf("narrative %s: %s (line %d), but the same passage also states %s (line %d)",
				figureName(s), amountText(*s.value), s.src.Line, amountText(r.a), r.line), r.line)
		}
	}
}

func figureName(s *nstmt) string {
	if s.item > 0 {
		return fmt.Sprintf("item %d %s", s.item, s.name)
	}
	return s.name
}
