package narrative

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"strings"
	"testing"
)

// narrativeOf reads the narrative of a text in a format, without tables.
func narrativeOf(s string, format model.Format, kind model.Kind) *model.Document {
	doc := &model.Document{Format: format, Kind: kind, Year: 2024}
	Read(doc, gridLines(text.SplitLines(s), format))
	return doc
}

// TestNarrativeWrappedNumbers: OCR and pdftotext wrap lines inside numbers and words; the
// paragraph is joined before it is read, and the source line is the one where the number starts.
func TestNarrativeWrappedNumbers(t *testing.T) {
	cases := []struct {
		name, text string
		format     model.Format
		key, value string
		line       int
		prev       string
		change     string
	}{
		{"ocr split digits", "收入总计 447. 48 万元 (上年收入总计 370. 44 万元,同\n\n比增加 77. 04 万元)。",
			model.FormatOCR, model.RowIncomeTotal, "4474800", 1, "3704400", "770400"},
		{"layout wrap before amount", "  财政拨款收入15621.11万元，比2023年预算减少\n876.75万元；事业收入0.00万元。",
			model.FormatLayout, model.RowFiscalAppropriation, "156211100", 1, "164978600", "-8767500"},
		{"layout wrap with a one-space offset", "  财政拨款收入15621.11万元，比2023年预算减少\n 876.75万元；事业收入0.00万元。",
			model.FormatLayout, model.RowFiscalAppropriation, "156211100", 1, "164978600", "-8767500"},
		{"layout wrap inside number", "  2024年“三公”经费预算数为47.\n91万元，比2023年预算增加25万元。",
			model.FormatLayout, model.RowSangongTotal, "479100", 1, "229100", "250000"},
		{"full-width digits", "  机关运行经费预算为４４３．１８万元，比2023年预算持平。",
			model.FormatLayout, model.RowOfficeRunning, "4431800", 1, "4431800", "0"},
		{"traditional characters", "  2024年本部門政府採購預算1662.44萬元。",
			model.FormatLayout, model.RowProcurementTotal, "16624400", 1, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := narrativeOf(c.text, c.format, model.KindBudget)
			f := mustFigure(t, doc, c.key)
			if !f.Value.Yuan.Equal(mustYuan(t, c.value)) || f.Source.Line != c.line {
				t.Errorf("%s = %s line %d, want %s line %d", c.key, f.Value.Yuan, f.Source.Line, c.value, c.line)
			}
			if c.prev != "" && (f.StatedPrevious == nil || !f.StatedPrevious.Yuan.Equal(mustYuan(t, c.prev))) {
				t.Errorf("previous %v, want %s", f.StatedPrevious, c.prev)
			}
			if c.change != "" && (f.StatedChange == nil || !f.StatedChange.Yuan.Equal(mustYuan(t, c.change))) {
				t.Errorf("change %v, want %s", f.StatedChange, c.change)
			}
		})
	}
}

// TestNarrativeNotGuessed: what cannot be read is left out or reported, never joined into a
// wrong figure.
func TestNarrativeNotGuessed(t *testing.T) {
	// a number alone between the wrapped lines must not become part of the change; the page
	// number that ends a page is skipped, and the sentence goes on on the next page
	doc := narrativeOf("  一、收入\n  财政拨款收入15621.11万元，比2023年预算减少\n3\n876.75万元。\n  二、支出\n  三、结转\n  四、其他\n", model.FormatLayout, model.KindBudget)
	if f := mustFigure(t, doc, model.RowFiscalAppropriation); f.StatedChange != nil {
		t.Errorf("change read across a number alone: %s", f.StatedChange.Yuan)
	}
	doc = narrativeOf("  一、收入\n  财政拨款收入15621.11万元，比2023年预算减少\n\n                — 3 —\n\f876.75万元。\n  二、支出\n", model.FormatLayout, model.KindBudget)
	if f := mustFigure(t, doc, model.RowFiscalAppropriation); f.StatedChange == nil || !f.StatedChange.Yuan.Equal(mustYuan(t, "-8767500")) {
		t.Errorf("change across a page break: %+v", f.StatedChange)
	}
	// an OCR comma between digits is no thousands separator: unreadable
	doc = narrativeOf("2024年部门政府采购总额 8, 27 万元。", model.FormatOCR, model.KindBudget)
	if doc.NarrativeFigure(model.RowProcurementTotal) != nil || !narrHasIssue(doc, "unread", "8, 27") {
		t.Errorf("8, 27 万元 read as %+v, issues %+v", doc.Narrative, doc.Issues)
	}
	// shares are not changes; 上年结转 is no previous-year figure
	doc = narrativeOf("  收入总计100.00万元，其中：财政拨款收入90.00万元，占90.00%；上年结转10.00万元。", model.FormatLayout, model.KindBudget)
	if f := mustFigure(t, doc, model.RowIncomeTotal); f.StatedPrevious != nil || f.StatedPercent != nil || f.Direction != "" {
		t.Errorf("income total %+v", f)
	}
	// a change of a subject that is no known figure does not attach to the figure before it
	doc = narrativeOf("  基本支出170.48万元，人员经费比上年增加2.80万元。", model.FormatLayout, model.KindBudget)
	if f := mustFigure(t, doc, model.RowBasicExpenditure); f.StatedChange != nil {
		t.Errorf("人员经费's change attached to 基本支出: %+v", f.StatedChange)
	}
	// 决算数与预算数基本持平 compares with this year's budget, not with the previous year
	doc = narrativeOf("1、住房保障支出（类）。年初预算为 258.50万元，支出决算为258.50万元。决算数与预算数基本持平。", model.FormatLayout, model.KindFinal)
	if f := mustFigure(t, doc, "221"); f.Direction != "" || f.StatedChange != nil || !f.Budget.Yuan.Equal(mustYuan(t, "2585000")) {
		t.Errorf("final item %+v", f)
	}
}

// TestNarrativeEmpty: no prose, no figures and no panic.
func TestNarrativeEmpty(t *testing.T) {
	for _, text := range []string{"", "\f\f", "201\t一般公共服务支出\t412.84", strings.Repeat("1. ", 50)} {
		doc := narrativeOf(text, model.FormatOCR, model.KindBudget)
		if len(doc.Narrative) != 0 {
			t.Errorf("%q: figures %+v", text, doc.Narrative)
		}
	}
}

// FuzzNarrative: the narrative reader never panics on any text.
func FuzzNarrative(f *testing.F) {
	f.Add("收入总计 447. 48 万元 (上年收入总计 370. 44 万元,同比增加 77. 04 万元,同比增加 20. 80%)", true)
	f.Add("  1. “住房保障支出（类）住房改革支出（款）住房公积金（项）”350.35万元，2023年当年预算执行数为\n348.52万元，2024年预算安排352.67万元，比2023年预算执行数增加0.53%。", false)
	f.Add("1、一般公共服务支出（类）财政事务（款）\n\n161.62万元，支出决算为（项）。年初预算为", false)
	f.Add("与2023年度相比，收入支出总计减少56.95万元，下降1.87%。“三公”经费与2023年度持平（", false)
	f.Fuzz(func(t *testing.T, s string, ocr bool) {
		format, kind := model.FormatLayout, model.KindBudget
		if ocr {
			format, kind = model.FormatOCR, model.KindFinal
		}
		doc := &model.Document{Format: format, Kind: kind, Year: 2024}
		lines := text.SplitLines(s)
		Read(doc, gridLines(lines, format))
		Compare(doc)
	})
}

// TestNarrativeTemplateVariants: wordings of the same statements in other editions of the
// templates.
func TestNarrativeTemplateVariants(t *testing.T) {
	cases := []struct {
		text                  string
		key, value, prev, pct string
		dir, basis            string
	}{
		{"2024年收支预算总计1,234.50万元，与上年相比，减少34.50万元，降幅2.72%。",
			model.RowExpenditureTotal, "12345000", "12690000", "-2.72", "decrease", "与上年相比"},
		{"2024年政府采购预算总额50万元，较2023年增加10万元，增幅25.00%。",
			model.RowProcurementTotal, "500000", "400000", "25.00", "increase", "较2023年"},
		{"“三公”经费预算数为12.00万元。\n\n上年“三公”经费预算数为15.00万元。",
			model.RowSangongTotal, "120000", "150000", "", "decrease", "上年"},
		{"机关运行经费支出184.65万元，比2023年度增加2.55万元，增长1.40%。",
			model.RowOfficeRunning, "1846500", "1821000", "1.40", "increase", "比2023年度"},
	}
	for _, c := range cases {
		doc := narrativeOf(c.text, model.FormatOCR, model.KindBudget)
		f := doc.NarrativeFigure(c.key)
		if f == nil {
			t.Errorf("%q: no %s", c.text, c.key)
			continue
		}
		pct := ""
		if f.StatedPercent != nil {
			pct = f.StatedPercent.StringFixed(2)
		}
		if !f.Value.Yuan.Equal(mustYuan(t, c.value)) || f.StatedPrevious == nil ||
			!f.StatedPrevious.Yuan.Equal(mustYuan(t, c.prev)) || pct != c.pct || f.Direction != c.dir || f.Basis != c.basis {
			t.Errorf("%q: %s = %s prev %v pct %q %s %q", c.text, c.key, f.Value.Yuan, f.StatedPrevious, pct, f.Direction, f.Basis)
		}
	}
}

// TestNarrativeFinalVariants: 决算 wordings of other Shanghai departments.
func TestNarrativeFinalVariants(t *testing.T) {
	text := "  2024年度收入、支出决算总计1,000.00万元。与2023年度相比，收入、支出决算总计各增加100.00万元，增长11.11%。\n" +
		"  2024年度财政拨款收入、支出决算总计900.00万元。与2023年度相比，财政拨款收入、支出决算总计各减少10.00万元，下降1.10%。\n" +
		"  2024年度“三公”经费财政拨款支出预算为5.00万元，支出决算为4.00万元，完成预算的80%。其中：公务接待费支出决算为4.00万元，完成预算的80%。\n"
	doc := narrativeOf(text, model.FormatLayout, model.KindFinal)
	for _, w := range []stated{
		{model.RowIncomeTotal, "10000000", "9000000", "derived", "1000000", "11.11", "increase", "与2023年度相比"},
		{model.RowExpenditureTotal, "10000000", "9000000", "derived", "1000000", "11.11", "increase", "与2023年度相比"},
		{model.RowFiscalAppropriationTotal, "9000000", "9100000", "derived", "-100000", "-1.10", "decrease", "与2023年度相比"},
		{model.RowSangongTotal, "40000", "", "", "", "", "", ""},
		{model.RowReception, "40000", "", "", "", "", "", ""},
	} {
		checkStated(t, doc, w)
	}
	if f := mustFigure(t, doc, model.RowSangongTotal); f.Budget == nil || !f.Budget.Yuan.Equal(mustYuan(t, "50000")) {
		t.Errorf("三公 年初预算 %v", f.Budget)
	}
}
