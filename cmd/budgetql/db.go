package main

import (
	"fmt"
	"strings"

	"budgetql/db/localpg"
)

// dbCmd manages the local Postgres cluster used when DATABASE_URL is unset.
type dbCmd struct {
	Start  dbStartCmd  `cmd:"" help:"Create (first time) and start the local cluster; print its URL."`
	Stop   dbStopCmd   `cmd:"" help:"Stop the local cluster."`
	Status dbStatusCmd `cmd:"" help:"Say where the local cluster is and whether it runs."`
}

type dbStartCmd struct {
	Export bool `help:"Print 'export DATABASE_URL=...' for a shell or a Makefile."`
}

type dbStopCmd struct{}

type dbStatusCmd struct{}

// Run starts the cluster and prints its URL.
func (c *dbStartCmd) Run(e *env) error {
	cl, err := localCluster(e)
	if err != nil {
		return err
	}
	url, err := cl.Start(e.ctx)
	if err != nil {
		return err
	}
	if c.Export {
		fmt.Fprintf(e.stdout, "export DATABASE_URL='%s'\n", strings.ReplaceAll(url, "'", `'\''`))
		return nil
	}
	fmt.Fprintln(e.stdout, url)
	return nil
}

// Run stops the cluster.
func (c *dbStopCmd) Run(e *env) error {
	cl, err := localCluster(e)
	if err != nil {
		return err
	}
	if err := cl.Stop(e.ctx); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "stopped", cl.DataDir)
	return nil
}

// Run prints the cluster's state; exit status 3 when it does not run (like pg_ctl status).
func (c *dbStatusCmd) Run(e *env) error {
	cl, err := localCluster(e)
	if err != nil {
		return err
	}
	exists, running, err := cl.Status(e.ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "home:    %s\ndata:    %s\n", cl.Home, cl.DataDir)
	switch {
	case !exists:
		fmt.Fprintln(e.stdout, "state:   not created (budgetql db start creates it)")
	case running:
		fmt.Fprintf(e.stdout, "state:   running\nurl:     %s\n", cl.URL())
	default:
		fmt.Fprintln(e.stdout, "state:   stopped")
	}
	if !running {
		return &exitError{code: 3}
	}
	return nil
}

func localCluster(e *env) (*localpg.Cluster, error) {
	home, err := localpg.DefaultHome(e.getenv)
	if err != nil {
		return nil, err
	}
	return localpg.Open(home)
}

// databaseURL is DATABASE_URL, or the local cluster's URL after starting it.
func (e *env) databaseURL() (string, error) {
	if u := e.getenv("DATABASE_URL"); u != "" {
		return u, nil
	}
	cl, err := localCluster(e)
	if err != nil {
		return "", err
	}
	return cl.Start(e.ctx)
}
