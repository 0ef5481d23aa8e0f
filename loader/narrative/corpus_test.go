package narrative

import (
	"budgetql/loader/grid"
	"budgetql/loader/model"
	"budgetql/loader/text"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// corpusDir holds the 6 documents of the first corpus; wideDir the copies of wide-corpus texts.
const (
	corpusDir = "../../testdata/corpus"
	wideDir   = "testdata"
)

// docInfo is what identification gives the narrative reader: the year (to tell a restated
// amount), the kind (决算 wordings) and the format (how paragraphs are joined).
type docInfo struct {
	year   int
	kind   model.Kind
	format model.Format
}

// corpusDocs are the documents of ../../testdata/corpus, as their covers identify them.
var corpusDocs = map[string]docInfo{
	"putuo-finance-final-2024.txt":       {2024, model.KindFinal, model.FormatLayout},
	"putuo-govoffice-budget-2025.txt":    {2025, model.KindBudget, model.FormatLayout},
	"putuo-wanli-street-budget-2023.txt": {2023, model.KindBudget, model.FormatLayout},
	"putuo-wanli-street-budget-2024.txt": {2024, model.KindBudget, model.FormatLayout},
	"putuo-wanli-street-budget-2025.txt": {2025, model.KindBudget, model.FormatLayout},
	"zengdu-zwfw-budget-2024.txt":        {2024, model.KindBudget, model.FormatOCR},
}

// readLines reads a text file of the corpus (or of testdata) into lines.
func readLines(t testing.TB, path string) []text.Line {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	decoded, err := text.DecodeText(data)
	if err != nil {
		t.Fatal(err)
	}
	return text.SplitLines(decoded)
}

// corpusDoc is an empty document of a corpus text, identified as corpusDocs says, with its lines.
func corpusDoc(t testing.TB, name string, tables ...*model.Table) (*model.Document, []text.Line) {
	t.Helper()
	info, ok := corpusDocs[name]
	if !ok {
		t.Fatalf("%s is not in corpusDocs", name)
	}
	doc := &model.Document{File: name, Year: info.year, Kind: info.kind, Format: info.format, Tables: tables}
	return doc, readLines(t, filepath.Join(corpusDir, name))
}

// narrativeOnly reads a corpus text's narrative without any table.
func narrativeOnly(t *testing.T, name string) *model.Document {
	t.Helper()
	doc, lines := corpusDoc(t, name)
	Read(doc, gridLines(lines, doc.Format))
	return doc
}

// corpusNames are the documents of corpusDocs, sorted.
func corpusNames() []string {
	var names []string
	for n := range corpusDocs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// gridLines are the lines of a text as the loader gives them to Read: the grid of layout text
// (page furniture marked), or plain lines of OCR text.
func gridLines(lines []text.Line, format model.Format) []grid.Line {
	if format == model.FormatOCR {
		out := make([]grid.Line, len(lines))
		for i, l := range lines {
			out[i].Line = l
		}
		return out
	}
	return grid.FromLayout(lines)
}
