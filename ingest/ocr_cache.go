package ingest

import (
	"os"
	"path/filepath"
)

// CacheEnv names the OCR cache's directory; "off" turns the cache off.
const CacheEnv = "BUDGETQL_OCR_CACHE"

// OCRCacheDir is the directory of the OCR cache as the environment sets it: $BUDGETQL_OCR_CACHE,
// else $BUDGETQL_HOME/cache/ocr when BUDGETQL_HOME is set, else budgetql/ocr in the user's cache
// directory; "off" when the cache is turned off or there is no such directory.
func OCRCacheDir(getenv func(string) string) string {
	if v := getenv(CacheEnv); v != "" {
		return v
	}
	if home := getenv("BUDGETQL_HOME"); home != "" {
		return filepath.Join(home, "cache", "ocr")
	}
	if dir, err := os.UserCacheDir(); err == nil {
		return filepath.Join(dir, "budgetql", "ocr")
	}
	return "off"
}

// cacheFile is where the word boxes of the file with this digest are kept: the key is the file's
// sha256 and the OCR's version, so a change in how pages are OCR'd reads them again.
func cacheFile(dir, sha string) string {
	return filepath.Join(dir, sha+"-v"+ocrVersion+".tsv")
}

// readCache returns the cached word boxes of a file, if any.
func readCache(dir, sha string) ([]byte, bool) {
	if dir == "" {
		return nil, false
	}
	data, err := os.ReadFile(cacheFile(dir, sha))
	return data, err == nil && len(data) > 0
}

// writeCache keeps the word boxes of a file: written to a temporary file and renamed, so that a
// reader never sees a part. A cache that cannot be written is no error: the OCR runs again.
func writeCache(dir, sha string, tsv []byte) {
	if dir == "" || os.MkdirAll(dir, 0o755) != nil {
		return
	}
	f, err := os.CreateTemp(dir, ".ocr-*")
	if err != nil {
		return
	}
	_, err = f.Write(tsv)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), cacheFile(dir, sha))
	}
	if err != nil {
		os.Remove(f.Name())
	}
}
