package vocab

import (
	"strings"
	"unicode"
)

// normName folds what does not change a subject's identity: full-width letters and digits, spaces,
// bracket width (（） → ()), brackets of other shapes, and quotation marks ("两房"建设, “两房”建设).
func normName(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '\u3000':
		case r >= '！' && r <= '～': // full-width ASCII
			b.WriteRune(foldBracket(r - 0xfee0))
		case strings.ContainsRune("\"'“”‘’「」『』", r):
		default:
			b.WriteRune(foldBracket(r))
		}
	}
	return b.String()
}

func foldBracket(r rune) rune {
	switch r {
	case '〔', '[', '【', '［':
		return '('
	case '〕', ']', '】', '］':
		return ')'
	}
	return r
}

// looseKey is a name with the words provinces add or drop without changing the subject removed:
// a trailing 支出 ("其他一般公共服务" for 其他一般公共服务支出) and 的 ("其他对个人和家庭补助").
func looseKey(s string) string {
	k := strings.ReplaceAll(normName(s), "的", "")
	return strings.TrimSuffix(k, "支出")
}

const chineseOrdinal = "一二三四五六七八九十廿卅"

// stripOrdinal removes leading ordinals such as "一、", "(十七)", "（三）", "1." and "13".
func stripOrdinal(s string) string {
	s = strings.TrimSpace(s)
	for {
		t := strings.TrimLeft(s, " (（")
		i := 0
		for _, r := range t {
			if !strings.ContainsRune(chineseOrdinal, r) && !(r >= '0' && r <= '9') && !(r >= '０' && r <= '９') {
				break
			}
			i += len(string(r))
		}
		if i == 0 {
			return s
		}
		rest := strings.TrimLeft(t[i:], " ")
		switch {
		case strings.HasPrefix(rest, "、"), strings.HasPrefix(rest, "．"), strings.HasPrefix(rest, "）"):
			rest = rest[len("、"):]
		case strings.HasPrefix(rest, ")"), strings.HasPrefix(rest, "."):
			rest = rest[1:]
		default:
			return s
		}
		s = strings.TrimSpace(rest)
	}
}
