package graph

import (
	"context"
	"strings"

	"budgetql/db"
	"budgetql/graph/model"

	"github.com/shopspring/decimal"
)

// amountTarget is the store's name of a measure, or of a subject in a column.
func amountTarget(measure *model.Measure, subject *model.SubjectRef, column *model.Column) (db.AmountTarget, error) {
	if (measure == nil) == (subject == nil) {
		return db.AmountTarget{}, userErrorf("give exactly one of measure or subject")
	}
	if measure != nil {
		return db.AmountTarget{Measure: string(*measure)}, nil
	}
	return db.AmountTarget{Classification: strings.ToLower(string(subject.Classification)), Code: subject.Code,
		Column: columnID(column)}, nil
}

// Totals sums an amount over the departments by year, from the amounts the store resolved when
// it loaded each document: over every department, or like for like.
func (r *queryResolver) Totals(ctx context.Context, measure *model.Measure, subject *model.SubjectRef, column *model.Column, kind *model.Kind, basis *model.TotalBasis) ([]model.YearTotal, error) {
	t, err := amountTarget(measure, subject, column)
	if err != nil {
		return nil, err
	}
	if basis != nil && *basis == model.TotalBasisLikeForLike {
		rows, err := r.Reader.LikeForLikeTotals(ctx, t, kindArg(kind))
		out := make([]model.YearTotal, 0, len(rows))
		for _, y := range rows {
			out = append(out, yearTotal(model.TotalBasisLikeForLike, y, y.Previous.Decimal, y.PreviousDepartments))
		}
		return out, err
	}
	rows, err := r.Reader.YearTotals(ctx, t, kindArg(kind))
	if err != nil {
		return nil, err
	}
	out := make([]model.YearTotal, 0, len(rows))
	for i, y := range rows {
		if i > 0 && rows[i-1].Year == y.Year-1 {
			out = append(out, yearTotal(model.TotalBasisAll, y, rows[i-1].Yuan, rows[i-1].Departments))
		} else {
			out = append(out, model.YearTotal{Year: y.Year, Yuan: y.Yuan, WanYuan: wan(y.Yuan), Departments: y.Departments,
				Basis: model.TotalBasisAll})
		}
	}
	return out, nil
}

// yearTotal is a year's total compared with the previous year's on a basis.
func yearTotal(b model.TotalBasis, y db.YearTotal, prev decimal.Decimal, prevDepts int) model.YearTotal {
	ch := y.Yuan.Sub(prev)
	return model.YearTotal{Year: y.Year, Yuan: y.Yuan, WanYuan: wan(y.Yuan), Departments: y.Departments, Basis: b,
		PreviousYuan: &prev, PreviousDepartments: &prevDepts, Change: &ch, Percent: percentChange(ch, prev)}
}

// Ranking orders the departments by a measure or subject of a year, largest first.
func (r *queryResolver) Ranking(ctx context.Context, measure *model.Measure, subject *model.SubjectRef, column *model.Column, year int, kind *model.Kind, first *int) ([]model.RankedAmount, error) {
	limit, err := pageSize(first, 20)
	if err != nil {
		return nil, err
	}
	t, err := amountTarget(measure, subject, column)
	if err != nil {
		return nil, err
	}
	rows, err := r.Reader.RankedFigures(ctx, t, kindArg(kind), year, limit)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		if err := noDataForYear(ctx, r.Reader, year, kindArg(kind)); err != nil {
			return nil, err
		}
	}
	var m model.Measure
	if measure != nil {
		m = *measure
	}
	out := make([]model.RankedAmount, 0, len(rows))
	for i := range rows {
		f := &rows[i]
		prime(ctx, &f.Department, &f.Document)
		out = append(out, model.RankedAmount{Rank: i + 1, DepartmentID: f.DepartmentID, Amount: figureMoney(ctx, f.FigureRow, m)})
	}
	return out, nil
}
