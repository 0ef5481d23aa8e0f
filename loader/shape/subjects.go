package shape

import (
	"fmt"
	"strings"

	"budgetql/loader/grid"
	"budgetql/loader/model"
	"budgetql/loader/recognize"
	"budgetql/loader/text"
	"budgetql/loader/vocab"
)

// Context is what the readers know of the document a table belongs to.
type Context struct {
	Unit model.Unit // the unit of tables that print none
	Year int
	Kind model.Kind
}

// reader collects a table and the issues met while reading it.
type reader struct {
	seg    recognize.Segment
	ctx    Context
	table  *model.Table
	issues []model.Issue
}

func newReader(seg recognize.Segment, ctx Context) *reader {
	unit := seg.Unit
	if unit == "" {
		unit = ctx.Unit
	}
	t := &model.Table{ID: seg.ID, Title: strings.TrimSpace(seg.At.Raw), Unit: unit,
		Source: model.Source{Table: seg.ID, Page: seg.At.Page, Line: seg.At.No, Text: seg.At.Raw}}
	return &reader{seg: seg, ctx: ctx, table: t}
}

func (r *reader) issue(kind model.IssueKind, line int, format string, args ...any) {
	r.issues = append(r.issues, model.Issue{Kind: kind, Line: line,
		Detail: fmt.Sprintf("%s: ", r.table.Title) + fmt.Sprintf(format, args...)})
}

// Subjects reads a table of rows keyed by a subject code, a unit or a project, with money
// columns named by its header.
func Subjects(seg recognize.Segment, ctx Context) (*model.Table, []model.Issue) {
	r := newReader(seg, ctx)
	var cols []column
	var rows []*rawRow
	pageCols := map[int][]column{}
	for pi, page := range seg.Pages {
		header, body := splitHeader(page)
		if c := moneyColumns(header, seg.ID); len(c) > 0 && (cols == nil || len(c) == len(cols)) {
			pageCols[pi] = c
			if cols == nil {
				cols = c
			}
		}
		rows = append(rows, readRows(body, pi, keyEdge(cols))...)
	}
	if len(cols) == 0 {
		if anyAmounts(rows) {
			r.issue("unread", seg.At.No, "no column header recognised; table not read")
		}
		r.table.Empty = true
		return r.table, r.issues
	}
	for _, c := range cols {
		if c.id != "" && !contains(r.table.Columns, c.id) {
			r.table.Columns = append(r.table.Columns, c.id)
		}
	}
	if !anyAmounts(rows) {
		r.table.Empty = true
		return r.table, r.issues
	}
	codes := newCodeState(rows)
	codes.byName = byNameResolver(seg.ID, rows, ctx.Year)
	pages := map[int]pageColumns{}
	for _, row := range rows {
		pc, done := pages[row.page]
		if !done {
			c := cols
			if own, ok := pageCols[row.page]; ok {
				c = own
			}
			data := dataColumns(rowsOfPage(rows, row.page))
			pc = pageColumns{data: data, ids: nameColumns(data, c)}
			pages[row.page] = pc
		}
		r.addRow(row, codes.resolve(row), pc)
	}
	deriveParents(r.table)
	return r.table, r.issues
}

// pageColumns are a page's data columns and the column id each falls under.
type pageColumns struct {
	data []dataColumn
	ids  []string
}

// keyEdge is where a table's money columns begin: left of it, digits are codes.
func keyEdge(cols []column) int {
	edge := 0
	for _, c := range cols {
		if c.id != "" && (edge == 0 || c.x0 < edge) {
			edge = c.x0
		}
	}
	return max(edge-2, 0)
}

func anyAmounts(rows []*rawRow) bool {
	for _, r := range rows {
		for _, a := range r.amounts {
			if a.IsAmount() {
				return true
			}
		}
	}
	return false
}

func rowsOfPage(rows []*rawRow, page int) []*rawRow {
	var out []*rawRow
	for _, r := range rows {
		if r.page == page {
			out = append(out, r)
		}
	}
	return out
}

// addRow places a row's amounts in the columns and appends it to the table.
func (r *reader) addRow(row *rawRow, code codeOf, pc pageColumns) {
	m := &model.Row{Code: code.code, PrintedCode: code.printed, Name: row.name, Level: code.level,
		Unit: code.unit, Source: sourceOf(r.seg.ID, row.src), CodeResolved: code.resolved}
	if row.total {
		m.Code = model.RowTotal
	}
	if m.Code == "" && m.Name == "" {
		return
	}
	idx, ok := place(len(row.amounts), len(pc.data), edgeCost(row.amounts, pc.data))
	if !ok {
		r.issue("unread", row.src.No, "row %s %s: cannot tell which columns its %d amounts belong to",
			m.Code, m.Name, len(row.amounts))
		r.table.Rows = append(r.table.Rows, m)
		return
	}
	placed := make([]int, len(pc.data))
	for i, j := range idx {
		placed[j] = i + 1
	}
	for _, id := range r.table.Columns {
		m.SetCell(id, model.Amount{Unit: r.table.Unit, Status: model.StatusBlank})
	}
	for j, id := range pc.ids {
		if id == "" || placed[j] == 0 {
			continue
		}
		m.SetCell(id, r.amount(row.amounts[placed[j]-1].Text, row.src.No))
	}
	r.table.Rows = append(r.table.Rows, m)
}

// amount reads one printed cell, reporting an unreadable one and leaving it blank.
func (r *reader) amount(printed string, line int) model.Amount {
	a, err := text.ParseAmount(printed, r.table.Unit)
	if err != nil {
		r.issue("unread", line, "cell %q is not an amount", printed)
		return model.Amount{Printed: printed, Unit: r.table.Unit, Status: model.StatusBlank}
	}
	return a
}

func sourceOf(id model.TableID, l grid.Line) model.Source {
	return model.Source{Table: id, Page: l.Page, Line: l.No, Text: l.Raw}
}

// codeOf is a row's code as resolved: joined, with its level, or the unit a unit row names.
type codeOf struct {
	code, printed string
	level         int
	unit          string
	resolved      string // how a code not printed was found
}

// codeState carries the class and 款 above a row whose code is printed in part (烟台: "02" in
// the 款 column under "221"), and where each part is printed.
type codeState struct {
	class, kuan string
	xKuan       int
	xXiang      int
	byName      func(r *rawRow) (code string, level int)
}

func newCodeState(rows []*rawRow) *codeState {
	s := &codeState{xKuan: -1, xXiang: -1}
	for _, r := range rows {
		if len(r.parts) >= 2 && len(r.parts[0]) == 3 {
			s.xKuan = r.partX[1]
			if len(r.parts) == 3 {
				s.xXiang = r.partX[2]
			}
			break
		}
	}
	return s
}

// resolve joins a row's code and gives its level.
func (s *codeState) resolve(r *rawRow) codeOf {
	c := codeOf{code: r.code, printed: r.printed}
	if c.code == "" && !r.total && s.byName != nil {
		code, level := s.byName(r)
		if code == "" {
			c.unit = r.name
			return c
		}
		c.code, c.level, c.resolved = code, level, "by name: the table prints no codes"
		return c
	}
	switch {
	case r.total || c.code == "":
		return c
	case len(r.parts) == 1 && len(r.parts[0]) == 2:
		x := r.partX[0]
		isXiang := s.kuan != "" && (s.xXiang >= 0 && abs(x-s.xXiang) <= 2 || s.xKuan >= 0 && x > s.xKuan+2)
		if isXiang {
			if s.xXiang < 0 {
				s.xXiang = x
			}
			c.code, c.printed = s.kuan+r.parts[0], r.parts[0]
		} else if s.class != "" {
			if s.xKuan < 0 {
				s.xKuan = x
			}
			c.code, c.printed = s.class+r.parts[0], r.parts[0]
		}
	case len(r.parts) == 2 && len(r.parts[0]) == 2 && s.class != "":
		c.code, c.printed = s.class+r.code, r.printed
	}
	switch len(c.code) {
	case 3:
		s.class, s.kuan = c.code, ""
		c.level = 1
	case 5:
		s.class, s.kuan = c.code[:3], c.code
		c.level = 2
	case 7:
		s.class, s.kuan = c.code[:3], c.code[:5]
		c.level = 3
	default:
		if len(c.code) >= 6 {
			c.unit = r.name
		}
	}
	if c.printed == c.code {
		c.printed = ""
	}
	return c
}

var _ = vocab.ColKey

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
