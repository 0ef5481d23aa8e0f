package loader

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"budgetql/loader/grid"
	"budgetql/loader/model"
	"budgetql/loader/vocab"
)

// Where the department's name came from (model.Document.DepartmentFrom).
const (
	FromPrinted  = "printed"   // the document prints it
	FromOption   = "option"    // the caller named it (--department)
	FromFileName = "file_name" // the file's name holds it
)

var (
	// reCoverTitle reads a cover title: "重庆市商务委员会2026年部门预算情况说明", "2026年度泉州市
	// 公安局（本级）单位预算", "2019年佛山市轨道交通局部门决算", "上海市2026年市级单位预算".
	reCoverTitle = regexp.MustCompile(`^(?:附件\d+[:：]?)?(?:((?:19|20)\d\d)年度?)?(.*?)(?:((?:19|20)\d\d)年度?)?(?:区级|市级|县级|省级|本级)?(部门|单位)(?:综合)?(预算|决算)`)
	// reDeptLabel reads a label naming the department: "预算单位：上海市审计局", "部门名称：…".
	reDeptLabel = regexp.MustCompile(`(?:预算单位|部门名称|单位名称|预算主管部门|主管部门|编制部门|编制单位|部门（单位）|部门)[:：]([^\s:：]{3,40}?)(?:保密|负责|编制|联系|$)`)
	reRegion    = regexp.MustCompile(`^(.{2,6}?(?:省|自治区))?(.{2,8}?市)?(.{1,8}?(?:区|县|旗))`)
	reYearOnly  = regexp.MustCompile(`(19|20)\d\d`)
	reCity      = regexp.MustCompile(`^(.{2,6}?(?:省|自治区))?(.{2,8}?市)`)
)

// coverLines is how many lines with text from the top the cover may take.
const coverLines = 8

// identify reads the department, year, kind and scope from the cover (the first lines, up to the
// 目录 or the first table), from a label naming the department, or failing those from the
// options and the file's name, and records where the department came from.
func identify(doc *model.Document, lines []grid.Line, opt Options) error {
	cover := coverText(lines)
	if m := reCoverTitle.FindStringSubmatch(cover); m != nil {
		year := m[1]
		if year == "" {
			year = m[3]
		}
		doc.Year, _ = strconv.Atoi(year)
		doc.Kind = kindOf(m[5])
		doc.Scope = scopeOf(m[4], m[2])
		if name := cleanName(m[2]); name != "" && !isRegionOnly(name) {
			doc.Department, doc.DepartmentFrom = name, FromPrinted
		} else if name != "" {
			doc.Region.Name = name
		}
	}
	if doc.Department == "" {
		if m := reDeptLabel.FindStringSubmatch(cover); m != nil {
			doc.Department, doc.DepartmentFrom = cleanName(m[1]), FromPrinted
		}
	}
	fromFile(doc, opt)
	if doc.Kind == "" {
		doc.Kind, doc.Scope = model.KindBudget, model.ScopeDepartment
		if kindInTitles(lines) == model.KindFinal {
			doc.Kind = model.KindFinal
		}
	}
	if doc.Year == 0 {
		return &LineError{Line: 1, Err: ErrUnknownTemplate}
	}
	if err := mixedYears(doc, lines); err != nil {
		return err
	}
	if doc.Region.Name == "" {
		if m := reRegion.FindStringSubmatch(doc.Department); m != nil {
			doc.Region.Name = m[0]
		} else if m := reCity.FindStringSubmatch(doc.Department); m != nil {
			doc.Region.Name = m[0]
		}
	}
	return nil
}

// coverText is the compact text of the first lines, up to the 目录 or a table title.
func coverText(lines []grid.Line) string {
	var b strings.Builder
	n := 0
	for _, l := range lines {
		c := l.Compact()
		if c == "" {
			continue
		}
		if strings.HasPrefix(c, "目录") || vocab.TableOfTitle(c) != "" && n > 0 || n >= coverLines {
			break
		}
		b.WriteString(c)
		n++
	}
	return b.String()
}

// fromFile fills what the cover did not print from the options and the file's name
// ("附件2：北京市财政局2026年度部门预算报表.pdf").
func fromFile(doc *model.Document, opt Options) {
	if opt.Department != "" && doc.Department == "" {
		doc.Department, doc.DepartmentFrom = opt.Department, FromOption
	}
	stem := strings.TrimSuffix(filepath.Base(doc.File), filepath.Ext(doc.File))
	if m := reCoverTitle.FindStringSubmatch(lastPart(stem)); m != nil {
		if name := cleanName(m[2]); doc.Department == "" && name != "" && !isRegionOnly(name) {
			doc.Department, doc.DepartmentFrom = name, FromFileName
		}
		if doc.Kind == "" {
			doc.Kind, doc.Scope = kindOf(m[5]), scopeOf(m[4], m[2])
		}
	}
	if doc.Year == 0 {
		if y := reYearOnly.FindString(stem); y != "" {
			doc.Year, _ = strconv.Atoi(y)
		}
	}
}

// lastPart is a file name after its last separator ("财政局_附件2：北京市财政局…" → "北京市财政局…").
func lastPart(stem string) string {
	for _, sep := range []string{"：", ":", "_"} {
		if i := strings.LastIndex(stem, sep); i >= 0 {
			stem = stem[i+len(sep):]
		}
	}
	return stem
}

func kindOf(s string) model.Kind {
	if strings.Contains(s, "决") {
		return model.KindFinal
	}
	return model.KindBudget
}

func scopeOf(word, name string) model.Scope {
	if word == "单位" || strings.Contains(name, "本级") {
		return model.ScopeUnit
	}
	return model.ScopeDepartment
}

// kindInTitles tells a 决算 by its table titles when the cover does not say.
func kindInTitles(lines []grid.Line) model.Kind {
	for _, l := range lines {
		if c := l.Compact(); strings.HasSuffix(c, "决算表") || strings.HasSuffix(c, "决算总表") {
			return model.KindFinal
		}
	}
	return model.KindBudget
}

// cleanName trims what surrounds a department's name on a cover.
func cleanName(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimLeft(s, "：:、-—")
	s = strings.TrimRight(s, "：:、-—")
	return s
}

// isRegionOnly reports whether a title prefix names only a region ("上海市普陀区", "上海市").
func isRegionOnly(s string) bool {
	if m := reRegion.FindString(s); m != "" && m == s {
		return true
	}
	m := reCity.FindString(s)
	return m != "" && m == s
}

// reCoverLine is a whole line that is a cover title: a year and 部门/单位 预算 or 决算 at its end.
var reCoverLine = regexp.MustCompile(`^(?:附件\d+[:：]?)?[^，。；]{0,30}?((?:19|20)\d\d)年度?[^，。；]{0,30}?(?:部门|单位)(?:综合)?(预算|决算)(?:公开|情况说明|公开说明)?$`)

// mixedYears fails when a line after the cover titles another year's or kind's document: a file
// that holds two disclosures.
func mixedYears(doc *model.Document, lines []grid.Line) error {
	for i, l := range lines {
		if i < coverLines || l.Furniture {
			continue
		}
		c := l.Compact()
		m := reCoverLine.FindStringSubmatch(c)
		if m == nil || len([]rune(c)) > 40 || strings.HasPrefix(c, "第") && strings.Contains(c, "部分") {
			continue // a section heading, not a cover (a stale year there is the document's own error)
		}
		if strings.Contains(c, "说明") {
			continue
		}
		year, _ := strconv.Atoi(m[1])
		if year != doc.Year || kindOf(m[2]) != doc.Kind {
			return &LineError{Line: l.No, Err: fmt.Errorf("%w: a %d %s starts here inside the %d %s",
				ErrTwoYears, year, m[2], doc.Year, doc.Kind)}
		}
	}
	return nil
}
