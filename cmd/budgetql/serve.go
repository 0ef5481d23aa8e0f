package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"budgetql/db"
	"budgetql/graph"
	"budgetql/web"
)

// serveCmd serves the GraphQL API.
type serveCmd struct {
	Addr             string        `help:"Listen address (default 127.0.0.1:8080, this machine only; or BUDGETQL_ADDR). 0.0.0.0:8080 opens it to the network."`
	CORSOrigin       []string      `name:"cors-origin" sep:"," help:"Origins whose pages may call the API from a browser (comma-separated; * for any). Default: none, same-origin only."`
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
	addr := listenAddr(c.Addr, e.getenv)
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
	writeExposure(e.stdout, ln.Addr(), c.CORSOrigin, c.ReaderRole, r.LoggedInAsRole)
	return serveUntilDone(e.ctx, ln, h)
}

// DefaultAddr is where serve listens unless --addr or BUDGETQL_ADDR says otherwise: loopback
// only, so a laptop's API is not open to its network by accident.
const DefaultAddr = "127.0.0.1:8080"

// listenAddr is the --addr flag, else BUDGETQL_ADDR, else DefaultAddr.
func listenAddr(flag string, getenv func(string) string) string {
	return cmp.Or(flag, getenv("BUDGETQL_ADDR"), DefaultAddr)
}

// writeExposure says who can reach the server and what it lets them do.
func writeExposure(w io.Writer, addr net.Addr, origins []string, role string, asRole bool) {
	reach := "this machine only (loopback); --addr 0.0.0.0:8080 opens it to the network"
	if ta, ok := addr.(*net.TCPAddr); !ok || !ta.IP.IsLoopback() {
		reach = "EVERY NETWORK INTERFACE of this machine: anyone who can reach it can query it"
		if ok && !ta.IP.IsUnspecified() {
			reach = fmt.Sprintf("the network of %s: anyone who can reach that address can query it", ta.IP)
		}
	}
	browsers := "same-origin only (the dashboard and GraphiQL here); --cors-origin lets other sites' pages call it"
	switch {
	case slices.Contains(origins, "*"):
		browsers = "pages of ANY site may call it (--cors-origin *)"
	case len(origins) > 0:
		browsers = "pages of " + strings.Join(origins, ", ") + " may call it, and same-origin"
	}
	access := "read only, as role " + role
	if role == "" {
		access = "read-only transactions as the login role (no --reader-role)"
	} else if !asRole {
		access += " (through SET ROLE)"
	}
	fmt.Fprintf(w, "  reachable from: %s\n  browsers:       %s\n  database:       %s\n", reach, browsers, access)
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
