package loader

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file reads the 机构设置 unit list and the 财政项目支出绩效目标填报表 forms of layout text.

var reUnitItem = regexp.MustCompile(`^(\d{1,2})\s*[.．、]\s*(\S.*)$`)

// parseLayoutUnits reads the numbered list of units under the 机构设置 heading (on the heading's
// page or the next): "1. 上海市普陀区人民政府万里街道办事处（本部）。".
func parseLayoutUnits(lines []text.Line) []model.OrgUnit {
	start := -1
	for i, l := range lines {
		t := strings.TrimSpace(l.Text)
		if strings.HasSuffix(t, "机构设置") && !strings.Contains(t, "…") && stripOrdinal(t) == t {
			start = i
			break
		}
	}
	if start < 0 {
		return nil
	}
	var texts []string
	for _, l := range lines[start+1:] {
		t := strings.TrimSpace(l.Text)
		m := reUnitItem.FindStringSubmatch(t)
		switch {
		case m != nil && m[1] == strconv.Itoa(len(texts)+1):
			texts = append(texts, m[2])
		case len(texts) == 0 && l.Page > lines[start].Page+1:
			return nil
		case len(texts) == 0, t == "":
		case m == nil && !strings.HasSuffix(texts[len(texts)-1], "。"):
			texts[len(texts)-1] += t
		default:
			return orgUnits(texts)
		}
	}
	return orgUnits(texts)
}

func orgUnits(texts []string) []model.OrgUnit {
	units := make([]model.OrgUnit, len(texts))
	for i, t := range texts {
		units[i] = orgUnitOf(t)
	}
	return units
}

// orgUnitOf reads one listed unit: its name and, when the item states it, its kind.
func orgUnitOf(s string) model.OrgUnit {
	s = strings.TrimRight(strings.TrimSpace(s), "。；;.")
	u := model.OrgUnit{}
	for _, k := range []string{"行政", "参公", "事业"} {
		for _, p := range []string{"下属" + k + "单位", k + "单位："} {
			if strings.HasPrefix(s, p) {
				u.Kind, s = k, strings.TrimPrefix(s, p)
			}
		}
		for _, p := range []string{"（" + k + "单位）", "(" + k + "单位)", "（" + k + "）", "(" + k + ")"} {
			if strings.HasSuffix(s, p) {
				u.Kind, s = k, strings.TrimSuffix(s, p)
			}
		}
	}
	if i := strings.Index(s, "不单列"); i > 0 {
		s = s[:i]
	}
	if i := strings.Index(s, "，"); i > 0 {
		s = s[:i]
	}
	u.Name = strings.TrimSpace(s)
	return u
}

// isTargetFormTitle reports whether a line is the title of a project performance-target form.
func isTargetFormTitle(text string) bool {
	t := strings.TrimSpace(text)
	if !strings.HasSuffix(t, "表") { // the trimmed line's last rune is the squeezed one's
		return false
	}
	t = strings.ReplaceAll(t, " ", "")
	return strings.Contains(t, "绩效目标") && (strings.HasSuffix(t, "填报表") || strings.HasSuffix(t, "申报表")) && TextWidth(t) < 30
}

// parseLayoutTargets reads every 财政项目支出绩效目标填报表: the project's name and funds and one
// Target per indicator row.
func parseLayoutTargets(lines []text.Line) []model.Target {
	var out []model.Target
	start := -1 // a form is its title and every line up to the next title: lines[start:end]
	flush := func(end int) {
		if start >= 0 {
			out = append(out, readTargetForm(lines[start:end:end])...)
		}
	}
	for i, l := range lines {
		if isTargetFormTitle(l.Text) {
			flush(i)
			start = i
		}
	}
	flush(len(lines))
	return out
}

// cellAfter returns the cell printed after the first cell whose text starts with label.
func cellAfter(form []text.Line, label string) (string, bool) {
	r, _ := utf8.DecodeRuneInString(label)
	for _, l := range form {
		if !strings.ContainsRune(l.Text, r) {
			continue // spaces may split the label, never its first rune
		}
		cells := splitCells(l.Text)
		for i, c := range cells {
			if strings.HasPrefix(strings.ReplaceAll(c.Text, " ", ""), label) && i+1 < len(cells) {
				return cells[i+1].Text, true
			}
		}
	}
	return "", false
}

// targetCols are the centres of a form's indicator header: 一级, 二级, 三级 and 指标值.
type targetCols [4]float64

func targetHeader(l text.Line) (targetCols, bool) {
	var cols targetCols
	if !strings.Contains(l.Text, "标") { // every header name holds 标, and spaces do not split a rune
		return cols, false
	}
	found := 0
	for _, c := range splitCells(l.Text) {
		t := strings.ReplaceAll(c.Text, " ", "")
		for i, name := range []string{"一级指标", "二级指标", "三级指标", "指标值"} {
			if strings.Contains(t, name) && cols[i] == 0 {
				cols[i] = c.Centre()
				found++
			}
		}
	}
	return cols, found == 4
}

// nearest returns which header column a cell sits under.
func (tc targetCols) nearest(c LayoutCell) int {
	best, bd := 0, math.Inf(1)
	for i, x := range tc {
		if d := math.Abs(c.Centre() - x); d < bd {
			best, bd = i, d
		}
	}
	return best
}

// levelLabel is a 一级/二级 label (wrapped fragments joined) and the line it is centred on.
type levelLabel struct {
	text string
	at   float64
	n    int // fragments
}

// targetRow is one indicator: its 三级指标 text, value and line.
type targetRow struct {
	level3, value string
	line          text.Line
	open          bool // the value line printed no 三级 text: a fragment below continues it
}

// readTargetForm reads one form: project name and funds, then the indicator rows, each given the
// 一级 and 二级 labels centred on its group of rows.
func readTargetForm(form []text.Line) []model.Target {
	name, _ := cellAfter(form, "项目名称")
	funds, _ := cellAfter(form, "项目资金总额")
	if !text.IsAmountText(funds) {
		funds = ""
	}
	h := -1
	var cols targetCols
	for i, l := range form {
		if c, ok := targetHeader(l); ok {
			h, cols = i, c
			break
		}
	}
	if h < 0 {
		return nil
	}
	rows, levels := readTargetRows(form[h+1:], cols)
	l1 := assignLevels(rows, levels[0])
	l2 := assignLevels(rows, levels[1])
	out := make([]model.Target, 0, len(rows))
	for i, r := range rows {
		op, v, unit := splitTargetValue(r.value)
		out = append(out, model.Target{ProjectName: name, Level1: l1[i], Level2: l2[i], Level3: r.level3,
			Operator: op, Value: v, MeasureUnit: unit, Funds: funds,
			Source: model.Source{Table: model.TableProject, Page: r.line.Page, Line: r.line.No, Text: r.line.Raw}})
	}
	return out
}

// readTargetRows splits the indicator lines into rows and 一级/二级 label fragments.
func readTargetRows(lines []text.Line, cols targetCols) ([]*targetRow, [2][]levelLabel) {
	var rows []*targetRow
	var levels [2][]levelLabel
	var pending []string
	for _, l := range lines {
		var l3, val string
		for _, c := range levelCells(splitCells(l.Text)) {
			if strings.ReplaceAll(c.Text, " ", "") == "绩效指标" {
				continue
			}
			switch k := cols.nearest(c); k {
			case 0, 1:
				levels[k] = addLevel(levels[k], c.Text, float64(l.No))
			case 2:
				l3 += c.Text
			case 3:
				val += c.Text
			}
		}
		var last *targetRow
		if len(rows) > 0 {
			last = rows[len(rows)-1]
		}
		switch {
		case val != "":
			r := &targetRow{level3: strings.Join(pending, "") + l3, value: val, line: l, open: l3 == ""}
			rows, pending = append(rows, r), nil
		case l3 == "":
		case last != nil && last.open && l.No-last.line.No <= 2:
			last.level3, last.open = last.level3+l3, false
		default:
			pending = append(pending, l3)
		}
	}
	return rows, levels
}

// levelCells splits a cell of single-spaced level labels ("效益指标 社会效益指标").
func levelCells(cells []LayoutCell) []LayoutCell {
	var out []LayoutCell
	for _, c := range cells {
		words := strings.Split(c.Text, " ")
		all := len(words) > 1
		for _, w := range words {
			all = all && strings.HasSuffix(w, "指标")
		}
		if !all {
			out = append(out, c)
			continue
		}
		start := c.Start
		for _, w := range words {
			out = append(out, LayoutCell{Text: w, Start: start, End: start + TextWidth(w)})
			start += TextWidth(w) + 1
		}
	}
	return out
}

// addLevel adds a label fragment; a fragment continues the previous label while that does not
// yet end in 指标 ("服务对象满意" + "度指标").
func addLevel(ls []levelLabel, text string, line float64) []levelLabel {
	if n := len(ls); n > 0 && !strings.HasSuffix(ls[n-1].text, "指标") && line-ls[n-1].at <= 3 {
		l := &ls[n-1]
		l.at = (l.at*float64(l.n) + line) / float64(l.n+1)
		l.text += text
		l.n++
		return ls
	}
	return append(ls, levelLabel{text: text, at: line, n: 1})
}

// maxFormRows bounds the indicator rows of one form whose 一级/二级 labels are placed (the
// placement costs rows² × labels); a larger form keeps its rows without those labels.
const maxFormRows = 400

// assignLevels gives each row the label of its group. Labels are printed centred on their
// group of rows, so rows are cut into len(labels) runs, in order, whose middles lie nearest
// their labels.
func assignLevels(rows []*targetRow, labels []levelLabel) []string {
	out := make([]string, len(rows))
	n, k := len(rows), len(labels)
	if n == 0 || k == 0 || k > n || n > maxFormRows {
		return out
	}
	mid := func(a, b int) float64 { return float64(rows[a].line.No+rows[b].line.No) / 2 }
	inf := math.Inf(1)
	// cost[g][i]: least cost for labels[:g+1] covering rows[:i+1]; cut[g][i] where run g starts.
	cost := make([][]float64, k)
	cut := make([][]int, k)
	for g := range cost {
		cost[g], cut[g] = make([]float64, n), make([]int, n)
		for i := range cost[g] {
			cost[g][i] = inf
			for s := g; s <= i; s++ {
				prev := 0.0
				if g > 0 {
					if prev = cost[g-1][s-1]; math.IsInf(prev, 1) {
						continue
					}
				} else if s > 0 {
					break
				}
				if c := prev + math.Abs(mid(s, i)-labels[g].at); c < cost[g][i] {
					cost[g][i], cut[g][i] = c, s
				}
			}
		}
	}
	for g, i := k-1, n-1; g >= 0; g-- {
		s := cut[g][i]
		for j := s; j <= i; j++ {
			out[j] = labels[g].text
		}
		i = s - 1
	}
	return out
}

var reTargetNumber = regexp.MustCompile(`^([-+]?\d+(?:\.\d+)?)\s*(?:\((.{1,8})\)|（(.{1,8})）|([^\d\s()（）]{0,6}))$`)

// splitTargetValue splits a printed 指标值 such as "≥90.00(%)", "＝100(%)", "<5天" or "定性 满意"
// into its operator (≥ ≤ = > < 定性, "" when none is printed), value and measure unit. A value
// that is not a number with a unit ("可控性100%", "不低于50%") is kept whole, without unit.
func splitTargetValue(printed string) (op, value, unit string) {
	s := strings.TrimSpace(text.FoldWidth(printed))
	for _, o := range []struct{ printed, op string }{
		{"定性", "定性"}, {">=", "≥"}, {"<=", "≤"}, {"≥", "≥"}, {"≤", "≤"}, {"≧", "≥"}, {"≦", "≤"},
		{"=", "="}, {">", ">"}, {"<", "<"},
	} {
		if strings.HasPrefix(s, o.printed) {
			op, s = o.op, strings.TrimLeft(strings.TrimPrefix(s, o.printed), " :：")
			break
		}
	}
	if m := reTargetNumber.FindStringSubmatch(s); m != nil && op != "定性" {
		return op, m[1], strings.TrimSpace(m[2] + m[3] + m[4])
	}
	return op, s, ""
}
