-- Totals across departments read one cell of every document: this index answers them from the
-- index alone (index-only scan once the table is vacuumed).
CREATE INDEX figure_lookup_amount ON figure (table_id, row_code, column_id, year)
    INCLUDE (kind, document_id, department_id, amount);
