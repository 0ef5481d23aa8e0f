package graph

import (
	"context"

	"budgetql/graph/model"
)

// The Money fields of these objects are resolvers only so that gqlgen resolves them
// concurrently: each field's year-over-year comparison then joins the same dataloader batch as
// its siblings', instead of waiting for the previous field's batch.

func (r *expenditureTotalsResolver) Total(_ context.Context, o *model.ExpenditureTotals) (*model.Money, error) {
	return o.Total, nil
}
func (r *expenditureTotalsResolver) Basic(_ context.Context, o *model.ExpenditureTotals) (*model.Money, error) {
	return o.Basic, nil
}
func (r *expenditureTotalsResolver) Project(_ context.Context, o *model.ExpenditureTotals) (*model.Money, error) {
	return o.Project, nil
}
func (r *expenditureTotalsResolver) Personnel(_ context.Context, o *model.ExpenditureTotals) (*model.Money, error) {
	return o.Personnel, nil
}
func (r *expenditureTotalsResolver) PublicUse(_ context.Context, o *model.ExpenditureTotals) (*model.Money, error) {
	return o.PublicUse, nil
}

func (r *sangongResolver) Total(_ context.Context, o *model.Sangong) (*model.Money, error) {
	return o.Total, nil
}
func (r *sangongResolver) Overseas(_ context.Context, o *model.Sangong) (*model.Money, error) {
	return o.Overseas, nil
}
func (r *sangongResolver) Vehicle(_ context.Context, o *model.Sangong) (*model.Money, error) {
	return o.Vehicle, nil
}
func (r *sangongResolver) VehiclePurchase(_ context.Context, o *model.Sangong) (*model.Money, error) {
	return o.VehiclePurchase, nil
}
func (r *sangongResolver) VehicleOperation(_ context.Context, o *model.Sangong) (*model.Money, error) {
	return o.VehicleOperation, nil
}
func (r *sangongResolver) Reception(_ context.Context, o *model.Sangong) (*model.Money, error) {
	return o.Reception, nil
}
func (r *sangongResolver) OfficeRunning(_ context.Context, o *model.Sangong) (*model.Money, error) {
	return o.OfficeRunning, nil
}

func (r *procurementResolver) Total(_ context.Context, o *model.Procurement) (*model.Money, error) {
	return o.Total, nil
}
func (r *procurementResolver) Goods(_ context.Context, o *model.Procurement) (*model.Money, error) {
	return o.Goods, nil
}
func (r *procurementResolver) Works(_ context.Context, o *model.Procurement) (*model.Money, error) {
	return o.Works, nil
}
func (r *procurementResolver) Services(_ context.Context, o *model.Procurement) (*model.Money, error) {
	return o.Services, nil
}
func (r *procurementResolver) Sme(_ context.Context, o *model.Procurement) (*model.Money, error) {
	return o.Sme, nil
}

func (r *moverResolver) Current(_ context.Context, o *model.Mover) (*model.Money, error) {
	return &o.Current, nil
}
func (r *moverResolver) Previous(_ context.Context, o *model.Mover) (*model.Money, error) {
	return &o.Previous, nil
}
