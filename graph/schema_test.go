package graph_test

import (
	"os"
	"strings"
	"testing"
	"unicode"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// TestSchemaDescriptions checks that every type, field, argument, input field and enum value of
// schema.graphql has a description that gives its Chinese term.
func TestSchemaDescriptions(t *testing.T) {
	src, err := os.ReadFile("../schema.graphql")
	if err != nil {
		t.Fatal(err)
	}
	schema, gerr := gqlparser.LoadSchema(&ast.Source{Name: "schema.graphql", Input: string(src)})
	if gerr != nil {
		t.Fatal(gerr)
	}
	chinese := func(s string) bool {
		for _, r := range s {
			if unicode.Is(unicode.Han, r) {
				return true
			}
		}
		return false
	}
	checked := 0
	for name, def := range schema.Types {
		if def.BuiltIn || strings.HasPrefix(name, "__") {
			continue
		}
		checked++
		if !chinese(def.Description) {
			t.Errorf("type %s: description %q has no Chinese term", name, def.Description)
		}
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			checked++
			if !chinese(f.Description) {
				t.Errorf("%s.%s: description %q has no Chinese term", name, f.Name, f.Description)
			}
			for _, a := range f.Arguments {
				checked++
				if !chinese(a.Description) {
					t.Errorf("%s.%s(%s): description %q has no Chinese term", name, f.Name, a.Name, a.Description)
				}
			}
		}
		for _, v := range def.EnumValues {
			checked++
			if !chinese(v.Description) {
				t.Errorf("%s.%s: description %q has no Chinese term", name, v.Name, v.Description)
			}
		}
	}
	if checked < 300 {
		t.Errorf("checked only %d definitions", checked)
	}
	t.Logf("%d types, fields and enum values described", checked)
}
