package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI runs the command in-process and returns its exit status, stdout and stderr.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, &out, &errOut, func(string) string { return "" })
	code := exitCode(err, &errOut)
	return code, out.String(), errOut.String()
}

func TestCheckBadDocuments(t *testing.T) {
	bad := filepath.Join("..", "..", "testdata", "bad")
	cases := []struct{ file, want string }{
		{"empty.txt", "empty.txt: the file is empty"},
		{"binary.bin", "binary.bin: the file is binary"},
		{"truncated.pdf", "truncated.pdf: the PDF is damaged or truncated"},
		{"encrypted.pdf", "encrypted.pdf: the PDF is encrypted"},
		{"scanned-no-text.pdf", "scanned-no-text.pdf: the PDF has no text layer"},
		{"utf16.txt", "utf16.txt: text is neither UTF-8 nor GB18030"},
		{"unknown-template.txt", "unknown-template.txt:1: no budget disclosure found"},
		{"no-tables.txt", "no-tables.txt:194: no standard table found"},
		{"two-years.txt", "two-years.txt:1156: the file mixes two documents: a 2024 预算 starts here"},
		{"big5.txt", "big5.txt: text is neither UTF-8 nor GB18030"},
		{"utf32.txt", "utf32.txt: text is neither UTF-8 nor GB18030"},
		{"shift-jis.txt", "shift-jis.txt:1: no budget disclosure found"},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			code, _, stderr := runCLI(t, "check", filepath.Join(bad, c.file))
			if code != 2 {
				t.Errorf("exit status %d, want 2", code)
			}
			if !strings.Contains(stderr, c.want) {
				t.Errorf("stderr %q does not contain %q", stderr, c.want)
			}
		})
	}
}

func TestCheckOversizeFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.txt")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(65 << 20); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	code, _, stderr := runCLI(t, "check", path)
	if code != 2 || !strings.Contains(stderr, "huge.txt: the file is larger than 64 MiB") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestHelpStopsBeforeRunning(t *testing.T) {
	code, out, _ := runCLI(t, "serve", "--help")
	if code != 0 || !strings.Contains(out, "Usage: budgetql serve") {
		t.Errorf("serve --help: exit %d, output %q", code, out)
	}
}
