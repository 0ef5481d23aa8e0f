package graph

import (
	"context"
	"fmt"
	"strings"

	"budgetql/db"
)

// maxSuggestions is how many names a NOT_FOUND department error suggests.
const maxSuggestions = 5

// departmentNotFound is the NOT_FOUND error of a department name no document printed, with the
// nearest names (extensions.suggestions).
func departmentNotFound(ctx context.Context, r *db.Reader, name string) error {
	names, err := r.DepartmentSuggestions(ctx, name, maxSuggestions)
	if err != nil {
		return err
	}
	msg := fmt.Sprintf("no department is named %q", name)
	if len(names) > 0 {
		msg += "; did you mean " + strings.Join(names, ", ") + "?"
	}
	if names == nil {
		names = []string{}
	}
	return &notFoundError{msg: msg, ext: map[string]any{"suggestions": names}}
}

// yearNotFound is the NOT_FOUND error of a department-year not loaded, with the years that are
// (extensions.loadedYears: of the kind asked for; extensions.loaded: every year and kind).
func yearNotFound(name string, docs []db.DocumentRow, year int, kind string) error {
	var loaded []db.LoadedYear
	for _, d := range docs {
		loaded = appendLoaded(loaded, db.LoadedYear{Year: d.Year, Kind: d.Kind})
	}
	return loadedError(name+" has no", loaded, year, kind)
}

// appendLoaded appends y unless it is already the last element (lists come by year and kind).
func appendLoaded(list []db.LoadedYear, y db.LoadedYear) []db.LoadedYear {
	for _, x := range list {
		if x == y {
			return list
		}
	}
	return append(list, y)
}

// loadedError says that nothing of a kind is loaded for a year, and what is.
func loadedError(prefix string, loaded []db.LoadedYear, year int, kind string) error {
	years := []int{}
	var all []string
	list := []map[string]any{}
	for _, l := range loaded {
		if l.Kind == kind {
			years = append(years, l.Year)
		}
		all = append(all, fmt.Sprintf("%d %s", l.Year, kindName(l.Kind)))
		list = append(list, map[string]any{"year": l.Year, "kind": strings.ToUpper(l.Kind)})
	}
	msg := fmt.Sprintf("%s %s loaded for %d", prefix, kindName(kind), year)
	if len(all) > 0 {
		msg += "; loaded: " + strings.Join(all, ", ")
	} else {
		msg += "; nothing is loaded"
	}
	return &notFoundError{msg: msg, ext: map[string]any{"loadedYears": years, "loaded": list}}
}

// kindName is a kind as users read it: 预算 (BUDGET), 决算 (FINAL).
func kindName(kind string) string {
	if kind == "final" {
		return "决算 (FINAL)"
	}
	return "预算 (BUDGET)"
}

// noDataForYear is the NOT_FOUND error of a cross-department question about a year with no
// document of the kind, or nil when the year is loaded.
func noDataForYear(ctx context.Context, r *db.Reader, year int, kind string) error {
	loaded, err := r.LoadedYears(ctx, 0)
	if err != nil {
		return err
	}
	for _, l := range loaded {
		if l.Year == year && l.Kind == kind {
			return nil
		}
	}
	return loadedError("there is no", loaded, year, kind)
}
