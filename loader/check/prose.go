package check

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// prose is the document's running text outside its tables: lines joined across their breaks with
// the spaces pdftotext sets between characters removed, a "\n" where a heading starts, and each
// byte mapped back to its line. Blank lines are no breaks: page layout leaves them inside
// sentences.
type prose struct {
	text     string
	starts   []int // where each piece of text starts
	lines    []int // the input line of each piece
	sections []int // where each top-level section (一、二、…) starts
}

// reHeading starts a heading: 一、 （二） 3. 第四部分.
var reHeading = regexp.MustCompile(`^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[、．]|\d+\.[^\d]|第[一二三四五六七八九十]+部分)`)

// newProse joins the lines that lie outside every table read.
func newProse(doc *model.Document, lines []text.Line) *prose {
	inTable := tableLines(doc)
	var b strings.Builder
	p := &prose{}
	add := func(s string, line int) {
		p.starts, p.lines = append(p.starts, b.Len()), append(p.lines, line)
		b.WriteString(s)
	}
	brk := true
	for _, l := range lines {
		if inTable[l.No] {
			continue
		}
		t := compactText(l.Text)
		if t == "" {
			continue
		}
		if isHeading(t) {
			if !brk {
				add("\n", l.No)
			}
			if reTopHeading.MatchString(t) {
				p.sections = append(p.sections, b.Len())
			}
		}
		add(t, l.No)
		brk = false
	}
	p.text = b.String()
	return p
}

// compactText is the text without its spaces.
func compactText(s string) string {
	if !strings.ContainsAny(s, " \t") {
		return strings.TrimSpace(s)
	}
	return strings.Join(strings.Fields(s), "")
}

// isHeading reports a line that starts a heading (reHeading), looking at its first rune first.
func isHeading(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	if !strings.ContainsRune("一二三四五六七八九十（(第0123456789", r) {
		return false
	}
	return reHeading.MatchString(t)
}

// tableLines marks the lines of every table read, from its title to its last row.
func tableLines(doc *model.Document) map[int]bool {
	out := map[int]bool{}
	for _, t := range doc.Tables {
		last := t.Source.Line
		for _, r := range t.Rows {
			last = max(last, r.Source.Line)
		}
		for l := t.Source.Line; l <= last && t.Source.Line > 0; l++ {
			out[l] = true
		}
	}
	return out
}

// line is the input line of byte i of the text.
func (p *prose) line(i int) int {
	k, found := slices.BinarySearch(p.starts, i)
	if !found {
		k--
	}
	if k < 0 || k >= len(p.lines) {
		return 0
	}
	return p.lines[k]
}

// sentenceStart is the position after the last 。 or paragraph break before i.
func (p *prose) sentenceStart(i int) int {
	s := p.text[:i]
	return max(strings.LastIndex(s, "。")+len("。"), strings.LastIndex(s, "\n")+1, 0)
}

// sectionStart is the start of the top-level section (一、二、…) holding byte i.
func (p *prose) sectionStart(i int) int {
	k, _ := slices.BinarySearch(p.sections, i)
	if k == 0 {
		return 0
	}
	return p.sections[k-1]
}

var reTopHeading = regexp.MustCompile(`^([一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分)`)

// amount is a figure stated in the prose.
type amount struct {
	printed string
	yuan    decimal.Decimal
	at      int // byte offset in the prose
	unit    model.Unit
}

// num is a number as printed in prose: 2,940.05 or 0.95.
const num = `(-?\d[\d,]*(?:\.\d+)?)`

var reAmount = regexp.MustCompile(num + `(万元|元)`)

// amountsIn lists the figures (in 万元 or 元) stated in text[from:to].
func (p *prose) amountsIn(from, to int) []amount {
	var out []amount
	for _, m := range reAmount.FindAllStringSubmatchIndex(p.text[from:to], -1) {
		a, ok := p.amountAt(from+m[2], from+m[3], from+m[4], from+m[5])
		if ok {
			out = append(out, a)
		}
	}
	return out
}

// amountAt reads the number at text[ns:ne] with its unit at text[us:ue].
func (p *prose) amountAt(ns, ne, us, ue int) (amount, bool) {
	unit := model.Yuan
	if p.text[us:ue] == "万元" {
		unit = model.TenThous
	}
	a, err := text.ParseAmount(p.text[ns:ne], unit)
	if err != nil || a.IsBlank() {
		return amount{}, false
	}
	return amount{printed: p.text[ns:ne], yuan: a.Yuan, at: ns, unit: unit}, true
}
