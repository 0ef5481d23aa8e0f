package db

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// DepartmentKey is the normalised name that identifies a department across years and printings.
// It folds full-width characters, drops spaces, quotes and brackets, drops 人民政府 before a
// street or town office (上海市普陀区人民政府万里街道办事处 = 上海市普陀区万里街道办事处), ends a street
// office at 街道, and puts the region in front when the name leaves it out or shortens it
// (普陀区财政局 in region 上海市普陀区 = 上海市普陀区财政局).
func DepartmentKey(name, region string) string {
	k := foldName(name)
	k = subOfficeGov.ReplaceAllString(k, "$1")
	k = strings.TrimSuffix(k, "办事处")
	if r := foldName(region); r != "" && !strings.HasPrefix(k, r) {
		k = withRegion(k, r)
	}
	return k
}

// subOfficeGov matches 人民政府 followed by a street, town or township office name.
var subOfficeGov = regexp.MustCompile(`人民政府(\p{Han}{1,12}(?:街道|镇|乡))`)

// foldName folds width, drops spaces, brackets and quotes, and maps traditional 區/縣/市 forms
// that OCR produces.
func foldName(s string) string {
	s = width.Fold.String(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), strings.ContainsRune("()[]{}<>“”\"'‘’「」『』《》〈〉【】·・", r):
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// withRegion replaces a shortened region at the start of k (普陀区…) by the full one
// (上海市普陀区…), or prefixes the region when k names none.
func withRegion(k, region string) string {
	for i := range region {
		if i == 0 || !isAdminSuffix(prevRune(region[:i])) {
			continue
		}
		if tail := region[i:]; strings.HasPrefix(k, tail) {
			return region + k[len(tail):]
		}
	}
	if RegionFromName(k) != "" {
		return k // k names a different region: keep it as printed
	}
	return region + k
}

func prevRune(s string) rune {
	r := []rune(s)
	return r[len(r)-1]
}

func isAdminSuffix(r rune) bool { return strings.ContainsRune("省市区县州盟旗", r) }

// regionPrefix matches the administrative areas a department name starts with: province,
// city, then district or county (上海市普陀区, 湖北省随州市曾都区, 曾都区).
var regionPrefix = regexp.MustCompile(`^(?:` + place + `{2,7}?(?:省|自治区))?(?:` + place + `{1,7}?(?:市|自治州|盟))?(?:` + place + `{1,7}?(?:区|县|自治县|旗|市))?`)

// place is one character of a place name: Han, not an administrative suffix.
const place = `[^\P{Han}省市区县]`

// notRegion lists endings that look like districts but are not (社区, 园区, 景区 …).
var notRegion = regexp.MustCompile(`(?:社|小|园|景|校|片|辖|营|矿|库|保护|开发|示范|功能)区$`)

// RegionFromName returns the region a department name starts with (上海市普陀区 for
// 上海市普陀区人民政府办公室, 曾都区 for 曾都区政务服务和大数据管理局), or "" when it names none.
func RegionFromName(name string) string {
	k := foldName(name)
	m := regionPrefix.FindString(k)
	for m != "" && notRegion.MatchString(m) {
		// drop the false last level and try the shorter prefix
		m = regionPrefix.FindString(strings.TrimSuffix(m, lastLevel(m)))
	}
	return m
}

// lastLevel returns the last administrative level of a matched prefix, up to its suffix.
func lastLevel(m string) string {
	r := []rune(m)
	for i := len(r) - 2; i >= 0; i-- {
		if isAdminSuffix(r[i]) {
			return string(r[i+1:])
		}
	}
	return m
}
