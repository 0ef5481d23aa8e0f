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
}

var (
	reBracketCode = regexp.MustCompile(`^[\[【]\s*(\d{3,9})\s*[\]】]\s*(.*)$`)
	reDashCode    = regexp.MustCompile(`^(\d{3,9})\s*[-－—]\s*(.*)$`)
	reGluedCode   = regexp.MustCompile(`^(\d{3}|\d{5}|\d{7})([^\d\s.,].*)$`)
	reAllDigits   = regexp.MustCompile(`^\d+$`)
)

// readKey reads the code and name at the start of a row from its text cells (the cells before
// its first amount).
func readKey(cells []cellText) key {
	var k key
	i := 0
	for ; i < len(cells); i++ {
		t := cells[i].text
		if i == 0 {
			if m := reBracketCode.FindStringSubmatch(t); m != nil {
				k.code, k.printed = m[1], "["+m[1]+"]"
				if m[2] != "" {
					k.name, k.nameX = m[2], cells[i].x0
				}
				continue
			}
			if m := reDashCode.FindStringSubmatch(t); m != nil {
				k.code, k.name, k.nameX = m[1], m[2], cells[i].x0
				i++
				break
			}
			if m := reGluedCode.FindStringSubmatch(t); m != nil && !strings.HasPrefix(m[2], "年") {
				k.code, k.name, k.nameX = m[1], m[2], cells[i].x0
				i++
				break
			}
		}
		if k.name == "" && reAllDigits.MatchString(t) && len(t) <= 12 {
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
		if k.name == "" {
			k.nameX = cells[i].x0
		}
		k.name += cells[i].text
	}
	k.name = strings.TrimSpace(k.name)
	return k
}

// cellText is a text cell of a row with its column.
type cellText struct {
	text   string
	x0, x1 int
}
