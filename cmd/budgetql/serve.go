package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"time"

	"budgetql/db"
	"budgetql/graph"
	"budgetql/web"
)

// serveCmd serves the GraphQL API.
type serveCmd struct {
	Addr             string        `help:"Listen address (default :8080, or BUDGETQL_ADDR)."`
	CORSOrigin       []string      `name:"cors-origin" sep:"," help:"Origins allowed to call the API from a browser (comma-separated; * for any)."`
	StatementTimeout time.Duration `default:"5s" help:"Postgres statement_timeout of every API query."`
	RequestTimeout   time.Duration `default:"15s" help:"Deadline of a whole request."`
	MaxBody          int64         `default:"65536" help:"Largest request body in bytes."`
	MaxDepth         int           `default:"15" help:"Deepest selection a query may nest."`
	MaxComplexity    int           `default:"20000" help:"Largest query complexity (connections count first × fields)."`
	ReaderRole       string        `default:"budgetql_reader" help:"Read-only role every API connection switches to (empty: keep the login role)."`
	MaxConcurrent    int           `name:"max-concurrent" help:"GraphQL requests executed at once; others wait their turn (default 2 × CPUs)."`
	GCPercent        int           `name:"gc-percent" help:"Go garbage-collector target percent (default 400; GOGC, when set, wins)."`
	WebDir           string        `name:"web-dir" help:"Serve the dashboard's files from this folder (web/static) instead of the binary, to edit them."`
}

// Run migrates the database (DATABASE_URL or the local cluster) and serves until interrupted.
func (c *serveCmd) Run(e *env) error {
	addr := c.Addr
	if addr == "" {
		addr = e.getenv("BUDGETQL_ADDR")
	}
	if addr == "" {
		addr = ":8080"
	}
	url, err := e.databaseURL()
	if err != nil {
		return err
	}
	if _, err := db.Migrate(e.ctx, url); err != nil {
		return err
	}
	r, err := db.OpenReader(e.ctx, url, db.ReaderConfig{Role: c.ReaderRole, StatementTimeout: c.StatementTimeout})
	if err != nil {
		return fmt.Errorf("serve: reading as role %q: %w", c.ReaderRole, err)
	}
	defer r.Close()
	log := slog.New(slog.NewTextHandler(e.stderr, nil))
	if e.getenv("GOGC") == "" {
		debug.SetGCPercent(cmp.Or(c.GCPercent, graph.DefaultGCPercent))
	}
	if c.ReaderRole != "" && !r.LoggedInAsRole {
		log.Warn("the server does not let the API log in as the read-only role; it switches with SET ROLE instead",
			"role", c.ReaderRole)
	}
	h := graph.NewHandler(r, graph.Config{MaxBodyBytes: c.MaxBody, MaxDepth: c.MaxDepth,
		MaxComplexity: c.MaxComplexity, RequestTimeout: c.RequestTimeout,
		AllowedOrigins: c.CORSOrigin, Logger: log, MaxConcurrent: c.MaxConcurrent, Pages: web.Handler(c.WebDir)})
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "budgetql: serving GraphQL on http://%s/graphql (dashboard at http://%s/, GraphiQL at http://%s/graphiql)\n",
		ln.Addr(), ln.Addr(), ln.Addr())
	return serveUntilDone(e.ctx, ln, h)
}

// serveUntilDone serves on ln until ctx ends, then shuts down gracefully.
func serveUntilDone(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
