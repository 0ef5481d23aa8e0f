// Package text turns input bytes into lines: decoding (UTF-8, GB18030), width and traditional-character
// folding, pages, and printed numbers and units.
package text

import (
	"budgetql/loader/model"
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
	"github.com/shopspring/decimal"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Line is one line of the input text.
type Line struct {
	No   int    // 1-based line number in the input
	Page int    // 1-based page (form feeds split pages)
	Raw  string // as printed
	Text string // normalised: full-width ASCII folded, traditional characters simplified
}

// ErrEncoding is returned for text that is neither UTF-8 nor GB18030.
var ErrEncoding = errors.New("text is neither UTF-8 nor GB18030")

// DecodeText returns the input as UTF-8, decoding GBK/GB18030 when it is not valid UTF-8.
func DecodeText(data []byte) (string, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if utf8.Valid(data) {
		return string(data), nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || !mostlyCJK(string(out)) {
		return "", ErrEncoding
	}
	return string(out), nil
}

// mostlyCJK reports whether decoded text looks like Chinese rather than bytes decoded by luck: it
// holds Chinese characters and almost no replacement characters.
func mostlyCJK(s string) bool {
	var cjk, bad, all int
	for _, r := range s {
		all++
		switch {
		case r >= 0x4e00 && r <= 0x9fff:
			cjk++
		case r == utf8.RuneError, r >= 0xe000 && r <= 0xf8ff:
			bad++
		}
	}
	return cjk > 0 && bad*1000 <= all
}

var (
	t2sOnce sync.Once
	t2s     *opencc.OpenCC
	t2sErr  error
)

// simplify converts traditional characters to simplified ones. Most lines hold none, so a line is
// only given to OpenCC when one of its characters changes under the conversion on its own.
func simplify(s string) string {
	if !hasNonASCII(s) || !hasTraditional(s) {
		return s
	}
	out, err := t2s.Convert(s)
	if err != nil {
		return s
	}
	return out
}

var (
	tradMu    sync.RWMutex
	tradRunes = map[rune]bool{} // whether a character changes under t2s, learned on first sight
	// tradBMP holds what tradRunes knows of the Basic Multilingual Plane, without hashing:
	// 0 not yet seen, 1 unchanged, 2 converted.
	tradBMP [0x10000]uint8
)

// tradKnown returns what is learned of r; tradMu must be held.
func tradKnown(r rune) (trad, seen bool) {
	if r < 0x10000 {
		st := tradBMP[r]
		return st == 2, st != 0
	}
	trad, seen = tradRunes[r]
	return trad, seen
}

// t2sReady loads OpenCC's t2s conversion on first use and reports whether it loaded.
func t2sReady() bool {
	t2sOnce.Do(func() { t2s, t2sErr = opencc.New("t2s") })
	return t2sErr == nil
}

// hasTraditional reports whether s holds a character that t2s converts.
func hasTraditional(s string) bool {
	if !t2sReady() {
		return false
	}
	tradMu.RLock()
	defer tradMu.RUnlock()
	for _, r := range s {
		if r >= 0x3400 && tradRune(r) {
			return true
		}
	}
	return false
}

// tradRune reports whether t2s converts r. tradMu is read-held; it is let go while r is learned.
func tradRune(r rune) bool {
	trad, seen := tradKnown(r)
	if seen {
		return trad
	}
	tradMu.RUnlock()
	defer tradMu.RLock()
	out, err := t2s.Convert(string(r))
	trad = err == nil && out != string(r)
	tradMu.Lock()
	defer tradMu.Unlock()
	tradRunes[r] = trad
	if r < 0x10000 {
		tradBMP[r] = 1
		if trad {
			tradBMP[r] = 2
		}
	}
	return trad
}

// Line marks: what a line needs beyond splitting.
const (
	markFold = 1 << iota // a rune FoldWidth changes, or invalid UTF-8
	markTrad             // a character t2s converts
)

// lineMarks reads text once and marks each of its n lines ('\n'-separated) that needs folding or
// simplifying, so that the lines without (nearly all) are left alone.
func lineMarks(text string, n int) []uint8 {
	ready := t2sReady()
	marks := make([]uint8, n)
	tradMu.RLock()
	defer tradMu.RUnlock()
	line := 0
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			if c == '\n' {
				line++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case size == 1 || widthFolded(r) || r == '\u3000' || r == '\u00a0':
			marks[line] |= markFold
		case r >= 0x3400 && ready && tradRune(r):
			marks[line] |= markTrad
		}
	}
	return marks
}

func hasNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return true
		}
	}
	return false
}

// mayFold reports whether s holds a rune FoldWidth changes: a widthFolded U+FFxx (UTF-8 lead
// byte 0xEF), U+3000 (E3 80 80) or U+00A0 (C2 A0); FoldWidth also rewrites invalid UTF-8.
func mayFold(s string) bool {
	return foldMarks(s) || !utf8.ValidString(s) // ranging over invalid UTF-8 rewrites it as U+FFFD
}

// foldMarks reports whether valid UTF-8 s holds a rune FoldWidth changes.
func foldMarks(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 0xEF: // most U+FFxx in Chinese text is punctuation FoldWidth keeps (（）、，：)
			if r, _ := utf8.DecodeRuneInString(s[i:]); widthFolded(r) {
				return true
			}
		case 0xC2:
			if i+1 < len(s) && s[i+1] == 0xA0 {
				return true
			}
		case 0xE3:
			if i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x80 {
				return true
			}
		}
	}
	return false
}

// widthFolded reports whether FoldWidth maps r to r - 0xfee0.
func widthFolded(r rune) bool {
	switch {
	case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
		return true
	case r == '．' || r == '％' || r == '＋' || r == '－' || r == '＝' || r == '＜' || r == '＞' || r == '［' || r == '］':
		return true
	}
	return false
}

// FoldWidth maps full-width digits, letters and number punctuation to ASCII and the ideographic
// space to a space. Chinese punctuation used in names (（）、，：) is kept.
func FoldWidth(s string) string {
	if !mayFold(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case widthFolded(r):
			b.WriteRune(r - 0xfee0)
		case r == '\u3000' || r == '\u00a0':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Normalize gives text what every line of a document gets: full-width ASCII folded and
// traditional characters simplified, so that what a user types compares with what was read.
func Normalize(s string) string {
	return simplify(FoldWidth(s))
}

// SplitLines splits decoded text into numbered, normalised lines; a form feed starts a page.
func SplitLines(text string) []Line {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	n := strings.Count(text, "\n") + 1
	marks := lineMarks(text, n)
	lines := make([]Line, 0, n)
	page := 1
	for i := range n {
		r, rest, _ := strings.Cut(text, "\n")
		text = rest
		for strings.HasPrefix(r, "\f") {
			page++
			r = r[1:]
		}
		after := 0
		if strings.IndexByte(r, '\f') >= 0 {
			after = strings.Count(r, "\f")
			r = strings.ReplaceAll(r, "\f", "")
		}
		t := r
		if marks[i]&markFold != 0 {
			t = FoldWidth(r)
		}
		if marks[i]&markTrad != 0 {
			t = simplify(t)
		}
		lines = append(lines, Line{No: i + 1, Page: page, Raw: r, Text: t})
		page += after
	}
	return lines
}

var (
	reSpaceAfterDot   = regexp.MustCompile(`(\d)\s*\.\s+(\d)`)
	reDecimalComma    = regexp.MustCompile(`^(-?\d+)\s*[,，:：]\s*(\d{1,2})$`)
	reThousands       = regexp.MustCompile(`^-?\d{1,3}(,\d{3})+(\.\d+)?$`)
	rePlainNumber     = regexp.MustCompile(`^-?\d+(\.\d*)?$`)
	reLeadingDotDigit = regexp.MustCompile(`^-?\.\d+$`)
)

// plainNumber reports whether s matches rePlainNumber (`^-?\d+(\.\d*)?$`) without running it.
func plainNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	start := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == start {
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	}
	return i == len(s)
}

// ErrNotNumber is returned for a cell that is not a number.
var ErrNotNumber = errors.New("not a number")

// NormalizeNumber turns a printed number into a plain decimal string. It folds full-width digits,
// removes thousands separators, joins OCR-split numbers ("447. 48", "8, 27", "0,00") and strips a
// trailing unit or percent sign. It returns ErrNotNumber when the text is not a number.
func NormalizeNumber(printed string) (string, error) {
	s := strings.TrimSpace(FoldWidth(printed))
	s = strings.TrimSuffix(s, "%")
	s = strings.TrimSuffix(s, "万元")
	s = strings.TrimSuffix(s, "元")
	s = strings.TrimSpace(s)
	if s == "" {
		return "", ErrNotNumber
	}
	if plainNumber(s) {
		return strings.TrimSuffix(s, "."), nil
	}
	if strings.IndexByte(s, ',') >= 0 && IsPlainAmount(s) { // reThousands: the steps below change nothing before it
		return strings.ReplaceAll(s, ",", ""), nil
	}
	s = strings.ReplaceAll(s, "，", ",")
	// The guards are necessary conditions of each regexp: a dot then whitespace, a separator, a comma.
	if strings.IndexByte(s, '.') >= 0 && strings.ContainsAny(s, " \t\n\f\r") {
		s = reSpaceAfterDot.ReplaceAllString(s, "$1.$2")
	}
	comma := strings.IndexByte(s, ',') >= 0
	if comma || strings.ContainsAny(s, ":：") {
		if m := reDecimalComma.FindStringSubmatch(s); m != nil && !(comma && reThousands.MatchString(s)) {
			return m[1] + "." + m[2], nil
		}
	}
	s = strings.ReplaceAll(s, " ", "")
	switch {
	case comma && reThousands.MatchString(s):
		return strings.ReplaceAll(s, ",", ""), nil
	case plainNumber(s):
		return strings.TrimSuffix(s, "."), nil
	case strings.IndexByte(s, '.') >= 0 && reLeadingDotDigit.MatchString(s):
		return strings.Replace(s, ".", "0.", 1), nil
	}
	return "", notNumberError{printed}
}

// notNumberError is fmt.Errorf("%q: %w", printed, ErrNotNumber) with the text built only when
// read: most callers only test the error.
type notNumberError struct{ printed string }

func (e notNumberError) Error() string { return strconv.Quote(e.printed) + ": " + ErrNotNumber.Error() }
func (e notNumberError) Unwrap() error { return ErrNotNumber }

// ParseAmount reads a printed cell in a unit. An empty cell gives a blank amount (not zero).
func ParseAmount(printed string, unit model.Unit) (model.Amount, error) {
	p := strings.TrimSpace(printed)
	if p == "" || p == "-" || p == "—" || p == "－" {
		return model.Amount{Printed: p, Unit: unit, Status: model.StatusBlank}, nil
	}
	if IsPlainAmount(p) { // "1,202.95": NormalizeNumber would only drop the commas
		if y, ok := smallYuan(p, unit); ok {
			return model.Amount{Yuan: y, Printed: p, Unit: unit, Status: model.StatusReported}, nil
		}
	}
	n, err := NormalizeNumber(p)
	if err != nil {
		return model.Amount{}, err
	}
	if y, ok := smallYuan(n, unit); ok {
		return model.Amount{Yuan: y, Printed: p, Unit: unit, Status: model.StatusReported}, nil
	}
	v, err := decimal.NewFromString(n)
	if err != nil {
		return model.Amount{}, fmt.Errorf("%q: %w", printed, ErrNotNumber)
	}
	return model.Amount{Yuan: ToYuan(v, unit), Printed: p, Unit: unit, Status: model.StatusReported}, nil
}

// smallYuan is ToYuan(decimal.NewFromString(n), unit) for a plain decimal of at most 14 digits,
// built as the same coefficient and exponent without the intermediate values. Thousands commas
// in the whole part are skipped.
func smallYuan(n string, unit model.Unit) (decimal.Decimal, bool) {
	s, neg := n, false
	if strings.HasPrefix(s, "-") {
		s, neg = s[1:], true
	}
	whole, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		whole, frac = s[:i], s[i+1:]
		if frac == "" {
			return decimal.Decimal{}, false
		}
	}
	if whole == "" || len(whole)+len(frac) > 14 {
		return decimal.Decimal{}, false
	}
	var v int64
	for _, part := range [2]string{whole, frac} {
		for i := 0; i < len(part); i++ {
			c := part[i]
			if c == ',' && part == whole {
				continue
			}
			if c < '0' || c > '9' {
				return decimal.Decimal{}, false
			}
			v = v*10 + int64(c-'0')
		}
	}
	if neg {
		v = -v
	}
	if unit == model.TenThous {
		v *= 10000
	}
	return decimal.New(v, int32(-len(frac))), true
}

var TenThousand = decimal.NewFromInt(10000)

// ToYuan converts a value printed in a unit to yuan.
func ToYuan(v decimal.Decimal, unit model.Unit) decimal.Decimal {
	if unit == model.TenThous {
		return v.Mul(TenThousand)
	}
	return v
}

// FromYuan converts yuan to a unit.
func FromYuan(v decimal.Decimal, unit model.Unit) decimal.Decimal {
	if unit == model.TenThous {
		return v.Div(TenThousand)
	}
	return v
}

// IsAmountText reports whether a cell is a printed amount ("164,978,640", "0", "21.56").
func IsAmountText(s string) bool { return IsPlainAmount(strings.TrimSpace(s)) }

// IsPlainAmount is reAmountText.MatchString without the regexp engine.
func IsPlainAmount(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	n := digits()
	if n == 0 {
		return false
	}
	if i < len(s) && s[i] == ',' {
		if n > 3 {
			return false
		}
		for i < len(s) && s[i] == ',' {
			i++
			if digits() != 3 {
				return false
			}
		}
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}
