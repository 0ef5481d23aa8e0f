package check

import (
	"budgetql/loader/model"
	"fmt"
	"strconv"
	"strings"
)

// totalTerm reads a table's 合计 row, or an absent term.
func totalTerm(doc *model.Document, id model.TableID, col string) term {
	tab := doc.Table(id)
	if tab == nil {
		return term{table: id, code: model.RowTotal, col: col}
	}
	t := cellTermOpt(tab, tab.Row(model.RowTotal), col)
	t.code = model.RowTotal
	if t.name == "" {
		t.name = string(id) + " 合计"
	}
	return t
}

// crossIdentities relate tables to each other.
func crossIdentities(doc *model.Document) []*identity {
	var ids []*identity
	ids = append(ids, fundsIdentity(doc)...)
	if doc.Table(model.TableGPBEconomic) != nil && doc.Table(model.TableGPBFunction) != nil {
		for _, c := range []struct{ econ, gpb string }{{model.ColTotal, model.ColBasic}, {model.ColPersonnel, model.ColPersonnel}, {model.ColPublicUse, model.ColPublicUse}} {
			want, part := totalTerm(doc, model.TableGPBEconomic, c.econ), totalTerm(doc, model.TableGPBFunction, c.gpb)
			if want.amt == nil || part.amt == nil {
				continue
			}
			id := sumOfOne("cross:economic_basic:"+c.econ, model.TableGPBEconomic, want, part)
			id.rule = "economic table 合计 [" + c.econ + "] = general public budget 合计 [" + c.gpb + "]"
			ids = append(ids, id)
		}
	}
	ids = append(ids, sangongEconomicIdentities(doc)...)
	ids = append(ids, summaryCrossIdentities(doc)...)
	ids = append(ids, appropriationIdentities(doc)...)
	return ids
}

// fundsIdentity: expenditure table 合计 = general public budget + government fund + state capital
// totals, which holds when all money is appropriations.
func fundsIdentity(doc *model.Document) []*identity {
	want, gpb := totalTerm(doc, model.TableExpenditure, model.ColTotal), totalTerm(doc, model.TableGPBFunction, model.ColTotal)
	if want.amt == nil || gpb.amt == nil {
		return nil
	}
	parts := []term{gpb}
	var notes []string
	for _, tid := range []model.TableID{model.TableGovFund, model.TableStateCapital} {
		switch tab := doc.Table(tid); {
		case tab == nil:
			notes = append(notes, string(tid)+" table not printed: counted as nothing")
		case tab.Empty && noRows(tab):
			notes = append(notes, string(tid)+" table printed empty: counted as nothing")
		case noRows(tab):
			notes = append(notes, string(tid)+" table read without rows: counted as nothing")
		default:
			parts = append(parts, totalTerm(doc, tid, model.ColTotal))
		}
	}
	id := sumOf("cross:expenditure_funds", model.TableExpenditure, want, parts)
	id.rule = "expenditure table 合计 = general public budget + government fund + state capital totals"
	id.detail = strings.Join(notes, "; ")
	id.guard = func(o outcome) (model.CheckResult, string) {
		if src := nonAppropriationIncome(doc); src != "" {
			return model.CheckNotApplicable, "the identity needs all money to be appropriations, but the summary shows " + src
		}
		return "", ""
	}
	return []*identity{id}
}

// nonAppropriationIncome names the summary's non-zero income that is not an appropriation.
func nonAppropriationIncome(doc *model.Document) string {
	tab := doc.Table(model.TableSummary)
	if tab == nil {
		return ""
	}
	var out []string
	for _, s := range []string{model.ColSpecial, model.ColBusiness, model.ColOperating, model.ColHigherLevel, model.ColSubordinate, model.ColOther} {
		if r := tab.Row(s); r != nil {
			if a, ok := r.Cell(model.ColTotal); ok && !a.IsBlank() && !a.Yuan.IsZero() {
				out = append(out, fmt.Sprintf("%s %s", r.Name, yuanText(a.Yuan)))
			}
		}
	}
	return strings.Join(out, ", ")
}

// sangongEconomicIdentities compare 三公 items with their economic subjects: 公务接待费 with 30217,
// 公务用车运行维护费 with 30231, 因公出国（境）费用 with 30212. The economic table holds basic
// expenditure only, the 三公 table all appropriations, so they may legitimately differ (project
// money): a difference is reported, never repaired. 30217 is compared even when the economic table
// does not print it; the others only where it does.
func sangongEconomicIdentities(doc *model.Document) []*identity {
	sg, econ := doc.Table(model.TableSangong), doc.Table(model.TableGPBEconomic)
	if sg == nil || econ == nil || noRows(sg) {
		return nil
	}
	var ids []*identity
	for _, c := range []struct{ row, code, name, id string }{
		{model.RowReception, "30217", "公务接待费", "cross:sangong_reception"},
		{model.RowOverseas, "30212", "因公出国（境）费用", "cross:sangong_overseas"},
		{model.RowVehicleOperation, "30231", "公务用车运行维护费", "cross:sangong_vehicle_operation"},
	} {
		item := sg.Row(c.row)
		er := econ.Row(c.code)
		if item == nil || er == nil && c.row != model.RowReception {
			continue
		}
		col := model.ColTotal
		if hasCell(item, model.ColActual) {
			col = model.ColActual // 决算: the economic table holds actual spending
		}
		if a := cellAmount(item, col); a != nil && a.Yuan.IsNegative() {
			continue // no spending figure (a change column read as one)
		}
		part := term{table: model.TableGPBEconomic, code: c.code, name: c.name, col: model.ColTotal}
		if er != nil {
			part = cellTerm(econ, er, model.ColTotal)
		}
		id := sumOfOne(c.id, model.TableSangong, cellTerm(sg, item, col), part)
		id.rule = fmt.Sprintf("三公 %s [%s] = economic %s %s (basic expenditure; may differ when project money pays %s)",
			item.Name, col, c.code, c.name, sangongPurpose[c.row])
		if c.row == model.RowReception {
			id.rule = fmt.Sprintf("三公 公务接待费 [%s] = economic 30217 公务接待费 (basic expenditure; may differ when project money pays receptions)", col)
		}
		id.compare = true
		if part.amt == nil {
			id.detail = "the economic table prints no " + c.code + " row"
		}
		ids = append(ids, id)
	}
	return ids
}

var sangongPurpose = map[string]string{model.RowReception: "receptions", model.RowOverseas: "travel abroad",
	model.RowVehicleOperation: "vehicles"}

// sangongIdentities: 合计 = 因公出国 + 公务用车 + 公务接待; 公务用车 = 购置 + 运行; per column.
func sangongIdentities(tab *model.Table) []*identity {
	if tab == nil || noRows(tab) {
		return nil
	}
	rows := firstRows(tab)
	var ids []*identity
	for _, col := range []string{model.ColTotal, model.ColBudget, model.ColActual} {
		total := rows[model.RowTotal]
		if total == nil || !hasCell(total, col) {
			continue
		}
		get := func(code string) term { return cellTermOpt(tab, rows[code], col) }
		parts := []term{get(model.RowOverseas), get(model.RowVehicleTotal), get(model.RowReception)}
		if rows[model.RowVehicleTotal] == nil {
			parts = []term{get(model.RowOverseas), get(model.RowVehiclePurchase), get(model.RowVehicleOperation), get(model.RowReception)}
		}
		id := sumOf("sangong:total:"+col, model.TableSangong, get(model.RowTotal), parts)
		id.rule = fmt.Sprintf("三公 合计 [%s] = 因公出国(境) + 公务用车购置及运行 + 公务接待", col)
		ids = append(ids, id)
		if rows[model.RowVehicleTotal] != nil {
			v := sumOf("sangong:vehicle:"+col, model.TableSangong, get(model.RowVehicleTotal),
				[]term{get(model.RowVehiclePurchase), get(model.RowVehicleOperation)})
			v.rule = fmt.Sprintf("三公 公务用车购置及运行 [%s] = 购置 + 运行", col)
			ids = append(ids, v)
		}
	}
	return ids
}

// summaryCrossIdentities relate the summary to the income and expenditure tables: 收入总计 =
// expenditure 合计 + 年终结转; income 合计 = 本年收入合计 (收入总计 when the income table has carry-over
// columns); each class = the same class in the expenditure table.
func summaryCrossIdentities(doc *model.Document) []*identity {
	sum := doc.Table(model.TableSummary)
	if sum == nil {
		return nil
	}
	rows := firstRows(sum)
	var ids []*identity
	if exp := totalTerm(doc, model.TableExpenditure, model.ColTotal); exp.amt != nil && rows[model.RowIncomeTotal] != nil {
		parts := []term{exp}
		for _, code := range []string{model.RowCarryOut, model.RowBalanceDistribution} {
			if rows[code] != nil {
				parts = append(parts, cellTerm(sum, rows[code], model.ColTotal))
			}
		}
		id := sumOf("cross:summary_expenditure", model.TableSummary, cellTerm(sum, rows[model.RowIncomeTotal], model.ColTotal), parts)
		id.rule = "summary 收入总计 = expenditure table 合计 + 年终结转结余"
		ids = append(ids, id)
	}
	if inc := doc.Table(model.TableIncome); inc != nil && inc.Row(model.RowTotal) != nil {
		code := model.RowIncomeCurrent
		if rows[code] == nil || hasColumn(inc, model.ColCarryover) {
			code = model.RowIncomeTotal
		}
		if rows[code] != nil {
			id := sumOfOne("cross:income_table", model.TableIncome, totalTerm(doc, model.TableIncome, model.ColTotal), cellTerm(sum, rows[code], model.ColTotal))
			id.rule = "income table 合计 = summary " + rows[code].Name
			ids = append(ids, id)
		}
	}
	return append(ids, classCrossIdentities(doc, sum)...)
}

// classCrossIdentities: a function class in the summary = the same class in the expenditure table.
// One of the two may be printed as the sum of its rounded items, so in 万元 the allowance counts the
// class's items.
func classCrossIdentities(doc *model.Document, sum *model.Table) []*identity {
	exp := doc.Table(model.TableExpenditure)
	if exp == nil || noRows(exp) {
		return nil
	}
	tree := newSubjectTree(exp)
	var ids []*identity
	for _, r := range sum.Rows {
		if !isFunctionCode(r.Code) || len(r.Code) != 3 {
			continue
		}
		er := exp.Row(r.Code)
		if er == nil {
			continue
		}
		id := sumOfOne("cross:class:"+r.Code, model.TableSummary, cellTerm(sum, r, model.ColTotal), cellTerm(exp, er, model.ColTotal))
		items := tree.leaves(r.Code)
		id.addends = int32(items + 1)
		id.rule = "summary class " + r.Code + " " + r.Name + " = expenditure table " + r.Code +
			" (allowance: its " + strconv.Itoa(items) + " items and itself rounded)"
		ids = append(ids, id)
	}
	return ids
}

func hasColumn(tab *model.Table, col string) bool {
	for _, c := range tableColumns(tab) {
		if c == col {
			return true
		}
	}
	return false
}
