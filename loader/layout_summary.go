package loader

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"fmt"
	"strings"
)

// This file reads the two-sided summary tables (财务收支预算总表, 财政拨款收支预算总表) and the
// 三公 table of layout budgets.

// sideRowCode maps a label of a two-sided summary table to a row code: income sources, totals,
// or the function class of an expenditure line. It returns "" for an unknown label.
func sideRowCode(label string) string {
	l := strings.ReplaceAll(stripOrdinal(label), " ", "")
	has := func(s string) bool { return strings.Contains(l, s) }
	switch {
	case has("收入总计"):
		return model.RowIncomeTotal
	case has("支出总计"):
		return model.RowExpenditureTotal
	case has("收入合计"):
		return model.RowIncomeCurrent
	case has("支出合计"):
		return model.RowExpenditureCurrent
	case has("上年结转"), has("年初结转"):
		return model.RowCarryIn
	case has("年末结转"), has("年终结转"), has("结转下年"):
		return model.RowCarryOut
	case strings.HasPrefix(l, "财政拨款"):
		return model.RowFiscalAppropriation
	case strings.HasPrefix(l, "一般公共预算"):
		return model.ColGeneralPublic
	case strings.HasPrefix(l, "政府性基金"):
		return model.ColGovFund
	case strings.HasPrefix(l, "国有资本经营"):
		return model.ColStateCapital
	case has("经营收入"):
		return model.ColOperating
	case has("事业收入"):
		return model.ColBusiness
	case has("其他收入"):
		return model.ColOther
	}
	return ClassCodeByName(l)
}

// rightColumn maps a header label over the expenditure side of a two-sided table to a column.
func rightColumn(l string) string {
	switch {
	case l == "合计", l == "预算数", l == "金额":
		return model.ColTotal
	case strings.HasPrefix(l, "一般公共预算"):
		return model.ColGeneralPublic
	case strings.HasPrefix(l, "政府性基金"):
		return model.ColGovFund
	case strings.HasPrefix(l, "国有资本经营"):
		return model.ColStateCapital
	}
	return ""
}

// sideCell is a label with the amounts printed after it on a line; label.Text is "" for amounts
// printed without a label (a wrapped row).
type sideCell struct {
	label   LayoutCell
	amounts []LayoutCell
}

func splitSides(cells []LayoutCell) []sideCell {
	var out []sideCell
	for _, c := range cells {
		if isAmountCell(c.Text) {
			if len(out) == 0 {
				out = append(out, sideCell{})
			}
			out[len(out)-1].amounts = append(out[len(out)-1].amounts, c)
			continue
		}
		out = append(out, sideCell{label: c})
	}
	return out
}

// rightStart is where expenditure-side labels begin: the leftmost second label of a line.
func rightStart(lines []text.Line) int {
	x := -1
	for _, l := range lines {
		var labels []LayoutCell
		for _, c := range splitCells(l.Text) {
			if !isAmountCell(c.Text) {
				labels = append(labels, c)
			}
		}
		if len(labels) >= 2 && (x < 0 || labels[1].Start < x) {
			x = labels[1].Start
		}
	}
	return x
}

// readTwoSided reads 财务收支预算总表 / 财政拨款收支预算总表: income lines on the left (one
// column), expenditure classes on the right (one column, or 合计 and one per fund).
func readTwoSided(doc *model.Document, t *model.Table, seg LayoutSegment) {
	var lines []text.Line
	for _, p := range seg.Pages {
		lines = append(lines, p...)
	}
	x := rightStart(lines)
	if x < 0 {
		doc.Issues = append(doc.Issues, model.Issue{Kind: "unread", Line: t.Source.Line, Detail: t.Title + ": no two-sided layout found"})
		return
	}
	body, header := 0, [][]LayoutCell{}
	for body < len(lines) && !hasAmount(lines[body].Text) {
		header = append(header, rightOf(splitCells(lines[body].Text), x))
		body++
	}
	right := ColumnsFromHeader(header, rightColumn)
	if len(right) == 0 {
		right = []LayoutColumn{{ID: model.ColTotal}}
	}
	t.Columns = []string{model.ColTotal}
	for _, c := range right[1:] {
		t.Columns = append(t.Columns, c.ID)
	}
	rows := collectSides(t.ID, lines[body:], x)
	for _, r := range rows {
		if code := sideRowCode(r.row.Name); code != "" {
			r.row.Code = code
			if codeDigits(code) == 3 {
				r.row.Level = 1
			}
		} else {
			doc.Issues = append(doc.Issues, model.Issue{Kind: "unread", Line: r.row.Source.Line,
				Detail: fmt.Sprintf("%s: line %q not recognised", t.Title, r.row.Name)})
			continue
		}
		cols, shift := []LayoutColumn{{ID: model.ColTotal}}, 0.0
		if r.nameStart >= x && len(right) > 1 {
			cols = right
		}
		if len(r.amounts) > 0 && cols[0].Pos != 0 {
			shift = cols[0].Pos - float64(r.amounts[0].End)
		}
		setSideCells(doc, t, r, cols, shift)
		t.Rows = append(t.Rows, r.row)
	}
}

// setSideCells places a two-sided row's amounts; a one-column side takes one amount only.
func setSideCells(doc *model.Document, t *model.Table, r *layoutRow, cols []LayoutColumn, shift float64) {
	if len(cols) == 1 {
		cols = []LayoutColumn{{ID: cols[0].ID}}
		if len(r.amounts) == 1 {
			shift = -float64(r.amounts[0].End)
		}
	}
	setRowCells(doc, t, r, cols, shift)
}

func hasAmount(s string) bool {
	for _, c := range splitCells(s) {
		if text.IsAmountText(c.Text) {
			return true
		}
	}
	return false
}

func rightOf(cells []LayoutCell, x int) []LayoutCell {
	var out []LayoutCell
	for _, c := range cells {
		if c.Start >= x-2 {
			out = append(out, c)
		}
	}
	return out
}

// collectSides reads the rows of both sides; a label or amounts alone on a line continue the
// row of their side printed just above (wrapped names, amounts printed between name lines).
func collectSides(id model.TableID, lines []text.Line, x int) []*layoutRow {
	var rows []*layoutRow
	last := map[bool]*layoutRow{}
	for _, l := range lines {
		for i, sc := range splitSides(splitCells(l.Text)) {
			start := sc.label.Start
			if sc.label.Text == "" && len(sc.amounts) > 0 {
				start = sc.amounts[0].Start
			}
			isRight := start >= x-2 || (i > 0 && sc.label.Text != "")
			prev := last[isRight]
			near := prev != nil && l.No-prev.line <= 2
			switch {
			case sc.label.Text == "" && near && len(prev.amounts) == 0:
				prev.amounts, prev.line = sc.amounts, l.No
			case sc.label.Text == "":
			case len(sc.amounts) == 0 && near && continuesName(prev.row.Name, sc.label.Text):
				prev.row.Name += sc.label.Text
				prev.line = l.No
			case strings.HasPrefix(sc.label.Text, "注"):
			default:
				r := &layoutRow{row: &model.Row{Name: sc.label.Text, Source: sourceOf(id, l)},
					amounts: sc.amounts, line: l.No, nameStart: sc.label.Start}
				rows = append(rows, r)
				last[isRight] = r
			}
		}
	}
	return rows
}

// continuesName reports whether text completes a wrapped expenditure name ("…与传媒" + "支出").
func continuesName(name, text string) bool {
	return !strings.HasSuffix(name, "支出") && strings.HasSuffix(name+text, "支出")
}

// sangongColumn maps a header label of the 三公 table to its row code.
func sangongColumn(l string) string {
	switch {
	case l == "合计":
		return model.RowTotal
	case strings.Contains(l, "出国"):
		return model.RowOverseas
	case strings.Contains(l, "接待"):
		return model.RowReception
	case strings.Contains(l, "机关运行"):
		return model.RowOfficeRunning
	case l == "小计":
		return model.RowVehicleTotal
	case strings.Contains(l, "购置及运行"):
		return ""
	case strings.Contains(l, "购置"):
		return model.RowVehiclePurchase
	case strings.Contains(l, "运行"):
		return model.RowVehicleOperation
	}
	return ""
}

// readSangong reads the 三公 table: one line of amounts under a header whose columns become the
// rows (total, overseas, vehicle_total, vehicle_purchase, vehicle_operation, reception,
// office_running), each with one column, total. Blank cells stay blank.
func readSangong(doc *model.Document, t *model.Table, seg LayoutSegment) {
	var header [][]LayoutCell
	for _, p := range seg.Pages {
		for _, l := range p {
			cells := splitCells(l.Text)
			if !allAmounts(cells) {
				if !hasAmount(l.Text) {
					header = append(header, cells)
				}
				continue
			}
			cols := ColumnsFromHeader(header, sangongColumn)
			if len(cols) == 0 {
				break
			}
			r := &layoutRow{row: &model.Row{Source: sourceOf(t.ID, l)}, amounts: cells}
			setRowCells(doc, t, r, cols, cols[0].Pos-float64(cells[0].End))
			t.Columns = []string{model.ColTotal}
			for _, c := range cols {
				row := &model.Row{Code: c.ID, Name: c.Label, Source: r.row.Source}
				if a, ok := r.row.Cell(c.ID); ok {
					row.SetCell(model.ColTotal, a)
				}
				t.Rows = append(t.Rows, row)
			}
			return
		}
	}
	t.Empty = saysEmpty(seg)
	if !t.Empty {
		doc.Issues = append(doc.Issues, model.Issue{Kind: "unread", Line: t.Source.Line, Detail: t.Title + ": no line of amounts found"})
	}
}
