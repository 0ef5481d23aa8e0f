package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"budgetql/ingest"
	"budgetql/loader/model"
)

type checkCmd struct {
	JSON   bool     `help:"Print the model as JSON instead of the report."`
	Lang   string   `enum:"zh,en" default:"zh" help:"Language of the report: zh (中文) or en."`
	Format string   `enum:"text,csv" default:"text" help:"text: the report; csv: the findings as CSV (UTF-8 with BOM, Chinese headers)."`
	Files  []string `arg:"" type:"existingfile" help:"Disclosure files: PDF (a scanned one is read through OCR), pdftotext -layout text, OCR text or OCR word boxes (Tesseract TSV)."`
}

// Run reports each file. Exit status: 0 all checks pass, 1 a check failed, 2 a file is unreadable.
func (c *checkCmd) Run(e *env) error {
	status := 0
	var docs []*model.Document
	for _, path := range c.Files {
		doc, err := ingest.ReadFileWith(e.ctx, path, readOptions(e))
		if err != nil {
			fmt.Fprintln(e.stderr, "budgetql:", err)
			status = 2
			continue
		}
		if failed(doc) > 0 && status == 0 {
			status = 1
		}
		switch {
		case c.JSON:
			docs = append(docs, doc)
		case c.Format == "csv":
			if err := model.WriteFindingsCSV(e.stdout, doc.Findings(), len(docs) == 0, c.Lang == "en"); err != nil {
				return err
			}
			docs = append(docs, doc)
		default:
			writeReport(e.stdout, doc, c.Lang == "en")
		}
	}
	if c.JSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		var v any = docs
		if len(docs) == 1 {
			v = docs[0]
		}
		if err := enc.Encode(v); err != nil {
			return err
		}
	}
	if status != 0 {
		return &exitError{code: status}
	}
	return nil
}

func failed(doc *model.Document) int {
	n := 0
	for _, c := range doc.Checks {
		if c.Result == model.CheckFailed {
			n++
		}
	}
	return n
}

// writeReport prints the readable report of one document: what was read, then the findings by
// severity in document order.
func writeReport(w io.Writer, doc *model.Document, english bool) {
	l := reportWords(english)
	fmt.Fprintf(w, "%s\n  %s: %s\n  %s: %d  %s: %s  %s: %s  %s: %s  %s: %d\n", doc.File, l.department, doc.Department,
		l.year, doc.Year, l.kind, doc.Kind, l.scope, doc.Scope, l.format, doc.Format, l.pages, doc.Pages)
	fmt.Fprintln(w, "  "+l.tables+":")
	for _, t := range doc.Tables {
		note := ""
		if t.Empty {
			note = " (" + l.empty + ")"
		}
		fmt.Fprintf(w, "    %-20s %3d %s  %s %-3s  p.%d  %s%s\n", t.ID, len(t.Rows), l.rows, l.unit, t.Unit, t.Source.Page, t.Title, note)
	}
	writeTotals(w, doc, l)
	fromForms := 0
	for _, p := range doc.Projects {
		if p.AmountFrom == model.TablePerformanceForm {
			fromForms++
		}
	}
	fmt.Fprintf(w, l.lists+"\n", len(doc.Targets), len(doc.Projects), fromForms, len(doc.Procurement))
	counts := map[model.CheckResult]int{}
	for _, c := range doc.Checks {
		counts[c.Result]++
	}
	fmt.Fprintf(w, l.checks+"\n", counts[model.CheckPass], counts[model.CheckRounding], counts[model.CheckRepaired],
		counts[model.CheckFailed], counts[model.CheckNotApplicable])
	writeFindings(w, doc, l, english)
}

func writeTotals(w io.Writer, doc *model.Document, l words) {
	totals := []struct{ label, table, row, col string }{
		{l.incomeTotal, "summary", model.RowIncomeTotal, model.ColTotal},
		{l.expenditureTotal, "summary", model.RowExpenditureTotal, model.ColTotal},
		{l.basic, "expenditure", model.RowTotal, model.ColBasic},
		{l.project, "expenditure", model.RowTotal, model.ColProject},
		{"三公 total", "sangong", model.RowTotal, model.ColTotal},
	}
	fmt.Fprintln(w, "  "+l.totals+":")
	for _, tt := range totals {
		t := doc.Table(model.TableID(tt.table))
		if t == nil {
			continue
		}
		if r := t.Row(tt.row); r != nil {
			if a, ok := r.Cell(tt.col); ok && !a.IsBlank() {
				fmt.Fprintf(w, "    %-20s %s  (%s %q %s)\n", tt.label, a.Yuan.StringFixed(2), l.printed, a.Printed, a.Unit)
			}
		}
	}
}

// writeFindings prints the findings grouped by severity, in document order within each.
func writeFindings(w io.Writer, doc *model.Document, l words, english bool) {
	rows := doc.Findings()
	fmt.Fprintf(w, "  %s: %d\n", l.findings, len(rows))
	var group model.Severity = "-"
	for _, f := range rows {
		if f.Severity != group {
			group = f.Severity
			n := 0
			for _, g := range rows {
				if g.Severity == group {
					n++
				}
			}
			name := group.Chinese()
			if english {
				name = string(group)
			}
			fmt.Fprintf(w, "  【%s】%d\n", name, n)
		}
		msg, sug := f.Message, f.Suggestion
		if english {
			msg, sug = f.MessageEN, f.SuggestionEN
		}
		fmt.Fprintf(w, "    %s %d  [%s]  %s\n", l.line, f.Line, f.ID, msg)
		if sug != "" {
			fmt.Fprintf(w, "        %s%s\n", l.suggestion, sug)
		}
	}
}

// words are the report's labels in one language.
type words struct {
	department, year, kind, scope, format, pages, tables, rows, unit, empty, totals, printed string
	incomeTotal, expenditureTotal, basic, project, checks, findings, line, suggestion        string
	lists                                                                                    string
}

func reportWords(english bool) words {
	if english {
		return words{"department", "year", "kind", "scope", "format", "pages", "tables", "rows", "unit", "empty",
			"totals (yuan)", "printed", "income total", "expenditure total", "basic expenditure", "project expenditure",
			"  checks: %d pass, %d rounding, %d repaired, %d failed, %d not applicable",
			"findings (by severity, in document order)", "line", "suggestion: ",
			"  forms and lists: %d targets, %d projects (%d from performance forms), %d procurement items"}
	}
	return words{"部门", "年度", "类型", "范围", "格式", "页数", "表", "行", "单位", "空表",
		"合计（元）", "原文", "收入总计", "支出总计", "基本支出", "项目支出",
		"  校验：通过 %d，尾差 %d，修复 %d，失败 %d，不适用 %d",
		"发现（按严重程度，文中顺序）", "第", "建议：",
		"  绩效目标 %d 条，项目 %d 个（其中取自绩效目标表 %d 个），政府采购品目 %d 条"}
}

func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = fmt.Sprint(x)
	}
	return strings.Join(s, ",")
}
