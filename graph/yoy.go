package graph

import (
	"context"
	"strings"

	"budgetql/db"
	"budgetql/graph/model"

	"github.com/shopspring/decimal"
)

// yearOverYear compares an amount with the previous year on both bases: LOADED (the previous
// year's own document, matched by measure, subject code or project code) and STATED (the
// previous value printed in this year's narrative).
func yearOverYear(ctx context.Context, m *model.Money) (*model.YearOverYear, error) {
	out := &model.YearOverYear{PreviousYear: m.Ref.Year - 1}
	if m.Ref.DocumentID == 0 || m.Yuan == nil {
		return out, nil
	}
	prev, err := previousMoney(ctx, m.Ref)
	if err != nil {
		return nil, err
	}
	if prev != nil && prev.Yuan != nil {
		src := prev.Source
		out.Loaded = compare(model.BasisLoaded, *m.Yuan, *prev.Yuan, &src)
		if m.Ref.Measure == "" && prev.Ref.Name != "" && !sameName(prev.Ref.Name, m.Ref.Name) {
			out.NameChanged = true
		}
		if m.Ref.Measure == "" {
			name := prev.Ref.Name
			out.PreviousName = &name
		}
	}
	stated, tol, err := statedComparison(ctx, m)
	if err != nil {
		return nil, err
	}
	out.Stated = stated
	if out.Loaded != nil && out.Stated != nil {
		out.Disagree = out.Loaded.Previous.Sub(out.Stated.Previous).Abs().GreaterThan(tol)
	}
	return out, nil
}

// compare builds a comparison of current with previous.
func compare(b model.Basis, current, previous decimal.Decimal, src *model.Source) *model.Comparison {
	ch := current.Sub(previous)
	chw := wan(ch)
	return &model.Comparison{Basis: b, Previous: previous, PreviousWanYuan: wan(previous), Change: &ch,
		ChangeWanYuan: &chw, Percent: percentChange(ch, previous), Source: src}
}

// previousDocument is the department's document of the year before, same kind, or nil.
func previousDocument(ctx context.Context, ref model.FigureRef) (*db.DocumentRow, error) {
	docs, err := loadersFrom(ctx).documents.Load(ctx, ref.DepartmentID)
	if err != nil {
		return nil, err
	}
	for i := range docs {
		d := &docs[i]
		if d.Year == ref.Year-1 && d.Kind == ref.Kind && d.Scope == "department" {
			return d, nil
		}
	}
	return nil, nil
}

// previousMoney finds the same amount in the previous year's document, or nil: a measure's or
// subject's resolved amount, a project by code, else the same cell.
func previousMoney(ctx context.Context, ref model.FigureRef) (*model.Money, error) {
	if ref.Table == "narrative" && ref.Column != "value" {
		return nil, nil
	}
	prev, err := previousDocument(ctx, ref)
	if err != nil || prev == nil {
		return nil, err
	}
	switch {
	case ref.Project:
		return previousProject(ctx, prev.ID, ref.RowCode, ref.Name, ref.Kind)
	case ref.Measure != "":
		return measureMoney(ctx, prev.ID, model.Measure(ref.Measure))
	case ref.Target != "":
		return targetMoney(ctx, prev.ID, ref.Target, ref.AmountColumn)
	}
	f, err := cellFigure(ctx, prev.ID, cell{ref.Table, ref.RowCode, ref.Column})
	if err != nil || f == nil {
		return nil, err
	}
	mo := figureMoney(ctx, *f, "")
	return &mo, nil
}

// previousProject is the project of a document with a code, or with a name when the code is empty.
func previousProject(ctx context.Context, docID int64, code, name, kind string) (*model.Money, error) {
	ps, err := loadersFrom(ctx).projects.Load(ctx, docID)
	if err != nil {
		return nil, err
	}
	for _, p := range ps {
		if code != "" && p.Code == code || code == "" && p.Code == "" && sameName(p.Name, name) {
			mo := projectMoney(p, kind)
			return &mo, nil
		}
	}
	return nil, nil
}

// statedComparison reads the previous value this year's narrative states for the amount, and the
// rounding tolerance of its printed precision.
func statedComparison(ctx context.Context, m *model.Money) (*model.Comparison, decimal.Decimal, error) {
	key := m.Ref.NarrativeKey
	if key == "" || (m.Ref.Table == "narrative" && m.Ref.Column != "value") {
		return nil, decimal.Zero, nil
	}
	rows, err := loadersFrom(ctx).narrKey.Load(ctx, db.DocKey{DocumentID: m.Ref.DocumentID, Key: key})
	if err != nil {
		return nil, decimal.Zero, err
	}
	for _, n := range rows {
		if n.Key != key || !n.StatedPrevious.Valid {
			continue
		}
		src := &model.Source{DocumentID: n.DocumentID, Table: "narrative", Row: n.Key, Column: "stated_previous",
			Page: n.Page, Line: n.Line, Text: n.LineText}
		c := compare(model.BasisStated, *m.Yuan, n.StatedPrevious.Decimal, src)
		c.StatedChange = nullDec(n.StatedChange)
		c.StatedPercent = nullDec(n.StatedPercent)
		basis := n.Basis
		c.PrintedBasis = &basis
		return c, tolerance(n.ValuePrinted, n.Unit), nil
	}
	return nil, decimal.Zero, nil
}

// tolerance is how far a figure derived from two printed values may be from the exact one: one
// step of the printed precision (e.g. 100 元 for 万元 with two decimals).
func tolerance(printed, unit string) decimal.Decimal {
	places := 0
	if i := strings.LastIndexAny(printed, ".．"); i >= 0 {
		for _, r := range printed[i+1:] {
			if r >= '0' && r <= '9' {
				places++
			}
		}
	}
	step := decimal.New(1, int32(-places))
	if unit == "万元" {
		step = step.Mul(decimal.NewFromInt(10000))
	}
	return step
}

func nullDec(n decimal.NullDecimal) *decimal.Decimal {
	if !n.Valid {
		return nil
	}
	d := n.Decimal
	return &d
}
