package graph

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"runtime"
	"time"

	"budgetql/db"
	"budgetql/graph/generated"
	"budgetql/graph/graphiql"
	"budgetql/graph/model"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/rs/cors"
	"github.com/shopspring/decimal"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Config holds the server's limits; zero fields take the defaults of DefaultConfig.
type Config struct {
	MaxBodyBytes   int64         // request body limit
	MaxDepth       int           // selection depth limit (introspection fields not counted)
	MaxComplexity  int           // gqlgen complexity limit; connections cost first × children
	APQCacheSize   int           // automatic persisted queries kept (LRU)
	RequestTimeout time.Duration // whole request deadline
	MaxConcurrent  int           // GraphQL requests executed at once; others wait their turn, in order
	AllowedOrigins []string      // CORS allow-list; empty allows no cross-origin request
	Logger         *slog.Logger
	Pages          http.Handler // every other path (the dashboard, web.Handler); nil: / redirects to GraphiQL
}

// DefaultGCPercent is the garbage-collector target `budgetql serve` sets unless GOGC is given.
// A request allocates up to a few megabytes that die with it; at the default of 100 a busy server
// spent about a third of its CPU collecting them (BENCHMARKS.md, "API").
const DefaultGCPercent = 400

// DefaultConfig is the configuration `budgetql serve` starts from.
func DefaultConfig() Config {
	return Config{MaxBodyBytes: 64 << 10, MaxDepth: 15, MaxComplexity: 20000, APQCacheSize: 1000,
		RequestTimeout: 15 * time.Second, Logger: slog.Default(), MaxConcurrent: 2 * runtime.GOMAXPROCS(0)}
}

func (c Config) withDefaults() Config {
	d := DefaultConfig()
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = d.MaxBodyBytes
	}
	if c.MaxDepth <= 0 {
		c.MaxDepth = d.MaxDepth
	}
	if c.MaxComplexity <= 0 {
		c.MaxComplexity = d.MaxComplexity
	}
	if c.APQCacheSize <= 0 {
		c.APQCacheSize = d.APQCacheSize
	}
	if c.RequestTimeout <= 0 {
		c.RequestTimeout = d.RequestTimeout
	}
	if c.Logger == nil {
		c.Logger = d.Logger
	}
	if c.MaxConcurrent <= 0 {
		c.MaxConcurrent = d.MaxConcurrent
	}
	return c
}

// NewHandler serves POST and GET /graphql, GraphiQL at /graphiql, GET /export/figures.csv, GET
// /documents/<id>/pages/<n>.png and /healthz over the reader, and cfg.Pages at every other path.
func NewHandler(r *db.Reader, cfg Config) http.Handler {
	cfg = cfg.withDefaults()
	mux := http.NewServeMux()
	mux.Handle("/graphql", limitBody(cfg.MaxBodyBytes, guardBody(withTimeout(cfg.RequestTimeout,
		admit(cfg.MaxConcurrent, withLoaders(r, newGraphQL(r, cfg)))))))
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, req *http.Request) {
		ctx, cancel := context.WithTimeout(req.Context(), 2*time.Second)
		defer cancel()
		if err := r.DB.PingContext(ctx); err != nil {
			http.Error(w, "database unreachable", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ok\n"))
	})
	mux.Handle("/export/figures.csv", admit(cfg.MaxConcurrent, exportFigures(r)))
	mux.Handle("/documents/{id}/pages/{page}", admit(cfg.MaxConcurrent, pageImages(r)))
	explorer := graphiql.Handler("/graphiql", "/graphql")
	mux.Handle("/graphiql", explorer)
	mux.Handle("/graphiql/", explorer)
	if cfg.Pages != nil {
		mux.Handle("/", cfg.Pages)
	} else {
		mux.Handle("/{$}", http.RedirectHandler("/graphiql", http.StatusFound))
	}
	return withCORS(cfg.AllowedOrigins, mux)
}

// withCORS lets pages of the allowed origins call the API from a browser. With none allowed it
// adds no CORS header at all, so browsers keep other sites' pages to same-origin (rs/cors
// would read an empty list as "every origin").
func withCORS(origins []string, next http.Handler) http.Handler {
	if len(origins) == 0 {
		return next
	}
	return cors.New(cors.Options{AllowedOrigins: origins,
		AllowedMethods: []string{http.MethodGet, http.MethodPost},
		AllowedHeaders: []string{"Content-Type", VersionHeader}, MaxAge: 600}).Handler(next)
}

func newGraphQL(r *db.Reader, cfg Config) *handler.Server {
	c := generated.Config{Resolvers: &Resolver{Reader: r}}
	setComplexity(&c.Complexity)
	srv := handler.New(generated.NewExecutableSchema(c))
	srv.AddTransport(httpTransport{clientLog: newClientLog(cfg.Logger), begin: beginSnapshot(r), end: endSnapshot})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.Use(extension.Introspection{})
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](cfg.APQCacheSize)})
	srv.Use(extension.FixedComplexityLimit(cfg.MaxComplexity))
	srv.Use(depthLimit{max: cfg.MaxDepth})
	srv.Use(operationLimit{})
	srv.Use(argumentLimit{})
	srv.SetErrorPresenter(presentError(cfg.Logger))
	srv.SetRecoverFunc(func(ctx context.Context, err any) error {
		cfg.Logger.Error("graphql panic", "panic", err)
		return gqlerror.Errorf("internal error")
	})
	return srv
}

// setComplexity makes connections and rankings cost their page size times their children.
func setComplexity(c *generated.ComplexityRoot) {
	n := func(first *int, def int) int {
		if first == nil {
			return def
		}
		return max(*first, 1)
	}
	c.Query.Figures = func(child int, _ *model.FigureFilter, first *int, _ *string) int { return child * n(first, MaxPage) }
	c.Document.Figures = func(child int, _ *model.TableID, first *int, _ *string) int { return child * n(first, MaxPage) }
	c.Query.Departments = func(child int, first *int, _ *string, _ *string) int { return child * n(first, 20) }
	c.Query.Search = func(child int, _ string, first *int, _ *string) int { return child * n(first, 20) }
	c.Query.Ranking = func(child int, _ *model.Measure, _ *model.SubjectRef, _ *model.Column, _ int, _ *model.Kind, first *int) int {
		return child * n(first, 20)
	}
	c.Query.Movers = func(child int, _ int, _ *model.MoverEntity, _ *model.Classification, _ *int, _ *model.Measure,
		_ *model.SubjectRef, _ *string, _ *string, _ *model.MoverOrder, _ *model.MoverDirection, _ *decimal.Decimal,
		_ *model.Kind, first *int) int {
		return child * n(first, 20)
	}
}

// limitBody refuses bodies over max bytes with 413 and a GraphQL error.
func limitBody(max int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > max {
			writeError(w, http.StatusRequestEntityTooLarge, "REQUEST_TOO_LARGE", "request body exceeds the limit")
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, max)
		next.ServeHTTP(w, r)
	})
}

func withTimeout(d time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"errors": []any{map[string]any{
		"message": msg, "extensions": map[string]any{"code": code}}}})
}

// depthLimit refuses operations nested deeper than max fields.
type depthLimit struct{ max int }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = depthLimit{}

func (depthLimit) ExtensionName() string                          { return "DepthLimit" }
func (depthLimit) Validate(schema graphql.ExecutableSchema) error { return nil }

func (d depthLimit) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if depth := selectionDepth(oc.Operation.SelectionSet, 0); depth > d.max {
		err := gqlerror.Errorf("query depth %d exceeds the limit of %d", depth, d.max)
		err.Extensions = map[string]any{"code": CodeDepth}
		return err
	}
	return nil
}

// selectionDepth is the deepest chain of fields in set; introspection (__schema, __type) is
// not counted, so GraphiQL can load the schema.
func selectionDepth(set ast.SelectionSet, guard int) int {
	if guard > 64 {
		return guard
	}
	deepest := 0
	for _, s := range set {
		d := 0
		switch x := s.(type) {
		case *ast.Field:
			if x.Name == "__schema" || x.Name == "__type" {
				continue
			}
			d = 1 + selectionDepth(x.SelectionSet, guard+1)
		case *ast.InlineFragment:
			d = selectionDepth(x.SelectionSet, guard+1)
		case *ast.FragmentSpread:
			if x.Definition != nil {
				d = selectionDepth(x.Definition.SelectionSet, guard+1)
			}
		}
		deepest = max(deepest, d)
	}
	return deepest
}
