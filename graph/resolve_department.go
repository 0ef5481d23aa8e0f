package graph

import (
	"context"
	"sort"
	"strings"

	"budgetql/db"
	"budgetql/graph/model"
)

func (r *departmentResolver) ID(ctx context.Context, obj *db.DepartmentRow) (string, error) {
	return globalID(typeDepartment, obj.ID), nil
}

func (r *departmentResolver) Aliases(ctx context.Context, obj *db.DepartmentRow) ([]string, error) {
	a, err := loadersFrom(ctx).aliases.Load(ctx, obj.ID)
	if a == nil {
		a = []string{}
	}
	return a, err
}

func (r *departmentResolver) Years(ctx context.Context, obj *db.DepartmentRow) ([]int, error) {
	docs, err := loadersFrom(ctx).documents.Load(ctx, obj.ID)
	if err != nil {
		return nil, err
	}
	years := []int{}
	for _, d := range docs {
		if len(years) == 0 || years[len(years)-1] != d.Year {
			years = append(years, d.Year)
		}
	}
	return years, nil
}

func (r *departmentResolver) Documents(ctx context.Context, obj *db.DepartmentRow, kind *model.Kind) ([]db.DocumentRow, error) {
	docs, err := loadersFrom(ctx).documents.Load(ctx, obj.ID)
	if err != nil {
		return nil, err
	}
	out := []db.DocumentRow{}
	for _, d := range docs {
		if kind == nil || d.Kind == kindArg(kind) {
			out = append(out, d)
		}
	}
	return out, nil
}

func (r *departmentResolver) Budget(ctx context.Context, obj *db.DepartmentRow, year int, kind *model.Kind) (*db.DocumentRow, error) {
	doc, err := departmentDocument(ctx, obj.ID, year, kindArg(kind))
	if err != nil || doc != nil {
		return doc, err
	}
	docs, err := loadersFrom(ctx).documents.Load(ctx, obj.ID)
	if err != nil {
		return nil, err
	}
	return nil, yearNotFound(obj.Name, docs, year, kindArg(kind))
}

// departmentDocument is a department's document of a year and kind (department scope first),
// or nil.
func departmentDocument(ctx context.Context, dept int64, year int, kind string) (*db.DocumentRow, error) {
	docs, err := loadersFrom(ctx).documents.Load(ctx, dept)
	if err != nil {
		return nil, err
	}
	for i := range docs {
		if docs[i].Year == year && docs[i].Kind == kind {
			return &docs[i], nil
		}
	}
	return nil, nil
}

func (r *departmentResolver) Series(ctx context.Context, obj *db.DepartmentRow, measure *model.Measure, subject *model.SubjectRef, column *model.Column, kind *model.Kind) ([]model.SeriesPoint, error) {
	if (measure == nil) == (subject == nil) {
		return nil, userErrorf("series needs exactly one of measure or subject")
	}
	k := model.KindBudget
	if kind != nil {
		k = *kind
	}
	docs, err := r.Documents(ctx, obj, &k)
	if err != nil {
		return nil, err
	}
	out := []model.SeriesPoint{}
	for _, d := range docs {
		if d.Scope != "department" {
			continue
		}
		var m *model.Money
		if measure != nil {
			m, err = measureMoney(ctx, d.ID, *measure)
		} else {
			m, err = subjectMoney(ctx, d.ID, *subject, columnID(column))
		}
		if err != nil {
			return nil, err
		}
		if m != nil {
			p := model.SeriesPoint{Year: d.Year, Amount: m}
			if subject != nil {
				p.Name = &m.Ref.Name
			}
			out = append(out, p)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Year < out[j].Year })
	return out, nil
}

// subjectMoney is a subject's amount in one column of a document, or nil.
func subjectMoney(ctx context.Context, docID int64, s model.SubjectRef, col string) (*model.Money, error) {
	return targetMoney(ctx, docID, strings.ToLower(string(s.Classification))+":"+s.Code, col)
}

// columnID is the store's column id of a Column argument (total by default).
func columnID(c *model.Column) string {
	if c == nil {
		return "total"
	}
	switch *c {
	case model.ColumnBasic:
		return "basic"
	case model.ColumnProject:
		return "project"
	case model.ColumnPersonnel:
		return "personnel"
	case model.ColumnPublicUse:
		return "public_use"
	}
	return "total"
}
