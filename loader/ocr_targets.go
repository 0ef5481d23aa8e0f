package loader

import (
	"budgetql/loader/model"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// ocrLevel2Entry is a 二级指标 of the performance forms, its printed variants and its 一级指标 ("" when
// the form's own 一级指标 label must say).
type ocrLevel2Entry struct {
	name, level1 string
	aliases      []string
}

var (
	ocrLevel2Vocab = []ocrLevel2Entry{
		{"数量指标", "产出指标", nil}, {"质量指标", "产出指标", nil}, {"时效指标", "产出指标", nil},
		{"成本指标", "产出指标", nil}, {"经济效益指标", "效益指标", nil}, {"社会效益指标", "效益指标", nil},
		{"生态效益指标", "效益指标", nil}, {"可持续影响指标", "效益指标", nil},
		{"社会公众或服务对象满意度指标", "满意度指标", []string{"服务对象满意度指标", "满意度指标"}},
		{"公共服务", "", nil}, {"公共管理", "", nil}, {"公共产品", "", nil},
	}
	ocrLevel1Vocab = []string{"产出指标", "效益指标", "满意度指标"}
	ocrOpTokens    = map[string]string{"≥": "≥", "≧": "≥", ">=": "≥", "≤": "≤", "≦": "≤", "<=": "≤", "=": "=", "＝": "=",
		">": ">", "<": "<", "定性": "定性"}
	ocrFormYear  = regexp.MustCompile(`^[(（]\s*((?:19|20)\d\d)\s*年度\s*[)）]$`)
	ocrValueUnit = regexp.MustCompile(`^(\d+(?:\.\d+)?)\s*(%|次|个|项|人|天|日|月|年|件|家|篇|万元|元)$`)
)

// ocrMatchVocab returns the entry a printed label (or a fragment of one) names, when exactly one does.
func ocrMatchVocab(text string, names func(i int) []string, n int) int {
	t := ocrSqueeze(text)
	if r := []rune(t); len(r) > 2 && r[0] == '标' {
		t = string(r[1:])
	}
	runes := utf8.RuneCountInString(t) // as len([]rune(t))
	if runes < 2 {
		return -1
	}
	found := -1
	for i := 0; i < n; i++ {
		for _, v := range names(i) {
			if strings.HasPrefix(v, t) || strings.HasPrefix(t, v) || runes >= 3 && strings.Contains(v, t) {
				if found >= 0 && found != i {
					return -1
				}
				found = i
			}
		}
	}
	return found
}

func ocrLevel2Of(text string) int {
	names := ocrLevel2Names()
	return ocrMatchVocab(text, func(i int) []string { return names[i] }, len(ocrLevel2Vocab))
}

// ocrLevel2Names lists each level-2 entry's name then its aliases, built once.
var ocrLevel2Names = sync.OnceValue(func() [][]string {
	out := make([][]string, len(ocrLevel2Vocab))
	for i, v := range ocrLevel2Vocab {
		out[i] = append([]string{v.name}, v.aliases...)
	}
	return out
})

func ocrLevel1Of(text string) int {
	return ocrMatchVocab(text, func(i int) []string { return ocrLevel1Vocab[i : i+1] }, len(ocrLevel1Vocab))
}

// ocrFormCols are the header positions of a target form.
type ocrFormCols struct{ l1, l2, l3, op, val, unit, n int }

func ocrFormHeader(cells []string) (ocrFormCols, bool) {
	c := ocrFormCols{-1, -1, -1, -1, -1, -1, len(cells)}
	for i, x := range cells {
		switch k := ocrSqueeze(x); {
		case k == "一级指标":
			c.l1 = i
		case k == "二级指标":
			c.l2 = i
		case k == "三级指标":
			c.l3 = i
		case strings.Contains(k, "符号"):
			c.op = i
		case k == "指标值" || k == "年初目标值" || k == "目标值":
			c.val = i
		case strings.Contains(k, "计量单位"):
			c.unit = i
		}
	}
	return c, c.l3 >= 0 && c.val >= 0
}

// ocrFormRow is a row of a target form read as a target (l3 >= 0) or not.
type ocrFormRow struct {
	r              ocrRow
	l3, k          int // index of 三级指标 and of the operator cell (-1: none)
	op             string
	opKnown        bool
	level3, value  string
	unit           string
	lv1, lv2       int // vocab indexes of labels printed on the row (-1: none)
	isTarget, head bool
}

// readTargets reads the department form and each project form into doc.Targets.
func (p *ocrParser) readTargets(secs []*ocrSection) {
	used := map[*ocrPerfProject]bool{}
	for _, s := range secs {
		if s.id != ocrTargetDept && s.id != ocrTargetProject {
			continue
		}
		var pp *ocrPerfProject
		if s.id == ocrTargetProject {
			if pp = p.formProject(s.title.No); pp == nil || used[pp] {
				pp = nil
			}
			used[pp] = true
		}
		p.readForm(s, pp)
	}
}

// formNameColumn links a form without a project paragraph by its 项目名称 column (wrapped over
// rows): the project it names, or nothing (reported) when it names none.
func (p *ocrParser) formNameColumn(rows []ocrFormRow) (string, string) {
	col, n, text := -1, 0, ""
	for _, fr := range rows {
		if fr.head {
			col, n = -1, len(fr.r.cells)
			for i, c := range fr.r.cells {
				if strings.HasPrefix(ocrSqueeze(c), "项目名") && col < 0 {
					col = i
				}
			}
			continue
		}
		if col >= 0 && len(fr.r.cells) == n && ocrHasHan(fr.r.cells[col]) {
			text += fr.r.cells[col]
		}
	}
	if code, name := p.projectByName(ocrJoin(text)); code != "" {
		return code, name
	}
	line := 0
	if len(rows) > 0 {
		line = rows[0].r.line.No
	}
	p.issue("unread", line, "project form: no project paragraph before it and its name column %q names no project; targets not linked", ocrJoin(text))
	return "", ""
}

// formProject returns the project paragraph printed last before a project form.
func (p *ocrParser) formProject(line int) *ocrPerfProject {
	var pp *ocrPerfProject
	for i := range p.perfProj {
		if p.perfProj[i].Line.No < line {
			pp = &p.perfProj[i]
		}
	}
	return pp
}

// readForm reads the targets of one form. Rows are anchored on the operator cell when the form has
// one (cells shift when a page drops columns), else on the header positions.
func (p *ocrParser) readForm(s *ocrSection, pp *ocrPerfProject) {
	rows := make([]ocrFormRow, len(s.rows))
	var cols ocrFormCols
	have := false
	for i, r := range s.rows {
		fr := ocrFormRow{r: r, l3: -1, k: -1, lv1: -1, lv2: -1}
		if c, ok := ocrFormHeader(r.cells); ok {
			cols, have, fr.head = c, true, true
		} else if have {
			ocrReadFormRow(&fr, cols)
		}
		rows[i] = fr
	}
	for i := range rows {
		if rows[i].isTarget {
			ocrJoinWrapped(rows, i)
		}
	}
	code, name := "", ""
	if pp != nil {
		code, name = p.projectByName(pp.Name)
	} else if s.id == ocrTargetProject {
		code, name = p.formNameColumn(rows)
	}
	p.checkFormYear(s)
	for i, fr := range rows {
		if !fr.isTarget {
			continue
		}
		t := model.Target{ProjectCode: code, ProjectName: name, Level3: fr.level3, Operator: fr.op, Value: fr.value,
			MeasureUnit: fr.unit, Source: ocrSource(s.id, fr.r.line)}
		t.Level1, t.Level2 = ocrFormLevels(rows, i)
		ocrSplitValueUnit(&t)
		if fr.k >= 0 && !fr.opKnown {
			p.fillOperator(&t, ocrCellAt(fr.r.cells, fr.k), pp)
		}
		p.doc.Targets = append(p.doc.Targets, t)
	}
}

// ocrReadFormRow reads one row of a form: a target when an indicator and a value are printed.
func ocrReadFormRow(fr *ocrFormRow, cols ocrFormCols) {
	c := fr.r.cells
	for i, x := range c {
		if i < 2 {
			continue
		}
		if op, known, ok := ocrOpToken(x); ok && ocrHasHan(ocrCellAt(c, i-1)) && ocrCellAt(c, i+1) != "" {
			fr.k, fr.op, fr.opKnown, fr.l3 = i, op, known, i-1
			break
		}
	}
	// No operator cell: a row aligned with the header, its operator cell (if any) printed empty.
	if fr.k < 0 && len(c) >= cols.n && ocrHasHan(ocrCellAt(c, cols.l3)) && ocrCellAt(c, cols.val) != "" &&
		ocrCellAt(c, cols.op) == "" && ocrLevel2Of(c[cols.l3]) < 0 {
		fr.l3 = cols.l3
	}
	if fr.l3 >= 0 {
		fr.isTarget = true
		fr.level3 = ocrJoin(c[fr.l3])
		val, unit := fr.l3+1, fr.l3+2
		if fr.k >= 0 {
			val, unit = fr.k+1, fr.k+2
		} else if cols.val >= 0 {
			val, unit = cols.val, cols.unit
		}
		fr.value, fr.unit = ocrJoin(ocrCellAt(c, val)), ocrJoin(ocrCellAt(c, unit))
	}
	for i, x := range c {
		if fr.isTarget && i >= fr.l3 {
			break
		}
		if fr.lv2 < 0 {
			fr.lv2 = ocrLevel2Of(x)
		}
		if fr.lv1 < 0 {
			fr.lv1 = ocrLevel1Of(x)
		}
	}
}

// ocrOpToken reads an operator cell. Known symbols are mapped (≧ -> ≥); a short cell of symbols or
// Latin letters (ΛII, <u>\</u>) or a two-character 定x is an operator that could not be read.
func ocrOpToken(s string) (op string, known, ok bool) {
	t := ocrSqueeze(s)
	if v, found := ocrOpTokens[t]; found {
		return v, true, true
	}
	r := []rune(t)
	if len(r) == 2 && r[0] == '定' {
		return "", false, true
	}
	if len(r) == 0 || len(r) > 12 || ocrHasHan(t) {
		return "", false, false
	}
	for _, x := range r {
		if x >= '0' && x <= '9' {
			return "", false, false
		}
	}
	return "", false, true
}

// ocrMaxWrap is the most lines a wrapped cell is followed over, above or below its target row.
const ocrMaxWrap = 4

// ocrJoinWrapped joins indicator, value and unit text wrapped onto the lines above and below a target
// row: neighbours with the same cells, no operator and Chinese text in those columns.
func ocrJoinWrapped(rows []ocrFormRow, i int) {
	fr := &rows[i]
	if fr.k < 0 {
		return
	}
	cont := func(j int) bool {
		if j < 0 || j >= len(rows) || rows[j].isTarget || rows[j].head || len(rows[j].r.cells) != len(fr.r.cells) {
			return false
		}
		c := rows[j].r.cells
		if l := ocrCellAt(c, fr.k-1); ocrLevel2Of(l) >= 0 || ocrLevel1Of(l) >= 0 {
			return false // a merged 二级/一级 label, not wrapped text
		}
		return c[fr.k] == "" && (ocrHasHan(ocrCellAt(c, fr.k-1)) || ocrHasHan(ocrCellAt(c, fr.k+1)))
	}
	for j := i - 1; j >= i-ocrMaxWrap && cont(j); j-- {
		c := rows[j].r.cells
		fr.level3 = ocrJoinIfHan(ocrCellAt(c, fr.k-1), fr.level3)
		fr.value = ocrJoinIfHan(ocrCellAt(c, fr.k+1), fr.value)
	}
	for j := i + 1; j <= i+ocrMaxWrap && cont(j); j++ {
		c := rows[j].r.cells
		fr.level3 = ocrJoinIfHan(fr.level3, ocrCellAt(c, fr.k-1))
		fr.value = ocrJoinIfHan(fr.value, ocrCellAt(c, fr.k+1))
	}
}

func ocrJoinIfHan(a, b string) string {
	if !ocrHasHan(a) || !ocrHasHan(b) {
		if ocrHasHan(a) || b == "" {
			return ocrJoin(a)
		}
		return ocrJoin(b)
	}
	return ocrJoin(a + b)
}

// ocrFormLevels returns the 一级 and 二级 of target row i: the labels printed on the row or, for
// merged cells, on the nearest row (a row that is itself a target wins a tie, then the one above).
func ocrFormLevels(rows []ocrFormRow, i int) (string, string) {
	l2 := ocrNearest(rows, i, 3, func(r ocrFormRow) bool { return r.lv2 >= 0 })
	l1name, l2name := "", ""
	if l2 >= 0 {
		e := ocrLevel2Vocab[rows[l2].lv2]
		l2name, l1name = e.name, e.level1
	}
	if l1name == "" {
		if l1 := ocrNearest(rows, i, 6, func(r ocrFormRow) bool { return r.lv1 >= 0 }); l1 >= 0 {
			l1name = ocrLevel1Vocab[rows[l1].lv1]
		}
	}
	return l1name, l2name
}

// ocrNearest returns the row index within d of i (not past a header) that satisfies has, or -1.
func ocrNearest(rows []ocrFormRow, i, d int, has func(ocrFormRow) bool) int {
	if has(rows[i]) {
		return i
	}
	upOK, downOK := true, true
	for k := 1; k <= d; k++ {
		up, down := -1, -1
		if upOK = upOK && i-k >= 0 && !rows[i-k].head; upOK && has(rows[i-k]) {
			up = i - k
		}
		if downOK = downOK && i+k < len(rows) && !rows[i+k].head; downOK && has(rows[i+k]) {
			down = i + k
		}
		switch {
		case up >= 0 && down >= 0 && rows[down].isTarget && !rows[up].isTarget:
			return down
		case up >= 0:
			return up
		case down >= 0:
			return down
		}
	}
	return -1
}

// ocrSplitValueUnit splits "2次" / "100%" printed in the value cell when no unit is printed.
func ocrSplitValueUnit(t *model.Target) {
	if t.MeasureUnit != "" {
		return
	}
	if m := ocrValueUnit.FindStringSubmatch(t.Value); m != nil {
		t.Value, t.MeasureUnit = m[1], m[2]
	}
}

// fillOperator takes an unreadable operator from the project paragraph that states the same
// indicator and value ("组织12345热线工作人员进行学习≥2次"); otherwise it is left empty and reported.
func (p *ocrParser) fillOperator(t *model.Target, printed string, pp *ocrPerfProject) {
	if pp != nil && t.Level3 != "" {
		text := ocrSqueeze(pp.Text)
		if i := strings.Index(text, ocrSqueeze(t.Level3)); i >= 0 {
			rest := text[i+len(ocrSqueeze(t.Level3)):]
			for sym, op := range ocrOpTokens {
				if sym != "定性" && strings.HasPrefix(rest, sym) && strings.HasPrefix(rest[len(sym):], t.Value) {
					t.Operator = op
					p.issue("filled_operator", t.Source.Line, "target %q: operator printed %q (unreadable); %s taken from the paragraph at line %d",
						t.Level3, printed, op, pp.Line.No)
					return
				}
			}
		}
	}
	p.issue("unread", t.Source.Line, "target %q: operator printed %q is not readable; left empty", t.Level3, printed)
}

// projectByName returns the code and name of the project named (tolerantly); the name as given
// when no project matches.
func (p *ocrParser) projectByName(name string) (string, string) {
	best, code, found := 0.0, "", name
	for _, pr := range p.doc.Projects {
		if v := ocrNameSim(name, pr.Name); v >= ocrMinNameSim && v > best {
			best, code, found = v, pr.Code, pr.Name
		}
	}
	return code, found
}

// checkFormYear reports a form labelled with another year than the document's ("(2023年度)").
func (p *ocrParser) checkFormYear(s *ocrSection) {
	for i, r := range s.rows {
		if i > 4 {
			return
		}
		if m := ocrFormYear.FindStringSubmatch(ocrSqueeze(r.line.Text)); m != nil {
			if y, _ := strconv.Atoi(m[1]); p.doc.Year != 0 && y != p.doc.Year {
				p.issue("year_mismatch", r.line.No, "form %q is labelled %s年度 in a %d document", ocrJoin(s.title.Text), m[1], p.doc.Year)
			}
			return
		}
	}
}
