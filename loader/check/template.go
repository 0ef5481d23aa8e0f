package check

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"fmt"
	"regexp"
	"strings"
)

// The template every department fills in leaves traces when it is not filled: placeholders (XX,
// ××, 某某, 待填写) and unfinished wording (a 主要原因 with no reason, 增加持平).

var (
	// rePlaceholder: XX, xxx, ××, 某某 not part of a Latin word, or a request to fill in.
	rePlaceholder = regexp.MustCompile(`(?:^|[^A-Za-z])((?:[XxＸｘ×]{2,})|某某)(?:[^A-Za-z]|$)|(待填写|请填写|待补充|请补充|此处填写|请输入)`)
	// reEmptyReason: 主要原因 followed by nothing before the sentence or paragraph ends.
	reEmptyReason = regexp.MustCompile(`主要原因(?:是|为|如下)?[:：]?(?:[。；;]|\n|$)`)
	// reBothWays: a change word and 持平 side by side.
	reBothWays = regexp.MustCompile(`(?:增加|减少|增长|下降|上升)持平|持平(?:增加|减少|增长|下降|上升)`)
)

// templateIssues finds placeholders in every line and unfinished wording in the prose.
func templateIssues(doc *model.Document, lines []text.Line, p *prose) []model.Issue {
	var out []model.Issue
	for _, l := range lines {
		t := l.Text
		if !mayHoldPlaceholder(t) || strings.Contains(t, "http") || strings.Contains(t, "www.") {
			continue
		}
		m := rePlaceholder.FindStringSubmatch(t)
		if m == nil {
			continue
		}
		ph := m[1] + m[2]
		sev, where := model.SeverityHigh, ""
		if doc.Department != "" && strings.Contains(t, "部") && (strings.Contains(t, "预算") || strings.Contains(t, "决算")) || lineIsTitle(doc, l.No) {
			sev, where = model.SeverityCritical, "（标题）"
		}
		sug, sugEN := "填入实际内容", "fill in the actual text"
		if doc.Department != "" && strings.ContainsAny(ph, "XxＸｘ×某") {
			sug, sugEN = "填入实际名称（如“"+doc.Department+"”）", "fill in the actual name (e.g. "+doc.Department+")"
		}
		out = append(out, model.Issue{Kind: model.IssuePlaceholder, Line: l.No,
			Detail: fmt.Sprintf("template placeholder %q left in: %s", ph, strings.TrimSpace(t)),
			Finding: model.Finding{Severity: sev,
				Message:    fmt.Sprintf("第 %d 行%s留有模板占位符“%s”：%s", l.No, where, ph, strings.TrimSpace(t)),
				MessageEN:  fmt.Sprintf("Line %d keeps the template placeholder %q: %s", l.No, ph, strings.TrimSpace(t)),
				Suggestion: sug, SuggestionEN: sugEN}})
	}
	out = append(out, staleYears(doc, lines)...)
	for _, m := range reEmptyReason.FindAllStringIndex(p.text, -1) {
		out = append(out, leftover(p.line(m[0]), "“主要原因”后未写原因", "a 主要原因 (main reason) with no reason given",
			"补写变动的原因", "give the reason"))
	}
	for _, m := range bothWays(p.text) {
		w := p.text[m[0]:m[1]]
		out = append(out, leftover(p.line(m[0]), "“"+w+"”自相矛盾（既有增减又称持平）", fmt.Sprintf("%q says both a change and no change", w),
			"按数据写“增加”“减少”或“持平”之一", "keep one of increase, decrease or flat, as the figures say"))
	}
	return out
}

// reDocYear: a heading naming the year of the document it heads ("2023年度部门决算情况说明").
var reDocYear = regexp.MustCompile(`((?:19|20)\d\d)年度?(?:部门|单位)(?:预算|决算)`)

// staleYears: a heading that names another year than the document's, the template's previous
// edition left in. Only lines that name the document itself (…年度部门决算…) are read: the prose
// names other years for its comparisons.
func staleYears(doc *model.Document, lines []text.Line) []model.Issue {
	if doc.Year == 0 {
		return nil
	}
	var out []model.Issue
	for _, l := range lines {
		if !strings.Contains(l.Text, "年") || !strings.Contains(l.Text, "算") {
			continue
		}
		t := strings.Join(strings.Fields(l.Text), "")
		m := reDocYear.FindStringSubmatchIndex(t)
		if m == nil || !reHeading.MatchString(t) && !strings.HasSuffix(t, "说明") && !strings.HasSuffix(t, "表") {
			continue
		}
		y := t[m[2]:m[3]]
		if y == fmt.Sprint(doc.Year) || strings.Contains(t, fmt.Sprint(doc.Year)) {
			continue
		}
		out = append(out, model.Issue{Kind: model.IssueYearMismatch, Line: l.No,
			Detail: fmt.Sprintf("heading names %s, the document is of %d: %s", y, doc.Year, t),
			Finding: model.Finding{Severity: model.SeverityMedium,
				Message:    fmt.Sprintf("第 %d 行标题写作 %s 年度，而本文件是 %d 年度的%s：%s", l.No, y, doc.Year, kindChinese(doc), t),
				MessageEN:  fmt.Sprintf("Line %d heads the text as of %s, but the document is of %d: %s", l.No, y, doc.Year, t),
				Suggestion: fmt.Sprintf("应为 %d 年度", doc.Year), SuggestionEN: fmt.Sprintf("should be %d", doc.Year)}})
	}
	return out
}

// bothWays finds reBothWays around each 持平.
func bothWays(t string) [][]int {
	var out [][]int
	for from := 0; ; {
		i := strings.Index(t[from:], "持平")
		if i < 0 {
			return out
		}
		at := from + i
		from = at + len("持平")
		back := max(at-len("增加"), 0)
		if m := reBothWays.FindStringIndex(t[back:min(from+len("增加"), len(t))]); m != nil {
			out = append(out, []int{back + m[0], back + m[1]})
		}
	}
}

// mayHoldPlaceholder is a quick test that lets most lines skip rePlaceholder.
func mayHoldPlaceholder(t string) bool {
	for _, s := range []string{"X", "x", "×", "Ｘ", "ｘ", "某某", "填写", "补充", "请输入"} {
		if strings.Contains(t, s) {
			return true
		}
	}
	return false
}

func leftover(line int, zh, en, sugZH, sugEN string) model.Issue {
	return model.Issue{Kind: model.IssueTemplateLeftover, Line: line, Detail: "template wording left unfinished: " + en,
		Finding: model.Finding{Severity: model.SeverityMedium,
			Message: fmt.Sprintf("第 %d 行%s。", line, zh), MessageEN: fmt.Sprintf("Line %d: %s.", line, en),
			Suggestion: sugZH, SuggestionEN: sugEN}}
}

// lineIsTitle reports a table's title line.
func lineIsTitle(doc *model.Document, line int) bool {
	for _, t := range doc.Tables {
		if t.Source.Line == line {
			return true
		}
	}
	return false
}
