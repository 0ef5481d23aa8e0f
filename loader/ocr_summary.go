package loader

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"strings"
)

// readSummary reads 收支总表: income labels and amounts on the left half, expenditure on the right.
// A half without a label holds no figure: its marks are noise.
func (p *ocrParser) readSummary(s *ocrSection) *model.Table {
	t := ocrNewTable(s, model.TenThous)
	t.Columns = []string{model.ColTotal}
	for _, r := range s.rows {
		c := r.cells
		if len(c) == 2 { // the right half was not printed
			p.summaryHalf(t, c[0], c[1], r.line, "")
			continue
		}
		if len(c) < 4 {
			if ocrRowHasAmount(append([]string{"", ""}, c...)) {
				p.issue("unread", r.line.No, "summary: row with %d cells, not two label/amount pairs", len(c))
			}
			continue
		}
		p.summaryHalf(t, c[0], c[1], r.line, "")
		p.summaryHalf(t, c[2], c[3], r.line, "")
	}
	return t
}

// summaryHalf reads one label/amount pair; group prefixes sources under 上年结转 (appropriation).
// It returns the code read ("" when the label is not one).
func (p *ocrParser) summaryHalf(t *model.Table, label, printed string, l text.Line, group string) string {
	code, level := ocrSummaryCode(label)
	if code == "" {
		if ocrHasHan(label) && ocrIsAmount(printed) {
			p.issue("unread", l.No, "%s: label %q not recognised (amount %q)", t.ID, label, printed)
		}
		return ""
	}
	if group != "" && ocrSourceCode(ocrSqueeze(stripOrdinal(label))) == code {
		code = group + code
	}
	row := &model.Row{Code: code, Name: ocrJoin(label), Level: level, Source: ocrSource(t.ID, l)}
	p.addCell(row, model.ColTotal, printed, model.TenThous, l)
	t.Rows = append(t.Rows, row)
	return code
}

// readAppropriation reads 财政拨款收支总表. On the income side, sources listed under 上年结转 get
// codes prefixed "carry_in_" (carry_in_general_public_budget).
func (p *ocrParser) readAppropriation(s *ocrSection) *model.Table {
	t := ocrNewTable(s, model.TenThous)
	t.Columns = []string{model.ColTotal}
	group := ""
	for _, r := range s.rows {
		c := r.cells
		if len(c) < 4 {
			continue
		}
		if code := p.summaryHalf(t, c[0], c[1], r.line, group); ocrTopLevel(c[0]) {
			group = ""
			if code == model.RowCarryIn {
				group = rowCarryInPrefix
			}
		}
		p.summaryHalf(t, c[2], c[3], r.line, "")
	}
	return t
}

// ocrTopLevel reports whether a label is numbered "一、" (not "(一)").
func ocrTopLevel(label string) bool {
	l := strings.TrimSpace(label)
	return l != "" && !strings.HasPrefix(l, "(") && !strings.HasPrefix(l, "（") && stripOrdinal(l) != l
}
