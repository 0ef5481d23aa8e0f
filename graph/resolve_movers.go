package graph

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"budgetql/db"
	"budgetql/graph/model"

	"github.com/shopspring/decimal"
)

// moverKey matches an amount across years: the same department and code.
type moverKey struct {
	dept int64
	code string
}

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
	var out []model.Mover
	if entity != nil && *entity == model.MoverEntityProject {
		cur, prev, err := r.projectAmounts(ctx, kindArg(kind), year, depts)
		if err != nil {
			return nil, err
		}
		out = movers(cur, prev, base, byPercent)
		if len(out) > limit {
			out = out[:limit]
		}
	} else {
		c := model.ClassificationFunction
		if classification != nil {
			c = *classification
		}
		f := db.MoverFilter{Kind: kindArg(kind), Year: year, Classification: strings.ToLower(string(c)),
			Departments: depts, MinBase: base, ByPercent: byPercent, Limit: limit}
		if level != nil {
			if *level < 1 || *level > 3 {
				return nil, userErrorf("level must be 1 (类), 2 (款) or 3 (项), not %d", *level)
			}
			f.CodeLength = 3 + 2*(*level-1)
		}
		rows, err := memoized(ctx, fmt.Sprintf("movers:%+v", f), func() ([]db.MoverRow, error) { return r.Reader.SubjectMovers(ctx, f) })
		if err != nil {
			return nil, err
		}
		out = make([]model.Mover, 0, len(rows))
		for _, m := range rows {
			out = append(out, mover(m.Current.DepartmentID, m.Current.RowCode, moneyOf(m.Current, ""), moneyOf(m.Previous, "")))
		}
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

// movers pairs current and previous project amounts by key, drops bases under minBase, and orders by
// the size of the absolute (or percent) change, largest first.
func movers(cur, prev map[moverKey]model.Money, minBase decimal.Decimal, byPercent bool) []model.Mover {
	out := []model.Mover{}
	for k, c := range cur {
		p, ok := prev[k]
		if !ok || c.Yuan == nil || p.Yuan == nil || p.Yuan.Abs().LessThan(minBase) {
			continue
		}
		m := mover(k.dept, k.code, c, p)
		if byPercent && m.Percent == nil {
			continue
		}
		out = append(out, m)
	}
	size := func(m model.Mover) decimal.Decimal {
		if byPercent {
			return m.Percent.Abs()
		}
		return m.Change.Abs()
	}
	sort.Slice(out, func(i, j int) bool {
		si, sj := size(out[i]), size(out[j])
		if !si.Equal(sj) {
			return si.GreaterThan(sj)
		}
		if out[i].DepartmentID != out[j].DepartmentID {
			return out[i].DepartmentID < out[j].DepartmentID
		}
		return out[i].Code < out[j].Code
	})
	return out
}

// projectAmounts reads the coded projects of the year and the year before, one statement.
func (r *queryResolver) projectAmounts(ctx context.Context, kind string, year int, depts []int64) (cur, prev map[moverKey]model.Money, err error) {
	rows, err := memoized(ctx, fmt.Sprintf("projects:%s:%d:%v", kind, year, depts), func() ([]db.ProjectRow, error) {
		return r.Reader.ProjectsMatching(ctx, kind, []int{year - 1, year}, depts)
	})
	if err != nil {
		return nil, nil, err
	}
	cur, prev = map[moverKey]model.Money{}, map[moverKey]model.Money{}
	for _, p := range rows {
		dst := cur
		if p.Year != year {
			dst = prev
		}
		k := moverKey{p.DepartmentID, p.Code}
		if _, dup := dst[k]; !dup {
			dst[k] = projectMoney(p, kind)
		}
	}
	return cur, prev, nil
}
