package check

import (
	"budgetql/loader/model"
	"fmt"
	"regexp"
	"strings"
)

// Grade gives every issue that has none yet (those the readers and the narrative record) its
// severity, a Chinese and an English message and, where determined, a suggestion. Parse runs it
// last, after the narrative is compared with the tables.
func Grade(doc *model.Document) {
	for i := range doc.Issues {
		is := &doc.Issues[i]
		if is.Severity != "" {
			continue
		}
		g := issueGrades[is.Kind]
		if g.severity == "" {
			g = issueGrade{model.SeverityLow, "问题", "issue"}
		}
		is.Severity = g.severity
		is.Message = fmt.Sprintf("第 %d 行，%s：%s", is.Line, g.zh, is.Detail)
		is.MessageEN = fmt.Sprintf("Line %d, %s: %s", is.Line, g.en, is.Detail)
		if is.Kind == model.IssueNarrativeMismatch {
			gradeMismatch(doc, is)
		}
	}
}

type issueGrade struct {
	severity model.Severity
	zh, en   string
}

// issueGrades grade the kinds of issue the readers record.
var issueGrades = map[model.IssueKind]issueGrade{
	model.IssueUnread:            {model.SeverityInfo, "有内容未能读取", "not read"},
	model.IssueLostRow:           {model.SeverityHigh, "表中缺行（合计大于所列各行之和）", "a row is missing"},
	model.IssueLostName:          {model.SeverityMedium, "行缺名称", "a row has no name"},
	model.IssueFilledRow:         {model.SeverityInfo, "缺行已据文中其他部分补全", "a missing row filled from elsewhere"},
	model.IssueFilledName:        {model.SeverityInfo, "缺失的名称已据文中其他部分补全", "a missing name filled from elsewhere"},
	model.IssueFilledOperator:    {model.SeverityInfo, "无法辨认的符号已据文中说明补全", "an unreadable operator filled from the prose"},
	model.IssueNarrativeMismatch: {model.SeverityHigh, "情况说明与表中数或自身前后不符", "the prose contradicts a table or itself"},
	model.IssueDuplicateTable:    {model.SeverityMedium, "同一张表印了两次", "a table printed twice"},
	model.IssueYearMismatch:      {model.SeverityMedium, "年度与文件不符", "another year than the document's"},
	model.IssueCodeResolved:      {model.SeverityInfo, "科目编码有误，已按名称识别", "a mangled code resolved by its name"},
	model.IssueCodeUnresolved:    {model.SeverityLow, "科目编码不是标准编码，按原样保留", "a code that is not official, kept as printed"},
}

// reMismatch reads narrative.Compare's detail: narrative NAME VALUE (line N) ≠ TABLE table ROW COL VALUE (line M).
var reMismatch = regexp.MustCompile(`^narrative (.+?) (-?[\d.,]+)(万元|元) \(line (\d+)\) ≠ (?:the empty )?(\S+?)(?: table)? (?:(\S+) (\S+) )?(-?[\d.,]+)(万元|元) \(line (\d+)\)$`)

// gradeMismatch words a narrative figure that differs from its table in Chinese, with the table's
// figure as the suggestion.
func gradeMismatch(doc *model.Document, is *model.Issue) {
	m := reMismatch.FindStringSubmatch(is.Detail)
	if m == nil {
		return
	}
	name, v, vu, tab, row, col, a, au, tl := m[1], m[2], m[3], model.TableID(m[5]), m[6], m[7], m[8], m[9], m[10]
	where := tableChinese(doc, tab)
	if n := rowChinese[row]; n != "" {
		where += n
	} else if row != "" {
		where += row
	}
	if col != "" && col != model.ColTotal {
		where += "（" + columnChinese(col) + "）"
	}
	is.Message = fmt.Sprintf("情况说明（第 %s 行）称%s为 %s %s，而%s（第 %s 行）为 %s %s，二者不符。", m[4], name, v, vu, where, tl, a, au)
	is.MessageEN = fmt.Sprintf("The prose (line %s) states %s at %s %s, but %s (line %s) prints %s %s.", m[4], name, v, unitEN(vu), strings.TrimSpace(string(tab)+" "+row+" "+col), tl, a, unitEN(au))
	if row == "" { // an empty table: the prose may be right and the table wrong
		return
	}
	is.Suggestion = "应为 " + a + " " + au + "（与表一致）"
	is.SuggestionEN = "should be " + a + " " + unitEN(au) + ", as the table prints"
}

func unitEN(u string) string {
	if u == "万元" {
		return "wan yuan"
	}
	return "yuan"
}
