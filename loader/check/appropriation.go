package check

import (
	"budgetql/loader/model"
	"strconv"

	"github.com/shopspring/decimal"
)

// The 财政拨款收支总表 ties to the tables that detail it: each fund column of its expenditure side
// to that fund's table, its 本年收入 to the income table's 财政拨款收入, its income by fund to the
// summary's, and each fund's money balances on its own (年初结转 + 本年收入 = 本年支出 + 年末结转).

// appropriationFunds pairs each fund column of the appropriation table with the table that details it.
var appropriationFunds = []struct {
	col   string
	table model.TableID
}{
	{model.ColGeneralPublic, model.TableGPBFunction},
	{model.ColGovFund, model.TableGovFund},
	{model.ColStateCapital, model.TableStateCapital},
}

// appropriationIdentities relates the appropriation table to its detail tables and balances each fund.
func appropriationIdentities(doc *model.Document) []*identity {
	appr := doc.Table(model.TableAppropriation)
	if appr == nil || noRows(appr) {
		return nil
	}
	rows := firstRows(appr)
	var ids []*identity
	ids = append(ids, fundTableIdentities(doc, appr, rows)...)
	ids = append(ids, fundBalanceIdentities(doc, appr, rows)...)
	ids = append(ids, appropriationIncomeIdentities(doc, appr, rows)...)
	return ids
}

// fundTableIdentities: the appropriation table's 本年支出合计 in each fund column = that fund's table
// 合计, and each class in the 一般公共预算 column = the class in the general public budget table. A
// fund table printed empty counts as 0: money in the column then has no table that details it.
func fundTableIdentities(doc *model.Document, appr *model.Table, rows map[string]*model.Row) []*identity {
	cur := thisYear(rows, model.RowExpenditureCurrent, model.RowCarryOut, model.RowExpenditureTotal)
	var ids []*identity
	for _, f := range appropriationFunds {
		if cur == nil {
			break
		}
		want := cellTerm(appr, cur, f.col)
		if want.amt == nil || columnBlank(appr, f.col) {
			continue
		}
		part, note := fundTableTotal(doc, f.table, want.amt.Unit)
		if part.amt == nil {
			continue
		}
		id := sumOfOne("cross:appropriation_fund:"+f.col, model.TableAppropriation, want, part)
		id.rule = "appropriation table 本年支出合计 [" + f.col + "] = " + string(f.table) + " table 合计"
		id.detail = note
		id.presumes = []string{rowSumID(appr, cur, "funds"), "appropriation:classes:" + f.col, "tree:" + string(f.table) + ":total:total"}
		id.guard = misplacedColumn(doc, f.table, want)
		ids = append(ids, id)
	}
	gpb := doc.Table(model.TableGPBFunction)
	if gpb == nil || noRows(gpb) || columnBlank(appr, model.ColGeneralPublic) {
		return ids
	}
	tree := newSubjectTree(gpb)
	for _, r := range appr.Rows {
		if !isFunctionCode(r.Code) || len(r.Code) != 3 || rows[r.Code] != r {
			continue
		}
		want, gr := cellTerm(appr, r, model.ColGeneralPublic), gpb.Row(r.Code)
		if want.amt == nil || gr == nil {
			continue
		}
		id := sumOfOne("cross:appropriation_class:"+r.Code, model.TableAppropriation, want, cellTerm(gpb, gr, model.ColTotal))
		items := tree.leaves(r.Code)
		id.addends = int32(items + 1)
		id.rule = "appropriation table class " + codeName(r) + " [general_public_budget] = general public budget table " +
			r.Code + " (allowance: its " + strconv.Itoa(items) + " items and itself rounded)"
		id.presumes = []string{rowSumID(appr, r, "funds"), rowSumID(gpb, gr, "basic_project"), "appropriation:classes:" + model.ColGeneralPublic}
		ids = append(ids, id)
	}
	return ids
}

// fundTableTotal is a fund table's 合计, or 0 when the table is printed empty; absent when the table
// is not printed or read without its 合计.
func fundTableTotal(doc *model.Document, id model.TableID, unit model.Unit) (term, string) {
	tab := doc.Table(id)
	switch {
	case tab == nil:
		return term{}, ""
	case tab.Empty && noRows(tab):
		zero := &model.Amount{Yuan: decimal.Zero, Unit: unit, Status: model.StatusReported}
		return term{amt: zero, table: id, code: model.RowTotal, name: string(id) + " 合计", col: model.ColTotal, line: tab.Source.Line},
			string(id) + " table printed empty: counted as 0"
	}
	return totalTerm(doc, id, model.ColTotal), ""
}

// fundBalanceIdentities: per fund column, 支出总计 = 本年支出合计 + 年末结转和结余, and, where the table
// prints the carry-over by fund (or none at all), the fund's 本年收入 + 年初结转 = its 支出总计.
func fundBalanceIdentities(doc *model.Document, appr *model.Table, rows map[string]*model.Row) []*identity {
	cur, total := rows[model.RowExpenditureCurrent], rows[model.RowExpenditureTotal]
	if cur == nil || total == nil {
		return nil
	}
	byFund := rows[model.RowCarryIn+"_"+model.ColGeneralPublic] != nil
	noCarryIn := rows[model.RowCarryIn] == nil || isZeroOrBlank(cellTerm(appr, rows[model.RowCarryIn], model.ColTotal))
	var ids []*identity
	for _, f := range appropriationFunds {
		want := cellTerm(appr, total, f.col)
		if want.amt == nil || columnBlank(appr, f.col) {
			continue
		}
		id := sumOf("appropriation:expenditure_total:"+f.col, model.TableAppropriation, want,
			[]term{cellTerm(appr, cur, f.col), cellTermOpt(appr, rows[model.RowCarryOut], f.col)})
		id.rule = "appropriation table 支出总计 [" + f.col + "] = 本年支出合计 + 年末结转和结余 [" + f.col + "]"
		id.presumes = []string{rowSumID(appr, cur, "funds"), rowSumID(appr, total, "funds"), "appropriation:expenditure_total"}
		id.guard = misplacedColumn(doc, f.table, want)
		if co := rows[model.RowCarryOut]; co != nil {
			id.presumes = append(id.presumes, rowSumID(appr, co, "funds"))
		}
		ids = append(ids, id)
		income := rows[f.col]
		if income == nil || !byFund && !noCarryIn {
			continue
		}
		parts := []term{cellTerm(appr, income, model.ColTotal)}
		if byFund {
			parts = append(parts, cellTermOpt(appr, rows[model.RowCarryIn+"_"+f.col], model.ColTotal))
		}
		b := sumOf("appropriation:fund_balance:"+f.col, model.TableAppropriation, want, parts)
		b.rule = "appropriation table: " + f.col + " 本年收入 + 年初结转和结余 = its 支出总计 (本年支出 + 年末结转和结余)"
		b.presumes = append(id.presumes, id.id)
		b.guard = id.guard
		ids = append(ids, b)
	}
	return ids
}

// appropriationIncomeIdentities: the income table's 财政拨款收入 (合计 row) = the appropriation table's
// 本年收入; the summary's income from each fund = the appropriation table's.
func appropriationIncomeIdentities(doc *model.Document, appr *model.Table, rows map[string]*model.Row) []*identity {
	var ids []*identity
	if cur := thisYear(rows, model.RowIncomeCurrent, model.RowCarryIn, model.RowIncomeTotal); cur != nil {
		if inc := doc.Table(model.TableIncome); inc != nil && inc.Row(model.RowTotal) != nil {
			total := inc.Row(model.RowTotal)
			parts := []term{cellTerm(inc, total, model.ColFiscal)}
			if parts[0].amt == nil {
				parts = parts[:0]
				for _, f := range appropriationFunds {
					if t := cellTerm(inc, total, f.col); t.amt != nil {
						parts = append(parts, t)
					}
				}
			}
			if len(parts) > 0 {
				want := cellTerm(appr, cur, model.ColTotal)
				id := sumOf("cross:appropriation_income", model.TableIncome, want, parts)
				id.rule = "appropriation table 本年收入合计 = income table 合计 [财政拨款收入]"
				id.presumes = []string{rowSumID(inc, total, "sources"), "appropriation:income_sources", "appropriation:income_total"}
				if all := rows[model.RowIncomeTotal]; all != nil && all != cur {
					id.guard = orWithCarryIn(cellTerm(appr, all, model.ColTotal), parts)
				}
				ids = append(ids, id)
			}
		}
	}
	sum := doc.Table(model.TableSummary)
	if sum == nil {
		return ids
	}
	for _, code := range []string{model.ColGeneralPublic, model.ColGovFund, model.ColStateCapital} {
		ar, sr := rows[code], sum.Row(code)
		if ar == nil || sr == nil {
			continue
		}
		want, part := cellTerm(appr, ar, model.ColTotal), cellTerm(sum, sr, model.ColTotal)
		id := sumOfOne("cross:appropriation_summary:"+code, model.TableAppropriation, want, part)
		id.rule = "appropriation table " + codeName(ar) + " = summary " + codeName(sr)
		if carry := rows[model.RowCarryIn+"_"+code]; carry != nil {
			id.guard = orWithCarryIn(part, []term{want, cellTerm(appr, carry, model.ColTotal)})
		}
		ids = append(ids, id)
	}
	return ids
}

// thisYear is the row of this year's total (本年收入合计, 本年支出合计), or the 总计 row of a table
// that prints no carry-over on that side (Shanghai budgets print only 收入总计 and 支出总计).
func thisYear(rows map[string]*model.Row, current, carry, total string) *model.Row {
	if r := rows[current]; r != nil {
		return r
	}
	if rows[carry] == nil {
		return rows[total]
	}
	return nil
}

// columnBlank reports a column that no row of the table prints a figure in.
func columnBlank(tab *model.Table, col string) bool {
	for _, r := range tab.Rows {
		if a := cellAmount(r, col); a != nil && !a.IsBlank() {
			return false
		}
	}
	return true
}

// misplacedColumn excuses a fund column whose figure is another fund table's total: the columns
// were shifted in reading (or printing), which the tie cannot tell apart.
func misplacedColumn(doc *model.Document, own model.TableID, want term) func(o outcome) (model.CheckResult, string) {
	return func(o outcome) (model.CheckResult, string) {
		for _, f := range appropriationFunds {
			if f.table == own {
				continue
			}
			if t := totalTerm(doc, f.table, model.ColTotal); !isZeroOrBlank(t) && holdsWith(want, t) {
				return model.CheckNotApplicable, "not judged: the column holds the " + string(f.table) + " table's total, as if the fund columns were shifted"
			}
		}
		return "", ""
	}
}

// rowSumID is the id of a row's row sum (appendRowSum).
func rowSumID(tab *model.Table, r *model.Row, name string) string {
	return "row:" + string(tab.ID) + ":" + r.Code + ":" + name
}

// isBlank reports a term that is absent or printed blank.
func isBlank(t term) bool { return t.amt == nil || t.amt.IsBlank() }

// holdsWith reports whether want = Σ parts holds (exactly or within rounding).
func holdsWith(want term, parts ...term) bool {
	r := newIdentity("", "", "", want, parts).result(false)
	return r == model.CheckPass || r == model.CheckRounding
}

// orWithCarryIn excuses a failed tie that holds once the carry-over is counted: some provinces
// print each fund's income with its 上年结转 included (Chongqing).
func orWithCarryIn(want term, withCarry []term) func(o outcome) (model.CheckResult, string) {
	return func(o outcome) (model.CheckResult, string) {
		if len(withCarry) > 0 && holdsWith(want, withCarry...) {
			return model.CheckPass, "holds with the carry-over (上年结转) counted in"
		}
		return "", ""
	}
}

// isZeroOrBlank reports a term that is absent, blank or zero.
func isZeroOrBlank(t term) bool {
	v, ok := t.value(false)
	return !ok || v.IsZero()
}
