package localpg

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"

	"github.com/lib/pq"
)

// Start creates the cluster on first use, starts the server unless it runs, creates the
// budgetql database, and returns its URL. Concurrent Starts of one home wait for each other.
func (c *Cluster) Start(ctx context.Context) (string, error) {
	unlock, err := c.lock()
	if err != nil {
		return "", err
	}
	defer unlock()
	if c.binDir, err = FindBinaries(); err != nil {
		return "", err
	}
	if err := c.initdb(ctx); err != nil {
		return "", err
	}
	running, err := c.running(ctx)
	if err != nil {
		return "", err
	}
	if !running {
		if err := c.pgctl(ctx, "start", "-w", "-t", "60", "-l", c.LogFile); err != nil {
			return "", fmt.Errorf("localpg: start: %w (log: %s)", err, c.LogFile)
		}
	}
	if err := c.createDatabase(ctx); err != nil {
		return "", err
	}
	return c.URL(), nil
}

// Stop stops the server if it runs.
func (c *Cluster) Stop(ctx context.Context) error {
	unlock, err := c.lock()
	if err != nil {
		return err
	}
	defer unlock()
	if c.binDir, err = FindBinaries(); err != nil {
		return err
	}
	running, err := c.running(ctx)
	if err != nil || !running {
		return err
	}
	return c.pgctl(ctx, "stop", "-w", "-m", "fast")
}

// Status reports whether the cluster exists and whether its server runs.
func (c *Cluster) Status(ctx context.Context) (exists, running bool, err error) {
	if _, err := os.Stat(filepath.Join(c.DataDir, "PG_VERSION")); err != nil {
		return false, false, nil
	}
	if c.binDir, err = FindBinaries(); err != nil {
		return true, false, err
	}
	running, err = c.running(ctx)
	return true, running, err
}

// running asks pg_ctl status: exit 0 runs, 3 stopped, 4 no cluster.
func (c *Cluster) running(ctx context.Context) (bool, error) {
	err := c.pgctl(ctx, "status")
	var ee *exec.ExitError
	switch {
	case err == nil:
		return true, nil
	case errors.As(err, &ee) && (ee.ExitCode() == 3 || ee.ExitCode() == 4):
		return false, nil
	}
	return false, fmt.Errorf("localpg: status: %w", err)
}

// initdb creates the cluster when its data directory holds none.
func (c *Cluster) initdb(ctx context.Context) error {
	if _, err := os.Stat(filepath.Join(c.DataDir, "PG_VERSION")); err == nil {
		return nil
	}
	for _, dir := range []string{filepath.Dir(c.DataDir), c.SocketDir} {
		if err := c.mkdirOwned(dir); err != nil {
			return err
		}
	}
	out, err := c.command(ctx, filepath.Join(c.binDir, "initdb"), "-D", c.DataDir, "-U", c.User,
		"--encoding=UTF8", "--no-locale", "--auth-local=trust", "--auth-host=scram-sha-256").CombinedOutput()
	if err != nil {
		return fmt.Errorf("localpg: initdb: %w: %s", err, bytes.TrimSpace(out))
	}
	conf := fmt.Sprintf("\n# budgetql: unix socket only, in a private directory\n"+
		"listen_addresses = ''\nunix_socket_directories = '%s'\nport = %d\n",
		strings.ReplaceAll(c.SocketDir, "'", "''"), port)
	f, err := os.OpenFile(filepath.Join(c.DataDir, "postgresql.conf"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("localpg: %w", err)
	}
	if _, err := f.WriteString(conf); err != nil {
		f.Close()
		return fmt.Errorf("localpg: %w", err)
	}
	if err := f.Close(); err != nil {
		return err
	}
	return c.save()
}

// createDatabase creates the budgetql database unless it exists.
func (c *Cluster) createDatabase(ctx context.Context) error {
	conn, err := sql.Open("postgres", c.adminURL())
	if err != nil {
		return err
	}
	defer conn.Close()
	var n int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM pg_database WHERE datname = $1`, Database).Scan(&n); err != nil {
		return fmt.Errorf("localpg: %w", err)
	}
	if n > 0 {
		return nil
	}
	_, err = conn.ExecContext(ctx, "CREATE DATABASE "+pq.QuoteIdentifier(Database))
	var pe *pq.Error
	if errors.As(err, &pe) && pe.Code == "42P04" { // duplicate_database
		return nil
	}
	return err
}

// pgctl runs pg_ctl on the cluster's data directory.
func (c *Cluster) pgctl(ctx context.Context, args ...string) error {
	args = append([]string{"-D", c.DataDir}, args...)
	cmd := c.command(ctx, filepath.Join(c.binDir, "pg_ctl"), args...)
	out, err := cmd.CombinedOutput()
	if err != nil && args[2] != "status" {
		return fmt.Errorf("%w: %s", err, bytes.TrimSpace(out))
	}
	return err
}

// command runs a server binary as RunAs (through runuser) when set, from a directory that
// user can enter.
func (c *Cluster) command(ctx context.Context, bin string, args ...string) *exec.Cmd {
	closeInheritedOnExec()
	var cmd *exec.Cmd
	if c.RunAs != "" {
		cmd = exec.CommandContext(ctx, "runuser", append([]string{"-u", c.RunAs, "--", bin}, args...)...)
	} else {
		cmd = exec.CommandContext(ctx, bin, args...)
	}
	cmd.Dir = filepath.Dir(c.DataDir)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // a Ctrl-C of ours must not stop the server
	return cmd
}

// lock takes an exclusive flock on Home/lock.
func (c *Cluster) lock() (func(), error) {
	if err := os.MkdirAll(c.Home, 0o755); err != nil {
		return nil, fmt.Errorf("localpg: %w", err)
	}
	f, err := os.OpenFile(filepath.Join(c.Home, "lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("localpg: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("localpg: lock %s: %w", f.Name(), err)
	}
	return func() { syscall.Flock(int(f.Fd()), syscall.LOCK_UN); f.Close() }, nil
}

// FindBinaries returns the directory holding initdb, pg_ctl and postgres: the one on PATH,
// else the newest /usr/lib/postgresql/*/bin (Debian), /usr/pgsql-*/bin (RPM) or Homebrew's.
func FindBinaries() (string, error) {
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		if dir := filepath.Dir(p); hasServer(dir) {
			return dir, nil
		}
	}
	var dirs []string
	for _, pat := range []string{"/usr/lib/postgresql/*/bin", "/usr/pgsql-*/bin",
		"/opt/homebrew/opt/postgresql@*/bin", "/usr/local/opt/postgresql@*/bin"} {
		m, _ := filepath.Glob(pat)
		dirs = append(dirs, m...)
	}
	sort.Slice(dirs, func(i, j int) bool { return versionOf(dirs[i]) > versionOf(dirs[j]) })
	for _, d := range dirs {
		if hasServer(d) {
			return d, nil
		}
	}
	return "", ErrNoBinaries
}

func hasServer(dir string) bool {
	for _, b := range []string{"initdb", "pg_ctl", "postgres"} {
		if st, err := os.Stat(filepath.Join(dir, b)); err != nil || st.IsDir() {
			return false
		}
	}
	return true
}

// versionOf extracts the major version from a binary directory path.
func versionOf(dir string) int {
	for _, part := range strings.FieldsFunc(dir, func(r rune) bool { return r < '0' || r > '9' }) {
		if v, err := strconv.Atoi(part); err == nil {
			return v
		}
	}
	return 0
}

func shortHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:4])
}
