// Package localpg runs a private Postgres cluster for budgetql when no DATABASE_URL is given:
// it finds the installed server binaries, creates the cluster under $BUDGETQL_HOME on first
// use, starts and stops it. The server listens only on a unix socket in a private directory.
// As root it runs initdb and the server as the postgres user (initdb refuses root), and keeps
// the cluster where that user can reach it.
package localpg

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/user"
	"path/filepath"
	"runtime"
	"strconv"
)

// ErrNoBinaries is returned when no Postgres server binaries are installed.
var ErrNoBinaries = errors.New("no PostgreSQL server binaries (initdb, pg_ctl, postgres) found on PATH or in " +
	"/usr/lib/postgresql/*/bin: install them (Debian/Ubuntu: apt-get install postgresql; " +
	"Fedora: dnf install postgresql-server; macOS: brew install postgresql) or set DATABASE_URL")

// Database is the name of the database the cluster serves.
const Database = "budgetql"

// port names the socket file (.s.PGSQL.<port>); the server listens on no TCP port.
const port = 5432

// Cluster is a local Postgres cluster. Its layout is recorded in Home/cluster.json when it is
// created, so later runs find it even when it lives outside Home.
type Cluster struct {
	Home      string `json:"-"`
	DataDir   string `json:"data_dir"`   // PGDATA
	SocketDir string `json:"socket_dir"` // unix_socket_directories
	LogFile   string `json:"log_file"`
	User      string `json:"user"`   // database superuser
	RunAs     string `json:"run_as"` // OS user the server runs as when started by root; "" for self
	binDir    string
}

// DefaultHome returns $BUDGETQL_HOME, or budgetql under the user's data directory
// ($XDG_DATA_HOME or ~/.local/share; ~/Library/Application Support on macOS), or a per-user
// folder of the temporary directory when there is no home.
func DefaultHome(getenv func(string) string) (string, error) {
	if h := getenv("BUDGETQL_HOME"); h != "" {
		return filepath.Abs(h)
	}
	if runtime.GOOS != "darwin" {
		if x := getenv("XDG_DATA_HOME"); x != "" {
			return filepath.Join(x, "budgetql"), nil
		}
	}
	home, err := os.UserHomeDir()
	if err != nil { // no $HOME (some CI runners): a per-user folder in the temporary directory
		return filepath.Join(os.TempDir(), "budgetql-"+strconv.Itoa(os.Getuid())), nil
	}
	if runtime.GOOS == "darwin" {
		return filepath.Join(home, "Library", "Application Support", "budgetql"), nil
	}
	return filepath.Join(home, ".local", "share", "budgetql"), nil
}

// Open returns the cluster recorded in home, or plans a new one there (nothing is created
// until Start).
func Open(home string) (*Cluster, error) {
	home, err := filepath.Abs(home)
	if err != nil {
		return nil, err
	}
	c := &Cluster{Home: home}
	data, err := os.ReadFile(c.configPath())
	if err == nil {
		if err := json.Unmarshal(data, c); err != nil {
			return nil, fmt.Errorf("localpg: %s: %w", c.configPath(), err)
		}
		return c, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	return c, c.plan()
}

func (c *Cluster) configPath() string { return filepath.Join(c.Home, "cluster.json") }

func (c *Cluster) save() error {
	data, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	tmp := c.configPath() + ".tmp"
	if err := os.WriteFile(tmp, append(data, '\n'), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, c.configPath())
}

// plan decides where a new cluster lives and who runs it.
func (c *Cluster) plan() error {
	u, err := user.Current()
	if err != nil {
		return fmt.Errorf("localpg: %w", err)
	}
	base := filepath.Join(c.Home, "pg")
	c.User = u.Username
	if os.Geteuid() == 0 {
		c.RunAs, c.User = "postgres", "postgres"
		if base, err = rootBase(c.Home); err != nil {
			return err
		}
	}
	c.DataDir = filepath.Join(base, "data")
	c.SocketDir = base
	if len(c.SocketDir)+len("/.s.PGSQL.5432.lock") > 100 { // unix socket paths are short
		c.SocketDir = filepath.Join(os.TempDir(), "budgetql-"+strconv.Itoa(os.Getuid())+"-"+shortHash(c.Home))
	}
	c.LogFile = filepath.Join(base, "postgres.log")
	return nil
}

// URL is the connection URL of the cluster's database.
func (c *Cluster) URL() string {
	q := url.Values{}
	q.Set("host", c.SocketDir)
	q.Set("port", strconv.Itoa(port))
	q.Set("user", c.User)
	q.Set("sslmode", "disable")
	return "postgres:///" + Database + "?" + q.Encode()
}

// adminURL connects to the maintenance database "postgres".
func (c *Cluster) adminURL() string {
	u := c.URL()
	return "postgres:///postgres" + u[len("postgres:///"+Database):]
}
