package loader

import (
	"budgetql/loader/text"
	"testing"
)

func TestClassCodeByName(t *testing.T) {
	cases := map[string]string{
		"一、一般公共服务支出":      "201",
		"(十七) 住房保障支出":     "221",
		"十七、住房保障支出":       "221",
		"卫生健康支出（类）":       "210",
		"(十三)资源勋操工业信息等支出": "215",
		"五、文化旅游体育与传媒":     "207",
		"三、事业收入":          "",
	}
	for in, want := range cases {
		if got := ClassCodeByName(in); got != want {
			t.Errorf("ClassCodeByName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEconomicCodeByName(t *testing.T) {
	if got := EconomicCodeByName("301", "津贴补贴"); got != "30102" {
		t.Errorf("津贴补贴 = %q", got)
	}
	if got := EconomicCodeByName("302", "维修(护)费"); got != "30213" {
		t.Errorf("维修(护)费 = %q", got)
	}
}

func TestNormalizeNumber(t *testing.T) {
	cases := map[string]string{
		"447. 48": "447.48", "8, 27": "8.27", "0,00": "0.00", "54, 00": "54.00",
		"156,211,123": "156211123", "2,940.05": "2940.05", "４４７．４８": "447.48", "0:00": "0.00",
		"20.80%": "20.80", "3. 47": "3.47",
	}
	for in, want := range cases {
		got, err := text.NormalizeNumber(in)
		if err != nil || got != want {
			t.Errorf("NormalizeNumber(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"abc", "1.2.3", "一"} {
		if _, err := text.NormalizeNumber(bad); err == nil {
			t.Errorf("NormalizeNumber(%q) accepted", bad)
		}
	}
}
