// Package vocab is the vocabulary of the national disclosure standard, as data: the titles of the
// standard tables, the labels of their columns and rows with their synonyms, and the national
// classification of expenditure. The readers ask it what a printed label means; a province with
// new wording costs an entry here, not a new reader.
package vocab

import (
	"regexp"
	"strings"

	"budgetql/loader/model"
)

// Tables recognised by title but not read as standard tables.
const (
	TableTargets model.TableID = "targets" // 绩效目标表: performance forms, read as targets
	TableOther   model.TableID = "other"   // 政府购买服务, 会议费, 结转资金…: recognised, not read
)

// titleRule names the table whose title holds every word of all and none of none.
type titleRule struct {
	id        model.TableID
	all, none []string
}

// titleRules, in order: the first that matches names the table. The words are the meaning every
// edition keeps ("一般公共预算" + "基本支出" + "经济"), whatever its numbering, year and wording.
var titleRules = []titleRule{
	{id: TableTargets, all: []string{"绩效"}},
	{id: model.TableSangong, all: []string{"三公"}},
	{id: model.TableProcurement, all: []string{"政府采购"}},
	{id: TableOther, all: []string{"政府购买服务"}},
	{id: TableOther, all: []string{"会议费"}, none: []string{"三公"}},
	{id: TableOther, all: []string{"培训费"}, none: []string{"三公"}},
	{id: TableOther, all: []string{"结转资金"}},
	{id: model.TableOfficeRunning, all: []string{"机关运行经费"}},
	{id: model.TableGovFund, all: []string{"政府性基金"}},
	{id: model.TableStateCapital, all: []string{"国有资本经营"}},
	{id: model.TableAppropriation, all: []string{"财政拨款", "收支"}},
	{id: model.TableAppropriation, all: []string{"财政拨款", "收入支出"}},
	{id: model.TableGPBEconomic, all: []string{"一般公共预算", "基本支出", "经济"}},
	{id: model.TableAppropriationEconomic, all: []string{"财政拨款", "基本支出", "经济"}},
	{id: model.TableGPBBasicFunction, all: []string{"一般公共预算", "基本支出", "功能"}},
	{id: model.TableGPBEconomic, all: []string{"一般公共预算", "基本支出"}},
	{id: model.TableGPBProjectEconomic, all: []string{"一般公共预算", "项目支出", "经济"}},
	{id: model.TableGPBAllEconomic, all: []string{"一般公共预算", "经济"}},
	{id: model.TableGPBFunction, all: []string{"一般公共预算"}},
	{id: model.TableAppropriationFunction, all: []string{"财政拨款", "支出", "功能"}},
	{id: model.TableSummary, all: []string{"收支"}},
	{id: model.TableSummary, all: []string{"收入支出"}},
	{id: model.TableIncome, all: []string{"收入"}},
	{id: model.TableBasic, all: []string{"基本支出"}},
	{id: model.TableProject, all: []string{"项目支出"}},
	{id: model.TableProject, all: []string{"专项业务经费"}},
	{id: model.TableExpenditure, all: []string{"支出"}},
}

// maxTitle is the longest a table title runs, in runes, once numbering and year are stripped.
const maxTitle = 48

var (
	// reTitleLabel is the numbering printed before a title: 附件2, 表1, 表一, 公开表3, 预算表12,
	// 公开01表, 预算01表, （一）, 一、, 1., 表5：.
	reTitleLabel = regexp.MustCompile(`^(附件\d+[:：]?|(部门)?(公开|预算)?报?表[0-9一二三四五六七八九十]+[、.．:：\-—]*|(公开|预算)\d+表[、.．:：]*|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、.．:：\-]|[-—])`)
	reTitleYear  = regexp.MustCompile(`(19|20)\d\d年(度)?`)
	reTitleEnd   = regexp.MustCompile(`(报?表)([（(][^）)]*[）)])?$`)
)

// TableOfTitle names the standard table a printed title announces ("2026年部门收支总体情况表",
// "公开03表 支出总表", "表5：一般公共预算支出情况表（按功能分类科目）"), or "" when the text is no
// table title. text is compact (no spaces).
func TableOfTitle(text string) model.TableID {
	t := TitleText(text)
	if t == "" {
		return ""
	}
	for _, r := range titleRules {
		if hasAll(t, r.all) && !hasAny(t, r.none) {
			return r.id
		}
	}
	return ""
}

// StartsWithNumbering reports whether a compact line opens with the numbering of a title or
// a section (一、, （二）, 表3, 第四部分).
func StartsWithNumbering(s string) bool {
	return reTitleLabel.MatchString(s) || strings.HasPrefix(s, "第") && strings.Contains(s, "部分")
}

// TitleText is a title without its numbering and year, or "" when text cannot be a title: it
// must end with 表 (and perhaps a bracketed note), be short and hold no sentence punctuation.
func TitleText(text string) string {
	if !reTitleEnd.MatchString(text) || strings.ContainsAny(text, "，。；;") {
		return ""
	}
	t := reTitleYear.ReplaceAllString(text, "")
	for i := 0; i < 3; i++ {
		if s := reTitleLabel.ReplaceAllString(t, ""); s != t {
			t = s
			continue
		}
		break
	}
	t = strings.TrimLeft(t, "-—:：、 ")
	if n := len([]rune(t)); n < 3 || n > maxTitle {
		return ""
	}
	return t
}

func hasAll(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

func hasAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// IsEconomicTable reports whether a table's rows are economic subjects (301…) rather than
// function subjects (201…).
func IsEconomicTable(id model.TableID) bool {
	switch id {
	case model.TableGPBEconomic, model.TableGPBAllEconomic, model.TableGPBProjectEconomic, model.TableBasic,
		model.TableAppropriationEconomic:
		return true
	}
	return false
}
