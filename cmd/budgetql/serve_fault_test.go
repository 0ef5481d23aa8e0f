package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"budgetql/db/dbtest"
	"budgetql/db/localpg"
)

const deptCount = `{ departments { totalCount nodes { name } } }`

// lockReadTables takes ACCESS EXCLUSIVE locks on the tables the API reads, in a transaction
// of its own, so every API statement waits: a "slow query" on demand. release ends it.
func lockReadTables(t *testing.T, d *sqlx.DB) (release func()) {
	t.Helper()
	tx, err := d.Beginx()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`LOCK TABLE department, department_alias, document, figure IN ACCESS EXCLUSIVE MODE`); err != nil {
		tx.Rollback()
		t.Fatal(err)
	}
	var once sync.Once
	release = func() { once.Do(func() { tx.Rollback() }) }
	t.Cleanup(release)
	return release
}

// TestServeStatementTimeoutFault: a query stuck behind a lock hits serve's statement timeout
// and gets extensions.code TIMEOUT (HTTP 200, no data lost); after the lock the same query works.
func TestServeStatementTimeoutFault(t *testing.T) {
	d, url := dbtest.NewURL(t)
	loadCorpusTexts(t, url)
	p := startServe(t, url, "--statement-timeout", "300ms")
	ctx := context.Background()
	release := lockReadTables(t, d)
	start := time.Now()
	r, err := postGQL(ctx, p.base, deptCount)
	took := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	if r.code() != "TIMEOUT" || r.Status != 200 {
		t.Errorf("stuck query: status %d, body %s; want code TIMEOUT", r.Status, r.Raw)
	}
	if took < 300*time.Millisecond || took > 5*time.Second {
		t.Errorf("stuck query answered after %v, want about the 300ms timeout", took)
	}
	if !strings.Contains(string(r.Raw), "statement timeout") {
		t.Errorf("message does not say statement timeout: %s", r.Raw)
	}
	// A client of application/graphql-response+json gets the failure as a request error: 504,
	// the same code, and no data entry (GraphQL over HTTP).
	r, err = postGQL(context.WithValue(ctx, acceptKey{}, "application/graphql-response+json"), p.base, deptCount)
	if err != nil || r.Status != 504 || r.code() != "TIMEOUT" || strings.Contains(string(r.Raw), `"data"`) {
		t.Errorf("stuck query as application/graphql-response+json: %v %d %s; want 504 TIMEOUT without data", err, r.Status, r.Raw)
	}
	release()
	r, err = postGQL(ctx, p.base, deptCount)
	if err != nil || len(r.Errors) > 0 || !strings.Contains(string(r.Data), `"totalCount":4`) {
		t.Errorf("after the lock: %v %s", err, r.Raw)
	}
	t.Logf("stuck query answered TIMEOUT after %v", took.Round(time.Millisecond))
}

// TestServeDrainsOnSIGTERMFault: requests in flight when SIGTERM arrives are answered in full;
// new connections are refused; serve exits 0.
func TestServeDrainsOnSIGTERMFault(t *testing.T) {
	d, url := dbtest.NewURL(t)
	loadCorpusTexts(t, url)
	p := startServe(t, url, "--statement-timeout", "20s", "--max-concurrent", "8")
	release := lockReadTables(t, d)
	const inFlight = 8 // all executing: the requests queued by --max-concurrent would drain too, later
	replies := make(chan *gqlReply, inFlight)
	errs := make(chan error, inFlight)
	for i := 0; i < inFlight; i++ {
		go func() {
			r, err := postGQL(context.Background(), p.base, deptCount)
			if err != nil {
				errs <- err
				return
			}
			replies <- r
		}()
	}
	waitLockWaiters(t, d, inFlight)
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	if _, err := postGQL(context.Background(), p.base, deptCount); err == nil {
		t.Error("a new request after the signal was accepted")
	}
	release()
	for i := 0; i < inFlight; i++ {
		select {
		case r := <-replies:
			if r.Status != 200 || len(r.Errors) > 0 || !strings.Contains(string(r.Data), `"totalCount":4`) {
				t.Errorf("in-flight request %d: %d %s", i, r.Status, r.Raw)
			}
		case err := <-errs:
			t.Errorf("in-flight request %d lost: %v", i, err)
		case <-time.After(15 * time.Second):
			t.Fatalf("in-flight request %d not answered", i)
		}
	}
	if err := p.stop(t); err != nil {
		t.Errorf("serve exit: %v\n%s", err, p.stderr)
	}
}

// waitLockWaiters waits until n backends wait on a lock (the in-flight requests).
func waitLockWaiters(t *testing.T, d *sqlx.DB, n int) {
	t.Helper()
	for i := 0; i < 300; i++ {
		if count(t, d, `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`) >= n {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("fewer than %d requests reached the database", n)
}

// privateCluster starts a Postgres cluster of this test alone, so it can be restarted.
func privateCluster(t *testing.T) (*localpg.Cluster, string) {
	t.Helper()
	if _, err := localpg.FindBinaries(); err != nil {
		t.Fatal(err) // make setup installs them
	}
	home := t.TempDir()
	os.Chmod(home, 0o755)
	c, err := localpg.Open(filepath.Join(home, "pg-restart"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	url, err := c.Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.Stop(context.Background())
		os.RemoveAll(filepath.Dir(c.DataDir))
	})
	return c, url
}

// restartTally counts what the clients saw around a Postgres restart.
type restartTally struct {
	mu                       sync.Mutex
	ok, coded, uncoded, lost int
	codes                    map[string]int
	lastFail                 time.Time
}

func (r *restartTally) add(reply *gqlReply, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case err != nil:
		r.lost++
		r.lastFail = time.Now()
	case reply.Status == 200 && len(reply.Errors) == 0 && strings.Contains(string(reply.Data), `"totalCount":4`):
		r.ok++
	case reply.code() != "":
		r.coded++
		r.codes[reply.code()]++
		r.lastFail = time.Now()
	default:
		r.uncoded++
		r.lastFail = time.Now()
	}
}

// TestServeSurvivesPostgresRestartFault: Postgres stops and starts again while serve runs and
// four clients query it; during the outage every answer is a JSON error with code
// DATABASE_UNAVAILABLE, nothing hangs, and after the restart every request succeeds without restarting serve.
func TestServeSurvivesPostgresRestartFault(t *testing.T) {
	c, url := privateCluster(t)
	loadCorpusTexts(t, url)
	p := startServe(t, url, "--statement-timeout", "5s")
	tally := &restartTally{codes: map[string]int{}}
	stopClients := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; n < 100000; n++ {
				select {
				case <-stopClients:
					return
				case <-time.After(20 * time.Millisecond):
				}
				ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
				tally.add(postGQL(ctx, p.base, deptCount))
				cancel()
			}
		}()
	}
	ctx := context.Background()
	time.Sleep(time.Second)
	if err := c.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	down := time.Now()
	time.Sleep(500 * time.Millisecond)
	// A client of application/graphql-response+json gets the outage as a request error: 503,
	// DATABASE_UNAVAILABLE, no data entry (GraphQL over HTTP).
	r, err := postGQL(context.WithValue(ctx, acceptKey{}, "application/graphql-response+json"), p.base, deptCount)
	if err != nil || r.Status != 503 || r.code() != "DATABASE_UNAVAILABLE" || strings.Contains(string(r.Raw), `"data"`) {
		t.Errorf("while Postgres is down, as application/graphql-response+json: %v %d %s; want 503 without data", err, r.Status, r.Raw)
	}
	time.Sleep(1500 * time.Millisecond)
	if _, err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	up := time.Now()
	time.Sleep(4 * time.Second)
	close(stopClients)
	wg.Wait()
	tally.mu.Lock()
	defer tally.mu.Unlock()
	t.Logf("restart: down %v; answers ok %d, coded errors %d %v, uncoded %d, lost %d; last failure %v after start",
		up.Sub(down).Round(time.Millisecond), tally.ok, tally.coded, tally.codes, tally.uncoded, tally.lost,
		tally.lastFail.Sub(up).Round(time.Millisecond))
	if tally.lost > 0 || tally.uncoded > 0 {
		t.Errorf("%d requests without an answer, %d errors without a code", tally.lost, tally.uncoded)
	}
	if n := tally.codes["DATABASE_UNAVAILABLE"]; n != tally.coded {
		t.Errorf("%d of %d failures say DATABASE_UNAVAILABLE: %v", n, tally.coded, tally.codes)
	}
	if tally.coded == 0 {
		t.Error("no request failed while Postgres was down: the test did not hit the outage")
	}
	if !tally.lastFail.IsZero() && tally.lastFail.After(up.Add(2*time.Second)) {
		t.Errorf("requests still failed %v after Postgres was back", tally.lastFail.Sub(up))
	}
	if r, err := postGQL(ctx, p.base, deptCount); err != nil || len(r.Errors) > 0 {
		t.Errorf("after restart: %v %s", err, fmt.Sprint(r))
	}
}
