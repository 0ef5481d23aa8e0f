// Package model is the typed model of one budget disclosure: the document, its tables, rows and
// figures with their sources, checks and repairs. It is what the loader produces and what db stores.
package model

import (
	"strings"

	"github.com/shopspring/decimal"
)

// Kind is budget (预算) or final accounts (决算).
type Kind string

// Kinds of document.
const (
	KindBudget Kind = "budget"
	KindFinal  Kind = "final"
)

// Scope says whether the document covers a department (部门) or one unit (单位).
type Scope string

// Scopes of document.
const (
	ScopeDepartment Scope = "department"
	ScopeUnit       Scope = "unit"
)

// Format is how the text reached the parser.
type Format string

// Input formats.
const (
	FormatOCR    Format = "ocr"    // text of a scanned PDF after OCR, tables as tab-separated rows
	FormatLayout Format = "layout" // pdftotext -layout text, columns aligned by spaces
	FormatPDF    Format = "pdf"    // a PDF, read through pdftotext -layout
	FormatScan   Format = "scan"   // a scanned PDF read through OCR: Tesseract's word boxes (TSV)
)

// Unit is the money unit a figure was printed in.
type Unit string

// Money units.
const (
	Yuan     Unit = "元"
	TenThous Unit = "万元"
)

// Status says how a figure's value was obtained.
type Status string

// Figure statuses.
const (
	StatusReported Status = "reported" // printed and read as printed
	StatusBlank    Status = "blank"    // the cell was printed empty: no value, not zero
	StatusRepaired Status = "repaired" // printed value was wrong or truncated; identities fixed it
	StatusDerived  Status = "derived"  // not printed; computed from other printed figures
)

// TableID names a standard table by meaning, whatever its printed title.
type TableID string

// Standard tables.
const (
	TableSummary       TableID = "summary"            // 收支总表 / 财务收支预算总表 / 收入支出决算总表
	TableIncome        TableID = "income"             // 收入总表
	TableExpenditure   TableID = "expenditure"        // 支出总表
	TableAppropriation TableID = "appropriation"      // 财政拨款收支总表
	TableGPBFunction   TableID = "gpb_function"       // 一般公共预算支出(功能分类)表
	TableGPBEconomic   TableID = "gpb_basic_economic" // 一般公共预算基本支出(经济分类)表
	TableSangong       TableID = "sangong"            // "三公"经费(和机关运行经费)表
	TableGovFund       TableID = "gov_fund"           // 政府性基金预算支出表
	TableStateCapital  TableID = "state_capital"      // 国有资本经营预算支出表
	TableProject       TableID = "project"            // 项目支出表
	TableProcurement   TableID = "procurement"        // 政府采购预算表
	TableNarrative     TableID = "narrative"          // 情况说明 (prose)

	TablePerformanceForm TableID = "performance_form" // 项目支出绩效目标表: a project's form, with its 项目资金总额

	TableGPBBasicFunction      TableID = "gpb_basic_function"           // 一般公共预算基本支出表(按功能分类)
	TableGPBAllEconomic        TableID = "gpb_economic"                 // 一般公共预算支出表(按经济分类): basic and project
	TableGPBProjectEconomic    TableID = "gpb_project_economic"         // 一般公共预算项目支出表(按经济分类)
	TableBasic                 TableID = "basic"                        // 基本支出总表: basic expenditure of every fund, by economic class
	TableOfficeRunning         TableID = "office_running"               // 机关运行经费支出表
	TableAppropriationFunction TableID = "appropriation_function"       // 财政拨款支出表(功能科目)
	TableAppropriationEconomic TableID = "appropriation_basic_economic" // 财政拨款基本支出表(经济科目)
)

// Column ids used in figures.
const (
	ColTotal     = "total"
	ColBasic     = "basic"
	ColProject   = "project"
	ColPersonnel = "personnel"
	ColPublicUse = "public_use"
	ColBudget    = "budget" // 决算 tables: 预算数
	ColActual    = "actual" // 决算 tables: 决算数

	// Income sources.
	ColFiscal        = "fiscal_appropriation" // 财政拨款收入
	ColGeneralPublic = "general_public_budget"
	ColGovFund       = "gov_fund"
	ColStateCapital  = "state_capital"
	ColSpecial       = "special_account"
	ColBusiness      = "business"
	ColOperating     = "operating"
	ColHigherLevel   = "higher_level"
	ColSubordinate   = "subordinate"
	ColOther         = "other"
	ColCarryover     = "carryover"

	// Narrative values.
	ColValue          = "value"
	ColStatedPrevious = "stated_previous"

	// Procurement: amounts reserved for small and medium / micro enterprises.
	ColSME   = "sme"   // 其中面向中小企业
	ColMicro = "micro" // 其中面向小微企业
)

// Special row codes.
const (
	RowTotal              = "total"
	RowIncomeTotal        = "income_total"        // 收入总计
	RowExpenditureTotal   = "expenditure_total"   // 支出总计
	RowIncomeCurrent      = "income_current"      // 本年收入合计
	RowExpenditureCurrent = "expenditure_current" // 本年支出合计
	RowCarryIn            = "carry_in"            // 上年结转(结余) / 年初结转和结余
	RowCarryOut           = "carry_out"           // 年终/年末结转结余

	// 三公 rows.
	RowOverseas         = "overseas"
	RowVehicleTotal     = "vehicle_total"
	RowVehiclePurchase  = "vehicle_purchase"
	RowVehicleOperation = "vehicle_operation"
	RowReception        = "reception"
	RowOfficeRunning    = "office_running"
	// RowSangongWithMeetings is the 合计 of a table that prints 会议费 and 培训费 beside the
	// three costs (西安): it is not the 三公 total.
	RowSangongWithMeetings = "total_incl_meeting_training"

	// Narrative rows.
	RowSangongTotal         = "sangong_total"
	RowProcurementTotal     = "procurement_total"
	RowProcurementGoods     = "procurement_goods"
	RowProcurementWorks     = "procurement_works"
	RowProcurementServices  = "procurement_services"
	RowProcurementSME       = "procurement_sme"
	RowProcurementMicro     = "procurement_micro"
	RowBasicExpenditure     = "basic_expenditure"
	RowProjectExpenditure   = "project_expenditure"
	RowGeneralPublicBudget  = "general_public_budget"
	RowFiscalAppropriation  = "fiscal_appropriation"
	RowGovFundExpenditure   = "gov_fund_expenditure"
	RowStateCapitalExpendit = "state_capital_expenditure"

	// Narrative-only rows: figures the prose states that no standard table prints as one cell.
	RowFiscalAppropriationExp   = "fiscal_appropriation_expenditure" // 财政拨款支出 (预算)
	RowFiscalAppropriationTotal = "fiscal_appropriation_total"       // 财政拨款收入支出总计 (决算), 财政拨款收支总预算
	// The general public budget's basic and project expenditure (一般公共预算基本支出, 项目支出) and
	// the 人员经费 and 公用经费 of its basic expenditure, as the narrative states them: the total
	// row's basic, project, personnel and public_use cells of the general public budget tables,
	// which some documents print only in the prose.
	RowGPBBasic          = "gpb_basic"            // 一般公共预算基本支出
	RowGPBProject        = "gpb_project"          // 一般公共预算项目支出
	RowGPBBasicPersonnel = "gpb_basic_personnel"  // 一般公共预算基本支出中的人员经费
	RowGPBBasicPublicUse = "gpb_basic_public_use" // 一般公共预算基本支出中的公用经费
)

// Source is where a figure was printed.
type Source struct {
	Table TableID `json:"table"`
	Page  int     `json:"page"`          // 1-based; pages are split by form feeds (0 when unknown)
	Line  int     `json:"line"`          // 1-based line of the input text
	Text  string  `json:"text"`          // the line as printed
	Box   *Box    `json:"box,omitempty"` // scans: where the line was read on the page
}

// Box is where a text was read on a scanned page: its rectangle in pixels of the page image (the
// ingest renders pages at 300 dpi) and the OCR's confidence in it (0–100, the lowest of its words).
type Box struct {
	Page   int     `json:"page"`
	Left   int     `json:"left"`
	Top    int     `json:"top"`
	Width  int     `json:"width"`
	Height int     `json:"height"`
	Conf   float64 `json:"conf"`
}

// LowConfidence is the OCR confidence below which a scanned figure is marked uncertain.
const LowConfidence = 80

// Uncertain reports whether the OCR read the text with a confidence below LowConfidence.
func (b *Box) Uncertain() bool { return b != nil && b.Conf < LowConfidence }

// Amount is one money cell: an exact value in yuan plus what was printed.
type Amount struct {
	Yuan    decimal.Decimal `json:"yuan"`
	Printed string          `json:"printed"` // the cell text as printed ("447. 48", "8.2", "")
	Unit    Unit            `json:"unit"`    // unit it was printed in
	Status  Status          `json:"status"`
	Note    string          `json:"note,omitempty"` // why a value was repaired or derived
	Box     *Box            `json:"box,omitempty"`  // scans: where the figure was read, with the OCR's confidence
	// Sums is how many printed figures a derived amount adds (their rounding adds up).
	Sums int `json:"sums,omitempty"`
}

// IsBlank reports whether the cell was printed empty (no value).
func (a Amount) IsBlank() bool { return a.Status == StatusBlank }

// Cell is one column of a row.
type Cell struct {
	Column string `json:"column"`
	Amount
}

// Row is one line of a table: a subject, a project, a unit or a total.
type Row struct {
	Code         string `json:"code"`                    // joined subject code, project code, or a special row code
	PrintedCode  string `json:"printed_code,omitempty"`  // the code as printed when it differs ("301 2", "201 05 07")
	Name         string `json:"name"`                    // as printed (wrapped lines joined)
	Level        int    `json:"level,omitempty"`         // subject level: 1 类, 2 款, 3 项; 0 otherwise
	Unit         string `json:"unit,omitempty"`          // budget unit (项目单位) where a table prints one
	Cells        []Cell `json:"cells"`                   // in printed column order
	Source       Source `json:"source"`                  // first line of the row
	NameFrom     string `json:"name_from,omitempty"`     // where a lost name was found, if not in this row
	CodeResolved string `json:"code_resolved,omitempty"` // how a mangled code was resolved
	// AlsoCode is the row's code in a second classification printed beside the first: the
	// 政府经济分类 code of a 部门经济分类 row ("50201"), or the economic code of a function row
	// in a table that crosses the two.
	AlsoCode string `json:"also_code,omitempty"`
}

// Cell returns the row's amount for a column.
func (r *Row) Cell(column string) (Amount, bool) {
	for _, c := range r.Cells {
		if c.Column == column {
			return c.Amount, true
		}
	}
	return Amount{}, false
}

// SetCell replaces or appends a column's amount.
func (r *Row) SetCell(column string, a Amount) {
	for i := range r.Cells {
		if r.Cells[i].Column == column {
			r.Cells[i].Amount = a
			return
		}
	}
	r.Cells = append(r.Cells, Cell{Column: column, Amount: a})
}

// Table is one standard table as read.
type Table struct {
	ID      TableID  `json:"id"`
	Title   string   `json:"title"`   // as printed
	Unit    Unit     `json:"unit"`    // unit its amounts were printed in
	Columns []string `json:"columns"` // column ids in printed order
	Empty   bool     `json:"empty"`   // printed as 无 / 本表为空表 with no rows
	Rows    []*Row   `json:"rows"`
	Source  Source   `json:"source"` // the title line
}

// Row returns the first row with a code.
func (t *Table) Row(code string) *Row {
	for _, r := range t.Rows {
		if r.Code == code {
			return r
		}
	}
	return nil
}

// OrgUnit is a budget unit (单位) of the department.
type OrgUnit struct {
	Code string `json:"code,omitempty"`
	Name string `json:"name"`
	Kind string `json:"kind,omitempty"` // 行政, 参公, 事业 when stated
}

// Region is the administrative area a document belongs to.
type Region struct {
	Code string `json:"code,omitempty"` // e.g. 421303, from project codes
	Name string `json:"name"`           // e.g. 曾都区, 上海市普陀区
}

// Project is a 项目 with its amount: a row of the project table (项目支出表) where one is printed,
// else the 项目资金总额 its performance form (项目支出绩效目标表) prints.
type Project struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	Unit     string `json:"unit,omitempty"`
	Category string `json:"category,omitempty"` // e.g. 22 其他运转类
	Amount   Amount `json:"amount"`
	// AmountFrom is the table the amount was printed in: TableProject (项目支出表) or
	// TablePerformanceForm (the 项目资金总额 of the project's 绩效目标表).
	AmountFrom TableID `json:"amount_from,omitempty"`
	Source     Source  `json:"source"`              // the line that prints the amount
	NameFrom   string  `json:"name_from,omitempty"` // where a lost name came from
}

// ProcurementItem is one row of the procurement table (amounts in 元 as printed).
type ProcurementItem struct {
	UnitCode        string  `json:"unit_code,omitempty"`
	UnitName        string  `json:"unit_name,omitempty"`
	Project         string  `json:"project"`
	Category        string  `json:"category"` // 品目 as printed, e.g. [C03040000]人才服务
	FunctionSubject string  `json:"function_subject,omitempty"`
	EconomicSubject string  `json:"economic_subject,omitempty"`
	Quantity        string  `json:"quantity,omitempty"`
	UnitPrice       *Amount `json:"unit_price,omitempty"`
	MeasureUnit     string  `json:"measure_unit,omitempty"`
	Total           Amount  `json:"total"`
	SME             *Amount `json:"sme,omitempty"`
	Micro           *Amount `json:"micro,omitempty"`
	Source          Source  `json:"source"`
}

// Target is one performance indicator (绩效指标). ProjectCode and ProjectName are empty for the
// department-wide targets.
type Target struct {
	ProjectCode string `json:"project_code,omitempty"`
	ProjectName string `json:"project_name,omitempty"`
	Level1      string `json:"level1"`          // 一级指标
	Level2      string `json:"level2"`          // 二级指标
	Level3      string `json:"level3"`          // 三级指标 (the indicator itself)
	Operator    string `json:"operator"`        // ≥ ≤ = > < 定性, or "" when not printed
	Value       string `json:"value"`           // 指标值 as printed, without operator and unit
	MeasureUnit string `json:"unit,omitempty"`  // 计量单位
	Funds       string `json:"funds,omitempty"` // project amount printed on the form, when any
	Source      Source `json:"source"`
}

// NarrativeFigure is a figure stated in the prose, with the previous-year figure or change it states.
type NarrativeFigure struct {
	Key            string           `json:"key"`  // a narrative row code (income_total, …) or a subject code
	Name           string           `json:"name"` // what the prose calls it
	Value          Amount           `json:"value"`
	StatedPrevious *Amount          `json:"stated_previous,omitempty"` // printed or derived from the change
	StatedChange   *Amount          `json:"stated_change,omitempty"`   // signed
	StatedPercent  *decimal.Decimal `json:"stated_percent,omitempty"`  // signed, in percent
	Direction      string           `json:"direction,omitempty"`       // increase, decrease, flat
	Basis          string           `json:"basis,omitempty"`           // e.g. 比2023年预算, 上年, 比2023年预算执行数
	Budget         *Amount          `json:"budget,omitempty"`          // 决算: this year's 年初预算 as printed
	Source         Source           `json:"source"`
}

// Staff is one staffing count (编制 / 实有人数).
type Staff struct {
	Kind   string `json:"kind"`          // as printed: 行政编制, 实有在职人员, 劳务派遣人员 …
	Key    string `json:"key,omitempty"` // what it counts (StaffAuthorized …), when known
	Count  int    `json:"count"`
	Source Source `json:"source"`
}

// Staff keys: what a staffing count counts.
const (
	StaffAuthorized            = "authorized"             // 人员编制
	StaffAuthorizedAdmin       = "authorized_admin"       // 行政编制
	StaffAuthorizedInstitution = "authorized_institution" // 事业编制
	StaffActual                = "actual"                 // 实有人员, 实有在职人员
	StaffActualAdmin           = "actual_admin"           // 实有人员中的行政
	StaffActualInstitution     = "actual_institution"     // 实有人员中的事业
	StaffRetired               = "retired"                // 离退休人员
)

// CheckResult is the outcome of one identity.
type CheckResult string

// Check results.
const (
	CheckPass          CheckResult = "pass"
	CheckRounding      CheckResult = "rounding" // off by no more than rounding allows
	CheckRepaired      CheckResult = "repaired" // failed as printed, passes after a recorded repair
	CheckFailed        CheckResult = "failed"
	CheckNotApplicable CheckResult = "not_applicable"
)

// CheckID names one identity applied to a document, stable across runs: its family, then what it
// reads, e.g. "tree:gpb_function:2010301:total" or "cross:class:208" (loader/check lists them).
type CheckID string

// Family is the part of the id before the first colon: summary, appropriation, tree, row, sangong,
// cross, project or narrative.
func (id CheckID) Family() string {
	s := string(id)
	if i := strings.IndexByte(s, ':'); i >= 0 {
		return s[:i]
	}
	return s
}

// Check is one accounting identity applied to the document.
type Check struct {
	ID       CheckID         `json:"id"`   // stable id, e.g. "tree:gpb_function:total"
	Rule     string          `json:"rule"` // readable statement of the identity
	Table    TableID         `json:"table"`
	Result   CheckResult     `json:"result"`
	Expected decimal.Decimal `json:"expected"` // yuan
	Actual   decimal.Decimal `json:"actual"`   // yuan
	Detail   string          `json:"detail,omitempty"`
	Lines    []int           `json:"lines,omitempty"` // input lines the check read
	Cells    []CellRef       `json:"cells,omitempty"` // the figures the check read
	Finding                  // of a failed or repaired check
}

// CellRef names one figure: a table cell, or a narrative figure (TableNarrative, its key, ColValue).
type CellRef struct {
	Table  TableID `json:"table"`
	Row    string  `json:"row"`
	Column string  `json:"column"`
	Line   int     `json:"line,omitempty"`
}

// Repair records a value the identities determined, with what was printed.
type Repair struct {
	Table   TableID         `json:"table"`
	RowCode string          `json:"row_code"`
	RowName string          `json:"row_name"`
	Column  string          `json:"column"`
	Printed string          `json:"printed"`
	Value   decimal.Decimal `json:"value"` // yuan
	Rule    string          `json:"rule"`  // the identity that determined it
	Line    int             `json:"line"`
}

// IssueKind says what kind of thing an issue reports.
type IssueKind string

// Kinds of issue.
const (
	IssueUnread            IssueKind = "unread"             // printed but not read (a row, a cell, a table)
	IssueLostRow           IssueKind = "lost_row"           // a row the totals show but the table does not print
	IssueLostName          IssueKind = "lost_name"          // a row printed without its name
	IssueFilledRow         IssueKind = "filled_row"         // a lost row filled from another part of the document
	IssueFilledName        IssueKind = "filled_name"        // a lost name filled from another part of the document
	IssueFilledOperator    IssueKind = "filled_operator"    // a target's unreadable operator filled from the prose
	IssueNarrativeMismatch IssueKind = "narrative_mismatch" // the prose contradicts itself or a table
	IssueDuplicateTable    IssueKind = "duplicate_table"    // a standard table printed twice
	IssueYearMismatch      IssueKind = "year_mismatch"      // a form labelled with another year
	IssueCodeResolved      IssueKind = "code_resolved"      // a mangled subject code resolved by its name
	IssueCodeUnresolved    IssueKind = "code_unresolved"    // a subject code that is not official, kept as printed

	IssueMissingTable      IssueKind = "missing_table"       // a standard table of the document's kind is not printed
	IssueEmptyUnmarked     IssueKind = "empty_unmarked"      // a table printed empty without its 本表无数据 note
	IssueBlankAgainstProse IssueKind = "blank_against_prose" // a table printed blank while the prose states its amount
	IssueStatedRate        IssueKind = "stated_rate"         // a completion rate or share in the prose that the figures do not give
	IssueStatedDirection   IssueKind = "stated_direction"    // 决算数大于/小于/等于预算数 contradicting the figures
	IssuePlaceholder       IssueKind = "placeholder"         // a template placeholder left in (XX, 待填写)
	IssueTemplateLeftover  IssueKind = "template_leftover"   // template wording left unfinished (an empty 主要原因, 增加持平)
)

// Issue is something read in part, left out or contradictory: lost rows and names, narrative
// figures that contradict their table, tables printed twice.
type Issue struct {
	Kind   IssueKind `json:"kind"`
	Detail string    `json:"detail"`
	Line   int       `json:"line,omitempty"`
	Finding
}

// Document is the whole model of one disclosure.
type Document struct {
	File       string `json:"file"`
	SHA256     string `json:"sha256"`
	Format     Format `json:"format"`
	Department string `json:"department"`
	// DepartmentFrom says where Department came from: printed, option (--department) or file_name.
	DepartmentFrom string            `json:"department_from,omitempty"`
	Region         Region            `json:"region"`
	Year           int               `json:"year"`
	Kind           Kind              `json:"kind"`
	Scope          Scope             `json:"scope"`
	Units          []OrgUnit         `json:"units"`
	Tables         []*Table          `json:"tables"`
	Projects       []Project         `json:"projects"`
	Procurement    []ProcurementItem `json:"procurement"`
	Targets        []Target          `json:"targets"`
	Narrative      []NarrativeFigure `json:"narrative"`
	Staffing       []Staff           `json:"staffing"`
	Checks         []Check           `json:"checks"`
	Repairs        []Repair          `json:"repairs"`
	Issues         []Issue           `json:"issues"`
	Pages          int               `json:"pages"`
	Lines          int               `json:"lines"`
	// LineBoxes are where the lines of a PDF are on their pages, by line number.
	LineBoxes map[int]Box `json:"line_boxes,omitempty"`
	// Original is the file the document was read from, kept so that its pages can be shown.
	Original *Original `json:"-"`
}

// Original is the file a document was read from.
type Original struct {
	MediaType string // application/pdf, or text/plain for a text
	Data      []byte
}

// Table returns the document's table with an id, or nil.
func (d *Document) Table(id TableID) *Table {
	for _, t := range d.Tables {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// Narrative returns the first narrative figure with a key, or nil.
func (d *Document) NarrativeFigure(key string) *NarrativeFigure {
	for i := range d.Narrative {
		if d.Narrative[i].Key == key {
			return &d.Narrative[i]
		}
	}
	return nil
}

// Column and row ids of final-accounts (决算) tables.
const (
	ColRemitUpper = "remit_upper" // 上缴上级支出
	ColSubsidySub = "subsidy_sub" // 对附属单位补助支出 (经营支出 is ColOperating)
	ColCarryIn    = "carry_in"    // 年初结转和结余 (fund tables)
	ColIncome     = "income"      // 本年收入 (fund tables)
	ColCarryOut   = "carry_out"   // 年末结转和结余 (fund tables)

	RowPersonnelTotal       = "personnel_total"        // 人员经费合计
	RowPublicUseTotal       = "public_use_total"       // 公用经费合计
	RowNonFiscalBalanceUsed = "nonfiscal_balance_used" // 使用非财政拨款结余
	RowBalanceDistribution  = "balance_distribution"   // 结余分配
)
