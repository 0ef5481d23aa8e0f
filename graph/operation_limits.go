package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Limits on the shape of one operation, beyond depth and complexity (abuse: 1,000 aliases,
// introspection repeated by aliases or nested to multiply its answer).
const (
	MaxFields             = 500 // fields in an operation, fragments expanded, aliases counted
	MaxIntrospectionRoots = 5   // __schema and __type fields in an operation
	MaxIntrospectionLists = 3   // list fields (types, fields, args …) nested in one introspection path

	CodeFieldLimit         = "FIELD_LIMIT_EXCEEDED"
	CodeIntrospectionLimit = "INTROSPECTION_LIMIT_EXCEEDED"
	CodeBatch              = "BATCH_NOT_SUPPORTED"
	CodeTooLarge           = "REQUEST_TOO_LARGE"
)

// introspectionLists are the introspection fields that return lists; nesting them multiplies
// the answer (fields { type { fields { … } } }).
var introspectionLists = map[string]bool{"types": true, "fields": true, "args": true, "inputFields": true,
	"interfaces": true, "possibleTypes": true, "enumValues": true, "directives": true}

// operationLimit refuses operations with too many fields or too much introspection.
type operationLimit struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = operationLimit{}

func (operationLimit) ExtensionName() string                          { return "OperationLimit" }
func (operationLimit) Validate(schema graphql.ExecutableSchema) error { return nil }

func (operationLimit) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	var c shapeCount
	c.walk(oc.Operation.SelectionSet, 0, false, 0)
	var err *gqlerror.Error
	switch {
	case c.fields > MaxFields:
		err = gqlerror.Errorf("the operation has more than %d fields (aliases counted)", MaxFields)
		err.Extensions = map[string]any{"code": CodeFieldLimit}
	case c.roots > MaxIntrospectionRoots || c.lists > MaxIntrospectionLists:
		err = gqlerror.Errorf("introspection repeated or nested too deep: at most %d __schema/__type fields and %d nested lists",
			MaxIntrospectionRoots, MaxIntrospectionLists)
		err.Extensions = map[string]any{"code": CodeIntrospectionLimit}
	}
	return err
}

// shapeCount counts fields, introspection roots and the deepest nesting of introspection
// lists; it stops counting once a limit is passed (fragments can multiply the work).
type shapeCount struct{ fields, roots, lists int }

func (c *shapeCount) walk(set ast.SelectionSet, guard int, intro bool, lists int) {
	if guard > 64 || c.fields > MaxFields || c.roots > MaxIntrospectionRoots {
		return
	}
	for _, s := range set {
		switch x := s.(type) {
		case *ast.Field:
			c.fields++
			in, l := intro, lists
			if x.Name == "__schema" || x.Name == "__type" {
				c.roots++
				in = true
			}
			if in && introspectionLists[x.Name] {
				l++
				c.lists = max(c.lists, l)
			}
			c.walk(x.SelectionSet, guard+1, in, l)
		case *ast.InlineFragment:
			c.walk(x.SelectionSet, guard+1, intro, lists)
		case *ast.FragmentSpread:
			if x.Definition != nil {
				c.walk(x.Definition.SelectionSet, guard+1, intro, lists)
			}
		}
	}
}

// guardBody reads the body (already bounded by limitBody) before GraphQL sees it: a body cut
// by the limit (sent without Content-Length) gets 413 REQUEST_TOO_LARGE, a JSON array
// (batched operations) 400 BATCH_NOT_SUPPORTED.
func guardBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			next.ServeHTTP(w, r)
			return
		}
		body, err := io.ReadAll(r.Body)
		var mbe *http.MaxBytesError
		switch {
		case errors.As(err, &mbe):
			writeError(w, http.StatusRequestEntityTooLarge, CodeTooLarge, fmt.Sprintf("request body exceeds the limit of %d bytes", mbe.Limit))
			return
		case err != nil:
			writeError(w, http.StatusBadRequest, CodeBadInput, "the request body could not be read")
			return
		case bytes.HasPrefix(bytes.TrimLeft(body, " \t\r\n"), []byte("[")):
			writeError(w, http.StatusBadRequest, CodeBatch, "batched operations are not supported: send one operation per request")
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}
