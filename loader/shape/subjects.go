package shape

import (
	"fmt"
	"sort"
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
	codes.units = keyedByUnit(seg.Pages)
	codes.economic = vocab.IsEconomicTable(seg.ID)
	codes.byName = byNameResolver(seg.ID, rows, ctx.Year)
	pages := namePages(rows, cols, pageCols)
	for _, row := range rows {
		r.addRow(row, codes.resolve(row), pages[row.page])
	}
	unitAsTotal(r.table)
	basicAsTotal(r.table)
	deriveBasic(r.table)
	crossRows(r.table)
	deriveParents(r.table)
	return r.table, r.issues
}

// unitAsTotal makes the one unit row of a table without a 合计 row its total: a department of one
// unit prints that unit's row first, over the subjects (深圳's 支出总表).
func unitAsTotal(t *model.Table) {
	var units []*model.Row
	for _, r := range t.Rows {
		switch {
		case r.Code == model.RowTotal:
			return
		case r.Unit != "" && !isSubjectCode(r.Code):
			units = append(units, r)
		}
	}
	if len(units) == 1 && len(t.Rows) > 0 && t.Rows[0] == units[0] {
		units[0].Code = model.RowTotal
	}
}

// namePages names each page's data columns: by the header printed on the page, else like the
// columns of the pages that print a header, where a column of this page lines up with one of
// theirs (a page that continues a table keeps its columns where they were), else by the table's
// header.
func namePages(rows []*rawRow, cols []column, pageCols map[int][]column) map[int]pageColumns {
	out := map[int]pageColumns{}
	var ref pageColumns
	for _, own := range []bool{true, false} {
		for _, row := range rows {
			p := row.page
			if _, done := out[p]; done {
				continue
			}
			c, hasOwn := pageCols[p]
			if hasOwn != own {
				continue
			}
			data := dataColumns(rowsOfPage(rows, p))
			pc := pageColumns{data: data}
			switch {
			case own:
				pc.ids = nameColumns(data, c)
				ref.data, ref.ids = append(ref.data, data...), append(ref.ids, pc.ids...)
			default:
				if pc.ids = likeColumns(data, ref); pc.ids == nil {
					pc.ids = nameColumns(data, cols)
				}
			}
			out[p] = pc
		}
	}
	return out
}

// likeColumns names data columns after the named columns they line up with (their spans
// overlap), or returns nil unless each lines up with its own column, in order.
func likeColumns(data []dataColumn, ref pageColumns) []string {
	ids := make([]string, len(data))
	last := -1
	for i, d := range data {
		best, overlap := -1, 0
		for j, r := range ref.data {
			if o := min(d.x1, r.x1) - max(d.x0, r.x0); o > overlap {
				best, overlap = j, o
			}
		}
		if best < 0 || best <= last && ref.ids[best] == ids[max(i-1, 0)] {
			return nil
		}
		ids[i], last = ref.ids[best], best
	}
	return ids
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
	name := row.name
	if code.name != "" {
		name = code.name
	}
	m := &model.Row{Code: code.code, PrintedCode: code.printed, Name: name, Level: code.level,
		Unit: code.unit, Source: sourceOf(r.seg.ID, row.src), CodeResolved: code.resolved, AlsoCode: code.also}
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
	also          string // the row's code in a second classification
	name          string // the name printed with the chosen code, when a row prints several
}

// primary chooses a row's key among the codes it prints side by side: in an economic table the
// department edition (3xx) before the government edition (5xx), else the function code (2xx); the
// next best is kept as the row's second code.
func (s *codeState) primary(r *rawRow) (code, also, name string) {
	all := append([]codeName{{r.code, r.name}}, r.also...)
	rank := func(c string) int {
		switch {
		case s.economic && c[0] == '3', !s.economic && c[0] == '2':
			return 0
		case c[0] == '3':
			return 1
		case c[0] == '5':
			return 2
		}
		return 3
	}
	sort.SliceStable(all, func(i, j int) bool { return rank(all[i].code) < rank(all[j].code) })
	return all[0].code, all[1].code, all[0].name
}

// codeState carries the class and 款 above a row whose code is printed in part (烟台: "02" in
// the 款 column under "221"), and where each part is printed.
type codeState struct {
	class, kuan string
	xKuan       int
	xXiang      int
	byName      func(r *rawRow) (code string, level int)
	units       bool // the table's rows are budget units (单位编码, 单位名称), not subjects
	economic    bool // the table's rows are economic subjects
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
	if len(r.also) > 0 {
		c.code, c.also, c.name = s.primary(r)
		c.printed = ""
	}
	if s.units && !r.total {
		if c.code != "" {
			c.code, c.printed = UnitCode(c.code), ""
		}
		c.unit = r.name
		return c
	}
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
	case r.total:
		return c
	case c.code == "":
		c.unit = r.name
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

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// UnitCode is the row code of a budget unit: its printed code, marked so that it is never taken
// for a subject code ("201" is a unit of 西安 and the class 一般公共服务支出).
func UnitCode(code string) string { return "unit:" + code }

// keyedByUnit reports whether a table's rows are budget units: its header names a unit column
// (单位编码, 单位名称, 预算单位, 部门代码) and no subject column (科目, 功能, 经济).
func keyedByUnit(pages [][]grid.Line) bool {
	if len(pages) == 0 {
		return false
	}
	header, _ := splitHeader(pages[0])
	unit, subject := false, false
	for _, b := range stackWords(header) {
		if b.id != vocab.ColKey {
			continue
		}
		l := vocab.CleanLabel(b.label)
		switch {
		case strings.Contains(l, "科目") || strings.Contains(l, "功能") || strings.Contains(l, "经济") || l == "类" || l == "款" || l == "项":
			subject = true
		case strings.Contains(l, "单位") || strings.Contains(l, "部门"):
			unit = true
		}
	}
	return unit && !subject
}
