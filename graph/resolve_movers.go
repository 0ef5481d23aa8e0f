package graph

import (
	"context"
	"sort"

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
	var cur, prev map[moverKey]model.Money
	if entity != nil && *entity == model.MoverEntityProject {
		cur, prev, err = r.projectAmounts(ctx, kindArg(kind), year, depts)
	} else {
		c := model.ClassificationFunction
		if classification != nil {
			c = *classification
		}
		cur, prev, err = r.subjectAmounts(ctx, kindArg(kind), year, depts, c, level)
	}
	if err != nil {
		return nil, err
	}
	base := decimal.Zero
	if minBase != nil {
		base = *minBase
	}
	out := movers(cur, prev, base, by != nil && *by == model.MoverOrderPercent)
	if len(out) > limit {
		out = out[:limit]
	}
	for _, m := range out {
		register(ctx, m.Current.Ref.DocumentID, m.DepartmentID)
		register(ctx, m.Previous.Ref.DocumentID, 0)
	}
	return out, nil
}

// movers pairs current and previous amounts by key, drops bases under minBase, and orders by
// the size of the absolute (or percent) change, largest first.
func movers(cur, prev map[moverKey]model.Money, minBase decimal.Decimal, byPercent bool) []model.Mover {
	out := []model.Mover{}
	for k, c := range cur {
		p, ok := prev[k]
		if !ok || c.Yuan == nil || p.Yuan == nil || p.Yuan.Abs().LessThan(minBase) {
			continue
		}
		ch := c.Yuan.Sub(*p.Yuan)
		pc := percentChange(ch, *p.Yuan)
		if byPercent && pc == nil {
			continue
		}
		out = append(out, model.Mover{DepartmentID: k.dept, Code: k.code, Name: c.Ref.Name,
			PreviousName: p.Ref.Name, NameChanged: !sameName(c.Ref.Name, p.Ref.Name),
			Current: c, Previous: p, Change: ch, Percent: pc})
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

// subjectAmounts reads the subjects' totals of the year and the year before, one statement.
func (r *queryResolver) subjectAmounts(ctx context.Context, kind string, year int, depts []int64, c model.Classification, level *int) (cur, prev map[moverKey]model.Money, err error) {
	tables := subjectTables(c)
	f := db.FigureFilter{Kind: kind, Years: []int{year - 1, year}, Departments: depts, Tables: tables,
		Columns: []string{"total"}}
	if level != nil {
		f.CodeLength = 3 + 2*(*level-1)
	}
	rows, err := r.Reader.FiguresMatching(ctx, f)
	if err != nil {
		return nil, nil, err
	}
	// Per document, keep the preferred table that prints subjects.
	best := map[int64]int{}
	for _, f := range rows {
		for i, t := range tables {
			if f.TableID == t && isSubjectCode(f.RowCode) {
				if b, ok := best[f.DocumentID]; !ok || i < b {
					best[f.DocumentID] = i
				}
			}
		}
	}
	cur, prev = map[moverKey]model.Money{}, map[moverKey]model.Money{}
	for _, f := range rows {
		if !isSubjectCode(f.RowCode) || f.TableID != tables[best[f.DocumentID]] {
			continue
		}
		if level != nil && subjectLevel(f) != *level {
			continue
		}
		dst := cur
		if f.Year != year {
			dst = prev
		}
		k := moverKey{f.DepartmentID, f.RowCode}
		if _, dup := dst[k]; !dup {
			dst[k] = figureMoney(ctx, f, "")
		}
	}
	return cur, prev, nil
}

// projectAmounts reads the coded projects of the year and the year before, one statement.
func (r *queryResolver) projectAmounts(ctx context.Context, kind string, year int, depts []int64) (cur, prev map[moverKey]model.Money, err error) {
	rows, err := r.Reader.ProjectsMatching(ctx, kind, []int{year - 1, year}, depts)
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
