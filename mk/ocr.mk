# OCR targets (included by the top-level Makefile). BENCHMARKS.md ("OCR") records bench-ocr.
.PHONY: bench-ocr

bench-ocr: ## scans of the corpora's text PDFs (150/300 dpi, turned and soiled) read through OCR: accuracy and s/page
	$(GO) test ./ingest -count=1 -run '^$$' -bench '^BenchmarkOCR$$' -benchtime 1x -v -timeout 0
