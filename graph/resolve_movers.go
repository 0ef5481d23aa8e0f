package graph

import (
	"context"
	"fmt"
	"strings"

	"budgetql/db"
	"budgetql/graph/model"

	"github.com/shopspring/decimal"
)

func (r *queryResolver) Movers(ctx context.Context, year int, entity *model.MoverEntity, classification *model.Classification, level *int, measure *model.Measure, subject *model.SubjectRef, department *string, departmentName *string, by *model.MoverOrder, direction *model.MoverDirection, minBase *decimal.Decimal, kind *model.Kind, first *int) ([]model.Mover, error) {
	limit, err := pageSize(first, 20)
	if err != nil {
		return nil, err
	}
	depts, err := r.moverDepartments(ctx, department, departmentName)
	if err != nil {
		return nil, err
	}
	f := db.MoverFilter{Kind: kindArg(kind), Year: year, Departments: depts, MinBase: decimal.Zero,
		ByPercent: by != nil && *by == model.MoverOrderPercent, Direction: directionArg(direction), Limit: limit}
	if minBase != nil {
		f.MinBase = *minBase
	}
	project := entity != nil && *entity == model.MoverEntityProject
	var out []model.Mover
	switch {
	case measure != nil || subject != nil:
		if project {
			return nil, userErrorf("movers of a measure or subject are departments' amounts; entity PROJECT does not apply")
		}
		out, err = r.targetMovers(ctx, measure, subject, f)
	case project:
		out, err = r.projectMovers(ctx, f)
	default:
		out, err = r.subjectMovers(ctx, classification, level, f)
	}
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		for _, y := range []int{year, year - 1} {
			if err := noDataForYear(ctx, r.Reader, y, f.Kind); err != nil {
				return nil, err
			}
		}
		return []model.Mover{}, nil
	}
	for _, m := range out {
		register(ctx, m.Current.Ref.DocumentID, m.DepartmentID)
		register(ctx, m.Previous.Ref.DocumentID, 0)
		want(ctx, m.Current.Ref)
		want(ctx, m.Previous.Ref)
	}
	return out, nil
}

// moverDepartments are the departments an id or a name restricts movers to (none for all).
func (r *queryResolver) moverDepartments(ctx context.Context, department, departmentName *string) ([]int64, error) {
	var depts []int64
	if department != nil {
		id, err := parseTypedID(*department, typeDepartment)
		if err != nil {
			return nil, err
		}
		depts = []int64{id}
	}
	if departmentName != nil {
		d, err := r.Department(ctx, *departmentName)
		if err != nil {
			return nil, err
		}
		depts = append(depts, d.ID)
	}
	return depts, nil
}

// targetMovers are the departments whose amount of a measure or a subject code moved most.
func (r *queryResolver) targetMovers(ctx context.Context, measure *model.Measure, subject *model.SubjectRef, f db.MoverFilter) ([]model.Mover, error) {
	t, err := amountTarget(measure, subject, nil)
	if err != nil {
		return nil, err
	}
	rows, err := memoized(ctx, fmt.Sprintf("target movers:%+v:%+v", t, f), func() ([]db.MoverRow, error) {
		return r.Reader.TargetMovers(ctx, t, f)
	})
	if err != nil {
		return nil, err
	}
	var m model.Measure
	code := t.Code
	if measure != nil {
		m, code = *measure, string(*measure)
	}
	var out []model.Mover
	for _, row := range rows {
		mv := mover(row.Current.DepartmentID, code, moneyOf(ctx, row.Current, m), moneyOf(ctx, row.Previous, m))
		if measure != nil {
			mv.NameChanged = false // a measure's cells carry row names, not the measure's
		}
		out = append(out, mv)
	}
	return out, nil
}

// projectMovers are the coded projects that moved most.
func (r *queryResolver) projectMovers(ctx context.Context, f db.MoverFilter) ([]model.Mover, error) {
	rows, err := memoized(ctx, fmt.Sprintf("project movers:%+v", f), func() ([]db.ProjectMoverRow, error) {
		return r.Reader.ProjectMovers(ctx, f)
	})
	if err != nil {
		return nil, err
	}
	var out []model.Mover
	for _, m := range rows {
		out = append(out, mover(m.Current.DepartmentID, m.Current.Code, projectMoney(m.Current, f.Kind),
			projectMoney(m.Previous, f.Kind)))
	}
	return out, nil
}

// subjectMovers are the subjects of a classification (and level) that moved most.
func (r *queryResolver) subjectMovers(ctx context.Context, classification *model.Classification, level *int, f db.MoverFilter) ([]model.Mover, error) {
	c := model.ClassificationFunction
	if classification != nil {
		c = *classification
	}
	f.Classification = strings.ToLower(string(c))
	if level != nil {
		if err := checkLevel(*level); err != nil {
			return nil, err
		}
		f.CodeLength = 3 + 2*(*level-1)
	}
	rows, err := memoized(ctx, fmt.Sprintf("subject movers:%+v", f), func() ([]db.MoverRow, error) { return r.Reader.SubjectMovers(ctx, f) })
	if err != nil {
		return nil, err
	}
	var out []model.Mover
	for _, m := range rows {
		out = append(out, mover(m.Current.DepartmentID, m.Current.RowCode, moneyOf(ctx, m.Current, ""), moneyOf(ctx, m.Previous, "")))
	}
	return out, nil
}

// checkLevel refuses a subject level other than 1 类, 2 款 or 3 项.
func checkLevel(level int) error {
	if level < 1 || level > 3 {
		return userErrorf("level must be 1 (类), 2 (款) or 3 (项), not %d", level)
	}
	return nil
}

// directionArg is the store's direction of a MoverDirection argument.
func directionArg(d *model.MoverDirection) int {
	switch {
	case d == nil:
		return 0
	case *d == model.MoverDirectionIncrease:
		return 1
	case *d == model.MoverDirectionDecrease:
		return -1
	}
	return 0
}

// mover compares a current amount with the previous one; both have a value.
func mover(dept int64, code string, c, p model.Money) model.Mover {
	ch := c.Yuan.Sub(*p.Yuan)
	return model.Mover{DepartmentID: dept, Code: code, Name: c.Ref.Name, PreviousName: p.Ref.Name,
		NameChanged: !sameName(c.Ref.Name, p.Ref.Name), Current: c, Previous: p, Change: ch,
		Percent: percentChange(ch, *p.Yuan)}
}
