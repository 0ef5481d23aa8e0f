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
	// Read every table cell the narrative could be compared with in one load.
	var cells []cell
	for _, n := range rows {
		cells = append(cells, tableCells(n.Key)...)
	}
	figs, err := loadCells(ctx, obj.ID, cells)
	if err != nil {
		return nil, err
	}
	out := []model.NarrativeFigure{}
	for _, n := range rows {
		f, err := narrativeFigure(ctx, obj, n, figs)
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
func narrativeFigure(ctx context.Context, doc *db.DocumentRow, n db.NarrativeRow, figs []db.FigureRow) (model.NarrativeFigure, error) {
	v := model.Money{Printed: n.ValuePrinted, Unit: n.Unit, Status: "reported",
		Source: model.Source{DocumentID: n.DocumentID, Table: "narrative", Page: n.Page, Line: n.Line, Text: n.LineText},
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
	if c := pickCell(figs, tableCells(n.Key)); c != nil {
		m := figureMoney(ctx, *c, "")
		tv = &m
	}
	f.TableValue = tv
	if tv != nil && tv.Yuan != nil && v.Yuan != nil {
		half := tolerance(n.ValuePrinted, n.Unit).Div(twoD)
		f.DiffersFromTable = tv.Yuan.Sub(*v.Yuan).Abs().GreaterThan(half)
	}
	return f, nil
}

// tableCells are the table cells that print the same figure as a narrative key.
func tableCells(key string) []cell {
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
	return cells
}
