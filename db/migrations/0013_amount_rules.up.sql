-- One definition of every amount the API reads by meaning (issue 12, point 3): where each measure
-- (指标) and each classification's subjects (科目) are printed, and one rule for choosing among
-- those cells, written once in budgetql_document_amounts. Every resolver reads the result,
-- document_amount: document.amount, 三公, expenditure totals, series, rankings, totals, movers and
-- year-over-year comparisons. measure_cell and subject_table (migration 0008) had the same map
-- written again in Go; this table replaces both and the Go copy.
--
-- The rule: of a target's cells, in priority order, the first that prints a value; when none
-- does, the first printed blank (amount NULL, status blank). So a 决算 whose 三公 table prints the
-- 决算数 blank takes the narrative's 0.00, and says so in its source.
CREATE TABLE amount_rule (
    target        text NOT NULL,  -- a measure (SANGONG_TOTAL), or 'function'/'economic' for subjects
    amount_column text NOT NULL,  -- document_amount.column_id: '' a measure's amount, 'budget' its
                                  -- 年初预算 (决算 only); a subject's column (total, basic, … budget, actual)
    priority      int NOT NULL,
    kind          text NOT NULL DEFAULT '',  -- '' every kind; 'budget' or 'final' only that kind
    table_id      text NOT NULL,
    row_code      text NOT NULL,  -- '*': every subject row (a code of 3 to 7 digits) of the table
    column_id     text NOT NULL,
    PRIMARY KEY (target, amount_column, priority)
);

INSERT INTO amount_rule (target, amount_column, priority, kind, table_id, row_code, column_id) VALUES
    -- 收入总计 / 支出总计: the 总计 rows, which include 上年结转 (年初结转和结余) and 年末结转.
    ('INCOME_TOTAL', '', 1, '', 'summary', 'income_total', 'total'),
    ('INCOME_TOTAL', '', 2, '', 'narrative', 'income_total', 'value'),
    ('EXPENDITURE_TOTAL', '', 1, '', 'summary', 'expenditure_total', 'total'),
    ('EXPENDITURE_TOTAL', '', 2, '', 'narrative', 'expenditure_total', 'value'),
    -- 本年收入合计 / 本年支出合计: this year's alone.
    ('INCOME_CURRENT', '', 1, '', 'summary', 'income_current', 'total'),
    ('INCOME_CURRENT', '', 2, '', 'income', 'total', 'total'),
    ('EXPENDITURE_CURRENT', '', 1, '', 'summary', 'expenditure_current', 'total'),
    ('EXPENDITURE_CURRENT', '', 2, '', 'expenditure', 'total', 'total'),
    -- 财政拨款收入 / 支出: this year's. A 预算 table that prints no 本年 row prints no 结转 either,
    -- so its 总计 is this year's; a 决算's 总计 never stands for it (2,961.68 = 2,940.05 + 21.63).
    ('FISCAL_APPROPRIATION', '', 1, '', 'appropriation', 'income_current', 'total'),
    ('FISCAL_APPROPRIATION', '', 2, '', 'appropriation', 'fiscal_appropriation', 'total'),
    ('FISCAL_APPROPRIATION', '', 3, '', 'income', 'total', 'fiscal_appropriation'),
    ('FISCAL_APPROPRIATION', '', 4, '', 'summary', 'fiscal_appropriation', 'total'),
    ('FISCAL_APPROPRIATION', '', 5, 'budget', 'appropriation', 'income_total', 'total'),
    ('FISCAL_APPROPRIATION', '', 6, '', 'narrative', 'fiscal_appropriation', 'value'),
    ('FISCAL_APPROPRIATION_EXPENDITURE', '', 1, '', 'appropriation', 'expenditure_current', 'total'),
    ('FISCAL_APPROPRIATION_EXPENDITURE', '', 2, 'budget', 'appropriation', 'expenditure_total', 'total'),
    ('FISCAL_APPROPRIATION_EXPENDITURE', '', 3, '', 'narrative', 'fiscal_appropriation_expenditure', 'value'),
    -- 财政拨款收支总计: the 总计, with 年初结转.
    ('FISCAL_APPROPRIATION_TOTAL', '', 1, '', 'appropriation', 'income_total', 'total'),
    ('FISCAL_APPROPRIATION_TOTAL', '', 2, '', 'narrative', 'fiscal_appropriation_total', 'value'),
    ('GENERAL_PUBLIC_BUDGET', '', 1, '', 'gpb_function', 'total', 'total'),
    ('GENERAL_PUBLIC_BUDGET', '', 2, '', 'narrative', 'general_public_budget', 'value'),
    ('GENERAL_PUBLIC_BUDGET', 'budget', 1, 'final', 'gpb_function', 'total', 'budget'),
    ('GENERAL_PUBLIC_BUDGET', 'budget', 2, 'final', 'narrative', 'general_public_budget', 'budget'),
    ('GOV_FUND_EXPENDITURE', '', 1, '', 'gov_fund', 'total', 'total'),
    ('GOV_FUND_EXPENDITURE', '', 2, '', 'narrative', 'gov_fund_expenditure', 'value'),
    ('STATE_CAPITAL_EXPENDITURE', '', 1, '', 'state_capital', 'total', 'total'),
    ('STATE_CAPITAL_EXPENDITURE', '', 2, '', 'narrative', 'state_capital_expenditure', 'value'),
    ('BASIC_EXPENDITURE', '', 1, '', 'expenditure', 'total', 'basic'),
    ('BASIC_EXPENDITURE', '', 2, '', 'gpb_function', 'total', 'basic'),
    ('BASIC_EXPENDITURE', '', 3, '', 'narrative', 'basic_expenditure', 'value'),
    ('PROJECT_EXPENDITURE', '', 1, '', 'expenditure', 'total', 'project'),
    ('PROJECT_EXPENDITURE', '', 2, '', 'gpb_function', 'total', 'project'),
    ('PROJECT_EXPENDITURE', '', 3, '', 'narrative', 'project_expenditure', 'value'),
    ('PERSONNEL', '', 1, '', 'gpb_basic_economic', 'total', 'personnel'),
    ('PERSONNEL', '', 2, '', 'gpb_function', 'total', 'personnel'),
    ('PUBLIC_USE', '', 1, '', 'gpb_basic_economic', 'total', 'public_use'),
    ('PUBLIC_USE', '', 2, '', 'gpb_function', 'total', 'public_use'),
    ('PROCUREMENT_TOTAL', '', 1, '', 'narrative', 'procurement_total', 'value'),
    ('PROCUREMENT_TOTAL', '', 2, '', 'procurement', 'total', 'total'),
    ('PROCUREMENT_GOODS', '', 1, '', 'narrative', 'procurement_goods', 'value'),
    ('PROCUREMENT_WORKS', '', 1, '', 'narrative', 'procurement_works', 'value'),
    ('PROCUREMENT_SERVICES', '', 1, '', 'narrative', 'procurement_services', 'value'),
    ('PROCUREMENT_SME', '', 1, '', 'narrative', 'procurement_sme', 'value');

-- 三公 and 机关运行经费: the table's figure (预算数, or a 决算's 决算数), else the narrative's; in a
-- 决算 also the 年初预算 (预算数 column, else the narrative's).
INSERT INTO amount_rule (target, amount_column, priority, kind, table_id, row_code, column_id)
SELECT m.measure, '', p.priority, '', p.table_id, CASE WHEN p.table_id = 'narrative' THEN m.narrative ELSE m.row END, p.col
FROM (VALUES ('SANGONG_TOTAL', 'total', 'sangong_total'), ('SANGONG_OVERSEAS', 'overseas', 'overseas'),
        ('SANGONG_VEHICLE', 'vehicle_total', 'vehicle_total'), ('SANGONG_VEHICLE_PURCHASE', 'vehicle_purchase', 'vehicle_purchase'),
        ('SANGONG_VEHICLE_OPERATION', 'vehicle_operation', 'vehicle_operation'), ('SANGONG_RECEPTION', 'reception', 'reception'),
        ('OFFICE_RUNNING', 'office_running', 'office_running')) AS m(measure, row, narrative)
CROSS JOIN (VALUES (1, 'sangong', 'total'), (2, 'sangong', 'actual'), (3, 'narrative', 'value')) AS p(priority, table_id, col)
UNION ALL
SELECT m.measure, 'budget', p.priority, 'final', p.table_id, CASE WHEN p.table_id = 'narrative' THEN m.narrative ELSE m.row END, 'budget'
FROM (VALUES ('SANGONG_TOTAL', 'total', 'sangong_total'), ('SANGONG_OVERSEAS', 'overseas', 'overseas'),
        ('SANGONG_VEHICLE', 'vehicle_total', 'vehicle_total'), ('SANGONG_VEHICLE_PURCHASE', 'vehicle_purchase', 'vehicle_purchase'),
        ('SANGONG_VEHICLE_OPERATION', 'vehicle_operation', 'vehicle_operation'), ('SANGONG_RECEPTION', 'reception', 'reception'),
        ('OFFICE_RUNNING', 'office_running', 'office_running')) AS m(measure, row, narrative)
CROSS JOIN (VALUES (1, 'sangong'), (2, 'narrative')) AS p(priority, table_id);

-- Subjects: each column from the first subject table that prints it (支出总表, else the 一般公共预算
-- 支出表; economic subjects from the 基本支出经济分类表). In a 决算, each function subject's 年初预算
-- and 决算数 on the 一般公共预算财政拨款 basis the narrative states them on.
INSERT INTO amount_rule (target, amount_column, priority, kind, table_id, row_code, column_id)
SELECT 'function', c.col, t.priority, '', t.table_id, '*', c.col
FROM (VALUES (1, 'expenditure'), (2, 'gpb_function')) AS t(priority, table_id)
CROSS JOIN (VALUES ('total'), ('basic'), ('project'), ('personnel'), ('public_use')) AS c(col)
UNION ALL
SELECT 'economic', c.col, 1, '', 'gpb_basic_economic', '*', c.col
FROM (VALUES ('total'), ('personnel'), ('public_use')) AS c(col)
UNION ALL
SELECT 'function', x.amount_column, x.priority, 'final', x.table_id, '*', x.col
FROM (VALUES ('budget', 1, 'gpb_function', 'budget'), ('budget', 2, 'narrative', 'budget'),
        ('actual', 1, 'gpb_function', 'actual'), ('actual', 2, 'gpb_function', 'total'),
        ('actual', 3, 'narrative', 'value')) AS x(amount_column, priority, table_id, col);

DROP FUNCTION budgetql_document_amounts(bigint);
DROP TABLE measure_cell;
DROP TABLE subject_table;

-- Every document's amounts, whatever its scope (the API reads a unit's as a department's); the
-- cross-department queries keep to scope 'department'. A target no cell prints with a value but
-- one prints blank has a row with amount NULL: the blank is the answer, not a missing one.
ALTER TABLE document_amount ADD COLUMN scope text NOT NULL DEFAULT 'department';
ALTER TABLE document_amount ALTER COLUMN amount DROP NOT NULL;
ALTER TABLE document_amount ALTER COLUMN scope DROP DEFAULT;
DROP INDEX document_amount_rank;
CREATE INDEX document_amount_rank ON document_amount (target, column_id, kind, year, amount DESC, document_id)
    INCLUDE (department_id, figure_ordinal) WHERE scope = 'department' AND amount IS NOT NULL;
DROP INDEX document_amount_subject;
CREATE INDEX document_amount_subject ON document_amount (kind, year, split_part(target, ':', 1), column_id)
    INCLUDE (department_id, document_id, target, amount, figure_ordinal) WHERE scope = 'department' AND amount IS NOT NULL;

-- budgetql_document_amounts writes the document_amount rows of a document by amount_rule. The store
-- calls it in the document's transaction, after its figures.
CREATE FUNCTION budgetql_document_amounts(doc bigint) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO document_amount (department_id, document_id, year, kind, scope, target, column_id, amount, figure_ordinal)
    SELECT DISTINCT ON (c.target, c.amount_column) c.department_id, c.document_id, c.year, c.kind, c.scope,
        c.target, c.amount_column, c.amount, c.ordinal
    FROM (
        SELECT f.department_id, f.document_id, d.year, d.kind, d.scope, r.target, r.amount_column, r.priority,
            f.amount, f.ordinal
        FROM document d
        JOIN amount_rule r ON r.kind IN ('', d.kind) AND r.row_code <> '*'
        JOIN figure f ON f.document_id = d.id AND f.table_id = r.table_id AND f.row_code = r.row_code
          AND f.column_id = r.column_id
        WHERE d.id = doc
        UNION ALL
        SELECT f.department_id, f.document_id, d.year, d.kind, d.scope, r.target || ':' || f.row_code,
            r.amount_column, r.priority, f.amount, f.ordinal
        FROM document d
        JOIN amount_rule r ON r.kind IN ('', d.kind) AND r.row_code = '*'
        JOIN figure f ON f.document_id = d.id AND f.table_id = r.table_id AND f.column_id = r.column_id
        WHERE d.id = doc AND f.row_code ~ '^[0-9]{3,7}$'
    ) c
    ORDER BY c.target, c.amount_column, c.amount IS NULL, c.priority, c.ordinal;
$$;

DELETE FROM document_amount;
SELECT budgetql_document_amounts(id) FROM document ORDER BY id;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'budgetql_reader') THEN
        GRANT SELECT ON amount_rule TO budgetql_reader;
    END IF;
END
$$;
