package graph

import (
	"context"
	"strings"

	"budgetql/db"
	"budgetql/graph/generated"
	"budgetql/graph/model"
	loadermodel "budgetql/loader/model"

	"github.com/shopspring/decimal"
)

func (r *moneyResolver) Yoy(ctx context.Context, obj *model.Money) (*model.YearOverYear, error) {
	return yearOverYear(ctx, obj)
}

// WanYuan is the amount in 万元, exact, or rounded half away from zero (四舍五入) to the printed
// precision: the places printed when printed in 万元, else 2.
func (r *moneyResolver) WanYuan(ctx context.Context, obj *model.Money, rounded *bool) (*decimal.Decimal, error) {
	w := obj.WanYuan()
	if w == nil || rounded == nil || !*rounded {
		return w, nil
	}
	places := int32(2)
	if obj.Unit == "万元" {
		places = int32(printedPlaces(obj.Printed))
	}
	x := w.Round(places)
	return &x, nil
}

// printedPlaces is the number of digits printed after the decimal point.
func printedPlaces(printed string) int {
	i := strings.LastIndexAny(printed, ".．")
	if i < 0 {
		return 0
	}
	n := 0
	for _, r := range printed[i:] {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
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

// CellRef returns the CellRef resolver.
func (r *Resolver) CellRef() generated.CellRefResolver { return &cellRefResolver{r} }

type cellRefResolver struct{ *Resolver }

func (r *cellRefResolver) Table(ctx context.Context, obj *loadermodel.CellRef) (string, error) {
	return string(obj.Table), nil
}
