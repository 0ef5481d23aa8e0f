package loader

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Narrative keys beyond the row codes of model.go.
const (
	// RowFiscalAppropriationExp is 财政拨款支出 (预算) stated in the narrative.
	RowFiscalAppropriationExp = "fiscal_appropriation_expenditure"
	// RowFiscalAppropriationTotal is 财政拨款收入支出总计 (决算).
	RowFiscalAppropriationTotal = "fiscal_appropriation_total"
)

// parseNarrative reads the figures stated in the prose (情况说明 / 编制说明): totals, 三公,
// 机关运行经费, procurement and the per-subject item lines, each with the previous-year figure or
// change it states. Items are keyed by the subject codes of the tables already read, when there
// are any; compareNarrative later compares the figures with the tables.
func parseNarrative(doc *Document, lines []Line) {
	n := &narrator{doc: doc, lines: lines}
	for _, p := range buildParagraphs(lines, doc.Format) {
		n.paragraph(p)
	}
	n.finish()
}

// para is one paragraph of prose: its lines joined with whitespace removed, and for every rune
// the input line (index into lines) and byte offset in that line's Text it came from.
type para struct {
	src  []Line
	text []rune
	line []int32 // index in src of each rune's line
	off  []int32 // byte offset of each rune in its line's Text
}

var (
	reHeadingStart = regexp.MustCompile(`^(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+部分)`)
	reItemStart    = regexp.MustCompile(`^\d{1,2}\s*[.、．]\s*\D`)
	reHasAmount    = regexp.MustCompile(`\d\s*(?:万|元|%)`)
	reBullet       = regexp.MustCompile(`^[-*•]\s+`)
)

// proseKind classifies a line: blank, prose, or other (a table row, a leader line, a page number).
func proseKind(l Line) (blank, prose bool) {
	t := strings.TrimSpace(l.Text)
	if t == "" {
		return true, false
	}
	if strings.Contains(l.Raw, "\t") || strings.Contains(t, "   ") || strings.Contains(t, "……") {
		return false, false
	}
	if strings.Trim(t, "0123456789-—. 第页/") == "" {
		return false, false
	}
	return false, true
}

// isHeading reports a short section heading ("二、机关运行经费预算", "(七)政府采购情况").
func isHeading(t string) bool {
	if r, _ := utf8.DecodeRuneInString(t); !strings.ContainsRune("一二三四五六七八九十(（第", r) {
		return false // reHeadingStart cannot match
	}
	return reHeadingStart.MatchString(t) && !reHasAmount.MatchString(t) && len([]rune(t)) <= 40
}

func terminated(t string) bool {
	return strings.HasSuffix(t, "。") || strings.HasSuffix(t, "；") || strings.HasSuffix(t, ";") ||
		strings.HasSuffix(t, "！") || strings.HasSuffix(t, "？")
}

// buildParagraphs joins wrapped prose lines into paragraphs. A paragraph starts at a heading, an
// item number, after a heading, or after a finished sentence followed by a blank line; pdftotext
// also marks a new paragraph by indentation. Table rows end a paragraph.
func buildParagraphs(lines []Line, format Format) []para {
	var out []para
	var cur *para
	prevEnd, prevParen, prevHeading, gap := true, false, false, false
	for i, l := range lines {
		blank, prose := proseKind(l)
		if blank {
			gap = true
			continue
		}
		if !prose {
			cur, prevEnd, prevHeading, gap = nil, true, false, false
			continue
		}
		t := strings.TrimSpace(l.Text)
		if t != "" && (t[0] == '-' || t[0] == '*' || strings.HasPrefix(t, "•")) {
			t = reBullet.ReplaceAllString(t, "")
		}
		head, item := isHeading(t), t != "" && t[0] >= '0' && t[0] <= '9' && reItemStart.MatchString(t)
		indent := len(l.Text) - len(strings.TrimLeftFunc(l.Text, unicode.IsSpace))
		// pdftotext indents a paragraph's first line; a one-space offset inside a sentence is not one
		indented := indent > 1 || (indent == 1 && (prevEnd || gap))
		fresh := cur == nil || head || item || prevHeading || (prevEnd && (gap || format == FormatOCR)) || (prevParen && gap) ||
			(format != FormatOCR && indented)
		if fresh {
			out = append(out, para{src: lines})
			cur = &out[len(out)-1]
		}
		cur.appendLine(l, i, t)
		prevEnd, prevHeading, gap = terminated(t), head, false
		prevParen = strings.HasSuffix(t, "）") || strings.HasSuffix(t, ")")
	}
	for i := range out {
		out[i].foldCommas()
		out[i].joinPairs()
	}
	return out
}

// appendLine adds a line's text without whitespace, folding ASCII punctuation to the Chinese forms
// the scanner expects.
func (p *para) appendLine(l Line, idx int, t string) {
	start := strings.Index(l.Text, t)
	if start < 0 {
		start = 0
	}
	n := utf8.RuneCountInString(t)
	p.text = slices.Grow(p.text, n)
	p.line = slices.Grow(p.line, n)
	p.off = slices.Grow(p.off, n)
	for off, r := range t {
		if unicode.IsSpace(r) {
			continue
		}
		switch r {
		case '(':
			r = '（'
		case ')':
			r = '）'
		case ':':
			r = '：'
		case ';':
			r = '；'
		}
		p.text = append(p.text, r)
		p.line = append(p.line, int32(idx))
		p.off = append(p.off, int32(start+off))
	}
}

// foldCommas turns ASCII commas into "，" except thousands separators ("18,976.76").
func (p *para) foldCommas() {
	isDigit := func(i int) bool { return i >= 0 && i < len(p.text) && p.text[i] >= '0' && p.text[i] <= '9' }
	for i, r := range p.text {
		if r != ',' {
			continue
		}
		if isDigit(i-1) && isDigit(i+1) && isDigit(i+2) && isDigit(i+3) && !isDigit(i+4) {
			continue
		}
		if isDigit(i-1) && isDigit(i+1) {
			p.text[i] = '¦' // a comma between digits that is no thousands separator: unreadable
			continue
		}
		p.text[i] = '，'
	}
}

// joinPairs keeps "收入、支出决算总计" one name: the 、 between 收入 and 支出 is no separator.
func (p *para) joinPairs() {
	for i := 2; i+2 < len(p.text); i++ {
		if p.text[i] == '、' && string(p.text[i-2:i]) == "收入" && string(p.text[i+1:i+3]) == "支出" {
			p.text[i] = '·'
		}
	}
}
