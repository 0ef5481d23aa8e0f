package vocab

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// The harvester reads the code–name pairs printed in the corpus documents (pdftotext or OCR text),
// and the subjects their narratives name by path, so that TestPrintedPairs and TestPrintedPaths
// can check them against the classification. It runs only with -harvest and writes
// testdata/printed.tsv and testdata/paths.tsv; the tests read those files and need no corpus.

// printedPair is one subject code printed with its name: the name on the code's line and the
// text of the lines just before and after, where a wrapped name continues.
type printedPair struct {
	File          string
	Line, Year    int
	Code          string
	Name          string
	Before, After string

	col       int  // the code's column
	bare      bool // a class code ending its line, with no 款 beside it
	mustMerge bool // a bare code after other columns, kept only if its 款 is on the next line
}

// variants are the readings of a printed name: as printed on its line, and joined with the last
// lines of the wrapped text above it and the first lines of the text below it.
func (p printedPair) variants() []string {
	var before, after []string // in reading order
	if p.Before != "" {
		before = strings.Split(p.Before, "/")
	}
	if p.After != "" {
		after = strings.Split(p.After, "/")
	}
	var v []string
	for b := 0; b <= len(before); b++ {
		head := strings.Join(before[len(before)-b:], "")
		for a := 0; a <= len(after); a++ {
			s := head + p.Name + strings.Join(after[:a], "")
			if s != "" && !slices.Contains(v, s) {
				v = append(v, s)
			}
		}
	}
	return v
}

var (
	reYear        = regexp.MustCompile(`-(\d{4})\.txt$`)
	reBracket     = regexp.MustCompile(`^[\[【](\d+)[\]】](.*)$`)
	reDash        = regexp.MustCompile(`^(\d+)[-－—](.*)$`)
	reGlued       = regexp.MustCompile(`^(\d+)(\p{Han}.*)$`)
	reDigits      = regexp.MustCompile(`^\d+$`)
	reTwoDigits   = regexp.MustCompile(`^\d{2}$`)
	reGovEconomic = regexp.MustCompile(`^5\d{4}$`)
	reUnitRow     = regexp.MustCompile(`^\s*\d{6}\s`)
	unitRe        = regexp.MustCompile(`^(万|元|年|月|日|%)`) // "205万元": an amount
	unitInTextRe  = regexp.MustCompile(`^(个|人|家|件|多|项|辆|台|次|名|户|平方|亩|所|张|套|天|小时|页|条|篇|场|期|批|份|座|公里|米|吨|起|余|周岁|岁)`)
)

// harvestCorpus reads every *.txt in dirs and returns the printed pairs, one per document, code
// and reading (the first line that prints it), and the name paths of the narratives.
func harvestCorpus(dirs []string) ([]printedPair, []printedPath, error) {
	var all []printedPair
	var paths []printedPath
	for _, dir := range dirs {
		files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
		if err != nil {
			return nil, nil, err
		}
		for _, f := range files {
			m := reYear.FindStringSubmatch(f)
			if m == nil {
				continue
			}
			year, _ := strconv.Atoi(m[1])
			data, err := os.ReadFile(f)
			if err != nil {
				return nil, nil, err
			}
			all = append(all, harvestText(filepath.Base(f), year, string(data))...)
			paths = append(paths, harvestPaths(filepath.Base(f), year, string(data))...)
		}
	}
	return all, paths, nil
}

// harvestText finds the pairs of one document. Procurement tables are skipped (their rows pair a
// function code with a project name), and so are rows that start with a unit's 6-digit code.
func harvestText(file string, year int, text string) []printedPair {
	lines := strings.Split(strings.ReplaceAll(text, "\f", ""), "\n")
	for i := range lines {
		lines[i] = foldDigits(lines[i])
	}
	var out []printedPair
	seen := map[string]bool{}
	ctx := &splitContext{}
	procurement, skip := false, -1
	for i, l := range lines {
		if title := strings.TrimSpace(l); strings.Contains(title, "表") && len(fields(l)) <= 2 {
			procurement = strings.Contains(title, "采购")
		}
		if procurement || i == skip || reUnitRow.MatchString(l) {
			continue
		}
		for _, p := range lineCodes(l, ctx, i) {
			p.File, p.Line, p.Year = file, i+1, year
			after := i
			if j, ok := mergeNextLine(lines, i, &p); ok {
				after, skip = j, j
			} else if p.mustMerge {
				continue
			}
			p.Before = neighbourName(lines, i, -1, p.col)
			p.After = neighbourName(lines, after, +1, p.col)
			if !keep(p) {
				continue
			}
			key := p.Code + "\t" + strings.Join(p.variants(), "|")
			if !seen[key] {
				seen[key] = true
				out = append(out, p)
			}
		}
	}
	return out
}

// keep drops pairs with no name anywhere, and a code alone on its line with a department or unit
// beside it.
func keep(p printedPair) bool {
	vs := p.variants()
	if len(vs) == 0 {
		return false
	}
	for _, v := range vs {
		if p.Name == "" && orgName(v) {
			return false
		}
	}
	return true
}

// mergeNextLine joins a class code ending its line with the 款 printed on the next line to the
// right of it ("302   因公出国（境）费" over "…      12"; "302" over "      40   税金及附加费用"), when
// exactly one of the two lines carries the name. It returns the 款's line.
func mergeNextLine(lines []string, i int, p *printedPair) (int, bool) {
	if !p.bare {
		return 0, false
	}
	j := i + 1
	for j < len(lines) && strings.TrimSpace(lines[j]) == "" {
		j++
	}
	if j >= len(lines) {
		return 0, false
	}
	fs := fields(lines[j])
	for k, f := range fs {
		if f.indent <= p.col || !reTwoDigits.MatchString(f.text) {
			continue
		}
		name := ""
		switch {
		case k == len(fs)-1:
		case k == len(fs)-2 && startsName(fs[k+1].text):
			name = cleanName(fs[k+1].text)
		default:
			return 0, false
		}
		if (p.Name == "") == (name == "") {
			return 0, false
		}
		p.Code += f.text
		p.Name += name
		p.col = f.indent
		return j, true
	}
	return 0, false
}

// foldDigits maps full-width digits and the ideographic space to ASCII.
func foldDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == '\u3000' || r == '\u00a0':
			return ' '
		}
		return r
	}, s)
}

type field struct {
	text   string
	gap    int // spaces before it (-1 at the start of the line)
	indent int // its column
}

func fields(l string) []field {
	var fs []field
	gap, col := -1, 0
	for i := 0; i < len(l); {
		if l[i] == ' ' || l[i] == '\t' {
			if gap < 0 && len(fs) > 0 {
				gap = 0
			}
			if len(fs) > 0 {
				gap++
			}
			i++
			col++
			continue
		}
		j := i
		for j < len(l) && l[j] != ' ' && l[j] != '\t' {
			j++
		}
		g := gap
		if len(fs) == 0 {
			g = -1
		}
		fs = append(fs, field{text: l[i:j], gap: g, indent: col})
		col += len([]rune(l[i:j]))
		i, gap = j, 0
	}
	return fs
}

// splitContext follows the class and 款 of a table that prints 款 and 项 as two-digit codes on
// lines of their own, indented under a class line ("201 一般公共服务支出", "      06  财政事务").
type splitContext struct {
	class, kuan string
	classLine   int
	kuanIndent  int
}

// lineCodes returns the pairs printed on one line.
func lineCodes(l string, ctx *splitContext, n int) []printedPair {
	fs := fields(l)
	var out []printedPair
	for i := 0; i < len(fs); i++ {
		f := fs[i]
		if i == 0 && reTwoDigits.MatchString(f.text) && f.indent > 0 && ctx.class != "" && n-ctx.classLine < 40 {
			if p := splitChild(fs, ctx); p.Name != "" || len(fs) > 1 {
				out = append(out, p)
			}
			break
		}
		if f.gap >= 0 && f.gap < 2 {
			continue
		}
		code, name, used := codeAt(fs, i)
		last := i+used+1 >= len(fs)
		if name == "" && i > 0 && !(len(code) == 3 && last) {
			continue // an amount, or a code whose name is elsewhere on the line
		}
		if code == "" || !plausibleCode(code) || unitRe.MatchString(name) || i > 0 && unitInTextRe.MatchString(name) || orgName(name) {
			continue
		}
		if len(code) == 3 && i == 0 {
			ctx.class, ctx.kuan, ctx.classLine = code, "", n
			if code[0] != '2' {
				ctx.class = ""
			}
		}
		bare := len(code) == 3 && last
		out = append(out, printedPair{Code: code, Name: name, col: f.indent, bare: bare, mustMerge: name == "" && i > 0})
		i += used
	}
	return out
}

// codeAt reads a code (joined, bracketed, dashed or split into 2-digit columns) and its name at
// field i; used is the number of further fields consumed.
func codeAt(fs []field, i int) (code, name string, used int) {
	t := fs[i].text
	if m := reBracket.FindStringSubmatch(t); m != nil {
		code, name = m[1], m[2]
	} else if m := reDash.FindStringSubmatch(t); m != nil {
		code, name = m[1], m[2]
	} else if m := reGlued.FindStringSubmatch(t); m != nil && (len(m[1]) == 3 || len(m[1]) == 5 || len(m[1]) == 7) {
		code, name = m[1], m[2]
	} else if reDigits.MatchString(t) {
		code = t
		max := 2
		if t[0] != '2' {
			max = 1
		}
		for len(code) == 3+2*used && used < max && i+used+1 < len(fs) && reTwoDigits.MatchString(fs[i+used+1].text) {
			code += fs[i+used+1].text
			used++
		}
	} else {
		return "", "", 0
	}
	if name == "" && i+used+1 < len(fs) && startsName(fs[i+used+1].text) {
		name = fs[i+used+1].text
		used++
	}
	if name != "" { // a name with single spaces in it: "维修 (护)费", "因 公 出 国"
		for i+used+1 < len(fs) && fs[i+used+1].gap == 1 && !strings.ContainsAny(fs[i+used+1].text, "0123456789") {
			name += fs[i+used+1].text
			used++
		}
	}
	return code, cleanName(name), used
}

// splitChild reads a 款 or 项 printed as a two-digit code under the current class; the name may
// be missing from the line (wrapped above and below it).
func splitChild(fs []field, ctx *splitContext) printedPair {
	name := ""
	if len(fs) > 1 && startsName(fs[1].text) {
		name = cleanName(fs[1].text)
	}
	if ctx.kuan == "" || fs[0].indent <= ctx.kuanIndent+1 {
		ctx.kuan, ctx.kuanIndent = ctx.class+fs[0].text, fs[0].indent
		return printedPair{Code: ctx.kuan, Name: name}
	}
	return printedPair{Code: ctx.kuan + fs[0].text, Name: name}
}

func startsName(s string) bool {
	for _, r := range s {
		return unicode.Is(unicode.Han, r) || r == '（' || r == '('
	}
	return false
}

// cleanName cuts a printed name at the first digit (a number glued to it).
func cleanName(s string) string {
	if i := strings.IndexAny(s, "0123456789"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

// plausibleCode accepts function codes (3, 5 or 7 digits under classes 201–239) and economic
// codes (3 or 5 digits under the classes of either edition); a 款 is never 00.
func plausibleCode(c string) bool {
	if len(c) >= 5 && c[3:5] == "00" {
		return false
	}
	switch {
	case c[0] == '2' && (len(c) == 3 || len(c) == 5 || len(c) == 7):
		k, _ := strconv.Atoi(c[:3])
		return k >= 201 && k <= 234 && k != 218 && k != 225 && k != 226 && k != 228
	case (c[0] == '3' || c[0] == '5') && (len(c) == 3 || len(c) == 5):
		k, _ := strconv.Atoi(c[:3])
		return (k >= 301 && k <= 313) || (k >= 501 && k <= 514) || k == 399 || k == 599
	}
	return false
}

// orgName reports whether a name beside a code is a department or unit (a unit code, a project
// table's unit column), not a subject.
func orgName(s string) bool {
	return strings.HasPrefix(s, "中共") || strings.Contains(s, "中心") || strings.Contains(s, "市委") ||
		strings.HasSuffix(s, "局") || strings.HasSuffix(s, "委员会") || strings.HasSuffix(s, "部")
}

// neighbourName is the text of the lines above (dir -1) or below (+1) line i that continue a
// wrapped name: up to two lines holding only text, or the first field of a row with amounts
// whose code is on a line of its own; the text must start near the code's column. Lines of
// amounts only, text far right of the code and the government-edition column of an economic row
// are passed over; a line that starts with a code stops it.
func neighbourName(lines []string, i, dir, col int) string {
	var parts []string
	for j := i + dir; j >= 0 && j < len(lines) && j >= i-3 && j <= i+3 && len(parts) < 2; j += dir {
		fs := fields(lines[j])
		if len(fs) == 0 || !hasHan(lines[j]) {
			continue
		}
		if fs[0].indent > col+24 || reGovEconomic.MatchString(fs[0].text) {
			continue // another column's text, or the government-edition column of the row
		}
		if !startsName(fs[0].text) || strings.ContainsAny(fs[0].text, "0123456789") || fs[0].indent < col-2 {
			break
		}
		if len(fs) > 1 {
			if len(parts) == 0 {
				parts = append(parts, fs[0].text)
			}
			break
		}
		parts = append(parts, fs[0].text)
	}
	if dir < 0 {
		slices.Reverse(parts)
	}
	return strings.Join(parts, "/")
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// writePrinted writes the harvest as TSV.
func writePrinted(path string, pairs []printedPair) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "# Code–name pairs printed in ../shared/corpus and ../shared/corpus-wide, harvested by")
	fmt.Fprintln(w, "# `go test ./loader/vocab -run TestPrintedPairs -harvest`. before/after: text of the lines")
	fmt.Fprintln(w, "# around the code's line, where a wrapped name continues.")
	fmt.Fprintln(w, "file\tline\tyear\tcode\tname\tbefore\tafter")
	for _, p := range pairs {
		fmt.Fprintf(w, "%s\t%d\t%d\t%s\t%s\t%s\t%s\n", p.File, p.Line, p.Year, p.Code, p.Name, p.Before, p.After)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// readPrinted reads testdata/printed.tsv.
func readPrinted(path string) ([]printedPair, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []printedPair
	for i, l := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		if strings.HasPrefix(l, "#") || strings.HasPrefix(l, "file\t") {
			continue
		}
		c := strings.Split(l, "\t")
		if len(c) != 7 {
			return nil, fmt.Errorf("%s:%d: %d columns, want 7", path, i+1, len(c))
		}
		line, _ := strconv.Atoi(c[1])
		year, _ := strconv.Atoi(c[2])
		out = append(out, printedPair{File: c[0], Line: line, Year: year, Code: c[3], Name: c[4], Before: c[5], After: c[6]})
	}
	return out, nil
}

// printedPath is a subject named by its path, as narratives print it without codes:
// "公共安全支出（类）司法（款）公共法律服务（项）".
type printedPath struct {
	File       string
	Line, Year int
	Names      []string // class, 款 and, when printed, 项
}

var (
	rePageNumber = regexp.MustCompile(`^\s*[—－-]?\s*\d{1,3}\s*[—－-]?\s*$`)
	rePath       = regexp.MustCompile(`(\p{Han}+)[（(]类[）)]((?:\p{Han}|[（(][\p{Han}、]{1,4}[）)])+?)[（(]款[）)](?:((?:\p{Han}|[（(][\p{Han}、]{1,4}[）)])+?)[（(]项[）)])?`)
)

// harvestPaths finds the name paths of one document. Lines are joined (narratives wrap in the
// middle of names) after page numbers are dropped.
func harvestPaths(file string, year int, text string) []printedPath {
	var b strings.Builder
	var lineAt []int // line number of each byte of b
	for i, l := range strings.Split(strings.ReplaceAll(text, "\f", ""), "\n") {
		if rePageNumber.MatchString(l) {
			continue
		}
		l = strings.Join(strings.Fields(foldDigits(l)), "")
		b.WriteString(l)
		for range len(l) {
			lineAt = append(lineAt, i+1)
		}
	}
	s := b.String()
	var out []printedPath
	seen := map[string]bool{}
	for _, m := range rePath.FindAllStringSubmatchIndex(s, -1) {
		p := printedPath{File: file, Line: lineAt[m[0]], Year: year}
		for k := 1; k <= 3; k++ {
			if m[2*k] >= 0 {
				p.Names = append(p.Names, s[m[2*k]:m[2*k+1]])
			}
		}
		if key := strings.Join(p.Names, "/"); !seen[key] {
			seen[key] = true
			out = append(out, p)
		}
	}
	return out
}

// writePaths and readPaths keep the name paths as TSV: file, line, year, class, 款, 项.
func writePaths(path string, paths []printedPath) error {
	var b strings.Builder
	b.WriteString("# Subjects named by their path in the narratives of ../shared/corpus and ../shared/corpus-wide\n")
	b.WriteString("# (\"公共安全支出（类）司法（款）公共法律服务（项）\"), harvested with -harvest.\n")
	b.WriteString("file\tline\tyear\tclass\tkuan\txiang\n")
	for _, p := range paths {
		names := append(slices.Clone(p.Names), "", "")[:3]
		fmt.Fprintf(&b, "%s\t%d\t%d\t%s\n", p.File, p.Line, p.Year, strings.Join(names, "\t"))
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

func readPaths(path string) ([]printedPath, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []printedPath
	for i, l := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		if strings.HasPrefix(l, "#") || strings.HasPrefix(l, "file\t") {
			continue
		}
		c := strings.Split(l, "\t")
		if len(c) != 6 {
			return nil, fmt.Errorf("%s:%d: %d columns, want 6", path, i+1, len(c))
		}
		line, _ := strconv.Atoi(c[1])
		year, _ := strconv.Atoi(c[2])
		p := printedPath{File: c[0], Line: line, Year: year, Names: c[3:5]}
		if c[5] != "" {
			p.Names = append(p.Names, c[5])
		}
		out = append(out, p)
	}
	return out, nil
}
