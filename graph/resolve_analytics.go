package graph

import (
	"context"
	"sort"

	"budgetql/db"
	"budgetql/graph/model"

	"github.com/shopspring/decimal"
)

// picked is the figure chosen for one document: the first of the cells it prints.
type picked struct {
	doc   int64
	money model.Money
	yuan  decimal.Decimal
}

// pickCells reads the cells from every department document of the kind (and years, when
// given) in one statement, and keeps per document the first cell, in cells order, with a value.
func (r *queryResolver) pickCells(ctx context.Context, kind string, years []int, cells []cell, m model.Measure) ([]picked, error) {
	f := db.FigureFilter{Kind: kind, Years: years}
	seen := map[string]bool{}
	for _, c := range cells {
		for _, v := range []struct {
			s   string
			dst *[]string
		}{{"t" + c.table, &f.Tables}, {"r" + c.row, &f.Rows}, {"c" + c.col, &f.Columns}} {
			if !seen[v.s] {
				seen[v.s] = true
				*v.dst = append(*v.dst, v.s[1:])
			}
		}
	}
	rows, err := r.Reader.FiguresMatching(ctx, f)
	if err != nil {
		return nil, err
	}
	var out []picked
	for i := 0; i < len(rows); {
		j := i
		for j < len(rows) && rows[j].DocumentID == rows[i].DocumentID {
			j++
		}
		for _, c := range cells {
			if x := findCell(rows[i:j], c); x != nil && x.Amount.Valid {
				out = append(out, picked{doc: x.DocumentID, money: figureMoney(ctx, *x, m), yuan: x.Amount.Decimal})
				break
			}
		}
		i = j
	}
	return out, nil
}

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
	var tables, rows, cols []string
	for _, c := range cells {
		tables, rows, cols = append(tables, c.table), append(rows, c.row), append(cols, c.col)
	}
	amounts, err := r.Reader.AmountsMatching(ctx, kindArg(kind), tables, rows, cols)
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
	ps, err := r.pickCells(ctx, kindArg(kind), []int{year}, measureCells[measure], measure)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].yuan.GreaterThan(ps[j].yuan) })
	out := []model.RankedAmount{}
	for i := 0; i < len(ps) && i < limit; i++ {
		register(ctx, ps[i].doc, ps[i].money.Ref.DepartmentID)
		out = append(out, model.RankedAmount{Rank: i + 1, DepartmentID: ps[i].money.Ref.DepartmentID, Amount: ps[i].money})
	}
	return out, nil
}
