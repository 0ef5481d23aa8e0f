package loader

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"fmt"
	"math/big"
	"math/rand"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// TestQuickResultMatchesEval judges every corpus identity both ways, on current and printed
// values, after the repairs the parse made.
func TestQuickResultMatchesEval(t *testing.T) {
	for _, path := range corpusTexts(t) {
		doc := mustParseFile(t, path)
		for _, id := range buildIdentities(doc) {
			for _, printed := range []bool{false, true} {
				if got, want := id.result(printed), id.eval(printed).result; got != want {
					t.Errorf("%s %s printed=%v: quick %s, eval %s", docName(path), id.ruleText(), printed, got, want)
				}
			}
			got, want := id.outcome(), id.eval(false)
			if !sameDecimal(got.actual, want.actual) || !sameDecimal(got.expected, want.expected) || got.detail != want.detail {
				t.Errorf("%s %s: outcome %+v, eval %+v", docName(path), id.ruleText(), got, want)
			}
		}
	}
}

func sameDecimal(a, b decimal.Decimal) bool {
	return a.Equal(b) && a.Exponent() == b.Exponent()
}

// TestQuickResultRandom compares the int64 judgement with eval's on random figures, some too big
// for int64, at exponents from -4 to 2.
func TestQuickResultRandom(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	figure := func() *model.Amount {
		switch rng.Intn(12) {
		case 0:
			return &model.Amount{Status: model.StatusBlank}
		case 1:
			return nil
		}
		c := rng.Int63n(2000) - 200
		if rng.Intn(10) == 0 {
			c = rng.Int63()
		}
		v := decimal.New(c, int32(rng.Intn(7)-4))
		if rng.Intn(10) == 0 {
			v = v.Mul(decimal.New(1, 12))
		}
		unit := model.Yuan
		if rng.Intn(2) == 0 {
			unit = model.TenThous
		}
		return &model.Amount{Yuan: v, Printed: "1.5", Unit: unit, Status: model.StatusReported}
	}
	for i := 0; i < 20000; i++ {
		id := &identity{listed: &listed{want: term{amt: figure(), narrative: rng.Intn(4) == 0}}, addends: int32(rng.Intn(3))}
		for n := rng.Intn(5); n > 0; n-- {
			id.parts = append(id.parts, term{amt: figure()})
		}
		if rng.Intn(3) == 0 { // an identity that holds, at another exponent
			s := id.eval(false).actual
			id.want.amt = &model.Amount{Yuan: s.Add(decimal.New(int64(rng.Intn(3)-1)*int64(rng.Intn(80)), 0)), Printed: "1", Unit: model.TenThous, Status: model.StatusReported}
		}
		got, want := id.outcome(), id.eval(false)
		if got.result != want.result || !sameDecimal(got.actual, want.actual) || !sameDecimal(got.expected, want.expected) || got.detail != want.detail {
			t.Fatalf("case %d: outcome %+v, eval %+v", i, got, want)
		}
	}
}

func TestNumberRepeated(t *testing.T) {
	checks := []model.Check{{ID: "a"}, {ID: "b"}, {ID: "a"}, {ID: "a"}, {ID: "b"}, {ID: "c"}, {ID: "a#2"}}
	if mayRepeat(checks[5:]) || !mayRepeat(checks[:3]) {
		t.Error("mayRepeat is wrong")
	}
	numberRepeated(checks)
	want := []string{"a", "b", "a#2", "a#3", "b#2", "c", "a#2"}
	for i, c := range checks {
		if c.ID != want[i] {
			t.Errorf("check %d: id %q, want %q", i, c.ID, want[i])
		}
	}
}

func TestAppendCodeName(t *testing.T) {
	for _, c := range [][2]string{{"", ""}, {" ", " "}, {"201", ""}, {"", "名"}, {" 201 ", " 名 "}, {"  ", " 名\t"}, {"201\u3000", ""}, {"a b", "c d"}} {
		got := string(appendCodeName(nil, c[0], c[1]))
		if want := strings.TrimSpace(c[0] + " " + c[1]); got != want {
			t.Errorf("appendCodeName(%q, %q) = %q, want %q", c[0], c[1], got, want)
		}
	}
}

func TestWithin15Digits(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	for i := 0; i < 20000; i++ {
		c := rng.Int63() >> uint(rng.Intn(63))
		if rng.Intn(2) == 0 {
			c = -c
		}
		if rng.Intn(4) == 0 {
			c = []int64{1e15 - 1, 1e15, -(1e15 - 1), -1e15, 999, -1}[rng.Intn(6)]
		}
		d := decimal.New(c, int32(rng.Intn(30)-15))
		if rng.Intn(10) == 0 {
			d = d.Mul(decimal.New(1, 20)).Shift(-20) // a coefficient beyond int64
		}
		digits := len(new(big.Int).Abs(d.Coefficient()).String()) // NumDigits' logarithm errs at 10^15
		e := d.Exponent()
		if got, want := within15Digits(d), digits <= 15 && e >= minBoundExp && e < minBoundExp+int32(len(fixedBounds)); got != want {
			t.Fatalf("within15Digits(%s) = %v, %d digits", d, got, digits)
		}
	}
}

func TestYuanText(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for i := 0; i < 5000; i++ {
		v := decimal.New(rng.Int63n(1e12)-5e11, int32(rng.Intn(24)-18))
		if want := fmt.Sprintf("%s yuan (%s万)", v.String(), v.Div(text.TenThousand).String()); yuanText(v) != want {
			t.Fatalf("yuanText(%s) = %q, want %q", v, yuanText(v), want)
		}
	}
	if got := yuanText(decimal.Decimal{}); got != "0 yuan (0万)" {
		t.Errorf("yuanText(0) = %q", got)
	}
}

func TestFixedText(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	for i := 0; i < 20000; i++ {
		c := rng.Int63n(2e17) - 1e17
		if rng.Intn(3) == 0 {
			c = rng.Int63n(2000) - 1000
		}
		if rng.Intn(5) == 0 {
			c *= pow10[rng.Intn(4)]
		}
		f := fixed{c, int32(rng.Intn(30) - 20)}
		if got, want := fixedText(f), decimal.New(f.c, f.e).String(); got != want {
			t.Fatalf("fixedText(%d, %d) = %q, want %q", f.c, f.e, got, want)
		}
	}
}

// TestPrintedDecimals compares printedDecimals with NormalizeNumber on every corpus cell and on
// random texts.
func TestPrintedDecimals(t *testing.T) {
	var texts []string
	for _, path := range corpusTexts(t) {
		for _, tab := range mustParseFile(t, path).Tables {
			for _, r := range tab.Rows {
				for _, c := range r.Cells {
					texts = append(texts, c.Printed)
				}
			}
		}
	}
	rng := rand.New(rand.NewSource(5))
	const alphabet = "0123456789.,- 万元%，．１"
	runes := []rune(alphabet)
	for i := 0; i < 20000; i++ {
		b := make([]rune, rng.Intn(9))
		for j := range b {
			b[j] = runes[rng.Intn(len(runes))]
		}
		texts = append(texts, string(b))
	}
	for _, p := range texts {
		n, err := text.NormalizeNumber(p)
		k, dot, ok := printedDecimals(p)
		if ok != (err == nil) || ok && (k != decimals(n) || dot != strings.Contains(n, ".")) {
			t.Fatalf("printedDecimals(%q) = %d %v %v; NormalizeNumber gives %q, %v", p, k, dot, ok, n, err)
		}
	}
}
