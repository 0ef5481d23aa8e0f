package db

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	neturl "net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// ReaderRole is the read-only role created by migration 0002.
const ReaderRole = "budgetql_reader"

// ReaderConfig says how the API's read-only pool connects.
type ReaderConfig struct {
	Role             string        // SET ROLE on every connection; "" keeps the login role
	StatementTimeout time.Duration // statement_timeout of every connection; 0 means none
	MaxConns         int           // pool size; 0 means 16
}

// Reader runs the API's read queries through a read-only connection pool. It counts the
// statements it sends, so tests can show that a request's statements stay bounded.
type Reader struct {
	DB         *sqlx.DB
	statements atomic.Int64

	// LoggedInAsRole is true when the pool logs in as the read-only role itself; false when it
	// logs in as the URL's user and switches with SET ROLE (which a session could RESET).
	LoggedInAsRole bool

	// OnStatement, when set before use, sees every statement and its arguments (benchmarks
	// replay them to time the SQL alone).
	OnStatement func(query string, args []any)

	stmts  sync.Map // query text → *sqlx.Stmt
	nstmts atomic.Int64

	rules []AmountRule // amount_rule, read at open
}

// OpenReader connects to url; every connection switches to cfg.Role, read-only transactions and
// cfg.StatementTimeout before it is used. It returns ErrNoDatabase when the server is unreachable.
func OpenReader(ctx context.Context, url string, cfg ReaderConfig) (*Reader, error) {
	var base driver.Connector
	base, err := pq.NewConnector(url)
	if err != nil {
		return nil, fmt.Errorf("db.OpenReader: %w", err)
	}
	var setup []string
	asRole := false
	if cfg.Role != "" {
		if c, ok := roleConnector(ctx, url, cfg.Role); ok {
			base, asRole = c, true
		} else {
			setup = append(setup, "SET ROLE "+pq.QuoteIdentifier(cfg.Role))
		}
	}
	// Short queries from many clients: parallel workers and JIT cost more than they save on
	// a small machine (the bigram search ran 3× faster without them). Prepared statements keep
	// one generic plan: under the default, statements whose generic plan looks costlier were
	// planned again on every execution (1–5 ms each). No statement has catch-all conditions
	// (see conds), so one plan fits every argument.
	setup = append(setup, "SET default_transaction_read_only = on", "SET max_parallel_workers_per_gather = 0",
		"SET jit = off", "SET plan_cache_mode = force_generic_plan")
	if cfg.StatementTimeout > 0 {
		setup = append(setup, fmt.Sprintf("SET statement_timeout = %d", cfg.StatementTimeout.Milliseconds()))
	}
	d := sqlx.NewDb(sql.OpenDB(&setupConnector{base: base, setup: setup}), "postgres")
	n := cfg.MaxConns
	if n <= 0 {
		n = 16
	}
	d.SetMaxOpenConns(n)
	d.SetMaxIdleConns(n)
	if err := d.PingContext(ctx); err != nil {
		d.Close()
		return nil, fmt.Errorf("db.OpenReader: %w: %v", ErrNoDatabase, err)
	}
	warmPool(ctx, d, n)
	rules, err := readAmountRules(ctx, d)
	if err != nil {
		d.Close()
		return nil, fmt.Errorf("db.OpenReader: amount rules: %w", err)
	}
	return &Reader{DB: d, LoggedInAsRole: asRole, rules: rules}, nil
}

// warmPool opens n connections at once and leaves them idle, so the first burst of requests does
// not wait for connections to be set up. Failures are left for the requests to see.
func warmPool(ctx context.Context, d *sqlx.DB, n int) {
	conns := make([]*sql.Conn, 0, n)
	for range n {
		c, err := d.Conn(ctx)
		if err != nil {
			break
		}
		conns = append(conns, c)
	}
	for _, c := range conns {
		c.Close()
	}
}

// roleConnector returns a connector that logs in as role on the same server and database, when
// the server lets it (no password needed, role can log in) and the session really is that role.
func roleConnector(ctx context.Context, url, role string) (driver.Connector, bool) {
	u, err := withUser(url, role)
	if err != nil {
		return nil, false
	}
	c, err := pq.NewConnector(u)
	if err != nil {
		return nil, false
	}
	probe := sql.OpenDB(c)
	defer probe.Close()
	var user string
	if err := probe.QueryRowContext(ctx, "SELECT current_user").Scan(&user); err != nil || user != role {
		return nil, false
	}
	return c, true
}

// withUser returns a connection string that logs in as user: a URL gets its user replaced, a
// key=value string gets a user key appended (the last one wins).
func withUser(conn, user string) (string, error) {
	if strings.HasPrefix(conn, "postgres://") || strings.HasPrefix(conn, "postgresql://") {
		u, err := neturl.Parse(conn)
		if err != nil {
			return "", err
		}
		u.User = neturl.User(user)
		q := u.Query()
		if q.Has("user") {
			q.Set("user", user)
			u.RawQuery = q.Encode()
		}
		return u.String(), nil
	}
	return conn + " user=" + user, nil
}

// Close closes the prepared statements and the pool.
func (r *Reader) Close() error {
	r.stmts.Range(func(_, st any) bool {
		if st, _ := st.(*sqlx.Stmt); st != nil {
			st.Close()
		}
		return true
	})
	return r.DB.Close()
}

// Statements is the number of SQL statements sent so far.
func (r *Reader) Statements() int64 { return r.statements.Load() }

// selectRows runs one query and scans every row into dest, in the context's snapshot if any.
func (r *Reader) selectRows(ctx context.Context, dest any, query string, args ...any) error {
	r.count(query, args)
	if s := SnapshotFrom(ctx); s != nil {
		return s.run(ctx, query, func(q sqlx.ExtContext, st *sqlx.Stmt) error {
			if st != nil {
				return st.SelectContext(ctx, dest, args...)
			}
			return sqlx.SelectContext(ctx, q, dest, query, args...)
		})
	}
	if st := r.prepared(query); st != nil {
		return st.SelectContext(ctx, dest, args...)
	}
	return r.DB.SelectContext(ctx, dest, query, args...)
}

// selectAll is selectRows into a new slice, with op (the Reader method) named in its error.
func selectAll[T any](ctx context.Context, r *Reader, op, query string, args ...any) ([]T, error) {
	var out []T
	if err := r.selectRows(ctx, &out, query, args...); err != nil {
		return nil, fmt.Errorf("db.%s: %w", op, err)
	}
	return out, nil
}

// getRow runs one query and scans its single row into dest; no row is ErrNotFound.
func (r *Reader) getRow(ctx context.Context, dest any, query string, args ...any) error {
	r.count(query, args)
	var err error
	if s := SnapshotFrom(ctx); s != nil {
		err = s.run(ctx, query, func(q sqlx.ExtContext, st *sqlx.Stmt) error {
			if st != nil {
				return st.GetContext(ctx, dest, args...)
			}
			return sqlx.GetContext(ctx, q, dest, query, args...)
		})
	} else if st := r.prepared(query); st != nil {
		err = st.GetContext(ctx, dest, args...)
	} else {
		err = r.DB.GetContext(ctx, dest, query, args...)
	}
	if err == sql.ErrNoRows {
		return ErrNotFound
	}
	return err
}

// maxPrepared bounds the statements a Reader keeps prepared; the API's queries are a few dozen
// fixed texts, so this only guards against unbounded growth.
const maxPrepared = 256

// prepared returns the query prepared once for the pool (database/sql prepares it on each
// connection that runs it, so the server parses it once per connection and can reuse its plan),
// or nil to run it unprepared this time. It never waits: a query seen for the first time is
// prepared in the background, since preparing takes a connection from the pool, and requests
// hold theirs (their snapshot) while they run.
func (r *Reader) prepared(query string) *sqlx.Stmt {
	if st, ok := r.stmts.Load(query); ok {
		st, _ := st.(*sqlx.Stmt)
		return st
	}
	if r.nstmts.Load() >= maxPrepared {
		return nil
	}
	if _, loaded := r.stmts.LoadOrStore(query, (*sqlx.Stmt)(nil)); loaded {
		return nil // being prepared
	}
	r.nstmts.Add(1)
	go func() {
		st, err := r.DB.Preparex(query)
		if err != nil {
			r.stmts.Delete(query) // tried again next time
			r.nstmts.Add(-1)
			return
		}
		r.stmts.Store(query, st)
	}()
	return nil
}

func (r *Reader) count(query string, args []any) {
	r.statements.Add(1)
	if r.OnStatement != nil {
		r.OnStatement(query, args)
	}
}

// setupConnector runs setup statements on each new connection.
type setupConnector struct {
	base  driver.Connector
	setup []string
}

func (c *setupConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.base.Connect(ctx)
	if err != nil {
		return nil, err
	}
	ex, ok := conn.(driver.ExecerContext)
	if !ok {
		conn.Close()
		return nil, fmt.Errorf("db: driver connection cannot exec")
	}
	for _, s := range c.setup {
		if _, err := ex.ExecContext(ctx, s, nil); err != nil {
			conn.Close()
			return nil, fmt.Errorf("db: %s: %w", s, err)
		}
	}
	return conn, nil
}

func (c *setupConnector) Driver() driver.Driver { return c.base.Driver() }
