package shape

import (
	"strings"

	"budgetql/loader/grid"
	"budgetql/loader/model"
	"budgetql/loader/recognize"
	"budgetql/loader/text"
	"budgetql/loader/vocab"
)

// FormsRead is what a segment of performance-target forms holds: the indicators, and the projects
// whose amounts the forms print (each form's 项目资金总额, each listed project's 项目总额).
type FormsRead struct {
	Targets  []model.Target
	Projects []model.Project
	Issues   []model.Issue
}

// Forms reads the performance-target forms (绩效目标表) of a segment. A form has a head that
// prints its project's name and funds beside their labels (项目名称, 项目资金总额 …) and a grid
// of indicators; a list prints several projects, each beside its block of indicator rows. A form
// of the department as a whole (部门整体支出绩效目标表) has no project.
func Forms(seg recognize.Segment, ctx Context) FormsRead {
	var out FormsRead
	seen := map[string]bool{}
	for _, f := range splitForms(seg.Title, seg.Lines()) {
		targets, projects := f.read(seg, ctx)
		out.Targets = append(out.Targets, targets...)
		for _, p := range projects {
			if k := p.Code + "\x00" + p.Name; !seen[k] {
				seen[k] = true
				out.Projects = append(out.Projects, p)
			}
		}
	}
	return out
}

// form is one form of a segment: its title and its lines.
type form struct {
	title string
	lines []grid.Line
}

// splitForms cuts a segment's lines into forms: at each title, and at each head (项目名称, 资金总额)
// that follows a grid, for forms whose repeated titles the segment dropped.
func splitForms(title string, lines []grid.Line) []form {
	var out []form
	start, sawGrid := 0, false
	flush := func(end int) {
		if end > start {
			out = append(out, form{title: title, lines: lines[start:end]})
		}
		start, sawGrid = end, false
	}
	for i := 0; i < len(lines); i++ {
		if t, n := formTitleAt(lines, i); t != "" {
			flush(i)
			title = t
			i += n - 1
			continue
		}
		if sawGrid && opensHead(lines[i]) {
			flush(i)
		}
		sawGrid = sawGrid || isIndicatorHeader(lines[i])
	}
	flush(len(lines))
	return out
}

// formTitleAt reads the title of a form printed at lines[i], on one line or two, and the lines it
// takes; "" when there is none.
func formTitleAt(lines []grid.Line, i int) (string, int) {
	joined := ""
	for n := 1; n <= 2 && i+n <= len(lines); n++ {
		l := lines[i+n-1]
		if len(l.Cells) == 0 || len(l.Cells) > 2 || l.HasAmount() {
			return "", 0
		}
		joined += l.Compact()
		if vocab.TableOfTitle(joined) == vocab.TableTargets {
			return vocab.TitleText(joined), n
		}
	}
	return "", 0
}

// opensHead reports whether a line prints the label of a project's name or funds.
func opensHead(l grid.Line) bool {
	for _, c := range l.Cells {
		switch vocab.HeadLabel(grid.Compact(c.Words()[0].Text)) {
		case vocab.FormProjectName, vocab.FormFunds, vocab.FormProjectCode:
			return true
		}
	}
	return false
}

// formProject is the project a form or a block of a list is about.
type formProject struct {
	code, name, unitName string
	funds                string    // as printed
	fundsAt              grid.Line // the line that prints it
	at                   float64   // in a list: the line its block is centred on
}

// read reads one form: its head, its grid, and the targets and projects they give.
func (f form) read(seg recognize.Segment, ctx Context) ([]model.Target, []model.Project) {
	h := -1
	for i, l := range f.lines {
		if isIndicatorHeader(l) {
			h = i
			break
		}
	}
	if h < 0 {
		return nil, nil
	}
	head := readHead(f.lines[:h])
	unit := head.unit
	if unit == "" {
		unit = seg.Unit
	}
	if unit == "" {
		unit = ctx.Unit
	}
	g := readGrid(f.lines, h)
	projects := listProjects(g.keys)
	dept := vocab.IsDepartmentForm(f.title)
	if len(projects) == 0 && !dept {
		p := head.project
		if p.name == "" {
			p.code, p.unitName, p.name = vocab.FormTitleProject(f.title)
			p.code = "" // a unit's code, not the project's
		}
		projects = []formProject{p}
	}
	return f.targets(g, projects, dept), formProjects(projects, unit)
}

// readGrid reads the indicator grid whose header is at lines[h], to the end of the form. A header
// printed again (on the next page) sets the columns again; a page that prints none moves them to
// where that page prints its landmarks.
func readGrid(lines []grid.Line, h int) *gridReader {
	cols, next := formHeader(lines, h)
	g := newGridReader(cols)
	ref := landmarks(pageFrom(lines, next))
	page := lines[h].Page
	for i := next; i < len(lines); i++ {
		l := lines[i]
		if l.Page != page {
			page = l.Page
			if rest := pageFrom(lines, i); !hasHeader(rest) {
				g.setColumns(remap(cols, ref, landmarks(rest)))
			}
		}
		switch {
		case isIndicatorHeader(l):
			cols, next = formHeader(lines, i)
			g.setColumns(cols)
			ref = landmarks(pageFrom(lines, next))
			i = next - 1
		case len(l.Cells) == 0 || isNote(l):
		default:
			g.line(l)
		}
	}
	return g
}

// pageFrom is lines[i] and the lines after it on the same page.
func pageFrom(lines []grid.Line, i int) []grid.Line {
	j := i
	for j < len(lines) && lines[j].Page == lines[i].Page {
		j++
	}
	return lines[i:j]
}

func hasHeader(lines []grid.Line) bool {
	for _, l := range lines {
		if isIndicatorHeader(l) {
			return true
		}
	}
	return false
}

// targets turns the grid's rows into targets, each with its project (by block in a list).
func (f form) targets(g *gridReader, projects []formProject, dept bool) []model.Target {
	l1, l2 := levelsOf(g.rows, g.levels[0]), levelsOf(g.rows, g.levels[1])
	which := make([]int, len(g.rows))
	if len(projects) > 1 {
		at := make([]float64, len(projects))
		for i, p := range projects {
			at[i] = p.at
		}
		which = assignRuns(rowLines(g.rows), at)
	}
	table := model.TableProject
	if dept {
		table = vocab.TableTargets
	}
	out := make([]model.Target, 0, len(g.rows))
	for i, r := range g.rows {
		op, v, u := SplitTargetValue(r.op + r.value)
		if unit := strings.TrimSpace(r.unit); unit != "" {
			u = unit
		}
		t := model.Target{Level1: l1[i], Level2: l2[i], Level3: strings.TrimSpace(r.level3), Operator: op,
			Value: v, MeasureUnit: u, Source: sourceOf(table, r.line)}
		if t.Level1 == "" && t.Level2 == "" {
			t.Level1, t.Level2, t.Level3 = vocab.LevelPrefixes(t.Level3)
		}
		if w := which[i]; w >= 0 && len(projects) > 0 {
			p := projects[w]
			t.ProjectCode, t.ProjectName, t.Funds = p.code, p.name, p.funds
		}
		out = append(out, t)
	}
	return out
}

// formProjects are the projects of a form with the amount it prints for each.
func formProjects(ps []formProject, unit model.Unit) []model.Project {
	var out []model.Project
	for _, p := range ps {
		if p.name == "" || p.funds == "" {
			continue
		}
		a, err := text.ParseAmount(p.funds, unit)
		if err != nil || a.IsBlank() {
			continue
		}
		out = append(out, model.Project{Code: p.code, Name: p.name, Unit: p.unitName, Amount: a,
			AmountFrom: model.TablePerformanceForm, Source: sourceOf(model.TablePerformanceForm, p.fundsAt)})
	}
	return out
}
