package graph

import (
	"context"
	"sort"
	"testing"
	"time"

	"budgetql/db"
	"budgetql/db/dbtest"
	"budgetql/graph/model"

	"github.com/google/go-cmp/cmp"
)

// TestMeasuresHaveRules: amount_rule (migration 0013) is the one definition of where measures are
// printed; every Measure of the schema has rules there, and every measure there is in the schema.
func TestMeasuresHaveRules(t *testing.T) {
	_, url := dbtest.NewURL(t)
	r, err := db.OpenReader(context.Background(), url, db.ReaderConfig{Role: db.ReaderRole, StatementTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	rules := newAmountRules(r.AmountRules())
	var got, want []string
	for m := range rules.measures {
		got = append(got, m)
	}
	for _, m := range model.AllMeasure {
		want = append(want, string(m))
	}
	sort.Strings(got)
	sort.Strings(want)
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("measures of amount_rule differ from the schema's (-schema +rules):\n%s", d)
	}
	if rules.subjectClass["expenditure"] != "function" || rules.subjectClass["gpb_basic_economic"] != "economic" {
		t.Errorf("subject tables = %v", rules.subjectClass)
	}
}
