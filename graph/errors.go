package graph

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
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

// notFoundError is a NOT_FOUND answer that says what to ask instead: the nearest names, the
// loaded years (its extensions).
type notFoundError struct {
	msg string
	ext map[string]any
}

func (e *notFoundError) Error() string        { return e.msg }
func (e *notFoundError) Is(target error) bool { return target == db.ErrNotFound }

// publicMessages are what an error of a code says when it is none of the API's own user errors:
// the error's own text names internal functions and the driver, which a user has no use for.
var publicMessages = map[string]string{
	CodeBadInput:    "the request holds text the database cannot store (such as a NUL character)",
	CodeNotFound:    "not found",
	CodeTimeout:     "the request took longer than the server allows",
	CodeInternal:    "internal error",
	CodeUnavailable: "the database is unavailable; retry later",
}

// presentError is the one error presenter: every error leaves with extensions.code. Only the
// API's own messages to users leave as they are; others are logged and replaced by their code's
// public message.
func presentError(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gerr := graphql.DefaultErrorPresenter(ctx, err)
		if gerr.Extensions != nil && gerr.Extensions["code"] != nil {
			return gerr
		}
		code := errorCode(err)
		var ue *userError
		var nf *notFoundError
		switch {
		case errors.As(err, &nf):
			gerr.Message = nf.msg
			gerr.Extensions = maps.Clone(nf.ext)
		case errors.As(err, &ue), errors.Is(err, model.ErrBadDecimal):
		case code == CodeInternal:
			log.Error("graphql", "path", gerr.Path.String(), "err", err)
			gerr.Message = publicMessages[code]
		case code == CodeUnavailable:
			log.Warn("graphql: database unavailable", "path", gerr.Path.String(), "err", err)
			gerr.Message = publicMessages[code]
		default:
			log.Info("graphql", "path", gerr.Path.String(), "code", code, "err", err)
			gerr.Message = publicMessage(err, code)
		}
		if gerr.Extensions == nil {
			gerr.Extensions = map[string]any{}
		}
		gerr.Extensions["code"] = code
		return gerr
	}
}

// publicMessage is the message an error that is not the API's own leaves with.
func publicMessage(err error, code string) string {
	var pe *pq.Error
	if code == CodeTimeout && errors.As(err, &pe) && pe.Code == "57014" {
		return "a database statement ran past the server's statement timeout; ask for less or retry later"
	}
	return publicMessages[code]
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
