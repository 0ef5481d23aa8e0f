package graph

import (
	"context"
	"strings"

	"budgetql/db"
	"budgetql/graph/model"

	"github.com/shopspring/decimal"
)

// figureMoney turns a figure row into Money.
// It registers what the amount's year-over-year comparison will read, so that the loaders fetch
// it for every document of the response at once.
func figureMoney(ctx context.Context, f db.FigureRow, measure model.Measure) model.Money {
	m := moneyOf(ctx, f, measure)
	want(ctx, m.Ref)
	return m
}

// moneyOf is figureMoney without the registration, for amounts that may not be returned. A
// figure of a subject table is its subject's amount, so its previous year is the subject's.
func moneyOf(ctx context.Context, f db.FigureRow, measure model.Measure) model.Money {
	rules := loadersFrom(ctx).rules
	m := model.Money{Printed: f.Printed, Unit: f.Unit, Status: f.Status, Note: f.Note,
		Source: model.Source{DocumentID: f.DocumentID, Table: f.TableID, Row: f.RowCode, Column: f.ColumnID,
			Page: f.Page, Line: f.Line, Text: f.LineText},
		Ref: model.FigureRef{DepartmentID: f.DepartmentID, DocumentID: f.DocumentID, Year: f.Year, Kind: f.Kind,
			Table: f.TableID, RowCode: f.RowCode, Column: f.ColumnID, Name: f.RowName, Measure: string(measure),
			NarrativeKey: rules.statedKey(cell{f.TableID, f.RowCode, f.ColumnID})}}
	if t := rules.subjectTarget(f.TableID, f.RowCode); t != "" {
		m.Ref.Target, m.Ref.AmountColumn = t, f.ColumnID
	}
	if measure != "" {
		m.Ref.Target, m.Ref.AmountColumn = string(measure), ""
		m.Ref.NarrativeKey = rules.narrativeKey[string(measure)]
	}
	if f.Amount.Valid {
		y := f.Amount.Decimal
		m.Yuan = &y
	}
	return m
}

// want registers what a reference's comparison reads: its previous year's amount (a measure's
// or subject's resolved amount, else the same cell) and the narrative key stating it.
func want(ctx context.Context, ref model.FigureRef) {
	reg := loadersFrom(ctx).reg
	switch {
	case ref.Target != "":
		reg.wantAmount(ref.Target, ref.AmountColumn)
	case !ref.Project:
		reg.wantCell(ref.Table, ref.RowCode)
	}
	if ref.NarrativeKey != "" {
		reg.wantKey(ref.NarrativeKey)
	}
}

// findCell returns the first figure printed at c, or nil.
func findCell(rows []db.FigureRow, c cell) *db.FigureRow {
	for i := range rows {
		if rows[i].TableID == c.table && rows[i].RowCode == c.row && rows[i].ColumnID == c.col {
			return &rows[i]
		}
	}
	return nil
}

// cellFigure is the figure a document prints at a cell, or nil.
func cellFigure(ctx context.Context, docID int64, c cell) (*db.FigureRow, error) {
	loadersFrom(ctx).reg.wantCell(c.table, c.row) // the fetch widens to it for every document
	rows, err := loadersFrom(ctx).figureRows.Load(ctx, db.DocRow{DocumentID: docID, Table: c.table, Row: c.row})
	if err != nil {
		return nil, err
	}
	return findCell(rows, c), nil
}

// resolvedFigure is a document's resolved amount of a target and column (the figure the store
// chose by amount_rule), or nil when the document prints none.
func resolvedFigure(ctx context.Context, docID int64, target, column string) (*db.FigureRow, error) {
	loadersFrom(ctx).reg.wantAmount(target, column)
	rows, err := loadersFrom(ctx).amounts.Load(ctx, db.DocAmount{DocumentID: docID, Target: target, Column: column})
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	return &rows[0].FigureRow, nil
}

// measureMoney is a document's amount for a measure, or nil when the document prints none.
func measureMoney(ctx context.Context, docID int64, m model.Measure) (*model.Money, error) {
	f, err := resolvedFigure(ctx, docID, string(m), "")
	if err != nil || f == nil {
		return nil, err
	}
	mo := figureMoney(ctx, *f, m)
	return &mo, nil
}

// measuresMoney reads several measures of a document in one batched load.
func measuresMoney(ctx context.Context, docID int64, ms []model.Measure) ([]*model.Money, error) {
	l := loadersFrom(ctx)
	keys := make([]db.DocAmount, len(ms))
	for i, m := range ms {
		l.reg.wantAmount(string(m), "")
		keys[i] = db.DocAmount{DocumentID: docID, Target: string(m)}
	}
	rows, err := l.amounts.LoadAll(ctx, keys)
	if err != nil {
		return nil, err
	}
	out := make([]*model.Money, len(ms))
	for i, m := range ms {
		if len(rows[i]) > 0 {
			mo := figureMoney(ctx, rows[i][0].FigureRow, m)
			out[i] = &mo
		}
	}
	return out, nil
}

// targetMoney is a document's resolved amount of a subject target ("function:201") or a measure's
// 年初预算 in a column, or nil.
func targetMoney(ctx context.Context, docID int64, target, column string) (*model.Money, error) {
	f, err := resolvedFigure(ctx, docID, target, column)
	if err != nil || f == nil {
		return nil, err
	}
	mo := moneyOf(ctx, *f, "")
	mo.Ref.Target, mo.Ref.AmountColumn = target, column
	want(ctx, mo.Ref)
	return &mo, nil
}

var twoD = decimal.NewFromInt(2)

// wan converts yuan to 万元 exactly, by moving the decimal point (no division).
func wan(d decimal.Decimal) decimal.Decimal { return d.Shift(-4) }

// percentChange is 100 × change / previous rounded to 2 places, or nil when previous is 0.
func percentChange(change, previous decimal.Decimal) *decimal.Decimal {
	if previous.IsZero() {
		return nil
	}
	p := change.Mul(decimal.NewFromInt(100)).DivRound(previous.Abs(), 2)
	return &p
}

// sameName compares printed names ignoring white space.
func sameName(a, b string) bool {
	return strings.Join(strings.Fields(a), "") == strings.Join(strings.Fields(b), "")
}
