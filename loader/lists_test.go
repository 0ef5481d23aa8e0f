package loader

import (
	"path/filepath"
	"testing"

	"budgetql/loader/model"

	"github.com/shopspring/decimal"
)

// wideDir holds copies of documents of ../shared/corpus-wide.
const wideDir = "../testdata/wide"

func wideDoc(t *testing.T, name string) *model.Document {
	t.Helper()
	return mustParseFile(t, filepath.Join(wideDir, name+".txt"))
}

func yuan(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// tableTotal is a table's 合计 in its total column, or false.
func tableTotal(doc *model.Document, id model.TableID) (decimal.Decimal, bool) {
	t := doc.Table(id)
	if t == nil || t.Row(model.RowTotal) == nil {
		return decimal.Zero, false
	}
	a, ok := t.Row(model.RowTotal).Cell(model.ColTotal)
	return a.Yuan, ok && !a.IsBlank()
}

// TestProcurementLists reads procurement tables of four layouts: each total as printed, and the
// items under it adding up to it.
func TestProcurementLists(t *testing.T) {
	for _, c := range []struct {
		doc, total string // yuan
		items      int
		category   string // an item's 品目 (or class)
		unit       string // and the unit it stands under, where the table prints one
		amount     string
	}{
		{"beijing-subcenter-budget-2026", "1238089", 1, "C-服务", "", "1238089"},       // 预算10表: 123.808900 万元
		{"suzhou-water-unit-budget-2026", "219402800", 13, "复印机", "苏州市水务局", "50000"}, // 21,940.28 万元
		{"wuxi-development-budget-2025", "7200000", 4, "其他会议、展览、住宿和餐饮服务", "无锡市发展和改革委员会（本级）", "1000000"},
		{"xian-approval-budget-2025", "21549920", 22, "C13030000园林绿化管理服务", "", "297800"}, // 元
		{"chongqing-commerce-budget-2026", "65468200", 3, "B-工程", "", "4655300"},         // 6,546.82 万元, wrapped
	} {
		t.Run(c.doc, func(t *testing.T) {
			d := wideDoc(t, c.doc)
			total, ok := tableTotal(d, model.TableProcurement)
			if !ok || !total.Equal(yuan(c.total)) {
				t.Errorf("procurement 合计 %s (found %v), want %s", total, ok, c.total)
			}
			sum, found := decimal.Zero, false
			for _, it := range d.Procurement {
				sum = sum.Add(it.Total.Yuan)
				if it.Category == c.category && it.Total.Yuan.Equal(yuan(c.amount)) && (c.unit == "" || it.UnitName == c.unit) {
					found = true
				}
			}
			if len(d.Procurement) != c.items || !sum.Equal(yuan(c.total)) {
				t.Errorf("%d items adding up to %s, want %d adding up to %s", len(d.Procurement), sum, c.items, c.total)
			}
			if !found {
				t.Errorf("no item %s %s under %q in %+v", c.category, c.amount, c.unit, d.Procurement)
			}
		})
	}
}

// TestProjectTables reads project tables of three layouts into projects: the rows that group no
// other (units and 一级 projects are groups), each with its unit, adding up to the table's 合计.
func TestProjectTables(t *testing.T) {
	for _, c := range []struct {
		doc, total      string // yuan
		projects        int
		name, unit, cat string
		amount          string
	}{
		// units print at the left edge, their projects indented under them
		{"guangzhou-commerce-budget-2026", "1050828000", 52, "机构运行辅助经费", "广州市商务局", "", "280000"},
		// units by code, then 一级 and 二级 projects at one indent: nested by their sums
		{"xian-approval-budget-2025", "30130020", 15, "政务大厅绿植养护项目", "西安市行政审批服务局", "办公区室外绿化项目", "297800"},
		// flat, with a category column; 30,565,700 is the key's project_expenditure_total
		{"yantai-finance-budget-2026", "30565700", 12, "", "", "", ""},
	} {
		t.Run(c.doc, func(t *testing.T) {
			d := wideDoc(t, c.doc)
			total, ok := tableTotal(d, model.TableProject)
			if !ok || !total.Equal(yuan(c.total)) {
				t.Errorf("project table 合计 %s (found %v), want %s", total, ok, c.total)
			}
			sum, found := decimal.Zero, c.name == ""
			for _, p := range d.Projects {
				sum = sum.Add(p.Amount.Yuan)
				if p.AmountFrom != model.TableProject || p.Source.Table != model.TableProject {
					t.Errorf("project %s: amount from %q, source %q; want the project table", p.Name, p.AmountFrom, p.Source.Table)
				}
				if p.Name == c.name && p.Unit == c.unit && p.Category == c.cat && p.Amount.Yuan.Equal(yuan(c.amount)) {
					found = true
				}
			}
			if len(d.Projects) != c.projects || !sum.Equal(yuan(c.total)) {
				t.Errorf("%d projects adding up to %s, want %d adding up to %s", len(d.Projects), sum, c.projects, c.total)
			}
			if !found {
				t.Errorf("no project %s (unit %s, category %s) of %s", c.name, c.unit, c.cat, c.amount)
			}
		})
	}
}
