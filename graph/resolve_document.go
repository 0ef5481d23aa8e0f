package graph

import (
	"context"
	"strings"

	"budgetql/db"
	"budgetql/graph/model"

	"github.com/shopspring/decimal"
)

func (r *documentResolver) ID(ctx context.Context, obj *db.DocumentRow) (string, error) {
	return globalID(typeDocument, obj.ID), nil
}

func (r *documentResolver) Department(ctx context.Context, obj *db.DocumentRow) (*db.DepartmentRow, error) {
	return loadersFrom(ctx).department.Load(ctx, obj.DepartmentID)
}

func (r *documentResolver) Kind(ctx context.Context, obj *db.DocumentRow) (model.Kind, error) {
	return model.Kind(strings.ToUpper(obj.Kind)), nil
}

func (r *documentResolver) Units(ctx context.Context, obj *db.DocumentRow) ([]db.UnitRow, error) {
	return nonNil(loadersFrom(ctx).units.Load(ctx, obj.ID))
}

func (r *documentResolver) Amount(ctx context.Context, obj *db.DocumentRow, measure model.Measure) (*model.Money, error) {
	return measureMoney(ctx, obj.ID, measure)
}

// Income lists every column of the 收入总表's 合计 row but 合计 itself, in printed order: the
// income table's own columns, whatever the template (财政拨款 in Shanghai's, its parts in others').
func (r *documentResolver) Income(ctx context.Context, obj *db.DocumentRow) ([]model.IncomeSource, error) {
	loadersFrom(ctx).reg.wantCell("income", "total")
	rows, err := loadersFrom(ctx).figureRows.Load(ctx, db.DocRow{DocumentID: obj.ID, Table: "income", Row: "total"})
	if err != nil {
		return nil, err
	}
	printed := map[string]bool{}
	for _, f := range rows {
		printed[f.ColumnID] = true
	}
	out := []model.IncomeSource{}
	for _, f := range rows {
		if f.ColumnID == "total" {
			continue
		}
		m := figureMoney(ctx, f, "")
		out = append(out, model.IncomeSource{Source: f.ColumnID, PartOf: incomePartOf(f.ColumnID, printed), Amount: &m})
	}
	return out, nil
}

// incomePartOf is the subtotal column an income column is part of, when the row prints it.
func incomePartOf(col string, printed map[string]bool) *string {
	var parents []string
	switch {
	case col == "income_current" || col == "carryover":
	case strings.HasPrefix(col, "carryover_"):
		parents = []string{"carryover"}
	case col == "general_public_budget" || col == "gov_fund" || col == "state_capital":
		parents = []string{"fiscal_appropriation", "income_current"}
	default:
		parents = []string{"income_current"}
	}
	for _, p := range parents {
		if printed[p] {
			return &p
		}
	}
	return nil
}

func (r *documentResolver) Expenditure(ctx context.Context, obj *db.DocumentRow) (*model.ExpenditureTotals, error) {
	var out model.ExpenditureTotals
	var ms []model.Measure
	var dst []**model.Money
	for _, x := range []struct {
		m   model.Measure
		dst **model.Money
	}{
		{model.MeasureExpenditureTotal, &out.Total}, {model.MeasureBasicExpenditure, &out.Basic},
		{model.MeasureProjectExpenditure, &out.Project}, {model.MeasurePersonnel, &out.Personnel},
		{model.MeasurePublicUse, &out.PublicUse},
	} {
		ms = append(ms, x.m)
		dst = append(dst, x.dst)
	}
	if err := fillMeasures(ctx, obj.ID, ms, dst); err != nil {
		return nil, err
	}
	return &out, nil
}

func (r *documentResolver) Sangong(ctx context.Context, obj *db.DocumentRow) (*model.Sangong, error) {
	var out model.Sangong
	var ms []model.Measure
	var dst []**model.Money
	for _, x := range []struct {
		m   model.Measure
		dst **model.Money
	}{
		{model.MeasureSangongTotal, &out.Total}, {model.MeasureSangongOverseas, &out.Overseas},
		{model.MeasureSangongVehicle, &out.Vehicle}, {model.MeasureSangongVehiclePurchase, &out.VehiclePurchase},
		{model.MeasureSangongVehicleOperation, &out.VehicleOperation},
		{model.MeasureSangongReception, &out.Reception}, {model.MeasureOfficeRunning, &out.OfficeRunning},
	} {
		ms = append(ms, x.m)
		dst = append(dst, x.dst)
	}
	if err := fillMeasures(ctx, obj.ID, ms, dst); err != nil {
		return nil, err
	}
	return &out, nil
}

func (r *documentResolver) Procurement(ctx context.Context, obj *db.DocumentRow) (*model.Procurement, error) {
	var out model.Procurement
	var ms []model.Measure
	var dst []**model.Money
	for _, x := range []struct {
		m   model.Measure
		dst **model.Money
	}{
		{model.MeasureProcurementTotal, &out.Total}, {model.MeasureProcurementGoods, &out.Goods},
		{model.MeasureProcurementWorks, &out.Works}, {model.MeasureProcurementServices, &out.Services},
		{model.MeasureProcurementSme, &out.Sme},
	} {
		ms = append(ms, x.m)
		dst = append(dst, x.dst)
	}
	if err := fillMeasures(ctx, obj.ID, ms, dst); err != nil {
		return nil, err
	}
	out.Shares = shares(out)
	items, err := nonNil(loadersFrom(ctx).procurement.Load(ctx, obj.ID))
	out.Items = items
	return &out, err
}

func (r *documentResolver) Targets(ctx context.Context, obj *db.DocumentRow, projectCode *string, departmentWide *bool) ([]db.TargetRow, error) {
	rows, err := loadersFrom(ctx).targets.Load(ctx, obj.ID)
	out := []db.TargetRow{}
	for _, t := range rows {
		if projectCode != nil && t.ProjectCode != *projectCode {
			continue
		}
		if departmentWide != nil && *departmentWide != (t.ProjectCode == "" && t.ProjectName == "") {
			continue
		}
		out = append(out, t)
	}
	return out, err
}

func (r *documentResolver) Staffing(ctx context.Context, obj *db.DocumentRow) ([]db.StaffRow, error) {
	return nonNil(loadersFrom(ctx).staffing.Load(ctx, obj.ID))
}

func (r *documentResolver) Checks(ctx context.Context, obj *db.DocumentRow, result *model.CheckResult) ([]db.CheckRow, error) {
	key := db.DocResult{DocumentID: obj.ID}
	if result != nil {
		key.Result = strings.ToLower(string(*result))
	}
	l := loadersFrom(ctx)
	l.reg.wantCheckResult(key.Result) // fields asking for other results share the fetch
	return nonNil(l.checks.Load(ctx, key))
}

func (r *documentResolver) Repairs(ctx context.Context, obj *db.DocumentRow) ([]db.RepairRow, error) {
	return nonNil(loadersFrom(ctx).repairs.Load(ctx, obj.ID))
}

func (r *documentResolver) Issues(ctx context.Context, obj *db.DocumentRow, kind *model.IssueKind) ([]db.IssueRow, error) {
	rows, err := loadersFrom(ctx).issues.Load(ctx, obj.ID)
	out := []db.IssueRow{}
	for _, is := range rows {
		if kind == nil || is.Kind == strings.ToLower(string(*kind)) {
			out = append(out, is)
		}
	}
	return out, err
}

func (r *documentResolver) Figures(ctx context.Context, obj *db.DocumentRow, table *model.TableID, first *int, after *string) (*model.FigureConnection, error) {
	f := db.FigurePageFilter{Document: obj.ID, Table: tableArg(table)}
	return figureConnection(ctx, r.Reader, f, first, after)
}

// shares are the parts of procurement as percent of its total, or nil without a total.
func shares(p model.Procurement) *model.ProcurementShares {
	if p.Total == nil || p.Total.Yuan == nil || p.Total.Yuan.IsZero() {
		return nil
	}
	pct := func(m *model.Money) *decimal.Decimal {
		if m == nil || m.Yuan == nil {
			return nil
		}
		v := m.Yuan.Mul(decimal.NewFromInt(100)).DivRound(*p.Total.Yuan, 2)
		return &v
	}
	return &model.ProcurementShares{Goods: pct(p.Goods), Works: pct(p.Works), Services: pct(p.Services), Sme: pct(p.Sme)}
}

// fillMeasures reads the measures of a document in one load and stores each in its destination.
func fillMeasures(ctx context.Context, docID int64, ms []model.Measure, dst []**model.Money) error {
	got, err := measuresMoney(ctx, docID, ms)
	if err != nil {
		return err
	}
	for i := range got {
		*dst[i] = got[i]
	}
	return nil
}

// nonNil turns a nil slice into an empty one, for non-null GraphQL lists.
func nonNil[T any](rows []T, err error) ([]T, error) {
	if rows == nil {
		rows = []T{}
	}
	return rows, err
}

func (r *documentResolver) LoadedInVersion(ctx context.Context, obj *db.DocumentRow) (int, error) {
	return int(obj.VersionFrom), nil
}

// SupersededInVersion is the version that replaced the document, as seen at the request's
// version: a document replaced after it is current there.
func (r *documentResolver) SupersededInVersion(ctx context.Context, obj *db.DocumentRow) (*int, error) {
	if obj.VersionTo == nil || *obj.VersionTo > db.VersionOf(ctx) {
		return nil, nil
	}
	v := int(*obj.VersionTo)
	return &v, nil
}

func (r *documentResolver) Versions(ctx context.Context, obj *db.DocumentRow) ([]db.DocumentRow, error) {
	rows, err := r.Reader.DocumentVersions(ctx, obj.ID)
	for i := range rows {
		register(ctx, rows[i].ID, rows[i].DepartmentID)
	}
	return nonNil(rows, err)
}
