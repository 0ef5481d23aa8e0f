package vocab

import (
	"strings"
	"unicode/utf8"
)

// Level is 1 for a class (类, 3 digits), 2 for a 款 (5 digits), 3 for a 项 (7 digits), and 0
// for anything else.
func Level(code string) int {
	for i := 0; i < len(code); i++ {
		if code[i] < '0' || code[i] > '9' {
			return 0
		}
	}
	switch len(code) {
	case 3:
		return 1
	case 5:
		return 2
	case 7:
		return 3
	}
	return 0
}

// Parent is the code one level up ("2010301" → "20103" → "201"), or "" for a class.
func Parent(code string) string {
	switch Level(code) {
	case 2:
		return code[:3]
	case 3:
		return code[:5]
	}
	return ""
}

// FunctionName returns the name of a function subject (支出功能分类科目) in a fiscal year; ok is
// false when the code was not in force that year.
func FunctionName(code string, year int) (name string, ok bool) {
	fn, _ := classifications()
	return fn.name(code, year)
}

// EconomicName returns the name of an economic subject in a fiscal year: a code starting with 5
// is of the government edition, one starting with 3 of the department edition. The national
// classification stops at the 款; 7-digit codes some provinces print (Chongqing's 3010201
// 规范性津补贴, Beijing's 3021101 差旅费) are local subdivisions, not found here: Parent gives
// their 款.
func EconomicName(code string, year int) (name string, ok bool) {
	_, econ := classifications()
	return econ.name(code, year)
}

// FunctionCode returns the code of the function subject printed as name under parent ("" for a
// class, a class's code for a 款, a 款's code for a 项). Names match after normalising width,
// spaces, brackets and quotes, a trailing 支出 and 的, a trailing note naming the parent
// ("行政运行（人力资源和社会保障管理事务）") or its level ("司法（款）"), and a name cut short (a
// unique prefix of at least three characters, four for a class). The year's
// names are tried first, then those of other editions. ok is false when no subject or more than
// one matches.
func FunctionCode(name, parent string, year int) (code string, ok bool) {
	fn, _ := classifications()
	return fn.code(name, parent, year)
}

// EconomicCode returns the code of the economic subject printed as name under parent: "" for a
// class of the department edition, GovernmentEdition for a class of the government edition, a
// class's code for a 款. Names match as for FunctionCode.
func EconomicCode(name, parent string, year int) (code string, ok bool) {
	_, econ := classifications()
	return econ.code(name, parent, year)
}

// FunctionClassByName returns the code of a function class (类) printed by name, as summary
// tables print them: "一、一般公共服务支出", "(十七) 住房保障支出", "卫生健康支出（类）".
func FunctionClassByName(name string, year int) (code string, ok bool) {
	return FunctionCode(stripOrdinal(name), "", year)
}

// edition maps a requested year into the years the data cover.
func edition(year int) int {
	switch {
	case year <= 0:
		return 1 << 30
	case year < FirstYear:
		return FirstYear
	}
	return year
}

func (c *classification) name(code string, year int) (string, bool) {
	y := edition(year)
	es := c.byCode[code]
	for i := len(es) - 1; i >= 0; i-- {
		if es[i].validIn(y) {
			return es[i].name, true
		}
	}
	return "", false
}

// code finds the child of parent printed as name: among the year's names, then among every
// edition's; each time by the normalised name, the loosened name, an alias, and a unique prefix.
func (c *classification) code(name, parent string, year int) (string, bool) {
	children, ok := c.children[parent]
	if !ok {
		return "", false
	}
	key := normName(name)
	for _, mark := range []string{"(类)", "(款)", "(项)"} {
		key = strings.TrimSuffix(key, mark)
	}
	if key == "" {
		return "", false
	}
	y := edition(year)
	for _, anyYear := range []bool{false, true} {
		if code, found, unique := c.match(key, parent, children, y, anyYear); found {
			if !unique {
				return "", false // ambiguous
			}
			return code, true
		}
	}
	if trimmed, ok := c.withoutParentNote(key, parent); ok {
		return c.code(trimmed, parent, year)
	}
	return "", false
}

// match tries the ways a printed name may match, in order, and stops at the first that finds
// anything: found says something matched, unique that it was one code.
func (c *classification) match(key, parent string, children []string, y int, anyYear bool) (code string, found, unique bool) {
	loose := looseKey(key)
	minPrefix := 3
	if parent == "" || parent == GovernmentEdition {
		minPrefix = 4
	}
	tests := []func(e entry) bool{
		func(e entry) bool { return e.key == key },
		func(e entry) bool { return e.loose == loose },
		func(e entry) bool {
			return utf8.RuneCountInString(key) >= minPrefix && strings.HasPrefix(e.key, key)
		},
	}
	for _, t := range tests {
		var codes []string
		for _, ch := range children {
			for _, e := range c.byCode[ch] {
				if (anyYear || e.validIn(y)) && t(e) && !contains(codes, e.code) {
					codes = append(codes, e.code)
				}
			}
		}
		for _, e := range c.aliases[parent] {
			if t(e) && !contains(codes, e.code) {
				codes = append(codes, e.code)
			}
		}
		if len(codes) > 0 {
			return codes[0], true, len(codes) == 1
		}
	}
	return "", false, false
}

// withoutParentNote strips a trailing "(…)" that names the parent, as some tables print
// "一般行政管理事务（人力资源事务）".
func (c *classification) withoutParentNote(key, parent string) (string, bool) {
	if !strings.HasSuffix(key, ")") {
		return "", false
	}
	i := strings.LastIndex(key, "(")
	if i <= 0 {
		return "", false
	}
	note := key[i+1 : len(key)-1]
	for _, e := range c.byCode[parent] {
		if e.key == note || e.loose == looseKey(note) {
			return key[:i], true
		}
	}
	return "", false
}

func contains(codes []string, code string) bool {
	for _, c := range codes {
		if c == code {
			return true
		}
	}
	return false
}
