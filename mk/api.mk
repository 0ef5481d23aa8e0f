# API targets (included by the top-level Makefile). BENCHMARKS.md ("API") records bench-api.
.PHONY: bench-api querybook querybook-update generate

bench: bench-api

bench-api: ## query book at 1 and 16 clients over the corpus replicated to 2,004 department-years, vs direct SQL
	@set -e; eval "$$(scripts/pg-test-env)"; \
		$(GO) test ./graph -count=1 -run '^$$' -bench '^BenchmarkAPIQueryBook$$' -benchtime 1x -v -timeout 60m

querybook: ## run the 20 query-book questions against a server over the loaded corpus
	@set -e; eval "$$(scripts/pg-test-env)"; $(GO) test ./graph -count=1 -run '^TestQueryBook$$'

querybook-update: ## rewrite testdata/querybook/*.json from the server's answers (review the diff!)
	@set -e; eval "$$(scripts/pg-test-env)"; $(GO) test ./graph -count=1 -run '^TestQueryBook$$' -update

generate: ## regenerate graph/generated and graph/model/models_gen.go from schema.graphql
	$(GO) generate ./graph
