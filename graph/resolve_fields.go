package graph

import (
	"context"

	"budgetql/db"
	"budgetql/graph/model"
)

func (r *moneyResolver) Yoy(ctx context.Context, obj *model.Money) (*model.YearOverYear, error) {
	return yearOverYear(ctx, obj)
}

func (r *sourceResolver) Document(ctx context.Context, obj *model.Source) (*db.DocumentRow, error) {
	return loadersFrom(ctx).document.Load(ctx, obj.DocumentID)
}

func (r *figureResolver) Document(ctx context.Context, obj *model.Figure) (*db.DocumentRow, error) {
	return loadersFrom(ctx).document.Load(ctx, obj.DocumentID)
}

func (r *moverResolver) Department(ctx context.Context, obj *model.Mover) (*db.DepartmentRow, error) {
	return loadersFrom(ctx).department.Load(ctx, obj.DepartmentID)
}

func (r *rankedAmountResolver) Department(ctx context.Context, obj *model.RankedAmount) (*db.DepartmentRow, error) {
	return loadersFrom(ctx).department.Load(ctx, obj.DepartmentID)
}

func (r *searchHitResolver) Department(ctx context.Context, obj *model.SearchHit) (*db.DepartmentRow, error) {
	return loadersFrom(ctx).department.Load(ctx, obj.DepartmentID)
}

func (r *searchHitResolver) Document(ctx context.Context, obj *model.SearchHit) (*db.DocumentRow, error) {
	if obj.DocumentID == nil {
		return nil, nil
	}
	return loadersFrom(ctx).document.Load(ctx, *obj.DocumentID)
}

func (r *procurementItemResolver) Source(ctx context.Context, obj *db.ProcurementRow) (*model.Source, error) {
	return &model.Source{DocumentID: obj.DocumentID, Table: "procurement", Page: obj.Page, Line: obj.Line, Text: obj.LineText}, nil
}

func (r *staffResolver) Source(ctx context.Context, obj *db.StaffRow) (*model.Source, error) {
	return &model.Source{DocumentID: obj.DocumentID, Table: "narrative", Page: obj.Page, Line: obj.Line, Text: obj.LineText}, nil
}

func (r *targetResolver) Source(ctx context.Context, obj *db.TargetRow) (*model.Source, error) {
	return &model.Source{DocumentID: obj.DocumentID, Table: "target", Page: obj.Page, Line: obj.Line, Text: obj.LineText}, nil
}
