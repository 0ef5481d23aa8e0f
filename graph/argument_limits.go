package graph

import (
	"context"
	"fmt"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Bounds on string arguments: every string an operation passes (names, ids, cursors, codes,
// filters; in variables or inline, in input objects and lists) is at most MaxStringArgument
// characters, a search term at most MaxSearchText. Longer ones are refused before anything runs.
const (
	MaxStringArgument = 200
	MaxSearchText     = 64
)

// argumentLimit refuses operations with an over-long string argument.
type argumentLimit struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = argumentLimit{}

func (argumentLimit) ExtensionName() string                          { return "ArgumentLimit" }
func (argumentLimit) Validate(schema graphql.ExecutableSchema) error { return nil }

func (argumentLimit) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if msg := longArgument(oc.Operation.SelectionSet, oc.Variables, 0); msg != "" {
		err := gqlerror.Errorf("%s", msg)
		err.Extensions = map[string]any{"code": CodeBadInput}
		return err
	}
	return nil
}

// longArgument names the first argument of set (fragments included) holding a string over its
// bound, "" when none does.
func longArgument(set ast.SelectionSet, vars map[string]any, guard int) string {
	if guard > 64 {
		return ""
	}
	for _, s := range set {
		var msg string
		switch x := s.(type) {
		case *ast.Field:
			for name, v := range x.ArgumentMap(vars) {
				limit := MaxStringArgument
				if x.Name == "search" && name == "text" {
					limit = MaxSearchText
				}
				if n := longestString(v); n > limit {
					return fmt.Sprintf("argument %s of %s is %d characters long; the limit is %d", name, x.Name, n, limit)
				}
			}
			msg = longArgument(x.SelectionSet, vars, guard+1)
		case *ast.InlineFragment:
			msg = longArgument(x.SelectionSet, vars, guard+1)
		case *ast.FragmentSpread:
			if x.Definition != nil {
				msg = longArgument(x.Definition.SelectionSet, vars, guard+1)
			}
		}
		if msg != "" {
			return msg
		}
	}
	return ""
}

// longestString is the length in characters of the longest string in v (input objects and
// lists searched).
func longestString(v any) int {
	switch x := v.(type) {
	case string:
		return utf8.RuneCountInString(x)
	case *string:
		if x != nil {
			return utf8.RuneCountInString(*x)
		}
	case map[string]any:
		n := 0
		for _, e := range x {
			n = max(n, longestString(e))
		}
		return n
	case []any:
		n := 0
		for _, e := range x {
			n = max(n, longestString(e))
		}
		return n
	}
	return 0
}
