-- Movers across departments read every department's subject totals of two years from
-- document_amount: this index finds a kind, year and classification's rows (target is
-- 'function:2010301') without reading the measures and other years.
CREATE INDEX document_amount_subject ON document_amount (kind, year, split_part(target, ':', 1), column_id)
    INCLUDE (department_id, document_id, target, amount, figure_ordinal);
