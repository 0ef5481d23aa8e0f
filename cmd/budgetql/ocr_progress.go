package main

import (
	"fmt"
	"os"
	"sync"

	"github.com/schollz/progressbar/v3"

	"budgetql/ingest"
)

// readOptions are the options every command reads files with: the OCR cache the environment
// names and, on a terminal, a progress bar for each scanned document being OCR'd.
func readOptions(e *env) ingest.ReadOptions {
	return ingest.ReadOptions{CacheDir: ingest.OCRCacheDir(e.getenv), OCRProgress: ocrProgress(e)}
}

// ocrProgress draws a progress bar on stderr for each scanned document while its pages are OCR'd
// (the ingest OCRs one document at a time), when stderr is a terminal; else nil.
func ocrProgress(e *env) func(ingest.OCRProgress) {
	f, ok := e.stderr.(*os.File)
	if !ok || !isTerminal(e.stderr) {
		return nil
	}
	var mu sync.Mutex
	bars := map[string]*progressbar.ProgressBar{}
	return func(p ingest.OCRProgress) {
		mu.Lock()
		defer mu.Unlock()
		bar := bars[p.File]
		if bar == nil {
			bar = progressbar.NewOptions(p.Pages, progressbar.OptionSetWriter(f),
				progressbar.OptionSetDescription(fmt.Sprintf("OCR %s", p.File)), progressbar.OptionShowCount(),
				progressbar.OptionSetItsString("pages"), progressbar.OptionShowIts(), progressbar.OptionClearOnFinish())
			bars[p.File] = bar
		}
		bar.Set(p.Done)
		if p.Done == p.Pages {
			bar.Finish()
			delete(bars, p.File)
		}
	}
}
