package model

import (
	"encoding/csv"
	"io"
	"slices"
	"strconv"
)

// Severity grades a finding (a failed check or an issue): how much it matters to a reader of the
// document.
type Severity string

// Severities, from the most serious.
const (
	SeverityCritical Severity = "critical" // 严重: the document is incomplete or its totals do not balance
	SeverityHigh     Severity = "high"     // 高: a printed figure is wrong or contradicts another
	SeverityMedium   Severity = "medium"   // 中: a stated rate, share or comparison is wrong; a note is missing
	SeverityLow      Severity = "low"      // 低: a difference that may be legitimate, or a figure not read
	SeverityInfo     Severity = "info"     // 提示: recorded for the record (a repair, a resolved code)
)

// Severities lists the severities from the most serious.
var Severities = []Severity{SeverityCritical, SeverityHigh, SeverityMedium, SeverityLow, SeverityInfo}

// Chinese is the severity's name in Chinese: 严重, 高, 中, 低, 提示.
func (s Severity) Chinese() string {
	switch s {
	case SeverityCritical:
		return "严重"
	case SeverityHigh:
		return "高"
	case SeverityMedium:
		return "中"
	case SeverityLow:
		return "低"
	case SeverityInfo:
		return "提示"
	}
	return ""
}

// Rank orders severities: 0 for critical, 4 for info, 5 for none.
func (s Severity) Rank() int {
	for i, x := range Severities {
		if x == s {
			return i
		}
	}
	return len(Severities)
}

// Finding is what a person needs to act on a failed check or an issue: how serious it is, what is
// wrong with the printed numbers and by which rule, and, where the rules determine it, what the
// figure should be. Each text is given in Chinese and in English.
type Finding struct {
	Severity     Severity `json:"severity,omitempty"`
	Message      string   `json:"message,omitempty"`       // 中文: what is wrong and the rule
	MessageEN    string   `json:"message_en,omitempty"`    // the same in English
	Suggestion   string   `json:"suggestion,omitempty"`    // 中文, e.g. "应为 2,940.05"
	SuggestionEN string   `json:"suggestion_en,omitempty"` // the same in English
}

// FindingRow is one finding of a document, flat: the row form `budgetql check --format csv`
// writes and the API lists.
type FindingRow struct {
	File       string
	Department string
	Year       int
	Kind       Kind
	Line       int     // the first line it cites (0 when none)
	Page       int     // the page of that line (0 when unknown)
	Table      TableID // the table it concerns, if one
	ID         string  // the check id, or the issue kind
	Finding
}

// Findings lists the document's failed and repaired checks and its issues that have a severity,
// by severity and then in document order.
func (d *Document) Findings() []FindingRow {
	pages := d.linePages()
	var out []FindingRow
	add := func(line int, table TableID, id string, f Finding) {
		out = append(out, FindingRow{File: d.File, Department: d.Department, Year: d.Year, Kind: d.Kind,
			Line: line, Page: pages(line), Table: table, ID: id, Finding: f})
	}
	for _, c := range d.Checks {
		if c.Severity != "" {
			line := 0
			if len(c.Lines) > 0 {
				line = c.Lines[0]
			}
			add(line, c.Table, string(c.ID), c.Finding)
		}
	}
	for _, is := range d.Issues {
		if is.Severity != "" {
			add(is.Line, "", string(is.Kind), is.Finding)
		}
	}
	slices.SortStableFunc(out, func(a, b FindingRow) int {
		if r := a.Severity.Rank() - b.Severity.Rank(); r != 0 {
			return r
		}
		return a.Line - b.Line
	})
	return out
}

// linePages gives the page of a line, from the sources the document records: the page of the
// nearest recorded line at or above it.
func (d *Document) linePages() func(line int) int {
	at := map[int]int{}
	see := func(s Source) {
		if s.Line > 0 && s.Page > 0 {
			at[s.Line] = s.Page
		}
	}
	for _, t := range d.Tables {
		see(t.Source)
		for _, r := range t.Rows {
			see(r.Source)
		}
	}
	for _, n := range d.Narrative {
		see(n.Source)
	}
	lines := make([]int, 0, len(at))
	for l := range at {
		lines = append(lines, l)
	}
	slices.Sort(lines)
	return func(line int) int {
		i, found := slices.BinarySearch(lines, line)
		switch {
		case found:
			return at[lines[i]]
		case i > 0:
			return at[lines[i-1]]
		}
		return 0
	}
}

// FindingHeader is the CSV header of `budgetql check --format csv`, in Chinese.
var FindingHeader = []string{"文件", "部门", "年度", "类型", "严重程度", "行", "页", "表", "编号", "说明", "建议"}

// WriteFindingsCSV writes findings as UTF-8 CSV with a byte-order mark and FindingHeader; english
// picks the English texts.
func WriteFindingsCSV(w io.Writer, rows []FindingRow, header, english bool) error {
	if header {
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return err
		}
	}
	cw := csv.NewWriter(w)
	if header {
		if err := cw.Write(FindingHeader); err != nil {
			return err
		}
	}
	for _, f := range rows {
		sev, msg, sug := f.Severity.Chinese(), f.Message, f.Suggestion
		if english {
			sev, msg, sug = string(f.Severity), f.MessageEN, f.SuggestionEN
		}
		rec := []string{f.File, f.Department, strconv.Itoa(f.Year), string(f.Kind), sev, strconv.Itoa(f.Line),
			strconv.Itoa(f.Page), string(f.Table), f.ID, msg, sug}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
