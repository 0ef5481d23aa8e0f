package check

import (
	"budgetql/loader/model"
	"budgetql/loader/vocab"
	"fmt"
	"strings"
)

// resolveCodes gives every row of an economic-subject table its official department economic code
// when the printed one is not it: a mangled code ("301 2" read as 3012) or a class's items numbered
// in sequence (30103 printed for 绩效工资). The code is found by the row's name under its class; the
// printed code is kept and the resolution recorded. A code that cannot be resolved stays as printed
// and is reported.
func resolveCodes(doc *model.Document) {
	for _, tab := range doc.Tables {
		if tab.ID != model.TableGPBEconomic {
			continue
		}
		class := ""
		for _, r := range tab.Rows {
			if !allDigits(r.Code) {
				continue
			}
			if len(r.Code) == 3 && economicName(r.Code, doc.Year) != "" {
				class = r.Code
				continue
			}
			resolveRow(doc, tab, r, class)
		}
	}
}

// resolveRow resolves one economic item row under class (the class row printed before it).
func resolveRow(doc *model.Document, tab *model.Table, r *model.Row, class string) {
	if len(r.Code) >= 3 && economicName(r.Code[:3], doc.Year) != "" {
		class = r.Code[:3]
	}
	official := economicName(r.Code, doc.Year)
	byName := ""
	if class != "" {
		byName, _ = vocab.EconomicCode(r.Name, class, doc.Year)
	}
	if len(r.Code) == 5 && official != "" && (byName == r.Code || normName(official) == normName(r.Name) || r.Name == "") {
		return
	}
	printed := r.PrintedCode
	if printed == "" {
		printed = r.Code
	}
	switch {
	case byName != "" && byName != r.Code:
		how := "is not an official economic code"
		if official != "" {
			how = fmt.Sprintf("is officially %s, not %s", official, r.Name)
		}
		r.CodeResolved = fmt.Sprintf("printed code %q %s; resolved by the name %s under class %s to %s",
			printed, how, r.Name, class, byName)
		r.PrintedCode = printed
		r.Code = byName
		r.Level = 2
		doc.Issues = append(doc.Issues, model.Issue{Kind: model.IssueCodeResolved, Line: r.Source.Line,
			Detail: fmt.Sprintf("%s: %s %s", tab.ID, r.Name, r.CodeResolved)})
	case official == "" || len(r.Code) != 5 && len(r.Code) != 3:
		doc.Issues = append(doc.Issues, model.Issue{Kind: model.IssueCodeUnresolved, Line: r.Source.Line,
			Detail: fmt.Sprintf("%s: printed code %q (%s) is not an official economic code and its name matches no item under class %q; kept as printed",
				tab.ID, printed, strings.TrimSpace(r.Name), class)})
	case byName == "" && len(r.Code) == 5:
		doc.Issues = append(doc.Issues, model.Issue{Kind: model.IssueCodeUnresolved, Line: r.Source.Line,
			Detail: fmt.Sprintf("%s: printed code %q is officially %s but the row is named %s, which matches no item under class %q; kept as printed",
				tab.ID, printed, official, strings.TrimSpace(r.Name), class)})
	}
}

// economicName is the official name of an economic subject code in a year, or "".
func economicName(code string, year int) string {
	name, _ := vocab.EconomicName(code, year)
	return name
}

// normName folds the differences that do not change a subject's identity: bracket width and spaces.
func normName(s string) string { return nameFolder.Replace(strings.TrimSpace(s)) }

var nameFolder = strings.NewReplacer("（", "(", "）", ")", " ", "", "\t", "")
