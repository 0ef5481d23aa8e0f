package ingest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"budgetql/ingest/scantest"
	"budgetql/loader"
	"budgetql/loader/model"

	"github.com/shopspring/decimal"
)

// The whole-document OCR run (make bench-ocr): every document is scanned in each variant, read
// through OCR with no cache, and compared with its text PDF read by the same grid reader (the
// text layer's words through grid.FromWords) and with the answer key. The table goes to
// BENCHMARKS.md between ocrBenchBegin and ocrBenchEnd. BUDGETQL_BENCH_OCR_DOCS (comma-separated
// names, "corpus/NAME" or "corpus-wide/NAME") and BUDGETQL_BENCH_OCR_VARIANTS ("300dpi,150dpi-
// rot0.5-noise") choose a part of the run.
var ocrBenchDocs = []string{
	"corpus/putuo-govoffice-budget-2025", "corpus/putuo-finance-final-2024",
	"corpus/putuo-wanli-street-budget-2023", "corpus/putuo-wanli-street-budget-2024",
	"corpus/putuo-wanli-street-budget-2025",
	"corpus-wide/beijing-subcenter-budget-2026", "corpus-wide/shanghai-audit-unit-budget-2026",
	"corpus-wide/chongqing-publicity-budget-2026", "corpus-wide/guangzhou-sasac-budget-2026",
}

var ocrBenchVariants = []scantest.Options{
	{DPI: 300, Seed: 1}, {DPI: 150, Seed: 1},
	{DPI: 300, Rotate: 0.5, Noise: 6, Seed: 1}, {DPI: 150, Rotate: -0.7, Noise: 6, Seed: 1},
}

const (
	ocrBenchBegin = "<!-- bench-ocr: begin -->"
	ocrBenchEnd   = "<!-- bench-ocr: end -->"
)

func sharedDir() string {
	if d := os.Getenv("BUDGETQL_SHARED"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "shared")
}

// ocrBenchRow is one scan's result.
type ocrBenchRow struct {
	doc, variant                  string
	pages                         int
	secsPerPage                   float64
	figures                       int // figures of the text read by the grid reader
	before, after                 int // of those, read differently by OCR before and after repairs
	repaired, failedCheck, silent int // the differing figures after repairs, by what shows them
	missing                       int // figures of the text the scan does not have at all
	keyText, keyScan, keyN        int // answer-key facts matched by the text PDF and by the scan
	err                           string
	diffs                         []string // the figures that differ, for the log
}

func BenchmarkOCR(b *testing.B) {
	docs, variants := ocrBenchDocs, ocrBenchVariants
	if v := os.Getenv("BUDGETQL_BENCH_OCR_DOCS"); v != "" {
		docs = strings.Split(v, ",")
	}
	if v := os.Getenv("BUDGETQL_BENCH_OCR_VARIANTS"); v != "" {
		var keep []scantest.Options
		for _, o := range variants {
			if strings.Contains(","+v+",", ","+o.Name()+",") {
				keep = append(keep, o)
			}
		}
		variants = keep
	}
	var rows []ocrBenchRow
	for b.Loop() {
		rows = rows[:0]
		for _, d := range docs {
			for _, o := range variants {
				r := benchOneScan(b, d, o)
				b.Logf("%s %s: %s\n\t%s", r.doc, r.variant, r.markdown(), strings.Join(r.diffs, "\n\t"))
				rows = append(rows, r)
			}
		}
	}
	if err := writeOCRBench(rows); err != nil {
		b.Fatal(err)
	}
}

func benchOneScan(b *testing.B, doc string, o scantest.Options) ocrBenchRow {
	ctx := context.Background()
	r := ocrBenchRow{doc: doc, variant: o.Name()}
	pdf := filepath.Join(sharedDir(), doc+".pdf")
	text, err := readTextByGrid(ctx, pdf)
	if err != nil {
		r.err = "text: " + err.Error()
		return r
	}
	r.pages = text.Pages
	scan := filepath.Join(b.TempDir(), filepath.Base(doc)+"-"+o.Name()+".pdf")
	if err := scantest.Make(ctx, pdf, scan, o); err != nil {
		r.err = "scan: " + err.Error()
		return r
	}
	start := time.Now()
	got, err := ReadFileWith(ctx, scan, ReadOptions{CacheDir: "off"})
	r.secsPerPage = time.Since(start).Seconds() / float64(max(r.pages, 1))
	if err != nil {
		r.err = err.Error()
		return r
	}
	compareFigures(&r, text, got)
	key := answerKey(filepath.Dir(pdf), filepath.Base(doc))
	if key != nil {
		r.keyText, r.keyN = matchKey(key, text)
		r.keyScan, _ = matchKey(key, got)
	}
	return r
}

// readTextByGrid reads a text PDF as the scan of it is read, through the word boxes of its text
// layer, so that the two differ only by what the OCR read.
func readTextByGrid(ctx context.Context, pdf string) (*model.Document, error) {
	data, err := os.ReadFile(pdf)
	if err != nil {
		return nil, err
	}
	txt, err := pdfText(ctx, data)
	if err != nil {
		return nil, err
	}
	_, pages, err := scannedPages(ctx, pdf, txt)
	if err != nil {
		return nil, err
	}
	tsv, err := PDFWords(ctx, pdf, pages)
	if err != nil {
		return nil, err
	}
	return loader.ParseFormat(filepath.Base(pdf), tsv, model.FormatScan)
}

type figKey struct {
	table      model.TableID
	row, col   string
	occurrence int
}

func keyed(doc *model.Document) map[figKey]model.Figure {
	out := map[figKey]model.Figure{}
	seen := map[figKey]int{}
	for _, f := range doc.Figures() {
		k := figKey{f.Table, f.RowCode, f.Column, 0}
		k.occurrence = seen[k]
		seen[figKey{f.Table, f.RowCode, f.Column, 0}]++
		out[k] = f
	}
	return out
}

// compareFigures counts the text's figures the scan reads differently: as read (the printed
// value) and after repairs, and for the latter whether a repair or a failed check shows it.
func compareFigures(r *ocrBenchRow, text, scan *model.Document) {
	failedLines := map[int]bool{}
	for _, c := range scan.Checks {
		if c.Result == model.CheckFailed {
			for _, l := range c.Lines {
				failedLines[l] = true
			}
		}
	}
	sf := keyed(scan)
	for k, want := range keyed(text) {
		r.figures++
		got, ok := sf[k]
		if !ok {
			r.missing++
			r.diffs = append(r.diffs, fmt.Sprintf("not read: %s %s %s %s (%q)", k.table, k.row, k.col, want.Yuan, want.Printed))
			continue
		}
		if !sameValue(asPrinted(got), want) {
			r.before++
		}
		if sameValue(got, want) {
			continue
		}
		r.after++
		how := "silent"
		switch {
		case got.Status == model.StatusRepaired:
			r.repaired++
			how = "repaired"
		case failedLines[got.Line]:
			r.failedCheck++
			how = "failed check"
		default:
			r.silent++
		}
		r.diffs = append(r.diffs, fmt.Sprintf("%s: %s %s %s read %q = %s (%s), text %s", how, k.table, k.row, k.col,
			got.Printed, got.Yuan, got.Status, want.Yuan))
	}
}

func sameValue(a, b model.Figure) bool { return a.Blank == b.Blank && a.Yuan.Equal(b.Yuan) }

// asPrinted is the figure with the value it was read with, before any repair.
func asPrinted(f model.Figure) model.Figure {
	if f.Status != model.StatusRepaired {
		return f
	}
	a, err := text2Amount(f.Printed, f.Unit)
	if err != nil {
		f.Blank = true
		return f
	}
	f.Yuan, f.Blank = a, false
	return f
}

// text2Amount is the value in yuan of a printed amount ("1,202.95" in 万元 is 12029500).
func text2Amount(printed string, unit model.Unit) (decimal.Decimal, error) {
	v, err := decimal.NewFromString(strings.NewReplacer(",", "", " ", "").Replace(printed))
	if err != nil {
		return decimal.Zero, err
	}
	if unit == model.TenThous {
		v = v.Shift(4)
	}
	return v, nil
}

// answerKey returns a document's entry of its corpus's answer-key.json, or nil.
func answerKey(dir, name string) map[string]any {
	data, err := os.ReadFile(filepath.Join(dir, "answer-key.json"))
	if err != nil {
		return nil
	}
	var k struct {
		Documents map[string]map[string]any `json:"documents"`
	}
	if json.Unmarshal(data, &k) != nil {
		return nil
	}
	return k.Documents[name]
}

// matchKey counts the answer key's facts the document's figures hold, as
// ../shared/tools/figcheck.py does: each fact is looked up at its table, row and column.
func matchKey(key map[string]any, doc *model.Document) (ok, n int) {
	have := map[[3]string][]decimal.Decimal{}
	for _, f := range doc.Figures() {
		if !f.Blank {
			k := [3]string{string(f.Table), f.RowCode, f.Column}
			have[k] = append(have[k], f.Yuan)
		}
	}
	for _, fact := range keyFacts(key) {
		n++
		want, err := decimal.NewFromString(fact.value)
		if err != nil {
			continue
		}
	lookups:
		for _, l := range fact.at {
			for _, v := range have[l] {
				if v.Equal(want) {
					ok++
					break lookups
				}
			}
		}
	}
	return ok, n
}

type keyFact struct {
	value string
	at    [][3]string
}

// keyFacts lists the facts of figcheck.py's facts() that have a value (acceptable alternatives
// are left out: a fact counts only when its value is read).
func keyFacts(key map[string]any) []keyFact {
	var out []keyFact
	add := func(v any, at ...[3]string) {
		if s, ok := v.(string); ok && s != "" {
			out = append(out, keyFact{s, at})
		}
	}
	sub := func(m any) map[string]any { x, _ := m.(map[string]any); return x }
	add(key["income_total"], [3]string{"summary", "income_total", "total"})
	add(key["expenditure_total"], [3]string{"summary", "expenditure_total", "total"})
	add(key["basic_expenditure_total"], [3]string{"expenditure", "total", "basic"})
	add(key["project_expenditure_total"], [3]string{"expenditure", "total", "project"})
	g := sub(key["general_public_basic"])
	add(g["total"], [3]string{"gpb_basic_economic", "total", "total"})
	add(g["personnel"], [3]string{"gpb_basic_economic", "total", "personnel"})
	add(g["public_use"], [3]string{"gpb_basic_economic", "total", "public_use"})
	for code, v := range sub(g["classes"]) {
		add(v, [3]string{"gpb_basic_economic", code, "total"})
	}
	for code, v := range sub(key["function_classes"]) {
		add(v, [3]string{"expenditure", code, "total"})
	}
	parts := map[string]string{"total": "total", "overseas_travel": "overseas", "vehicle_total": "vehicle_total",
		"vehicle_purchase": "vehicle_purchase", "vehicle_operation": "vehicle_operation", "reception": "reception"}
	sg := sub(key["sangong"])
	if key["kind"] == "final" {
		for phase, col := range map[string]string{"budget": "budget", "final": "actual"} {
			for k, part := range parts {
				add(sub(sg[phase])[k], [3]string{"sangong", part, col})
			}
		}
	} else {
		for k, part := range parts {
			add(sg[k], [3]string{"sangong", part, "total"})
		}
	}
	add(key["office_running_cost"], [3]string{"sangong", "office_running", "total"},
		[3]string{"sangong", "office_running", "actual"}, [3]string{"narrative", "office_running", "value"})
	add(key["procurement_total"], [3]string{"narrative", "procurement_total", "value"},
		[3]string{"procurement", "total", "total"})
	for k, v := range sub(key["procurement_split"]) {
		add(v, [3]string{"narrative", "procurement_" + k, "value"})
	}
	return out
}

// writeOCRBench puts the results into BENCHMARKS.md's table between its markers: a row for each
// scan measured now, replacing that scan's earlier row; rows of scans not run now are kept.
func writeOCRBench(rows []ocrBenchRow) error {
	path := filepath.Join("..", "BENCHMARKS.md")
	old, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	s := string(old)
	i, j := strings.Index(s, ocrBenchBegin), strings.Index(s, ocrBenchEnd)
	if i < 0 || j < i {
		return fmt.Errorf("%s has no %s … %s section", path, ocrBenchBegin, ocrBenchEnd)
	}
	lines := map[string]string{}
	for _, l := range strings.Split(s[i:j], "\n") {
		if f := strings.Split(l, "|"); len(f) > 3 && strings.Contains(f[1], "/") {
			lines[strings.TrimSpace(f[1])+" "+strings.TrimSpace(f[2])] = l
		}
	}
	for _, r := range rows {
		lines[r.doc+" "+r.variant] = r.markdown()
	}
	keys := make([]string, 0, len(lines))
	for k := range lines {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n_Last run %s with `make bench-ocr` (GOMAXPROCS %d)._\n\n", ocrBenchBegin,
		time.Now().UTC().Format("2006-01-02"), runtime.GOMAXPROCS(0))
	b.WriteString("| document | scan | pages | s/page | figures | differ as read | differ after repairs | of which repaired / in a failed check / silent | not read | key: text PDF | key: scan |\n")
	b.WriteString("|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|\n")
	for _, k := range keys {
		b.WriteString(lines[k] + "\n")
	}
	b.WriteString(ocrBenchEnd)
	s = s[:i] + b.String() + s[j+len(ocrBenchEnd):]
	return os.WriteFile(path, []byte(s), 0o644)
}

// markdown is the row's line of the results table.
func (r ocrBenchRow) markdown() string {
	if r.err != "" {
		return fmt.Sprintf("| %s | %s | %d | %.1f | error: %s | | | | | | |", r.doc, r.variant, r.pages, r.secsPerPage,
			strings.ReplaceAll(r.err, "|", "/"))
	}
	return fmt.Sprintf("| %s | %s | %d | %.1f | %d | %d | %d | %d / %d / %d | %d | %d/%d | %d/%d |", r.doc, r.variant,
		r.pages, r.secsPerPage, r.figures, r.before, r.after, r.repaired, r.failedCheck, r.silent, r.missing,
		r.keyText, r.keyN, r.keyScan, r.keyN)
}
