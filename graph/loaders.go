package graph

import (
	"context"
	"net/http"
	"strings"
	"sync"

	"budgetql/db"

	"github.com/vikstrous/dataloadgen"
)

// loaders are the per-request dataloaders: each batch function sends one statement for all the
// keys that resolvers asked for in the same tick, and returns results keyed like the keys.
type loaders struct {
	reg         *registry
	rules       *amountRules
	amounts     *dataloadgen.Loader[db.DocAmount, []db.AmountRow]
	subjects    *dataloadgen.Loader[db.DocClass, []db.AmountRow]
	memo        memo
	department  *dataloadgen.Loader[int64, *db.DepartmentRow]
	aliases     *dataloadgen.Loader[int64, []string]
	document    *dataloadgen.Loader[int64, *db.DocumentRow]
	documents   *dataloadgen.Loader[int64, []db.DocumentRow]
	figures     *dataloadgen.Loader[db.DocTable, []db.FigureRow]
	figureRows  *dataloadgen.Loader[db.DocRow, []db.FigureRow]
	narrKey     *dataloadgen.Loader[db.DocKey, []db.NarrativeRow]
	units       *dataloadgen.Loader[int64, []db.UnitRow]
	projects    *dataloadgen.Loader[int64, []db.ProjectRow]
	procurement *dataloadgen.Loader[int64, []db.ProcurementRow]
	targets     *dataloadgen.Loader[int64, []db.TargetRow]
	narrative   *dataloadgen.Loader[int64, []db.NarrativeRow]
	staffing    *dataloadgen.Loader[int64, []db.StaffRow]
	checks      *dataloadgen.Loader[db.DocResult, []db.CheckRow]
	repairs     *dataloadgen.Loader[int64, []db.RepairRow]
	issues      *dataloadgen.Loader[int64, []db.IssueRow]
}

type loadersKey struct{}

// loaderWait is how long a loader collects keys before it fetches: none, the fetch waits for the
// request's resolvers to block instead (registry.settle).
const loaderWait = 0

func newLoaders(r *db.Reader, rules *amountRules) *loaders {
	g := newRegistry()
	w := dataloadgen.WithWait(loaderWait)
	docs := func([]int64) []int64 { return g.docList() }
	depts := func([]int64) []int64 { return g.deptList() }
	regDocs := func(ds []db.DocumentRow) {
		for _, d := range ds {
			g.add(d.ID, d.DepartmentID)
		}
	}
	return &loaders{
		reg:   g,
		rules: rules,
		amounts: dataloadgen.NewLoader(newCover(g.settle, groupedRows(r.AmountsByKey,
			func(a db.AmountRow) db.DocAmount {
				return db.DocAmount{DocumentID: a.DocumentID, Target: a.Target, Column: a.AmountColumn}
			}),
			func(keys []db.DocAmount) []db.DocAmount { return widenAmounts(keys, g) }, none[db.DocAmount, []db.AmountRow]).load, w),
		subjects: dataloadgen.NewLoader(newCover(g.settle, groupedRows(r.AmountsByClass,
			func(a db.AmountRow) db.DocClass {
				class, _, _ := strings.Cut(a.Target, ":")
				return db.DocClass{DocumentID: a.DocumentID, Classification: class}
			}),
			func(keys []db.DocClass) []db.DocClass {
				return widenDocs(keys, g.docList(), func(k db.DocClass) string { return k.Classification },
					func(d int64, c string) db.DocClass { return db.DocClass{DocumentID: d, Classification: c} })
			}, none[db.DocClass, []db.AmountRow]).load, w),
		department: dataloadgen.NewLoader(newCover(g.settle, byID(r.DepartmentsByID, func(d db.DepartmentRow) int64 { return d.ID }, nil),
			depts, notFound[int64, *db.DepartmentRow]).load, w),
		aliases: dataloadgen.NewLoader(newCover(g.settle, grouped(r.AliasesByDepartment,
			func(a db.AliasRow) int64 { return a.DepartmentID }, func(a db.AliasRow) string { return a.Alias }), depts, none[int64, []string]).load, w),
		document: dataloadgen.NewLoader(newCover(g.settle, byID(r.DocumentsByID, func(d db.DocumentRow) int64 { return d.ID }, regDocs),
			docs, notFound[int64, *db.DocumentRow]).load, w),
		documents: dataloadgen.NewLoader(newCover(g.settle, groupedRows(func(ctx context.Context, ids []int64) ([]db.DocumentRow, error) {
			rows, err := r.DocumentsByDepartment(ctx, ids)
			regDocs(rows)
			return rows, err
		}, func(d db.DocumentRow) int64 { return d.DepartmentID }), depts, none[int64, []db.DocumentRow]).load, w),
		figures: dataloadgen.NewLoader(newCover(g.settle, groupedRows(r.FiguresByDocTable,
			func(f db.FigureRow) db.DocTable { return db.DocTable{DocumentID: f.DocumentID, Table: f.TableID} }),
			func(keys []db.DocTable) []db.DocTable {
				return widenDocs(keys, g.docList(), func(k db.DocTable) string { return k.Table },
					func(d int64, t string) db.DocTable { return db.DocTable{DocumentID: d, Table: t} })
			}, none[db.DocTable, []db.FigureRow]).load, w),
		figureRows: dataloadgen.NewLoader(newCover(g.settle, groupedRows(r.FiguresByDocRow,
			func(f db.FigureRow) db.DocRow {
				return db.DocRow{DocumentID: f.DocumentID, Table: f.TableID, Row: f.RowCode}
			}),
			func(keys []db.DocRow) []db.DocRow { return widenRows(keys, g) }, none[db.DocRow, []db.FigureRow]).load, w),
		narrKey: dataloadgen.NewLoader(newCover(g.settle, groupedRows(r.NarrativeByDocKey,
			func(n db.NarrativeRow) db.DocKey { return db.DocKey{DocumentID: n.DocumentID, Key: n.Key} }),
			func(keys []db.DocKey) []db.DocKey { return widenKeys(keys, g) }, none[db.DocKey, []db.NarrativeRow]).load, w),
		units:       perDoc(g, r.UnitsByDocument, func(x db.UnitRow) int64 { return x.DocumentID }, docs, w),
		projects:    perDoc(g, r.ProjectsByDocument, func(x db.ProjectRow) int64 { return x.DocumentID }, docs, w),
		procurement: perDoc(g, r.ProcurementByDocument, func(x db.ProcurementRow) int64 { return x.DocumentID }, docs, w),
		targets:     perDoc(g, r.TargetsByDocument, func(x db.TargetRow) int64 { return x.DocumentID }, docs, w),
		narrative:   perDoc(g, r.NarrativeByDocument, func(x db.NarrativeRow) int64 { return x.DocumentID }, docs, w),
		staffing:    perDoc(g, r.StaffingByDocument, func(x db.StaffRow) int64 { return x.DocumentID }, docs, w),
		checks: dataloadgen.NewLoader(newCover(g.settle, groupedRows(r.ChecksByDocResult,
			func(c db.CheckRow) db.DocResult { return db.DocResult{DocumentID: c.DocumentID, Result: c.KeyResult} }),
			func(keys []db.DocResult) []db.DocResult {
				for _, r := range g.wantedCheckResults() {
					keys = append(keys, db.DocResult{Result: r})
				}
				return widenDocs(keys, g.docList(), func(k db.DocResult) string { return k.Result },
					func(d int64, r string) db.DocResult { return db.DocResult{DocumentID: d, Result: r} })
			}, none[db.DocResult, []db.CheckRow]).load, w),
		repairs: perDoc(g, r.RepairsByDocument, func(x db.RepairRow) int64 { return x.DocumentID }, docs, w),
		issues:  perDoc(g, r.IssuesByDocument, func(x db.IssueRow) int64 { return x.DocumentID }, docs, w),
	}
}

// perDoc is a loader of a document's rows, widened to every registered document.
func perDoc[V any](g *registry, fetch func(context.Context, []int64) ([]V, error), key func(V) int64, docs func([]int64) []int64, w dataloadgen.Option) *dataloadgen.Loader[int64, []V] {
	return dataloadgen.NewLoader(newCover(g.settle, groupedRows(fetch, key), docs, none[int64, []V]).load, w)
}

// widenDocs asks for each distinct part of the keys (a table, a check result) of every
// registered document.
func widenDocs[K comparable](keys []K, docs []int64, part func(K) string, key func(doc int64, part string) K) []K {
	parts := map[string]bool{}
	for _, k := range keys {
		parts[part(k)] = true
	}
	var out []K
	for p := range parts {
		for _, d := range docs {
			out = append(out, key(d, p))
		}
	}
	return out
}

// widenRows asks for the keys' rows and the registered rows of every registered document.
func widenRows(keys []db.DocRow, g *registry) []db.DocRow {
	docs := g.docList()
	cells := g.wantedCells()
	rows := map[db.DocRow]bool{}
	for _, k := range keys {
		rows[db.DocRow{Table: k.Table, Row: k.Row}] = true
	}
	for _, c := range cells {
		rows[db.DocRow{Table: c[0], Row: c[1]}] = true
	}
	var out []db.DocRow
	for r := range rows {
		for _, d := range docs {
			out = append(out, db.DocRow{DocumentID: d, Table: r.Table, Row: r.Row})
		}
	}
	return out
}

// widenAmounts asks for the keys' and the registered resolved amounts of every registered document.
func widenAmounts(keys []db.DocAmount, g *registry) []db.DocAmount {
	wanted := map[[2]string]bool{}
	docs := map[int64]bool{}
	for _, k := range keys {
		wanted[[2]string{k.Target, k.Column}] = true
		docs[k.DocumentID] = true
	}
	for _, a := range g.wantedAmounts() {
		wanted[a] = true
	}
	for _, d := range g.docList() {
		docs[d] = true
	}
	out := make([]db.DocAmount, 0, len(wanted)*len(docs))
	for a := range wanted {
		for d := range docs {
			out = append(out, db.DocAmount{DocumentID: d, Target: a[0], Column: a[1]})
		}
	}
	return out
}

// widenKeys asks for the keys' and the registered narrative keys of every registered document.
func widenKeys(keys []db.DocKey, g *registry) []db.DocKey {
	docs := g.docList()
	wanted := g.wantedKeys()
	ks := map[string]bool{}
	for _, k := range keys {
		ks[k.Key] = true
	}
	for _, k := range wanted {
		ks[k] = true
	}
	var out []db.DocKey
	for k := range ks {
		for _, d := range docs {
			out = append(out, db.DocKey{DocumentID: d, Key: k})
		}
	}
	return out
}

// memo runs a computation once per request and key; callers with the same key share its result.
type memo struct {
	mu    sync.Mutex
	calls map[string]*memoCall
}

type memoCall struct {
	done chan struct{}
	v    any
	err  error
}

// memoized returns f's result, computed once per request for key (e.g. the same department named
// by two fields, or the same amounts read by two aliases of one query).
func memoized[V any](ctx context.Context, key string, f func() (V, error)) (V, error) {
	m := &loadersFrom(ctx).memo
	m.mu.Lock()
	if m.calls == nil {
		m.calls = map[string]*memoCall{}
	}
	c, ok := m.calls[key]
	if !ok {
		c = &memoCall{done: make(chan struct{})}
		m.calls[key] = c
	}
	m.mu.Unlock()
	if !ok {
		c.v, c.err = f()
		close(c.done)
	}
	<-c.done
	v, _ := c.v.(V)
	return v, c.err
}

func notFound[K comparable, V any](K) (V, error) {
	var zero V
	return zero, db.ErrNotFound
}

func none[K comparable, V any](K) (V, error) {
	var zero V
	return zero, nil
}

// register records a document and department of the response, so batches include them.
func register(ctx context.Context, doc, dept int64) {
	loadersFrom(ctx).reg.add(doc, dept)
}

// prime registers a department and a document of the response (either may be nil) and hands
// their rows, read with the response's own rows, to the loaders, so resolvers asking for them
// send no statement.
func prime(ctx context.Context, dept *db.DepartmentRow, doc *db.DocumentRow) {
	l := loadersFrom(ctx)
	if dept != nil {
		l.reg.add(0, dept.ID)
		l.department.Prime(dept.ID, dept)
	}
	if doc != nil {
		l.reg.add(doc.ID, doc.DepartmentID)
		l.document.Prime(doc.ID, doc)
	}
}

// withLoaders gives every request its own loaders, so nothing is cached across requests.
func withLoaders(r *db.Reader, next http.Handler) http.Handler {
	rules := newAmountRules(r.AmountRules())
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		inFlight.Add(1)
		defer inFlight.Add(-1)
		ctx := context.WithValue(req.Context(), loadersKey{}, newLoaders(r, rules))
		next.ServeHTTP(w, req.WithContext(ctx))
	})
}

func loadersFrom(ctx context.Context) *loaders {
	return ctx.Value(loadersKey{}).(*loaders)
}

// byID adapts a "rows by ids" query to a keyed fetch; seen, when set, gets every row.
func byID[K comparable, V any](fetch func(context.Context, []K) ([]V, error), key func(V) K, seen func([]V)) func(context.Context, []K) (map[K]*V, error) {
	return func(ctx context.Context, keys []K) (map[K]*V, error) {
		rows, err := fetch(ctx, keys)
		if err != nil {
			return nil, err
		}
		if seen != nil {
			seen(rows)
		}
		m := make(map[K]*V, len(rows))
		for i := range rows {
			m[key(rows[i])] = &rows[i]
		}
		return m, nil
	}
}

// groupedRows adapts a query returning many rows per key to a keyed fetch.
func groupedRows[K comparable, V any](fetch func(context.Context, []K) ([]V, error), key func(V) K) func(context.Context, []K) (map[K][]V, error) {
	return grouped(fetch, key, func(v V) V { return v })
}

// grouped is groupedRows with a projection of each row.
func grouped[K comparable, V, T any](fetch func(context.Context, []K) ([]V, error), key func(V) K, proj func(V) T) func(context.Context, []K) (map[K][]T, error) {
	return func(ctx context.Context, keys []K) (map[K][]T, error) {
		rows, err := fetch(ctx, keys)
		if err != nil {
			return nil, err
		}
		m := make(map[K][]T, len(keys))
		for _, r := range rows {
			k := key(r)
			m[k] = append(m[k], proj(r))
		}
		return m, nil
	}
}
