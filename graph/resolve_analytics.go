package graph

import (
	"context"
	"strings"

	"budgetql/db"
	"budgetql/graph/model"
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
// it loaded each document.
func (r *queryResolver) Totals(ctx context.Context, measure *model.Measure, subject *model.SubjectRef, column *model.Column, kind *model.Kind) ([]model.YearTotal, error) {
	t, err := amountTarget(measure, subject, column)
	if err != nil {
		return nil, err
	}
	rows, err := r.Reader.YearTotals(ctx, t, kindArg(kind))
	if err != nil {
		return nil, err
	}
	out := make([]model.YearTotal, 0, len(rows))
	for i, y := range rows {
		t := model.YearTotal{Year: y.Year, Yuan: y.Yuan, WanYuan: wan(y.Yuan), Departments: y.Departments}
		if i > 0 && rows[i-1].Year == y.Year-1 {
			ch := y.Yuan.Sub(rows[i-1].Yuan)
			t.Change, t.Percent = &ch, percentChange(ch, rows[i-1].Yuan)
		}
		out = append(out, t)
	}
	return out, nil
}

// Ranking orders the departments by a measure of a year, largest first.
func (r *queryResolver) Ranking(ctx context.Context, measure model.Measure, year int, kind *model.Kind, first *int) ([]model.RankedAmount, error) {
	limit, err := pageSize(first, 20)
	if err != nil {
		return nil, err
	}
	rows, err := r.Reader.RankedFigures(ctx, db.AmountTarget{Measure: string(measure)}, kindArg(kind), year, limit)
	if err != nil {
		return nil, err
	}
	out := make([]model.RankedAmount, 0, len(rows))
	for i := range rows {
		f := &rows[i]
		prime(ctx, &f.Department, &f.Document)
		out = append(out, model.RankedAmount{Rank: i + 1, DepartmentID: f.DepartmentID, Amount: figureMoney(ctx, f.FigureRow, measure)})
	}
	return out, nil
}
