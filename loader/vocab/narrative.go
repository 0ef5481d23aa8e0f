package vocab

// The vocabulary of the narrative (情况说明, 编制说明, 预算公开说明): what the prose calls each
// figure, the words that may stand between a name and its amount, and the words of a comparison
// with the previous year. loader/narrative reads the prose with it.

import (
	"strings"
	"sync"
	"unicode/utf8"

	"budgetql/loader/model"
)

// NarrativeLabel names a figure the prose states. Names are written with [optional|parts] and
// {one|other} choices, each expanding to literal names: "公务[用]车购置{及|和}运行[维护]费".
// Names are matched after brackets, their contents and quotation marks are removed: 因公出国（境）费
// is 因公出国费, “三公”经费 is 三公经费.
type NarrativeLabel struct {
	Names []string
	// Keys are the row codes the figure is stated under (two for 收入支出总计). A label without
	// keys is a phrase that names no figure of its own but must not be read as the shorter label
	// it ends with (一般公共预算拨款政府采购 is a part of the procurement, 政府采购 the whole).
	Keys []string
	// Within gives the key of a part by the figure it is a part of: 人员经费 stated after
	// 一般公共预算基本支出 is that expenditure's 人员经费. A label with Within and no Keys is read
	// only as a part; a part mapped to "" is no figure (公务接待费 in the list of 机关运行经费). (The narrative reader takes the general public budget's 基本支出 and
	// 项目支出 for the department's where the tables show it spends nothing else.)
	Within map[string]string
}

// narrativeLabels are the figure names of the narrative templates of every province seen. Where
// two labels end a text, the one that starts first wins (财政拨款收入支出总计 over 收入支出总计);
// where two start at the same place, the first in this list.
var narrativeLabels = []NarrativeLabel{
	// totals
	{Names: []string{"财政拨款收入支出[决算]总计", "财政拨款收支[预算|决算]总计", "财政拨款收支总预算"},
		Keys: []string{model.RowFiscalAppropriationTotal}},
	{Names: []string{"收入支出[预算|决算]总计", "收支[预算|决算]总计", "收支总预算", "收支预算"},
		Keys: []string{model.RowIncomeTotal, model.RowExpenditureTotal}},
	{Names: []string{"本年收入[合计|小计]", "本年支出[合计|小计]"}}, // this year's, not the total with carry-over
	{Names: []string{"收入[预算|决算]{总计|合计}", "收入预算", "{部门|单位}预算收入", "当年预算收入", "总收入"},
		Keys: []string{model.RowIncomeTotal}},
	{Names: []string{"支出[预算|决算]{总计|合计}", "支出预算", "{部门|单位}预算支出", "总支出"},
		Keys: []string{model.RowExpenditureTotal}},
	// 财政拨款 and the fund types
	{Names: []string{"财政拨款收入[合计|总计]"}, Keys: []string{model.RowFiscalAppropriation}},
	{Names: []string{"财政拨款支出[合计|总计]", "财政拨款预算支出"}, Keys: []string{model.RowFiscalAppropriationExp}},
	{Names: []string{"一般公共预算[拨款|财政拨款]收入", "一般公共预算当年拨款收入", "政府性基金[预算][拨款|财政拨款]收入",
		"国有资本经营预算[拨款|财政拨款]收入"}}, // income by fund, not the totals
	{Names: []string{"一般公共预算[财政]拨款基本支出", "一般公共预算基本支出"}, Keys: []string{model.RowGPBBasic}},
	{Names: []string{"一般公共预算[财政]拨款项目支出", "一般公共预算项目支出"}, Keys: []string{model.RowGPBProject}},
	{Names: []string{"一般公共预算[财政]拨款支出", "一般公共预算支出", "一般公共预算当年拨款"},
		Keys: []string{model.RowGeneralPublicBudget}},
	{Names: []string{"政府性基金[预算][财政]拨款支出", "政府性基金[预算]支出"}, Keys: []string{model.RowGovFundExpenditure}},
	{Names: []string{"国有资本经营预算[财政]拨款支出", "国有资本经营[预算]支出"}, Keys: []string{model.RowStateCapitalExpendit}},
	{Names: []string{"财政拨款基本支出"}}, // of every fund: neither the department's nor the general public budget's
	// basic and project expenditure, and the parts of the general public budget's basic expenditure
	{Names: []string{"基本支出"}, Keys: []string{model.RowBasicExpenditure},
		Within: map[string]string{model.RowGeneralPublicBudget: model.RowGPBBasic}},
	{Names: []string{"项目支出"}, Keys: []string{model.RowProjectExpenditure},
		Within: map[string]string{model.RowGeneralPublicBudget: model.RowGPBProject}},
	{Names: []string{"人员经费", "人员支出"}, Within: map[string]string{model.RowGPBBasic: model.RowGPBBasicPersonnel}},
	{Names: []string{"公用经费", "[日常]公用支出"}, Within: map[string]string{model.RowGPBBasic: model.RowGPBBasicPublicUse}},
	// 三公 and 机关运行经费
	{Names: []string{"三公经费"}, Keys: []string{model.RowSangongTotal}},
	{Names: []string{"因公出国[境]{费|费用|经费}"}, Keys: []string{model.RowOverseas}, Within: notSangong},
	{Names: []string{"公务[用]车购置{及|和}运行[维护]费"}, Keys: []string{model.RowVehicleTotal}, Within: notSangong},
	{Names: []string{"公务[用]车购置[费]"}, Keys: []string{model.RowVehiclePurchase}, Within: notSangong},
	{Names: []string{"公务[用]车[用车]运行[维护]费", "公务用车运行及维护[费]"}, Keys: []string{model.RowVehicleOperation},
		Within: notSangong},
	{Names: []string{"公务接待费"}, Keys: []string{model.RowReception}, Within: notSangong},
	{Names: []string{"机关运行经费", "财政拨款运行经费"}, Keys: []string{model.RowOfficeRunning}},
	// 政府采购: the parts are read after the whole; the part of one fund is no whole
	{Names: []string{"一般公共预算[拨款|财政拨款]政府采购"}},
	{Names: []string{"政府采购[支出][预算][总额|总金额|金额]", "政府采购项目"}, Keys: []string{model.RowProcurementTotal}},
	{Names: []string{"政府采购货物[类]", "[拟]采购货物", "货物[类]采购", "货物类项目"},
		Within: map[string]string{model.RowProcurementTotal: model.RowProcurementGoods}},
	{Names: []string{"政府采购工程[类]", "[拟]采购工程", "工程[类]采购", "工程类项目"},
		Within: map[string]string{model.RowProcurementTotal: model.RowProcurementWorks}},
	{Names: []string{"政府采购服务[类]", "[拟]采购服务", "服务[类]采购", "服务类项目"},
		Within: map[string]string{model.RowProcurementTotal: model.RowProcurementServices}},
	{Names: []string{"面向中小企业[及小微企业][预留][政府]采购[项目]"}, Keys: []string{model.RowProcurementSME}},
	{Names: []string{"{预留给|面向}{小型和微型企业|小微企业}[的][预留][政府]采购[项目]"}, Keys: []string{model.RowProcurementMicro}},
}

// notSangong: the 三公 items listed among the parts of 机关运行经费 are its parts, not the 三公.
var notSangong = map[string]string{model.RowOfficeRunning: ""}

// narrativeSubsetWords make the figure named after them a part: "涉及一般公共预算当年拨款X万元"
// is the part of the appropriation that performance targets cover.
var narrativeSubsetWords = []string{"涉及"}

// NarrativeSubsetBefore reports whether the text before a label makes it a part of its figure.
func NarrativeSubsetBefore(before string) bool {
	for _, w := range narrativeSubsetWords {
		if strings.Contains(before, w) {
			return true
		}
	}
	return false
}

// narrativeSubjects name a figure only as the subject of a comparison, where a bare word is
// clear: "收入比2025年增加2,734.52万元". Before an amount they would be read in 事业收入.
var narrativeSubjects = map[string][]string{
	"收入": {model.RowIncomeTotal},
	"支出": {model.RowExpenditureTotal},
	"收支": {model.RowIncomeTotal, model.RowExpenditureTotal},
}

// NarrativeSubject returns the keys of a bare subject of a comparison ("收入"), or nil.
func NarrativeSubject(s string) []string { return narrativeSubjects[s] }

// narrativeTail is what may stand between a label and its amount, slot by slot in the order
// printed, each slot optional: "财政拨款支出年初预算为", "2026年预算数", "预算支出", "预算共",
// "决算为", "预算金额", "安排".
var narrativeTail = []tailSlot{
	{year: true},
	{words: []string{"财政拨款"}},
	{words: []string{"支出"}},
	{words: []string{"年初", "年度"}},
	{words: []string{"预算", "决算"}},
	{words: []string{"支出"}},
	{words: []string{"数"}},
	{words: []string{"金额"}},
	{words: []string{"合计", "总计", "总额", "共计", "共有", "共"}},
	{words: []string{"安排", "为", "是"}, repeat: true},
}

// tailSlot is one optional place of the tail: one of words, or several in a row with repeat; or
// a year (2026年, 2026年度).
type tailSlot struct {
	words  []string
	repeat bool
	year   bool
}

// labelIndex holds the expanded names: by name, the index of its label (the first in the list).
type labelIndex struct {
	byName  map[string]int
	maxName int // the longest name, in bytes
}

var (
	labelsOnce sync.Once
	labels     labelIndex
)

func narrativeIndex() *labelIndex {
	labelsOnce.Do(func() {
		labels.byName = map[string]int{}
		for i, l := range narrativeLabels {
			for _, n := range l.Names {
				for _, name := range expandNames(n) {
					if _, dup := labels.byName[name]; !dup {
						labels.byName[name] = i
					}
					labels.maxName = max(labels.maxName, len(name))
				}
			}
		}
	})
	return &labels
}

// NarrativeLabelEnding finds the label that ends s, followed only by tail words: the label, and
// the byte span of its name in s. ok is false when no label ends s. Of the labels that end s, the
// one starting first wins, then the first in the list, then the longest name.
func NarrativeLabelEnding(s string) (l NarrativeLabel, start, end int, ok bool) {
	x := narrativeIndex()
	var buf [16]int
	ends := tailStarts(s, buf[:0])
	from := len(s)
	for _, j := range ends {
		from = min(from, j-x.maxName) // no name is longer: no label starts before
	}
	for from > 0 && !utf8.RuneStart(s[from]) {
		from++
	}
	best, bestStart, bestEnd := -1, 0, 0
	for i := max(from, 0); i < len(s); {
		if best >= 0 && i > bestStart {
			break
		}
		for _, j := range ends {
			if j-i <= 0 || j-i > x.maxName {
				continue
			}
			k, found := x.byName[s[i:j]]
			if !found {
				continue
			}
			if best < 0 || k < best || (k == best && j > bestEnd) {
				best, bestStart, bestEnd = k, i, j
			}
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	if best < 0 {
		return NarrativeLabel{}, 0, 0, false
	}
	return narrativeLabels[best], bestStart, bestEnd, true
}

// tailStarts appends to ends every byte offset j of s such that s[j:] is a tail (len(s) included:
// the empty tail).
func tailStarts(s string, ends []int) []int {
	ends = append(ends, len(s))
	for k := len(narrativeTail) - 1; k >= 0; k-- {
		slot := narrativeTail[k]
		from := ends
		for len(from) > 0 {
			var next []int
			for _, e := range from {
				for _, w := range slotWords(slot, s[:e]) {
					if strings.HasSuffix(s[:e], w) && !containsInt(ends, e-len(w)) {
						next = append(next, e-len(w))
						ends = append(ends, e-len(w))
					}
				}
			}
			if !slot.repeat {
				break
			}
			from = next
		}
	}
	return ends
}

// slotWords are the words of a slot; for a year, the year s ends in, if any.
func slotWords(slot tailSlot, s string) []string {
	if !slot.year {
		return slot.words
	}
	t := strings.TrimSuffix(s, "度")
	if !strings.HasSuffix(t, "年") || len(t) < 4+len("年") {
		return nil
	}
	digits := t[len(t)-len("年")-4 : len(t)-len("年")]
	for i := 0; i < 4; i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return nil
		}
	}
	return []string{s[len(t)-len("年")-4:]}
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// expandNames expands the [optional] parts and {one|other} choices of a name into literal names.
func expandNames(pattern string) []string {
	out := []string{""}
	for pattern != "" {
		var choices []string
		switch pattern[0] {
		case '[', '{':
			closer := map[byte]string{'[': "]", '{': "}"}[pattern[0]]
			end := strings.Index(pattern, closer)
			if end < 0 {
				panic("vocab: unclosed " + pattern)
			}
			choices = strings.Split(pattern[1:end], "|")
			if pattern[0] == '[' {
				choices = append([]string{""}, choices...)
			}
			pattern = pattern[end+1:]
		default:
			end := strings.IndexAny(pattern, "[{")
			if end < 0 {
				end = len(pattern)
			}
			choices, pattern = []string{pattern[:end]}, pattern[end:]
		}
		var next []string
		for _, o := range out {
			for _, c := range choices {
				next = append(next, o+c)
			}
		}
		out = next
	}
	return out
}

// ChangeVerbs are the verbs of a change from the previous year, with the sign of the change.
var ChangeVerbs = map[string]int{
	"增加": 1, "增长": 1, "上升": 1, "提高": 1, "增幅": 1, "增": 1,
	"减少": -1, "下降": -1, "降低": -1, "降幅": -1, "减幅": -1, "减": -1,
}

// FlatWords say that a figure did not change: "与2025年预算持平", "与上年预算数相同".
var FlatWords = []string{"持平", "相同"}

// ChangeVerbEnding returns the change verb that ends s, allowing a trailing 了 or 为 ("增加了",
// "增长为"), and where it starts; at is -1 when none does.
func ChangeVerbEnding(s string) (verb string, at int) {
	t := strings.TrimSuffix(s, "为")
	t = strings.TrimSuffix(t, "了")
	for v := range ChangeVerbs {
		if strings.HasSuffix(t, v) && len(v) > len(verb) {
			verb = v
		}
	}
	if verb == "" {
		return "", -1
	}
	return verb, len(t) - len(verb)
}

// PreviousYearWords name the previous year in a label ("上年收入总计", "去年预算"), longest first.
var PreviousYearWords = []string{"上一年度", "上年度", "上一年", "上年", "去年"}

// BasisWords mark a comparison with the previous year ("比2023年预算", "较上年", "比年初预算",
// "同期"); a four-digit year followed by 年 does too.
var BasisWords = []string{"上年", "去年", "上一年", "年初", "同期", "以前年度"}

// DistributiveWords may follow a subject before its change: "收入、支出决算总计各减少".
var DistributiveWords = []string{"各", "均", "分别"}

// NameKey folds what does not tell two printed subject names apart (ordinal, width, spaces,
// bracket shapes, quotes): two names with the same key name the same subject.
func NameKey(s string) string { return normName(stripOrdinal(s)) }

// IsNarrativeTail reports whether s is only words that may stand between a label and its amount
// ("2026年预算数", "年初预算数为", "").
func IsNarrativeTail(s string) bool {
	var buf [16]int
	return containsInt(tailStarts(s, buf[:0]), 0)
}

// staffKinds name what a staffing count counts by the end of its label, first match first:
// "本部门人员编制75人", "行政编制35人", "实有在职人员380人", "单位管理的离退休人员2人".
var staffKinds = []struct {
	words []string
	key   string
}{
	{[]string{"行政编制"}, model.StaffAuthorizedAdmin},
	{[]string{"事业编制"}, model.StaffAuthorizedInstitution},
	{[]string{"编制", "编制数"}, model.StaffAuthorized},
	{[]string{"实有人员", "实有在职人员", "实有人数", "在职人员"}, model.StaffActual},
	{[]string{"离退休人员", "退休人员"}, model.StaffRetired},
}

// staffParts name the parts of a count by the count before them: "实有人员72人，其中行政34人，事业38人".
var staffParts = map[string]map[string]string{
	model.StaffActual:     {"行政": model.StaffActualAdmin, "事业": model.StaffActualInstitution},
	model.StaffAuthorized: {"行政": model.StaffAuthorizedAdmin, "事业": model.StaffAuthorizedInstitution},
}

// StaffKey returns what a staffing count with the printed label counts, given the key of the
// count stated before it; "" when not known (劳务派遣人员 is kept as printed).
func StaffKey(label, before string) string {
	for _, k := range staffKinds {
		for _, w := range k.words {
			if strings.HasSuffix(label, w) {
				return k.key
			}
		}
	}
	for part, key := range staffParts[before] {
		if strings.HasSuffix(label, part) {
			return key
		}
	}
	return ""
}
