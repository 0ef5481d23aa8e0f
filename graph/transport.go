package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Media types of GraphQL-over-HTTP responses.
const (
	mediaJSON            = "application/json"
	mediaGraphQLResponse = "application/graphql-response+json"
)

// CodeBadRequest marks a request that is not a well-formed GraphQL-over-HTTP request (a body
// that is not JSON, a parameter of the wrong type, no query): the client's mistake.
const CodeBadRequest = "BAD_REQUEST"

// httpTransport serves queries over HTTP as the GraphQL-over-HTTP specification says: POST with
// an application/json body, or GET with URL parameters; answers in application/json or, when
// the client accepts it, application/graphql-response+json. A request that is not well formed
// gets 400 BAD_REQUEST. With application/json every well-formed request gets 200; with
// application/graphql-response+json a request that failed before execution (parse, validation,
// variables, limits, the database unreachable or timed out) gets 4xx or 5xx and no data entry.
type httpTransport struct {
	clientLog *clientLog
	// begin runs before execution; an error ends the request with that error and no data.
	begin func(r *http.Request, ctx context.Context) (context.Context, error)
	// end runs after execution: it may add extensions and returns the request error, if any,
	// that replaces the data (a database snapshot that broke during execution).
	end func(ctx context.Context, resp *graphql.Response) error
}

var _ graphql.Transport = httpTransport{}

func (httpTransport) Supports(r *http.Request) bool { return r.Header.Get("Upgrade") == "" }

func (t httpTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	media, ok := responseMedia(r.Header.Get("Accept"))
	if !ok {
		t.refuse(w, r, mediaJSON, http.StatusNotAcceptable, "the server answers application/json or application/graphql-response+json; the Accept header allows neither")
		return
	}
	params, status, msg := readParams(r)
	if status != 0 {
		t.refuse(w, r, media, status, msg)
		return
	}
	ctx := r.Context()
	params.ReadTime = graphql.TraceTiming{Start: graphql.Now(), End: graphql.Now()}
	oc, errs := exec.CreateOperationContext(ctx, params)
	if errs != nil {
		resp := exec.DispatchError(graphql.WithOperationContext(ctx, oc), errs)
		writeResponse(w, media, requestErrorStatus(media, http.StatusBadRequest), resp, false)
		return
	}
	if r.Method == http.MethodGet && oc.Operation.Operation != ast.Query {
		w.Header().Set("Allow", http.MethodPost)
		t.refuse(w, r, media, http.StatusMethodNotAllowed, "GET runs queries only")
		return
	}
	if t.begin != nil {
		var err error
		if ctx, err = t.begin(r, ctx); err != nil {
			resp := exec.DispatchError(graphql.WithOperationContext(ctx, oc), gqlerror.List{gqlerror.WrapIfUnwrapped(err)})
			writeResponse(w, media, requestErrorStatus(media, statusOf(errorCode(err))), resp, false)
			return
		}
	}
	handle, ctx := exec.DispatchOperation(ctx, oc)
	resp := handle(ctx)
	if t.end != nil {
		if err := t.end(ctx, resp); err != nil && media == mediaGraphQLResponse {
			writeResponse(w, media, statusOf(errorCode(err)), resp, false)
			return
		}
	}
	writeResponse(w, media, http.StatusOK, resp, true)
}

// refuse answers a request that is not well formed, and logs it within the client log's bounds.
func (t httpTransport) refuse(w http.ResponseWriter, r *http.Request, media string, status int, msg string) {
	t.clientLog.note(r, status, msg)
	resp := &graphql.Response{Errors: gqlerror.List{{Message: msg, Extensions: map[string]any{"code": CodeBadRequest}}}}
	writeResponse(w, media, status, resp, false)
}

// responseMedia picks the response media type from Accept: application/json when it is absent
// or allows anything (*/*, application/*), else the first of the two it names.
func responseMedia(accept string) (string, bool) {
	if strings.TrimSpace(accept) == "" {
		return mediaJSON, true
	}
	for _, part := range strings.Split(accept, ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mt {
		case mediaGraphQLResponse:
			return mediaGraphQLResponse, true
		case mediaJSON, "*/*", "application/*":
			return mediaJSON, true
		}
	}
	return "", false
}

// requestErrorStatus is the status of a request that failed before execution: 200 for
// application/json clients (the spec's legacy rule), status for the others.
func requestErrorStatus(media string, status int) int {
	if media == mediaJSON {
		return http.StatusOK
	}
	return status
}

// statusOf is the HTTP status of a request error with an extensions code.
func statusOf(code string) int {
	switch code {
	case CodeUnavailable:
		return http.StatusServiceUnavailable
	case CodeTimeout:
		return http.StatusGatewayTimeout
	case CodeInternal:
		return http.StatusInternalServerError
	}
	return http.StatusBadRequest
}

// rawParams are the request parameters as sent, each checked for its JSON type.
type rawParams struct {
	Query         json.RawMessage `json:"query"`
	OperationName json.RawMessage `json:"operationName"`
	Variables     json.RawMessage `json:"variables"`
	Extensions    json.RawMessage `json:"extensions"`
}

// readParams reads the parameters of a POST body or a GET URL; a request that is not well
// formed gets a status and a message.
func readParams(r *http.Request) (*graphql.RawParams, int, string) {
	var raw rawParams
	switch r.Method {
	case http.MethodGet:
		q := r.URL.Query()
		for name, dst := range map[string]*json.RawMessage{"query": &raw.Query, "operationName": &raw.OperationName} {
			if q.Has(name) {
				*dst, _ = json.Marshal(q.Get(name))
			}
		}
		raw.Variables, raw.Extensions = json.RawMessage(q.Get("variables")), json.RawMessage(q.Get("extensions"))
	case http.MethodPost:
		mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if err != nil || mt != mediaJSON {
			return nil, http.StatusUnsupportedMediaType, "send the request as Content-Type: application/json"
		}
		if cs := params["charset"]; cs != "" && !strings.EqualFold(cs, "utf-8") {
			return nil, http.StatusUnsupportedMediaType, "send the request body in UTF-8"
		}
		body, err := readBody(r)
		if err != nil {
			return nil, http.StatusBadRequest, err.Error()
		}
		if err := json.Unmarshal(body, &raw); err != nil {
			return nil, http.StatusBadRequest, "the request body is not a JSON object: " + clip(err.Error(), 120)
		}
	default:
		return nil, http.StatusMethodNotAllowed, "use POST, or GET for queries"
	}
	return checkParams(raw)
}

// readBody reads a POST body (already bounded and read by guardBody).
func readBody(r *http.Request) ([]byte, error) {
	var b bytes.Buffer
	if r.Body != nil {
		if _, err := b.ReadFrom(r.Body); err != nil {
			return nil, fmt.Errorf("the request body could not be read")
		}
	}
	if len(bytes.TrimSpace(b.Bytes())) == 0 {
		return nil, fmt.Errorf("the request body is empty: send {\"query\": \"…\"}")
	}
	return b.Bytes(), nil
}

// checkParams types the parameters: query and operationName strings, variables and extensions
// objects (each may be null or absent; query only when a persisted query names it).
func checkParams(raw rawParams) (*graphql.RawParams, int, string) {
	p := &graphql.RawParams{}
	if err := decodeOptional(raw.Query, &p.Query); err != nil {
		return nil, http.StatusBadRequest, "query must be a string"
	}
	if err := decodeOptional(raw.OperationName, &p.OperationName); err != nil {
		return nil, http.StatusBadRequest, "operationName must be a string"
	}
	if err := decodeOptional(raw.Variables, &p.Variables); err != nil {
		return nil, http.StatusBadRequest, "variables must be a JSON object"
	}
	if err := decodeOptional(raw.Extensions, &p.Extensions); err != nil {
		return nil, http.StatusBadRequest, "extensions must be a JSON object"
	}
	if p.Query == "" && p.Extensions["persistedQuery"] == nil {
		return nil, http.StatusBadRequest, "the request has no query"
	}
	return p, 0, ""
}

// decodeOptional decodes a JSON value into dst unless it is absent or null; numbers stay
// json.Number, as gqlgen reads variables.
func decodeOptional(v json.RawMessage, dst any) error {
	if len(bytes.TrimSpace(v)) == 0 || string(bytes.TrimSpace(v)) == "null" {
		return nil
	}
	d := json.NewDecoder(bytes.NewReader(v))
	d.UseNumber()
	return d.Decode(dst)
}

// writeResponse writes a GraphQL response; without withData a request error carries no data
// entry at all.
func writeResponse(w http.ResponseWriter, media string, status int, resp *graphql.Response, withData bool) {
	w.Header().Set("Content-Type", media)
	w.WriteHeader(status)
	out := struct {
		Errors     gqlerror.List   `json:"errors,omitempty"`
		Data       json.RawMessage `json:"data,omitempty"`
		Extensions map[string]any  `json:"extensions,omitempty"`
	}{Errors: resp.Errors, Extensions: resp.Extensions}
	if withData {
		out.Data = resp.Data
		if out.Data == nil {
			out.Data = json.RawMessage("null")
		}
	}
	b, err := json.Marshal(out)
	if err != nil {
		b = []byte(`{"errors":[{"message":"the answer could not be encoded","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}`)
	}
	w.Write(b)
}

// clip cuts s to at most n bytes (on a rune boundary), marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !isRuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
