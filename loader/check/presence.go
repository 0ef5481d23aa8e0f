package check

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"budgetql/loader/vocab"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Every disclosure of a kind prints the same standard tables; a table with nothing to show says
// so (本表无数据); and a 三公 table left blank cannot meet a narrative that states an amount.

// requiredTables are the standard tables of a kind: each entry is satisfied by any of its ids (the
// basic expenditure by economic class comes under several titles). A 决算 prints 国有资本经营 too
// from its 2020 edition; a 预算 prints 8 tables, or 9 with 国有资本经营.
func requiredTables(kind model.Kind, year int) [][]model.TableID {
	out := [][]model.TableID{
		{model.TableSummary}, {model.TableIncome}, {model.TableExpenditure}, {model.TableAppropriation},
		{model.TableGPBFunction},
		{model.TableGPBEconomic, model.TableBasic, model.TableGPBAllEconomic, model.TableAppropriationEconomic},
		{model.TableSangong}, {model.TableGovFund},
	}
	if kind == model.KindFinal && year >= 2020 {
		out = append(out, []model.TableID{model.TableStateCapital})
	}
	return out
}

// presenceIssues reports a standard table the document does not print, a table printed empty
// without its note, and a blank 三公 table against the prose.
func presenceIssues(doc *model.Document, lines []text.Line, p *prose) []model.Issue {
	var out []model.Issue
	out = append(out, missingTables(doc, lines)...)
	out = append(out, unmarkedEmpty(doc, lines, p)...)
	out = append(out, blankSangong(doc, lines)...)
	return out
}

// missingTables: a required table neither read nor titled anywhere in the body. One the table of
// contents lists was dropped (critical); one it does not list was left out (high).
func missingTables(doc *model.Document, lines []text.Line) []model.Issue {
	if len(doc.Tables) == 0 || doc.Kind == "" {
		return nil
	}
	first := doc.Tables[0].Source.Line
	for _, t := range doc.Tables {
		first = min(first, t.Source.Line)
	}
	listed, titled := map[model.TableID]text.Line{}, map[model.TableID]bool{}
	for _, l := range lines {
		if !strings.Contains(l.Text, "表") {
			continue // every title ends with 表
		}
		id := vocab.TableOfTitle(strings.TrimSpace(l.Text))
		switch {
		case id == "":
		case l.No < first:
			if _, ok := listed[id]; !ok {
				listed[id] = l
			}
		default:
			titled[id] = true
		}
	}
	var out []model.Issue
	for _, ids := range requiredTables(doc.Kind, doc.Year) {
		if slices.ContainsFunc(ids, func(id model.TableID) bool { return doc.Table(id) != nil || titled[id] }) {
			continue
		}
		name := standardTitles[ids[0]]
		sev, line := model.SeverityHigh, first
		zh := fmt.Sprintf("未见%s应公开的%s（%s）。", kindChinese(doc), name, tableKindNote(doc.Kind))
		en := fmt.Sprintf("The document does not print the %s table of a %s.", ids[0], doc.Kind)
		if l, ok := listedLine(listed, ids); ok {
			sev, line = model.SeverityCritical, l.No
			name = vocab.TitleText(strings.TrimSpace(l.Text))
			zh = fmt.Sprintf("目录（第 %d 行）列有《%s》，正文中却没有这张表。", l.No, name)
			en = fmt.Sprintf("The table of contents (line %d) lists the %s table (%s), but the body does not print it.", l.No, ids[0], name)
		}
		out = append(out, model.Issue{Kind: model.IssueMissingTable, Line: line, Detail: strings.ToLower(en[:1]) + en[1:],
			Finding: model.Finding{Severity: sev, Message: zh, MessageEN: en,
				Suggestion: "补充公开此表；无数据时也应公开空表并注明“本表无数据”", SuggestionEN: "publish the table; an empty one with its 本表无数据 note"}})
	}
	return out
}

func listedLine(listed map[model.TableID]text.Line, ids []model.TableID) (text.Line, bool) {
	for _, id := range ids {
		if l, ok := listed[id]; ok {
			return l, true
		}
	}
	return text.Line{}, false
}

// tableKindNote says which tables a kind must print.
func tableKindNote(kind model.Kind) string {
	if kind == model.KindFinal {
		return "部门决算应公开 9 张表"
	}
	return "部门预算应公开 8 张表（或含国有资本经营预算支出表 9 张）"
}

func kindChinese(doc *model.Document) string {
	scope := "部门"
	if doc.Scope == model.ScopeUnit {
		scope = "单位"
	}
	if doc.Kind == model.KindFinal {
		return scope + "决算"
	}
	return scope + "预算"
}

var (
	// reEmptyNote: 本表无数据, 本表为空表, 无政府性基金预算财政拨款支出, 没有…收支.
	reEmptyNote = regexp.MustCompile(`本表(为空|无数据|无|空)|空表|无数据|(无|没有|未安排|未发生|不涉及)[^，。；]{0,24}(收入|支出|收支|经费|预算|数据)`)
	// reMoney: a figure as tables print money (with a point or thousands separators).
	reMoney = regexp.MustCompile(`\d[\d,]*\.\d+|\d{1,3}(,\d{3})+`)
)

// unmarkedEmpty: a table read without rows, whose printed body shows no figure, must carry a
// note that it has none, under the table or in the prose (本单位无政府性基金预算拨款支出).
func unmarkedEmpty(doc *model.Document, lines []text.Line, p *prose) []model.Issue {
	var out []model.Issue
	for _, t := range doc.Tables {
		if len(t.Rows) > 0 || t.Source.Line <= 0 {
			continue
		}
		body := tableBody(doc, t, lines)
		if slices.ContainsFunc(body, func(l text.Line) bool { return reEmptyNote.MatchString(strings.Join(strings.Fields(l.Text), "")) }) ||
			slices.ContainsFunc(body, func(l text.Line) bool { return reMoney.MatchString(l.Text) }) || p.saysNone(t.ID) {
			continue
		}
		title := strings.TrimSpace(t.Title)
		out = append(out, model.Issue{Kind: model.IssueEmptyUnmarked, Line: t.Source.Line,
			Detail: fmt.Sprintf("%s (%s) is printed without any figure and without a note that it has none", t.ID, title),
			Finding: model.Finding{Severity: model.SeverityLow,
				Message:      fmt.Sprintf("《%s》未列任何数字，也未注明“本表无数据”及原因。", title),
				MessageEN:    fmt.Sprintf("The %s table (%s) prints no figure and no note that it has none.", t.ID, title),
				Suggestion:   "在表下注明“本表无数据”并说明原因",
				SuggestionEN: "note under the table that it has no data (本表无数据), and why"}})
	}
	return out
}

// tableBody is the lines from a table's title to the next table's title (at most 60).
func tableBody(doc *model.Document, t *model.Table, lines []text.Line) []text.Line {
	end := t.Source.Line + 60
	for _, o := range doc.Tables {
		if o.Source.Line > t.Source.Line {
			end = min(end, o.Source.Line)
		}
	}
	for _, f := range doc.Narrative {
		if f.Source.Line > t.Source.Line {
			end = min(end, f.Source.Line)
		}
	}
	var out []text.Line
	for _, l := range lines {
		if l.No > t.Source.Line && l.No < end {
			out = append(out, l)
		}
	}
	return out
}

// sangongKeys are the narrative figures of the 三公 table.
var sangongKeys = []string{model.RowSangongTotal, model.RowOverseas, model.RowVehicleTotal, model.RowVehiclePurchase,
	model.RowVehicleOperation, model.RowReception}

// blankSangong: a 三公 table that prints no amount at all, while the prose states a 三公 amount
// (budget or actual) that is not zero.
func blankSangong(doc *model.Document, lines []text.Line) []model.Issue {
	sg := doc.Table(model.TableSangong)
	if sg == nil || tableHasFigure(sg) ||
		slices.ContainsFunc(tableBody(doc, sg, lines), func(l text.Line) bool { return reMoney.MatchString(l.Text) }) {
		return nil // a figure printed but not read is no blank table
	}
	for _, key := range sangongKeys {
		f := doc.NarrativeFigure(key)
		if f == nil {
			continue
		}
		for _, a := range []*model.Amount{&f.Value, f.Budget} {
			if a == nil || a.IsBlank() || a.Yuan.IsZero() {
				continue
			}
			what := "所述"
			if a == f.Budget {
				what = "年初预算"
			}
			title := strings.TrimSpace(sg.Title)
			return []model.Issue{{Kind: model.IssueBlankAgainstProse, Line: sg.Source.Line,
				Detail: fmt.Sprintf("the 三公 table (line %d) prints no amount, but the prose (line %d) states %s %s %s", sg.Source.Line, f.Source.Line, f.Name, a.Printed, a.Unit),
				Finding: model.Finding{Severity: model.SeverityHigh,
					Message:      fmt.Sprintf("《%s》（第 %d 行）未列任何金额，而情况说明（第 %d 行）称%s%s为 %s %s。", title, sg.Source.Line, f.Source.Line, f.Name, what, a.Printed, a.Unit),
					MessageEN:    fmt.Sprintf("The 三公 table (line %d) prints no amount, but the prose (line %d) states %s at %s %s.", sg.Source.Line, f.Source.Line, f.Name, a.Printed, a.Unit),
					Suggestion:   "在表中填列" + f.Name + "（" + a.Printed + " " + string(a.Unit) + "）",
					SuggestionEN: "print the amounts in the table (" + f.Name + " " + a.Printed + " " + string(a.Unit) + ")"}}}
		}
	}
	return nil
}

// fundWords name what a table's money is, as the prose says it has none.
var fundWords = map[model.TableID]string{model.TableGovFund: "政府性基金", model.TableStateCapital: "国有资本经营",
	model.TableSangong: "三公", model.TableGPBFunction: "一般公共预算", model.TableGPBEconomic: "一般公共预算", model.TableProject: "项目支出",
	model.TableProcurement: "政府采购"}

var reNone = regexp.MustCompile(`无|没有|为0|为零|未安排|不涉及|0万元|0元`)

// saysNone reports a sentence of the prose that says the table's money is nil ("政府性基金拨款支出
// 预算为0", "本单位无国有资本经营预算拨款").
func (p *prose) saysNone(id model.TableID) bool {
	w := fundWords[id]
	if w == "" {
		return false
	}
	for _, s := range strings.FieldsFunc(p.text, func(r rune) bool { return r == '。' || r == '；' || r == '\n' }) {
		if strings.Contains(s, w) && reNone.MatchString(s) {
			return true
		}
	}
	return false
}

// tableHasFigure reports a table with a printed figure other than zero.
func tableHasFigure(t *model.Table) bool {
	for _, r := range t.Rows {
		for _, c := range r.Cells {
			if !c.IsBlank() && !c.Yuan.IsZero() {
				return true
			}
		}
	}
	return false
}
