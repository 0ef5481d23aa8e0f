// Package web is the reference dashboard that `budgetql serve` ships: plain ES modules and
// Apache ECharts (npm echarts 6.1.0, vendored under static/vendor) embedded in the binary, so the
// pages load nothing from another host. The pages read only the public GraphQL API at /graphql.
package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"strings"
	"time"
)

//go:embed static
var static embed.FS

// asset is one embedded file with its validator and, for large text files, a gzip copy.
type asset struct {
	body, gz []byte
	etag     string
	ctype    string
}

// Handler serves the dashboard: the app shell at /, /d/<id>, /compare and /embed/<view>, and
// the files under /static/. Other paths are 404. With dir set, the files are read from that
// folder on every request instead of from the binary, for editing them (serve --web-dir).
func Handler(dir string) http.Handler {
	sub, _ := fs.Sub(static, "static")
	files := loadAssets(sub)
	current := func() map[string]*asset {
		if dir != "" {
			return loadAssets(os.DirFS(dir))
		}
		return files
	}
	mux := http.NewServeMux()
	page := func(w http.ResponseWriter, r *http.Request) { serveAsset(w, r, current()["index.html"]) }
	mux.HandleFunc("GET /{$}", page)
	mux.HandleFunc("GET /compare", page)
	mux.HandleFunc("GET /d/{id}", page)
	mux.HandleFunc("GET /embed/{view}", page)
	mux.HandleFunc("GET /static/", func(w http.ResponseWriter, r *http.Request) {
		a, ok := current()[strings.TrimPrefix(r.URL.Path, "/static/")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		serveAsset(w, r, a)
	})
	return mux
}

// loadAssets reads every file and compresses the large text files.
func loadAssets(sub fs.FS) map[string]*asset {
	out := map[string]*asset{}
	fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(sub, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		a := &asset{body: body, etag: `"` + hex.EncodeToString(sum[:8]) + `"`, ctype: contentType(p)}
		if len(body) > 8<<10 && !strings.HasPrefix(a.ctype, "image/") {
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
			zw.Write(body)
			zw.Close()
			a.gz = buf.Bytes()
		}
		out[p] = a
		return nil
	})
	return out
}

func contentType(p string) string {
	switch path.Ext(p) {
	case ".mjs", ".js":
		return "text/javascript; charset=utf-8"
	case ".html":
		return "text/html; charset=utf-8"
	}
	if t := mime.TypeByExtension(path.Ext(p)); t != "" {
		return t
	}
	return "text/plain; charset=utf-8"
}

// serveAsset answers with the file, its ETag (revalidated on every load, so a new binary's
// pages are never mixed with cached old modules) and gzip when the client takes it.
func serveAsset(w http.ResponseWriter, r *http.Request, a *asset) {
	h := w.Header()
	h.Set("Content-Type", a.ctype)
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; frame-ancestors *")
	h.Add("Vary", "Accept-Encoding")
	body, etag := a.body, a.etag
	if a.gz != nil && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		h.Set("Content-Encoding", "gzip")
		body, etag = a.gz, strings.TrimSuffix(a.etag, `"`)+`-gz"`
	}
	h.Set("ETag", etag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}
