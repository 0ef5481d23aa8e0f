package graph

import (
	"context"
	"encoding/json"
	"errors"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"budgetql/db"
	"budgetql/loader/model"
)

// exportBatch is how many figures one statement of an export reads (a variable for tests).
var exportBatch = 5000

// exportTimeout bounds one export; each of its statements has the reader's own timeout.
const exportTimeout = 5 * time.Minute

// exportFigures serves GET /export/figures.csv: the flat figures of the database as `budgetql
// figures` prints them (UTF-8 with BOM, model.FigureHeader, exact decimals), filtered by
// department (name or alias), year, kind (budget, final) and table, streamed batch by batch.
func exportFigures(r *db.Reader) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.Method != http.MethodGet && req.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "use GET", http.StatusMethodNotAllowed)
			return
		}
		ctx, cancel := context.WithTimeout(req.Context(), exportTimeout)
		defer cancel()
		f, err := exportFilter(ctx, r, req)
		if err != nil {
			writeExportError(w, err)
			return
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="figures.csv"`)
		if req.Method == http.MethodHead {
			return
		}
		if err := streamFigures(ctx, r, f, w); err != nil {
			// The header is sent: the client sees a truncated file and the connection closed.
			panic(http.ErrAbortHandler)
		}
	})
}

// streamFigures writes the header and every figure the filter selects, one batch at a time.
func streamFigures(ctx context.Context, r *db.Reader, f db.FigurePageFilter, w http.ResponseWriter) error {
	if err := model.WriteFiguresCSV(w, nil, true); err != nil {
		return err
	}
	var doc int64
	ord := 0
	for {
		rows, err := r.FigureBatch(ctx, f, doc, ord, exportBatch)
		if err != nil {
			return err
		}
		figs := make([]model.Figure, len(rows))
		for i, x := range rows {
			figs[i] = model.Figure{File: x.FileName, Department: x.DepartmentName, Year: x.Year,
				Kind: model.Kind(x.Kind), Table: model.TableID(x.TableID), RowCode: x.RowCode, RowName: x.RowName,
				Column: x.ColumnID, Yuan: x.Amount.Decimal, Blank: !x.Amount.Valid, Printed: x.Printed,
				Unit: model.Unit(x.Unit), Status: model.Status(x.Status), Page: x.Page, Line: x.Line}
		}
		if err := model.WriteFiguresCSV(w, figs, false); err != nil {
			return err
		}
		if len(rows) < exportBatch {
			return nil
		}
		doc, ord = rows[len(rows)-1].DocumentID, rows[len(rows)-1].Ordinal
		if fl, ok := w.(http.Flusher); ok {
			fl.Flush()
		}
	}
}

// exportFilter reads the query parameters department, year, kind and table.
func exportFilter(ctx context.Context, r *db.Reader, req *http.Request) (db.FigurePageFilter, error) {
	q := req.URL.Query()
	var f db.FigurePageFilter
	for key := range q {
		switch key {
		case "department", "year", "kind", "table":
		default:
			return f, userErrorf("unknown parameter %q: use department, year, kind and table", key)
		}
	}
	if name := userText(q.Get("department")); name != "" {
		d, err := r.DepartmentByName(ctx, name)
		if errors.Is(err, db.ErrNotFound) {
			return f, departmentNotFound(ctx, r, name)
		}
		if err != nil {
			return f, err
		}
		f.Department = d.ID
	}
	if y := q.Get("year"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil {
			return f, userErrorf("year must be a number such as 2024, not %q", y)
		}
		f.Year = n
	}
	switch k := strings.ToLower(q.Get("kind")); k {
	case "", "budget", "final":
		f.Kind = k
	default:
		return f, userErrorf("kind must be budget (预算) or final (决算), not %q", q.Get("kind"))
	}
	if t := strings.ToLower(q.Get("table")); t != "" {
		if !tableIDs[t] {
			return f, userErrorf("unknown table %q: use one of %s", t, strings.Join(sortedKeys(tableIDs), ", "))
		}
		f.Table = t
	}
	return f, nil
}

// tableIDs are the tables figures come from (the TableId enum, as the CSV names them).
var tableIDs = func() map[string]bool {
	out := map[string]bool{}
	for _, t := range []model.TableID{model.TableSummary, model.TableIncome, model.TableExpenditure,
		model.TableAppropriation, model.TableGPBFunction, model.TableGPBEconomic, model.TableSangong,
		model.TableGovFund, model.TableStateCapital, model.TableProject, model.TableProcurement, model.TableNarrative} {
		out[string(t)] = true
	}
	return out
}()

// writeExportError answers a refused export with the API's error shape and status.
func writeExportError(w http.ResponseWriter, err error) {
	code := errorCode(err)
	status := map[string]int{CodeBadInput: http.StatusBadRequest, CodeNotFound: http.StatusNotFound,
		CodeTimeout: http.StatusGatewayTimeout, CodeUnavailable: http.StatusServiceUnavailable}[code]
	if status == 0 {
		status = http.StatusInternalServerError
	}
	msg, ext := publicMessage(err, code), map[string]any{}
	var ue *userError
	var nf *notFoundError
	switch {
	case errors.As(err, &nf):
		msg, ext = nf.msg, maps.Clone(nf.ext)
	case errors.As(err, &ue):
		msg = ue.msg
	}
	ext["code"] = code
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"errors": []any{map[string]any{"message": msg, "extensions": ext}}})
}

func sortedKeys(m map[string]bool) []string {
	return slices.Sorted(maps.Keys(m))
}
