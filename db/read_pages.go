package db

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/lib/pq"

	"budgetql/loader/model"
)

// DocumentFile is the original file a document was read from.
type DocumentFile struct {
	MediaType string `db:"media_type"`
	Content   []byte `db:"content"`
	Pages     int    `db:"pages"`
}

// DocumentFile returns the original file of a document; ErrNotFound when the document is not
// visible or was stored without its file (before migration 0018).
func (r *Reader) DocumentFile(ctx context.Context, id int64) (DocumentFile, error) {
	var f DocumentFile
	err := r.getRow(ctx, &f, `SELECT f.media_type, f.content, d.pages FROM document_file f
		JOIN document d ON d.id = f.document_id WHERE f.document_id = $1`, id)
	if err != nil && !errors.Is(err, ErrNotFound) {
		err = fmt.Errorf("db.DocumentFile: %w", err)
	}
	if err != nil {
		return f, err
	}
	return f, nil
}

// PageBox is a rectangle on a page, in pixels of the page rendered at 300 dpi.
type PageBox struct {
	Left   int `db:"box_left"`
	Top    int `db:"box_top"`
	Width  int `db:"box_width"`
	Height int `db:"box_height"`
}

// BoxQuery names what to box on a page: the cells a check read, cells, and lines.
type BoxQuery struct {
	Check string          // a check id of the document
	Cells []model.CellRef // a Line of 0 matches the cell on any line
	Lines []int
}

// PageBoxes returns the boxes, on one page of a document, of the figures and lines q names.
func (r *Reader) PageBoxes(ctx context.Context, doc int64, page int, q BoxQuery) ([]PageBox, error) {
	cells := q.Cells
	if q.Check != "" {
		var raw []byte
		err := r.getRow(ctx, &raw, `SELECT cells FROM check_result WHERE document_id = $1 AND check_id = $2 LIMIT 1`, doc, q.Check)
		if err != nil && !errors.Is(err, ErrNotFound) {
			err = fmt.Errorf("db.PageBoxes: %w", err)
		}
		if err != nil {
			return nil, err
		}
		var more []model.CellRef
		if err := json.Unmarshal(raw, &more); err != nil {
			return nil, fmt.Errorf("db.PageBoxes: cells of %s: %w", q.Check, err)
		}
		cells = append(cells, more...)
	}
	if cells == nil {
		cells = []model.CellRef{}
	}
	b, _ := json.Marshal(cells)
	var out []PageBox
	err := r.selectRows(ctx, &out, `SELECT f.box_left, f.box_top, f.box_width, f.box_height FROM figure f
		JOIN jsonb_to_recordset($2::jsonb) AS c("table" text, "row" text, "column" text, line int)
		  ON f.table_id = c."table" AND f.row_code = c."row" AND f.column_id = c."column"
		 AND (coalesce(c.line, 0) = 0 OR f.line = c.line)
		WHERE f.document_id = $1 AND f.page = $3 AND f.box_left IS NOT NULL
		UNION ALL
		SELECT box_left, box_top, box_width, box_height FROM line_box
		WHERE document_id = $1 AND page = $3 AND line = ANY($4)`, doc, string(b), page, pq.Array(q.Lines))
	if err != nil {
		return nil, fmt.Errorf("db.PageBoxes: %w", err)
	}
	return out, nil
}
