-- Core schema. Every fact table carries department_id so the schema can be distributed by
-- department (Citus: department is the distribution column; region is a reference table).

CREATE TABLE region (
    id   bigserial PRIMARY KEY,
    code text,                       -- administrative code when known (421303)
    name text NOT NULL UNIQUE        -- 曾都区, 上海市普陀区
);

CREATE TABLE department (
    id        bigserial PRIMARY KEY,
    name      text NOT NULL,          -- the newest printed name
    name_key  text NOT NULL UNIQUE,   -- normalised name used to match aliases across years
    region_id bigint REFERENCES region (id)
);

CREATE TABLE department_alias (
    department_id bigint NOT NULL REFERENCES department (id) ON DELETE CASCADE,
    alias         text NOT NULL,      -- a name as printed in some document
    alias_key     text NOT NULL,
    PRIMARY KEY (department_id, alias)
);
CREATE INDEX department_alias_key ON department_alias (alias_key);

-- One current document per department, year, kind and scope. Replaced documents move to
-- document_history.
CREATE TABLE document (
    id              bigserial PRIMARY KEY,
    department_id   bigint NOT NULL REFERENCES department (id),
    file_name       text NOT NULL,
    sha256          text NOT NULL UNIQUE,
    format          text NOT NULL,      -- ocr, layout, pdf
    parser_version  text NOT NULL,
    loaded_at       timestamptz NOT NULL DEFAULT now(),
    department_name text NOT NULL,      -- as printed
    year            int NOT NULL,
    kind            text NOT NULL,      -- budget, final
    scope           text NOT NULL,      -- department, unit
    pages           int NOT NULL DEFAULT 0,
    lines           int NOT NULL DEFAULT 0,
    replaced_id     bigint,             -- document_history.id of the document this one replaced
    UNIQUE (department_id, year, kind, scope)
);

CREATE TABLE document_history (
    id             bigserial PRIMARY KEY,
    department_id  bigint NOT NULL REFERENCES department (id),
    file_name      text NOT NULL,
    sha256         text NOT NULL,
    parser_version text NOT NULL,
    year           int NOT NULL,
    kind           text NOT NULL,
    scope          text NOT NULL,
    loaded_at      timestamptz NOT NULL,
    replaced_at    timestamptz NOT NULL DEFAULT now(),
    replaced_by    bigint REFERENCES document (id) ON DELETE SET NULL
);

CREATE TABLE unit (
    department_id bigint NOT NULL REFERENCES department (id),
    document_id   bigint NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    ordinal       int NOT NULL,
    code          text NOT NULL DEFAULT '',
    name          text NOT NULL,
    kind          text NOT NULL DEFAULT '',
    PRIMARY KEY (department_id, document_id, ordinal)
);

-- Subjects by classification and year, with the name as printed in that document.
CREATE TABLE subject (
    department_id  bigint NOT NULL REFERENCES department (id),
    document_id    bigint NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    classification text NOT NULL,      -- function, economic
    year           int NOT NULL,
    code           text NOT NULL,
    name           text NOT NULL,
    level          int NOT NULL,       -- 1 类, 2 款, 3 项
    parent_code    text,
    PRIMARY KEY (department_id, document_id, classification, code)
);
CREATE INDEX subject_code ON subject (classification, code, year);

-- Every printed amount: the flat form of `budgetql figures`.
CREATE TABLE figure (
    department_id bigint NOT NULL REFERENCES department (id),
    document_id   bigint NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    ordinal       int NOT NULL,        -- order in the document
    year          int NOT NULL,
    kind          text NOT NULL,
    table_id      text NOT NULL,
    row_code      text NOT NULL,
    row_name      text NOT NULL,
    level         int NOT NULL DEFAULT 0,
    column_id     text NOT NULL,
    amount        numeric(20, 2),      -- yuan; NULL when the cell was printed blank
    printed       text NOT NULL,
    unit          text NOT NULL,
    status        text NOT NULL,       -- reported, blank, repaired, derived
    note          text NOT NULL DEFAULT '',
    page          int NOT NULL,
    line          int NOT NULL,
    line_text     text NOT NULL,
    PRIMARY KEY (department_id, document_id, ordinal)
);
CREATE INDEX figure_lookup ON figure (table_id, row_code, column_id, year);
CREATE INDEX figure_document ON figure (document_id, table_id);

CREATE TABLE project (
    department_id bigint NOT NULL REFERENCES department (id),
    document_id   bigint NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    ordinal       int NOT NULL,
    year          int NOT NULL,
    code          text NOT NULL,       -- '' when the document printed none
    name          text NOT NULL,
    unit_name     text NOT NULL DEFAULT '',
    category      text NOT NULL DEFAULT '',
    amount        numeric(20, 2),
    printed       text NOT NULL,
    unit          text NOT NULL,
    status        text NOT NULL,
    name_from     text NOT NULL DEFAULT '',
    page          int NOT NULL,
    line          int NOT NULL,
    line_text     text NOT NULL,
    PRIMARY KEY (department_id, document_id, ordinal)
);
CREATE INDEX project_code ON project (code);

CREATE TABLE procurement_item (
    department_id    bigint NOT NULL REFERENCES department (id),
    document_id      bigint NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    ordinal          int NOT NULL,
    unit_code        text NOT NULL DEFAULT '',
    unit_name        text NOT NULL DEFAULT '',
    project          text NOT NULL,
    category         text NOT NULL,
    function_subject text NOT NULL DEFAULT '',
    economic_subject text NOT NULL DEFAULT '',
    quantity         text NOT NULL DEFAULT '',
    unit_price       numeric(20, 2),
    measure_unit     text NOT NULL DEFAULT '',
    total            numeric(20, 2),
    total_printed    text NOT NULL,
    sme              numeric(20, 2),
    micro            numeric(20, 2),
    page             int NOT NULL,
    line             int NOT NULL,
    line_text        text NOT NULL,
    PRIMARY KEY (department_id, document_id, ordinal)
);

CREATE TABLE target (
    department_id bigint NOT NULL REFERENCES department (id),
    document_id   bigint NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    ordinal       int NOT NULL,
    year          int NOT NULL,
    project_code  text NOT NULL DEFAULT '',   -- '' for department-wide targets
    project_name  text NOT NULL DEFAULT '',
    level1        text NOT NULL,
    level2        text NOT NULL,
    level3        text NOT NULL,
    operator      text NOT NULL,
    value         text NOT NULL,
    measure_unit  text NOT NULL DEFAULT '',
    funds         text NOT NULL DEFAULT '',
    page          int NOT NULL,
    line          int NOT NULL,
    line_text     text NOT NULL,
    PRIMARY KEY (department_id, document_id, ordinal)
);

CREATE TABLE narrative_figure (
    department_id   bigint NOT NULL REFERENCES department (id),
    document_id     bigint NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    ordinal         int NOT NULL,
    year            int NOT NULL,
    key             text NOT NULL,
    name            text NOT NULL,
    value           numeric(20, 2),
    value_printed   text NOT NULL,
    unit            text NOT NULL,
    stated_previous numeric(20, 2),
    previous_status text NOT NULL DEFAULT '',  -- reported or derived
    stated_change   numeric(20, 2),
    stated_percent  numeric(12, 4),
    direction       text NOT NULL DEFAULT '',
    basis           text NOT NULL DEFAULT '',
    budget          numeric(20, 2),            -- 决算: this year's 年初预算 as printed
    page            int NOT NULL,
    line            int NOT NULL,
    line_text       text NOT NULL,
    PRIMARY KEY (department_id, document_id, ordinal)
);
CREATE INDEX narrative_key ON narrative_figure (key, year);

CREATE TABLE staffing (
    department_id bigint NOT NULL REFERENCES department (id),
    document_id   bigint NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    ordinal       int NOT NULL,
    kind          text NOT NULL,
    count         int NOT NULL,
    page          int NOT NULL,
    line          int NOT NULL,
    line_text     text NOT NULL,
    PRIMARY KEY (department_id, document_id, ordinal)
);

CREATE TABLE check_result (
    department_id bigint NOT NULL REFERENCES department (id),
    document_id   bigint NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    ordinal       int NOT NULL,
    check_id      text NOT NULL,
    rule          text NOT NULL,
    table_id      text NOT NULL,
    result        text NOT NULL,       -- pass, rounding, repaired, failed, not_applicable
    expected      numeric(20, 2),
    actual        numeric(20, 2),
    detail        text NOT NULL DEFAULT '',
    lines         int[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (department_id, document_id, ordinal)
);

CREATE TABLE repair (
    department_id bigint NOT NULL REFERENCES department (id),
    document_id   bigint NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    ordinal       int NOT NULL,
    table_id      text NOT NULL,
    row_code      text NOT NULL,
    row_name      text NOT NULL,
    column_id     text NOT NULL,
    printed       text NOT NULL,
    value         numeric(20, 2) NOT NULL,
    rule          text NOT NULL,
    line          int NOT NULL,
    PRIMARY KEY (department_id, document_id, ordinal)
);

CREATE TABLE document_issue (
    department_id bigint NOT NULL REFERENCES department (id),
    document_id   bigint NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    ordinal       int NOT NULL,
    kind          text NOT NULL,
    detail        text NOT NULL,
    line          int NOT NULL DEFAULT 0,
    PRIMARY KEY (department_id, document_id, ordinal)
);
