package localpg

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
)

// rootBase picks, for a root user, where the postgres user keeps the cluster: home/pg when
// that user can reach it, else a directory in the postgres user's own home (or /var/tmp)
// named after home, recorded in home/cluster.json.
func rootBase(home string) (string, error) {
	u, err := user.Lookup("postgres")
	if err != nil {
		return "", fmt.Errorf("localpg: running as root needs a postgres user to run the server " +
			"(Debian: apt-get install postgresql creates it), or run as a normal user, or set DATABASE_URL")
	}
	if _, err := exec.LookPath("runuser"); err != nil {
		return "", errors.New("localpg: running as root needs runuser (util-linux) to start the server as postgres")
	}
	if reachable(existingAncestor(home), "postgres") {
		return filepath.Join(home, "pg"), nil
	}
	parent := filepath.Join(u.HomeDir, "budgetql")
	if st, err := os.Stat(u.HomeDir); err != nil || !st.IsDir() || !reachable(u.HomeDir, "postgres") {
		parent = filepath.Join(os.TempDir(), "budgetql-postgres")
	}
	return filepath.Join(parent, shortHash(home)), nil
}

// existingAncestor returns dir or its nearest existing ancestor.
func existingAncestor(dir string) string {
	for {
		if _, err := os.Stat(dir); err == nil || filepath.Dir(dir) == dir {
			return dir
		}
		dir = filepath.Dir(dir)
	}
}

// reachable reports whether the OS user can enter dir (and so every folder above it).
func reachable(dir, as string) bool {
	return exec.Command("runuser", "-u", as, "--", "test", "-x", dir).Run() == nil
}

// mkdirOwned creates dir and its missing parents (mode 0700 for dir, 0755 for parents) owned
// by RunAs when set.
func (c *Cluster) mkdirOwned(dir string) error {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil || filepath.Dir(d) == d {
			break
		}
		missing = append([]string{d}, missing...)
	}
	uid, gid := -1, -1
	if c.RunAs != "" {
		u, err := user.Lookup(c.RunAs)
		if err != nil {
			return fmt.Errorf("localpg: %w", err)
		}
		uid, _ = strconv.Atoi(u.Uid)
		gid, _ = strconv.Atoi(u.Gid)
	}
	for _, d := range missing {
		mode := os.FileMode(0o755)
		if d == dir {
			mode = 0o700
		}
		if err := os.Mkdir(d, mode); err != nil && !errors.Is(err, os.ErrExist) {
			return fmt.Errorf("localpg: %w", err)
		}
		if uid >= 0 {
			if err := os.Chown(d, uid, gid); err != nil {
				return fmt.Errorf("localpg: %w", err)
			}
		}
	}
	return nil
}
