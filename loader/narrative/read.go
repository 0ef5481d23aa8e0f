// Package narrative reads the figures a disclosure states in its prose (情况说明, 编制说明,
// 预算公开说明): totals, 财政拨款, 三公, 机关运行经费, procurement, basic and project expenditure,
// the per-subject item lines, each with the previous-year figure or change it states; and
// compares them with the tables read from the same document. The labels it knows are data in
// loader/vocab (narrative.go).
package narrative

import (
	"budgetql/loader/grid"
	"budgetql/loader/model"
	"budgetql/loader/text"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Read reads the figures stated in the prose (情况说明 / 编制说明): totals, 三公, 机关运行经费,
// procurement and the per-subject item lines, each with the previous-year figure or change it
// states, and the staffing counts (编制, 实有人员) unless another reader read them. Items are keyed
// by the subject codes of the tables already read, when there are any; Compare later compares the
// figures with the tables. Read appends to doc.Narrative, doc.Staffing and doc.Issues. Lines
// marked as page furniture (page numbers, running headers) are skipped: a sentence goes on
// across them.
func Read(doc *model.Document, lines []grid.Line) {
	n := &narrator{doc: doc, lines: lines}
	if len(doc.Staffing) == 0 {
		n.staffSeen = map[string]bool{} // no other reader read the staffing
	}
	for _, p := range buildParagraphs(lines, doc.Format) {
		n.paragraph(p)
	}
	n.finish()
}

// para is one paragraph of prose: its lines joined with whitespace removed, and for each line
// the rune where it starts, so that every rune can be traced to its line and byte offset.
type para struct {
	src   []grid.Line
	text  []rune
	spans []span  // one per line, in order
	str   string  // text as a string, set by seal
	at    []int32 // byte offset in str of each rune, and len(str) at the end
}

// span is one line's part of a paragraph.
type span struct {
	first int32  // index in text of the line's first rune
	line  int32  // index in src
	start int32  // byte offset of t in the line's Text
	t     string // the line's text as appended (trimmed)
}

// sealAll sets every paragraph's str and at once its runes are final, so that spans are read
// without a conversion. All paragraphs share one string and one offset array.
func sealAll(ps []para) {
	runes, size := 0, 0
	for _, p := range ps {
		runes += len(p.text) + 1
		for _, r := range p.text {
			size += utf8.RuneLen(r)
		}
	}
	at := make([]int32, runes)
	var b strings.Builder
	b.Grow(size)
	ends := make([]int, len(ps))
	for k := range ps {
		p, from := &ps[k], b.Len()
		for i, r := range p.text {
			at[i] = int32(b.Len() - from)
			b.WriteRune(r)
		}
		at[len(p.text)] = int32(b.Len() - from)
		p.at, at, ends[k] = at[:len(p.text)+1:len(p.text)+1], at[len(p.text)+1:], b.Len()
	}
	all, from := b.String(), 0
	for k := range ps {
		ps[k].str, from = all[from:ends[k]], ends[k]
	}
}

// sub is string(p.text[a:b]) without allocating.
func (p *para) sub(a, b int) string { return p.str[p.at[a]:p.at[b]] }

// spanOf returns the index of the span holding rune pos.
func (p *para) spanOf(pos int) int {
	return sort.Search(len(p.spans), func(k int) bool { return int(p.spans[k].first) > pos }) - 1
}

// lineOf returns the index in src of the line rune pos came from.
func (p *para) lineOf(pos int) int { return int(p.spans[p.spanOf(pos)].line) }

// offsOf returns the byte offsets, in their line's Text, of runes a and b (a <= b) of span k.
func (p *para) offsOf(k, a, b int) (offA, offB int) {
	s := p.spans[k]
	offA, offB = int(s.start)+len(s.t), int(s.start)+len(s.t)
	n := int(s.first)
	for off, r := range s.t {
		if unicode.IsSpace(r) {
			continue
		}
		if n == a {
			offA = int(s.start) + off
		}
		if n == b {
			offB = int(s.start) + off
			break
		}
		n++
	}
	return offA, offB
}

var (
	reHeadingStart = regexp.MustCompile(`^(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+部分)`)
	reItemStart    = regexp.MustCompile(`^\d{1,2}\s*[.、．]\s*\D`)
	reHasAmount    = regexp.MustCompile(`\d\s*(?:万|元|%)`)
	reBullet       = regexp.MustCompile(`^[-*•]\s+`)
)

// proseKind classifies a line: blank, prose, or other (a table row, a leader line, a page number).
func proseKind(l text.Line) (blank, prose bool) {
	t := strings.TrimSpace(l.Text)
	if t == "" {
		return true, false
	}
	if strings.Contains(l.Raw, "\t") || hasColumnGap(t) || strings.Contains(t, "……") {
		return false, false
	}
	if strings.Trim(t, "0123456789-—. 第页/") == "" && !pushedDecimals(t) {
		return false, false
	}
	return false, true
}

// hasColumnGap reports a run of three spaces or more between cells: not one before the decimals
// that pdftotext pushed away from their integer part ("7,686       .68 万元").
func hasColumnGap(t string) bool {
	for from := 0; ; {
		i := strings.Index(t[from:], "   ")
		if i < 0 {
			return false
		}
		j := from + i
		for j < len(t) && t[j] == ' ' {
			j++
		}
		if !pushedDecimals(t[j:]) {
			return true
		}
		from = j
	}
}

// pushedDecimals reports text that starts with the decimals of a number printed before it: ".64万元".
func pushedDecimals(t string) bool { return len(t) > 1 && t[0] == '.' && t[1] >= '0' && t[1] <= '9' }

// isHeading reports a short section heading ("二、机关运行经费预算", "(七)政府采购情况"); not a
// line that ends in a number going on on the next line ("（一）收入预算：2026年年初预算数174,900").
func isHeading(t string) bool {
	if r, _ := utf8.DecodeRuneInString(t); !strings.ContainsRune("一二三四五六七八九十(（第", r) {
		return false // reHeadingStart cannot match
	}
	if last := t[len(t)-1]; last >= '0' && last <= '9' || utf8.RuneCountInString(t) > 40 {
		return false
	}
	return reHeadingStart.MatchString(t) && !reHasAmount.MatchString(t)
}

func terminated(t string) bool {
	return strings.HasSuffix(t, "。") || strings.HasSuffix(t, "；") || strings.HasSuffix(t, ";") ||
		strings.HasSuffix(t, "！") || strings.HasSuffix(t, "？")
}

// buildParagraphs joins wrapped prose lines into paragraphs. A paragraph starts at a heading, an
// item number, after a heading, or after a finished sentence followed by a blank line; pdftotext
// also marks a new paragraph by indentation. Table rows end a paragraph.
func buildParagraphs(lines []grid.Line, format model.Format) []para {
	members := make([]span, 0, len(lines)) // line index and text of each prose line, by paragraph
	var starts []int                       // index in members where each paragraph starts
	open := false
	prevEnd, prevParen, prevHeading, gap := true, false, false, false
	prevIndent := 0
	for i, l := range lines {
		if l.Furniture {
			continue
		}
		blank, prose := proseKind(l.Line)
		if blank {
			gap = true
			continue
		}
		if !prose {
			open, prevEnd, prevHeading, gap = false, true, false, false
			continue
		}
		t := strings.TrimSpace(l.Text)
		if t != "" && (t[0] == '-' || t[0] == '*' || strings.HasPrefix(t, "•")) {
			t = reBullet.ReplaceAllString(t, "")
		}
		head, item := isHeading(t), t != "" && t[0] >= '0' && t[0] <= '9' && reItemStart.MatchString(t)
		indent := len(l.Text) - len(strings.TrimLeftFunc(l.Text, unicode.IsSpace))
		// pdftotext indents a paragraph's first line; a one-space offset inside a sentence is not
		// one, nor is a sentence going on at the indentation of the line before or left of it
		// (pages whose every line is indented)
		indented := indent > 1 || (indent == 1 && (prevEnd || gap))
		if open && ((!prevEnd && indent <= prevIndent) || pushedDecimals(t)) {
			indented = false
		}
		fresh := !open || head || item || prevHeading || (prevEnd && (gap || format == model.FormatOCR)) || (prevParen && gap) ||
			(format != model.FormatOCR && indented)
		if fresh {
			starts, open = append(starts, len(members)), true
		}
		members = append(members, span{line: int32(i), t: t})
		prevEnd, prevHeading, gap, prevIndent = terminated(t), head, false, indent
		prevParen = strings.HasSuffix(t, "）") || strings.HasSuffix(t, ")")
	}
	est := 16
	for _, m := range members {
		est += len(m.t) / 2 // a rune of Chinese text takes 3 bytes; ASCII may outgrow the estimate
	}
	free := make([]rune, 0, est) // the paragraphs' runes, one after another
	out := make([]para, len(starts))
	for k, a := range starts {
		b := len(members)
		if k+1 < len(starts) {
			b = starts[k+1]
		}
		out[k] = newPara(lines, members[a:b:b], free)
		if n := len(out[k].text); n <= cap(free) {
			free = free[n:n] // the paragraph stayed in the shared array
		}
	}
	sealAll(out)
	return out
}

// newPara joins a paragraph's lines into the free space of buf (or a new array when it does not
// fit); spans hold each line's index and text.
func newPara(lines []grid.Line, spans []span, buf []rune) para {
	p := para{src: lines, text: buf[:0], spans: spans}
	for k := range spans {
		p.appendLine(&spans[k])
	}
	p.text = p.text[:len(p.text):len(p.text)]
	p.foldCommas()
	p.joinPairs()
	return p
}

// appendLine adds a line's text without whitespace, folding ASCII punctuation to the Chinese forms
// the scanner expects, and records where the line starts.
func (p *para) appendLine(s *span) {
	l := p.src[s.line]
	start := strings.Index(l.Text, s.t)
	if start < 0 {
		start = 0
	}
	s.first, s.start = int32(len(p.text)), int32(start)
	for _, r := range s.t {
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

// joinPairs keeps "收入、支出决算总计" and "收、支预算总计" one name: the 、 between 收入 and 支出
// is no separator.
func (p *para) joinPairs() {
	for i := 1; i+1 < len(p.text); i++ {
		if p.text[i] != '、' {
			continue
		}
		full := i >= 2 && i+2 < len(p.text) && p.text[i-2] == '收' && p.text[i-1] == '入' && p.text[i+1] == '支' && p.text[i+2] == '出'
		short := p.text[i-1] == '收' && p.text[i+1] == '支'
		if full || short {
			p.text[i] = '·'
		}
	}
}
