package narrative

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// mention is one amount or percentage printed in a paragraph.
type mention struct {
	start, end int    // rune span in the paragraph, unit included
	num        string // the number as printed
	unit       string // 万元, 万, 元 or %
	decimals   int    // digits after the decimal point
	value      decimal.Decimal
}

func (m mention) money() bool { return m.unit != "%" }

// amount is the mention in yuan, with the printed text and unit.
func (m mention) amount() model.Amount {
	unit := model.Yuan
	if strings.HasPrefix(m.unit, "万") {
		unit = model.TenThous
	}
	return model.Amount{Yuan: text.ToYuan(m.value, unit), Printed: m.num, Unit: unit, Status: model.StatusReported}
}

func isDigitRune(r rune) bool { return r >= '0' && r <= '9' }

// scanMentions finds every number followed by a money unit or a percent sign. A number glued to
// an unreadable comma ("8¦27万元") is reported through bad and not returned.
func (p *para) scanMentions() (out []mention, bad []int) {
	t := p.text
	for i := 0; i < len(t); i++ {
		if !isDigitRune(t[i]) || (i > 0 && (isDigitRune(t[i-1]) || t[i-1] == '.' || t[i-1] == ',')) {
			continue
		}
		j := i
		for j < len(t) && (isDigitRune(t[j]) || (t[j] == ',' && j+3 < len(t) && isDigitRune(t[j+1]))) {
			j++
		}
		dec := 0
		if j+1 < len(t) && t[j] == '.' && isDigitRune(t[j+1]) {
			j++
			for j < len(t) && isDigitRune(t[j]) {
				j, dec = j+1, dec+1
			}
		}
		unit := unitAt(t, j)
		if unit == "" {
			i = j
			continue
		}
		if (i > 0 && t[i-1] == '¦') || (j < len(t) && t[j] == '¦') {
			bad = append(bad, i)
			i = j
			continue
		}
		num := p.sub(i, j)
		if strings.IndexByte(num, ',') >= 0 {
			num = strings.ReplaceAll(num, ",", "")
		}
		v, err := decimal.NewFromString(num)
		if err == nil {
			out = append(out, mention{start: i, end: j + utf8.RuneCountInString(unit), num: p.printed(i, j),
				unit: unit, decimals: dec, value: v})
		}
		i = j
	}
	return out, bad
}

// unitAt returns the money unit or percent sign at rune j: 万元, 万, 元 or %. 万 before 人, 平 or
// 亿 is no money unit.
func unitAt(t []rune, j int) string {
	if j >= len(t) {
		return ""
	}
	switch t[j] {
	case '万':
		if j+1 < len(t) {
			switch t[j+1] {
			case '元':
				return "万元"
			case '人', '平', '亿':
				return ""
			}
		}
		return "万"
	case '元':
		return "元"
	case '%':
		return "%"
	}
	return ""
}

// printed returns the text of runes [a,b) as printed in the lines (spaces kept, lines joined).
func (p *para) printed(a, b int) string {
	if p.src == nil || a >= b {
		return p.sub(a, b)
	}
	var sb strings.Builder
	for k := p.spanOf(a); a < b; k++ {
		j := b - 1 // last rune of this line's piece
		if k+1 < len(p.spans) {
			j = min(j, int(p.spans[k+1].first)-1)
		}
		if j < a {
			continue // a line that added no runes
		}
		t := p.src[p.spans[k].line].Text
		from, last := p.offsOf(k, a, j)
		end := last + utf8.RuneLen(p.text[j])
		if from <= end && end <= len(t) {
			sb.WriteString(t[from:end])
		} else {
			sb.WriteString(p.sub(a, j+1))
		}
		a = j + 1
	}
	return sb.String()
}

// separators marks the clause boundaries of a paragraph: Chinese punctuation, and the brackets of
// a parenthesis that holds amounts. Punctuation inside a parenthesis without amounts
// ("比2022年（上一年度，下同）预算") does not end a clause.
// inside marks the runes of a parenthesis that holds amounts.
func (p *para) separators(ms []mention) (sep, inside []bool) {
	sep, inside = make([]bool, len(p.text)), make([]bool, len(p.text))
	for i, r := range p.text {
		switch r {
		case '，', '。', '；', '：', '、', '！', '？':
			sep[i] = true
		}
	}
	var open []int
	for j, r := range p.text {
		switch {
		case r == '（':
			open = append(open, j)
		case r == '）' && len(open) > 0:
			i := open[len(open)-1]
			open = open[:len(open)-1]
			if mentionIn(ms, i, j) {
				sep[i], sep[j] = true, true
				for k := i; k <= j; k++ {
					inside[k] = true
				}
				continue
			}
			for k := i; k <= j; k++ {
				sep[k] = false
			}
		}
	}
	return sep, inside
}

// mentionIn reports a mention starting inside (a,b); ms is in text order.
func mentionIn(ms []mention, a, b int) bool {
	i := sort.Search(len(ms), func(i int) bool { return ms[i].start > a })
	return i < len(ms) && ms[i].start < b
}

// clause is a span of a paragraph between separators, with the mentions inside it; paren marks a
// clause inside a parenthesis that holds amounts.
type clause struct {
	a, b     int
	mentions []mention
	paren    bool
}

func (p *para) clauses() ([]clause, []int) {
	ms, bad := p.scanMentions()
	sep, inside := p.separators(ms)
	n := 1
	for _, s := range sep {
		if s {
			n++
		}
	}
	out := make([]clause, 0, n)
	a, k := 0, 0
	for i := 0; i <= len(p.text); i++ {
		if i < len(p.text) && !sep[i] {
			continue
		}
		for k < len(ms) && ms[k].start < a {
			k++
		}
		if i > a {
			c := clause{a: a, b: i, paren: inside[a]}
			k0 := k
			for k < len(ms) && ms[k].start < i {
				k++
			}
			if k > k0 {
				c.mentions = ms[k0:k:k] // read only; the cap keeps an append from reaching ms
			}
			out = append(out, c)
		}
		a = i + 1
	}
	return out, bad
}

// labelText removes bracketed remarks, stray brackets and quotes from a label.
func labelText(s string) string {
	t, _ := labelTextMap(s)
	return t
}

// labelTextMap is labelText with, for every byte of the result plus its end, the byte offset in
// s it came from, so that a match can be given back as printed.
func labelTextMap(s string) (string, []int) {
	var b strings.Builder
	b.Grow(len(s))
	from := make([]int, 0, len(s)+1)
	depth := 0
	for i, r := range s {
		switch r {
		case '（':
			depth++
		case '）':
			if depth > 0 {
				depth--
			}
		case '“', '”', '"', '「', '」', '‘', '’', '\'', '·':
		default:
			if depth == 0 {
				b.WriteRune(r)
				for k := 0; k < len(string(r)); k++ {
					from = append(from, i+k)
				}
			}
		}
	}
	return b.String(), append(from, len(s))
}
