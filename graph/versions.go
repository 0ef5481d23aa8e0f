package graph

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"budgetql/db"

	"github.com/99designs/gqlgen/graphql"
)

// VersionHeader pins a request to a dataset version (as does the URL parameter version), so an
// answer cited with its version can be read again after later loads.
const VersionHeader = "Dataset-Version"

// ExtensionVersion is the response extension that gives the dataset version an answer was read
// from.
const ExtensionVersion = "datasetVersion"

// requestPin is the version a request pins (-1 for the newest), from the header or the URL.
func requestPin(r *http.Request) (int64, error) {
	v := strings.TrimSpace(r.Header.Get(VersionHeader))
	if v == "" {
		v = strings.TrimSpace(r.URL.Query().Get("version"))
	}
	if v == "" {
		return -1, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, userErrorf("dataset version %q is not a version number (see budgetql versions)", v)
	}
	return n, nil
}

// beginSnapshot opens the request's snapshot before execution: every statement of the request
// then reads the same committed state, at one dataset version.
func beginSnapshot(rd *db.Reader) func(*http.Request, context.Context) (context.Context, error) {
	return func(r *http.Request, ctx context.Context) (context.Context, error) {
		pin, err := requestPin(r)
		if err != nil {
			return ctx, err
		}
		s, err := rd.Begin(ctx, pin)
		if err != nil {
			return ctx, err
		}
		return db.WithSnapshot(ctx, s), nil
	}
}

// endSnapshot closes the request's snapshot and gives its version in the response's
// extensions. It returns the error that broke the snapshot when the database was unreachable
// or timed out, so the transport can answer with a request error.
func endSnapshot(ctx context.Context, resp *graphql.Response) error {
	s := db.SnapshotFrom(ctx)
	if s == nil {
		return nil
	}
	err := s.Close()
	if resp.Extensions == nil {
		resp.Extensions = map[string]any{}
	}
	resp.Extensions[ExtensionVersion] = s.Version
	if err != nil {
		if code := errorCode(err); code == CodeUnavailable || code == CodeTimeout {
			return err
		}
	}
	return nil
}

// isNoVersion reports a pinned version that does not exist.
func isNoVersion(err error) bool { return errors.Is(err, db.ErrNoVersion) }
