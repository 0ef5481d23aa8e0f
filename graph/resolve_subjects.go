package graph

import (
	"context"
	"sort"
	"strings"

	"budgetql/db"
	"budgetql/graph/model"

	"github.com/shopspring/decimal"
)

func (r *documentResolver) Subjects(ctx context.Context, obj *db.DocumentRow, classification model.Classification, level *int, code *string) ([]model.Subject, error) {
	if level != nil {
		if err := checkLevel(*level); err != nil {
			return nil, err
		}
	}
	rows, err := subjectRows(ctx, obj.ID, classification)
	if err != nil {
		return nil, err
	}
	all := buildSubjects(ctx, rows, classification)
	out := []model.Subject{}
	for _, s := range all {
		switch {
		case code != nil && level != nil:
			if strings.HasPrefix(s.Code, *code) && s.Level == *level {
				out = append(out, *s)
			}
		case code != nil:
			if s.Code == *code {
				out = append(out, *s)
			}
		case level != nil:
			if s.Level == *level {
				out = append(out, *s)
			}
		case s.ParentCode == nil:
			out = append(out, *s)
		}
	}
	return out, nil
}

// subjectRows reads a document's resolved subject amounts of a classification (each column from
// the first subject table that prints it, amount_rule), as figures of their subject and column.
func subjectRows(ctx context.Context, docID int64, c model.Classification) ([]db.FigureRow, error) {
	rows, err := loadersFrom(ctx).subjects.Load(ctx, db.DocClass{DocumentID: docID, Classification: strings.ToLower(string(c))})
	if err != nil {
		return nil, err
	}
	var out []db.FigureRow
	for _, a := range rows {
		if subjectColumns[a.AmountColumn] {
			out = append(out, a.FigureRow)
		}
	}
	return out, nil
}

// subjectColumns are the columns a subject tree shows.
var subjectColumns = map[string]bool{"total": true, "basic": true, "project": true, "personnel": true, "public_use": true}

// buildSubjects groups a table's cells by subject, in printed order, and links each subject
// to its children. The returned pointers share the children slices.
func buildSubjects(ctx context.Context, rows []db.FigureRow, c model.Classification) []*model.Subject {
	var order []*model.Subject
	byCode := map[string]*model.Subject{}
	for _, f := range rows {
		s := byCode[f.RowCode]
		if s == nil {
			s = &model.Subject{Classification: c, Code: f.RowCode, Name: f.RowName, Level: subjectLevel(f)}
			if p := parentCode(f.RowCode); p != "" {
				s.ParentCode = &p
			}
			byCode[f.RowCode] = s
			order = append(order, s)
		}
		m := figureMoney(ctx, f, "")
		switch f.ColumnID {
		case "total":
			s.Total = &m
		case "basic":
			s.Basic = &m
		case "project":
			s.Project = &m
		case "personnel":
			s.Personnel = &m
		case "public_use":
			s.PublicUse = &m
		}
	}
	// Attach children deepest first so that each parent copies complete children.
	sorted := append([]*model.Subject(nil), order...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Level > sorted[j].Level })
	for _, s := range sorted {
		s.Children = []model.Subject{}
	}
	for _, s := range sorted {
		if s.ParentCode != nil {
			if p := byCode[*s.ParentCode]; p != nil {
				p.Children = append(p.Children, *s)
			} else {
				s.ParentCode = nil // printed without its parent: a root here
			}
		}
	}
	return order
}

func subjectLevel(f db.FigureRow) int {
	if f.Level > 0 {
		return f.Level
	}
	return (len(f.RowCode)-3)/2 + 1
}

func parentCode(code string) string {
	if len(code) <= 3 {
		return ""
	}
	return code[:len(code)-2]
}

func (r *documentResolver) Projects(ctx context.Context, obj *db.DocumentRow, category *string) ([]model.Project, error) {
	rows, err := loadersFrom(ctx).projects.Load(ctx, obj.ID)
	if err != nil {
		return nil, err
	}
	out := []model.Project{}
	for _, p := range rows {
		if category != nil && !strings.Contains(p.Category, *category) {
			continue
		}
		out = append(out, model.Project{Code: p.Code, Name: p.Name, NameFrom: p.NameFrom, AmountFrom: amountFrom(p),
			UnitName: p.UnitName, Category: p.Category, Amount: projectMoney(p, obj.Kind)})
	}
	sort.SliceStable(out, func(i, j int) bool { return amountOf(out[i].Amount).GreaterThan(amountOf(out[j].Amount)) })
	return out, nil
}

func amountOf(m model.Money) decimal.Decimal {
	if m.Yuan == nil {
		return decimal.NewFromInt(-1)
	}
	return *m.Yuan
}

// amountFrom says which table a project's amount was printed in.
func amountFrom(p db.ProjectRow) model.ProjectAmountSource {
	if p.SourceTable == "performance_form" {
		return model.ProjectAmountSourcePerformanceForm
	}
	return model.ProjectAmountSourceProjectTable
}

// projectMoney is a project's amount; it matches across years by project code, or by name when it
// has none.
func projectMoney(p db.ProjectRow, kind string) model.Money {
	m := model.Money{Printed: p.Printed, Unit: p.Unit, Status: p.Status,
		Source: model.Source{DocumentID: p.DocumentID, Table: p.SourceTable, Row: p.Code, Column: "total",
			Page: p.Page, Line: p.Line, Text: p.LineText},
		Ref: model.FigureRef{DepartmentID: p.DepartmentID, DocumentID: p.DocumentID, Year: p.Year, Kind: kind,
			Table: "project", RowCode: p.Code, Column: "total", Name: p.Name, Project: true}}
	if p.NameFrom != "" {
		m.Note = "name from " + p.NameFrom
	}
	if p.Amount.Valid {
		y := p.Amount.Decimal
		m.Yuan = &y
	}
	return m
}
