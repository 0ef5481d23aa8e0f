package graph

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"syscall"

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
	// CodeUnavailable: the database cannot be reached or is restarting; retry later.
	CodeUnavailable = "DATABASE_UNAVAILABLE"
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
		switch code {
		case CodeInternal:
			log.Error("graphql", "path", gerr.Path.String(), "err", err)
			gerr.Message = "internal error"
		case CodeUnavailable:
			log.Warn("graphql: database unavailable", "path", gerr.Path.String(), "err", err)
			gerr.Message = "the database is unavailable; retry later"
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
	case errors.As(err, &ue), errors.Is(err, model.ErrBadDecimal), isNoVersion(err):
		return CodeBadInput
	case errors.As(err, &pe) && (pe.Code == "22021" || pe.Code == "22P05"): // text the database cannot hold (NUL)
		return CodeBadInput
	case errors.Is(err, db.ErrNotFound):
		return CodeNotFound
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &pe) && pe.Code == "57014":
		return CodeTimeout
	case unavailable(err):
		return CodeUnavailable
	}
	return CodeInternal
}

// unavailable reports errors of a database that is down, unreachable or restarting.
func unavailable(err error) bool {
	var pe *pq.Error
	var ne net.Error
	if errors.As(err, &pe) {
		return pe.Code.Class() == "08" || pe.Code == "57P01" || pe.Code == "57P02" || pe.Code == "57P03"
	}
	return errors.Is(err, driver.ErrBadConn) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.As(err, &ne) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.ENOENT) || errors.Is(err, syscall.EPIPE)
}
