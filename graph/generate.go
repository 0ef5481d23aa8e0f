package graph

//go:generate go run github.com/99designs/gqlgen@v0.17.98 generate --config ../gqlgen.yml
