package vocab

import (
	"testing"
)

func TestFunctionName(t *testing.T) {
	cases := []struct {
		code string
		year int
		want string // "" for not in force
	}{
		{"2010301", 2024, "行政运行"},
		{"201", 2015, "一般公共服务支出"},
		{"210", 2017, "医疗卫生与计划生育支出"},
		{"210", 2018, "卫生健康支出"}, // the 2018 reform renamed it in that year's final accounts
		{"210", 2026, "卫生健康支出"},
		{"207", 2016, "文化体育与传媒支出"},
		{"207", 2019, "文化旅游体育与传媒支出"},
		{"224", 2017, ""},
		{"224", 2019, "灾害防治及应急管理支出"},
		{"20805", 2019, "行政事业单位离退休"},
		{"20805", 2020, "行政事业单位养老支出"},
		{"2089901", 2020, "其他社会保障和就业支出"},
		{"2089901", 2021, ""},
		{"2089999", 2021, "其他社会保障和就业支出"},
		{"20110", 2026, ""}, // 人力资源事务 moved under 208 01
		{"2080116", 2026, "引进人才费用"},
		{"21208", 2019, "国有土地使用权出让收入及对应专项债务收入安排的支出"},
		{"21208", 2026, "国有土地使用权出让收入安排的支出"},
		{"2013804", 2026, "经营主体管理"},
		{"20139", 2026, "社会工作事务"},
		{"2040704", 2026, "罪犯生活及医疗卫生"},
		{"2010301", 2010, "行政运行"}, // before FirstYear: the first edition held
		{"210", 0, "卫生健康支出"},      // 0: the current edition
		{"2019999", 2024, "其他一般公共服务支出"},
		{"20199", 2024, "其他一般公共服务支出"},
		{"2010399", 2024, "其他政府办公厅（室）及相关机构事务支出"},
		{"30101", 2024, ""}, // an economic code
		{"2010", 2024, ""},
		{"abc", 2024, ""},
	}
	for _, c := range cases {
		got, ok := FunctionName(c.code, c.year)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("FunctionName(%q, %d) = %q, %v; want %q", c.code, c.year, got, ok, c.want)
		}
	}
}

func TestEconomicName(t *testing.T) {
	cases := []struct {
		code string
		year int
		want string
	}{
		{"301", 2024, "工资福利支出"},
		{"30101", 2024, "基本工资"},
		{"30104", 2017, "社会保障缴费"},
		{"30104", 2018, ""},
		{"30113", 2017, ""},
		{"30113", 2018, "住房公积金"},
		{"30311", 2017, "住房公积金"},
		{"30311", 2024, "代缴社会保险费"},
		{"310", 2017, "其他资本性支出"},
		{"310", 2018, "资本性支出"},
		{"309", 2024, "资本性支出（基本建设）"},
		{"30213", 2024, "维修（护）费"},
		{"30217", 2024, "公务接待费"},
		{"399", 2024, "其他支出"},
		{"501", 2017, ""},
		{"501", 2018, "机关工资福利支出"},
		{"50101", 2024, "工资奖金津补贴"},
		{"50501", 2024, "工资福利支出"},
		{"599", 2024, "其他支出"},
		{"2010301", 2024, ""}, // a function code
	}
	for _, c := range cases {
		got, ok := EconomicName(c.code, c.year)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("EconomicName(%q, %d) = %q, %v; want %q", c.code, c.year, got, ok, c.want)
		}
	}
}

func TestFunctionCode(t *testing.T) {
	cases := []struct {
		name, parent string
		year         int
		want         string // "" for not found or ambiguous
	}{
		{"一般公共服务支出", "", 2024, "201"},
		{"行政运行", "20103", 2024, "2010301"},
		{"政府办公厅（室）及相关机构事务", "201", 2024, "20103"},
		{"政府办公厅(室)及相关机构事务", "201", 2024, "20103"},
		{"政府办公厅 （室） 及相关机构事务", "201", 2024, "20103"},
		{"其他一般公共服务", "201", 2024, "20199"}, // 支出 dropped
		{"其他一般公共服务支出", "20199", 2024, "2019999"},
		{"其他一般公共服务", "20199", 2024, "2019999"},
		{"机关事业单位基本养老保险缴费", "20805", 2024, "2080505"},
		{"机关事业单位基本养老保", "20805", 2024, "2080505"}, // a wrapped name's first line
		{"行政运行（人力资源和社会保障管理事务）", "20801", 2020, "2080101"},
		{"一般行政管理事务（人力资源事务）", "20110", 2020, "2011002"},
		{"\"两房\"建设", "20404", 2024, "2040409"},
		{"“两房”建设", "20404", 2024, "2040409"},
		{"医疗卫生与计划生育支出", "", 2024, "210"}, // an older edition's name
		{"卫生健康支出", "", 2016, "210"},      // a newer edition's name
		{"行政事业单位离退休", "208", 2024, "20805"},
		{"其他社会保障和就业支出", "20899", 2020, "2089901"},
		{"其他社会保障和就业支出", "20899", 2024, "2089999"},
		{"公共法律服务", "20406", 2026, "2040607"},
		{"社区矫正", "20406", 2026, "2040610"},
		{"资助影院建设", "20707", 2026, "2070702"},
		{"国有土地使用权出让收入安排的支出", "212", 2026, "21208"},
		{"国有土地使用权出让收入及对应专项债务收入安排的支出", "212", 2026, "21208"},
		{"行政运行", "", 2024, ""},         // not a class
		{"行政运行", "201", 2024, ""},      // not a 款
		{"行政运行", "99999", 2024, ""},    // no such parent
		{"不存在的科目", "20103", 2024, ""},  // unknown
		{"", "20103", 2024, ""},        // empty
		{"其他", "20103", 2024, ""},      // too short to be a cut name
		{"超长期特别国债安排的支出", "", 2026, ""}, // a 款 of several classes, not a class
	}
	for _, c := range cases {
		got, ok := FunctionCode(c.name, c.parent, c.year)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("FunctionCode(%q, %q, %d) = %q, %v; want %q", c.name, c.parent, c.year, got, ok, c.want)
		}
	}
}

// TestFunctionCodeNamesOnly resolves a function table that prints indented names without codes,
// as Hangzhou's 一般公共预算支出表 does (hangzhou-justice-budget-2026, 表4): each name under the last
// name of the level above.
func TestFunctionCodeNamesOnly(t *testing.T) {
	rows := []struct {
		level int
		name  string
		want  string
	}{
		{1, "一般公共服务支出", "201"},
		{2, "社会工作事务", "20139"},
		{3, "其他社会工作事务支出", "2013999"},
		{1, "公共安全支出", "204"},
		{2, "司法", "20406"},
		{3, "行政运行", "2040601"},
		{3, "基层司法业务", "2040604"},
		{3, "普法宣传", "2040605"},
		{3, "律师管理", "2040606"},
		{3, "国家统一法律职业资格考试", "2040608"},
		{3, "其他司法支出", "2040699"},
		{2, "监狱", "20407"},
		{3, "罪犯生活及医疗卫生", "2040704"},
		{3, "监狱业务及罪犯改造", "2040705"},
		{2, "强制隔离戒毒", "20408"},
		{3, "强制隔离戒毒人员生活", "2040804"},
		{3, "所政设施建设", "2040806"},
		{1, "社会保障和就业支出", "208"},
		{2, "行政事业单位养老支出", "20805"},
		{3, "机关事业单位职业年金缴费支出", "2080506"},
		{1, "卫生健康支出", "210"},
		{2, "行政事业单位医疗", "21011"},
		{3, "行政单位医疗", "2101101"},
	}
	parents := []string{""}
	for _, r := range rows {
		parents = parents[:r.level]
		got, ok := FunctionCode(r.name, parents[r.level-1], 2026)
		if !ok || got != r.want {
			t.Fatalf("FunctionCode(%q, %q, 2026) = %q, %v; want %q", r.name, parents[r.level-1], got, ok, r.want)
		}
		parents = append(parents, got)
	}
}

func TestEconomicCode(t *testing.T) {
	cases := []struct {
		name, parent string
		year         int
		want         string
	}{
		{"工资福利支出", "", 2024, "301"},
		{"对个人和家庭的补助", "", 2024, "303"},
		{"对个人和家庭补助", "", 2024, "303"},
		{"对个人和家庭的补助", GovernmentEdition, 2024, "509"},
		{"机关工资福利支出", GovernmentEdition, 2024, "501"},
		{"机关工资福利支出", "", 2024, ""}, // a government-edition class asked of the department edition
		{"津贴补贴", "301", 2024, "30102"},
		{"维修(护)费", "302", 2024, "30213"},
		{"维修 （护） 费", "302", 2024, "30213"},
		{"因公出国(境)费用", "302", 2024, "30212"},
		{"其他商品和服务", "302", 2024, "30299"},
		{"住房公积金", "301", 2024, "30113"},
		{"住房公积金", "303", 2016, "30311"},
		{"代缴社会保险费", "303", 2024, "30311"},
		{"其他对个人和家庭补助", "509", 2024, "50999"},
		{"工资奖金津补贴", "501", 2024, "50101"},
		{"资本性支出（基本建设）", "506", 2026, "50602"}, // Beijing's name, from aliases.tsv
		{"资本性支", "506", 2026, ""},             // cut short: （一） or （二）
		{"基本工资", "302", 2024, ""},
		{"基本工资", "3", 2024, ""},
	}
	for _, c := range cases {
		got, ok := EconomicCode(c.name, c.parent, c.year)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("EconomicCode(%q, %q, %d) = %q, %v; want %q", c.name, c.parent, c.year, got, ok, c.want)
		}
	}
}

func TestFunctionClassByName(t *testing.T) {
	cases := []struct {
		name string
		year int
		want string
	}{
		{"一、一般公共服务支出", 2024, "201"},
		{"(十七) 住房保障支出", 2024, "221"},
		{"十七、住房保障支出", 2024, "221"},
		{"（十一）城乡社区支出", 2024, "212"},
		{"十一、城乡社区支出", 2024, "212"},
		{"廿一、灾害防治及应急管理支出", 2024, "224"},
		{"二十一、灾害防治及应急管理支出", 2024, "224"},
		{"1.一般公共服务支出", 2024, "201"},
		{"卫生健康支出（类）", 2024, "210"},
		{"五、文化旅游体育与传媒", 2024, "207"},
		{"五、文化体育与传媒支出", 2016, "207"},
		{"(十三)资源勋操工业信息等支出", 2024, "215"}, // OCR, from aliases.tsv
		{"(十九) 糖油物瓷储备支出", 2024, "222"},
		{"予页备费", 2024, "227"},
		{"灾害防治", 2024, "224"}, // cut short
		{"三、事业收入", 2024, ""},
		{"一、", 2024, ""},
		{"其他支出", 2024, "229"},
	}
	for _, c := range cases {
		got, ok := FunctionClassByName(c.name, c.year)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("FunctionClassByName(%q, %d) = %q, %v; want %q", c.name, c.year, got, ok, c.want)
		}
	}
}

func TestLevelAndParent(t *testing.T) {
	cases := []struct {
		code   string
		level  int
		parent string
	}{
		{"201", 1, ""}, {"20103", 2, "201"}, {"2010301", 3, "20103"},
		{"30101", 2, "301"}, {"2010", 0, ""}, {"20a", 0, ""}, {"", 0, ""},
	}
	for _, c := range cases {
		if l, p := Level(c.code), Parent(c.code); l != c.level || p != c.parent {
			t.Errorf("Level, Parent(%q) = %d, %q; want %d, %q", c.code, l, p, c.level, c.parent)
		}
	}
}

// TestClassificationsConsistent checks the data files: every subject's parent is in force in
// every year the subject is, a code's names follow one another (meeting in at most one year, the
// year of a reform), and no two subjects under one parent share a name in the same year, which
// would make the name lookups ambiguous.
func TestClassificationsConsistent(t *testing.T) {
	fn, econ := classifications()
	for name, c := range map[string]*classification{"function": fn, "economic": econ} {
		for code, es := range c.byCode {
			for i, e := range es {
				if i > 0 && (es[i-1].to == 0 || es[i-1].to > e.from) {
					t.Errorf("%s %s: %s (%d–%d) and %s (from %d) overlap", name, code, es[i-1].name, es[i-1].from, es[i-1].to, e.name, e.from)
				}
				for y := e.from; y <= lastYear(e); y++ {
					if p := Parent(code); p != "" && !c.inForce(p, y) {
						t.Errorf("%s %s %s in force in %d, its parent %s not", name, code, e.name, y, p)
						break
					}
				}
			}
		}
		for y := FirstYear; y <= 2026; y++ {
			for parent, children := range c.children {
				seen := map[string]string{}
				for _, ch := range children {
					for _, e := range c.byCode[ch] {
						if !e.validIn(y) {
							continue
						}
						if other, dup := seen[e.loose]; dup && other != ch {
							t.Errorf("%s %d: %s and %s under %q are both named %s", name, y, other, ch, parent, e.name)
						}
						seen[e.loose] = ch
					}
				}
			}
		}
	}
}

func lastYear(e entry) int {
	if e.to == 0 {
		return 2026
	}
	return e.to
}

func (c *classification) inForce(code string, y int) bool {
	for _, e := range c.byCode[code] {
		if e.validIn(y) {
			return true
		}
	}
	return false
}

func TestNormName(t *testing.T) {
	cases := map[string]string{
		"维修（护）费":      "维修(护)费",
		" 政府办公厅 （室） ": "政府办公厅(室)",
		"“两房”建设":      "两房建设",
		"【2010301】":   "(2010301)",
		"ＡＢＣ１２３":      "ABC123",
		"行政运行\u3000":  "行政运行",
		"其他对个人和家庭的补助": "其他对个人和家庭的补助",
		"其他一般公共服务支出":  "其他一般公共服务支出",
		"驻外使领馆（团、处）":  "驻外使领馆(团、处)",
	}
	for in, want := range cases {
		if got := normName(in); got != want {
			t.Errorf("normName(%q) = %q, want %q", in, got, want)
		}
	}
	if a, b := looseKey("其他对个人和家庭补助"), looseKey("其他对个人和家庭的补助"); a != b {
		t.Errorf("looseKey: %q != %q", a, b)
	}
	if a, b := looseKey("其他一般公共服务"), looseKey("其他一般公共服务支出"); a != b {
		t.Errorf("looseKey: %q != %q", a, b)
	}
}

func BenchmarkFunctionCode(b *testing.B) {
	FunctionName("201", 0) // load the tables outside the timing
	for b.Loop() {
		FunctionCode("机关事业单位基本养老保险缴费支出", "20805", 2026)
		FunctionCode("政府办公厅（室）及相关机构事务", "201", 2026)
		FunctionClassByName("十一、城乡社区支出", 2026)
	}
}

func BenchmarkFunctionName(b *testing.B) {
	FunctionName("201", 0)
	for b.Loop() {
		FunctionName("2080505", 2026)
	}
}
