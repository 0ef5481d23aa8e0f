package graph

// gqlgen reads gqlgen.yml and schema.graphql at the repository root.
//go:generate go run -C .. github.com/99designs/gqlgen@v0.17.98 generate
