package text

import (
	"testing"
)

// Each line is folded and simplified on its own: the marks of one line do not reach another.
func TestSplitLinesNormalisesEachLine(t *testing.T) {
	in := "部門預算\r\n一般公共预算\n\f合计　１２３．４５\n政府採購 ８,27\n\xff坏\n\f\f第三页"
	want := []Line{
		{No: 1, Page: 1, Raw: "部門預算", Text: "部门预算"},
		{No: 2, Page: 1, Raw: "一般公共预算", Text: "一般公共预算"},
		{No: 3, Page: 2, Raw: "合计　１２３．４５", Text: "合计 123.45"},
		{No: 4, Page: 2, Raw: "政府採購 ８,27", Text: "政府采购 8,27"},
		{No: 5, Page: 2, Raw: "\xff坏", Text: "\ufffd坏"},
		{No: 6, Page: 4, Raw: "第三页", Text: "第三页"},
	}
	got := SplitLines(in)
	if len(got) != len(want) {
		t.Fatalf("%d lines, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d = %+v, want %+v", i+1, got[i], want[i])
		}
	}
}
