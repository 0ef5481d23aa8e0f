package narrative

import (
	"budgetql/loader/grid"
	"budgetql/loader/model"
	"budgetql/loader/vocab"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// nstmt is what one passage says about one figure; statements about the same key are merged.
type nstmt struct {
	key, name string
	item      int // printed item number in a list by subject, 0 otherwise
	value     *model.Amount
	budget    *model.Amount // 年初预算 of a 决算 item
	prev      *model.Amount
	change    *model.Amount
	pct       *decimal.Decimal
	sign      int // sign of the change verb: +1, -1, 0 when none was printed
	flat      bool
	basis     string
	basisRank int
	restated  []restated
	reason    []string // an item's 主要原因 when it ends in a direction (reReason groups)
	src       model.Source
}

// restated is a second statement of this year's amount ("2024年预算安排352.67万元").
type restated struct {
	a    model.Amount
	line int
}

func (s *nstmt) setBasis(b string, rank int) {
	if b != "" && rank > s.basisRank {
		s.basis, s.basisRank = b, rank
	}
}

// narrator collects statements paragraph by paragraph.
type narrator struct {
	doc   *model.Document
	lines []grid.Line
	stmts []*nstmt
	econ  bool // inside a list by economic class (按照支出经济分类科目)
	// untabled are the items left as item:N because no function table was read
	untabled     []int
	untabledLine int
	kids         map[string][]subjectKid // function-table rows by parent code, built on first use
	nrows        int                     // rows of the function tables
	// context is the key of the last figure stated as a whole, that a part (人员经费 of
	// 一般公共预算基本支出) belongs to; "" after a heading.
	context string
	pending *label // a heading that names a figure ("（一）因公出国（境）经费")
	// staffSeen are the staffing labels read; nil when another reader read the staffing
	staffSeen map[string]bool
}

// maxLabelRunes bounds the text read before an amount: labels, bases and verbs are short, and
// the bound keeps reading linear in the length of a paragraph.
const maxLabelRunes = 120

// pstate is the reading state inside one paragraph.
type pstate struct {
	p         *para
	cur       []*nstmt // the statements later amounts attach to
	item      bool     // the paragraph is an item line: no new statements start in it
	skip      int      // rune position of the item's value mention, already read
	lastBasis string
	pending   *label // a label printed alone ("1.因公出国（境）费用。"), for the amount that follows
}

func (n *narrator) source(p *para, pos int) model.Source {
	l := n.lines[p.lineOf(pos)]
	return model.Source{Table: model.TableNarrative, Page: l.Page, Line: l.No, Text: strings.TrimSpace(l.Raw)}
}

func (n *narrator) issue(kind model.IssueKind, detail string, line int) {
	n.doc.Issues = append(n.doc.Issues, model.Issue{Kind: kind, Detail: detail, Line: line})
}

func (n *narrator) paragraph(p para) {
	if isHeading(p.str) {
		n.context = "" // a new section: the parts of the last one end
	}
	cls, bad := p.clauses()
	for _, b := range bad {
		src := n.source(&p, b)
		n.issue("unread", fmt.Sprintf("narrative number with a comma that is no thousands separator: %q", src.Text), src.Line)
	}
	if n.staffSeen != nil {
		n.staffing(&p)
	}
	st := &pstate{p: &p, skip: -1, pending: n.pending}
	n.pending = nil
	if !n.itemStart(st, cls) {
		n.econ = strings.Contains(p.str, "经济分类")
	}
	var outer []*nstmt // the statements before a parenthesis, that the text after it goes on with
	in := false
	for _, c := range cls {
		switch {
		case c.paren && !in:
			outer, in = st.cur, true
		case !c.paren && in:
			st.cur, in = outer, false
		}
		n.clause(st, c)
	}
	if len(cls) == 1 && st.pending != nil {
		n.pending = st.pending // a heading that names a figure, for the paragraph after it
	}
}

func (n *narrator) clause(st *pstate, c clause) {
	pos := c.a
	for _, m := range c.mentions {
		if m.start != st.skip {
			n.mention(st, st.p.sub(max(pos, m.start-maxLabelRunes), m.start), m)
		}
		pos = m.end
	}
	rest := st.p.sub(pos, min(c.b, pos+maxLabelRunes))
	if len(c.mentions) == 0 && strings.HasSuffix(rest, "相比") && reCompareClause.MatchString(rest) {
		st.lastBasis = rest
	}
	if len(c.mentions) > 0 {
		st.pending = nil
	} else if alone := stripNumbering(rest); utf8.RuneCountInString(alone) <= maxAloneRunes && !strings.ContainsAny(alone, "0123456789") {
		if l, ok := matchLabel(alone); ok && l.whole {
			pending := l
			st.pending = &pending
		}
	}
	if before, ok := beforeFlat(rest); ok {
		n.flat(st, before, c.a)
	}
}

// maxAloneRunes is longer than any label printed alone with its tail words (no digits).
const maxAloneRunes = 32

// beforeFlat returns the text before a word saying a figure did not change ("与上年预算数相同").
func beforeFlat(s string) (string, bool) {
	for _, w := range vocab.FlatWords {
		if i := strings.Index(s, w); i >= 0 {
			return s[:i], true
		}
	}
	return "", false
}

// stripNumbering removes the numbering a label printed alone starts with: "1.", "2．", "（一）".
func stripNumbering(s string) string {
	if s == "" {
		return s
	}
	if c := s[0]; c >= '0' && c <= '9' {
		if m := reItemNumber.FindString(s); m != "" {
			return s[len(m):]
		}
	}
	if strings.HasPrefix(s, "（") {
		if i := strings.Index(s, "）"); i > 0 && strings.Trim(s[len("（"):i], chineseNumerals) == "" {
			return s[i+len("）"):]
		}
	}
	return s
}

// chineseNumerals are the digits of a numbering such as （十二）.
const chineseNumerals = "一二三四五六七八九十"

// mention reads one amount by what precedes it in its clause.
func (n *narrator) mention(st *pstate, pre string, m mention) {
	pre = strings.TrimPrefix(pre, "其中")
	if !m.money() {
		n.percent(st, pre, m)
		return
	}
	final := n.doc.Kind == model.KindFinal
	if changeVerbStart(pre) >= 0 {
		n.change(st, pre, m)
		return
	}
	if basis, subject, ok := previousBasis(pre); ok {
		rank := 1
		if strings.HasPrefix(basis, "比") || strings.HasPrefix(basis, "较") {
			rank, st.lastBasis = 2, basis
		}
		ts, ok := n.targets(st, subject, m.start)
		if !ok {
			return
		}
		for _, s := range ts {
			if s.prev == nil {
				a := m.amount()
				s.prev = &a
			}
			s.setBasis(basis, rank)
		}
		return
	}
	if st.pending != nil && vocab.IsNarrativeTail(labelText(pre)) {
		st.cur, st.pending = n.open(st, *st.pending, m), nil
		return
	}
	if lt := labelText(pre); lt != "" && lt[0] >= '0' && lt[0] <= '9' { // reRestate starts with a year
		if r := reRestate.FindStringSubmatch(lt); r != nil && r[1] == fmt.Sprint(n.doc.Year) {
			for _, s := range st.cur {
				s.restated = append(s.restated, restated{a: m.amount(), line: n.source(st.p, m.start).Line})
			}
			return
		}
	}
	if final && !strings.HasPrefix(pre, "比") && reBudgetTail.MatchString(pre) {
		n.finalFigure(st, reBudgetTail.ReplaceAllString(pre, ""), m, true)
		return
	}
	if final && reActualTail.MatchString(pre) {
		n.finalFigure(st, reActualTail.ReplaceAllString(pre, ""), m, false)
		return
	}
	if st.item {
		n.economicPart(st, pre, m)
		return
	}
	st.cur = n.startStatements(st, pre, m)
}

// startStatements opens the statements for a labelled amount; an amount without a known label
// ends the current statement.
func (n *narrator) startStatements(st *pstate, pre string, m mention) []*nstmt {
	if l, ok := matchLabel(pre); ok && !l.subset {
		return n.open(st, l, m)
	}
	keys, name := n.classLabel(pre)
	return n.statements(st, keys, name, &m, m.start)
}

// open opens the statements of a label for an amount (none for a phrase that names no figure)
// and makes a whole the context of the parts that follow.
func (n *narrator) open(st *pstate, l label, m mention) []*nstmt {
	keys, part := n.labelKeys(l)
	if !part {
		n.context = ""
		if len(keys) > 0 {
			n.context = keys[0]
		}
	}
	return n.statements(st, keys, l.name, &m, m.start)
}

// labelKeys are the keys of a label: a part's key within the figure stated before it (part is
// true), else the label's own keys. The parts of the general public budget are the department's
// when the tables show it spends nothing else, or when no table tells.
func (n *narrator) labelKeys(l label) (keys []string, part bool) {
	k, ok := l.Within[n.context]
	switch {
	case !ok || (n.context == model.RowGeneralPublicBudget && !n.gpbIsPart()):
		return l.Keys, false
	case k == "":
		return nil, true // a part that is no figure of its own
	}
	return []string{k}, true
}

// gpbIsPart reports whether the tables show expenditure beyond the general public budget: the
// department's total (the summary's expenditure or income total, or the expenditure table's)
// differs from the general public budget's.
func (n *narrator) gpbIsPart() bool {
	gpb, ok := n.tableFigure(model.RowGeneralPublicBudget)
	if !ok || gpb.IsBlank() {
		return false
	}
	for _, key := range []string{model.RowExpenditureTotal, model.RowIncomeTotal} {
		if total, ok := n.tableFigure(key); ok && !total.IsBlank() {
			return !total.Yuan.Equal(gpb.Yuan)
		}
	}
	if t := n.doc.Table(model.TableExpenditure); t != nil {
		if ref, ok := rowCell(t, model.RowTotal, thisYear); ok && !ref.a.IsBlank() {
			return !ref.a.Yuan.Equal(gpb.Yuan)
		}
	}
	return false
}

// statements adds a statement per key, with the mention's amount as value when there is one.
func (n *narrator) statements(st *pstate, keys []string, name string, m *mention, pos int) []*nstmt {
	var out []*nstmt
	for _, k := range keys {
		s := &nstmt{key: k, name: name, src: n.source(st.p, pos), basisRank: -1}
		if m != nil {
			a := m.amount()
			s.value = &a
		}
		n.stmts = append(n.stmts, s)
		out = append(out, s)
	}
	return out
}

// targets returns the statements a change applies to: those of the subject it names, or the
// current ones when it names none. ok is false for a subject that is no known figure.
func (n *narrator) targets(st *pstate, subject string, pos int) ([]*nstmt, bool) {
	if st.item {
		return st.cur, subject == ""
	}
	if subject == "" {
		return st.cur, true
	}
	var keys []string
	name := subject
	if l, ok := matchLabel(subject); ok {
		keys, _ = n.labelKeys(l)
		name = l.name
	} else {
		keys = vocab.NarrativeSubject(subject)
	}
	if keys == nil {
		return nil, false
	}
	st.cur = n.statements(st, keys, name, nil, pos)
	return st.cur, true
}

func (n *narrator) comparison(st *pstate, s string) (subject, basis string, ok bool) {
	subject, basis = splitComparison(s)
	if basis != "" && !namesYear(basis) {
		return "", "", false // 决算数与预算数基本持平: not a comparison with the previous year
	}
	if basis != "" {
		st.lastBasis = basis
	}
	return subject, basis, true
}

func (n *narrator) change(st *pstate, pre string, m mention) {
	at := changeVerbStart(pre) // mention calls change only when pre ends in a change verb
	subject, basis, ok := n.comparison(st, pre[:at])
	if !ok {
		return
	}
	ts, ok := n.targets(st, subject, m.start)
	if !ok {
		return
	}
	sign := verbSign(pre[at:])
	for _, s := range ts {
		if s.change == nil {
			a := m.amount()
			a.Yuan = a.Yuan.Mul(decimal.NewFromInt(int64(sign)))
			s.change, s.sign = &a, sign
		}
		n.basisFor(st, s, basis)
	}
}

func (n *narrator) basisFor(st *pstate, s *nstmt, basis string) {
	if basis != "" {
		s.setBasis(basis, 2)
	} else if st.lastBasis != "" {
		s.setBasis(st.lastBasis, 2)
	}
}

func (n *narrator) percent(st *pstate, pre string, m mention) {
	at := changeVerbStart(pre)
	if at < 0 {
		return // a share (占, 份额比例, 完成预算的), not a change
	}
	subject, basis, ok := n.comparison(st, pre[:at])
	if !ok {
		return
	}
	ts, ok := n.targets(st, subject, m.start)
	if !ok {
		return
	}
	sign := verbSign(pre[at:])
	for _, s := range ts {
		if s.pct == nil {
			v := m.value.Mul(decimal.NewFromInt(int64(sign)))
			s.pct = &v
			if s.sign == 0 {
				s.sign = sign
			}
		}
		n.basisFor(st, s, basis)
	}
}

// flat reads "比2023年预算持平", "财政拨款收入支出总计持平", "决算数与2023年度持平".
func (n *narrator) flat(st *pstate, before string, pos int) {
	if strings.HasSuffix(before, "基本") {
		return
	}
	subject, basis, ok := n.comparison(st, before)
	if !ok {
		return
	}
	ts, ok := n.targets(st, subject, pos)
	if !ok {
		return
	}
	for _, s := range ts {
		s.flat = true
		n.basisFor(st, s, basis)
	}
}

// finalFigure reads 年初预算为 / 决算为 of a 决算: the subject named, or the current statement.
func (n *narrator) finalFigure(st *pstate, subject string, m mention, budget bool) {
	ts := st.cur
	if subject != "" && !st.item {
		ts = n.startStatements(st, subject, m)
		st.cur = ts
		if !budget {
			return
		}
		for _, s := range ts {
			s.value = nil
		}
	}
	for _, s := range ts {
		a := m.amount()
		switch {
		case budget && s.budget == nil:
			s.budget = &a
		case !budget && s.value == nil:
			s.value, s.src = &a, n.source(st.p, m.start)
		case !budget:
			s.restated = append(s.restated, restated{a: a, line: n.source(st.p, m.start).Line})
		}
	}
}

// classLabel keys an amount that follows a function class named with its 类 marker, as in
// "主要用于以下方面：一般公共服务支出（类）2106.66万元".
func (n *narrator) classLabel(pre string) ([]string, string) {
	name, ok := strings.CutSuffix(strings.Trim(pre, quoteMarks), "（类）")
	if !ok {
		return nil, ""
	}
	if code := n.classCode(name); code != "" {
		return []string{code}, name + "（类）"
	}
	return nil, ""
}

// economicPart reads the breakdown of an economic class item, "(基本工资 23.57 万、津贴补贴 15.53
// 万 …)": a part whose name is an economic item of the class is a figure keyed by its code; other
// amounts inside an item line are not figures.
func (n *narrator) economicPart(st *pstate, pre string, m mention) {
	if len(st.cur) != 1 || len(st.cur[0].key) != 3 || st.cur[0].key[0] != '3' {
		return
	}
	name := strings.Trim(pre, quoteMarks)
	code, ok := vocab.EconomicCode(name, st.cur[0].key, n.doc.Year)
	if !ok {
		return
	}
	a := m.amount()
	n.stmts = append(n.stmts, &nstmt{key: code, name: name, value: &a, src: n.source(st.p, m.start), basisRank: -1})
}
