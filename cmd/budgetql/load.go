package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/shopspring/decimal"
	"golang.org/x/term"

	"budgetql/db"
	"budgetql/ingest"
)

// loadCmd loads disclosures into the database.
type loadCmd struct {
	Parsers int      `help:"Files parsed in parallel (0: one per CPU)." default:"0"`
	Writers int      `help:"Documents written in parallel, each in its own transaction." default:"2"`
	Replace bool     `help:"Replace a current document even by one with more failed checks (otherwise such a replacement is refused)."`
	Paths   []string `arg:"" type:"existingpath" help:"Files or directories (walked for *.pdf and *.txt; a .txt beside its .pdf is skipped)."`
}

// testHookEnv makes every document transaction wait this long before COMMIT (tests kill the
// process meanwhile).
const testHookEnv = "BUDGETQL_TEST_SLEEP_IN_TX"

// Run migrates, loads and prints a summary with what each document changed; exit status 1 when
// a file failed or a replacement was refused.
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
	s.ReplaceWorse = c.Replace
	before, err := s.CurrentVersion(e.ctx)
	if err != nil {
		return err
	}
	files, _, err := ingest.CollectFiles(c.Paths)
	if err != nil {
		return err
	}
	progress, done := newProgress(e, len(files))
	sum, err := ingest.Load(e.ctx, s, c.Paths, ingest.LoadOptions{Parsers: c.Parsers, Writers: c.Writers, Progress: progress,
		Read: readOptions(e)})
	done()
	if err != nil {
		return err
	}
	after, err := s.CurrentVersion(e.ctx)
	if err != nil {
		return err
	}
	writeSummary(e.stdout, sum, before, after)
	if len(sum.Failed)+len(sum.Refused) > 0 {
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
		var refused *db.RefusedError
		if errors.As(ev.Err, &refused) {
			fmt.Fprintf(e.stdout, "refused    %s\n", ev.File)
			return
		}
		if ev.Err != nil {
			fmt.Fprintf(e.stdout, "failed     %s\n", ev.File)
			return
		}
		if ev.Action == db.ActionUnchanged {
			fmt.Fprintf(e.stdout, "%-10s %s\n", ev.Action, ev.File)
			return
		}
		fmt.Fprintf(e.stdout, "%-10s %s (%d figures, dataset version %d)\n", ev.Action, ev.File, ev.Figures, ev.Result.Version)
	}, func() {}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func writeSummary(w io.Writer, sum *ingest.Summary, before, after int64) {
	fmt.Fprintf(w, "\nloaded %d, replaced %d, unchanged %d, refused %d, failed %d, skipped %d; %d figures written\n",
		len(sum.Loaded), len(sum.Replaced), len(sum.Unchanged), len(sum.Refused), len(sum.Failed), len(sum.Skipped), sum.Figures)
	if after != before {
		fmt.Fprintf(w, "dataset version %d → %d (budgetql versions lists them)\n", before, after)
	} else {
		fmt.Fprintf(w, "dataset version %d, unchanged\n", after)
	}
	for _, s := range sum.Skipped {
		fmt.Fprintf(w, "  skipped  %s: %s\n", s.File, s.Reason)
	}
	for _, ev := range sum.Loaded {
		fmt.Fprintf(w, "  loaded   %s: version %d, %d figures\n", filepath.Base(ev.File), ev.Result.Version, ev.Figures)
		writeFailedChecks(w, ev.Result)
	}
	for _, ev := range sum.Replaced {
		fmt.Fprintf(w, "  replaced %s: version %d, against %s: %s\n", filepath.Base(ev.File), ev.Result.Version,
			ev.Result.ReplacedFile, changesLine(ev.Result))
		writeChanges(w, ev.Result)
	}
	for _, ev := range sum.Refused {
		fmt.Fprintf(w, "  refused  %s: %v\n           against %s it would change %s\n", filepath.Base(ev.File), ev.Err,
			ev.Result.ReplacedFile, changesLine(ev.Result))
		writeChanges(w, ev.Result)
	}
	for _, f := range sum.Failed {
		fmt.Fprintf(w, "  failed   %s: %v\n", f.File, f.Err)
	}
}

// changesLine counts what a document changes against the one it supersedes.
func changesLine(r db.StoreResult) string {
	return fmt.Sprintf("%d figures added, %d removed, %d changed; %d failed checks (was %d)",
		r.Changes.Added, r.Changes.Removed, r.Changes.Changed, len(r.Failed), r.PreviousFailed)
}

// writeChanges lists the first changed figures and the failed checks.
func writeChanges(w io.Writer, r db.StoreResult) {
	for _, c := range r.Changes.Examples {
		fmt.Fprintf(w, "           changed %s %s %s %s: %s → %s (line %d)\n", c.Table, c.Row, c.Name, c.Column,
			nullAmount(c.Old), nullAmount(c.New), c.Line)
	}
	if more := r.Changes.Changed - len(r.Changes.Examples); more > 0 {
		fmt.Fprintf(w, "           … and %d more changed figures\n", more)
	}
	writeFailedChecks(w, r)
}

func writeFailedChecks(w io.Writer, r db.StoreResult) {
	for _, c := range r.Failed {
		fmt.Fprintf(w, "           failed check %s: %s (expected %s, got %s) lines %s\n", c.ID, c.Rule,
			c.Expected.StringFixed(2), c.Actual.StringFixed(2), joinInts(c.Lines))
	}
}

func nullAmount(d decimal.NullDecimal) string {
	if !d.Valid {
		return "blank"
	}
	return d.Decimal.StringFixed(2)
}
