package loader

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"fmt"
	"regexp"
	"strings"
)

// This file turns the lines of a 决算 table body into rows. A row starts at a subject code or a
// row label; its name may wrap onto the following lines; amount-only lines belong to the next
// row that starts on their side (pdftotext prints a row's amounts above its code line).

// finRow is a row being read.
type finRow struct {
	side      int
	parts     []string // code parts as printed ("201", "06", "01")
	codeEnd   int      // rune column after the code
	names     []string
	nameStart int // rune column of the first name fragment, -1 before it
	line      text.Line
	label     bool
	open      bool // accepts name continuation lines
	cells     map[string]string
	unread    map[string]bool // columns whose amount could not be read
}

type finSide struct {
	cur     *finRow
	pending map[string]string
	pendAt  int // first line of the pending amounts
}

// finReader reads the rows of one table body.
type finReader struct {
	doc     *model.Document
	id      model.TableID
	anchors []finAnchor
	place   finPlacement
	split   float64           // text starting at or right of split is on the right side; 0: one side
	isLabel func(string) bool // does a text cell start a labelled row
	suffix  bool              // code parts may continue on the next line ("302" / "01 办公费")
	sides   [2]finSide
	rows    []*finRow
}

var (
	reFinCode    = regexp.MustCompile(`^\d{3}(\d{2}){0,2}$`)
	reFinPart    = regexp.MustCompile(`^\d{2}$`)
	reFinPartEco = regexp.MustCompile(`^\d{1,2}$`) // economic codes may be mangled ("301 2")
	reFinOrdinal = regexp.MustCompile(`^[一二三四五六七八九十廿]+、|^[(（][一二三四五六七八九十廿]+[)）]`)
)

// finNoise are header lines pdftotext may leave between a table's header and body, spaces removed.
var finNoiseLines = map[string]bool{"类款项": true, "科目编码": true, "科目名称": true, "项目": true,
	"支出功能分类": true, "经济分类": true, "功能分类": true, "科目编码科目名称": true}

// finAmounts returns the amount cells of a body.
func finAmounts(body []text.Line) []finAmt {
	var out []finAmt
	for _, l := range body {
		for _, c := range splitCells(l.Text) {
			if finIsAmount(c.Text) {
				out = append(out, finAmt{line: l, cell: c})
			}
		}
	}
	return out
}

// read reads every body line, then reports amounts left without a row.
func (r *finReader) read(body []text.Line) {
	r.place = finPlace(r.doc, r.id, finAmounts(body), r.anchors)
	for _, l := range body {
		if strings.TrimSpace(l.Text) == "" {
			r.closeAll()
			continue
		}
		cells := splitCells(l.Text)
		if finNoise(cells) {
			continue
		}
		var texts [2][]LayoutCell
		var amts [2][]finPlaced
		for _, c := range cells {
			if finIsAmount(c.Text) {
				if i, ok := r.place.at[finKey{l.No, c.Start}]; ok {
					a := r.anchors[i]
					amts[a.side] = append(amts[a.side], finPlaced{col: a.id, text: c.Text})
				}
				continue
			}
			s := 0
			if r.split > 0 && float64(c.Start) >= r.split {
				s = 1
			}
			texts[s] = append(texts[s], c)
		}
		for s := 0; s < 2; s++ {
			r.line(s, l, texts[s], amts[s])
		}
	}
	for s := range r.sides {
		if p := r.sides[s]; len(p.pending) > 0 {
			r.issue(p.pendAt, fmt.Sprintf("%s: amounts %v are not followed by a row; left out", r.id, p.pending))
		}
	}
}

type finPlaced struct{ col, text string }

func (r *finReader) closeAll() {
	for s := range r.sides {
		if c := r.sides[s].cur; c != nil {
			c.open = false
		}
	}
}

// line reads the part of one line that lies on one side.
func (r *finReader) line(s int, l text.Line, texts []LayoutCell, amts []finPlaced) {
	side := &r.sides[s]
	if side.cur != nil && side.cur.line.Page != l.Page {
		side.cur.open = false
	}
	if row := r.startRow(s, l, texts); row != nil {
		if side.cur != nil {
			side.cur.open = false
		}
		side.cur = row
		r.rows = append(r.rows, row)
		for col, text := range side.pending {
			row.cells[col] = text
		}
		side.pending = nil
		for _, a := range amts {
			r.setCell(row, a, l.No)
		}
		return
	}
	if cur := side.cur; cur != nil && cur.open && len(texts) > 0 {
		if r.suffix && len(cur.parts) == 1 && len(cur.parts[0]) == 3 && r.isPart(texts[0].Text) {
			cur.parts = append(cur.parts, texts[0].Text)
			cur.codeEnd = texts[0].End
			texts = texts[1:]
		}
		r.addNames(cur, texts)
	}
	if len(amts) == 0 {
		return
	}
	if side.cur != nil {
		side.cur.open = false
	}
	if side.pending == nil {
		side.pending, side.pendAt = map[string]string{}, l.No
	}
	for _, a := range amts {
		if prev, ok := side.pending[a.col]; ok {
			r.issue(l.No, fmt.Sprintf("%s: two amounts (%s, %s) above one row in column %s", r.id, prev, a.text, a.col))
			continue
		}
		side.pending[a.col] = a.text
	}
}

// startRow returns a new row when the side's text starts with a code or a row label.
func (r *finReader) startRow(s int, l text.Line, texts []LayoutCell) *finRow {
	if len(texts) == 0 {
		return nil
	}
	row := &finRow{side: s, line: l, nameStart: -1, codeEnd: -1, open: true,
		cells: map[string]string{}, unread: map[string]bool{}}
	switch {
	case reFinCode.MatchString(texts[0].Text):
		row.parts = []string{texts[0].Text}
		row.codeEnd = texts[0].End
		n := 1
		for ; n < len(texts) && n < 3 && len(texts[0].Text) == 3 && r.isPart(texts[n].Text); n++ {
			row.parts = append(row.parts, texts[n].Text)
			row.codeEnd = texts[n].End
		}
		texts = texts[n:]
	case r.isLabel(finSquash(texts[0].Text)):
		row.label = true
	default:
		return nil
	}
	r.addNames(row, texts)
	return row
}

// isPart reports whether a cell continues a code: two digits, or one or two in economic tables.
func (r *finReader) isPart(s string) bool {
	if r.suffix {
		return reFinPartEco.MatchString(s)
	}
	return reFinPart.MatchString(s)
}

// addNames appends name fragments that sit in the row's name column.
func (r *finReader) addNames(row *finRow, texts []LayoutCell) {
	for _, c := range texts {
		switch {
		case row.nameStart < 0 && c.Start > row.codeEnd:
			row.nameStart = c.Start
		case row.nameStart >= 0 && c.Start >= row.nameStart-3:
		default:
			continue
		}
		row.names = append(row.names, c.Text)
	}
}

func (r *finReader) setCell(row *finRow, a finPlaced, line int) {
	if prev, ok := row.cells[a.col]; ok {
		r.issue(line, fmt.Sprintf("%s: two amounts (%s, %s) for one cell, column %s; left out", r.id, prev, a.text, a.col))
		delete(row.cells, a.col)
		row.unread[a.col] = true
		return
	}
	row.cells[a.col] = a.text
}

func (r *finReader) issue(line int, detail string) {
	r.doc.Issues = append(r.doc.Issues, model.Issue{Kind: "unread", Line: line, Detail: detail})
}

// finNoise reports whether a line is a stray header line (类 款 项, 科目编码 …).
func finNoise(cells []LayoutCell) bool {
	var b strings.Builder
	for _, c := range cells {
		b.WriteString(finSquash(c.Text))
	}
	return finNoiseLines[b.String()]
}

// finSquash removes spaces (pdftotext spaces out some characters: "因 公 出 国").
func finSquash(s string) string {
	return strings.Join(strings.Fields(s), "")
}

// name is the row's name with wrapped fragments joined.
func (row *finRow) name() string {
	return finSquash(strings.Join(row.names, ""))
}

// code is the joined code and the printed form when it was printed in parts.
func (row *finRow) code() (code, printed string) {
	code = strings.Join(row.parts, "")
	if len(row.parts) > 1 {
		printed = strings.Join(row.parts, " ")
	}
	return code, printed
}

// finLevel is a subject's level from its code length: 3 类, 5 款, 7 项.
func finLevel(code string) int {
	if !reFinCode.MatchString(code) {
		return 0
	}
	switch len(code) {
	case 3:
		return 1
	case 5:
		return 2
	case 7:
		return 3
	}
	return 0
}

// cellsOf builds the row's cells for the columns of its side, blanks where nothing was printed.
// A row on a page whose amounts could not be placed gets no cells: they are unknown, not blank.
func (r *finReader) cellsOf(row *finRow, unit model.Unit) []model.Cell {
	if r.place.failed[row.line.Page] {
		return nil
	}
	var out []model.Cell
	for _, a := range r.anchors {
		if a.side != row.side || row.unread[a.id] {
			continue
		}
		printed := row.cells[a.id]
		amt, err := text.ParseAmount(printed, unit)
		if err != nil {
			r.issue(row.line.No, fmt.Sprintf("%s: cell %q is not an amount", r.id, printed))
			continue
		}
		out = append(out, model.Cell{Column: a.id, Amount: amt})
	}
	return out
}

// newRow makes a model row with its source.
func (r *finReader) newRow(row *finRow, code, printed, name string, level int, unit model.Unit) *model.Row {
	return &model.Row{Code: code, PrintedCode: printed, Name: name, Level: level, Cells: r.cellsOf(row, unit),
		Source: model.Source{Table: r.id, Page: row.line.Page, Line: row.line.No, Text: row.line.Raw}}
}

// columns lists the column ids in printed order, once each.
func (r *finReader) columns() []string {
	var out []string
	seen := map[string]bool{}
	for _, a := range r.anchors {
		if !seen[a.id] {
			seen[a.id] = true
			out = append(out, a.id)
		}
	}
	return out
}
