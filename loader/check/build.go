package check

import (
	"budgetql/loader/model"
	"fmt"
	"slices"
	"strings"
)

// incomeSources are the income source ids, as summary rows and as income-table columns.
var incomeSources = []string{model.ColFiscal, model.ColGeneralPublic, model.ColGovFund, model.ColStateCapital, model.ColSpecial,
	model.ColBusiness, model.ColOperating, model.ColHigherLevel, model.ColSubordinate, model.ColOther}

// fiscalChildren are the sources 财政拨款收入 is made of.
var fiscalChildren = map[string]bool{model.ColGeneralPublic: true, model.ColGovFund: true, model.ColStateCapital: true}

// expenditureExtras are the 决算 expenditure columns besides 基本 and 项目 (上缴上级, 经营, 对附属单位补助).
var expenditureExtras = []string{model.ColRemitUpper, model.ColOperating, model.ColSubsidySub}

// buildIdentities lists every identity the document's tables and narrative allow.
func buildIdentities(doc *model.Document) []*identity {
	var ids []*identity
	for _, tab := range doc.Tables {
		if noRows(tab) {
			continue
		}
		switch tab.ID {
		case model.TableSummary, model.TableAppropriation:
			ids = append(ids, summaryIdentities(tab)...)
		case model.TableIncome, model.TableExpenditure, model.TableGPBFunction, model.TableGovFund, model.TableStateCapital, model.TableGPBEconomic:
			ids = append(ids, treeIdentities(tab)...)
		}
		ids = append(ids, rowIdentities(tab)...)
	}
	ids = append(ids, sangongIdentities(doc.Table(model.TableSangong))...)
	ids = append(ids, crossIdentities(doc)...)
	ids = append(ids, projectIdentities(doc)...)
	ids = append(ids, narrativeIdentities(doc)...)
	linkPremises(ids)
	return ids
}

// cellTerm reads a row's column; a column the row does not print gives an absent term.
func cellTerm(tab *model.Table, r *model.Row, col string) term { return rowTerm(tab.ID, r, col) }

// rowTerm is cellTerm for a row of the table with an id.
func rowTerm(table model.TableID, r *model.Row, col string) term {
	return term{amt: cellAmount(r, col), table: table, code: r.Code, name: r.Name, col: col, line: r.Source.Line}
}

// cellAmount is a row's amount in a column, or nil when the row does not print the column.
func cellAmount(r *model.Row, col string) *model.Amount {
	for i := range r.Cells {
		if r.Cells[i].Column == col {
			return &r.Cells[i].Amount
		}
	}
	return nil
}

// noRows reports a table printed empty (无 / 本表为空表) or read without rows. A table that prints
// rows under an 本表为空表 note is checked like any other.
func noRows(tab *model.Table) bool { return len(tab.Rows) == 0 }

func hasCell(r *model.Row, col string) bool {
	_, ok := r.Cell(col)
	return ok
}

// sumOf builds want = Σ parts, with a rule named from its terms.
func sumOf(id string, tab model.TableID, want term, parts []term) *identity {
	return newIdentity(id, sumRuleText(tab, want, parts), tab, want, parts)
}

// sumOfOne builds want = part.
func sumOfOne(id string, tab model.TableID, want, part term) *identity {
	return sumOf(id, tab, want, []term{part})
}

// sumRuleText is the rule sumOf states for want = Σ parts.
func sumRuleText(tab model.TableID, want term, parts []term) string {
	if len(parts) > 6 {
		return fmt.Sprintf("%s: %s = Σ %d rows (%s … %s)", tab, want.label(), len(parts), parts[0].label(), parts[len(parts)-1].label())
	}
	names := make([]string, 0, len(parts))
	for _, p := range parts {
		names = append(names, p.label())
	}
	return fmt.Sprintf("%s: %s = %s", tab, want.label(), strings.Join(names, " + "))
}

// firstRows maps each row code to its first row (tables repeat codes, e.g. the carry-over part of
// 财政拨款收支总表 lists the sources again).
func firstRows(tab *model.Table) map[string]*model.Row {
	m := map[string]*model.Row{}
	for _, r := range tab.Rows {
		if _, ok := m[r.Code]; !ok {
			m[r.Code] = r
		}
	}
	return m
}

// summaryIdentities: Σ income sources = 本年收入合计; + 上年结转 = 收入总计 = 支出总计; Σ classes =
// 本年支出合计 (+ 年终结转 = 支出总计). Used for the summary and the appropriation table.
func summaryIdentities(tab *model.Table) []*identity {
	p := string(tab.ID)
	rows := firstRows(tab)
	get := func(code string) term { return cellTermOpt(tab, rows[code], model.ColTotal) }
	var ids []*identity
	var sources []term
	fiscal := rows[model.ColFiscal]
	for _, s := range incomeSources {
		if rows[s] != nil && !(fiscal != nil && fiscalChildren[s]) {
			sources = append(sources, get(s))
		}
	}
	if fiscal != nil {
		ids = append(ids, sumOf(p+":fiscal_appropriation", tab.ID, get(model.ColFiscal),
			[]term{get(model.ColGeneralPublic), get(model.ColGovFund), get(model.ColStateCapital)}))
	}
	incTotal, carryIn := rows[model.RowIncomeTotal], rows[model.RowCarryIn]
	if cur := rows[model.RowIncomeCurrent]; cur != nil {
		if len(sources) > 0 {
			ids = append(ids, sumOf(p+":income_sources", tab.ID, get(model.RowIncomeCurrent), sources))
		}
		if incTotal != nil {
			parts := []term{get(model.RowIncomeCurrent), get(model.RowCarryIn)}
			if rows[model.RowNonFiscalBalanceUsed] != nil { // 决算: 使用非财政拨款结余
				parts = append(parts, get(model.RowNonFiscalBalanceUsed))
			}
			ids = append(ids, sumOf(p+":income_total", tab.ID, get(model.RowIncomeTotal), parts))
		}
	} else if incTotal != nil && len(sources) > 0 {
		if carryIn != nil {
			sources = append(sources, get(model.RowCarryIn))
		}
		ids = append(ids, sumOf(p+":income_sources", tab.ID, get(model.RowIncomeTotal), sources))
	}
	if carryIn != nil {
		var parts []term
		for _, r := range tab.Rows {
			if strings.HasPrefix(r.Code, model.RowCarryIn+"_") && rows[r.Code] == r {
				parts = append(parts, cellTerm(tab, r, model.ColTotal))
			}
		}
		if len(parts) > 0 {
			ids = append(ids, sumOf(p+":carry_in", tab.ID, get(model.RowCarryIn), parts))
		}
	}
	if incTotal != nil && rows[model.RowExpenditureTotal] != nil {
		ids = append(ids, sumOfOne(p+":balance", tab.ID, get(model.RowIncomeTotal), get(model.RowExpenditureTotal)))
	}
	return append(ids, classIdentities(tab, rows)...)
}

// classIdentities: Σ function classes = 本年支出合计, per printed column; + 年终结转 = 支出总计.
func classIdentities(tab *model.Table, rows map[string]*model.Row) []*identity {
	p := string(tab.ID)
	var classes []*model.Row
	for _, r := range tab.Rows {
		if isFunctionCode(r.Code) && len(r.Code) == 3 && rows[r.Code] == r {
			classes = append(classes, r)
		}
	}
	want := rows[model.RowExpenditureCurrent]
	carryOut := rows[model.RowCarryOut]
	var ids []*identity
	if want != nil && rows[model.RowExpenditureTotal] != nil {
		parts := []term{cellTermOpt(tab, want, model.ColTotal), cellTermOpt(tab, carryOut, model.ColTotal)}
		if rows[model.RowBalanceDistribution] != nil { // 决算: 结余分配
			parts = append(parts, cellTerm(tab, rows[model.RowBalanceDistribution], model.ColTotal))
		}
		ids = append(ids, sumOf(p+":expenditure_total", tab.ID, cellTermOpt(tab, rows[model.RowExpenditureTotal], model.ColTotal), parts))
	}
	if want == nil {
		want, carryOut = rows[model.RowExpenditureTotal], rows[model.RowCarryOut]
	} else {
		carryOut = nil
	}
	if want == nil || len(classes) == 0 {
		return ids
	}
	for _, c := range want.Cells {
		parts := make([]term, 0, len(classes)+1)
		for _, r := range classes {
			parts = append(parts, cellTerm(tab, r, c.Column))
		}
		if carryOut != nil {
			parts = append(parts, cellTerm(tab, carryOut, c.Column))
		}
		id := sumOf(p+":classes:"+c.Column, tab.ID, cellTerm(tab, want, c.Column), parts)
		id.rule = fmt.Sprintf("%s: %s = Σ %d function classes%s", tab.ID, cellTerm(tab, want, c.Column).label(), len(classes), carryText(carryOut))
		ids = append(ids, id)
	}
	return ids
}

func carryText(r *model.Row) string {
	if r == nil {
		return ""
	}
	return " + " + r.Name
}

// cellTermOpt is cellTerm for a row that may be missing (an absent term).
func cellTermOpt(tab *model.Table, r *model.Row, col string) term {
	if r == nil {
		return term{table: tab.ID, col: col}
	}
	return cellTerm(tab, r, col)
}

// tableColumns lists the columns a table prints, in order.
func tableColumns(tab *model.Table) []string {
	cols := make([]string, 0, len(tab.Columns)+4) // a table prints a dozen columns at most
	for _, c := range tab.Columns {
		if !slices.Contains(cols, c) {
			cols = append(cols, c)
		}
	}
	for _, r := range tab.Rows {
		for _, c := range r.Cells {
			if !slices.Contains(cols, c.Column) {
				cols = append(cols, c.Column)
			}
		}
	}
	return cols
}
