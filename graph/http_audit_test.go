package graph_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"budgetql/graph"
)

// auditDir holds the npm package that runs graphql-http's auditServer (audit.mjs).
const auditDir = "testdata/http-audit"

// installAudit installs graphql-http from npm into auditDir (npm ci, from the lock file) unless
// it is there. It fails, never skips: CI must run the audit.
func installAudit(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("the GraphQL-over-HTTP audit needs %s (scripts/setup installs it): %v", tool, err)
		}
	}
	if _, err := os.Stat(filepath.Join(auditDir, "node_modules", "graphql-http", "package.json")); err == nil {
		return
	}
	cmd := exec.Command("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
	cmd.Dir = auditDir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("npm ci in %s: %v\n%s", auditDir, err, out)
	}
}

// TestGraphQLOverHTTPAudit runs the GraphQL-over-HTTP specification's own audit (npm
// graphql-http 1.23.1, auditServer) against a real server: every audit must pass, warnings and
// notices included.
func TestGraphQLOverHTTPAudit(t *testing.T) {
	installAudit(t)
	a := newAPI(t, graph.Config{}, twoYears()...)
	cmd := exec.Command("node", "audit.mjs", a.srv.URL+"/graphql")
	cmd.Dir = auditDir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node audit.mjs: %v\n%s", err, stderr.String())
	}
	n := 0
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		var r struct{ ID, Name, Status, Reason string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("audit line %q: %v", sc.Text(), err)
		}
		n++
		if r.Status != "ok" {
			t.Errorf("audit %s %s: %s (%s)", r.ID, r.Status, r.Name, r.Reason)
		}
	}
	if n < 60 {
		t.Errorf("the audit ran %d checks, want the 61 of graphql-http 1.23.1", n)
	}
	t.Logf("%d audits, all ok", n)
}
