package web_test

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	"budgetql/web"
)

// TestHandlerRoutes: the app's paths get the shell, files come from the binary with an ETag and
// gzip, unknown paths are 404, and every file loads only from the origin.
func TestHandlerRoutes(t *testing.T) {
	srv := httptest.NewServer(web.Handler(""))
	defer srv.Close()
	get := func(path string, hdr ...string) *http.Response {
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		for i := 0; i+1 < len(hdr); i += 2 {
			req.Header.Set(hdr[i], hdr[i+1])
		}
		resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	for _, p := range []string{"/", "/d/RGVwYXJ0bWVudDoy", "/compare?view=movers", "/embed/ranking?year=2025"} {
		resp := get(p)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(body), `<script type="module" src="/static/js/main.js">`) {
			t.Errorf("GET %s: %d, not the app shell", p, resp.StatusCode)
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
			t.Errorf("GET %s: CSP %q", p, csp)
		}
	}
	for _, p := range []string{"/nope", "/d/", "/d/x/y", "/static/js/missing.js"} {
		if resp := get(p); resp.StatusCode != 404 {
			t.Errorf("GET %s: %d, want 404", p, resp.StatusCode)
		}
	}
	resp := get("/static/vendor/echarts-6.1.0/echarts.esm.min.mjs", "Accept-Encoding", "gzip")
	zr, err := gzip.NewReader(resp.Body)
	if err != nil || resp.Header.Get("Content-Encoding") != "gzip" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/javascript") {
		t.Fatalf("echarts: %v, encoding %q, type %q", err, resp.Header.Get("Content-Encoding"), resp.Header.Get("Content-Type"))
	}
	js, _ := io.ReadAll(zr)
	resp.Body.Close()
	if len(js) < 1<<20 || !strings.Contains(string(js), "echarts") {
		t.Errorf("echarts unzipped to %d bytes", len(js))
	}
	if again := get("/static/vendor/echarts-6.1.0/echarts.esm.min.mjs", "Accept-Encoding", "gzip", "If-None-Match", resp.Header.Get("ETag")); again.StatusCode != 304 {
		t.Errorf("revalidation with the ETag: %d, want 304", again.StatusCode)
	}
}

// TestNoOtherHost: no file of the dashboard's own code names another host (an absolute or
// protocol-relative address); the browser tests check the requests themselves.
func TestNoOtherHost(t *testing.T) {
	remote := regexp.MustCompile("https?://|[\"'(`]//")
	for _, dir := range []string{"static", "static/js", "static/js/pages"} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.IsDir() {
				continue
			}
			b, _ := os.ReadFile(dir + "/" + e.Name())
			if m := remote.Find(b); m != nil {
				t.Errorf("%s/%s loads from another host: %s", dir, e.Name(), m)
			}
		}
	}
}
