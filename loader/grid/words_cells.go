package grid

import (
	"math"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"budgetql/loader/model"
	"budgetql/loader/text"
)

// token is a word, or the joined pieces of a number, with its box.
type token struct {
	text string
	box  model.Box
}

func (t token) right() int { return t.box.Left + t.box.Width }

// Gaps, in character heights: words closer than tightGap are one text (Chinese characters, a
// number inside a sentence); closer than cellGap, words of one cell; wider, separate cells. The
// pieces of a number closer than numberGap are one number.
const (
	tightGap  = 0.4
	cellGap   = 1.2
	numberGap = 1.0
)

// renderRow makes the grid line of one printed row, numbered no, and the boxes of its cells.
func renderRow(words []Word, no, margin int, m metrics) (Line, []CellBox) {
	m.charH = max(m.charH, rowCharHeight(words))
	cells := joinCells(dropSpecks(groupPoints(joinNumbers(tokens(words), m), m.prec), m), m)
	var b strings.Builder
	cur := 0
	boxes := make([]CellBox, 0, len(cells))
	out := Line{Cells: make([]Cell, 0, len(cells))}
	for i, c := range cells {
		c.text = fixMisreadings(c.text)
		x := max(0, int(math.Round(float64(c.box.Left-margin)/m.col)))
		if i > 0 && x < cur+2 {
			x = cur + 2
		}
		b.WriteString(strings.Repeat(" ", x-cur))
		b.WriteString(c.text)
		cur = x + utf8.RuneCountInString(c.text)
		gc := Cell{Text: c.text, X0: x, X1: cur}
		out.Cells = append(out.Cells, gc)
		boxes = append(boxes, CellBox{Cell: gc, Box: c.box})
	}
	page := 0
	if len(words) > 0 {
		page = words[0].Page
	}
	out.Line = text.Line{No: no, Page: page, Raw: b.String(), Text: b.String()}
	return out, boxes
}

// wordCell is a cell being made of tokens: its text, box and last token.
type wordCell struct {
	text string
	box  model.Box
	last token
}

// joinCells puts a row's tokens into cells, left to right, each token joining the cell before it
// as joinText decides.
func joinCells(toks []token, m metrics) []wordCell {
	var cells []wordCell
	for i, t := range toks {
		if len(cells) == 0 {
			cells = append(cells, wordCell{t.text, t.box, t})
			continue
		}
		c := &cells[len(cells)-1]
		next := ""
		if i+1 < len(toks) {
			next = toks[i+1].text
		}
		joined, ok := joinText(c, t, next, len(cells) == 1, float64(t.box.Left-c.last.right())/m.charH)
		if !ok {
			cells = append(cells, wordCell{t.text, t.box, t})
			continue
		}
		c.text, c.box, c.last = joined, union(c.box, t.box), t
	}
	return cells
}

// joinText is the text of cell c with token t joined to it, gap character heights after it, or
// false when t starts a cell. Chinese text, and numbers in prose (a number its unit follows),
// join without a space; words of one cell with a space; amounts stand alone, as they do in layout
// text. next is the token after t; first says whether c is the row's first cell (an item
// number's).
func joinText(c *wordCell, t token, next string, first bool, gap float64) (string, bool) {
	last := c.last.text
	amountBefore := text.IsPlainAmount(last)
	switch {
	case first && gap < 2.5*cellGap && isItemNumber(c.text) && (startsCJK(t.text) || startsQuote(t.text)):
		return strings.TrimRight(c.text, itemMarks) + ". " + t.text, true
	case gap < tightGap && !(isNumberPart(last) && isNumberPart(t.text)) && !(amountBefore && !startsUnit(t.text)),
		gap < cellGap && amountBefore && startsUnit(t.text),
		gap < cellGap && endsCJK(last) && isNumberPart(t.text) && !endsLabel(last) && startsUnit(next),
		gap < cellGap && endsCJK(last) && startsCJK(t.text),
		gap < cellGap && isYear(last, fixMisreadings(last + t.text)[len(last):]):
		return c.text + t.text, true
	case startsOpenQuote(t.text) && gap >= tightGap:
		// a quoted label ("“公务接待费”") starts a cell unless it follows its words closely
	case gap < cellGap && !amountBefore && !text.IsPlainAmount(t.text), gap < 2.5*cellGap && endsLabel(c.text):
		return c.text + " " + t.text, true
	}
	return "", false
}

// startsUnit reports whether a text starts with what follows a number in prose: a unit or a
// percent sign ("万元", "%", "个"). An amount followed closely by other text is a table's cell
// beside another, where the OCR ran two cells together.
func startsUnit(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("万元亿%个人家辆次项年月日台套名户倍", r)
}

// itemMarks are what the OCR reads for the point after an item's number.
const itemMarks = ".,、，。"

// isItemNumber reports whether a line's first text is the number of an item whose point the OCR
// lost or misread ("1" "一般公共预算资金" is "1. 一般公共预算资金"): one digit, never a code.
func isItemNumber(s string) bool {
	s = strings.TrimRight(s, itemMarks)
	return len(s) == 1 && s[0] >= '1' && s[0] <= '9'
}

// endsLabel reports whether a text ends in a colon, or a semicolon the OCR read for one: a label
// ("单位：", "编制部门：") whose value follows.
func endsLabel(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(":：;；", r)
}

func startsOpenQuote(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == '“' || r == '‘' || r == '「'
}

func startsQuote(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r >= 0x2018 && r <= 0x201f
}

func startsCJK(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isCJK(r)
}

func endsCJK(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return isCJK(r)
}

// rowCharHeight is the height of the Chinese characters of a row (a title prints them larger
// than the body), 0 when it has none.
func rowCharHeight(words []Word) float64 {
	var hs []float64
	for _, w := range words {
		if allCJK(w.Text) {
			hs = append(hs, float64(w.Height))
		}
	}
	return median(hs)
}

// tokens normalises the words of a row (full-width folded, traditional simplified, numbers rid
// of the OCR's doubled punctuation) and splits them at table borders read as "|".
func tokens(words []Word) []token {
	var out []token
	for _, w := range words {
		for _, p := range splitAtBorders(w) {
			t := cleanNumber(text.Normalize(p.Text))
			t = strings.Trim(t, " ")
			if t == "" {
				continue
			}
			out = append(out, token{t, boxOf(p)})
		}
	}
	return out
}

// dropSpecks drops the punctuation read beside a number ("。" "314,218.15"): a number prints none
// but its commas and point, so it is a speck or what is left of a border.
func dropSpecks(toks []token, m metrics) []token {
	out := toks[:0]
	for i, t := range toks {
		near := i > 0 && isNumberPart(toks[i-1].text) || i+1 < len(toks) && isNumberPart(toks[i+1].text)
		if near && isSpeck(t.text) || isPhantom(toks, i, m) {
			continue
		}
		out = append(out, t)
	}
	return out
}

// isPhantom reports whether token i is a character the OCR made of a blot: one character read
// with low confidence, alone in its cell.
func isPhantom(toks []token, i int, m metrics) bool {
	t := toks[i]
	if utf8.RuneCountInString(t.text) != 1 || t.box.Conf >= phantomConf {
		return false
	}
	lonely := func(gap int) bool { return float64(gap) >= cellGap*m.charH }
	return (i == 0 || lonely(t.box.Left-toks[i-1].right())) && (i+1 == len(toks) || lonely(toks[i+1].box.Left-t.right()))
}

// phantomConf is the confidence below which a lone character is taken for a blot.
const phantomConf = 60

// splitAtBorders cuts a word at "|" (a table border the OCR read as a character), dividing its
// box in proportion to the characters.
func splitAtBorders(w Word) []Word {
	if !strings.ContainsAny(w.Text, "|｜") {
		return []Word{w}
	}
	runes := []rune(w.Text)
	var out []Word
	start := 0
	for i := 0; i <= len(runes); i++ {
		if i < len(runes) && runes[i] != '|' && runes[i] != '｜' {
			continue
		}
		if i > start {
			p := w
			p.Left = w.Left + w.Width*start/len(runes)
			p.Width = max(1, w.Width*(i-start)/len(runes))
			p.Text = string(runes[start:i])
			out = append(out, p)
		}
		start = i + 1
	}
	return out
}

// cleanNumber tidies a word that is part of a number: the OCR doubles punctuation ("807,，" is
// "807,") and reads zeros and ones as letters ("1O5", "1l").
func cleanNumber(s string) string {
	if t := trimJunk(s); t != s && isNumberPart(t) {
		s = t
	}
	if !mostlyDigits(s) {
		return s
	}
	s = strings.NewReplacer("O", "0", "o", "0", "l", "1", "I", "1", "，", ",", "。", ".", "．", ".").Replace(s)
	s = reColonPoint.ReplaceAllString(s, "$1.$2")
	s = reColonComma.ReplaceAllString(s, "$1,$2")
	if len(s) > 2 && s[0] == '.' && s[1] >= '0' && s[1] <= '9' && strings.Contains(s, ",") {
		s = s[1:] // a speck read before "1,554,220.00"
	}
	for strings.Contains(s, ",,") || strings.Contains(s, "..") || strings.Contains(s, ",.") || strings.Contains(s, ".,") {
		s = strings.NewReplacer(",,", ",", "..", ".", ",.", ".", ".,", ",").Replace(s)
	}
	return s
}

// trimJunk strips the quotes and specks the OCR read before or after a number's digits ("”3,").
func trimJunk(s string) string {
	const junk = "“”‘’\"'`|‖·。"
	return strings.TrimRight(strings.TrimLeft(s, junk), junk)
}

var (
	reColonPoint = regexp.MustCompile(`(\d)[:;](\d\d)$`)   // "797:42": the point read as a colon
	reColonComma = regexp.MustCompile(`(\d)[:;](\d{3}\b)`) // "3;609,125": a comma read as a semicolon
)

// isSpeck reports whether a word is only punctuation, not a dash: a speck or a border's remains.
func isSpeck(s string) bool {
	if (Cell{Text: s}).IsDash() {
		return false
	}
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

func mostlyDigits(s string) bool {
	d, n := 0, 0
	for _, r := range s {
		n++
		if r >= '0' && r <= '9' {
			d++
		}
	}
	return d > 0 && 2*d >= n
}

// isNumberPart reports whether s is made of digits, commas and points, with a digit.
func isNumberPart(s string) bool {
	s = strings.TrimPrefix(s, "-")
	digit := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digit = true
		case c == ',' || c == '.':
		default:
			return false
		}
	}
	return digit
}

// joinNumbers joins the pieces of numbers the OCR split after a comma or point ("82," "096,"
// "797." "42"). The decimals end a number: digits past them ("0014," after "820.") start the
// next number, whose first piece the OCR glued to them.
func joinNumbers(toks []token, m metrics) []token {
	for i := 0; i+1 < len(toks); i++ { // "797:" "42", "3;" "609,"
		t := toks[i].text
		if (strings.HasSuffix(t, ":") || strings.HasSuffix(t, ";")) && isNumberPart(t[:len(t)-1]) && isNumberPart(toks[i+1].text) {
			toks[i].text = t[:len(t)-1] + misreadMark(toks[i+1].text, m.prec)
		}
	}
	var out []token
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if len(out) == 0 {
			out = append(out, t)
			continue
		}
		c := &out[len(out)-1]
		gap := float64(t.box.Left-c.right()) / m.charH
		if gap >= numberGap || !isNumberPart(c.text) || !isNumberPart(t.text) || !continues(c.text, t.text) {
			out = append(out, t)
			continue
		}
		if strings.HasSuffix(c.text, ".") {
			lead := len(t.text) - len(strings.TrimLeft(t.text, "0123456789"))
			if lead > m.prec && m.prec > 0 {
				head, rest := splitToken(t, m.prec)
				c.text += head.text
				c.box = union(c.box, head.box)
				out = append(out, rest)
				continue
			}
		}
		if missingComma(c.text, t.text) && m.prec > 0 {
			c.text += ","
		}
		c.text += t.text
		c.box = union(c.box, t.box)
	}
	return out
}

var reGroupPoint = regexp.MustCompile(`^-?\d{1,3}(,\d{3})*\.\d{3}$`)

// groupPoints mends, in a document whose amounts are printed whole (prec 0), a comma the OCR
// read as a point: "6,100.000" is "6,100,000".
func groupPoints(toks []token, prec int) []token {
	if prec != 0 {
		return toks
	}
	for i, t := range toks {
		if reGroupPoint.MatchString(t.text) {
			k := strings.LastIndexByte(t.text, '.')
			toks[i].text = t.text[:k] + "," + t.text[k+1:]
		}
	}
	return toks
}

var (
	reLeadingGroup = regexp.MustCompile(`^-?\d{1,3}(,\d{3})*$`)
	reNextGroup    = regexp.MustCompile(`^\d{3}[,.]`)
)

// missingComma reports whether a is the start of a number whose decimals are still to come and b
// goes on with its next group of three digits: the OCR lost the comma between them ("4"
// "213,779.28").
func missingComma(a, b string) bool {
	return reLeadingGroup.MatchString(a) && reNextGroup.MatchString(b)
}

// misreadMark is the point or comma a colon or semicolon stands for before number piece b: the
// point when b is the decimals, else a comma.
func misreadMark(b string, prec int) string {
	if prec > 0 && len(b) == prec && onlyDigits(b) {
		return "."
	}
	return ","
}

// continues reports whether number piece b goes on the number a: a ends in a comma or point,
// or b starts with one.
func continues(a, b string) bool {
	if missingComma(a, b) {
		return true
	}
	if strings.HasSuffix(a, ",") || strings.HasSuffix(a, ".") {
		return !strings.HasPrefix(b, "-")
	}
	if strings.HasPrefix(b, ",") || strings.HasPrefix(b, ".") {
		return !strings.Contains(a, ".")
	}
	return false
}

// splitToken cuts a token after n characters, dividing its box in proportion.
func splitToken(t token, n int) (token, token) {
	k := len(t.text) // ASCII: a number piece
	head, rest := t, t
	head.text, rest.text = t.text[:n], t.text[n:]
	head.box.Width = max(1, t.box.Width*n/k)
	rest.box.Left = t.box.Left + head.box.Width
	rest.box.Width = max(1, t.box.Width-head.box.Width)
	return head, rest
}
