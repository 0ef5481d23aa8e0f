// Package graph serves the GraphQL analytics API over the store: resolvers (thin: arguments to a
// filter, one store call through a per-request dataloader), the Decimal scalar, the error
// presenter, limits and the HTTP handler with GraphiQL. Generated code is in graph/generated.
package graph

import (
	"encoding/base64"
	"strconv"
	"strings"

	"budgetql/db"
	"budgetql/graph/generated"
	"budgetql/graph/model"
)

// Resolver is the root resolver; it holds the read-only store.
type Resolver struct {
	Reader *db.Reader
}

// Department returns the Department resolver.
func (r *Resolver) Department() generated.DepartmentResolver { return &departmentResolver{r} }

// Document returns the Document resolver.
func (r *Resolver) Document() generated.DocumentResolver { return &documentResolver{r} }

// ExpenditureTotals returns the ExpenditureTotals resolver.
func (r *Resolver) ExpenditureTotals() generated.ExpenditureTotalsResolver {
	return &expenditureTotalsResolver{r}
}

// Figure returns the Figure resolver.
func (r *Resolver) Figure() generated.FigureResolver { return &figureResolver{r} }

// Money returns the Money resolver.
func (r *Resolver) Money() generated.MoneyResolver { return &moneyResolver{r} }

// Mover returns the Mover resolver.
func (r *Resolver) Mover() generated.MoverResolver { return &moverResolver{r} }

// Procurement returns the Procurement resolver.
func (r *Resolver) Procurement() generated.ProcurementResolver { return &procurementResolver{r} }

// ProcurementItem returns the ProcurementItem resolver.
func (r *Resolver) ProcurementItem() generated.ProcurementItemResolver {
	return &procurementItemResolver{r}
}

// Query returns the Query resolver.
func (r *Resolver) Query() generated.QueryResolver { return &queryResolver{r} }

// RankedAmount returns the RankedAmount resolver.
func (r *Resolver) RankedAmount() generated.RankedAmountResolver { return &rankedAmountResolver{r} }

// Sangong returns the Sangong resolver.
func (r *Resolver) Sangong() generated.SangongResolver { return &sangongResolver{r} }

// SearchHit returns the SearchHit resolver.
func (r *Resolver) SearchHit() generated.SearchHitResolver { return &searchHitResolver{r} }

// Source returns the Source resolver.
func (r *Resolver) Source() generated.SourceResolver { return &sourceResolver{r} }

// Staff returns the Staff resolver.
func (r *Resolver) Staff() generated.StaffResolver { return &staffResolver{r} }

// Target returns the Target resolver.
func (r *Resolver) Target() generated.TargetResolver { return &targetResolver{r} }

type (
	departmentResolver        struct{ *Resolver }
	documentResolver          struct{ *Resolver }
	expenditureTotalsResolver struct{ *Resolver }
	figureResolver            struct{ *Resolver }
	moneyResolver             struct{ *Resolver }
	moverResolver             struct{ *Resolver }
	procurementResolver       struct{ *Resolver }
	procurementItemResolver   struct{ *Resolver }
	queryResolver             struct{ *Resolver }
	rankedAmountResolver      struct{ *Resolver }
	sangongResolver           struct{ *Resolver }
	searchHitResolver         struct{ *Resolver }
	sourceResolver            struct{ *Resolver }
	staffResolver             struct{ *Resolver }
	targetResolver            struct{ *Resolver }
)

// Global ids are base64 of "Type:number".
const (
	typeDepartment = "Department"
	typeDocument   = "Document"
)

func globalID(typ string, id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(typ + ":" + strconv.FormatInt(id, 10)))
}

// parseID decodes a global id; a malformed id is a user error.
func parseID(id string) (string, int64, error) {
	b, err := base64.RawURLEncoding.DecodeString(id)
	if err == nil {
		typ, num, ok := strings.Cut(string(b), ":")
		if n, err := strconv.ParseInt(num, 10, 64); ok && err == nil {
			return typ, n, nil
		}
	}
	return "", 0, userErrorf("malformed id %q", id)
}

// parseTypedID decodes a global id of one type.
func parseTypedID(id, want string) (int64, error) {
	typ, n, err := parseID(id)
	if err != nil {
		return 0, err
	}
	if typ != want {
		return 0, userErrorf("id %q is a %s, not a %s", id, typ, want)
	}
	return n, nil
}

// cursor encodes a position as an opaque string; parseCursor reverses it.
func cursor(parts ...int64) string {
	s := make([]string, len(parts))
	for i, p := range parts {
		s[i] = strconv.FormatInt(p, 10)
	}
	return base64.RawURLEncoding.EncodeToString([]byte("c:" + strings.Join(s, ":")))
}

func parseCursor(c *string, n int) ([]int64, error) {
	out := make([]int64, n)
	if c == nil || *c == "" {
		return out, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(*c)
	parts := strings.Split(strings.TrimPrefix(string(b), "c:"), ":")
	if err != nil || !strings.HasPrefix(string(b), "c:") || len(parts) != n {
		return nil, userErrorf("malformed cursor %q", *c)
	}
	for i, p := range parts {
		if out[i], err = strconv.ParseInt(p, 10, 64); err != nil {
			return nil, userErrorf("malformed cursor %q", *c)
		}
	}
	return out, nil
}

// MaxPage is the largest page a connection returns.
const MaxPage = 100

// pageSize checks a connection's first argument.
func pageSize(first *int, def int) (int, error) {
	if first == nil {
		return def, nil
	}
	if *first < 0 || *first > MaxPage {
		return 0, userErrorf("first must be between 0 and %d, got %d", MaxPage, *first)
	}
	return *first, nil
}

// kindArg is the store's kind for a Kind argument (budget by default).
func kindArg(k *model.Kind) string {
	if k == nil {
		return "budget"
	}
	return strings.ToLower(string(*k))
}
