package graph_test

import (
	"context"
	"testing"

	"budgetql/graph"
	"budgetql/ingest"
)

// TestFindingsInTheAPI: a document's checks and issues carry their severity, Chinese and English
// messages and suggestion, as the loader graded them (issue 18): the 财政局 2024 决算 states
// 财政拨款收入支出总计 0.3 万元 against 2,961.68 in its table, and a share of 71.73% that is 71.65%.
func TestFindingsInTheAPI(t *testing.T) {
	doc, err := ingest.ReadFile(context.Background(), "../testdata/corpus/putuo-finance-final-2024.txt")
	if err != nil {
		t.Fatal(err)
	}
	a := newAPI(t, graph.Config{}, doc)
	var out struct {
		Document struct {
			Rounding []struct {
				CheckID  string
				Severity *string
				Cells    []struct {
					Table, Row, Column string
					Line               int
				}
			}
			Mismatch []struct {
				Severity           *string
				Line               int
				Message, MessageEn string
				Suggestion         *string
			}
			Rates []struct {
				Severity     *string
				Message      string
				Suggestion   *string
				SuggestionEn *string
			}
		}
	}
	a.mustQuery(t, `{ document(department: "上海市普陀区财政局", year: 2024, kind: FINAL) {
		rounding: checks(result: ROUNDING) { checkId severity cells { table row column line } }
		mismatch: issues(kind: NARRATIVE_MISMATCH) { severity line message messageEn suggestion }
		rates: issues(kind: STATED_RATE) { severity message suggestion suggestionEn } } }`, &out)
	d := out.Document
	if len(d.Mismatch) != 1 || d.Mismatch[0].Line != 548 || *d.Mismatch[0].Severity != "high" ||
		d.Mismatch[0].Message != "情况说明（第 548 行）称财政拨款收入支出总计为 0.3 万元，而《财政拨款收入支出决算总表》收入总计（第 303 行）为 2,961.68 万元，二者不符。" ||
		d.Mismatch[0].Suggestion == nil || *d.Mismatch[0].Suggestion != "应为 2,961.68 万元（与表一致）" || d.Mismatch[0].MessageEn == "" {
		t.Errorf("narrative mismatch: %+v", d.Mismatch)
	}
	if len(d.Rates) != 1 || *d.Rates[0].Severity != "medium" || *d.Rates[0].Suggestion != "应为 71.65%（以 2940.05 万元 为总数）" ||
		*d.Rates[0].SuggestionEn != "should be 71.65% (of 2940.05 wan yuan)" {
		t.Errorf("stated rate: %+v", d.Rates)
	}
	for _, c := range d.Rounding {
		if c.CheckID == "cross:class:208" {
			if c.Severity != nil || len(c.Cells) != 2 || c.Cells[0].Table != "summary" || c.Cells[0].Row != "208" || c.Cells[0].Line != 142 ||
				c.Cells[1].Table != "expenditure" || c.Cells[1].Line != 228 {
				t.Errorf("cross:class:208 (rounding, no finding) with cells: %+v", c)
			}
			return
		}
	}
	t.Errorf("no rounding check cross:class:208 among %+v", d.Rounding)
}
