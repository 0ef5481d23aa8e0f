// Package model holds the GraphQL types of the API: the Decimal scalar, money with its source,
// and the models gqlgen generates from schema.graphql.
package model

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/99designs/gqlgen/graphql"
	"github.com/shopspring/decimal"
)

// Decimal is the GraphQL Decimal scalar: an exact decimal sent as a JSON string.
type Decimal = decimal.Decimal

// MarshalDecimal writes d as a JSON string, e.g. "4474800.00" stays as stored.
func MarshalDecimal(d decimal.Decimal) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		io.WriteString(w, strconv.Quote(d.String()))
	})
}

// ErrBadDecimal wraps every Decimal argument that cannot be read (the API answers BAD_USER_INPUT).
var ErrBadDecimal = errors.New("not a decimal")

// UnmarshalDecimal reads a Decimal from a string or a JSON number; floats are refused so that no
// binary rounding creeps in.
func UnmarshalDecimal(v any) (decimal.Decimal, error) {
	d, err := unmarshalDecimal(v)
	if err != nil {
		return d, fmt.Errorf("%w: %v", ErrBadDecimal, err)
	}
	return d, nil
}

func unmarshalDecimal(v any) (decimal.Decimal, error) {
	switch x := v.(type) {
	case string:
		return decimal.NewFromString(x)
	case json.Number:
		return decimal.NewFromString(x.String())
	case int:
		return decimal.NewFromInt(int64(x)), nil
	case int64:
		return decimal.NewFromInt(x), nil
	default:
		return decimal.Decimal{}, fmt.Errorf("Decimal must be a string such as \"1234.56\", got %T", v)
	}
}
