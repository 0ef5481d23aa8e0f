package check

import (
	"budgetql/loader/model"
	"fmt"
	"math/rand"
	"testing"

	"github.com/shopspring/decimal"
)

func TestNumberRepeated(t *testing.T) {
	checks := []model.Check{{ID: "a"}, {ID: "b"}, {ID: "a"}, {ID: "a"}, {ID: "b"}, {ID: "c"}, {ID: "a#2"}}
	numberRepeated(checks)
	want := []model.CheckID{"a", "b", "a#2", "a#3", "b#2", "c", "a#2"}
	for i, c := range checks {
		if c.ID != want[i] {
			t.Errorf("check %d: id %q, want %q", i, c.ID, want[i])
		}
	}
}

// TestYuanText: the 万元 equivalent is exact (Shift), as Div gives it to 16 decimals.
func TestYuanText(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for i := 0; i < 5000; i++ {
		v := decimal.New(rng.Int63n(1e12)-5e11, int32(rng.Intn(24)-18))
		if want := fmt.Sprintf("%s yuan (%s万)", v.String(), v.Div(decimal.NewFromInt(10000)).String()); yuanText(v) != want {
			t.Fatalf("yuanText(%s) = %q, want %q", v, yuanText(v), want)
		}
	}
	if got := yuanText(decimal.Decimal{}); got != "0 yuan (0万)" {
		t.Errorf("yuanText(0) = %q", got)
	}
}
