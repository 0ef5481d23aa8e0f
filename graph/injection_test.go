package graph_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"budgetql/graph"
	"budgetql/graph/generated"
)

// injections are SQL-meta and Unicode-trick strings sent in every string argument.
var injections = []string{
	`'`, `''`, `' OR '1'='1`, `'; DROP TABLE figure; --`, `"; DELETE FROM document; --`,
	`\`, `\'`, `%`, `_`, `%_%`, `\%`, `$1`, `$$; DROP TABLE figure; $$`, `/*`, `*/ --`,
	`' UNION SELECT usename, passwd FROM pg_shadow --`, `1; SELECT pg_sleep(10)`, `曾都%`, `%热线%`,
	"曾都区测试局\x00", "\x00", "\u202e局试测区都曾", "曾\u200d都", "\ufeff曾都区测试局", "＇ＯＲ＇１＇＝＇１",
	"曾都区测试局\u0301", "\xed\xa0\x80" /* a lone surrogate, invalid UTF-8 */, "😀🇨🇳", "\u2028\u2029", "ﬁ", "Ｄｒｏｐ　ｔａｂｌｅ", "е" /* Cyrillic */, "'||pg_sleep(5)||'",
	strings.Repeat("'", 2000), strings.Repeat("热线", 3000),
}

// injectionQueries reach every String, ID and Decimal argument of the schema with $s.
var injectionQueries = map[string]string{
	"Query.__type(name)":            `query($s: String!) { __type(name: $s) { name } }`,
	"Query.department(name)":        `query($s: String!) { department(name: $s) { name } }`,
	"Query.departments(name)":       `query($s: String) { departments(name: $s) { totalCount } }`,
	"Query.departments(after)":      `query($s: String) { departments(after: $s) { totalCount } }`,
	"Query.document(department)":    `query($s: String!) { document(department: $s, year: 2024) { year } }`,
	"Query.figures(after)":          `query($s: String) { figures(after: $s) { totalCount } }`,
	"FigureFilter.department":       `query($s: ID) { figures(filter: {department: $s}) { totalCount } }`,
	"FigureFilter.document":         `query($s: ID) { figures(filter: {document: $s}) { totalCount } }`,
	"FigureFilter.departmentName":   `query($s: String) { figures(filter: {departmentName: $s}) { totalCount } }`,
	"FigureFilter.rowCode":          `query($s: String) { figures(filter: {rowCode: $s}) { totalCount } }`,
	"FigureFilter.column":           `query($s: String) { figures(filter: {column: $s}) { totalCount } }`,
	"Query.movers(department)":      `query($s: ID) { movers(year: 2024, department: $s) { code } }`,
	"Query.movers(departmentName)":  `query($s: String) { movers(year: 2024, departmentName: $s) { code } }`,
	"Query.movers(minBase)":         `query($s: Decimal) { movers(year: 2024, minBase: $s) { code } }`,
	"Query.node(id)":                `query($s: ID!) { node(id: $s) { id } }`,
	"Query.search(text)":            `query($s: String!) { search(text: $s) { totalCount } }`,
	"Query.search(after)":           `query($s: String) { search(text: "热线", after: $s) { totalCount } }`,
	"SubjectRef.code":               `query($s: String!) { totals(subject: {classification: FUNCTION, code: $s}) { year } }`,
	"Department.series(subject)":    `query($s: String!) { department(name: "曾都区测试局") { series(subject: {classification: FUNCTION, code: $s}) { year } } }`,
	"Document.figures(after)":       `query($s: String) { document(department: "曾都区测试局", year: 2024) { figures(after: $s) { totalCount } } }`,
	"Document.projects(category)":   `query($s: String) { document(department: "曾都区测试局", year: 2024) { projects(category: $s) { code } } }`,
	"Document.subjects(code)":       `query($s: String) { document(department: "曾都区测试局", year: 2024) { subjects(classification: FUNCTION, code: $s) { code } } }`,
	"Document.targets(projectCode)": `query($s: String) { document(department: "曾都区测试局", year: 2024) { targets(projectCode: $s) { level3 } } }`,
}

// stringArgs lists every String, ID or Decimal argument and input field of the schema.
func stringArgs() []string {
	s := generated.NewExecutableSchema(generated.Config{}).Schema()
	isString := func(name string) bool { return name == "String" || name == "ID" || name == "Decimal" }
	var out []string
	for _, def := range s.Types {
		if strings.HasPrefix(def.Name, "__") {
			continue
		}
		for _, f := range def.Fields {
			if def.Kind == "INPUT_OBJECT" && isString(f.Type.Name()) {
				out = append(out, def.Name+"."+f.Name)
			}
			for _, a := range f.Arguments {
				if isString(a.Type.Name()) {
					out = append(out, fmt.Sprintf("%s.%s(%s)", def.Name, f.Name, a.Name))
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// validationCodes are the answers an injected string may get: data, or a refusal of the input.
var validationCodes = map[string]bool{graph.CodeBadInput: true, graph.CodeNotFound: true, "GRAPHQL_VALIDATION_FAILED": true}

// TestInjectionEveryStringArgument sends every injection string in every string argument: each
// answer is data or a validation error, never an internal error or a timeout, and the stored
// rows are the same afterwards.
func TestInjectionEveryStringArgument(t *testing.T) {
	for _, arg := range stringArgs() {
		if _, ok := injectionQueries[arg]; !ok {
			t.Errorf("string argument %s has no injection query", arg)
		}
	}
	a := newAPI(t, graph.Config{RequestTimeout: 10 * time.Second}, twoYears()...)
	before := rowCounts(t, a)
	var sent, data, refused int
	for arg, q := range injectionQueries {
		for _, s := range injections {
			status, resp := a.post(t, map[string]any{"query": q, "variables": map[string]any{"s": s}})
			sent++
			if len(resp.Errors) == 0 {
				data++
				continue
			}
			code, _ := resp.Errors[0].Extensions["code"].(string)
			if !validationCodes[code] {
				t.Errorf("%s with %.40q: status %d, code %q: %.200s", arg, s, status, code, resp.Errors[0].Message)
				continue
			}
			refused++
		}
	}
	if after := rowCounts(t, a); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("rows changed: before %v, after %v", before, after)
	}
	t.Logf("%d arguments × %d strings = %d requests: %d answered with data, %d refused as input, 0 other errors",
		len(injectionQueries), len(injections), sent, data, refused)
}

func rowCounts(t *testing.T, a *api) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, tb := range []string{"region", "department", "department_alias", "document", "figure", "subject", "project", "target"} {
		var n int
		if err := a.store.DB.Get(&n, "SELECT count(*) FROM "+tb); err != nil {
			t.Fatal(err)
		}
		out[tb] = n
	}
	return out
}

// TestInjectionReaderRoleCannotWrite runs writes through a connection of the server's pool
// (role budgetql_reader, read-only transactions): every one is refused, including after the
// session tries to turn read-only off.
func TestInjectionReaderRoleCannotWrite(t *testing.T) {
	a := newAPI(t, graph.Config{}, twoYears()...)
	ctx := context.Background()
	conn, err := a.reader.DB.Conn(ctx) // one connection of the server's own pool
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	writes := []string{
		`INSERT INTO region (name) VALUES ('x')`,
		`UPDATE document SET file_name = 'x'`,
		`DELETE FROM document`,
		`TRUNCATE figure`,
		`CREATE TABLE evil (x int)`,
		`DROP TABLE figure`,
		`ALTER TABLE figure ADD COLUMN evil int`,
		`GRANT ALL ON figure TO PUBLIC`,
		`SET default_transaction_read_only = off; DELETE FROM document`,
		`BEGIN READ WRITE; DELETE FROM document; COMMIT`,
	}
	for _, w := range writes {
		if _, err := conn.ExecContext(ctx, w); err == nil {
			t.Errorf("%s: succeeded through the reader", w)
		} else {
			t.Logf("%-60s refused: %v", w, err)
		}
		conn.ExecContext(ctx, "ROLLBACK")
	}
	var privs int
	conn.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.table_privileges
		WHERE grantee = 'budgetql_reader' AND privilege_type <> 'SELECT'`).Scan(&privs)
	if privs != 0 {
		t.Errorf("budgetql_reader holds %d privileges other than SELECT", privs)
	}
	// The pool logs in as the reader itself, so RESET ROLE cannot reach a role with write rights.
	if !a.reader.LoggedInAsRole {
		t.Error("the API pool logs in as another user and only SET ROLEs the reader")
	}
	var login string
	var super bool
	if err := conn.QueryRowContext(ctx, `RESET ROLE; SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user`).Scan(&login, &super); err != nil {
		t.Fatal(err)
	}
	if login != "budgetql_reader" || super {
		t.Errorf("after RESET ROLE the session is %q (superuser %v), want budgetql_reader", login, super)
	}
	if _, err := conn.ExecContext(ctx, `RESET ROLE; DELETE FROM document`); err == nil {
		t.Error("RESET ROLE; DELETE succeeded through the reader")
	}
	if after := rowCounts(t, a); after["document"] != 2 {
		t.Errorf("documents after the writes: %d, want 2", after["document"])
	}
}
