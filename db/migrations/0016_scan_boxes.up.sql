-- Scanned documents (format scan): where each figure was read on its page, as a box in pixels of
-- the page rendered at 300 dpi, and the OCR's confidence in it (0–100; below 80 the figure is
-- marked uncertain). NULL for figures of text documents.
ALTER TABLE figure ADD COLUMN box_left int;
ALTER TABLE figure ADD COLUMN box_top int;
ALTER TABLE figure ADD COLUMN box_width int;
ALTER TABLE figure ADD COLUMN box_height int;
ALTER TABLE figure ADD COLUMN confidence real;
