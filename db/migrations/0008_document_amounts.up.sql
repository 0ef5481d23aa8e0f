-- Amounts that the cross-department queries (rankings, totals by year) read, resolved once when a
-- document is stored instead of on every request: per department-scope document, each measure's
-- amount (the first of the measure's cells, in order, that the document prints with a value) and
-- each subject's amount per column (from the first subject table that prints it). Rows belong to
-- their document (ON DELETE CASCADE), so replacing a document replaces them and loading the same
-- file twice changes nothing.

-- Where each measure is printed, most authoritative first. The API's measureCells (graph/money.go)
-- must list the same cells; a test compares them.
CREATE TABLE measure_cell (
    measure   text NOT NULL,
    priority  int NOT NULL,
    table_id  text NOT NULL,
    row_code  text NOT NULL,
    column_id text NOT NULL,
    PRIMARY KEY (measure, priority)
);
INSERT INTO measure_cell (measure, priority, table_id, row_code, column_id) VALUES
    ('BASIC_EXPENDITURE', 1, 'expenditure', 'total', 'basic'),
    ('BASIC_EXPENDITURE', 2, 'gpb_function', 'total', 'basic'),
    ('BASIC_EXPENDITURE', 3, 'narrative', 'basic_expenditure', 'value'),
    ('EXPENDITURE_TOTAL', 1, 'summary', 'expenditure_total', 'total'),
    ('EXPENDITURE_TOTAL', 2, 'narrative', 'expenditure_total', 'value'),
    ('FISCAL_APPROPRIATION', 1, 'appropriation', 'income_total', 'total'),
    ('FISCAL_APPROPRIATION', 2, 'narrative', 'fiscal_appropriation', 'value'),
    ('FISCAL_APPROPRIATION_EXPENDITURE', 1, 'appropriation', 'expenditure_total', 'total'),
    ('FISCAL_APPROPRIATION_EXPENDITURE', 2, 'narrative', 'fiscal_appropriation_expenditure', 'value'),
    ('GENERAL_PUBLIC_BUDGET', 1, 'gpb_function', 'total', 'total'),
    ('GENERAL_PUBLIC_BUDGET', 2, 'narrative', 'general_public_budget', 'value'),
    ('GOV_FUND_EXPENDITURE', 1, 'gov_fund', 'total', 'total'),
    ('GOV_FUND_EXPENDITURE', 2, 'narrative', 'gov_fund_expenditure', 'value'),
    ('INCOME_TOTAL', 1, 'summary', 'income_total', 'total'),
    ('INCOME_TOTAL', 2, 'narrative', 'income_total', 'value'),
    ('OFFICE_RUNNING', 1, 'sangong', 'office_running', 'total'),
    ('OFFICE_RUNNING', 2, 'sangong', 'office_running', 'actual'),
    ('OFFICE_RUNNING', 3, 'narrative', 'office_running', 'value'),
    ('PERSONNEL', 1, 'gpb_basic_economic', 'total', 'personnel'),
    ('PERSONNEL', 2, 'gpb_function', 'total', 'personnel'),
    ('PROCUREMENT_GOODS', 1, 'narrative', 'procurement_goods', 'value'),
    ('PROCUREMENT_SERVICES', 1, 'narrative', 'procurement_services', 'value'),
    ('PROCUREMENT_SME', 1, 'narrative', 'procurement_sme', 'value'),
    ('PROCUREMENT_TOTAL', 1, 'narrative', 'procurement_total', 'value'),
    ('PROCUREMENT_TOTAL', 2, 'procurement', 'total', 'total'),
    ('PROCUREMENT_WORKS', 1, 'narrative', 'procurement_works', 'value'),
    ('PROJECT_EXPENDITURE', 1, 'expenditure', 'total', 'project'),
    ('PROJECT_EXPENDITURE', 2, 'gpb_function', 'total', 'project'),
    ('PROJECT_EXPENDITURE', 3, 'narrative', 'project_expenditure', 'value'),
    ('PUBLIC_USE', 1, 'gpb_basic_economic', 'total', 'public_use'),
    ('PUBLIC_USE', 2, 'gpb_function', 'total', 'public_use'),
    ('SANGONG_OVERSEAS', 1, 'sangong', 'overseas', 'total'),
    ('SANGONG_OVERSEAS', 2, 'sangong', 'overseas', 'actual'),
    ('SANGONG_OVERSEAS', 3, 'narrative', 'overseas', 'value'),
    ('SANGONG_RECEPTION', 1, 'sangong', 'reception', 'total'),
    ('SANGONG_RECEPTION', 2, 'sangong', 'reception', 'actual'),
    ('SANGONG_RECEPTION', 3, 'narrative', 'reception', 'value'),
    ('SANGONG_TOTAL', 1, 'sangong', 'total', 'total'),
    ('SANGONG_TOTAL', 2, 'sangong', 'total', 'actual'),
    ('SANGONG_TOTAL', 3, 'narrative', 'sangong_total', 'value'),
    ('SANGONG_VEHICLE', 1, 'sangong', 'vehicle_total', 'total'),
    ('SANGONG_VEHICLE', 2, 'sangong', 'vehicle_total', 'actual'),
    ('SANGONG_VEHICLE', 3, 'narrative', 'vehicle_total', 'value'),
    ('SANGONG_VEHICLE_OPERATION', 1, 'sangong', 'vehicle_operation', 'total'),
    ('SANGONG_VEHICLE_OPERATION', 2, 'sangong', 'vehicle_operation', 'actual'),
    ('SANGONG_VEHICLE_OPERATION', 3, 'narrative', 'vehicle_operation', 'value'),
    ('SANGONG_VEHICLE_PURCHASE', 1, 'sangong', 'vehicle_purchase', 'total'),
    ('SANGONG_VEHICLE_PURCHASE', 2, 'sangong', 'vehicle_purchase', 'actual'),
    ('SANGONG_VEHICLE_PURCHASE', 3, 'narrative', 'vehicle_purchase', 'value'),
    ('STATE_CAPITAL_EXPENDITURE', 1, 'state_capital', 'total', 'total'),
    ('STATE_CAPITAL_EXPENDITURE', 2, 'narrative', 'state_capital_expenditure', 'value');

-- The tables that print each classification's subjects, preferred first.
CREATE TABLE subject_table (
    classification text NOT NULL,   -- function, economic
    priority       int NOT NULL,
    table_id       text NOT NULL PRIMARY KEY
);
INSERT INTO subject_table (classification, priority, table_id) VALUES
    ('function', 1, 'expenditure'),
    ('function', 2, 'gpb_function'),
    ('economic', 1, 'gpb_basic_economic');

CREATE TABLE document_amount (
    department_id  bigint NOT NULL REFERENCES department (id),
    document_id    bigint NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    year           int NOT NULL,
    kind           text NOT NULL,
    target         text NOT NULL,   -- a measure (SANGONG_TOTAL) or a subject (function:201)
    column_id      text NOT NULL,   -- '' for a measure
    amount         numeric(20, 2) NOT NULL,
    figure_ordinal int NOT NULL,    -- the figure (department_id, document_id, ordinal) it is
    PRIMARY KEY (document_id, target, column_id)
);
-- Rankings read the top of one (target, column, kind, year); totals sum one (target, column,
-- kind) by year, from the index alone.
CREATE INDEX document_amount_rank ON document_amount (target, column_id, kind, year, amount DESC, document_id)
    INCLUDE (department_id, figure_ordinal);

-- budgetql_document_amounts writes the document_amount rows of a department-scope document (none
-- for other scopes). The store calls it in the document's transaction, after its figures.
CREATE FUNCTION budgetql_document_amounts(doc bigint) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO document_amount (department_id, document_id, year, kind, target, column_id, amount, figure_ordinal)
    SELECT DISTINCT ON (c.measure) f.department_id, f.document_id, f.year, f.kind, c.measure, '',
        f.amount, f.ordinal
    FROM document d
    JOIN figure f ON f.document_id = d.id
    JOIN measure_cell c ON c.table_id = f.table_id AND c.row_code = f.row_code AND c.column_id = f.column_id
    WHERE d.id = doc AND d.scope = 'department' AND f.amount IS NOT NULL
    ORDER BY c.measure, c.priority, f.ordinal;

    INSERT INTO document_amount (department_id, document_id, year, kind, target, column_id, amount, figure_ordinal)
    SELECT DISTINCT ON (s.classification, f.row_code, f.column_id) f.department_id, f.document_id,
        f.year, f.kind, s.classification || ':' || f.row_code, f.column_id, f.amount, f.ordinal
    FROM document d
    JOIN figure f ON f.document_id = d.id
    JOIN subject_table s ON s.table_id = f.table_id
    WHERE d.id = doc AND d.scope = 'department' AND f.amount IS NOT NULL
    ORDER BY s.classification, f.row_code, f.column_id, s.priority, f.ordinal;
$$;

-- Documents stored before this migration.
SELECT budgetql_document_amounts(id) FROM document WHERE scope = 'department' ORDER BY id;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'budgetql_reader') THEN
        GRANT SELECT ON measure_cell, subject_table, document_amount TO budgetql_reader;
    END IF;
END
$$;
