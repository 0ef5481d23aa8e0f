package shape

import (
	"regexp"
	"sort"
	"strings"

	"budgetql/loader/grid"
	"budgetql/loader/model"
	"budgetql/loader/vocab"
)

// formHead is what a form's head prints: its project and the unit of its amounts.
type formHead struct {
	project formProject
	unit    model.Unit
}

// readHead reads the labelled fields of a form's head: the value printed after each label on its
// line (the funds perhaps wrapped down the lines below), and the unit a label or line names.
func readHead(lines []grid.Line) formHead {
	var h formHead
	p := &h.project
	for i, l := range lines {
		if h.unit == "" {
			h.unit = headUnit(l)
		}
		toks := headTokens(l)
		for j, c := range toks {
			switch vocab.HeadLabel(grid.Compact(c.Text)) {
			case vocab.FormProjectName:
				setOnce(&p.name, textAfter(toks, j))
			case vocab.FormProjectCode:
				setOnce(&p.code, textAfter(toks, j))
			case vocab.FormUnitName:
				setOnce(&p.unitName, textAfter(toks, j))
			case vocab.FormFunds:
				if p.funds == "" {
					p.funds, p.fundsAt = fundsAfter(lines, i, toks, j)
				}
			}
		}
	}
	return h
}

func setOnce(s *string, v string) {
	if *s == "" {
		*s = v
	}
}

// headTokens are a line's cells, with a label printed one space before its value split from it
// ("项目名称 新建…").
func headTokens(l grid.Line) []grid.Cell {
	var out []grid.Cell
	for _, c := range l.Cells {
		w := c.Words()
		if len(w) > 1 && vocab.HeadLabel(grid.Compact(w[0].Text)) != "" {
			rest := grid.Cell{Text: strings.TrimSpace(c.Text[len(w[0].Text):]), X0: w[1].X0, X1: c.X1}
			out = append(out, w[0], rest)
			continue
		}
		out = append(out, c)
	}
	return out
}

// textAfter is the text printed after the label toks[j], or "" when the next cell is another label
// or an amount.
func textAfter(toks []grid.Cell, j int) string {
	if j+1 >= len(toks) {
		return ""
	}
	c := toks[j+1]
	if vocab.HeadLabel(grid.Compact(c.Text)) != "" || c.IsAmount() {
		return ""
	}
	return strings.TrimSpace(c.Text)
}

// fundsAfter is the amount printed after the label toks[j] of lines[i], and its line: on the same
// line, or wrapped in a narrow cell down the next lines ("46," / "794" / ".00").
func fundsAfter(lines []grid.Line, i int, toks []grid.Cell, j int) (string, grid.Line) {
	for _, c := range toks[j+1:] {
		if vocab.HeadLabel(grid.Compact(c.Text)) != "" {
			break
		}
		if c.IsAmount() {
			return c.Text, lines[i]
		}
		if s := wrappedAmount(lines, i, c); s != "" {
			return s, lines[i]
		}
	}
	return "", grid.Line{}
}

var reNumberStart = regexp.MustCompile(`^\d{1,3}(,\d{3})*,$|^\d+$`)

// wrappedAmount joins an amount that a narrow cell wraps over the lines below, each piece starting
// a little right of the one above ("46," / "794" / ".00"); "" when c starts none.
func wrappedAmount(lines []grid.Line, i int, c grid.Cell) string {
	if !reNumberStart.MatchString(c.Text) {
		return ""
	}
	s, x := c.Text, c.X0
	for k := i + 1; k < len(lines) && k <= i+3; k++ {
		next, ok := pieceNear(lines[k], x)
		if !ok {
			break
		}
		s, x = s+next.Text, next.X0
		if strings.HasPrefix(next.Text, ".") {
			break
		}
	}
	if !(grid.Cell{Text: s}).IsAmount() || !strings.Contains(s, ".") {
		return ""
	}
	return s
}

// pieceNear finds the piece of a wrapped number on a line: digits starting just right of x.
func pieceNear(l grid.Line, x int) (grid.Cell, bool) {
	for _, c := range l.Cells {
		if c.X0 >= x && c.X0 <= x+4 && (reNumberStart.MatchString(c.Text) || strings.HasPrefix(c.Text, ".")) {
			return c, true
		}
	}
	return grid.Cell{}, false
}

// headUnit is the unit a head line names: "单位：万元", or a label "项目资金（元）", "（万元）".
func headUnit(l grid.Line) model.Unit {
	if u := vocab.UnitOf(l.Text); u != "" {
		return u
	}
	c := l.Compact()
	switch {
	case strings.Contains(c, "（万元）") || strings.Contains(c, "(万元)"):
		return model.TenThous
	case strings.Contains(c, "（元）") || strings.Contains(c, "(元)"):
		return model.Yuan
	}
	return ""
}

var reProjectCode = regexp.MustCompile(`^[0-9A-Z]{10,30}$`)

// listProjects reads the projects a list prints left of its grid: each block is centred on the
// amount in its funds column; the name and code printed around it belong to the nearest amount.
func listProjects(keys []keyPart) []formProject {
	var ps []formProject
	for _, k := range keys {
		if k.col != vocab.FormFunds {
			continue
		}
		if n := len(ps); n > 0 && (strings.HasPrefix(k.text, ".") || strings.HasSuffix(ps[n-1].funds, ",")) &&
			k.line.No-ps[n-1].fundsAt.No <= 2 {
			ps[n-1].funds += k.text
			continue
		}
		if reNumberStart.MatchString(k.text) || k.IsAmount() {
			ps = append(ps, formProject{funds: k.text, fundsAt: k.line, at: float64(k.line.No)})
		}
	}
	if len(ps) == 0 {
		return nil
	}
	names := make([][]keyPart, len(ps))
	for _, k := range keys {
		if k.col == vocab.FormProjectName || k.col == vocab.FormProjectCode || k.col == vocab.FormUnitName {
			i := nearestProject(ps, k.line.No)
			names[i] = append(names[i], k)
		}
	}
	for i := range ps {
		ps[i].setKeys(names[i])
	}
	for i := range ps {
		if ps[i].name == "" && ps[i].code != "" {
			ps[i].name = namedAlike(ps, i)
		}
	}
	return ps
}

// namedAlike is the name of the block next to ps[i] with its code: a block a page break cut
// prints its code and amount again on the next page, its name on one of them only.
func namedAlike(ps []formProject, i int) string {
	for _, j := range []int{i - 1, i + 1} {
		if j >= 0 && j < len(ps) && ps[j].code == ps[i].code && ps[j].name != "" {
			return ps[j].name
		}
	}
	return ""
}

func (k keyPart) IsAmount() bool { return grid.Cell{Text: k.text}.IsAmount() }

func nearestProject(ps []formProject, line int) int {
	best := 0
	for i, p := range ps {
		if abs(int(p.at)-line) < abs(int(ps[best].at)-line) {
			best = i
		}
	}
	return best
}

// setKeys sets a listed project's code, name and unit from the fragments printed around it.
func (p *formProject) setKeys(parts []keyPart) {
	sort.SliceStable(parts, func(i, j int) bool { return parts[i].line.No < parts[j].line.No })
	for _, k := range parts {
		t := strings.TrimSpace(k.text)
		switch {
		case reProjectCode.MatchString(t) && p.code == "":
			p.code = t
		case k.col == vocab.FormUnitName:
			p.unitName += grid.Compact(t)
		default:
			p.name += grid.Compact(t)
		}
	}
}
