package narrative

import (
	"budgetql/loader/model"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestZZDump(t *testing.T) {
	dir := os.Getenv("NARR_DUMP")
	if dir == "" {
		t.Skip()
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	only := os.Getenv("NARR_ONLY")
	for _, p := range paths {
		name := filepath.Base(p)
		if only != "" && !strings.Contains(name, only) {
			continue
		}
		m := regexp.MustCompile(`(\d{4})\.txt$`).FindStringSubmatch(name)
		y, _ := strconv.Atoi(m[1])
		kind := model.KindBudget
		if strings.Contains(name, "-final-") {
			kind = model.KindFinal
		}
		doc := &model.Document{File: name, Year: y, Kind: kind, Format: model.FormatLayout}
		Read(doc, readLines(t, p))
		prev := 0
		for _, f := range doc.Narrative {
			if f.StatedPrevious != nil || f.Direction != "" {
				prev++
			}
		}
		fmt.Printf("== %s figures=%d prev=%d issues=%d\n", name, len(doc.Narrative), prev, len(doc.Issues))
		if os.Getenv("NARR_V") == "" {
			continue
		}
		for _, f := range doc.Narrative {
			s := fmt.Sprintf("  %-32s %-22s %14s", f.Key, f.Name, f.Value.Yuan.StringFixed(2))
			if f.StatedPrevious != nil {
				s += " prev=" + f.StatedPrevious.Yuan.StringFixed(2)
			}
			if f.StatedPercent != nil {
				s += " pct=" + f.StatedPercent.String()
			}
			s += fmt.Sprintf(" %s %q L%d", f.Direction, f.Basis, f.Source.Line)
			fmt.Println(s)
		}
		for _, is := range doc.Issues {
			fmt.Printf("  ! %s L%d %s\n", is.Kind, is.Line, is.Detail)
		}
	}
}

func TestZZParas(t *testing.T) {
	dir := os.Getenv("NARR_PARAS")
	if dir == "" {
		t.Skip()
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	only := os.Getenv("NARR_ONLY")
	re := regexp.MustCompile(os.Getenv("NARR_RE"))
	for _, p := range paths {
		name := filepath.Base(p)
		if only != "" && !strings.Contains(name, only) {
			continue
		}
		fmt.Printf("######## %s\n", name)
		lines := readLines(t, p)
		for _, pa := range buildParagraphs(lines, model.FormatLayout) {
			if re.MatchString(pa.str) {
				fmt.Printf("L%d: %s\n", lines[pa.spans[0].line].No, pa.str)
			}
		}
	}
}
