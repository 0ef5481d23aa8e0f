package loader

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

var (
	// "曾都区政务服务和大数据管理局 2024 年部门预算", "2024年度部门决算", "上海市普陀区2025年区级部门预算"
	reTitle = regexp.MustCompile(`^\s*(.*?)\s*((?:19|20)\d\d)\s*年度?\s*(?:区级|市级|县级|省级)?\s*(部门|单位)\s*(预\s*算|决\s*算)\s*$`)
	// "预算主管部门：上海市普陀区人民政府办公室", "编制部门：…", "部门名称 …"
	reDeptLabelText = regexp.MustCompile(`^\s*(?:预算主管部门|主管部门|部门名称|编制部门|编制单位)\s*[:：]\s*(\S+)`)
	reRegionText    = regexp.MustCompile(`^(.{2,6}?(?:省|自治区))?(.{2,8}?市)?(.{1,8}?(?:区|县|旗))`)
)

// headWindow is how many lines from the top the title must appear in.
const headWindow = 40

// identifyText reads department, year, kind, scope and region from the cover and the first lines.
func identifyText(doc *model.Document, lines []text.Line) error {
	for i, l := range lines {
		if i >= headWindow {
			break
		}
		if !strings.Contains(l.Text, "部门") && !strings.Contains(l.Text, "单位") {
			continue // neither a title nor a department label
		}
		t := strings.TrimSpace(l.Text)
		if m := titleMatch(t); m != nil && doc.Year == 0 {
			doc.Year, _ = strconv.Atoi(m[2])
			doc.Kind = model.KindBudget
			if strings.Contains(m[4], "决") {
				doc.Kind = model.KindFinal
			}
			doc.Scope = model.ScopeDepartment
			if m[3] == "单位" {
				doc.Scope = model.ScopeUnit
			}
			if name := strings.TrimSpace(m[1]); name != "" && !isRegionOnlyText(name) {
				doc.Department = name
			} else if name == "" && i > 0 && doc.Department == "" {
				doc.Department = lastNonEmpty(lines[:i])
			} else if isRegionOnlyText(name) {
				doc.Region.Name = name
			}
			continue
		}
		if m := reDeptLabelText.FindStringSubmatch(t); m != nil && (doc.Department == "" || isRegionOnly(doc.Department)) {
			doc.Department = strings.TrimSpace(m[1])
		}
	}
	if doc.Year == 0 || doc.Department == "" {
		return &LineError{Line: 1, Err: ErrUnknownTemplate}
	}
	if err := oneYear(doc, lines); err != nil {
		return err
	}
	if doc.Region.Name == "" {
		if m := reRegionText.FindStringSubmatch(doc.Department); m != nil {
			doc.Region.Name = m[0]
		}
	}
	return nil
}

// isRegionOnly reports whether a title prefix names only a region ("上海市普陀区").
func isRegionOnlyText(s string) bool {
	m := reRegionText.FindString(s)
	return m != "" && m == s
}

// mayBeTitle is a cheap necessary condition for reTitle to match the trimmed line: it names a
// 部门 or 单位 and ends in 预算 or 决算 (reTitle's trailing \s is within what TrimSpace trims).
func mayBeTitle(s string) bool {
	return strings.HasSuffix(strings.TrimSpace(s), "算") && (strings.Contains(s, "部门") || strings.Contains(s, "单位"))
}

// titleMatch is reTitle.FindStringSubmatch(t), run only where mayBeTitle allows a match.
func titleMatch(t string) []string {
	if !mayBeTitle(t) {
		return nil
	}
	return reTitle.FindStringSubmatch(t)
}

func lastNonEmpty(lines []text.Line) string {
	for i := len(lines) - 1; i >= 0; i-- {
		if t := strings.TrimSpace(lines[i].Text); t != "" {
			return t
		}
	}
	return ""
}

// ErrTwoYears is returned for a file that holds the disclosures of more than one year.
var ErrTwoYears = errors.New("the file mixes two documents")

// oneYear fails when a second cover title with another year or kind appears in the file.
func oneYear(doc *model.Document, lines []text.Line) error {
	for _, l := range lines {
		m := titleMatch(strings.TrimSpace(l.Text))
		if m == nil {
			continue
		}
		year, _ := strconv.Atoi(m[2])
		final := strings.Contains(m[4], "决")
		if year != doc.Year || final != (doc.Kind == model.KindFinal) {
			return &LineError{Line: l.No, Err: fmt.Errorf("%w: a %d %s starts here inside the %d %s", ErrTwoYears,
				year, strings.ReplaceAll(m[4], " ", ""), doc.Year, doc.Kind)}
		}
	}
	return nil
}
