# Dashboard targets (included by the top-level Makefile). The dashboard has no build step: web/static
# is served as it is (plain ES modules, ECharts vendored from npm), so `go build` alone ships it.
.PHONY: screenshots web-test

screenshots: ## screenshots of every dashboard page at 1366×768 and phone width into docs/screenshots
	@set -e; eval "$$(scripts/pg-test-env)"; \
		$(GO) test ./web -count=1 -run '^TestDashboard$$/(screenshots|source-of-a-click)$$' -screenshots "$(CURDIR)/docs/screenshots"; \
		ls docs/screenshots

web-test: ## the dashboard's browser tests (Chromium against a server over the corpus)
	@set -e; eval "$$(scripts/pg-test-env)"; $(GO) test ./web -count=1 -run '^TestDashboard$$' -v
