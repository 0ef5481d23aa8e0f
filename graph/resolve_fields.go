package graph

import (
	"context"

	"budgetql/db"
	"budgetql/graph/model"

	"github.com/shopspring/decimal"
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

func (r *checkResolver) Table(ctx context.Context, obj *db.CheckRow) (string, error) {
	return obj.TableID, nil
}

func (r *checkResolver) Expected(ctx context.Context, obj *db.CheckRow) (*decimal.Decimal, error) {
	return nullDec(obj.Expected), nil
}

func (r *checkResolver) Actual(ctx context.Context, obj *db.CheckRow) (*decimal.Decimal, error) {
	return nullDec(obj.Actual), nil
}

func (r *checkResolver) Lines(ctx context.Context, obj *db.CheckRow) ([]int, error) {
	out := make([]int, len(obj.Lines))
	for i, l := range obj.Lines {
		out[i] = int(l)
	}
	return out, nil
}

func (r *repairResolver) Table(ctx context.Context, obj *db.RepairRow) (string, error) {
	return obj.TableID, nil
}

func (r *repairResolver) Column(ctx context.Context, obj *db.RepairRow) (string, error) {
	return obj.ColumnID, nil
}

func (r *procurementItemResolver) UnitPrice(ctx context.Context, obj *db.ProcurementRow) (*decimal.Decimal, error) {
	return nullDec(obj.UnitPrice), nil
}

func (r *procurementItemResolver) Total(ctx context.Context, obj *db.ProcurementRow) (*decimal.Decimal, error) {
	return nullDec(obj.Total), nil
}

func (r *procurementItemResolver) Sme(ctx context.Context, obj *db.ProcurementRow) (*decimal.Decimal, error) {
	return nullDec(obj.SME), nil
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
