// Command budgetql reads Chinese government budget disclosures into Postgres and serves them
// through a GraphQL analytics API.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/alecthomas/kong"
)

// exitError carries a process exit status.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// env is what every command gets from main: streams and the environment.
type env struct {
	ctx    context.Context
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
}

// cli lists the subcommands; each is defined in its own file.
type cli struct {
	Check    checkCmd    `cmd:"" help:"Read disclosures and report their tables, totals and failed checks."`
	Figures  figuresCmd  `cmd:"" help:"Print every figure of disclosures as CSV (UTF-8 with BOM)."`
	Migrate  migrateCmd  `cmd:"" help:"Apply database migrations."`
	Load     loadCmd     `cmd:"" help:"Load disclosures (files or directories) into the database."`
	Serve    serveCmd    `cmd:"" help:"Serve the GraphQL API."`
	Versions versionsCmd `cmd:"" help:"List the dataset versions (one per document loaded or replaced), newest first."`
	DB       dbCmd       `cmd:"" name:"db" help:"Manage the local Postgres cluster."`
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintln(stderr, "budgetql:", ee.err)
		}
		return ee.code
	}
	fmt.Fprintln(stderr, "budgetql:", err)
	return 1
}

// kongExit is how kong's --help asks to stop; run recovers it into an exit status.
type kongExit int

// run parses args and runs one subcommand.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			code, ok := r.(kongExit)
			if !ok {
				panic(r)
			}
			err = nil
			if code != 0 {
				err = &exitError{code: int(code)}
			}
		}
	}()
	var c cli
	parser, err := kong.New(&c, kong.Name("budgetql"),
		kong.Description("Chinese budget disclosures (部门预算/决算) into Postgres and GraphQL."),
		kong.Writers(stdout, stderr), kong.Exit(func(code int) { panic(kongExit(code)) }))
	if err != nil {
		return err
	}
	kctx, err := parser.Parse(args)
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	if kctx.Error != nil {
		return &exitError{code: 2, err: kctx.Error}
	}
	return kctx.Run(&env{ctx: ctx, stdout: stdout, stderr: stderr, getenv: getenv})
}
