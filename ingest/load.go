package ingest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"budgetql/db"
	"budgetql/loader/model"
)

// LoadOptions tune Load.
type LoadOptions struct {
	Parsers  int                       // parallel parse workers; 0 means the number of CPUs
	Writers  int                       // parallel document transactions; 0 means 2
	Progress func(LoadEvent)           // called once per file, from one goroutine at a time
	Prepare  func(doc *model.Document) // changes a parsed document before it is stored (benchmarks)
	Read     ReadOptions               // how files are read: OCR progress and cache
}

// LoadEvent is the outcome of one file.
type LoadEvent struct {
	File    string
	Action  db.Action // "" when Err is set
	Figures int
	Err     error
	// Result is what the store did: the dataset version, the changes against the document
	// superseded and the failed checks (also for a refused replacement).
	Result db.StoreResult
}

// Skipped is a file Load did not read, and why.
type Skipped struct{ File, Reason string }

// Summary is what a Load did.
type Summary struct {
	Loaded, Unchanged, Replaced []LoadEvent
	Refused                     []LoadEvent // replacements with worse checks, not stored
	Failed                      []LoadEvent // unreadable files and errors (not the refused)
	Skipped                     []Skipped
	Figures                     int // figure rows written
}

// Load reads every disclosure under paths (files, or directories walked recursively for
// *.pdf and *.txt), parses them in parallel and stores each in its own transaction. A .txt
// whose .pdf sibling is also being loaded is skipped: it is the same document, and the PDF is
// the original. A failed file leaves nothing behind and does not stop the others; the error
// returned is only for a path that cannot be walked or a cancelled context.
func Load(ctx context.Context, s *db.Store, paths []string, opt LoadOptions) (*Summary, error) {
	files, skipped, err := CollectFiles(paths)
	if err != nil {
		return nil, err
	}
	sum := &Summary{Skipped: skipped}
	parsers, writers := opt.Parsers, opt.Writers
	if parsers <= 0 {
		parsers = runtime.NumCPU()
	}
	if writers <= 0 {
		writers = 2
	}
	jobs := make(chan string)
	parsed := make(chan parsedFile)
	events := make(chan LoadEvent)
	go func() {
		defer close(jobs)
		for _, f := range files {
			select {
			case jobs <- f:
			case <-ctx.Done():
				return
			}
		}
	}()
	runWorkers(parsers, func() { parseFiles(ctx, jobs, parsed, opt) }, func() { close(parsed) })
	runWorkers(writers, func() { storeFiles(ctx, s, parsed, events) }, func() { close(events) })
	for ev := range events {
		sum.add(ev)
		if opt.Progress != nil {
			opt.Progress(ev)
		}
	}
	for _, evs := range [][]LoadEvent{sum.Loaded, sum.Replaced, sum.Unchanged, sum.Refused, sum.Failed} {
		sort.Slice(evs, func(i, j int) bool { return evs[i].File < evs[j].File })
	}
	return sum, ctx.Err()
}

type parsedFile struct {
	path string
	doc  *model.Document
	err  error
}

// runWorkers starts n goroutines running work and calls done after all returned.
func runWorkers(n int, work, done func()) {
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() { defer wg.Done(); work() }()
	}
	go func() { wg.Wait(); done() }()
}

func parseFiles(ctx context.Context, jobs <-chan string, out chan<- parsedFile, opt LoadOptions) {
	for path := range jobs {
		doc, err := ReadFileWith(ctx, path, opt.Read)
		if err == nil && opt.Prepare != nil {
			opt.Prepare(doc)
		}
		out <- parsedFile{path: path, doc: doc, err: err}
	}
}

func storeFiles(ctx context.Context, s *db.Store, in <-chan parsedFile, events chan<- LoadEvent) {
	for p := range in {
		ev := LoadEvent{File: p.path, Err: p.err}
		if p.err == nil && ctx.Err() != nil {
			ev.Err = ctx.Err()
		}
		if ev.Err == nil {
			ev.Result, ev.Err = s.StoreDocument(ctx, p.doc)
			ev.Action, ev.Figures = ev.Result.Action, ev.Result.Figures
		}
		events <- ev
	}
}

func (sum *Summary) add(ev LoadEvent) {
	var refused *db.RefusedError
	switch {
	case errors.As(ev.Err, &refused):
		sum.Refused = append(sum.Refused, ev)
		return
	case ev.Err != nil:
		sum.Failed = append(sum.Failed, ev)
	case ev.Action == db.ActionLoaded:
		sum.Loaded = append(sum.Loaded, ev)
	case ev.Action == db.ActionReplaced:
		sum.Replaced = append(sum.Replaced, ev)
	default:
		sum.Unchanged = append(sum.Unchanged, ev)
	}
	if ev.Action != db.ActionUnchanged {
		sum.Figures += ev.Figures
	}
}

// CollectFiles expands paths into the files Load reads, sorted: named files as given, and
// *.pdf / *.txt files found in directories (hidden ones excluded). A .txt with a .pdf of the
// same name in the set is skipped.
func CollectFiles(paths []string) (files []string, skipped []Skipped, err error) {
	seen := map[string]bool{}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, nil, fmt.Errorf("ingest.CollectFiles: %w", err)
		}
		if !st.IsDir() {
			seen[filepath.Clean(p)] = true
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			hidden := strings.HasPrefix(d.Name(), ".") && path != p
			if d.IsDir() && hidden {
				return filepath.SkipDir
			}
			ext := strings.ToLower(filepath.Ext(path))
			if !d.IsDir() && !hidden && (ext == ".pdf" || ext == ".txt") {
				seen[filepath.Clean(path)] = true
			}
			return nil
		})
		if err != nil {
			return nil, nil, fmt.Errorf("ingest.CollectFiles: %w", err)
		}
	}
	for f := range seen {
		ext := filepath.Ext(f)
		if strings.EqualFold(ext, ".txt") {
			if pdf := pdfSibling(f, seen); pdf != "" {
				skipped = append(skipped, Skipped{f, "same document as " + filepath.Base(pdf)})
				continue
			}
		}
		files = append(files, f)
	}
	sort.Strings(files)
	sort.Slice(skipped, func(i, j int) bool { return skipped[i].File < skipped[j].File })
	return files, skipped, nil
}

func pdfSibling(txt string, seen map[string]bool) string {
	stem := strings.TrimSuffix(txt, filepath.Ext(txt))
	for _, ext := range []string{".pdf", ".PDF"} {
		if seen[stem+ext] {
			return stem + ext
		}
	}
	return ""
}
