package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"budgetql/db"
	"budgetql/graph/model"

	"github.com/99designs/gqlgen/graphql"
	"github.com/lib/pq"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Error codes sent in extensions.code.
const (
	CodeBadInput = "BAD_USER_INPUT"
	CodeNotFound = "NOT_FOUND"
	CodeTimeout  = "TIMEOUT"
	CodeInternal = "INTERNAL_SERVER_ERROR"
	CodeDepth    = "DEPTH_LIMIT_EXCEEDED"
)

// userError is a mistake in the request: a bad argument, id or cursor.
type userError struct{ msg string }

func (e *userError) Error() string { return e.msg }

func userErrorf(format string, args ...any) error {
	return &userError{msg: fmt.Sprintf(format, args...)}
}

// presentError is the one error presenter: every error leaves with extensions.code. Internal
// errors are logged and sent without their detail.
func presentError(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gerr := graphql.DefaultErrorPresenter(ctx, err)
		if gerr.Extensions != nil && gerr.Extensions["code"] != nil {
			return gerr
		}
		code := errorCode(err)
		if code == CodeInternal {
			log.Error("graphql", "path", gerr.Path.String(), "err", err)
			gerr.Message = "internal error"
		}
		if gerr.Extensions == nil {
			gerr.Extensions = map[string]any{}
		}
		gerr.Extensions["code"] = code
		return gerr
	}
}

func errorCode(err error) string {
	var ue *userError
	var pe *pq.Error
	switch {
	case errors.As(err, &ue), errors.Is(err, model.ErrBadDecimal):
		return CodeBadInput
	case errors.As(err, &pe) && (pe.Code == "22021" || pe.Code == "22P05"): // text the database cannot hold (NUL)
		return CodeBadInput
	case errors.Is(err, db.ErrNotFound):
		return CodeNotFound
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &pe) && pe.Code == "57014":
		return CodeTimeout
	}
	return CodeInternal
}
