package loader

import (
	"budgetql/loader/model"
	"strconv"

	"github.com/shopspring/decimal"
)

// The repair rounds and the final checks judge ~700 identities per document. Most figures have
// at most 15 digits, so an identity is judged in int64 at a common exponent; a figure that does
// not fit, or a sum that would overflow, falls back to eval's decimals. Decimals are made only
// for a Check's Expected and Actual.

// fixedLimit bounds every int64 coefficient: far from overflow after one more addition.
const fixedLimit = 1e17

var pow10 = [...]int64{1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17}

// shiftLimit[k] is the largest coefficient that stays within fixedLimit times 10^k.
var shiftLimit = func() (l [len(pow10)]int64) {
	for k, m := range pow10 {
		l[k] = fixedLimit / m
	}
	return l
}()

// fixed is the exact value c × 10^e.
type fixed struct {
	c int64
	e int32
}

// toFixed reads a decimal with at most 15 digits without allocating.
func toFixed(d decimal.Decimal) (fixed, bool) {
	if d.Sign() == 0 {
		return fixed{0, d.Exponent()}, true // no CoefficientInt64: it allocates for a zero Decimal{}
	}
	if !within15Digits(d) {
		return fixed{}, false
	}
	return fixed{d.CoefficientInt64(), d.Exponent()}, true
}

// fixedBounds[e-minBoundExp] are ±(10^15-1) × 10^e: Cmp with a decimal of the same exponent
// compares coefficients, without allocating (and without NumDigits' logarithm, which errs at
// powers of ten).
const minBoundExp = -12

var fixedBounds = func() (b [18][2]decimal.Decimal) {
	for i := range b {
		e := int32(i + minBoundExp)
		b[i] = [2]decimal.Decimal{decimal.New(-(1e15 - 1), e), decimal.New(1e15-1, e)}
	}
	return b
}()

// within15Digits reports whether d's coefficient has at most 15 digits, at an exponent from -12
// to 5.
func within15Digits(d decimal.Decimal) bool {
	i := int(d.Exponent()) - minBoundExp
	if i < 0 || i >= len(fixedBounds) {
		return false // judged by eval's decimals
	}
	return d.Cmp(fixedBounds[i][0]) >= 0 && d.Cmp(fixedBounds[i][1]) <= 0
}

// at gives the coefficient at a lower or equal exponent, or false when it would leave fixedLimit.
func (f fixed) at(e int32) (int64, bool) {
	shift := f.e - e
	if shift < 0 || int(shift) >= len(pow10) {
		return 0, false
	}
	if l := shiftLimit[shift]; f.c > l || f.c < -l {
		return 0, false
	}
	return f.c * pow10[shift], true
}

// add gives f + g at the lower of their exponents.
func (f fixed) add(g fixed) (fixed, bool) {
	e := min(f.e, g.e)
	a, ok1 := f.at(e)
	b, ok2 := g.at(e)
	s := a + b
	if !ok1 || !ok2 || s > fixedLimit || s < -fixedLimit {
		return fixed{}, false
	}
	return fixed{s, e}, true
}

// cmpAbsDiff compares |a - b| with tol (tol ≥ 0).
func cmpAbsDiff(a, b, tol fixed) (int, bool) {
	e := min(a.e, b.e, tol.e)
	x, ok1 := a.at(e)
	y, ok2 := b.at(e)
	t, ok3 := tol.at(e)
	if !ok1 || !ok2 || !ok3 {
		return 0, false
	}
	d := x - y
	if d < 0 {
		d = -d
	}
	switch {
	case d < t:
		return -1, true
	case d > t:
		return 1, true
	}
	return 0, true
}

// quickSum is an identity's terms read in int64: want and Σ parts at the exponent sumDecimals
// gives (the least of 0 and the parts').
type quickSum struct {
	want           fixed
	wok            bool
	sum            fixed
	present        int
	wanParts       int
	single         decimal.Decimal // the one present part, when there is one
	singleSameExpo bool            // single's exponent is the sum's
	n              int             // figures whose rounding the tolerance allows for
	tol            fixed
}

// quickTerms reads the identity's terms; ok is false when a figure is too big for int64.
func (id *identity) quickTerms(wt term, printed bool) (q quickSum, ok bool) {
	wv, wok := wt.value(printed)
	if wok {
		if q.want, ok = toFixed(wv); !ok {
			return q, false
		}
		q.wok = true
	}
	q.sum = fixed{0, 0}
	for i := range id.nparts() {
		a := id.partAmount(i)
		v, vok := amountValue(a, printed)
		if !vok {
			continue
		}
		f, fok := toFixed(v)
		if !fok {
			return q, false
		}
		if q.sum, ok = q.sum.add(f); !ok {
			return q, false
		}
		q.present++
		q.single = v
		if f.c != 0 {
			q.wanParts += amountAddends(a)
		}
	}
	if q.present == 1 {
		q.singleSameExpo = q.single.Exponent() == q.sum.e
	}
	return q, true
}

// quickResult judges the identity in int64, as eval does; ok is false when eval must decide.
func (id *identity) quickResult(wt term, printed bool) (model.CheckResult, quickSum, bool) {
	q, ok := id.quickTerms(wt, printed)
	if !ok {
		return "", q, false
	}
	if !q.wok || q.present == 0 {
		switch {
		case !q.wok && q.present > 0 && q.sum.c != 0:
			return model.CheckFailed, q, true
		}
		return model.CheckNotApplicable, q, true
	}
	if c, ok := cmpAbsDiff(q.want, q.sum, fixed{}); !ok {
		return "", q, false
	} else if c == 0 {
		return model.CheckPass, q, true
	}
	n := q.wanParts
	if id.addends > 0 && (q.wanParts > 0 || roundingAddends(wt) > 0) {
		n = int(id.addends)
	}
	if n == 0 && roundingAddends(wt) > 0 {
		n = roundingAddends(wt)
	}
	tol := fixed{50 * int64(n), 0}
	if wt.narrative {
		a, ok := toFixed(narrativeAllowance(wt))
		if !ok {
			return "", q, false
		}
		if c, ok := cmpAbsDiff(a, fixed{}, tol); !ok {
			return "", q, false
		} else if c > 0 {
			tol = a
		}
	}
	q.n, q.tol = n, tol
	c, ok := cmpAbsDiff(q.want, q.sum, tol)
	switch {
	case !ok:
		return "", q, false
	case c <= 0:
		return model.CheckRounding, q, true
	}
	return model.CheckFailed, q, true
}

// result judges the identity on current values, or on printed values when printed is set.
func (id *identity) result(printed bool) model.CheckResult {
	if r, _, ok := id.quickResult(id.wantTerm(), printed); ok {
		return r
	}
	return id.eval(printed).result
}

// outcome is eval(false), with decimals made only for a sum no figure already holds.
func (id *identity) outcome() outcome {
	wt := id.wantTerm()
	r, q, ok := id.quickResult(wt, false)
	if !ok {
		return id.eval(false)
	}
	detail, ok := q.detail(r, wt)
	if !ok {
		return id.eval(false)
	}
	want, _ := wt.value(false)
	return outcome{result: r, expected: want, actual: q.actual(want), detail: detail}
}

// actual is Σ parts as sumDecimals makes it, reusing a figure's decimal where it is the same.
func (q *quickSum) actual(want decimal.Decimal) decimal.Decimal {
	switch {
	case q.present == 0:
		return decimal.Decimal{}
	case q.wok && q.want == q.sum:
		return want // same coefficient and exponent
	case q.present == 1 && q.singleSameExpo:
		return q.single
	}
	return decimal.New(q.sum.c, q.sum.e)
}

// detail is eval's detail for the result, written from the int64 figures.
func (q *quickSum) detail(r model.CheckResult, wt term) (string, bool) {
	switch {
	case !q.wok && q.present == 0:
		return "all cells blank or not printed", true
	case !q.wok && q.sum.c == 0:
		return wt.label() + " not printed; its parts are zero", true
	case !q.wok:
		return wt.label() + " printed blank but its parts sum to " + yuanFixed(q.sum), true
	case q.present == 0:
		return "every part is blank or not printed", true
	case r == model.CheckPass:
		return "", true
	}
	diff, ok := q.want.add(fixed{-q.sum.c, q.sum.e})
	if !ok {
		return "", false
	}
	if r == model.CheckRounding {
		abs := fixed{max(diff.c, -diff.c), diff.e}
		return "the parts sum to " + yuanFixed(q.sum) + " against " + yuanFixed(q.want) + " printed: " +
			fixedText(abs) + " yuan, within rounding of " + strconv.Itoa(q.n) + " figures printed in 万元 (±" +
			fixedText(q.tol) + " yuan)", true
	}
	return wt.label() + " is " + yuanFixed(q.want) + " but the parts sum to " + yuanFixed(q.sum) +
		" (difference " + fixedText(diff) + " yuan)", true
}

// yuanFixed is yuanText for a fixed value (exponent -12 or more, as toFixed gives).
func yuanFixed(f fixed) string {
	return fixedText(f) + " yuan (" + fixedText(fixed{f.c, f.e - 4}) + "万)"
}

// fixedText prints f as decimal.Decimal.String does: every integer digit, and the fraction
// without trailing zeros.
func fixedText(f fixed) string {
	if f.c == 0 {
		return "0"
	}
	var dbuf [24]byte
	digits := strconv.AppendUint(dbuf[:0], uint64(max(f.c, -f.c)), 10)
	var buf [64]byte
	b := buf[:0]
	if f.c < 0 {
		b = append(b, '-')
	}
	if f.e >= 0 {
		b = append(b, digits...)
		for range f.e {
			b = append(b, '0')
		}
		return string(b)
	}
	point := len(digits) + int(f.e) // digits before the point
	end := len(digits)
	for end > 0 && digits[end-1] == '0' {
		end--
	}
	if point <= 0 {
		b = append(b, '0')
	} else {
		b = append(b, digits[:point]...)
	}
	if end <= point {
		return string(b)
	}
	b = append(b, '.')
	for range -point {
		b = append(b, '0')
	}
	return string(append(b, digits[max(point, 0):end]...))
}
