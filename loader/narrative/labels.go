package narrative

import (
	"budgetql/loader/vocab"
	"regexp"
	"strings"
	"unicode/utf8"
)

// label is a figure name found in the prose: its vocabulary entry, the name as printed, and
// whether it is all the text it was found in (numbering and tail words aside).
type label struct {
	vocab.NarrativeLabel
	name   string
	whole  bool
	subset bool // after a word that makes it a part of the figure ("涉及一般公共预算当年拨款")
}

// matchLabel finds the label that ends s. The name is given as printed, brackets and quotes
// included ("“三公”经费", "因公出国（境）费").
func matchLabel(s string) (label, bool) {
	t, from := labelTextMap(s)
	l, a, b, ok := vocab.NarrativeLabelEnding(t)
	if !ok {
		return label{}, false
	}
	start, end := from[a], from[b-1]
	_, size := utf8.DecodeRuneInString(s[end:])
	return label{NarrativeLabel: l, name: printedLabel(s, start, end+size), whole: a == 0,
		subset: vocab.NarrativeSubsetBefore(t[:a])}, true
}

// printedLabel adds the opening quote of a quoted word the label starts with: "“三公”经费".
// The 、 that joinPairs marks is given back.
func printedLabel(s string, start, end int) string {
	name := s[start:end]
	opens := strings.Count(name, "“") + strings.Count(name, "「")
	closes := strings.Count(name, "”") + strings.Count(name, "」")
	ascii := strings.Count(name, `"`)
	if start > 0 && (closes > opens || ascii%2 == 1) {
		if r, size := utf8.DecodeLastRuneInString(s[:start]); strings.ContainsRune("“「\"", r) {
			name = s[start-size : end]
		}
	}
	return strings.ReplaceAll(name, "·", "、")
}

// changeVerbStart is where the change verb ending s starts (a trailing 了 or 为 allowed), or -1.
func changeVerbStart(s string) int {
	_, at := vocab.ChangeVerbEnding(s)
	return at
}

var (
	// a four-digit year, as a comparison names it: 比2023年预算, 与2023年度
	reYear = regexp.MustCompile(`\d{4}年`)
	// "与2023年度相比" standing alone before the clause it governs
	reCompareClause = regexp.MustCompile(`^(?:与|较|同)[^，。；]*相比$`)
	// "2024年预算安排" restating this year's amount
	reRestate = regexp.MustCompile(`^(\d{4})年度?(?:预算安排|预算数为|预算为|预算|安排)$`)
	// 决算 documents: 年初预算为 (this year's budget) and 支出决算为 (the final figure)
	reBudgetTail = regexp.MustCompile(`(?:年初)?预算(?:数)?为?$`)
	reActualTail = regexp.MustCompile(`(?:支出)?决算(?:数)?为?$`)
)

// verbSign is the sign of a change verb.
func verbSign(verb string) int {
	v, _ := vocab.ChangeVerbEnding(verb)
	if vocab.ChangeVerbs[v] < 0 {
		return -1
	}
	return 1
}

// namesYear reports a comparison that names the previous year: 比2023年预算, 与2023年度, 较上年,
// 比年初预算.
func namesYear(s string) bool {
	for _, w := range vocab.BasisWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return reYear.MatchString(s)
}

// splitComparison splits "收入支出总计" / "比2023年预算" / "同比" from the text before a change
// verb or 持平: the subject named, and the basis of comparison as printed.
func splitComparison(s string) (subject, basis string) {
	defer func() { subject = trimDistributive(subject) }()
	if i := strings.Index(s, "同比"); i >= 0 {
		return s[:i], ""
	}
	best := -1
	for _, c := range []string{"比", "较", "与"} {
		if i := strings.Index(s, c); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	if best < 0 {
		return s, ""
	}
	// "与上年相比收、支预算总计各": the comparison first, then the subject
	if i := strings.Index(s, "相比"); best == 0 && i > 0 && i+len("相比") < len(s) {
		return s[i+len("相比"):], s[:i+len("相比")]
	}
	return s[:best], s[best:]
}

// previousBasis reports whether the text before an amount introduces the previous year's figure
// ("上年收入总计", "比去年预算", "2023年当年预算执行数为"), the basis it names, and the figure it
// names when it names one (收入总计 in "上年收入总计").
func previousBasis(pre string) (basis, subject string, ok bool) {
	s := strings.TrimSuffix(strings.TrimSuffix(pre, "为"), "是")
	if strings.HasPrefix(s, "比") || strings.HasPrefix(s, "较") {
		return s, "", namesYear(s)
	}
	if strings.Contains(s, "执行数") {
		return s, "", true
	}
	if word, rest, ok := cutPreviousYear(s); ok {
		rest = strings.TrimPrefix(strings.TrimPrefix(rest, "度"), "的")
		if rest == "" || strings.HasPrefix(rest, "预算") {
			return word, "", true
		}
		if l, ok := matchLabel(rest); ok && l.Keys != nil {
			return word, rest, true
		}
	}
	return "", "", false
}

// cutPreviousYear finds the first word naming the previous year in s (the longest at that
// place) and what follows it.
func cutPreviousYear(s string) (word, after string, ok bool) {
	at := -1
	for _, w := range vocab.PreviousYearWords {
		i := strings.Index(s, w)
		if i >= 0 && (at < 0 || i < at || (i == at && len(w) > len(word))) {
			at, word = i, w
		}
	}
	if at < 0 {
		return "", "", false
	}
	return word, s[at+len(word):], true
}

// trimDistributive drops 各 / 均 / 分别 after a subject: "收入、支出决算总计各减少".
func trimDistributive(s string) string {
	for _, w := range vocab.DistributiveWords {
		s = strings.TrimSuffix(s, w)
	}
	return s
}
