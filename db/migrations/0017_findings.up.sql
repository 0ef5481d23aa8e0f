-- Findings a journalist can act on (issue 18): each failed or repaired check and each issue has a
-- severity (critical 严重, high 高, medium 中, low 低, info 提示; '' for a check that holds), a message
-- in Chinese and in English, and a suggestion where the rules determine one; a check keeps the
-- cells it read, to be boxed on the page.
ALTER TABLE check_result
    ADD COLUMN severity text NOT NULL DEFAULT '',
    ADD COLUMN message text NOT NULL DEFAULT '',
    ADD COLUMN message_en text NOT NULL DEFAULT '',
    ADD COLUMN suggestion text NOT NULL DEFAULT '',
    ADD COLUMN suggestion_en text NOT NULL DEFAULT '',
    ADD COLUMN cells jsonb NOT NULL DEFAULT '[]';
ALTER TABLE document_issue
    ADD COLUMN severity text NOT NULL DEFAULT '',
    ADD COLUMN message text NOT NULL DEFAULT '',
    ADD COLUMN message_en text NOT NULL DEFAULT '',
    ADD COLUMN suggestion text NOT NULL DEFAULT '',
    ADD COLUMN suggestion_en text NOT NULL DEFAULT '';

-- Documents stored before: the severity their kind gives and the English they had; the Chinese
-- messages and the suggestions come with loading the document again.
UPDATE check_result SET
    severity = CASE
        WHEN result = 'repaired' THEN 'info'
        WHEN check_id LIKE 'cross:sangong\_%' AND expected > actual THEN 'low'
        WHEN check_id ~ '^(summary|appropriation):(balance|income_total|expenditure_total|fund_balance)' THEN 'critical'
        ELSE 'high' END,
    message_en = rule || ': ' || detail
WHERE result IN ('failed', 'repaired');
UPDATE document_issue SET
    severity = CASE kind
        WHEN 'lost_row' THEN 'high' WHEN 'narrative_mismatch' THEN 'high'
        WHEN 'lost_name' THEN 'medium' WHEN 'duplicate_table' THEN 'medium' WHEN 'year_mismatch' THEN 'medium'
        WHEN 'code_unresolved' THEN 'low'
        ELSE 'info' END,
    message_en = detail;
