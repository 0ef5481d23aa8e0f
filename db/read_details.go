package db

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"budgetql/loader/model"

	"github.com/lib/pq"
	"github.com/shopspring/decimal"
)

// UnitRow is a budget unit (单位) of a document.
type UnitRow struct {
	DocumentID int64  `db:"document_id"`
	Code       string `db:"code"`
	Name       string `db:"name"`
	Kind       string `db:"kind"`
}

// ProjectRow is a project (项目) with its amount and source.
type ProjectRow struct {
	DepartmentID int64               `db:"department_id"`
	DocumentID   int64               `db:"document_id"`
	Ordinal      int                 `db:"ordinal"`
	Year         int                 `db:"year"`
	Code         string              `db:"code"`
	Name         string              `db:"name"`
	UnitName     string              `db:"unit_name"`
	Category     string              `db:"category"`
	Amount       decimal.NullDecimal `db:"amount"`
	Printed      string              `db:"printed"`
	Unit         string              `db:"unit"`
	Status       string              `db:"status"`
	NameFrom     string              `db:"name_from"`
	Page         int                 `db:"page"`
	Line         int                 `db:"line"`
	LineText     string              `db:"line_text"`
	SourceTable  string              `db:"source_table"` // project (项目支出表) or performance_form
}

// ProcurementRow is one row of the procurement table.
type ProcurementRow struct {
	DocumentID      int64               `db:"document_id"`
	UnitName        string              `db:"unit_name"`
	Project         string              `db:"project"`
	Category        string              `db:"category"`
	FunctionSubject string              `db:"function_subject"`
	EconomicSubject string              `db:"economic_subject"`
	Quantity        string              `db:"quantity"`
	UnitPrice       decimal.NullDecimal `db:"unit_price"`
	MeasureUnit     string              `db:"measure_unit"`
	Total           decimal.NullDecimal `db:"total"`
	TotalPrinted    string              `db:"total_printed"`
	SME             decimal.NullDecimal `db:"sme"`
	Page            int                 `db:"page"`
	Line            int                 `db:"line"`
	LineText        string              `db:"line_text"`
}

// TargetRow is one performance target (绩效指标).
type TargetRow struct {
	DocumentID  int64  `db:"document_id"`
	ProjectCode string `db:"project_code"`
	ProjectName string `db:"project_name"`
	Level1      string `db:"level1"`
	Level2      string `db:"level2"`
	Level3      string `db:"level3"`
	Operator    string `db:"operator"`
	Value       string `db:"value"`
	MeasureUnit string `db:"measure_unit"`
	Page        int    `db:"page"`
	Line        int    `db:"line"`
	LineText    string `db:"line_text"`
}

// NarrativeRow is a figure stated in the prose with its stated previous-year comparison.
type NarrativeRow struct {
	DepartmentID   int64               `db:"department_id"`
	DocumentID     int64               `db:"document_id"`
	Year           int                 `db:"year"`
	Key            string              `db:"key"`
	Name           string              `db:"name"`
	Value          decimal.NullDecimal `db:"value"`
	ValuePrinted   string              `db:"value_printed"`
	Unit           string              `db:"unit"`
	StatedPrevious decimal.NullDecimal `db:"stated_previous"`
	PreviousStatus string              `db:"previous_status"`
	StatedChange   decimal.NullDecimal `db:"stated_change"`
	StatedPercent  decimal.NullDecimal `db:"stated_percent"`
	Direction      string              `db:"direction"`
	Basis          string              `db:"basis"`
	Page           int                 `db:"page"`
	Line           int                 `db:"line"`
	LineText       string              `db:"line_text"`
}

// StaffRow is one staffing count.
type StaffRow struct {
	DocumentID int64  `db:"document_id"`
	Kind       string `db:"kind"`
	Count      int    `db:"count"`
	Page       int    `db:"page"`
	Line       int    `db:"line"`
	LineText   string `db:"line_text"`
}

// CheckRow is one accounting identity and its result.
type CheckRow struct {
	KeyResult  string              `db:"key_result"` // the result asked for ("" for all)
	DocumentID int64               `db:"document_id"`
	CheckID    string              `db:"check_id"`
	Rule       string              `db:"rule"`
	TableID    string              `db:"table_id"`
	Result     string              `db:"result"`
	Expected   decimal.NullDecimal `db:"expected"`
	Actual     decimal.NullDecimal `db:"actual"`
	Detail     string              `db:"detail"`
	Lines      pq.Int64Array       `db:"lines"`
	Cells      []byte              `db:"cells"` // jsonb: the cells the check read (model.CellRef)
	FindingRow
}

// FindingRow is what a person acts on, of a failed or repaired check or an issue: its severity
// ("" for a check that holds), messages and suggestions.
type FindingRow struct {
	Severity     string `db:"severity"`
	Message      string `db:"message"`
	MessageEN    string `db:"message_en"`
	Suggestion   string `db:"suggestion"`
	SuggestionEN string `db:"suggestion_en"`
}

// SeverityValue is the severity, nil when none.
func (f FindingRow) SeverityValue() *string { return nonEmpty(f.Severity) }

// SuggestionValue is the suggestion, nil when none.
func (f FindingRow) SuggestionValue() *string { return nonEmpty(f.Suggestion) }

// SuggestionENValue is the English suggestion, nil when none.
func (f FindingRow) SuggestionENValue() *string { return nonEmpty(f.SuggestionEN) }

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// CellRefs are the cells the check read.
func (c CheckRow) CellRefs() []model.CellRef {
	var out []model.CellRef
	if len(c.Cells) > 0 && json.Unmarshal(c.Cells, &out) != nil {
		return nil
	}
	return out
}

// RepairRow is a repaired value with what was printed.
type RepairRow struct {
	DocumentID int64           `db:"document_id"`
	TableID    string          `db:"table_id"`
	RowCode    string          `db:"row_code"`
	RowName    string          `db:"row_name"`
	ColumnID   string          `db:"column_id"`
	Printed    string          `db:"printed"`
	Value      decimal.Decimal `db:"value"`
	Rule       string          `db:"rule"`
	Line       int             `db:"line"`
}

// IssueRow is something read in part, left out or contradictory.
type IssueRow struct {
	DocumentID int64  `db:"document_id"`
	Kind       string `db:"kind"`
	Detail     string `db:"detail"`
	Line       int    `db:"line"`
	FindingRow
}

// byDocuments runs "SELECT columns FROM table WHERE document_id = ANY($1) ORDER BY
// document_id, ordinal" for the documents.
func (r *Reader) byDocuments(ctx context.Context, dest any, op, columns, table string, ids []int64) error {
	err := r.selectRows(ctx, dest, `SELECT `+columns+` FROM `+table+
		` WHERE document_id = ANY($1) ORDER BY document_id, ordinal`, pq.Array(ids))
	if err != nil {
		return fmt.Errorf("db.%s: %w", op, err)
	}
	return nil
}

// UnitsByDocument returns the units of the documents.
func (r *Reader) UnitsByDocument(ctx context.Context, ids []int64) (out []UnitRow, err error) {
	return out, r.byDocuments(ctx, &out, "UnitsByDocument", `document_id, code, name, kind`, "unit", ids)
}

// ProjectsByDocument returns the projects of the documents in printed order.
func (r *Reader) ProjectsByDocument(ctx context.Context, ids []int64) (out []ProjectRow, err error) {
	return out, r.byDocuments(ctx, &out, "ProjectsByDocument", projectColumns, "project", ids)
}

// projectFields are ProjectRow's columns.
var projectFields = []string{"department_id", "document_id", "ordinal", "year", "code", "name",
	"unit_name", "category", "amount", "printed", "unit", "status", "name_from", "page", "line", "line_text",
	"source_table"}

var projectColumns = strings.Join(projectFields, ", ")

// ProcurementByDocument returns the procurement items of the documents.
func (r *Reader) ProcurementByDocument(ctx context.Context, ids []int64) (out []ProcurementRow, err error) {
	return out, r.byDocuments(ctx, &out, "ProcurementByDocument", `document_id, unit_name, project,
		category, function_subject, economic_subject, quantity, unit_price, measure_unit, total,
		total_printed, sme, page, line, line_text`, "procurement_item", ids)
}

// TargetsByDocument returns the performance targets of the documents.
func (r *Reader) TargetsByDocument(ctx context.Context, ids []int64) (out []TargetRow, err error) {
	return out, r.byDocuments(ctx, &out, "TargetsByDocument", `document_id, project_code, project_name,
		level1, level2, level3, operator, value, measure_unit, page, line, line_text`, "target", ids)
}

// NarrativeByDocument returns the narrative figures of the documents.
func (r *Reader) NarrativeByDocument(ctx context.Context, ids []int64) (out []NarrativeRow, err error) {
	return out, r.byDocuments(ctx, &out, "NarrativeByDocument", `department_id, document_id, year, key,
		name, value, value_printed, unit, stated_previous, previous_status, stated_change,
		stated_percent, direction, basis, page, line, line_text`, "narrative_figure", ids)
}

// DocKey names one narrative key of one document.
type DocKey struct {
	DocumentID int64
	Key        string
}

// NarrativeByDocKey returns the narrative figures with the given keys of documents.
func (r *Reader) NarrativeByDocKey(ctx context.Context, keys []DocKey) ([]NarrativeRow, error) {
	docs, ks := splitKeys(keys, func(k DocKey) (int64, string) { return k.DocumentID, k.Key })
	return selectAll[NarrativeRow](ctx, r, "NarrativeByDocKey", `SELECT n.department_id, n.document_id, n.year, n.key, n.name,
		n.value, n.value_printed, n.unit, n.stated_previous, n.previous_status, n.stated_change,
		n.stated_percent, n.direction, n.basis, n.page, n.line, n.line_text
		FROM narrative_figure n JOIN unnest($1::bigint[], $2::text[]) AS k(document_id, key)
		  ON n.document_id = k.document_id AND n.key = k.key
		ORDER BY n.document_id, n.ordinal`, pq.Array(docs), pq.Array(ks))
}

// StaffingByDocument returns the staffing counts of the documents.
func (r *Reader) StaffingByDocument(ctx context.Context, ids []int64) (out []StaffRow, err error) {
	return out, r.byDocuments(ctx, &out, "StaffingByDocument", `document_id, kind, count, page, line,
		line_text`, "staffing", ids)
}

// DocResult names the checks of one document with one result; an empty result names them all.
type DocResult struct {
	DocumentID int64
	Result     string
}

// ChecksByDocResult returns the checks the keys name, each row once per key it answers
// (CheckRow.KeyResult), in printed order.
func (r *Reader) ChecksByDocResult(ctx context.Context, keys []DocResult) ([]CheckRow, error) {
	docs, results := splitKeys(keys, func(k DocResult) (int64, string) { return k.DocumentID, k.Result })
	return selectAll[CheckRow](ctx, r, "ChecksByDocResult", `SELECT k.result AS key_result, c.document_id, c.check_id, c.rule,
		c.table_id, c.result, c.expected, c.actual, c.detail, c.lines, c.cells, c.severity, c.message,
		c.message_en, c.suggestion, c.suggestion_en
		FROM check_result c JOIN unnest($1::bigint[], $2::text[]) AS k(document_id, result)
		  ON c.document_id = k.document_id AND (k.result = '' OR c.result = k.result)
		ORDER BY c.document_id, k.result, c.ordinal`, pq.Array(docs), pq.Array(results))
}

// RepairsByDocument returns the repairs of the documents.
func (r *Reader) RepairsByDocument(ctx context.Context, ids []int64) (out []RepairRow, err error) {
	return out, r.byDocuments(ctx, &out, "RepairsByDocument", `document_id, table_id, row_code,
		row_name, column_id, printed, value, rule, line`, "repair", ids)
}

// IssuesByDocument returns the issues of the documents.
func (r *Reader) IssuesByDocument(ctx context.Context, ids []int64) (out []IssueRow, err error) {
	return out, r.byDocuments(ctx, &out, "IssuesByDocument", `document_id, kind, detail, line, severity,
		message, message_en, suggestion, suggestion_en`, "document_issue", ids)
}

// nullable is a NullDecimal as a pointer, nil when NULL.
func nullable(n decimal.NullDecimal) *decimal.Decimal {
	if !n.Valid {
		return nil
	}
	d := n.Decimal
	return &d
}

// ExpectedValue is the expected amount, nil when none.
func (c CheckRow) ExpectedValue() *decimal.Decimal { return nullable(c.Expected) }

// ActualValue is the actual amount, nil when none.
func (c CheckRow) ActualValue() *decimal.Decimal { return nullable(c.Actual) }

// LineNumbers are the source lines of the check.
func (c CheckRow) LineNumbers() []int {
	out := make([]int, len(c.Lines))
	for i, l := range c.Lines {
		out[i] = int(l)
	}
	return out
}

// UnitPriceValue is the unit price, nil when none.
func (p ProcurementRow) UnitPriceValue() *decimal.Decimal { return nullable(p.UnitPrice) }

// TotalValue is the total, nil when none.
func (p ProcurementRow) TotalValue() *decimal.Decimal { return nullable(p.Total) }

// SMEValue is the share reserved for small and medium enterprises, nil when none.
func (p ProcurementRow) SMEValue() *decimal.Decimal { return nullable(p.SME) }
