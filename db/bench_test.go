package db_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"budgetql/db"
	"budgetql/db/dbtest"
	"budgetql/ingest"
	"budgetql/loader/model"
)

// benchDocs is the number of documents the load benchmark stores (BUDGETQL_BENCH_DOCS
// overrides it for quick runs).
var benchDocs = 500

func init() {
	if n, err := strconv.Atoi(os.Getenv("BUDGETQL_BENCH_DOCS")); err == nil && n > 0 {
		benchDocs = n
	}
}

var (
	replicasOnce sync.Once
	replicas     []*model.Document
)

// parseCorpus reads every corpus document (the PDF where there is one); each must parse.
func parseCorpus(t testing.TB) []*model.Document {
	t.Helper()
	files, _, err := ingest.CollectFiles([]string{corpusDir})
	if err != nil {
		t.Fatal(err)
	}
	var docs []*model.Document
	for _, f := range files {
		doc, err := ingest.ReadFile(context.Background(), f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		docs = append(docs, doc)
	}
	return docs
}

// corpusReplicas parses the corpus once and replicates its documents to benchDocs, each with a
// distinct department name, file and sha256 (so every one is a new department, not unchanged).
func corpusReplicas(b *testing.B) []*model.Document {
	b.Helper()
	replicasOnce.Do(func() {
		parsed := parseCorpus(b)
		for i := 0; i < benchDocs; i++ {
			c := *parsed[i%len(parsed)]
			c.Department = fmt.Sprintf("%s%03d分部", c.Department, i)
			c.File = fmt.Sprintf("replica-%03d-%s", i, c.File)
			c.SHA256 = fmt.Sprintf("%s-%03d", c.SHA256, i)
			replicas = append(replicas, &c)
		}
	})
	return replicas
}

func reportRate(b *testing.B, docs, figures int, elapsed time.Duration) {
	b.ReportMetric(float64(docs)/elapsed.Seconds(), "docs/s")
	b.ReportMetric(float64(figures)/elapsed.Seconds(), "figures/s")
	b.ReportMetric(0, "ns/op") // the per-iteration time is not meaningful here
}

// BenchmarkStoreLoad stores 500 documents through StoreDocument, two writers in parallel as
// `budgetql load` does, into a fresh database per iteration.
func BenchmarkStoreLoad(b *testing.B) {
	docs := corpusReplicas(b)
	var elapsed time.Duration
	figures := 0
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := &db.Store{DB: dbtest.New(b)}
		b.StartTimer()
		start := time.Now()
		n, err := storeAll(s, docs, 2)
		elapsed += time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		figures += n
	}
	reportRate(b, b.N*len(docs), figures, elapsed)
}

// BenchmarkCopyFloor writes the same rows with plain COPY, one statement per table, in two
// parallel transactions.
func BenchmarkCopyFloor(b *testing.B) {
	docs := corpusReplicas(b)
	var elapsed time.Duration
	figures := 0
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		d := dbtest.New(b)
		b.StartTimer()
		start := time.Now()
		n, err := db.CopyFloor(context.Background(), d, docs, 2)
		elapsed += time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		figures += n
	}
	reportRate(b, b.N*len(docs), figures, elapsed)
}

func storeAll(s *db.Store, docs []*model.Document, writers int) (int, error) {
	jobs := make(chan *model.Document)
	var mu sync.Mutex
	var firstErr error
	figures := 0
	var wg sync.WaitGroup
	for range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for doc := range jobs {
				res, err := s.StoreDocument(context.Background(), doc)
				mu.Lock()
				figures += res.Figures
				if err != nil && firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
			}
		}()
	}
	for _, doc := range docs {
		jobs <- doc
	}
	close(jobs)
	wg.Wait()
	return figures, firstErr
}
