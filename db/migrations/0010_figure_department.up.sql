-- Movers of one department read its subject totals of two years: without this index the planner
-- may pick the (kind, year, table) index and filter every department's rows of those years.
CREATE INDEX figure_department_table ON figure (department_id, table_id, column_id, year);
