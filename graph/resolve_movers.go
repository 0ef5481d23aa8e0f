package graph

import (
	"context"
	"fmt"
	"strings"

	"budgetql/db"
	"budgetql/graph/model"

	"github.com/shopspring/decimal"
)

func (r *queryResolver) Movers(ctx context.Context, year int, entity *model.MoverEntity, classification *model.Classification, level *int, department *string, departmentName *string, by *model.MoverOrder, minBase *decimal.Decimal, kind *model.Kind, first *int) ([]model.Mover, error) {
	limit, err := pageSize(first, 20)
	if err != nil {
		return nil, err
	}
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
	base := decimal.Zero
	if minBase != nil {
		base = *minBase
	}
	byPercent := by != nil && *by == model.MoverOrderPercent
	f := db.MoverFilter{Kind: kindArg(kind), Year: year, Departments: depts, MinBase: base,
		ByPercent: byPercent, Limit: limit}
	var out []model.Mover
	if entity != nil && *entity == model.MoverEntityProject {
		rows, err := memoized(ctx, fmt.Sprintf("project movers:%+v", f), func() ([]db.ProjectMoverRow, error) {
			return r.Reader.ProjectMovers(ctx, f)
		})
		if err != nil {
			return nil, err
		}
		for _, m := range rows {
			out = append(out, mover(m.Current.DepartmentID, m.Current.Code, projectMoney(m.Current, f.Kind),
				projectMoney(m.Previous, f.Kind)))
		}
	} else {
		c := model.ClassificationFunction
		if classification != nil {
			c = *classification
		}
		f.Classification = strings.ToLower(string(c))
		if level != nil {
			if *level < 1 || *level > 3 {
				return nil, userErrorf("level must be 1 (类), 2 (款) or 3 (项), not %d", *level)
			}
			f.CodeLength = 3 + 2*(*level-1)
		}
		rows, err := memoized(ctx, fmt.Sprintf("subject movers:%+v", f), func() ([]db.MoverRow, error) { return r.Reader.SubjectMovers(ctx, f) })
		if err != nil {
			return nil, err
		}
		for _, m := range rows {
			out = append(out, mover(m.Current.DepartmentID, m.Current.RowCode, moneyOf(ctx, m.Current, ""), moneyOf(ctx, m.Previous, "")))
		}
	}
	if out == nil {
		out = []model.Mover{}
	}
	for _, m := range out {
		register(ctx, m.Current.Ref.DocumentID, m.DepartmentID)
		register(ctx, m.Previous.Ref.DocumentID, 0)
		want(ctx, m.Current.Ref)
		want(ctx, m.Previous.Ref)
	}
	return out, nil
}

// mover compares a current amount with the previous one; both have a value.
func mover(dept int64, code string, c, p model.Money) model.Mover {
	ch := c.Yuan.Sub(*p.Yuan)
	return model.Mover{DepartmentID: dept, Code: code, Name: c.Ref.Name, PreviousName: p.Ref.Name,
		NameChanged: !sameName(c.Ref.Name, p.Ref.Name), Current: c, Previous: p, Change: ch,
		Percent: percentChange(ch, *p.Yuan)}
}
