package vocab

import (
	"slices"
	"testing"

	"budgetql/loader/model"
)

func TestExpandNames(t *testing.T) {
	for pattern, want := range map[string][]string{
		"基本支出":            {"基本支出"},
		"公务[用]车运行[维护]费":   {"公务车运行费", "公务车运行维护费", "公务用车运行费", "公务用车运行维护费"},
		"政府采购[支出|预算]":     {"政府采购", "政府采购支出", "政府采购预算"},
		"{预留给|面向}小微企业[的]": {"预留给小微企业", "预留给小微企业的", "面向小微企业", "面向小微企业的"},
	} {
		got := expandNames(pattern)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("expandNames(%q) = %q, want %q", pattern, got, want)
		}
	}
}

// TestNarrativeLabelEnding: the label that starts first wins, with its longest name; tail words
// may follow it; a text that only contains a label in its middle has none.
func TestNarrativeLabelEnding(t *testing.T) {
	cases := []struct {
		text, name string
		keys       []string
	}{
		{"2024年财政拨款收入支出决算总计", "财政拨款收入支出决算总计", []string{model.RowFiscalAppropriationTotal}},
		{"本单位收入支出预算总计", "收入支出预算总计", []string{model.RowIncomeTotal, model.RowExpenditureTotal}},
		{"2026年度本单位政府采购预算", "政府采购预算", []string{model.RowProcurementTotal}},
		{"三公经费财政拨款支出年初预算为", "三公经费", []string{model.RowSangongTotal}},
		{"一般公共预算财政拨款支出", "一般公共预算财政拨款支出", []string{model.RowGeneralPublicBudget}},
		{"机关运行经费预算数为", "机关运行经费", []string{model.RowOfficeRunning}},
		{"机关运行经费主要用于", "", nil},
		{"比上年", "", nil},
	}
	for _, c := range cases {
		l, a, b, ok := NarrativeLabelEnding(c.text)
		switch {
		case c.keys == nil && ok:
			t.Errorf("%q: label %q, want none", c.text, c.text[a:b])
		case c.keys == nil:
		case !ok:
			t.Errorf("%q: no label, want %q", c.text, c.name)
		case c.text[a:b] != c.name || !slices.Equal(l.Keys, c.keys):
			t.Errorf("%q: label %q %v, want %q %v", c.text, c.text[a:b], l.Keys, c.name, c.keys)
		}
	}
}

func TestChangeVerbEnding(t *testing.T) {
	for text, want := range map[string]string{"比2023年预算减少": "减少", "同比增加了": "增加", "增长为": "增长",
		"增幅": "增幅", "较上年减": "减", "主要用于": ""} {
		verb, at := ChangeVerbEnding(text)
		if verb != want || (want == "" && at != -1) {
			t.Errorf("ChangeVerbEnding(%q) = %q at %d, want %q", text, verb, at, want)
		}
	}
}
