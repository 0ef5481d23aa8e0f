package web_test

// The harness of the browser tests: a real server over the loaded corpus (the handler
// `budgetql serve` builds) and Debian's Chromium driven through the DevTools protocol. Every tab
// records its console errors, uncaught exceptions, failed loads and the URL of every request,
// and a test fails on any error or any request that leaves the server's origin.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"budgetql/db"
	"budgetql/db/dbtest"
	"budgetql/graph"
	"budgetql/ingest"
	"budgetql/web"
)

// serveCorpus loads the bundled corpus into a fresh database and serves the API and the
// dashboard as `budgetql serve` does.
func serveCorpus(t *testing.T) string {
	t.Helper()
	d, url := dbtest.NewURL(t)
	ctx := context.Background()
	sum, err := ingest.Load(ctx, &db.Store{DB: d}, []string{"../testdata/corpus"}, ingest.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Failed) > 0 || len(sum.Loaded) != 6 {
		t.Fatalf("corpus load: %d loaded, failed %+v", len(sum.Loaded), sum.Failed)
	}
	r, err := db.OpenReader(ctx, url, db.ReaderConfig{Role: db.ReaderRole, StatementTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	srv := httptest.NewServer(graph.NewHandler(r, graph.Config{Pages: web.Handler("")}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// chromium finds Debian's Chromium; without it the tests fail under CI=true and skip elsewhere.
func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no chromium: scripts/setup installs Debian's chromium")
	}
	t.Skip("no chromium (scripts/setup installs it)")
	return ""
}

// newBrowser starts one headless Chromium for a test and its subtests.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1366, 768),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-quic", true),
		chromedp.Flag("lang", "zh-CN"), chromedp.Flag("hide-scrollbars", true))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		cancel()
		cancelAlloc()
		t.Fatalf("start chromium: %v", err)
	}
	t.Cleanup(func() { cancel(); cancelAlloc() })
	return ctx
}

// tab is one page of the browser with what it logged and requested.
type tab struct {
	t         *testing.T
	ctx       context.Context
	base      string
	downloads string

	mu       sync.Mutex
	problems []string
	requests []string
	pins     []string // the Dataset-Version header of each request to /graphql
}

// openTab opens a new tab of width × height and starts recording.
func openTab(t *testing.T, bctx context.Context, base string, width, height int64) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(bctx)
	ctx, cancelTime := context.WithTimeout(ctx, 90*time.Second)
	tb := &tab{t: t, ctx: ctx, base: base, downloads: t.TempDir()}
	chromedp.Listen(ctx, tb.record)
	err := chromedp.Do(ctx, chromedp.EmulateViewport(width, height), chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		if _, err := chromedp.Call(ctx, log.Enable, struct{}{}); err != nil {
			return err
		}
		_, err := chromedp.Call(ctx, network.Enable, network.EnableParams{})
		return err
	}))
	if err != nil {
		t.Fatalf("open tab: %v", err)
	}
	_, err = chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: tb.downloads, EventsEnabled: ptr(true)})
	if err != nil {
		t.Fatalf("download behaviour: %v", err)
	}
	t.Cleanup(func() {
		tb.check()
		cancelTime()
		cancel()
	})
	return tb
}

func ptr[T any](v T) *T { return &v }

func (tb *tab) record(ev any) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	switch e := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert || e.Type == runtime.ConsoleAPICalledTypeWarning {
			var args []string
			for _, a := range e.Args {
				args = append(args, string(a.Value)+a.Description)
			}
			tb.problems = append(tb.problems, fmt.Sprintf("console.%s: %s", e.Type, strings.Join(args, " ")))
		}
	case *runtime.EventExceptionThrown:
		msg := e.ExceptionDetails.Text
		if e.ExceptionDetails.Exception != nil {
			msg += " " + e.ExceptionDetails.Exception.Description
		}
		tb.problems = append(tb.problems, "exception: "+msg)
	case *log.EventEntryAdded:
		if e.Entry.Level == log.EntryLevelError || e.Entry.Level == log.EntryLevelWarning {
			tb.problems = append(tb.problems, fmt.Sprintf("log %s (%s): %s %s", e.Entry.Level, e.Entry.Source, e.Entry.Text, e.Entry.URL))
		}
	case *network.EventRequestWillBeSent:
		tb.requests = append(tb.requests, e.Request.URL)
		if strings.HasSuffix(e.Request.URL, "/graphql") {
			pin, _ := e.Request.Headers["Dataset-Version"].(string)
			tb.pins = append(tb.pins, pin)
		}
	}
}

// check fails the test on any console error or warning, exception or failed load, and on any
// request to another origin.
func (tb *tab) check() {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	for _, p := range tb.problems {
		tb.t.Errorf("browser: %s", p)
	}
	if len(tb.requests) == 0 {
		tb.t.Error("the tab recorded no request: the network log is not working")
	}
	for _, u := range tb.requests {
		if !strings.HasPrefix(u, tb.base+"/") && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "blob:"+tb.base+"/") {
			tb.t.Errorf("request left the origin %s: %s", tb.base, u)
		}
	}
}

// graphqlPins gives the Dataset-Version header of each GraphQL request sent since the call
// with the count n returned (pins(0) is every one).
func (tb *tab) graphqlPins(from int) (pins []string, n int) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return append([]string(nil), tb.pins[from:]...), len(tb.pins)
}

// open navigates to a dashboard path and waits until the page says it is drawn.
func (tb *tab) open(path string) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, chromedp.Navigate(tb.base+path)); err != nil {
		tb.t.Fatalf("open %s: %v", path, err)
	}
	tb.waitReady()
	tb.t.Logf("%s: first figures on screen at %.0f ms, every view drawn at %.0f ms after navigation start", path,
		eval[float64](tb, `window.firstDataMs ?? 0`), eval[float64](tb, `window.firstViewMs`))
	if testing.Verbose() {
		tb.t.Logf("  %s", eval[string](tb, `(() => { const r = performance.getEntriesByType('resource'); const g = r.filter(e => e.name.endsWith('/graphql'));
			return g.length + ' queries sent at ' + Math.round(Math.min(...g.map(e => e.startTime))) + ' ms, all answered at ' + Math.round(Math.max(...g.map(e => e.responseEnd))) +
			' ms; views [id, answer in at, ms to draw]: ' + JSON.stringify(window.panelTimings || []); })()`))
	}
}

// navigate opens any path of the server without waiting for the dashboard's ready flag.
func (tb *tab) navigate(path string) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, chromedp.Navigate(tb.base+path)); err != nil {
		tb.t.Fatalf("open %s: %v", path, err)
	}
}

// pollString waits until a JavaScript expression gives a non-empty string and returns it.
func pollString(tb *tab, js string) string {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Poll[string](`(() => { const v = `+js+`; return v ? v : null; })()`,
		chromedp.WithPollingTimeout(30*time.Second)))
	if err != nil {
		tb.t.Fatalf("waiting for %s: %v", js, err)
	}
	return v
}

// waitReady waits for the page's data-ready flag (set when every view of the page is drawn).
func (tb *tab) waitReady() {
	tb.t.Helper()
	if _, err := chromedp.Run(tb.ctx, chromedp.Poll[bool](`document.body.dataset.ready === 'true'`,
		chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		tb.t.Fatalf("page %s never ready: %v", tb.location(), err)
	}
	// A view whose query failed says so on the page: that fails the test too.
	if errs := eval[[]string](tb, `[...document.querySelectorAll('.error')].map(e => (e.closest('[data-view]')?.dataset.view ?? '') + ': ' + e.textContent)`); len(errs) > 0 {
		tb.t.Errorf("page %s shows errors: %q", tb.location(), errs)
	}
}

func (tb *tab) location() string {
	l, _ := chromedp.Run(tb.ctx, chromedp.Location())
	return l
}

// eval runs JavaScript in the page and decodes its value.
func eval[T any](tb *tab, js string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("eval %q: %v", js, err)
	}
	return v
}

// click clicks the first element matching a CSS selector with the mouse.
func (tb *tab) click(sel string) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, chromedp.ScrollIntoView(chromedp.CSS(sel)), chromedp.Click(chromedp.CSS(sel))); err != nil {
		tb.t.Fatalf("click %s: %v", sel, err)
	}
}

// hover moves the mouse to the point (fx, fy) of the first element matching sel, as fractions
// of its width and height.
func (tb *tab) hover(sel string, fx, fy float64) {
	tb.t.Helper()
	r := eval[[]float64](tb, fmt.Sprintf(`(() => { const e = document.querySelector(%q); e.scrollIntoView({block: 'center'});
		const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })()`, sel))
	if err := chromedp.Do(tb.ctx, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, r[0]+fx*r[2], r[1]+fy*r[3])); err != nil {
		tb.t.Fatalf("hover %s: %v", sel, err)
	}
}

// download clicks sel and returns the bytes of the file the page saves.
func (tb *tab) download(sel string) []byte {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	progress := chromedp.BrowserEvents(ctx, browser.DownloadProgress)
	tb.click(sel)
	for ev, err := range progress {
		if err != nil {
			tb.t.Fatalf("download from %s: %v", sel, err)
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			b, err := os.ReadFile(filepath.Join(tb.downloads, ev.GUID))
			if err != nil {
				tb.t.Fatal(err)
			}
			return b
		}
	}
	tb.t.Fatalf("download from %s did not complete", sel)
	return nil
}

// screenshot writes the full page as PNG to dir/name.
func (tb *tab) screenshot(dir, name string) {
	tb.t.Helper()
	b, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tb.t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
		tb.t.Fatal(err)
	}
}

// viewportShot writes what the window shows as PNG to dir/name.
func (tb *tab) viewportShot(dir, name string) {
	tb.t.Helper()
	b, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		tb.t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
		tb.t.Fatal(err)
	}
}

// gql sends a query to the server from Go, as a notebook would.
func gql(t *testing.T, base, query string, vars map[string]any, dst any) {
	t.Helper()
	gqlVersion(t, base, query, vars, dst)
}

// gqlVersion is gql that also returns the answer's dataset version (extensions.datasetVersion).
func gqlVersion(t *testing.T, base, query string, vars map[string]any, dst any) string {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	resp, err := http.Post(base+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Data       json.RawMessage
		Errors     []struct{ Message string }
		Extensions struct{ DatasetVersion json.Number }
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	if len(out.Errors) > 0 {
		t.Fatalf("query failed: %+v", out.Errors)
	}
	if err := json.Unmarshal(out.Data, dst); err != nil {
		t.Fatal(err)
	}
	return out.Extensions.DatasetVersion.String()
}
