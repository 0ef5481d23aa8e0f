package graph

import (
	"context"
	"net/http"
	"time"

	"budgetql/db"

	"github.com/vikstrous/dataloadgen"
)

// loaders are the per-request dataloaders: each batch function sends one statement for all the
// keys that resolvers asked for in the same tick, and returns results keyed like the keys.
type loaders struct {
	department  *dataloadgen.Loader[int64, *db.DepartmentRow]
	aliases     *dataloadgen.Loader[int64, []string]
	document    *dataloadgen.Loader[int64, *db.DocumentRow]
	documents   *dataloadgen.Loader[int64, []db.DocumentRow]
	figures     *dataloadgen.Loader[db.DocTable, []db.FigureRow]
	units       *dataloadgen.Loader[int64, []db.UnitRow]
	projects    *dataloadgen.Loader[int64, []db.ProjectRow]
	procurement *dataloadgen.Loader[int64, []db.ProcurementRow]
	targets     *dataloadgen.Loader[int64, []db.TargetRow]
	narrative   *dataloadgen.Loader[int64, []db.NarrativeRow]
	staffing    *dataloadgen.Loader[int64, []db.StaffRow]
	checks      *dataloadgen.Loader[int64, []db.CheckRow]
	repairs     *dataloadgen.Loader[int64, []db.RepairRow]
	issues      *dataloadgen.Loader[int64, []db.IssueRow]
}

type loadersKey struct{}

const loaderWait = 500 * time.Microsecond

func newLoaders(r *db.Reader) *loaders {
	w := dataloadgen.WithWait(loaderWait)
	return &loaders{
		department: dataloadgen.NewLoader(byID(r.DepartmentsByID, func(d db.DepartmentRow) int64 { return d.ID }), w),
		aliases: dataloadgen.NewLoader(grouped(r.AliasesByDepartment,
			func(a db.AliasRow) int64 { return a.DepartmentID }, func(a db.AliasRow) string { return a.Alias }), w),
		document:    dataloadgen.NewLoader(byID(r.DocumentsByID, func(d db.DocumentRow) int64 { return d.ID }), w),
		documents:   dataloadgen.NewLoader(groupedRows(r.DocumentsByDepartment, func(d db.DocumentRow) int64 { return d.DepartmentID }), w),
		figures:     dataloadgen.NewLoader(groupedRows(r.FiguresByDocTable, func(f db.FigureRow) db.DocTable { return db.DocTable{DocumentID: f.DocumentID, Table: f.TableID} }), w),
		units:       dataloadgen.NewLoader(groupedRows(r.UnitsByDocument, func(x db.UnitRow) int64 { return x.DocumentID }), w),
		projects:    dataloadgen.NewLoader(groupedRows(r.ProjectsByDocument, func(x db.ProjectRow) int64 { return x.DocumentID }), w),
		procurement: dataloadgen.NewLoader(groupedRows(r.ProcurementByDocument, func(x db.ProcurementRow) int64 { return x.DocumentID }), w),
		targets:     dataloadgen.NewLoader(groupedRows(r.TargetsByDocument, func(x db.TargetRow) int64 { return x.DocumentID }), w),
		narrative:   dataloadgen.NewLoader(groupedRows(r.NarrativeByDocument, func(x db.NarrativeRow) int64 { return x.DocumentID }), w),
		staffing:    dataloadgen.NewLoader(groupedRows(r.StaffingByDocument, func(x db.StaffRow) int64 { return x.DocumentID }), w),
		checks:      dataloadgen.NewLoader(groupedRows(r.ChecksByDocument, func(x db.CheckRow) int64 { return x.DocumentID }), w),
		repairs:     dataloadgen.NewLoader(groupedRows(r.RepairsByDocument, func(x db.RepairRow) int64 { return x.DocumentID }), w),
		issues:      dataloadgen.NewLoader(groupedRows(r.IssuesByDocument, func(x db.IssueRow) int64 { return x.DocumentID }), w),
	}
}

// withLoaders gives every request its own loaders, so nothing is cached across requests.
func withLoaders(r *db.Reader, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		ctx := context.WithValue(req.Context(), loadersKey{}, newLoaders(r))
		next.ServeHTTP(w, req.WithContext(ctx))
	})
}

func loadersFrom(ctx context.Context) *loaders {
	return ctx.Value(loadersKey{}).(*loaders)
}

// byID adapts a "rows by ids" query to a batch function; a missing id gives db.ErrNotFound.
func byID[K comparable, V any](fetch func(context.Context, []K) ([]V, error), key func(V) K) func(context.Context, []K) ([]*V, []error) {
	return func(ctx context.Context, keys []K) ([]*V, []error) {
		rows, err := fetch(ctx, keys)
		if err != nil {
			return make([]*V, len(keys)), fill(len(keys), err)
		}
		m := make(map[K]*V, len(rows))
		for i := range rows {
			m[key(rows[i])] = &rows[i]
		}
		out := make([]*V, len(keys))
		errs := make([]error, len(keys))
		for i, k := range keys {
			if out[i] = m[k]; out[i] == nil {
				errs[i] = db.ErrNotFound
			}
		}
		return out, errs
	}
}

// groupedRows adapts a query returning many rows per key to a batch function.
func groupedRows[K comparable, V any](fetch func(context.Context, []K) ([]V, error), key func(V) K) func(context.Context, []K) ([][]V, []error) {
	return grouped(fetch, key, func(v V) V { return v })
}

// grouped is groupedRows with a projection of each row.
func grouped[K comparable, V, T any](fetch func(context.Context, []K) ([]V, error), key func(V) K, proj func(V) T) func(context.Context, []K) ([][]T, []error) {
	return func(ctx context.Context, keys []K) ([][]T, []error) {
		rows, err := fetch(ctx, keys)
		if err != nil {
			return make([][]T, len(keys)), fill(len(keys), err)
		}
		m := make(map[K][]T, len(keys))
		for _, r := range rows {
			k := key(r)
			m[k] = append(m[k], proj(r))
		}
		out := make([][]T, len(keys))
		for i, k := range keys {
			out[i] = m[k]
		}
		return out, nil
	}
}

// fill gives every key of a failed batch the same error.
func fill(n int, err error) []error {
	errs := make([]error, n)
	for i := range errs {
		errs[i] = err
	}
	return errs
}
