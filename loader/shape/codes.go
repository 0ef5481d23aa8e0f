package shape

import (
	"regexp"
	"strings"
)

// A printed key: the code and name that open a row, in the forms the documents print them.
type key struct {
	code    string // digits as printed, joined ("2010301", "30201", "123001"); "" when none
	printed string // the code as printed when it differs from code ("201 05 07", "[2150701]")
	parts   []string
	partX   []int // columns of split code parts, to tell 类/款/项 apart
	name    string
	nameX   int
	total   bool
	also    []codeName // codes of other classifications printed in the same row
	keyX    int        // where the row's first key cell starts
}

var (
	reBracketCode = regexp.MustCompile(`^[\[【]\s*(\d{3,9})\s*[\]】]\s*(.*)$`)
	reDashCode    = regexp.MustCompile(`^(\d{3,9})\s*[-－—]\s*(.*)$`)
	reGluedCode   = regexp.MustCompile(`^(\d{3}|\d{5}|\d{7})([^\d\s.,].*)$`)
	reAllDigits   = regexp.MustCompile(`^\d+$`)
)

// readKey reads the code and name at the start of a row from its text cells (the cells before
// its first amount). A row may print codes of two classifications side by side ("2120101-行政运行
// 50201-办公经费 30201-办公费"): the first is the key, the others are kept in also.
func readKey(cells []cellText) key {
	var k key
	if len(cells) > 0 {
		k.keyX = cells[0].x0
	}
	i := 0
	for ; i < len(cells); i++ {
		t := cells[i].text
		code, name := "", ""
		if m := reBracketCode.FindStringSubmatch(t); m != nil {
			code, name = m[1], m[2]
			if k.code == "" {
				k.printed = "[" + m[1] + "]"
			}
		} else if m := reDashCode.FindStringSubmatch(t); m != nil {
			code, name = m[1], m[2]
		} else if m := reGluedCode.FindStringSubmatch(t); m != nil && !strings.HasPrefix(m[2], "年") && len(k.parts) == 0 {
			code, name = m[1], m[2]
		}
		if code != "" {
			if k.code == "" {
				k.code, k.name, k.nameX = code, name, cells[i].x0
			} else {
				k.also = append(k.also, codeName{code, name})
			}
			continue
		}
		if k.code == "" && k.name == "" && reAllDigits.MatchString(t) && len(t) <= 12 {
			k.parts = append(k.parts, t)
			k.partX = append(k.partX, cells[i].x0)
			continue
		}
		break
	}
	if len(k.parts) > 0 && k.code == "" {
		k.code = strings.Join(k.parts, "")
		if len(k.parts) > 1 {
			k.printed = strings.Join(k.parts, " ")
		}
	}
	for ; i < len(cells); i++ {
		t := cells[i].text
		if k.name != "" && isSubjectDigits(t) {
			k.also = append(k.also, codeName{code: t})
			continue
		}
		if n := len(k.also); n > 0 {
			k.also[n-1].name += t
			continue
		}
		if k.name == "" {
			k.nameX = cells[i].x0
		}
		k.name += t
	}
	k.name = strings.TrimSpace(k.name)
	return k
}

// isSubjectDigits reports whether a cell is a subject code printed alone: 3, 5 or 7 digits.
func isSubjectDigits(s string) bool {
	return reAllDigits.MatchString(s) && (len(s) == 3 || len(s) == 5 || len(s) == 7)
}

// codeName is a code printed with its name.
type codeName struct{ code, name string }

// cellText is a text cell of a row with its column.
type cellText struct {
	text   string
	x0, x1 int
}
