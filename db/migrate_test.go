package db

import "testing"

func TestWithDatabase(t *testing.T) {
	tests := []struct{ in, want string }{
		{"postgres://u:p@localhost:5432/budgetql?sslmode=disable", "postgres://u:p@localhost:5432/other?sslmode=disable"},
		{"postgres:///budgetql?host=%2Ftmp%2Fpg&user=postgres", "postgres:///other?host=%2Ftmp%2Fpg&user=postgres"},
		{"postgresql://localhost/?dbname=budgetql", "postgresql://localhost/other?dbname=other"},
		{"host=/tmp/pg user=postgres dbname=budgetql", "host=/tmp/pg user=postgres dbname=budgetql dbname='other'"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := WithDatabase(tt.in, "other")
			if err != nil || got != tt.want {
				t.Errorf("WithDatabase(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestSchemaIDAndLatestVersion(t *testing.T) {
	if id := SchemaID(); len(id) != 12 {
		t.Errorf("SchemaID() = %q, want 12 hex digits", id)
	}
	if v := LatestVersion(); v < 2 {
		t.Errorf("LatestVersion() = %d, want at least 2 (schema and reader role)", v)
	}
}
