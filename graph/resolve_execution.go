package graph

import (
	"context"
	"sort"
	"strings"

	"budgetql/db"
	"budgetql/graph/generated"
	"budgetql/graph/model"

	"github.com/shopspring/decimal"
)

// BudgetExecution returns the BudgetExecution resolver.
func (r *Resolver) BudgetExecution() generated.BudgetExecutionResolver {
	return &budgetExecutionResolver{r}
}

type budgetExecutionResolver struct{ *Resolver }

func (r *documentResolver) BudgetDocument(ctx context.Context, obj *db.DocumentRow) (*db.DocumentRow, error) {
	return counterpart(ctx, obj, "budget")
}

func (r *documentResolver) FinalDocument(ctx context.Context, obj *db.DocumentRow) (*db.DocumentRow, error) {
	return counterpart(ctx, obj, "final")
}

// counterpart is the document of the same department, year and scope of a kind (the document
// itself when it is of that kind), or nil.
func counterpart(ctx context.Context, doc *db.DocumentRow, kind string) (*db.DocumentRow, error) {
	if doc.Kind == kind {
		return doc, nil
	}
	docs, err := loadersFrom(ctx).documents.Load(ctx, doc.DepartmentID)
	if err != nil {
		return nil, err
	}
	for i := range docs {
		if d := &docs[i]; d.Year == doc.Year && d.Kind == kind && d.Scope == doc.Scope {
			return d, nil
		}
	}
	return nil, nil
}

// executionMeasures are the headline figures a 决算 states a budget for, in BudgetExecution's
// field order.
var executionMeasures = []model.Measure{model.MeasureSangongTotal, model.MeasureSangongOverseas,
	model.MeasureSangongVehicle, model.MeasureSangongVehiclePurchase, model.MeasureSangongVehicleOperation,
	model.MeasureSangongReception, model.MeasureOfficeRunning, model.MeasureGeneralPublicBudget}

// Execution is a 决算's budget against actual: each measure's resolved amount (决算数) against its
// resolved 年初预算 (amount column "budget"), and the same measure in this year's 预算 document.
func (r *documentResolver) Execution(ctx context.Context, obj *db.DocumentRow) (*model.BudgetExecution, error) {
	if obj.Kind != "final" {
		return nil, nil
	}
	budgetDoc, err := counterpart(ctx, obj, "budget")
	if err != nil {
		return nil, err
	}
	out := &model.BudgetExecution{DocumentID: obj.ID}
	l := loadersFrom(ctx)
	var keys []db.DocAmount
	for _, m := range executionMeasures {
		keys = append(keys, db.DocAmount{DocumentID: obj.ID, Target: string(m)},
			db.DocAmount{DocumentID: obj.ID, Target: string(m), Column: "budget"})
		if budgetDoc != nil {
			keys = append(keys, db.DocAmount{DocumentID: budgetDoc.ID, Target: string(m)})
		}
	}
	if budgetDoc != nil {
		out.BudgetDocumentID = budgetDoc.ID
		register(ctx, budgetDoc.ID, budgetDoc.DepartmentID)
	}
	for _, k := range keys {
		l.reg.wantAmount(k.Target, k.Column)
	}
	found, err := l.amounts.LoadAll(ctx, keys)
	if err != nil {
		return nil, err
	}
	got := map[db.DocAmount]*db.FigureRow{}
	for i, rows := range found {
		if len(rows) > 0 {
			got[keys[i]] = &rows[0].FigureRow
		}
	}
	dst := []**model.Execution{&out.SangongTotal, &out.SangongOverseas, &out.SangongVehicle,
		&out.SangongVehiclePurchase, &out.SangongVehicleOperation, &out.SangongReception, &out.OfficeRunning,
		&out.GeneralPublicBudget}
	for i, m := range executionMeasures {
		x := measureExecution(ctx, m, got[db.DocAmount{DocumentID: obj.ID, Target: string(m)}],
			got[db.DocAmount{DocumentID: obj.ID, Target: string(m), Column: "budget"}],
			got[db.DocAmount{DocumentID: out.BudgetDocumentID, Target: string(m)}])
		*dst[i] = &x
	}
	return out, nil
}

// measureExecution pairs a measure's actual, budget and 预算-document figures (each may be nil).
func measureExecution(ctx context.Context, m model.Measure, actual, budget, budgetDoc *db.FigureRow) model.Execution {
	x := model.Execution{Measure: &m, Name: string(m)}
	if actual != nil {
		a := figureMoney(ctx, *actual, m)
		x.Actual, x.Name = &a, actual.RowName
	}
	if budget != nil {
		b := moneyOf(ctx, *budget, "")
		b.Ref.Target, b.Ref.AmountColumn, b.Ref.NarrativeKey = string(m), "budget", ""
		want(ctx, b.Ref)
		x.Budget = &b
		if budget.TableID == "narrative" && (actual == nil || actual.TableID != "narrative") {
			x.Name = budget.RowName // the prose names the figure; a table's total row says 合计
		}
	}
	if budgetDoc != nil {
		d := figureMoney(ctx, *budgetDoc, m)
		x.BudgetDocument = &d
	}
	finishExecution(&x)
	return x
}

// finishExecution fills the rate and the agreement with the 预算 document.
func finishExecution(x *model.Execution) {
	if x.Budget == nil || x.Budget.Yuan == nil {
		return
	}
	if x.Actual != nil && x.Actual.Yuan != nil && !x.Budget.Yuan.IsZero() {
		rate := x.Actual.Yuan.Mul(decimal.NewFromInt(100)).DivRound(*x.Budget.Yuan, 2)
		x.Rate = &rate
	}
	if x.BudgetDocument != nil && x.BudgetDocument.Yuan != nil {
		half := tolerance(x.Budget.Printed, x.Budget.Unit).Div(twoD)
		agrees := !x.Budget.Yuan.Sub(*x.BudgetDocument.Yuan).Abs().GreaterThan(half)
		x.AgreesWithBudgetDocument = &agrees
	}
}

// Subjects are the function subjects whose 年初预算 the 决算 prints, by code: each against its
// 决算数 on the same (一般公共预算财政拨款) basis and the 预算 document's amount of the code.
func (r *budgetExecutionResolver) Subjects(ctx context.Context, obj *model.BudgetExecution, level *int) ([]model.Execution, error) {
	if level != nil {
		if err := checkLevel(*level); err != nil {
			return nil, err
		}
	}
	keys := []db.DocClass{{DocumentID: obj.DocumentID, Classification: "function"}}
	if obj.BudgetDocumentID != 0 {
		keys = append(keys, db.DocClass{DocumentID: obj.BudgetDocumentID, Classification: "function"})
	}
	rows, err := loadersFrom(ctx).subjects.LoadAll(ctx, keys)
	if err != nil {
		return nil, err
	}
	byCode := map[string]map[string]*db.FigureRow{} // code → column → figure
	for i, doc := range rows {
		for j := range doc {
			a := &doc[j]
			col := a.AmountColumn
			if i == 1 {
				if col != "total" {
					continue
				}
				col = "budget_document"
			}
			code := strings.TrimPrefix(a.Target, "function:")
			if byCode[code] == nil {
				byCode[code] = map[string]*db.FigureRow{}
			}
			byCode[code][col] = &a.FigureRow
		}
	}
	return subjectExecutions(ctx, byCode, level), nil
}

// subjectExecutions pairs each code with a printed budget, by code.
func subjectExecutions(ctx context.Context, byCode map[string]map[string]*db.FigureRow, level *int) []model.Execution {
	out := []model.Execution{}
	for code, cols := range byCode {
		b := cols["budget"]
		if b == nil || !b.Amount.Valid || level != nil && len(code) != 3+2*(*level-1) {
			continue
		}
		code := code
		x := model.Execution{Code: &code, Name: b.RowName}
		budget := moneyOf(ctx, *b, "")
		budget.Ref.Target, budget.Ref.AmountColumn = "function:"+code, "budget"
		want(ctx, budget.Ref)
		x.Budget = &budget
		if a := cols["actual"]; a != nil {
			m := moneyOf(ctx, *a, "")
			m.Ref.Target, m.Ref.AmountColumn = "function:"+code, "actual"
			want(ctx, m.Ref)
			x.Actual = &m
			if a.TableID != "narrative" {
				x.Name = a.RowName
			}
		}
		if d := cols["budget_document"]; d != nil {
			m := figureMoney(ctx, *d, "")
			x.BudgetDocument = &m
		}
		finishExecution(&x)
		out = append(out, x)
	}
	sort.Slice(out, func(i, j int) bool { return *out[i].Code < *out[j].Code })
	return out
}
