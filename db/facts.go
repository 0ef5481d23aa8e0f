package db

import (
	"encoding/json"
	"slices"

	"budgetql/loader/model"
)

// The COPY statements, one per fact table; the row functions below fill their columns in order.
const (
	copyUnit = `COPY unit (department_id, document_id, ordinal, code, name, kind) FROM STDIN`

	copySubject = `COPY subject (department_id, document_id, classification, year, code, name, level,
		parent_code) FROM STDIN`

	copyFigure = `COPY figure (department_id, document_id, ordinal, year, kind, table_id, row_code,
		row_name, level, column_id, amount, printed, unit, status, note, page, line, line_text,
		box_left, box_top, box_width, box_height, confidence) FROM STDIN`

	copyProject = `COPY project (department_id, document_id, ordinal, year, code, name, unit_name,
		category, amount, printed, unit, status, name_from, page, line, line_text, source_table) FROM STDIN`

	copyProcurement = `COPY procurement_item (department_id, document_id, ordinal, unit_code, unit_name,
		project, category, function_subject, economic_subject, quantity, unit_price, measure_unit,
		total, total_printed, sme, micro, page, line, line_text) FROM STDIN`

	copyTarget = `COPY target (department_id, document_id, ordinal, year, project_code, project_name,
		level1, level2, level3, operator, value, measure_unit, funds, page, line, line_text) FROM STDIN`

	copyNarrative = `COPY narrative_figure (department_id, document_id, ordinal, year, key, name, value,
		value_printed, unit, stated_previous, previous_status, stated_change, stated_percent,
		direction, basis, budget, page, line, line_text) FROM STDIN`

	copyStaffing = `COPY staffing (department_id, document_id, ordinal, kind, count, page, line,
		line_text) FROM STDIN`

	copyCheck = `COPY check_result (department_id, document_id, ordinal, check_id, rule, table_id,
		result, expected, actual, detail, lines, severity, message, message_en, suggestion, suggestion_en,
		cells) FROM STDIN`

	copyRepair = `COPY repair (department_id, document_id, ordinal, table_id, row_code, row_name,
		column_id, printed, value, rule, line) FROM STDIN`

	copyLineBox = `COPY line_box (document_id, line, page, box_left, box_top, box_width, box_height) FROM STDIN`

	copyIssue = `COPY document_issue (department_id, document_id, ordinal, kind, detail, line, severity,
		message, message_en, suggestion, suggestion_en) FROM STDIN`
)

func unitRows(k ids, doc *model.Document) [][]any {
	out := make([][]any, 0, len(doc.Units))
	for i, u := range doc.Units {
		out = append(out, []any{k.dept, k.doc, i + 1, txt(u.Code), txt(u.Name), txt(u.Kind)})
	}
	return out
}

// figureRows flattens tables and narrative in the order of loader.Document.Figures, keeping
// each cell's note and the source line's text.
func figureRows(k ids, doc *model.Document) [][]any {
	var out [][]any
	add := func(t model.TableID, code, name string, level int, col string, a model.Amount, src model.Source) {
		row := []any{k.dept, k.doc, len(out) + 1, doc.Year, string(doc.Kind), string(t),
			txt(code), txt(name), level, col, money(a), txt(a.Printed), string(a.Unit), string(a.Status),
			txt(a.Note), src.Page, src.Line, txt(src.Text), nil, nil, nil, nil, nil}
		if b := a.Box; b != nil {
			row[18], row[19], row[20], row[21], row[22] = b.Left, b.Top, b.Width, b.Height, b.Conf
		}
		out = append(out, row)
	}
	for _, t := range doc.Tables {
		for _, r := range t.Rows {
			for _, c := range r.Cells {
				add(t.ID, r.Code, r.Name, r.Level, c.Column, c.Amount, r.Source)
			}
		}
	}
	for _, n := range doc.Narrative {
		add(model.TableNarrative, n.Key, n.Name, 0, model.ColValue, n.Value, n.Source)
		if n.StatedPrevious != nil {
			add(model.TableNarrative, n.Key, n.Name, 0, model.ColStatedPrevious, *n.StatedPrevious, n.Source)
		}
		if n.Budget != nil {
			add(model.TableNarrative, n.Key, n.Name, 0, model.ColBudget, *n.Budget, n.Source)
		}
	}
	return out
}

// subjectRows lists each classification subject once per document, with the name printed
// the first time it appears: economic subjects from the basic economic table, function
// subjects from the other tables.
func subjectRows(k ids, doc *model.Document) [][]any {
	var out [][]any
	seen := map[string]bool{}
	for _, t := range doc.Tables {
		class := "function"
		if t.ID == model.TableGPBEconomic {
			class = "economic"
		}
		for _, r := range t.Rows {
			parent, ok := subjectParent(class, r.Code)
			if !ok || r.Level == 0 || seen[class+r.Code] {
				continue
			}
			seen[class+r.Code] = true
			out = append(out, []any{k.dept, k.doc, class, doc.Year, r.Code, txt(r.Name), r.Level, parent})
		}
	}
	return out
}

// subjectParent returns the parent code of a subject code (nil for a 类), and false when the
// code is not a subject code of the classification.
func subjectParent(class, code string) (any, bool) {
	for _, c := range code {
		if c < '0' || c > '9' {
			return nil, false
		}
	}
	switch {
	case len(code) == 3:
		return nil, true
	case len(code) == 5:
		return code[:3], true
	case len(code) == 7 && class == "function":
		return code[:5], true
	}
	return nil, false
}

// projectRows lists the document's projects: rows of its 项目支出表 and, where none lists them, the
// projects of its performance forms (source_table says which, from Project.AmountFrom).
func projectRows(k ids, doc *model.Document) [][]any {
	out := make([][]any, 0, len(doc.Projects))
	for i, p := range doc.Projects {
		from := string(p.AmountFrom)
		if from == "" {
			from = string(model.TableProject)
		}
		out = append(out, []any{k.dept, k.doc, i + 1, doc.Year, txt(p.Code), txt(p.Name), txt(p.Unit),
			txt(p.Category), money(p.Amount), txt(p.Amount.Printed), string(p.Amount.Unit),
			string(p.Amount.Status), txt(p.NameFrom), p.Source.Page, p.Source.Line, txt(p.Source.Text), from})
	}
	return out
}

func procurementRows(k ids, doc *model.Document) [][]any {
	out := make([][]any, 0, len(doc.Procurement))
	for i, p := range doc.Procurement {
		out = append(out, []any{k.dept, k.doc, i + 1, txt(p.UnitCode), txt(p.UnitName), txt(p.Project),
			txt(p.Category), txt(p.FunctionSubject), txt(p.EconomicSubject), txt(p.Quantity),
			moneyPtr(p.UnitPrice), txt(p.MeasureUnit), money(p.Total), txt(p.Total.Printed),
			moneyPtr(p.SME), moneyPtr(p.Micro), p.Source.Page, p.Source.Line, txt(p.Source.Text)})
	}
	return out
}

func targetRows(k ids, doc *model.Document) [][]any {
	out := make([][]any, 0, len(doc.Targets))
	for i, t := range doc.Targets {
		out = append(out, []any{k.dept, k.doc, i + 1, doc.Year, txt(t.ProjectCode), txt(t.ProjectName),
			txt(t.Level1), txt(t.Level2), txt(t.Level3), txt(t.Operator), txt(t.Value),
			txt(t.MeasureUnit), txt(t.Funds), t.Source.Page, t.Source.Line, txt(t.Source.Text)})
	}
	return out
}

func narrativeRows(k ids, doc *model.Document) [][]any {
	out := make([][]any, 0, len(doc.Narrative))
	for i, n := range doc.Narrative {
		prevStatus := ""
		if n.StatedPrevious != nil {
			prevStatus = string(n.StatedPrevious.Status)
		}
		out = append(out, []any{k.dept, k.doc, i + 1, doc.Year, txt(n.Key), txt(n.Name), money(n.Value),
			txt(n.Value.Printed), string(n.Value.Unit), moneyPtr(n.StatedPrevious), prevStatus,
			moneyPtr(n.StatedChange), dec(n.StatedPercent), txt(n.Direction), txt(n.Basis),
			moneyPtr(n.Budget), n.Source.Page, n.Source.Line, txt(n.Source.Text)})
	}
	return out
}

func staffingRows(k ids, doc *model.Document) [][]any {
	out := make([][]any, 0, len(doc.Staffing))
	for i, s := range doc.Staffing {
		out = append(out, []any{k.dept, k.doc, i + 1, txt(s.Kind), s.Count, s.Source.Page,
			s.Source.Line, txt(s.Source.Text)})
	}
	return out
}

func checkRows(k ids, doc *model.Document) [][]any {
	out := make([][]any, 0, len(doc.Checks))
	for i, c := range doc.Checks {
		out = append(out, append([]any{k.dept, k.doc, i + 1, txt(string(c.ID)), txt(c.Rule), string(c.Table),
			string(c.Result), c.Expected.String(), c.Actual.String(), txt(c.Detail), intArray(c.Lines)},
			append(findingValues(c.Finding), cellsJSON(c.Cells))...))
	}
	return out
}

func repairRows(k ids, doc *model.Document) [][]any {
	out := make([][]any, 0, len(doc.Repairs))
	for i, r := range doc.Repairs {
		out = append(out, []any{k.dept, k.doc, i + 1, string(r.Table), txt(r.RowCode), txt(r.RowName),
			txt(r.Column), txt(r.Printed), r.Value.String(), txt(r.Rule), r.Line})
	}
	return out
}

func issueRows(k ids, doc *model.Document) [][]any {
	out := make([][]any, 0, len(doc.Issues))
	for i, is := range doc.Issues {
		out = append(out, append([]any{k.dept, k.doc, i + 1, txt(string(is.Kind)), txt(is.Detail), is.Line},
			findingValues(is.Finding)...))
	}
	return out
}

// findingValues are a finding's columns: severity, message, message_en, suggestion, suggestion_en.
func findingValues(f model.Finding) []any {
	return []any{string(f.Severity), txt(f.Message), txt(f.MessageEN), txt(f.Suggestion), txt(f.SuggestionEN)}
}

// cellsJSON is the cells a check read, as the jsonb the cells column holds.
func cellsJSON(cells []model.CellRef) string {
	if len(cells) == 0 {
		return "[]"
	}
	clean := make([]model.CellRef, len(cells))
	for i, c := range cells {
		clean[i] = model.CellRef{Table: model.TableID(txt(string(c.Table))), Row: txt(c.Row), Column: txt(c.Column), Line: c.Line}
	}
	b, err := json.Marshal(clean)
	if err != nil {
		return "[]" // CellRef holds strings and ints only
	}
	return string(b)
}

// lineBoxRows are where the lines of a PDF are on their pages, in line order.
func lineBoxRows(k ids, doc *model.Document) [][]any {
	lines := make([]int, 0, len(doc.LineBoxes))
	for l := range doc.LineBoxes {
		lines = append(lines, l)
	}
	slices.Sort(lines)
	out := make([][]any, 0, len(lines))
	for _, l := range lines {
		b := doc.LineBoxes[l]
		out = append(out, []any{k.doc, l, b.Page, b.Left, b.Top, b.Width, b.Height})
	}
	return out
}
