package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"budgetql/db"
	"budgetql/ingest"
)

// loadCmd loads disclosures into the database.
type loadCmd struct {
	Parsers int      `help:"Files parsed in parallel (0: one per CPU)." default:"0"`
	Writers int      `help:"Documents written in parallel, each in its own transaction." default:"2"`
	Paths   []string `arg:"" type:"existingpath" help:"Files or directories (walked for *.pdf and *.txt; a .txt beside its .pdf is skipped)."`
}

// testHookEnv makes every document transaction wait this long before COMMIT (tests kill the
// process meanwhile).
const testHookEnv = "BUDGETQL_TEST_SLEEP_IN_TX"

// Run migrates, loads and prints a summary; exit status 1 when a file failed.
func (c *loadCmd) Run(e *env) error {
	url, err := e.databaseURL()
	if err != nil {
		return err
	}
	if _, err := db.Migrate(e.ctx, url); err != nil {
		return err
	}
	s, err := db.Open(e.ctx, url)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := setTestHook(e, s); err != nil {
		return err
	}
	files, _, err := ingest.CollectFiles(c.Paths)
	if err != nil {
		return err
	}
	progress, done := newProgress(e, len(files))
	sum, err := ingest.Load(e.ctx, s, c.Paths, ingest.LoadOptions{Parsers: c.Parsers, Writers: c.Writers, Progress: progress})
	done()
	if err != nil {
		return err
	}
	writeSummary(e.stdout, sum)
	if len(sum.Failed) > 0 {
		return &exitError{code: 1}
	}
	return nil
}

func setTestHook(e *env, s *db.Store) error {
	v := e.getenv(testHookEnv)
	if v == "" {
		return nil
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return fmt.Errorf("%s: %w", testHookEnv, err)
	}
	s.BeforeCommit = func(ctx context.Context, file string) error {
		fmt.Fprintf(e.stderr, "test hook: in transaction for %s\n", file)
		select {
		case <-time.After(d):
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// newProgress returns the per-file callback: a progress bar (on stderr) when stdout and stderr
// are terminals, plain lines on stdout otherwise.
func newProgress(e *env, total int) (func(ingest.LoadEvent), func()) {
	if f, ok := e.stderr.(*os.File); ok && isTerminal(e.stdout) && isTerminal(e.stderr) {
		bar := progressbar.NewOptions(total, progressbar.OptionSetWriter(f),
			progressbar.OptionSetDescription("loading"), progressbar.OptionShowCount(),
			progressbar.OptionClearOnFinish())
		return func(ingest.LoadEvent) { bar.Add(1) }, func() { bar.Finish() }
	}
	return func(ev ingest.LoadEvent) {
		if ev.Err != nil {
			fmt.Fprintf(e.stdout, "failed     %s\n", ev.File)
			return
		}
		if ev.Action == db.ActionUnchanged {
			fmt.Fprintf(e.stdout, "%-10s %s\n", ev.Action, ev.File)
			return
		}
		fmt.Fprintf(e.stdout, "%-10s %s (%d figures)\n", ev.Action, ev.File, ev.Figures)
	}, func() {}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func writeSummary(w io.Writer, sum *ingest.Summary) {
	fmt.Fprintf(w, "\nloaded %d, replaced %d, unchanged %d, failed %d, skipped %d; %d figures written\n",
		len(sum.Loaded), len(sum.Replaced), len(sum.Unchanged), len(sum.Failed), len(sum.Skipped), sum.Figures)
	for _, s := range sum.Skipped {
		fmt.Fprintf(w, "  skipped  %s: %s\n", s.File, s.Reason)
	}
	for _, r := range sum.Replaced {
		fmt.Fprintf(w, "  replaced %s\n", filepath.Base(r.File))
	}
	for _, f := range sum.Failed {
		fmt.Fprintf(w, "  failed   %s: %v\n", f.File, f.Err)
	}
}
