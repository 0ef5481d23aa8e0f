-- Fact tables are keyed by (department_id, document_id, ordinal); the API reads them by document
-- (one statement for every document of a response), so each gets an index on document_id.
CREATE INDEX unit_document ON unit (document_id);
CREATE INDEX project_document ON project (document_id);
CREATE INDEX procurement_item_document ON procurement_item (document_id);
CREATE INDEX target_document ON target (document_id);
CREATE INDEX narrative_figure_document ON narrative_figure (document_id);
CREATE INDEX staffing_document ON staffing (document_id);
CREATE INDEX check_result_document ON check_result (document_id);
CREATE INDEX repair_document ON repair (document_id);
CREATE INDEX document_issue_document ON document_issue (document_id);
