package loader

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// ocrPerfProject is a project named in the performance part: "1、"政府购买服务"主要内容是: …
// 2024年预算安排200万元,其中:200万元资金来源为当年一般公共预算资金。"
type ocrPerfProject struct {
	Name   string
	Amount *decimal.Decimal // 万元
	GPB    *decimal.Decimal // 万元 from 当年一般公共预算资金
	Line   text.Line        // the line naming it
	Text   string           // its paragraphs, joined
	hasRow bool
}

var (
	ocrPerfProjectLine = regexp.MustCompile(`^[-\s]*\d+\s*[、.．]\s*(.+?)\s*(?:的)?主要内容`)
	ocrPerfAmount      = regexp.MustCompile(`预算安排\s*(\d[\d.\s]*?)\s*万元`)
	ocrPerfGPB         = regexp.MustCompile(`其中\s*[:：]\s*(\d[\d.\s]*?)\s*万元\s*资金来源为当年一般公共预算`)
	ocrNameQuotes      = strings.NewReplacer(`"`, "", "“", "", "”", "", "「", "", "」", "", "『", "", "』", "")
)

// ocrPerfPart returns the lines of the performance part (第N部分 …绩效…), or nil. A table of
// contents names the part too: the longest part so named is the one.
func ocrPerfPart(lines []text.Line) []text.Line {
	var best []text.Line
	start := -1
	for i, l := range lines {
		t := strings.TrimSpace(l.Text)
		if !ocrPartHeading.MatchString(t) {
			continue
		}
		if start >= 0 && i-start > len(best) {
			best = lines[start:i]
		}
		start = -1
		if strings.Contains(t, "绩效") {
			start = i
		}
	}
	if start >= 0 && len(lines)-start > len(best) {
		best = lines[start:]
	}
	return best
}

// ocrPerfProjects finds the project paragraphs of the performance part and their amounts. A
// paragraph runs to the next project, the next form title or a table row.
func ocrPerfProjects(perf []text.Line) []ocrPerfProject {
	var out []ocrPerfProject
	for i, l := range perf {
		m := ocrPerfProjectLine.FindStringSubmatch(l.Text)
		if m == nil || strings.Contains(l.Text, "\t") {
			continue
		}
		pp := ocrPerfProject{Name: ocrJoin(ocrNameQuotes.Replace(m[1])), Line: l}
		var b strings.Builder
		for j := i; j < len(perf); j++ {
			t := perf[j].Text
			if j > i && (ocrPerfProjectLine.MatchString(t) || strings.Contains(t, "\t") || ocrIsFormTitle(perf[j])) {
				break
			}
			b.WriteString(strings.TrimSpace(t))
		}
		pp.Text = b.String()
		pp.Amount = ocrPerfNumber(ocrPerfAmount, pp.Text)
		pp.GPB = ocrPerfNumber(ocrPerfGPB, pp.Text)
		out = append(out, pp)
	}
	return out
}

func ocrIsFormTitle(l text.Line) bool {
	id, ok := ocrTitleOf(l)
	return ok && (id == ocrTargetProject || id == ocrTargetDept)
}

func ocrPerfNumber(re *regexp.Regexp, s string) *decimal.Decimal {
	m := re.FindStringSubmatch(s)
	if m == nil {
		return nil
	}
	n, err := text.NormalizeNumber(m[1])
	if err != nil {
		return nil
	}
	v, err := decimal.NewFromString(n)
	if err != nil {
		return nil
	}
	return &v
}

// ocrNameSim compares project names tolerantly (OCR look-alikes, brackets, quotes).
func ocrNameSim(a, b string) float64 {
	return ocrSimKeys(ocrNameKey(a), ocrNameKey(b))
}

// ocrNameKey is the ocrSim key of a project name: ocrKeyRunes without quotes, 、 and commas too.
func ocrNameKey(s string) []rune {
	out := make([]rune, 0, utf8.RuneCountInString(s))
	for _, r := range s {
		if unicode.IsSpace(r) {
			continue
		}
		switch r {
		case '(', ')', '（', '）', '·', '"', '“', '”', '\'', '、', ',', '，':
			continue
		}
		out = append(out, r)
	}
	return out
}

// ocrMinNameSim is the least similarity for two printed project names to be the same project.
const ocrMinNameSim = 0.8

// perfWhere says where a performance-part name came from.
func (p *ocrParser) perfWhere(pp ocrPerfProject) string {
	title := "performance part"
	if len(p.perf) > 0 {
		title = strings.Join(strings.Fields(p.perf[0].Text), " ")
	}
	return fmt.Sprintf("%s, line %d", title, pp.Line.No)
}

// fillProjects fills lost names and lost rows of the project table from the performance part: a
// lost name when exactly one performance project with the row's amount has no row of its own; a
// lost row when exactly one such project's amount equals its category's gap.
func (p *ocrParser) fillProjects(t *model.Table, st *ocrProjectState) {
	var named []*model.Row
	for _, cat := range st.cats {
		for _, r := range st.members[cat] {
			if r.Name != "" {
				named = append(named, r)
			}
		}
	}
	for i := range p.perfProj {
		for _, r := range named {
			if ocrNameSim(p.perfProj[i].Name, r.Name) >= ocrMinNameSim {
				p.perfProj[i].hasRow = true
				p.compareAmount(p.perfProj[i], r)
			}
		}
	}
	for _, cat := range st.cats {
		for _, r := range st.members[cat] {
			if r.Name == "" {
				p.fillName(r)
			}
		}
	}
	for _, cat := range st.cats {
		gap, ok := ocrCategoryGap(cat, st.members[cat])
		if !ok {
			continue
		}
		tot, _ := cat.Cell(model.ColTotal)
		p.issue("lost_row", cat.Source.Line, "category %s %s prints %s 万元 but its %d project rows sum to %s: rows worth %s missing",
			cat.Code, cat.Name, tot.Printed, len(st.members[cat]), text.FromYuan(tot.Yuan.Sub(gap), model.TenThous).StringFixed(2),
			text.FromYuan(gap, model.TenThous).StringFixed(2))
		if row := p.fillRow(t, cat, st, gap); row != nil {
			st.members[cat] = append(st.members[cat], row)
		}
	}
}

// compareAmount reports a performance-part amount that differs from the project's row.
func (p *ocrParser) compareAmount(pp ocrPerfProject, r *model.Row) {
	a, ok := r.Cell(model.ColTotal)
	if pp.Amount == nil || !ok || a.Status != model.StatusReported || text.ToYuan(*pp.Amount, model.TenThous).Equal(a.Yuan) {
		return
	}
	p.issue("narrative_mismatch", pp.Line.No, "project %s %s: the performance part states %s 万元, the project table %s 万元 (line %d)",
		r.Code, r.Name, pp.Amount.String(), a.Printed, r.Source.Line)
}

// perfByAmount returns the performance projects without a row of their own whose amount (yuan) is v.
func (p *ocrParser) perfByAmount(v decimal.Decimal) []int {
	var out []int
	for i, pp := range p.perfProj {
		if !pp.hasRow && pp.Amount != nil && text.ToYuan(*pp.Amount, model.TenThous).Equal(v) {
			out = append(out, i)
		}
	}
	return out
}

func (p *ocrParser) fillName(r *model.Row) {
	a, ok := r.Cell(model.ColTotal)
	if !ok || a.Status != model.StatusReported {
		return
	}
	c := p.perfByAmount(a.Yuan)
	if len(c) != 1 {
		p.issue("lost_name", r.Source.Line, "project %s: %d performance-part projects of %s 万元 without a row; name left empty",
			r.Code, len(c), a.Printed)
		return
	}
	pp := &p.perfProj[c[0]]
	pp.hasRow = true
	r.Name, r.NameFrom = pp.Name, p.perfWhere(*pp)
	p.issue("filled_name", pp.Line.No, "project %s: name %q from the performance part (the only project of %s 万元 without a row)",
		r.Code, pp.Name, a.Printed)
}

// fillRow adds the row a category lost, when one performance project's amount equals the gap.
func (p *ocrParser) fillRow(t *model.Table, cat *model.Row, st *ocrProjectState, gap decimal.Decimal) *model.Row {
	c := p.perfByAmount(gap)
	if len(c) != 1 {
		return nil
	}
	pp := &p.perfProj[c[0]]
	pp.hasRow = true
	printed := text.FromYuan(gap, model.TenThous).StringFixed(2)
	note := fmt.Sprintf("category %s %s total less its printed project rows", cat.Code, cat.Name)
	row := &model.Row{Name: pp.Name, Unit: st.unitOf(cat), Source: ocrSource(t.ID, pp.Line), NameFrom: p.perfWhere(*pp)}
	row.SetCell(model.ColTotal, model.Amount{Yuan: gap, Unit: model.TenThous, Status: model.StatusDerived, Note: note})
	if pp.GPB != nil && pp.Amount != nil && pp.GPB.Equal(*pp.Amount) {
		row.SetCell(model.ColGeneralPublic, model.Amount{Yuan: gap, Unit: model.TenThous, Status: model.StatusDerived,
			Note: "资金来源为当年一般公共预算资金 (performance part)"})
	}
	p.issue("filled_row", pp.Line.No, "category %s %s: row %q of %s 万元 added from the performance part (it equals the gap)",
		cat.Code, cat.Name, pp.Name, printed)
	members := st.members[cat]
	at := len(t.Rows)
	if len(members) > 0 {
		for i, r := range t.Rows {
			if r == members[len(members)-1] {
				at = i + 1
			}
		}
	}
	t.Rows = append(t.Rows[:at], append([]*model.Row{row}, t.Rows[at:]...)...)
	return row
}

// unitOf returns the unit of a category's project rows.
func (st *ocrProjectState) unitOf(cat *model.Row) string {
	for _, r := range st.members[cat] {
		if r.Unit != "" {
			return r.Unit
		}
	}
	return st.unit
}
