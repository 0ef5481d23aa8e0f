package narrative

import (
	"budgetql/loader/model"
	"budgetql/loader/vocab"
	"regexp"
	"strconv"
	"strings"
)

// reStaffClause is a clause that counts people: a label ending in a Chinese character, then the
// count and 人 or 名 ("其中行政编制35人").
var reStaffClause = regexp.MustCompile(`^(.*?\p{Han})(\d+)[人名]$`)

// staffPrefixes are words before a staffing label that are not part of what it counts.
var staffPrefixes = []string{"其中", "本单位", "本部门", "单位", "部门", "现有", "共有", "管理的"}

// staffing reads the staffing counts of a paragraph about 编制: "本部门人员编制75人，其中行政编制
// 35人，事业编制40人；实有人员72人，其中行政34人，事业38人。单位管理的离退休人员2人。" Each
// count keeps its label as printed, and its key where the vocabulary knows what it counts. The
// counts of a sentence are read when one of them is a known kind (劳务派遣人员 beside 实有在职人员,
// not 引进博士后80人 in a paragraph that mentions 编制).
func (n *narrator) staffing(p *para) {
	if !strings.Contains(p.str, "编制") {
		return
	}
	before, pos := "", 0
	for _, sentence := range strings.SplitAfter(p.str, "。") {
		var counts []model.Staff
		known := false
		for _, c := range strings.FieldsFunc(sentence, func(r rune) bool { return strings.ContainsRune("，；。、：", r) }) {
			at := strings.Index(p.str[pos:], c) + pos
			pos = at + len(c)
			m := reStaffClause.FindStringSubmatch(c)
			if m == nil {
				continue
			}
			kind := trimStaffPrefixes(m[1])
			count, err := strconv.Atoi(m[2])
			if err != nil || n.staffSeen[kind] {
				continue
			}
			key := vocab.StaffKey(kind, before)
			if key == model.StaffActual || key == model.StaffAuthorized {
				before = key
			}
			known = known || key != ""
			counts = append(counts, model.Staff{Kind: kind, Key: key, Count: count, Source: n.source(p, p.runeAt(at+len(m[1])))})
		}
		if !known {
			continue
		}
		for _, c := range counts {
			n.staffSeen[c.Kind] = true
			n.doc.Staffing = append(n.doc.Staffing, c)
		}
	}
}

// trimStaffPrefixes removes the words before what a label counts: "单位管理的离退休人员" is
// 离退休人员.
func trimStaffPrefixes(kind string) string {
	for trimmed := true; trimmed; {
		trimmed = false
		for _, pre := range staffPrefixes {
			if k := strings.TrimPrefix(kind, pre); k != kind && len([]rune(k)) >= 2 {
				kind, trimmed = k, true
			}
		}
	}
	return kind
}

// runeAt is the rune index of byte offset b of the paragraph's text.
func (p *para) runeAt(b int) int {
	for i, off := range p.at {
		if int(off) >= b {
			return min(i, len(p.text)-1)
		}
	}
	return len(p.text) - 1
}
