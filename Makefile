# budgetql: `make demo` serves the API over the bundled corpus; `make test` runs every test.
SHELL := /bin/bash
GO    ?= go
BIN   := bin/budgetql

.PHONY: setup build demo test vet bench fuzz

setup: ## install what is missing on Debian (poppler-utils, postgresql)
	@scripts/setup

build:
	$(GO) build -o $(BIN) ./cmd/budgetql

demo: setup build ## load the bundled corpus into the local database and serve the API on 127.0.0.1:8080
	$(BIN) load testdata/corpus
	$(BIN) serve

test: setup ## every test, against a real Postgres started if needed; leaves the local cluster as it found it
	@GO=$(GO) scripts/test

vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); exit 1; }

bench: bench-parse ## every benchmark

bench-parse: ## parse vs pdftotext -layout per corpus document (BenchmarkParseVsPdftotext gives the ratio)
	$(GO) test ./loader ./ingest -run '^$$' -bench 'BenchmarkParse|BenchmarkPdftotext' -benchtime 20x

FUZZTIME ?= 60s
fuzz: ## run each fuzz target for FUZZTIME
	@GO=$(GO) scripts/fuzz-ci $(FUZZTIME) FuzzParse FuzzParseOCR FuzzParseLayout loader/text:FuzzNormalizeNumber

-include mk/*.mk
