package check

import (
	"budgetql/loader/model"
	"strings"
)

// The Chinese a finding is written in: the standard names of tables, rows and columns, and each
// identity's rule.

// standardTitles are the standard tables' names, for a table the document does not print.
var standardTitles = map[model.TableID]string{
	model.TableSummary:       "收支总表",
	model.TableIncome:        "收入总表",
	model.TableExpenditure:   "支出总表",
	model.TableAppropriation: "财政拨款收支总表",
	model.TableGPBFunction:   "一般公共预算支出表",
	model.TableGPBEconomic:   "一般公共预算基本支出表",
	model.TableSangong:       "一般公共预算“三公”经费支出表",
	model.TableGovFund:       "政府性基金预算支出表",
	model.TableStateCapital:  "国有资本经营预算支出表",
	model.TableProject:       "项目支出表",
	model.TableProcurement:   "政府采购表",
}

// rowChinese names the special rows.
var rowChinese = map[string]string{
	model.RowTotal: "合计", model.RowIncomeTotal: "收入总计", model.RowExpenditureTotal: "支出总计",
	model.RowIncomeCurrent: "本年收入合计", model.RowExpenditureCurrent: "本年支出合计",
	model.RowCarryIn: "年初结转和结余", model.RowCarryOut: "年末结转和结余",
	model.RowNonFiscalBalanceUsed: "使用非财政拨款结余", model.RowBalanceDistribution: "结余分配",
	model.RowOverseas: "因公出国（境）费", model.RowVehicleTotal: "公务用车购置及运行费",
	model.RowVehiclePurchase: "公务用车购置费", model.RowVehicleOperation: "公务用车运行维护费",
	model.RowReception: "公务接待费", model.RowOfficeRunning: "机关运行经费", model.RowSangongTotal: "“三公”经费",
	model.RowProcurementTotal: "政府采购金额", model.RowProcurementGoods: "货物采购", model.RowProcurementWorks: "工程采购",
	model.RowProcurementServices: "服务采购", model.RowBasicExpenditure: "基本支出", model.RowProjectExpenditure: "项目支出",
	model.RowPersonnelTotal: "人员经费合计", model.RowPublicUseTotal: "公用经费合计",
}

// columnNames name the columns.
var columnNames = map[string]string{
	model.ColTotal: "合计", model.ColBasic: "基本支出", model.ColProject: "项目支出", model.ColPersonnel: "人员经费",
	model.ColPublicUse: "公用经费", model.ColBudget: "预算数", model.ColActual: "决算数",
	model.ColFiscal: "财政拨款收入", model.ColGeneralPublic: "一般公共预算", model.ColGovFund: "政府性基金",
	model.ColStateCapital: "国有资本经营预算", model.ColSpecial: "财政专户", model.ColBusiness: "事业收入",
	model.ColOperating: "经营收入", model.ColHigherLevel: "上级补助收入", model.ColSubordinate: "附属单位上缴收入",
	model.ColOther: "其他收入", model.ColCarryover: "上年结转", model.ColRemitUpper: "上缴上级支出",
	model.ColSubsidySub: "对附属单位补助支出", model.RowIncomeCurrent: "本年收入", model.ColCarryIn: "年初结转和结余",
	model.ColIncome: "本年收入", model.ColCarryOut: "年末结转和结余",
}

// columnChinese names a column, or its parts for a sub-column ("carryover_general_public_budget").
func columnChinese(col string) string {
	if n := columnNames[col]; n != "" {
		return n
	}
	if head, tail, ok := strings.Cut(col, "_"); ok && columnNames[head] != "" && columnNames[tail] != "" {
		return columnNames[head] + "·" + columnNames[tail]
	}
	return col
}

// ruleChinese states an identity's rule in Chinese, by its family.
func ruleChinese(id *identity) string {
	parts := strings.Split(id.id, ":")
	family, what := parts[0], ""
	if len(parts) > 1 {
		what = parts[1]
	}
	switch family {
	case "tree":
		if len(parts) > 2 && parts[2] == model.RowTotal {
			return "合计 = 各类之和"
		}
		if what == model.RowPersonnelTotal || what == model.RowPublicUseTotal {
			return rowChinese[what] + " = 各类之和"
		}
		return "上级科目 = 所属下级科目之和"
	case "row":
		return rowRuleChinese[parts[len(parts)-1]]
	case "summary", "appropriation":
		return summaryRuleChinese(what)
	case "sangong":
		if what == "vehicle" {
			return "公务用车购置及运行费 = 购置费 + 运行费"
		}
		return "“三公”经费合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费"
	case "project":
		return "项目类别金额 = 所列项目之和"
	case "narrative":
		return narrativeRuleChinese[what]
	case "cross":
		return crossRuleChinese(what)
	}
	return id.rule
}

var rowRuleChinese = map[string]string{
	"basic_project":    "合计 = 基本支出 + 项目支出（+ 上缴上级、经营、对附属单位补助支出）",
	"basic_split":      "基本支出 = 人员经费 + 公用经费",
	"personnel_public": "合计 = 人员经费 + 公用经费",
	"sources":          "合计 = 各项收入之和",
	"current":          "本年收入 = 本年各项收入之和",
	"carryover":        "上年结转 = 各项结转之和",
	"funds":            "合计 = 一般公共预算 + 政府性基金 + 国有资本经营预算",
}

var narrativeRuleChinese = map[string]string{
	"sangong":           "“三公”经费 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费",
	"vehicle":           "公务用车购置及运行费 = 购置费 + 运行费",
	"procurement_split": "政府采购金额 = 货物 + 工程 + 服务",
}

func summaryRuleChinese(what string) string {
	switch what {
	case "income_sources":
		return "本年收入合计 = 各项收入之和"
	case "fiscal_appropriation":
		return "财政拨款收入 = 一般公共预算 + 政府性基金 + 国有资本经营预算"
	case "income_total":
		return "收入总计 = 本年收入合计 + 年初结转和结余（+ 使用非财政拨款结余）"
	case "balance":
		return "收入总计 = 支出总计"
	case "expenditure_total":
		return "支出总计 = 本年支出合计 + 年末结转和结余（+ 结余分配）"
	case "classes":
		return "本年支出合计 = 各功能分类之和"
	case "carry_in":
		return "年初结转和结余 = 各资金结转之和"
	case "fund_balance":
		return "每种资金：本年收入 + 年初结转和结余 = 本年支出 + 年末结转和结余"
	}
	return "收支总表平衡"
}

func crossRuleChinese(what string) string {
	switch what {
	case "expenditure_funds":
		return "支出总表合计 = 一般公共预算、政府性基金、国有资本经营预算支出表合计之和（全部为财政拨款时）"
	case "economic_basic":
		return "基本支出经济分类表合计 = 一般公共预算支出表基本支出"
	case "sangong_reception":
		return "“三公”经费表公务接待费 = 经济分类 30217 公务接待费（项目支出安排的可使二者不同）"
	case "sangong_overseas":
		return "“三公”经费表因公出国（境）费 = 经济分类 30212 因公出国（境）费用（项目支出安排的可使二者不同）"
	case "sangong_vehicle_operation":
		return "“三公”经费表公务用车运行维护费 = 经济分类 30231 公务用车运行维护费（项目支出安排的可使二者不同）"
	case "summary_expenditure":
		return "收支总表收入总计 = 支出总表合计 + 年末结转和结余"
	case "income_table":
		return "收入总表合计 = 收支总表本年收入合计"
	case "class":
		return "收支总表各功能分类 = 支出总表同一分类"
	case "procurement":
		return "情况说明政府采购金额 = 政府采购表合计"
	case "narrative":
		return "情况说明所述金额 = 表中同一金额"
	case "appropriation_fund":
		return "财政拨款收支总表本年支出（分资金）= 该资金支出表合计"
	case "appropriation_class":
		return "财政拨款收支总表一般公共预算各类 = 一般公共预算支出表同类"
	case "appropriation_income":
		return "收入总表财政拨款收入 = 财政拨款收支总表本年收入"
	case "appropriation_summary":
		return "收支总表各项财政拨款收入 = 财政拨款收支总表同项"
	}
	return "表间一致"
}
