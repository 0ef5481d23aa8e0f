package graph_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// lintDir holds the npm package of graphql-schema-linter.
const lintDir = "testdata/schema-lint"

// lintRules are graphql-schema-linter 3.0.1's rules but its alphabetical-order ones: the schema
// lists fields in the order a reader needs them, not by name.
var lintRules = []string{"arguments-have-descriptions", "defined-types-are-used", "deprecations-have-a-reason",
	"descriptions-are-capitalized", "enum-values-all-caps", "enum-values-have-descriptions",
	"fields-are-camel-cased", "fields-have-descriptions", "input-object-values-are-camel-cased",
	"input-object-values-have-descriptions", "relay-connection-arguments-spec", "relay-connection-types-spec",
	"relay-page-info-spec", "types-are-capitalized", "types-have-descriptions"}

// lint runs graphql-schema-linter on a schema (read from stdin) and returns its errors.
func lint(t *testing.T, schema []byte) []string {
	t.Helper()
	cmd := exec.Command("node", "node_modules/graphql-schema-linter/lib/cli.js", "--stdin", "--format", "json",
		"--rules", strings.Join(lintRules, ","))
	cmd.Dir = lintDir
	cmd.Stdin = bytes.NewReader(schema)
	out, _ := cmd.Output() // exit status 1 when it finds errors
	var report struct {
		Errors []struct {
			Message string
			Rule    string
		}
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("graphql-schema-linter: %v: %s", err, out)
	}
	var errs []string
	for _, e := range report.Errors {
		errs = append(errs, e.Rule+": "+e.Message)
	}
	return errs
}

// installLinter installs graphql-schema-linter from npm into lintDir (npm ci, from the lock file)
// unless it is there. It fails, never skips: CI must lint the schema.
func installLinter(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("the schema lint needs %s (scripts/setup installs it): %v", tool, err)
		}
	}
	if _, err := os.Stat(filepath.Join(lintDir, "node_modules", "graphql-schema-linter", "package.json")); err == nil {
		return
	}
	cmd := exec.Command("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
	cmd.Dir = lintDir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("npm ci in %s: %v\n%s", lintDir, err, out)
	}
}

// TestSchemaLint runs graphql-schema-linter 3.0.1 (npm) on schema.graphql: every type, field,
// argument and enum value is described, names are cased as GraphQL expects and the connections
// follow Relay. The linter must also catch an argument without a description.
func TestSchemaLint(t *testing.T) {
	installLinter(t)
	if errs := lint(t, []byte("type Query {\n  \"查询 (query).\"\n  a(b: Int): Int\n}\n")); !strings.Contains(
		strings.Join(errs, "\n"), "arguments-have-descriptions: The `b` argument of `a` is missing a description.") {
		t.Fatalf("the linter does not catch an undescribed argument: %v", errs)
	}
	src, err := os.ReadFile("../schema.graphql")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range lint(t, src) {
		t.Error(e)
	}
}
