-- The API finds a department by its name or a printed alias on most requests
-- (department(name:), document(department:, year:)): index both, instead of scanning.
CREATE INDEX department_name ON department (name);
CREATE INDEX department_alias_alias ON department_alias (alias);
