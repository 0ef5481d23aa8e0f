package loader

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"fmt"
	"strings"
)

// parseLayout reads a budget (预算) disclosure in `pdftotext -layout` text, Shanghai template:
// the standard tables (recognised by the meaning of their titles) and the units of 机构设置.
func parseLayout(doc *model.Document, lines []text.Line) error {
	doc.Units = append(doc.Units, parseLayoutUnits(lines)...)
	for _, seg := range FindLayoutTables(lines) {
		t := readLayoutTable(doc, seg)
		if t == nil {
			continue
		}
		addTable(doc, t)
	}
	return nil
}

// LayoutSegment is one table of a layout text: its title line, unit and the lines of its pages
// (from the line after the unit line, then every continuation page).
type LayoutSegment struct {
	ID    model.TableID
	Title text.Line
	Unit  model.Unit
	Pages [][]text.Line
}

// ClassifyBudgetTitle names the standard budget table a title line announces, by meaning
// ("2023年部门财务收支预算总表", "部门“三公”经费和机关运行经费预算表"), or "".
func ClassifyBudgetTitle(text string) model.TableID {
	t := strings.TrimSpace(text)
	if !strings.HasSuffix(t, "表") { // the trimmed line's last rune is the squeezed one's
		return ""
	}
	t = strings.ReplaceAll(t, " ", "")
	if !strings.HasSuffix(t, "表") || strings.Contains(t, "绩效") || TextWidth(t) > 40 {
		return ""
	}
	has := func(s ...string) bool {
		for _, x := range s {
			if !strings.Contains(t, x) {
				return false
			}
		}
		return true
	}
	switch {
	case has("三公"):
		return model.TableSangong
	case has("经济分类", "基本支出"):
		return model.TableGPBEconomic
	case has("政府性基金"):
		return model.TableGovFund
	case has("国有资本经营"):
		return model.TableStateCapital
	case has("一般公共预算"):
		return model.TableGPBFunction
	case has("财政拨款收支"):
		return model.TableAppropriation
	case has("收支", "总表"):
		return model.TableSummary
	case has("收入"):
		return model.TableIncome
	case has("支出"):
		return model.TableExpenditure
	}
	return ""
}

// unitWindow is how many lines after a title its unit line may be.
const unitWindow = 3

// FindLayoutTables finds the standard tables: a title line classified by ClassifyBudgetTitle,
// followed within a few lines by its unit line (which tells a table from its 目录 entry), its
// lines up to the next title or the end of its page, and the pages that continue it (pages that
// start with a subject row, a total row or a repeated header).
func FindLayoutTables(lines []text.Line) []LayoutSegment {
	return findLayoutTables(lines, ClassifyBudgetTitle)
}

func findLayoutTables(lines []text.Line, classify func(string) model.TableID) []LayoutSegment {
	var segs []LayoutSegment
	var cur *LayoutSegment
	pageStart := 0 // a page's lines are consecutive: each page is a capped subslice of lines
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if id := classify(l.Text); id != "" {
			if j, u := unitLine(lines, i); j > 0 {
				segs = append(segs, LayoutSegment{ID: id, Title: l, Unit: u, Pages: [][]text.Line{nil}})
				cur, i = &segs[len(segs)-1], j
				continue
			}
		}
		if cur == nil {
			continue
		}
		last := len(cur.Pages) - 1
		if len(cur.Pages[last]) > 0 && cur.Pages[last][0].Page != l.Page {
			if !continuesTable(pageFrom(lines, i), cur.ID) {
				cur = nil
				continue
			}
			cur.Pages, last = append(cur.Pages, nil), last+1
		}
		if len(cur.Pages[last]) == 0 {
			pageStart = i
		}
		cur.Pages[last] = lines[pageStart : i+1 : i+1]
	}
	return segs
}

// unitLine finds the unit line of a title within the next few lines of its page.
func unitLine(lines []text.Line, title int) (int, model.Unit) {
	for j := title + 1; j < len(lines) && j <= title+unitWindow && lines[j].Page == lines[title].Page; j++ {
		if u := UnitOf(lines[j].Text); u != "" {
			return j, u
		}
	}
	return 0, ""
}

// pageFrom returns the lines from i to the end of i's page.
func pageFrom(lines []text.Line, i int) []text.Line {
	j := i
	for j < len(lines) && lines[j].Page == lines[i].Page {
		j++
	}
	return lines[i:j]
}

// continuesTable reports whether a page without a title carries on a table: one of its first
// two lines is a subject row, a total row or a repeated header (a wrapped name may come first),
// or, for the two-sided tables, an income or expenditure label with its amount.
func continuesTable(page []text.Line, id model.TableID) bool {
	seen := 0
	for _, l := range page {
		if strings.TrimSpace(l.Text) == "" {
			continue
		}
		if seen++; seen > 2 {
			break
		}
		if continuesLine(l.Text, id) {
			return true
		}
	}
	return false
}

func continuesLine(text string, id model.TableID) bool {
	cells := splitCells(text)
	if len(cells) == 0 {
		return false
	}
	if _, _, _, n := SubjectCode(cells); n > 0 || IsTotalLabel(cells[0].Text) {
		return true
	}
	compact := strings.ReplaceAll(text, " ", "")
	if strings.HasPrefix(compact, "项目") || strings.Contains(compact, "科目") {
		return true
	}
	two := id == model.TableSummary || id == model.TableAppropriation
	return two && len(cells) > 1 && sideRowCode(cells[0].Text) != "" && hasAmount(text)
}

// readLayoutTable reads one table segment by its kind.
func readLayoutTable(doc *model.Document, seg LayoutSegment) *model.Table {
	t := &model.Table{ID: seg.ID, Title: strings.TrimSpace(seg.Title.Raw), Unit: seg.Unit,
		Source: model.Source{Table: seg.ID, Page: seg.Title.Page, Line: seg.Title.No, Text: seg.Title.Raw}}
	switch seg.ID {
	case model.TableSummary, model.TableAppropriation:
		readTwoSided(doc, t, seg)
	case model.TableSangong:
		readSangong(doc, t, seg)
	default:
		readSubjectTable(doc, t, seg)
	}
	return t
}

// sourceOf is the Source of a line in a table.
func sourceOf(id model.TableID, l text.Line) model.Source {
	return model.Source{Table: id, Page: l.Page, Line: l.No, Text: l.Raw}
}

// amountOf reads one cell, reporting an unreadable one as an issue and leaving it blank.
func amountOf(doc *model.Document, printed string, unit model.Unit, line int) model.Amount {
	a, err := text.ParseAmount(printed, unit)
	if err != nil {
		doc.Issues = append(doc.Issues, model.Issue{Kind: "unread", Line: line,
			Detail: fmt.Sprintf("cell %q is not an amount", printed)})
		return model.Amount{Printed: printed, Unit: unit, Status: model.StatusBlank}
	}
	return a
}

// saysEmpty reports whether a table's pages say it has no data (本表为空表, 无数据).
func saysEmpty(seg LayoutSegment) bool {
	for _, p := range seg.Pages {
		for _, l := range p {
			if t := strings.ReplaceAll(l.Text, " ", ""); strings.Contains(t, "空表") || strings.Contains(t, "无数据") {
				return true
			}
		}
	}
	return false
}

// layoutRow is a table row being read: the row, its amount cells as printed and where it sits.
type layoutRow struct {
	row       *model.Row
	amounts   []LayoutCell
	page      int // index of the page within the segment
	line      int // last line the row was read from
	nameStart int
}

// subjectColumn maps a header label of a subject table to a column id.
func subjectColumn(id model.TableID) func(string) string {
	return func(l string) string {
		switch {
		case l == "合计" || l == "总计":
			return model.ColTotal
		case strings.Contains(l, "人员经费"):
			return model.ColPersonnel
		case strings.Contains(l, "公用经费"):
			return model.ColPublicUse
		case id == model.TableGPBEconomic:
			return ""
		case strings.Contains(l, "基本支出"):
			return model.ColBasic
		case strings.Contains(l, "项目支出"):
			return model.ColProject
		case id != model.TableIncome:
			return ""
		case strings.HasPrefix(l, "一般公共预算"):
			return model.ColGeneralPublic
		case strings.HasPrefix(l, "政府性基金"):
			return model.ColGovFund
		case strings.HasPrefix(l, "国有资本经营"):
			return model.ColStateCapital
		case strings.Contains(l, "财政专户"):
			return model.ColSpecial
		case strings.Contains(l, "上级补助"):
			return model.ColHigherLevel
		case strings.Contains(l, "附属单位"):
			return model.ColSubordinate
		case strings.Contains(l, "财政拨款"):
			return model.ColFiscal
		case strings.Contains(l, "经营收入"), l == "事业单位":
			return model.ColOperating
		case strings.Contains(l, "事业收入"):
			return model.ColBusiness
		case strings.Contains(l, "其他收入"):
			return model.ColOther
		case strings.Contains(l, "上年结转"):
			return model.ColCarryover
		}
		return ""
	}
}

// readSubjectTable reads a table of subject rows (function or economic codes) and its 合计 row.
func readSubjectTable(doc *model.Document, t *model.Table, seg LayoutSegment) {
	rows, headers := collectSubjectRows(doc, t, seg)
	match := subjectColumn(t.ID)
	var first []LayoutColumn
	for _, h := range headers {
		if first = ColumnsFromHeader(h, match); len(first) > 0 {
			break
		}
	}
	if len(first) == 0 {
		if len(rows) > 0 || !saysEmpty(seg) {
			doc.Issues = append(doc.Issues, model.Issue{Kind: "unread", Line: t.Source.Line,
				Detail: t.Title + ": no column header recognised; table not read"})
		}
		t.Empty = len(rows) == 0
		return
	}
	for _, c := range first {
		t.Columns = append(t.Columns, c.ID)
	}
	if !anyAmounts(rows) {
		t.Empty = true
		return
	}
	placeRows(doc, t, rows, headers, match)
}

func anyAmounts(rows []*layoutRow) bool {
	for _, r := range rows {
		if len(r.amounts) > 0 {
			return true
		}
	}
	return false
}

// collectSubjectRows reads rows and, per page, the header lines above the first row. Lines of
// the body that carry amounts but are no row are reported.
func collectSubjectRows(doc *model.Document, t *model.Table, seg LayoutSegment) ([]*layoutRow, [][][]LayoutCell) {
	match := subjectColumn(t.ID)
	var rows []*layoutRow
	headers := make([][][]LayoutCell, len(seg.Pages))
	for pi, page := range seg.Pages {
		inHeader := true
		for _, l := range page {
			cells := splitCells(l.Text)
			if len(cells) == 0 || strings.HasPrefix(cells[0].Text, "注") {
				continue
			}
			var last *layoutRow
			if len(rows) > 0 {
				last = rows[len(rows)-1]
			}
			r, isRow := subjectRow(t.ID, l, cells, pi)
			switch {
			case r != nil:
				inHeader = false
				rows = append(rows, r)
			case isRow:
				unreadLine(doc, t, l, "a subject row with text among its amounts")
			case wrapsName(last, l, cells, match):
				last.row.Name += cells[0].Text
				last.line = l.No
			case inHeader:
				headers[pi] = append(headers[pi], cells)
			case last != nil && l.No-last.line <= 2 && allAmounts(cells) && len(last.amounts) == 0:
				last.amounts, last.line = cells, l.No
			case hasAmount(l.Text):
				unreadLine(doc, t, l, "amounts on a line that is no row")
			}
		}
	}
	return rows, headers
}

// wrapsName reports whether a line is the rest of the name of the row just above (possibly
// the last row of the previous page): one short text cell under the names, naming no column.
func wrapsName(last *layoutRow, l text.Line, cells []LayoutCell, match func(string) string) bool {
	if last == nil || l.No-last.line > 2 || len(cells) != 1 || isAmountCell(cells[0].Text) {
		return false
	}
	c := cells[0]
	return c.Start >= last.nameStart-2 && TextWidth(c.Text) <= 12 && match(c.Text) == "" &&
		!continuesLine(l.Text, "")
}

// unreadLine reports a table line that was not read.
func unreadLine(doc *model.Document, t *model.Table, l text.Line, why string) {
	doc.Issues = append(doc.Issues, model.Issue{Kind: "unread", Line: l.No,
		Detail: fmt.Sprintf("%s: %s: %q", t.Title, why, strings.TrimSpace(l.Raw))})
}

// subjectRow reads a line that starts with a subject code and name, or with a total label and
// nothing but amounts. isRow is true with a nil row when such a line has text among its amounts.
func subjectRow(id model.TableID, l text.Line, cells []LayoutCell, page int) (r *layoutRow, isRow bool) {
	code, printed, level, n := SubjectCode(cells)
	name := ""
	if n == 0 {
		if !IsTotalLabel(cells[0].Text) || (len(cells) > 1 && !allAmounts(cells[1:])) {
			return nil, false
		}
		code, name, n = model.RowTotal, cells[0].Text, 1
	}
	row := &model.Row{Code: code, Name: name, PrintedCode: printed, Level: level, Source: sourceOf(id, l)}
	rest := cells[n:]
	r = &layoutRow{row: row, page: page, line: l.No}
	for i, c := range rest {
		if isAmountCell(c.Text) {
			r.amounts = rest[i:]
			break
		}
		if row.Name == "" {
			r.nameStart = c.Start
		}
		row.Name += c.Text
	}
	if len(r.amounts) > 0 && !allAmounts(r.amounts) {
		return nil, true
	}
	return r, true
}

func allAmounts(cells []LayoutCell) bool {
	for _, c := range cells {
		if !isAmountCell(c.Text) {
			return false
		}
	}
	return len(cells) > 0
}

// isAmountCell reports whether a cell holds an amount or a dash printed for an empty cell.
func isAmountCell(s string) bool {
	switch strings.TrimSpace(s) {
	case "-", "—", "－", "--", "——":
		return true
	}
	return text.IsAmountText(s)
}

// placeRows puts every row's amounts in its columns. A page whose rows fill every column is
// read by their right edges; other pages by offsets from the first amount (always 合计) measured
// on full rows elsewhere in the table or, failing those, on the header.
func placeRows(doc *model.Document, t *model.Table, rows []*layoutRow, headers [][][]LayoutCell, match func(string) string) {
	byPage := map[int][][]LayoutCell{}
	var all [][]LayoutCell
	for _, r := range rows {
		byPage[r.page] = append(byPage[r.page], r.amounts)
		all = append(all, r.amounts)
	}
	tableFull := ColumnsFromFullRows(all, t.Columns)
	header := columnsFor(headers, 0, match, t.Columns)
	// both depend on the page only: computed once per page
	pageFull := map[int][]LayoutColumn{}
	pageHeader := map[int][]LayoutColumn{}
	for _, r := range rows {
		full, done := pageFull[r.page]
		if !done {
			full = ColumnsFromFullRows(byPage[r.page], t.Columns)
			pageFull[r.page] = full
		}
		cols, shift := full, 0.0
		if cols == nil {
			cols = tableFull
			h, done := pageHeader[r.page]
			if !done {
				h = columnsFor(headers, r.page, match, t.Columns)
				pageHeader[r.page] = h
			}
			if tableFull == nil && h != nil {
				cols = h
			} else if cols == nil {
				cols = header
			}
			if len(r.amounts) > 0 && cols != nil {
				shift = cols[0].Pos - float64(r.amounts[0].End)
			}
		}
		setRowCells(doc, t, r, cols, shift)
		t.Rows = append(t.Rows, r.row)
	}
}

// columnsFor returns the header columns printed on one page when they are the table's columns.
func columnsFor(headers [][][]LayoutCell, page int, match func(string) string, ids []string) []LayoutColumn {
	if page >= len(headers) {
		return nil
	}
	cols := ColumnsFromHeader(headers[page], match)
	if len(cols) != len(ids) {
		return nil
	}
	return cols
}

// setRowCells places a row's amounts in columns; a column without an amount is a blank cell.
// When the amounts cannot be placed the row keeps no cells (they are not blank: they were
// printed but not read) and an issue is reported.
func setRowCells(doc *model.Document, t *model.Table, r *layoutRow, cols []LayoutColumn, shift float64) {
	idx, ok := PlaceAmounts(r.amounts, cols, shift)
	if !ok || cols == nil {
		doc.Issues = append(doc.Issues, model.Issue{Kind: "unread", Line: r.row.Source.Line,
			Detail: fmt.Sprintf("%s: row %s %s: cannot tell which columns its %d amounts belong to",
				t.Title, r.row.Code, r.row.Name, len(r.amounts))})
		return
	}
	var buf [32]int
	placed := buf[:0] // 1 + index of the amount placed in each column, 0 for none
	if len(cols) > len(buf) {
		placed = make([]int, 0, len(cols))
	}
	placed = placed[:len(cols)]
	for i, j := range idx {
		if j >= 0 && j < len(placed) {
			placed[j] = i + 1
		}
	}
	if r.row.Cells == nil && len(cols) > 0 {
		r.row.Cells = make([]model.Cell, 0, len(cols))
	}
	for j, col := range cols {
		id := col.ID
		if placed[j] == 0 {
			r.row.SetCell(id, model.Amount{Unit: t.Unit, Status: model.StatusBlank})
			continue
		}
		c := r.amounts[placed[j]-1]
		r.row.SetCell(id, amountOf(doc, c.Text, t.Unit, r.row.Source.Line))
	}
}
