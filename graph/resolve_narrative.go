package graph

import (
	"context"

	"budgetql/db"
	"budgetql/graph/model"
)

func (r *documentResolver) Narrative(ctx context.Context, obj *db.DocumentRow, onlyMismatches *bool) ([]model.NarrativeFigure, error) {
	rows, err := loadersFrom(ctx).narrative.Load(ctx, obj.ID)
	if err != nil {
		return nil, err
	}
	// Read every amount the narrative could be compared with in one load.
	l := loadersFrom(ctx)
	keys := make([]db.DocAmount, len(rows))
	for i, n := range rows {
		keys[i] = tableAmount(l.rules, obj, n.Key)
		l.reg.wantAmount(keys[i].Target, keys[i].Column)
	}
	figs, err := l.amounts.LoadAll(ctx, keys)
	if err != nil {
		return nil, err
	}
	out := []model.NarrativeFigure{}
	for i, n := range rows {
		f, err := narrativeFigure(ctx, obj, n, figs[i])
		if err != nil {
			return nil, err
		}
		if onlyMismatches == nil || !*onlyMismatches || f.DiffersFromTable {
			out = append(out, f)
		}
	}
	return out, nil
}

// narrativeFigure is a narrative row with the table figure it should equal.
func narrativeFigure(ctx context.Context, doc *db.DocumentRow, n db.NarrativeRow, resolved []db.AmountRow) (model.NarrativeFigure, error) {
	v := model.Money{Printed: n.ValuePrinted, Unit: n.Unit, Status: "reported",
		Source: model.Source{DocumentID: n.DocumentID, Table: "narrative", Row: n.Key, Column: "value",
			Page: n.Page, Line: n.Line, Text: n.LineText},
		Ref: model.FigureRef{DepartmentID: n.DepartmentID, DocumentID: n.DocumentID, Year: n.Year, Kind: doc.Kind,
			Table: "narrative", RowCode: n.Key, Column: "value", Name: n.Name, NarrativeKey: n.Key}}
	want(ctx, v.Ref)
	if n.Value.Valid {
		y := n.Value.Decimal
		v.Yuan = &y
	} else {
		v.Status = "blank"
	}
	f := model.NarrativeFigure{Key: n.Key, Name: n.Name, Value: &v, StatedPrevious: nullDec(n.StatedPrevious),
		StatedChange: nullDec(n.StatedChange), StatedPercent: nullDec(n.StatedPercent),
		Direction: n.Direction, Basis: n.Basis}
	var tv *model.Money
	if len(resolved) > 0 && resolved[0].TableID != "narrative" {
		m := figureMoney(ctx, resolved[0].FigureRow, "")
		tv = &m
	}
	f.TableValue = tv
	if tv != nil && tv.Yuan != nil && v.Yuan != nil {
		half := tolerance(n.ValuePrinted, n.Unit).Div(twoD)
		f.DiffersFromTable = tv.Yuan.Sub(*v.Yuan).Abs().GreaterThan(half)
	}
	return f, nil
}

// tableAmount is the resolved amount whose table figure a narrative key repeats: its measure's,
// or a function subject's (in a 决算, on the 一般公共预算 basis the narrative states it on).
func tableAmount(rules *amountRules, doc *db.DocumentRow, key string) db.DocAmount {
	if m, ok := rules.keyMeasure[key]; ok {
		return db.DocAmount{DocumentID: doc.ID, Target: m}
	}
	col := "total"
	if doc.Kind == "final" {
		col = "actual"
	}
	return db.DocAmount{DocumentID: doc.ID, Target: "function:" + key, Column: col}
}
