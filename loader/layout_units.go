package loader

import (
	"budgetql/loader/model"
	"budgetql/loader/text"
	"regexp"
	"strconv"
	"strings"
)

// This file reads the 机构设置 unit list of layout text.

var reUnitItem = regexp.MustCompile(`^(\d{1,2})\s*[.．、]\s*(\S.*)$`)

// parseLayoutUnits reads the numbered list of units under the 机构设置 heading (on the heading's
// page or the next): "1. 上海市普陀区人民政府万里街道办事处（本部）。".
func parseLayoutUnits(lines []text.Line) []model.OrgUnit {
	start := -1
	for i, l := range lines {
		t := strings.TrimSpace(l.Text)
		if strings.HasSuffix(t, "机构设置") && !strings.Contains(t, "…") && stripOrdinal(t) == t {
			start = i
			break
		}
	}
	if start < 0 {
		return nil
	}
	var texts []string
	for _, l := range lines[start+1:] {
		t := strings.TrimSpace(l.Text)
		m := reUnitItem.FindStringSubmatch(t)
		switch {
		case m != nil && m[1] == strconv.Itoa(len(texts)+1):
			texts = append(texts, m[2])
		case len(texts) == 0 && l.Page > lines[start].Page+1:
			return nil
		case len(texts) == 0, t == "":
		case m == nil && !strings.HasSuffix(texts[len(texts)-1], "。"):
			texts[len(texts)-1] += t
		default:
			return orgUnits(texts)
		}
	}
	return orgUnits(texts)
}

func orgUnits(texts []string) []model.OrgUnit {
	units := make([]model.OrgUnit, len(texts))
	for i, t := range texts {
		units[i] = orgUnitOf(t)
	}
	return units
}

// orgUnitOf reads one listed unit: its name and, when the item states it, its kind.
func orgUnitOf(s string) model.OrgUnit {
	s = strings.TrimRight(strings.TrimSpace(s), "。；;.")
	u := model.OrgUnit{}
	for _, k := range []string{"行政", "参公", "事业"} {
		for _, p := range []string{"下属" + k + "单位", k + "单位："} {
			if strings.HasPrefix(s, p) {
				u.Kind, s = k, strings.TrimPrefix(s, p)
			}
		}
		for _, p := range []string{"（" + k + "单位）", "(" + k + "单位)", "（" + k + "）", "(" + k + ")"} {
			if strings.HasSuffix(s, p) {
				u.Kind, s = k, strings.TrimSuffix(s, p)
			}
		}
	}
	if i := strings.Index(s, "不单列"); i > 0 {
		s = s[:i]
	}
	if i := strings.Index(s, "，"); i > 0 {
		s = s[:i]
	}
	u.Name = strings.TrimSpace(s)
	return u
}
