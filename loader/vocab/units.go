package vocab

import (
	"regexp"

	"budgetql/loader/model"
)

var reUnit = regexp.MustCompile(`单位\s*[:：]\s*(万元|元)`)

// UnitOf returns the money unit a line names ("单位：元", "金额单位:万元"), or "".
func UnitOf(text string) model.Unit {
	m := reUnit.FindStringSubmatch(text)
	if m == nil {
		return ""
	}
	return model.Unit(m[1])
}
