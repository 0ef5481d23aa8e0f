package graph

import (
	"context"
	"errors"
	"strings"

	"budgetql/db"
	"budgetql/graph/model"
	"budgetql/loader/text"
)

func (r *queryResolver) Node(ctx context.Context, id string) (model.Node, error) {
	typ, n, err := parseID(id)
	if err != nil {
		return nil, err
	}
	switch typ {
	case typeDepartment:
		return loadersFrom(ctx).department.Load(ctx, n)
	case typeDocument:
		return loadersFrom(ctx).document.Load(ctx, n)
	}
	return nil, userErrorf("id %q names no known type", id)
}

// userText is a name or term as the user typed it, normalised as the loader normalises what it
// reads (full-width forms, traditional characters), without surrounding spaces.
func userText(s string) string {
	return text.Normalize(strings.TrimSpace(s))
}

func (r *queryResolver) Departments(ctx context.Context, first *int, after *string, name *string) (*model.DepartmentConnection, error) {
	limit, err := pageSize(first, 20)
	if err != nil {
		return nil, err
	}
	pos, err := parseCursor(after, 1)
	if err != nil {
		return nil, err
	}
	q := ""
	if name != nil {
		q = userText(*name)
	}
	rows, total, err := r.Reader.DepartmentPage(ctx, q, pos[0], limit+1)
	if err != nil {
		return nil, err
	}
	out := &model.DepartmentConnection{Edges: []model.DepartmentEdge{}, Nodes: []db.DepartmentRow{},
		PageInfo: &model.PageInfo{HasNextPage: len(rows) > limit}, TotalCount: total}
	for i := 0; i < len(rows) && i < limit; i++ {
		d := rows[i]
		register(ctx, 0, d.ID)
		loadersFrom(ctx).department.Prime(d.ID, &d)
		out.Edges = append(out.Edges, model.DepartmentEdge{Cursor: cursor(d.ID), Node: &d})
		out.Nodes = append(out.Nodes, d)
	}
	setCursors(out.PageInfo, len(out.Edges), func(i int) string { return out.Edges[i].Cursor })
	return out, nil
}

// setCursors fills a page's start and end cursors.
func setCursors(p *model.PageInfo, n int, at func(int) string) {
	if n == 0 {
		return
	}
	s, e := at(0), at(n-1)
	p.StartCursor, p.EndCursor = &s, &e
}

func (r *queryResolver) Department(ctx context.Context, name string) (*db.DepartmentRow, error) {
	name = userText(name)
	d, err := memoized(ctx, "department:"+name, func() (db.DepartmentRow, error) { return r.Reader.DepartmentByName(ctx, name) })
	if errors.Is(err, db.ErrNotFound) {
		return nil, departmentNotFound(ctx, r.Reader, name)
	}
	if err != nil {
		return nil, err
	}
	register(ctx, 0, d.ID)
	return &d, nil
}

func (r *queryResolver) Document(ctx context.Context, department string, year int, kind *model.Kind) (*db.DocumentRow, error) {
	doc, err := r.Reader.DocumentByName(ctx, userText(department), year, kindArg(kind))
	if errors.Is(err, db.ErrNotFound) {
		d, err := r.Department(ctx, department)
		if err != nil {
			return nil, err
		}
		docs, err := loadersFrom(ctx).documents.Load(ctx, d.ID)
		if err != nil {
			return nil, err
		}
		return nil, yearNotFound(d.Name, docs, year, kindArg(kind))
	}
	if err != nil {
		return nil, err
	}
	prime(ctx, nil, &doc)
	return &doc, nil
}

func (r *queryResolver) Figures(ctx context.Context, filter *model.FigureFilter, first *int, after *string) (*model.FigureConnection, error) {
	var f db.FigurePageFilter
	if filter != nil {
		var err error
		if filter.Department != nil {
			if f.Department, err = parseTypedID(*filter.Department, typeDepartment); err != nil {
				return nil, err
			}
		}
		if filter.Document != nil {
			if f.Document, err = parseTypedID(*filter.Document, typeDocument); err != nil {
				return nil, err
			}
		}
		if filter.Year != nil {
			f.Year = *filter.Year
		}
		if filter.Kind != nil {
			f.Kind = kindArg(filter.Kind)
		}
		if filter.DepartmentName != nil {
			d, err := r.Department(ctx, *filter.DepartmentName)
			if err != nil {
				return nil, err
			}
			if f.Department != 0 && f.Department != d.ID {
				return nil, userErrorf("department and departmentName name different departments")
			}
			f.Department = d.ID
		}
		f.Table = tableArg(filter.Table)
		f.RowCode = deref(filter.RowCode)
		f.Column = deref(filter.Column)
		if filter.Status != nil {
			f.Status = strings.ToLower(string(*filter.Status))
		}
	}
	return figureConnection(ctx, r.Reader, f, first, after)
}

// tableArg is the store's table id of a TableId argument ("" for none).
func tableArg(t *model.TableID) string {
	if t == nil {
		return ""
	}
	return strings.ToLower(string(*t))
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// figureConnection pages through figures by (document, ordinal).
func figureConnection(ctx context.Context, rd *db.Reader, f db.FigurePageFilter, first *int, after *string) (*model.FigureConnection, error) {
	limit, err := pageSize(first, MaxPage)
	if err != nil {
		return nil, err
	}
	pos, err := parseCursor(after, 2)
	if err != nil {
		return nil, err
	}
	rows, total, err := rd.FigurePage(ctx, f, pos[0], int(pos[1]), limit+1)
	if err != nil {
		return nil, err
	}
	out := &model.FigureConnection{Edges: []model.FigureEdge{}, Nodes: []model.Figure{},
		PageInfo: &model.PageInfo{HasNextPage: len(rows) > limit}, TotalCount: total}
	for i := 0; i < len(rows) && i < limit; i++ {
		x := rows[i]
		register(ctx, x.DocumentID, x.DepartmentID)
		fig := model.Figure{DocumentID: x.DocumentID, Department: x.DepartmentName, Year: x.Year,
			Kind: model.Kind(strings.ToUpper(x.Kind)), Table: x.TableID, RowCode: x.RowCode, RowName: x.RowName,
			Column: x.ColumnID, Amount: figureMoney(ctx, x, "")}
		out.Edges = append(out.Edges, model.FigureEdge{Cursor: cursor(x.DocumentID, int64(x.Ordinal)), Node: &fig})
		out.Nodes = append(out.Nodes, fig)
	}
	setCursors(out.PageInfo, len(out.Edges), func(i int) string { return out.Edges[i].Cursor })
	return out, nil
}

func (r *queryResolver) Search(ctx context.Context, text string, first *int, after *string) (*model.SearchConnection, error) {
	text = userText(text)
	if text == "" {
		return nil, userErrorf("search text is empty")
	}
	limit, err := pageSize(first, 20)
	if err != nil {
		return nil, err
	}
	pos, err := parseCursor(after, 1)
	if err != nil {
		return nil, err
	}
	rows, total, err := r.Reader.Search(ctx, text, int(pos[0]), limit+1)
	if err != nil {
		return nil, err
	}
	out := &model.SearchConnection{Edges: []model.SearchEdge{}, Nodes: []model.SearchHit{},
		PageInfo: &model.PageInfo{HasNextPage: len(rows) > limit}, TotalCount: total}
	for i := 0; i < len(rows) && i < limit; i++ {
		x := rows[i]
		if x.DocumentID != nil {
			register(ctx, *x.DocumentID, x.DepartmentID)
		}
		prime(ctx, &rows[i].Department, nil)
		h := model.SearchHit{Kind: model.SearchKind(x.Kind), Name: x.Name, DepartmentID: x.DepartmentID,
			DocumentID: x.DocumentID, Year: x.Year, ProjectCode: x.ProjectCode, ProjectName: x.ProjectName,
			SubjectCode: x.SubjectCode}
		if x.Classification != nil {
			c := model.Classification(strings.ToUpper(*x.Classification))
			h.Classification = &c
		}
		if x.DocumentID != nil {
			h.Source = &model.Source{DocumentID: *x.DocumentID, Table: strings.ToLower(x.Kind), Page: x.Page, Line: x.Line, Text: x.LineText}
		}
		out.Edges = append(out.Edges, model.SearchEdge{Cursor: cursor(pos[0] + int64(i) + 1), Node: &h})
		out.Nodes = append(out.Nodes, h)
	}
	setCursors(out.PageInfo, len(out.Edges), func(i int) string { return out.Edges[i].Cursor })
	return out, nil
}
