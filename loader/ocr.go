package loader

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The OCR reader handles the Hubei template after OCR: prose as markdown-like bullets, tables as
// tab-separated rows, tables in 万元 and procurement in 元. Tables are found by title, or by their
// header when the title was not recognised; columns are mapped by aligning the printed header with
// the template's column order, so look-alike characters (亦计 for 小计) still find their column.

// Section kinds besides the standard tables.
const (
	ocrTargetDept    model.TableID = "target_department" // 部门整体支出绩效目标申报表
	ocrTargetProject model.TableID = "target_project"    // 项目支出绩效目标申报表
)

// ocrTitles maps a title with spaces and quotes removed to its table.
var ocrTitles = map[string]model.TableID{
	"收支总表": model.TableSummary, "部门收支总表": model.TableSummary, "收支预算总表": model.TableSummary, "部门收支预算总表": model.TableSummary,
	"收入总表": model.TableIncome, "部门收入总表": model.TableIncome, "收入预算总表": model.TableIncome,
	"支出总表": model.TableExpenditure, "部门支出总表": model.TableExpenditure, "支出预算总表": model.TableExpenditure,
	"财政拨款收支总表": model.TableAppropriation, "财政拨款收支预算总表": model.TableAppropriation,
	"一般公共预算支出表": model.TableGPBFunction, "一般公共预算支出预算表": model.TableGPBFunction,
	"一般公共预算基本支出表": model.TableGPBEconomic, "一般公共预算三公经费支出表": model.TableSangong, "三公经费支出表": model.TableSangong,
	"政府性基金预算支出表": model.TableGovFund, "国有资本经营预算支出表": model.TableStateCapital,
	"项目支出表": model.TableProject, "政府采购预算表": model.TableProcurement,
	"部门整体支出绩效目标申报表": ocrTargetDept, "项目支出绩效目标申报表": ocrTargetProject,
}

var (
	reTitlePrefix  = regexp.MustCompile(`^(?:附表\d+(?:-\d+)?|(?:19|20)\d\d年度?)`)
	ocrPartHeading = regexp.MustCompile(`^第[一二三四五六七八九十]+部分`)
)

// ocrRow is one line split into its tab-separated cells (normalised, trimmed).
type ocrRow struct {
	line  text.Line
	cells []string
}

// ocrSection is a table or form: its title line and the rows up to the next section.
type ocrSection struct {
	id    model.TableID
	title text.Line
	rows  []ocrRow
}

// ocrParser holds the document being filled and what the stages share.
type ocrParser struct {
	doc      *model.Document
	lines    []text.Line
	perf     []text.Line      // lines of the performance part (第四部分 预算绩效情况)
	perfProj []ocrPerfProject // projects named in the performance part
	twoDec   bool             // 万元 cells are printed with two decimals
}

// parseOCR reads the tables, projects, procurement, targets, staffing and units of an OCR text.
func parseOCR(doc *model.Document, lines []text.Line) error {
	lines = ocrUnpaged(lines)
	secs := ocrSections(lines)
	p := &ocrParser{doc: doc, lines: lines, twoDec: ocrTwoDecimals(secs)}
	p.perf = ocrPerfPart(lines)
	p.perfProj = ocrPerfProjects(p.perf)
	// The income table is read first: its units name the unit rows of the project table.
	var income *ocrSection
	for _, s := range secs {
		if s.id == model.TableIncome {
			income = s
			p.addTable(p.readTable(s))
			break
		}
	}
	for _, s := range secs {
		if s != income {
			p.addTable(p.readOnce(s))
		}
	}
	sort.SliceStable(doc.Tables, func(i, j int) bool { return doc.Tables[i].Source.Line < doc.Tables[j].Source.Line })
	p.readTargets(secs)
	p.readStaffing()
	p.readRegionCode()
	return nil
}

// ocrUnpaged returns the lines with page 0 (unknown) when the text has no form feeds: OCR output
// usually loses the page breaks, and "page 1" for every line would be wrong.
func ocrUnpaged(lines []text.Line) []text.Line {
	for _, l := range lines {
		if l.Page > 1 {
			return lines
		}
	}
	out := make([]text.Line, len(lines))
	copy(out, lines)
	for i := range out {
		out[i].Page = 0
	}
	return out
}

// readTable reads a section with its table's reader; it returns nil for forms and unread tables.
func (p *ocrParser) readTable(s *ocrSection) *model.Table {
	switch s.id {
	case model.TableSummary:
		return p.readSummary(s)
	case model.TableAppropriation:
		return p.readAppropriation(s)
	case model.TableIncome:
		return p.readIncome(s)
	case model.TableExpenditure, model.TableGPBFunction, model.TableGPBEconomic, model.TableGovFund, model.TableStateCapital:
		return p.readSubjectTable(s)
	case model.TableSangong:
		return p.readSangong(s)
	case model.TableProject:
		return p.readProjects(s)
	case model.TableProcurement:
		return p.readProcurement(s)
	}
	return nil
}

// readOnce reads a section; a second copy of a table is read for comparison only, leaving no
// projects, items, units or issues behind.
func (p *ocrParser) readOnce(s *ocrSection) *model.Table {
	if p.doc.Table(s.id) == nil {
		return p.readTable(s)
	}
	d := p.doc
	np, ni, nu, nis := len(d.Projects), len(d.Procurement), len(d.Units), len(d.Issues)
	t := p.readTable(s)
	d.Projects, d.Procurement, d.Units, d.Issues = d.Projects[:np], d.Procurement[:ni], d.Units[:nu], d.Issues[:nis]
	return t
}

// addTable appends a table unless it is nil; see the package-level addTable.
func (p *ocrParser) addTable(t *model.Table) {
	if t != nil {
		addTable(p.doc, t)
	}
}

// ocrSections splits the text into titled sections. A title is a whole line naming a table; a
// project table whose title was lost starts at its header (项目编码 … 项目名称).
func ocrSections(lines []text.Line) []*ocrSection {
	var secs []*ocrSection
	var cur *ocrSection
	for _, l := range lines {
		if id, ok := ocrTitleOf(l); ok {
			cur = &ocrSection{id: id, title: l}
			secs = append(secs, cur)
			continue
		}
		if ocrPartHeading.MatchString(strings.TrimSpace(l.Text)) {
			cur = nil
			continue
		}
		row := ocrRow{line: l, cells: ocrSplit(l.Text)}
		if ocrIsProjectHeader(row.cells) && (cur == nil || cur.id != model.TableProject) {
			cur = &ocrSection{id: model.TableProject, title: l}
			secs = append(secs, cur)
		}
		if cur != nil {
			cur.rows = append(cur.rows, row)
		}
	}
	return secs
}

// ocrTitleOf reports whether a line is a table title.
func ocrTitleOf(l text.Line) (model.TableID, bool) {
	t := strings.TrimSpace(l.Text)
	if t == "" || strings.HasPrefix(t, "-") {
		return "", false
	}
	key := ocrSqueeze(t)
	if strings.ContainsAny(key, "\"“”'") { // the replacer copies even when nothing matches
		key = ocrQuotes.Replace(key)
	}
	if strings.HasPrefix(key, "附表") || strings.HasPrefix(key, "19") || strings.HasPrefix(key, "20") {
		key = reTitlePrefix.ReplaceAllString(key, "")
	}
	if id, ok := ocrTitles[key]; ok {
		return id, true
	}
	return ocrFuzzyTitle(key)
}

var ocrQuotes = strings.NewReplacer(`"`, "", "“", "", "”", "", "'", "")

// ocrMinTitleSim is the least similarity of a damaged title ("收入总衰") to a known one.
const ocrMinTitleSim = 0.85

// ocrFuzzyTitle matches a line that differs from one known title by an OCR'd character or so:
// same length within one character, the best similarity, and no other title as close.
func ocrFuzzyTitle(key string) (model.TableID, bool) {
	n := utf8.RuneCountInString(key)
	if n < 4 || n > 16 || strings.ContainsAny(key, "0123456789,，。:：") {
		return "", false
	}
	keyRunes := ocrKeyRunes(key)
	titleKeys := ocrTitleKeys()
	best, second := 0.0, 0.0
	var id model.TableID
	for title, tid := range ocrTitles {
		tk := titleKeys[title]
		if d := tk.n - n; d < -1 || d > 1 {
			continue
		}
		v := ocrSimKeys(keyRunes, tk.key)
		switch {
		case v > best && tid != id:
			best, second, id = v, best, tid
		case v > best:
			best = v
		case v > second && tid != id:
			second = v
		}
	}
	min := ocrMinTitleSim
	if n == 4 {
		min = 0.75 // one character of four
	}
	return id, best >= min && best > second
}

// ocrTitleKey is a known title's rune count and ocrSim key.
type ocrTitleKey struct {
	n   int
	key []rune
}

// ocrTitleKeys returns the ocrTitleKey of every ocrTitles title, built once.
var ocrTitleKeys = sync.OnceValue(func() map[string]ocrTitleKey {
	m := make(map[string]ocrTitleKey, len(ocrTitles))
	for title := range ocrTitles {
		m[title] = ocrTitleKey{n: utf8.RuneCountInString(title), key: ocrKeyRunes(title)}
	}
	return m
})

func ocrIsProjectHeader(cells []string) bool {
	var code, name bool
	for _, c := range cells {
		switch ocrSqueeze(c) {
		case "项目编码":
			code = true
		case "项目名称":
			name = true
		}
	}
	return code && name
}

// ocrSplit splits a line at tabs and trims each cell.
func ocrSplit(s string) []string {
	cells := strings.Split(s, "\t")
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	return cells
}

// mayHoldSpace reports whether s may hold a rune unicode.IsSpace accepts or invalid UTF-8 (which
// strings.Map rewrites): every such space is ASCII, has UTF-8 lead byte C2, E1 or E2, or is U+3000.
func mayHoldSpace(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\t', '\n', '\v', '\f', '\r', ' ', 0xC2, 0xE1, 0xE2:
			return true
		case 0xE3: // U+3000 only; the rest of E3 is CJK punctuation and letters
			if i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x80 {
				return true
			}
		}
	}
	return !utf8.ValidString(s)
}

// ocrSqueeze removes all white space.
func ocrSqueeze(s string) string {
	if !mayHoldSpace(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// ocrJoin removes the spaces OCR puts inside wrapped Chinese text, keeping those between ASCII
// words ("IPV6 地址" -> "IPV6地址", "OA 系统" -> "OA系统", "A B" stays).
func ocrJoin(s string) string {
	rs := []rune(strings.Join(strings.Fields(s), " "))
	var b strings.Builder
	for i, r := range rs {
		if r == ' ' && i > 0 && i+1 < len(rs) && !(ocrASCIIWord(rs[i-1]) && ocrASCIIWord(rs[i+1])) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func ocrASCIIWord(r rune) bool {
	return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

func ocrHasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// ocrSource builds the Source of a row printed on a line.
func ocrSource(t model.TableID, l text.Line) model.Source {
	return model.Source{Table: t, Page: l.Page, Line: l.No, Text: l.Raw}
}

// issue records something read in part or left out.
func (p *ocrParser) issue(kind model.IssueKind, line int, format string, args ...any) {
	p.doc.Issues = append(p.doc.Issues, model.Issue{Kind: kind, Line: line, Detail: fmt.Sprintf(format, args...)})
}
