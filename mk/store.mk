# Store targets (included by the top-level Makefile).
.PHONY: bench-load db-start db-stop db-status

bench: bench-load

bench-load: ## store throughput: 500 replicated corpus documents through the store vs plain COPY
	@set -e; eval "$$(scripts/pg-test-env)"; \
		$(GO) test ./db -run '^$$' -bench 'BenchmarkStoreLoad|BenchmarkCopyFloor' -benchtime 3x -timeout 30m

db-start: ## start the local Postgres cluster (created on first use under $$BUDGETQL_HOME)
	$(GO) run ./cmd/budgetql db start

db-stop: ## stop the local Postgres cluster
	$(GO) run ./cmd/budgetql db stop

db-status:
	$(GO) run ./cmd/budgetql db status
