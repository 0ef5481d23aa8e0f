-- Dataset versions. Every committed change of the data (a document loaded, or replacing the one
-- that held its slot) is a new dataset version, numbered 1, 2, 3 … without gaps and in commit
-- order (the store numbers it under a lock held until COMMIT), so max(version) is what a
-- snapshot, or a streaming replica, has replayed. Nothing is deleted any more: a replaced
-- document stays with its facts, marked as superseded by the version that replaced it, and a
-- read at version V sees the documents with version_from <= V < version_to.
CREATE TABLE dataset_version (
    version          bigint PRIMARY KEY,
    created_at       timestamptz NOT NULL DEFAULT now(),
    action           text NOT NULL,          -- baseline, loaded, replaced
    document_id      bigint REFERENCES document (id),
    superseded_id    bigint REFERENCES document (id),
    file_name        text NOT NULL DEFAULT '',
    department_name  text NOT NULL DEFAULT '',
    year             int,
    kind             text,
    scope            text,
    figures_added    int NOT NULL DEFAULT 0,
    figures_removed  int NOT NULL DEFAULT 0,
    figures_changed  int NOT NULL DEFAULT 0,
    failed_checks    int NOT NULL DEFAULT 0,
    previous_failed  int,                    -- failed checks of the superseded document
    forced           boolean NOT NULL DEFAULT false  -- replaced with worse checks (--replace)
);

ALTER TABLE document ADD COLUMN version_from bigint;  -- NULL only inside the loading transaction
ALTER TABLE document ADD COLUMN version_to bigint;    -- NULL while current
ALTER TABLE document ADD COLUMN supersedes bigint REFERENCES document (id);
ALTER TABLE department ADD COLUMN version_from bigint;
ALTER TABLE department_alias ADD COLUMN version_from bigint;

-- Documents stored before versions are version 1.
INSERT INTO dataset_version (version, action, file_name)
SELECT 1, 'baseline', count(*) || ' documents stored before dataset versions'
FROM document HAVING count(*) > 0;
UPDATE document SET version_from = 1;
UPDATE department SET version_from = 1;
UPDATE department_alias SET version_from = 1;

-- One current document per slot and per file; superseded ones are kept beside it.
ALTER TABLE document DROP CONSTRAINT document_department_id_year_kind_scope_key;
ALTER TABLE document DROP CONSTRAINT document_sha256_key;
CREATE UNIQUE INDEX document_current_slot ON document (department_id, year, kind, scope) WHERE version_to IS NULL;
CREATE UNIQUE INDEX document_current_sha256 ON document (sha256) WHERE version_to IS NULL;
CREATE INDEX document_sha256 ON document (sha256);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'budgetql_reader') THEN
        GRANT SELECT ON dataset_version TO budgetql_reader;
    END IF;
END
$$;
