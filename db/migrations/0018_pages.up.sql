-- Showing findings on the page (issue 18, point 3): the original file of each document (its pages
-- are rendered from it) and where each line of a PDF is on its page, as a box in pixels of the
-- page rendered at 300 dpi (figures keep theirs in figure.box_*, migration 0016; confidence 100 for
-- a PDF's text layer).
CREATE TABLE document_file (
    document_id bigint PRIMARY KEY REFERENCES document (id) ON DELETE CASCADE,
    media_type  text NOT NULL,           -- application/pdf, text/plain
    content     bytea NOT NULL
);

CREATE TABLE line_box (
    document_id bigint NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    line        int NOT NULL,
    page        int NOT NULL,
    box_left    int NOT NULL,
    box_top     int NOT NULL,
    box_width   int NOT NULL,
    box_height  int NOT NULL,
    PRIMARY KEY (document_id, line)
);
