package loader

import (
	"budgetql/loader/model"
	"budgetql/loader/vocab"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// TestNarrativeParsedDocuments runs the whole pipeline: items keyed by the parsed tables, the
// known contradictions reported, and none where the narrative agrees with the repaired tables.
func TestNarrativeParsedDocuments(t *testing.T) {
	parse := func(name string) *model.Document {
		data, err := os.ReadFile(filepath.Join("..", "testdata", "corpus", name))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	doc := parse("putuo-wanli-street-budget-2024.txt")
	items := 0
	for _, f := range doc.Narrative {
		if strings.HasPrefix(f.Key, "item:") {
			t.Errorf("item left unkeyed: %s %s", f.Key, f.Name)
		}
		if vocab.Level(f.Key) == 3 {
			items++
		}
	}
	if items != 33 {
		t.Errorf("%d items keyed by 项 code, want 33", items)
	}
	if f := narrativeFigure(t, doc, "2210201"); !f.Value.Yuan.Equal(decimal.RequireFromString("3503500")) {
		t.Errorf("2210201 = %s", f.Value.Yuan)
	}
	if n := countIssues(doc, "narrative_mismatch"); n != 2 {
		t.Errorf("%d narrative mismatches, want 2 (住房公积金, 宣传事务): %+v", n, doc.Issues)
	}

	final := parse("putuo-finance-final-2024.txt")
	if !hasIssue(final, "narrative_mismatch", "财政拨款收入支出总计 0.3万元", "appropriation table") {
		t.Errorf("0.3万 财政拨款收入支出总计 not reported: %+v", final.Issues)
	}
	zengdu := parse("zengdu-zwfw-budget-2024.txt")
	if countIssues(zengdu, "narrative_mismatch") > 0 {
		t.Errorf("zengdu narrative mismatches after repairs: %+v", zengdu.Issues)
	}
}

func narrativeFigure(t *testing.T, doc *model.Document, key string) *model.NarrativeFigure {
	t.Helper()
	f := doc.NarrativeFigure(key)
	if f == nil {
		t.Fatalf("%s: no narrative figure %s", doc.File, key)
	}
	return f
}

func hasIssue(doc *model.Document, kind model.IssueKind, parts ...string) bool {
	for _, is := range doc.Issues {
		if is.Kind != kind {
			continue
		}
		ok := true
		for _, p := range parts {
			ok = ok && strings.Contains(is.Detail, p)
		}
		if ok {
			return true
		}
	}
	return false
}

func countIssues(doc *model.Document, kind model.IssueKind) int {
	n := 0
	for _, is := range doc.Issues {
		if is.Kind == kind {
			n++
		}
	}
	return n
}
