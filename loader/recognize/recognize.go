// Package recognize finds the standard tables of a disclosure in its grid: each table's title,
// which standard table it is (by the meaning of its title, whatever its numbering, order or
// wording), its unit and its lines, continued across pages.
package recognize

import (
	"strings"

	"budgetql/loader/grid"
	"budgetql/loader/model"
	"budgetql/loader/vocab"
)

// Segment is one table as printed: its title, its unit and its lines, page by page.
type Segment struct {
	ID    model.TableID
	Title string     // as printed, wrapped title lines joined
	At    grid.Line  // the title's first line
	Unit  model.Unit // "" when the table prints none
	Pages [][]grid.Line
}

// Lines returns every line of the segment in order.
func (s *Segment) Lines() []grid.Line {
	var out []grid.Line
	for _, p := range s.Pages {
		out = append(out, p...)
	}
	return out
}

// title is a candidate title: lines [from, to] of the grid.
type title struct {
	id       model.TableID
	from, to int
	text     string
}

// maxTitleLines is how many lines a wrapped title may take.
const maxTitleLines = 3

// confirmWindow is how many lines after a title its table must show itself (a unit, a header
// word or an amount) for the title to count; a 目录 entry shows none before the next entry.
const confirmWindow = 12

// Tables finds the standard tables of a document.
func Tables(lines []grid.Line) []Segment {
	titles := findTitles(lines)
	var segs []Segment
	for k, t := range titles {
		if !confirmed(lines, t, titles[k+1:]) {
			continue
		}
		end := len(lines)
		for _, u := range titles[k+1:] {
			if confirmed(lines, u, nil) {
				end = u.from
				break
			}
		}
		seg := Segment{ID: t.id, Title: t.text, At: lines[t.from]}
		seg.Pages = pagesOf(lines[t.to+1:end], t.id)
		seg.Unit = unitOf(seg.Pages)
		segs = appendSegment(segs, seg)
	}
	return segs
}

// findTitles returns every line, or run of up to three lines, that reads as a table title.
func findTitles(lines []grid.Line) []title {
	var out []title
	for i := 0; i < len(lines); i++ {
		if !mayBeTitle(lines[i]) {
			continue
		}
		joined := ""
		for j := i; j < len(lines) && j < i+maxTitleLines; j++ {
			if j > i && (lines[j].Page != lines[i].Page || !mayBeTitle(lines[j]) || len(lines[j-1].Cells) > 1 ||
				vocab.StartsWithNumbering(lines[j].Compact())) {
				break
			}
			joined += titlePart(lines[j])
			if id := vocab.TableOfTitle(joined); id != "" {
				out = append(out, title{id: id, from: i, to: j, text: joined})
				i = j
				break
			}
		}
	}
	return out
}

// mayBeTitle reports whether a line can hold (part of) a title: text without amounts. A running
// header may: forms print their title atop every page (财政项目支出绩效目标填报表).
func mayBeTitle(l grid.Line) bool {
	return len(l.Cells) > 0 && len(l.Cells) <= 4 && !l.HasAmount()
}

// titlePart is the compact text of a line's cells up to the one that ends a title ("表", or
// "表" and a bracketed note), leaving out what a 目录 prints after it ("是 不涉及", page numbers)
// and any cell naming the unit or the department ("单位：万元", "部门名称：…").
func titlePart(l grid.Line) string {
	var b strings.Builder
	for _, c := range l.Cells {
		if strings.ContainsAny(c.Text, ":：") && b.Len() > 0 {
			break
		}
		b.WriteString(grid.Compact(c.Text))
		if vocab.TitleText(b.String()) != "" {
			break
		}
	}
	return b.String()
}

// confirmed reports whether a title is followed, before the next candidate title, by what a
// table shows under its title: a unit line, a row of amounts or a header.
func confirmed(lines []grid.Line, t title, next []title) bool {
	stop := len(lines)
	if len(next) > 0 {
		stop = next[0].from
	}
	for i := t.to + 1; i < stop && i <= t.to+confirmWindow; i++ {
		l := lines[i]
		if l.Furniture {
			continue
		}
		if vocab.UnitOf(l.Text) != "" || len(l.Amounts()) >= 2 || isHeader(l) {
			return true
		}
	}
	return false
}

// isHeader reports whether a line reads as a table header: several short cells, one of them a
// header word.
func isHeader(l grid.Line) bool {
	if len(l.Cells) < 2 {
		return false
	}
	named := false
	for _, c := range l.Cells {
		if grid.Width(c.Text) > maxHeaderCell {
			return false
		}
		named = named || vocab.IsHeaderWord(grid.Compact(c.Text))
	}
	return named
}

// maxHeaderCell is the longest a header cell runs, in runes.
const maxHeaderCell = 16

// pagesOf splits a table's lines into pages, drops furniture, and keeps the pages that continue
// the table: the first, and each next one that opens with a row, an amount or a header (a form,
// with an indicator's operator or level).
func pagesOf(lines []grid.Line, id model.TableID) [][]grid.Line {
	var pages [][]grid.Line
	for i := 0; i < len(lines); {
		j := i
		var page []grid.Line
		for j < len(lines) && lines[j].Page == lines[i].Page {
			if !lines[j].Furniture {
				page = append(page, lines[j])
			}
			j++
		}
		if len(pages) > 0 && !continues(page) && !(id == vocab.TableTargets && continuesForm(page)) {
			break
		}
		pages = append(pages, page)
		i = j
	}
	return pages
}

// continues reports whether a page without a title carries on the table above it: one of its
// first three lines with cells holds an amount, a subject code, a total or a header word.
func continues(page []grid.Line) bool {
	seen := 0
	for _, l := range page {
		if len(l.Cells) == 0 {
			continue
		}
		if seen++; seen > 3 {
			break
		}
		c := l.Compact()
		if l.HasAmount() || isHeader(l) || vocab.IsTotalLabel(c) || vocab.StartsWithCode(l.Cells[0].Text) {
			return true
		}
	}
	return false
}

// continuesForm reports whether a page without a title carries on a form or a list of forms: one
// of its first lines with cells holds an amount, an operator or a level label, as indicator rows do.
func continuesForm(page []grid.Line) bool {
	seen := 0
	for _, l := range page {
		if len(l.Cells) == 0 {
			continue
		}
		if seen++; seen > maxFormLead {
			break
		}
		if l.HasAmount() {
			return true
		}
		for _, c := range l.Cells {
			for _, w := range c.Words() {
				if vocab.IsOperator(w.Text) || vocab.IsLevelLabel(w.Text) {
					return true
				}
			}
		}
	}
	return false
}

// maxFormLead is how many lines a continued form may print before its first indicator row
// (the wrapped name and goal of a listed project).
const maxFormLead = 12

func unitOf(pages [][]grid.Line) model.Unit {
	if len(pages) == 0 {
		return ""
	}
	for _, l := range pages[0] {
		if l.HasAmount() {
			break
		}
		if u := vocab.UnitOf(l.Text); u != "" {
			return u
		}
	}
	return ""
}

// appendSegment appends a segment, or merges it into the one before when it repeats that
// table's title on the next page (a table printed with its title on every page).
func appendSegment(segs []Segment, s Segment) []Segment {
	if n := len(segs); n > 0 {
		prev := &segs[n-1]
		last := prev.Pages[len(prev.Pages)-1]
		if prev.ID == s.ID && prev.Title == s.Title && len(last) > 0 && s.At.Page == last[0].Page+1 {
			prev.Pages = append(prev.Pages, s.Pages...)
			return segs
		}
	}
	return append(segs, s)
}
