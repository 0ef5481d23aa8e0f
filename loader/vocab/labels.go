package vocab

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// headerWords are words that head the columns of standard tables and do not open a sentence.
var headerWords = []string{
	"科目编码", "科目名称", "功能分类", "经济分类", "预算数", "决算数", "单位名称", "单位编码",
	"预算单位", "部门名称", "人员经费", "公用经费", "基本支出", "项目支出", "本年收入", "上年结转",
	"合计", "总计", "小计", "项目", "金额", "栏次", "行次",
	// forms: the head and the indicator grid of 绩效目标表
	"资金总额", "一级指标", "二级指标", "三级指标", "指标名称", "指标值",
}

// maxHeaderLine is the longest a header line runs once its spaces are removed.
const maxHeaderLine = 80

// IsHeaderWord reports whether a compact line reads like a table header: short, no sentence
// punctuation, and holding a header word.
func IsHeaderWord(compact string) bool {
	if utf8.RuneCountInString(compact) > maxHeaderLine || strings.ContainsAny(compact, "，。；") {
		return false
	}
	for _, w := range headerWords {
		if strings.Contains(compact, w) {
			return true
		}
	}
	return false
}

// IsTotalLabel reports whether a compact cell is a table's total label (合计, 总计, 合计数).
func IsTotalLabel(compact string) bool {
	switch strings.Trim(compact, "*") {
	case "合计", "总计", "合计数", "总计数", "支出合计", "收入合计":
		return true
	}
	return false
}

var reCodeStart = regexp.MustCompile(`^[\[【（(]?\d{3}(\d{2}){0,2}[\]】）)]?(\D|$)`)

// StartsWithCode reports whether a cell opens with a subject code ("2010301", "[201]", "201").
func StartsWithCode(s string) bool { return reCodeStart.MatchString(s) }
