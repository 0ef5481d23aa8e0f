package grid

import (
	"regexp"
	"strings"
)

// misreadings are words the Chinese OCR model reads wrongly and that no budget document prints:
// each is replaced by the word it stands for. Only pairs whose wrong form is no word of these
// documents belong here.
var misreadings = strings.NewReplacer(
	"文出", "支出", // 支 read as 文
	"收文", "收支",
	"拨妹", "拨款",
	"经阐", "经济",
	"缴旨", "缴费",
	"离退体", "离退休",
	"单位;", "单位:", // the colon of a label read as a semicolon
	"部门;", "部门:",
	"“〈", "（", // an opening parenthesis read as a quote and an angle bracket
	"《〈", "（",
	"【〈", "（",
	"〈", "（",
	"〉", "）",
)

// reYearMisread is a year whose 年 was read as a look-alike ("2025乍").
var reYearMisread = regexp.MustCompile(`((?:19|20)\d\d)\s?[乍午牛]`)

// reUnitLabel is a unit label whose colon the OCR lost or misread ("单位元", "单位，万元").
var reUnitLabel = regexp.MustCompile(`单位[,，;；.。]?(万元|元)$`)

// reAbroad is 因公出国（境）费 with its 境 misread ("出国( 虽)费"): the only word of these
// documents with one character in parentheses after 出国.
var reAbroad = regexp.MustCompile(`出国\s*[(（]\s*[^\s)）]?\s*[)）]`)

// reItemComma is an item number whose point was read as a comma ("1,一般公共预算资金").
var reItemComma = regexp.MustCompile(`^(\d{1,2}),(\p{Han})`)

// fixMisreadings corrects a cell's text for the OCR's known misreadings.
func fixMisreadings(s string) string {
	s = misreadings.Replace(s)
	s = reItemComma.ReplaceAllString(s, "${1}.${2}")
	if strings.Contains(s, "出国") {
		s = reAbroad.ReplaceAllString(s, "出国（境）")
	}
	if strings.HasPrefix(s, "单位") {
		s = reUnitLabel.ReplaceAllString(s, "单位:${1}")
	}
	if strings.ContainsAny(s, "乍午牛") {
		s = reYearMisread.ReplaceAllString(s, "${1}年")
	}
	return s
}
