package graph

import (
	"context"

	"budgetql/db"
	"budgetql/graph/model"
)

// narrativeMeasure maps a narrative key to the measure whose tables print the same figure.
var narrativeMeasure = func() map[string]model.Measure {
	out := map[string]model.Measure{}
	for _, m := range model.AllMeasure {
		for _, c := range measureCells[m] {
			if c.table == "narrative" {
				if _, ok := out[c.row]; !ok {
					out[c.row] = m
				}
			}
		}
	}
	return out
}()

func (r *documentResolver) Narrative(ctx context.Context, obj *db.DocumentRow, onlyMismatches *bool) ([]model.NarrativeFigure, error) {
	rows, err := loadersFrom(ctx).narrative.Load(ctx, obj.ID)
	if err != nil {
		return nil, err
	}
	out := []model.NarrativeFigure{}
	for _, n := range rows {
		f, err := narrativeFigure(ctx, obj, n)
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
func narrativeFigure(ctx context.Context, doc *db.DocumentRow, n db.NarrativeRow) (model.NarrativeFigure, error) {
	v := model.Money{Printed: n.ValuePrinted, Unit: n.Unit, Status: "reported",
		Source: model.Source{DocumentID: n.DocumentID, Table: "narrative", Page: n.Page, Line: n.Line, Text: n.LineText},
		Ref: model.FigureRef{DepartmentID: n.DepartmentID, DocumentID: n.DocumentID, Year: n.Year, Kind: doc.Kind,
			Table: "narrative", RowCode: n.Key, Column: "value", Name: n.Name, NarrativeKey: n.Key}}
	if n.Value.Valid {
		y := n.Value.Decimal
		v.Yuan = &y
	} else {
		v.Status = "blank"
	}
	f := model.NarrativeFigure{Key: n.Key, Name: n.Name, Value: &v, StatedPrevious: nullDec(n.StatedPrevious),
		StatedChange: nullDec(n.StatedChange), StatedPercent: nullDec(n.StatedPercent),
		Direction: n.Direction, Basis: n.Basis}
	tv, err := tableFigure(ctx, doc.ID, n.Key)
	if err != nil {
		return f, err
	}
	f.TableValue = tv
	if tv != nil && tv.Yuan != nil && v.Yuan != nil {
		half := tolerance(n.ValuePrinted, n.Unit).Div(twoD)
		f.DiffersFromTable = tv.Yuan.Sub(*v.Yuan).Abs().GreaterThan(half)
	}
	return f, nil
}

// tableFigure is the table cell that prints the same figure as a narrative key, or nil.
func tableFigure(ctx context.Context, docID int64, key string) (*model.Money, error) {
	var cells []cell
	if m, ok := narrativeMeasure[key]; ok {
		for _, c := range measureCells[m] {
			if c.table != "narrative" {
				cells = append(cells, c)
			}
		}
	} else if isSubjectCode(key) {
		for _, t := range subjectTables(model.ClassificationFunction) {
			cells = append(cells, cell{t, key, "total"})
		}
	}
	if len(cells) == 0 {
		return nil, nil
	}
	f, err := firstCell(ctx, docID, cells)
	if err != nil || f == nil {
		return nil, err
	}
	m := figureMoney(*f, "")
	return &m, nil
}
