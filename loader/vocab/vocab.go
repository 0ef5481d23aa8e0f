// The national classifications of budget expenditure as data: the function classification
// (支出功能分类科目: 类, 款, 项) and both editions of the economic classification (部门预算支出经济
// 分类科目 3xx, 政府预算支出经济分类科目 5xx), with the name each code had in each fiscal year
// from 2015. The data are function.tsv, economic.tsv and aliases.tsv, embedded in the binary.
//
// Lookups go both ways: the name of a code in a year (FunctionName, EconomicName), and the code of
// a printed name under its parent's code (FunctionCode, EconomicCode, FunctionClassByName), which
// is how the loader resolves the codes of tables that print names only.
//
// A year is the fiscal year of the document. Years before FirstYear are read as FirstYear; a
// year of 0 or less means the current edition.

package vocab

import (
	"embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// FirstYear is the first fiscal year the data cover.
const FirstYear = 2015

// GovernmentEdition is the parent to pass to EconomicCode for a class (类) of the government
// edition (501 机关工资福利支出 …); the parent "" means a class of the department edition.
const GovernmentEdition = "5"

//go:embed function.tsv economic.tsv aliases.tsv
var files embed.FS

// entry is one name of a code, valid from one fiscal year to another (to 0: still in force).
type entry struct {
	code, name string
	from, to   int
	key, loose string // the name normalised, and loosened (see looseKey)
}

func (e entry) validIn(year int) bool { return e.from <= year && (e.to == 0 || year <= e.to) }

// classification is one classification with its indexes.
type classification struct {
	byCode   map[string][]entry // oldest name first
	children map[string][]string
	aliases  map[string][]entry // by parent: names printed for a code that are not its official name
}

var (
	loadOnce           sync.Once
	function, economic *classification
)

// classifications returns the function and economic classifications, reading the embedded files
// on first use.
func classifications() (fn, econ *classification) {
	loadOnce.Do(func() {
		function = mustRead("function.tsv", functionParent)
		economic = mustRead("economic.tsv", economicParent)
		if err := readAliases(function, economic); err != nil {
			panic(err)
		}
	})
	return function, economic
}

// functionParent is a function code's parent: "" for a class.
func functionParent(code string) string { return Parent(code) }

// economicParent is an economic code's parent: a class's parent is its edition ("" or "5").
func economicParent(code string) string {
	if len(code) == 3 && code[0] == '5' {
		return GovernmentEdition
	}
	return Parent(code)
}

func mustRead(name string, parent func(string) string) *classification {
	c, err := readClassification(name, parent)
	if err != nil {
		panic(err) // the embedded data are checked by the tests
	}
	return c
}

// readClassification reads a TSV of code, name, from, to.
func readClassification(name string, parent func(string) string) (*classification, error) {
	rows, err := readTSV(name, 4)
	if err != nil {
		return nil, err
	}
	c := &classification{byCode: map[string][]entry{}, children: map[string][]string{}, aliases: map[string][]entry{}}
	for _, r := range rows {
		e, err := newEntry(r.cells[0], r.cells[1], r.cells[2], r.cells[3])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, r.line, err)
		}
		if _, seen := c.byCode[e.code]; !seen {
			p := parent(e.code)
			c.children[p] = append(c.children[p], e.code)
		}
		c.byCode[e.code] = append(c.byCode[e.code], e)
	}
	for _, es := range c.byCode {
		slices.SortFunc(es, func(a, b entry) int { return a.from - b.from })
	}
	return c, nil
}

func newEntry(code, name, from, to string) (entry, error) {
	if Level(code) == 0 {
		return entry{}, fmt.Errorf("bad code %q", code)
	}
	e := entry{code: code, name: name, key: normName(name), loose: looseKey(name)}
	var err error
	if e.from, err = strconv.Atoi(from); err != nil {
		return entry{}, fmt.Errorf("bad first year %q", from)
	}
	if to != "" {
		if e.to, err = strconv.Atoi(to); err != nil || e.to < e.from {
			return entry{}, fmt.Errorf("bad last year %q", to)
		}
	}
	return e, nil
}

// readAliases reads aliases.tsv: names printed for a code that are not its official name (a
// province's wording, an OCR misreading seen in a document). Codes 2… are function codes.
func readAliases(fn, econ *classification) error {
	rows, err := readTSV("aliases.tsv", 3)
	if err != nil {
		return err
	}
	for _, r := range rows {
		code, name := r.cells[0], r.cells[1]
		c, parent := fn, functionParent(code)
		if !strings.HasPrefix(code, "2") {
			c, parent = econ, economicParent(code)
		}
		if _, ok := c.byCode[code]; !ok {
			return fmt.Errorf("aliases.tsv:%d: unknown code %s", r.line, code)
		}
		c.aliases[parent] = append(c.aliases[parent], entry{code: code, name: name, from: FirstYear,
			key: normName(name), loose: looseKey(name)})
	}
	return nil
}

type tsvRow struct {
	line  int
	cells []string
}

// readTSV reads an embedded TSV: lines starting with # are comments, the first other line is the
// header, every row has n cells.
func readTSV(name string, n int) ([]tsvRow, error) {
	data, err := files.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var rows []tsvRow
	header := true
	for i, l := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		if strings.HasPrefix(l, "#") || l == "" {
			continue
		}
		if header {
			header = false
			continue
		}
		cells := strings.Split(l, "\t")
		if len(cells) != n {
			return nil, fmt.Errorf("%s:%d: %d cells, want %d", name, i+1, len(cells), n)
		}
		rows = append(rows, tsvRow{line: i + 1, cells: cells})
	}
	return rows, nil
}
