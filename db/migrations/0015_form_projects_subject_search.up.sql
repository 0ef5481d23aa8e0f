-- Where a project's amount came from (issue 12, point 13): 'project' for a row of the 项目支出表,
-- 'performance_form' for the 项目资金总额 of a 项目支出绩效目标表 (documents that print no project
-- table list their projects only on those forms).
ALTER TABLE project ADD COLUMN source_table text NOT NULL DEFAULT 'project';
ALTER TABLE project ALTER COLUMN source_table DROP DEFAULT;

-- Documents stored before, whose forms the loader of their time did not list as projects: each form
-- whose project the document does not list by name or code, with its 项目资金总额 (target.funds, 元),
-- after the listed projects. The source is the form's first target line: the line of 项目资金总额
-- was not stored; loading the document again gives it.
INSERT INTO project (department_id, document_id, ordinal, year, code, name, unit_name, category, amount,
    printed, unit, status, name_from, page, line, line_text, source_table)
SELECT f.department_id, f.document_id,
    coalesce((SELECT max(p.ordinal) FROM project p WHERE p.document_id = f.document_id), 0)
        + row_number() OVER (PARTITION BY f.document_id ORDER BY f.ordinal),
    f.year, f.project_code, f.project_name, '', '', f.yuan::numeric, f.funds, '元', 'reported', '',
    f.page, f.line, f.line_text, 'performance_form'
FROM (SELECT DISTINCT ON (t.document_id, t.project_name) t.*,
        replace(replace(replace(t.funds, ',', ''), '，', ''), ' ', '') AS yuan
    FROM target t WHERE t.project_name <> '' AND t.funds <> ''
    ORDER BY t.document_id, t.project_name, t.ordinal) f
WHERE f.yuan ~ '^-?[0-9]+(\.[0-9]+)?$'
  AND NOT EXISTS (SELECT 1 FROM project p WHERE p.document_id = f.document_id
      AND (p.name = f.project_name OR (f.project_code <> '' AND p.code = f.project_code)));

UPDATE target SET project_listed = false;
SELECT budgetql_mark_listed_projects(id) FROM document ORDER BY id;

-- Search finds subjects (科目) by name like projects (issue 12, point 8).
CREATE INDEX subject_name_bigrams ON subject USING gin (budgetql_bigrams(name));
