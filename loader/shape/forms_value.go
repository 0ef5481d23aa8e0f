package shape

import (
	"regexp"
	"strings"

	"budgetql/loader/text"
	"budgetql/loader/vocab"
)

var reTargetNumber = regexp.MustCompile(`^([-+]?\d+(?:\.\d+)?)\s*(?:\((.{1,8})\)|（(.{1,8})）|([^\d\s()（）]{0,6}))$`)

// SplitTargetValue splits a printed 指标值 such as "≥90.00(%)", "＝100(%)", "<5天" or "定性 满意"
// into its operator (≥ ≤ = > < 定性, "" when none is printed), value and measure unit. A value
// that is not a number with a unit ("可控性100%", "不低于50%") is kept whole, without unit.
func SplitTargetValue(printed string) (op, value, unit string) {
	s := strings.TrimSpace(text.FoldWidth(printed))
	op, s = vocab.Operator(s)
	if m := reTargetNumber.FindStringSubmatch(s); m != nil && op != "定性" {
		return op, m[1], strings.TrimSpace(m[2] + m[3] + m[4])
	}
	return op, s, ""
}
