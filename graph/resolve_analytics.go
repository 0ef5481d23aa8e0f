package graph

import (
	"context"
	"fmt"
	"sort"

	"budgetql/db"
	"budgetql/graph/model"
)

// targetCells are the cells of a measure or a subject column.
func targetCells(measure *model.Measure, subject *model.SubjectRef, column *model.Column) ([]cell, model.Measure, error) {
	if (measure == nil) == (subject == nil) {
		return nil, "", userErrorf("give exactly one of measure or subject")
	}
	if measure != nil {
		return measureCells[*measure], *measure, nil
	}
	var cells []cell
	for _, t := range subjectTables(subject.Classification) {
		cells = append(cells, cell{t, subject.Code, columnID(column)})
	}
	return cells, "", nil
}

func (r *queryResolver) Totals(ctx context.Context, measure *model.Measure, subject *model.SubjectRef, column *model.Column, kind *model.Kind) ([]model.YearTotal, error) {
	cells, _, err := targetCells(measure, subject, column)
	if err != nil {
		return nil, err
	}
	amounts, err := r.amounts(ctx, kindArg(kind), 0, cells)
	if err != nil {
		return nil, err
	}
	byYear := map[int]*model.YearTotal{}
	var years []int
	for _, a := range firstAmounts(amounts, cells) {
		t := byYear[a.Year]
		if t == nil {
			t = &model.YearTotal{Year: a.Year}
			byYear[t.Year] = t
			years = append(years, t.Year)
		}
		t.Yuan = t.Yuan.Add(a.Amount.Decimal)
		t.Departments++
	}
	sort.Ints(years)
	out := []model.YearTotal{}
	for i, y := range years {
		t := byYear[y]
		t.WanYuan = wan(t.Yuan)
		if i > 0 && years[i-1] == y-1 {
			ch := t.Yuan.Sub(byYear[y-1].Yuan)
			t.Change, t.Percent = &ch, percentChange(ch, byYear[y-1].Yuan)
		}
		out = append(out, *t)
	}
	return out, nil
}

// firstAmounts keeps per document the first cell, in cells order, that has a value; amounts
// are ordered by document.
func firstAmounts(amounts []db.AmountRow, cells []cell) []db.AmountRow {
	var out []db.AmountRow
	for i := 0; i < len(amounts); {
		j := i
		for j < len(amounts) && amounts[j].DocumentID == amounts[i].DocumentID {
			j++
		}
	cells:
		for _, c := range cells {
			for _, a := range amounts[i:j] {
				if a.TableID == c.table && a.RowCode == c.row && a.ColumnID == c.col && a.Amount.Valid {
					out = append(out, a)
					break cells
				}
			}
		}
		i = j
	}
	return out
}

func (r *queryResolver) Ranking(ctx context.Context, measure model.Measure, year int, kind *model.Kind, first *int) ([]model.RankedAmount, error) {
	limit, err := pageSize(first, 20)
	if err != nil {
		return nil, err
	}
	amounts, err := r.amounts(ctx, kindArg(kind), year, measureCells[measure])
	if err != nil {
		return nil, err
	}
	top := firstAmounts(amounts, measureCells[measure])
	sort.SliceStable(top, func(i, j int) bool { return top[i].Amount.Decimal.GreaterThan(top[j].Amount.Decimal) })
	if len(top) > limit {
		top = top[:limit]
	}
	for _, a := range top {
		register(ctx, a.DocumentID, a.DepartmentID)
	}
	// The ranked documents' full cells (text, source) in one batched load.
	cells := measureCells[measure]
	var keys []db.DocRow
	for _, a := range top {
		for _, c := range cells {
			keys = append(keys, db.DocRow{DocumentID: a.DocumentID, Table: c.table, Row: c.row})
		}
	}
	found, err := loadersFrom(ctx).figureRows.LoadAll(ctx, keys)
	if err != nil {
		return nil, err
	}
	byDoc := map[int64][]db.FigureRow{}
	for i, k := range keys {
		byDoc[k.DocumentID] = append(byDoc[k.DocumentID], found[i]...)
	}
	out := make([]model.RankedAmount, 0, len(top))
	for i, a := range top {
		f := pickCell(byDoc[a.DocumentID], cells)
		if f == nil || !f.Amount.Valid {
			return nil, fmt.Errorf("ranking: document %d lost its %s", a.DocumentID, measure)
		}
		out = append(out, model.RankedAmount{Rank: i + 1, DepartmentID: a.DepartmentID, Amount: figureMoney(ctx, *f, measure)})
	}
	return out, nil
}

// amounts reads the amounts of cells of every department document of a kind (and year).
func (r *queryResolver) amounts(ctx context.Context, kind string, year int, cells []cell) ([]db.AmountRow, error) {
	var tables, rows, cols []string
	for _, c := range cells {
		tables, rows, cols = append(tables, c.table), append(rows, c.row), append(cols, c.col)
	}
	return r.Reader.AmountsMatching(ctx, kind, year, tables, rows, cols)
}
