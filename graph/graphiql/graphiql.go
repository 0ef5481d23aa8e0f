// Package graphiql serves the GraphiQL explorer with its assets (graphiql 3.8.3, react and
// react-dom 18.3.1, from npm) embedded in the binary, so the page works with no network.
package graphiql

import (
	"embed"
	"html/template"
	"io/fs"
	"net/http"
)

//go:embed assets
var assets embed.FS

var page = template.Must(template.New("graphiql").Parse(`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>budgetql · 预算查询 GraphiQL</title>
<link rel="stylesheet" href="{{.Base}}/assets/graphiql.min.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script src="{{.Base}}/assets/react.production.min.js"></script>
<script src="{{.Base}}/assets/react-dom.production.min.js"></script>
<script src="{{.Base}}/assets/graphiql.min.js"></script>
<script>
// ?query=…&variables=… open a query (the dashboard's "在 GraphiQL 中打开" links do).
const params = new URLSearchParams(location.search);
const fetcher = GraphiQL.createFetcher({ url: {{.Endpoint}} });
const defaultQuery = {{.Example}};
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher, defaultQuery, defaultEditorToolsVisibility: true,
    query: params.get('query') ?? undefined, variables: params.get('variables') ?? undefined }));
</script>
</body>
</html>
`))

const example = `# 预算查询 budgetql: every department's 三公经费 (three public consumptions) in 2025.
{
  ranking(measure: SANGONG_TOTAL, year: 2025) {
    rank
    department { name }
    amount { yuan wanYuan printed unit yoy { loaded { previous change percent } } }
  }
}
`

// Handler serves the page at base (e.g. /graphiql) and its assets under base/assets/; endpoint
// is the GraphQL URL. The page opens ?query= and ?variables= when given.
func Handler(base, endpoint string) http.Handler {
	mux := http.NewServeMux()
	sub, _ := fs.Sub(assets, "assets")
	files := http.StripPrefix(base+"/assets/", http.FileServer(http.FS(sub)))
	mux.Handle(base+"/assets/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		files.ServeHTTP(w, r)
	}))
	mux.HandleFunc(base, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		page.Execute(w, map[string]string{"Base": base, "Endpoint": endpoint, "Example": example})
	})
	return mux
}
