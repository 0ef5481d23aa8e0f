-- Search lists a performance form's project name as a project of its own only when the
-- document has no project of that name or code: otherwise the project's own hit stands for it.
-- The store marks the targets whose project is listed (budgetql_mark_listed_projects, in the
-- document's transaction), so search reads the others from a partial bigram index instead of
-- rechecking every form of every listed project.
ALTER TABLE target ADD COLUMN project_listed boolean NOT NULL DEFAULT false;

CREATE FUNCTION budgetql_mark_listed_projects(doc bigint) RETURNS void
LANGUAGE sql AS $$
    UPDATE target t SET project_listed = true
    WHERE t.document_id = doc AND EXISTS (SELECT 1 FROM project p WHERE p.document_id = doc
        AND (p.name = t.project_name OR (t.project_code <> '' AND p.code = t.project_code)))
$$;

SELECT budgetql_mark_listed_projects(id) FROM document ORDER BY id;

DROP INDEX target_project_bigrams;
CREATE INDEX target_form_project_bigrams ON target USING gin (budgetql_bigrams(project_name))
    WHERE NOT project_listed;
