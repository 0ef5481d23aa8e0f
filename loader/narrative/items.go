package narrative

import (
	"budgetql/loader/model"
	"budgetql/loader/vocab"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

var reItemNumber = regexp.MustCompile(`^(?:(\d{1,2})[.、．]|（(\d{1,2})）)`)

// itemStart reads an item line of a list by subject: `1. “一般公共服务支出（类）统计信息事务（款）
// 专项普查活动（项）”25.77万元`, `1. 一般公共服务(类)412.84万元`, `1. “A-B-C”科目1,202.95万元`,
// `1、A（类）B（款）C（项）。…年初预算为…支出决算为…` and, under 按照支出经济分类科目,
// `1. 工资福利支出 153.68 万元`. It reports whether the paragraph is an item line.
func (n *narrator) itemStart(st *pstate, cls []clause) bool {
	num, off, head, ok := itemHead(st.p, cls)
	if !ok {
		return false
	}
	parts, fn := n.subjectChain(head)
	if !fn && !(n.econ && n.economicClass(head) != "") {
		return false
	}
	st.item = true
	s := &nstmt{item: num, name: chainName(head), basisRank: -1, src: n.source(st.p, off)}
	if !fn {
		s.key, parts = n.economicClass(head), nil
	}
	if fn && !n.resolveItem(s, parts) {
		return true // garbled or unmatched: reported, nothing attaches
	}
	// a budget item's amount follows its name; a 决算 item's comes with 支出决算为
	first := firstMention(cls)
	headEnd := off + utf8.RuneCountInString(head)
	if n.doc.Kind != model.KindFinal && first != nil && first.money() && !strings.Contains(st.p.sub(headEnd, first.start), "。") {
		a := first.amount()
		s.value, s.src, st.skip = &a, n.source(st.p, first.start), first.start
	}
	if i := strings.Index(st.p.str, "主要原因"); i >= 0 { // reReason's match starts at an occurrence
		s.reason = reReason.FindStringSubmatch(st.p.str[i:])
	}
	n.stmts = append(n.stmts, s)
	st.cur = []*nstmt{s}
	return true
}

// itemHead splits an item line into its printed number, the rune offset of its name and the name:
// the text up to the first amount or the first "。".
func itemHead(p *para, cls []clause) (num, off int, head string, ok bool) {
	text := p.str
	m := reItemNumber.FindStringSubmatch(text)
	if m == nil || (len(text) > len(m[0]) && isDigitRune(rune(text[len(m[0])]))) {
		return 0, 0, "", false // "15.16%" is a number, not an item
	}
	num, _ = strconv.Atoi(m[1] + m[2])
	off = len([]rune(m[0]))
	end := len(p.text)
	if first := firstMention(cls); first != nil {
		end = max(first.start, off)
	}
	head = p.sub(off, end)
	if i := strings.Index(head, "。"); i >= 0 {
		head = head[:i]
	}
	return num, off, head, true
}

// reReason is the reason an item line gives when it ends in a direction:
// "主要原因是：宣传事务一般行政管理事务经费增加".
var reReason = regexp.MustCompile(`主要原因(?:是|为)?：?([^。；：]{0,60}?(增加|减少|保持不变))(?:[。；]|$)`)

// checkReason reports an item whose stated reason runs against its stated change.
func (n *narrator) checkReason(s *nstmt, f model.NarrativeFigure) {
	if s.reason == nil || f.Direction == "" {
		return
	}
	text, verb := s.reason[1], s.reason[2]
	says := map[string]string{"增加": "increase", "减少": "decrease", "保持不变": "flat"}[verb]
	if says != f.Direction {
		n.issue("narrative_mismatch", fmt.Sprintf("narrative %s: the change is %s, but the reason given is %q",
			figureName(s), directionText(f), text), s.src.Line)
	}
}

func directionText(f model.NarrativeFigure) string {
	switch {
	case f.StatedPercent != nil:
		return f.Direction + " (" + f.StatedPercent.String() + "%)"
	case f.StatedChange != nil && f.StatedChange.Printed != "":
		return f.Direction + " (" + changeText(*f.StatedChange) + ")"
	}
	return f.Direction
}

func firstMention(cls []clause) *mention {
	for _, c := range cls {
		if len(c.mentions) > 0 {
			return &c.mentions[0]
		}
	}
	return nil
}

// quoteMarks are the quotation marks a subject chain may be printed in.
const quoteMarks = "“”\"「」‘’'"

// chainName is the printed subject chain without quotes and the trailing 科目.
func chainName(head string) string {
	h := strings.Trim(head, quoteMarks+"：:，")
	h = strings.TrimSuffix(h, "科目")
	h = strings.Trim(h, quoteMarks+"：:，")
	// words between the last level mark and the amount: "住房公积金（项）支出", "…（项）预算为"
	if i := strings.LastIndex(h, "）"); i >= 0 && i+len("）") < len(h) && vocab.IsNarrativeTail(h[i+len("）"):]) {
		h = h[:i+len("）")]
	}
	return h
}

var reHyphenChain = regexp.MustCompile(`[-—－]`)

// reLevelMark is the level mark after a subject name in a chain: （类）, （款）, （项）.
var reLevelMark = regexp.MustCompile(`（(?:类|款|项)）`)

// subjectChain splits "A（类）B（款）C（项）" or "A-B-C" into names; fn reports a chain of
// function subjects (a 类 marker, or a hyphenated chain that starts with a function class).
func (n *narrator) subjectChain(head string) ([]string, bool) {
	h := chainName(head)
	if strings.Contains(h, "（类）") {
		if !strings.HasSuffix(h, "）") {
			return []string{h}, true // a name after the last marker is cut: reported as garbled
		}
		var parts []string
		for _, p := range reLevelMark.Split(h, -1) {
			if p = strings.Trim(p, quoteMarks); p != "" {
				parts = append(parts, p)
			}
		}
		return parts, len(parts) > 0
	}
	if parts := reHyphenChain.Split(h, -1); len(parts) >= 2 && n.classCode(parts[0]) != "" {
		return parts, true
	}
	return nil, false
}

// economicClass matches an economic class name ("工资福利支出", "对个人和家庭的补助支出").
func (n *narrator) economicClass(head string) string {
	code, _ := vocab.EconomicCode(chainName(head), "", n.doc.Year)
	return code
}

// classCode is the function class (类) printed by name, or "".
func (n *narrator) classCode(name string) string {
	code, _ := vocab.FunctionClassByName(name, n.doc.Year)
	return code
}

// resolveItem keys an item by its function subject code: the class by name, then each 款 and 项
// by its unique name under its parent in the function tables. An item that cannot be keyed
// keeps "item:N" and is reported; a garbled chain is reported and dropped.
func (n *narrator) resolveItem(s *nstmt, parts []string) bool {
	s.key = fmt.Sprintf("item:%d", s.item)
	for _, p := range parts {
		if strings.ContainsAny(p, "0123456789。，；") || strings.Contains(p, "（类）") {
			n.issue("unread", fmt.Sprintf("narrative item %d: subject names garbled (%q); its figures are not read", s.item, s.name), s.src.Line)
			return false
		}
	}
	code, why := n.subjectCode(parts)
	if why == errNoFunctionTable {
		if len(n.untabled) == 0 {
			n.untabledLine = s.src.Line
		}
		n.untabled = append(n.untabled, s.item)
		return true
	}
	if code == "" {
		n.issue("unread", fmt.Sprintf("narrative item %d %s: %s; kept as %s", s.item, s.name, why, s.key), s.src.Line)
		return true
	}
	s.key = code
	return true
}

// errNoFunctionTable is why items below the class level cannot be keyed without tables.
const errNoFunctionTable = "no function table was read to match the names below the class"

func (n *narrator) subjectCode(parts []string) (string, string) {
	if len(parts) == 0 {
		return "", "no subject name"
	}
	code := n.classCode(parts[0])
	if code == "" {
		return "", fmt.Sprintf("no function class named %s", parts[0])
	}
	kids, nrows := n.subjectKids()
	for i, p := range parts[1:] {
		if nrows == 0 {
			return "", errNoFunctionTable
		}
		level := []string{"款", "项"}[min(i, 1)]
		var found []string
		want := subjectKey(p)
		for _, k := range kids[code] {
			if k.key == want && !contains(found, k.code) {
				found = append(found, k.code)
			}
		}
		switch len(found) {
		case 0:
			return "", fmt.Sprintf("no %s named %s under %s in the function tables", level, p, code)
		case 1:
			code = found[0]
		default:
			return "", fmt.Sprintf("%s %s matches %s", level, p, strings.Join(found, ", "))
		}
	}
	return code, ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// subjectKid is a function-table row under the code two digits shorter, with its name's key.
type subjectKid struct{ code, key string }

// subjectKids indexes the rows of the function tables by the code two digits shorter, in table
// and row order, once per document; nrows counts the rows.
func (n *narrator) subjectKids() (kids map[string][]subjectKid, nrows int) {
	if n.kids == nil {
		n.kids = map[string][]subjectKid{}
		keys := map[string]string{}
		for _, t := range n.functionTables() {
			n.nrows += len(t.Rows)
			for _, r := range t.Rows {
				if len(r.Code) < 5 {
					continue
				}
				k, ok := keys[r.Name]
				if !ok {
					k = subjectKey(r.Name)
					keys[r.Name] = k
				}
				parent := r.Code[:len(r.Code)-2]
				n.kids[parent] = append(n.kids[parent], subjectKid{r.Code, k})
			}
		}
	}
	return n.kids, n.nrows
}

// subjectKey folds what does not tell two subject names apart: ordinal, bracket width, spaces, quotes.
func subjectKey(s string) string {
	return vocab.NameKey(s)
}

// functionTables are the function-classified tables, expenditure first.
func (n *narrator) functionTables() []*model.Table {
	var tables []*model.Table
	for _, id := range []model.TableID{model.TableExpenditure, model.TableGPBFunction, model.TableIncome} {
		if t := n.doc.Table(id); t != nil {
			tables = append(tables, t)
		}
	}
	return tables
}
