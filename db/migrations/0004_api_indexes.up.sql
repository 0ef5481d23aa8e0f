-- Lookups the API's dataloaders make: one narrative key of many documents, one row of a table of
-- many documents.
CREATE INDEX narrative_document_key ON narrative_figure (document_id, key);
CREATE INDEX figure_document_row ON figure (document_id, table_id, row_code);
