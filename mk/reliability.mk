# Reliability targets (included by the top-level Makefile). RELIABILITY.md records their results.
.PHONY: fuzz-ci load-test soak reliability

FUZZ_TARGETS_CI ?= FuzzParse FuzzLayoutPages FuzzFinalPages FuzzOCRPages ingest:FuzzReadPDF loader/text:FuzzNormalizeNumber
FUZZTIME_CI     ?= 20s
LOAD_DURATION   ?= 60s
SOAK_DURATION   ?= 30m

fuzz-ci: ## each fuzz target for FUZZTIME_CI (20 s); a crash is kept in loader/testdata/fuzz/
	@GO=$(GO) scripts/fuzz-ci $(FUZZTIME_CI) $(FUZZ_TARGETS_CI)

load-test: ## 32 clients for LOAD_DURATION over testdata/querybook against `budgetql serve`; peak RSS
	@set -e; eval "$$(scripts/pg-test-env)"; \
		BUDGETQL_LOAD_DURATION=$(LOAD_DURATION) $(GO) test ./cmd/budgetql -count=1 -run '^TestLoad32Clients$$' -v -timeout 30m

soak: ## SOAK_DURATION (30 min) of the same load plus abuse; not run in CI
	@set -e; eval "$$(scripts/pg-test-env)"; \
		BUDGETQL_LOAD_DURATION=$(SOAK_DURATION) BUDGETQL_SOAK=1 $(GO) test ./cmd/budgetql -count=1 \
		-run '^TestLoad32Clients$$' -v -timeout 2h

reliability: ## every reliability, fault, abuse and injection test (the CI forms)
	@set -e; eval "$$(scripts/pg-test-env)"; $(GO) test -count=1 -p 1 -v \
		-run 'Reliability|Fault|Abuse|Injection|Killed|Bad|Load32|Drain|Restart|Timeout' ./cmd/budgetql ./graph ./db

# CI runs the fuzz targets for FUZZTIME_CI before the tests (the load test runs inside `make test`).
ifeq ($(CI),true)
test: fuzz-ci
endif
