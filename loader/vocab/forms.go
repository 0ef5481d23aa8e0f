package vocab

import (
	"regexp"
	"strings"
)

// The labels of forms and lists: the performance-target forms (绩效目标表), whose head prints a
// project's name and funds beside their labels and whose body is a grid of indicators, and the
// lists of projects and procurement items.

// Form columns: the columns of an indicator grid, and the head fields of a form or list.
const (
	FormLevel1   = "level1"   // 一级指标
	FormLevel2   = "level2"   // 二级指标
	FormLevel3   = "level3"   // 三级指标, 指标名称: the indicator
	FormOperator = "operator" // 计算符号, 指标性质: ≥ ≤ = …
	FormValue    = "value"    // 指标值, 目标值
	FormUnit     = "unit"     // 计量单位
	FormIgnore   = "ignore"   // 指标权重, 分值, 是否核心, 序号: printed, not read
	FormGoal     = "goal"     // 绩效目标, 项目概况: prose

	FormProjectName = "project_name" // 项目名称
	FormProjectCode = "project_code" // 项目编码
	FormFunds       = "funds"        // 项目资金总额, 资金总额, 项目总额: the project's amount
	FormUnitName    = "unit_name"    // 单位名称, 实施单位, 项目单位: the unit that spends it
	FormCategory    = "category"     // 项目类别, 采购品目名称, 采购目录
	FormClass       = "class"        // 采购品目大类, 采购类别: 货物, 工程, 服务
	FormDepartment  = "department"   // 部门名称, 主管部门
)

// formRule maps a label to a form column: exact needs the whole (cleaned) label, else the label
// holds one of words; none excludes.
type formRule struct {
	col   string
	words []string
	none  []string
	exact bool
}

// formRules, in order: the first match names the column. Labels are compact, without "其中：",
// years and bracketed notes.
var formRules = []formRule{
	{col: FormLevel1, words: []string{"一级指标"}},
	{col: FormLevel2, words: []string{"二级指标"}},
	{col: FormLevel3, words: []string{"三级指标", "指标名称", "指标内容"}},
	{col: FormLevel3, words: []string{"绩效指标"}, exact: true}, // 一级, 二级 and 三级 run together
	{col: FormOperator, words: []string{"计算符号", "指标性质", "符号"}},
	{col: FormUnit, words: []string{"计量单位", "度量单位"}},
	{col: FormIgnore, words: []string{"权重", "分值", "是否核心", "序号", "备注", "指标方向", "评（扣）分标准", "组织形式", "采购方式"}},
	{col: FormValue, words: []string{"指标值", "目标值"}},
	{col: FormGoal, words: []string{"绩效目标", "总体目标", "年度目标", "实施期目标", "项目概况", "项目简介", "项目内容"}},
	{col: FormProjectCode, words: []string{"项目编码", "项目代码", "项目编号"}},
	{col: FormProjectName, words: []string{"项目名称", "专项名称", "采购项目", "支出项目类别"}},
	{col: FormFunds, words: []string{"资金总额", "项目总额", "预算金额", "项目金额", "当年预算", "财政拨款预算金额", "款预算金额"}},
	{col: FormUnitName, words: []string{"单位名称", "实施单位", "项目单位", "预算单位", "资金使用单位"}},
	{col: FormClass, words: []string{"品目大类", "采购类别", "采购类型"}},
	{col: FormCategory, words: []string{"项目类别", "项目分类", "品目", "采购目录"}},
	{col: FormDepartment, words: []string{"部门名称", "主管部门"}},
}

// FormColumnOf names the form column a label heads ("一级指标", "年度(/项目)指标值", "绩效度量单位"),
// or "" for a label the vocabulary does not know.
func FormColumnOf(label string) string {
	if c := strings.NewReplacer(" ", "", "(", "（", ")", "）").Replace(label); strings.Contains(c, "（项目）名称") {
		return FormProjectName // 单位（项目）名称: units and their projects in one column
	}
	l := CleanLabel(label)
	if l == "" {
		return ""
	}
	for _, r := range formRules {
		if r.exact {
			for _, w := range r.words {
				if l == w && !hasAny(l, r.none) {
					return r.col
				}
			}
			continue
		}
		if hasAny(l, r.words) && !hasAny(l, r.none) {
			return r.col
		}
	}
	return ""
}

// IsFormColumn reports whether id is one of the form columns above (not a printed label).
func IsFormColumn(id string) bool {
	for _, r := range formRules {
		if r.col == id {
			return true
		}
	}
	return false
}

// IsIndicatorColumn reports whether a form column belongs to the indicator grid.
func IsIndicatorColumn(col string) bool {
	switch col {
	case FormLevel1, FormLevel2, FormLevel3, FormOperator, FormValue, FormUnit:
		return true
	}
	return false
}

// headLabels are the labels a form's head prints before their values ("项目名称  新建…",
// "资金总额：  57.00"), with the field each names. The longest that a cell starts with wins.
var headLabels = []struct{ label, field string }{
	{"项目名称", FormProjectName},
	{"项目编码", FormProjectCode},
	{"项目代码", FormProjectCode},
	{"项目资金总额", FormFunds},
	{"年度预算资金总额", FormFunds},
	{"实施期资金总额", FormFunds},
	{"年度资金总额", FormFunds},
	{"资金总额", FormFunds},
	{"项目总额", FormFunds},
	{"当年预算", FormFunds},
	{"实施单位", FormUnitName},
	{"主管部门", FormDepartment},
	{"部门名称", FormDepartment},
	{"单位名称", FormUnitName},
}

// HeadLabel names the head field a compact cell is the label of ("项目名称", "资金总额：",
// "实施期资金总额："), or "" when it is none. A cell that goes on past its label (a sentence)
// is none.
func HeadLabel(compact string) string {
	c := strings.TrimRight(compact, ":：")
	best, field := 0, ""
	for _, h := range headLabels {
		if strings.HasSuffix(c, h.label) && len(c)-len(h.label) <= len("其中") && len(h.label) > best {
			best, field = len(h.label), h.field
		}
	}
	return field
}

// Level labels: the 一级 and 二级 indicators of the national framework, whose wrapped fragments
// ("服务对象满意度" / "指标", "经济成本指" / "标") join into one label.
var levelLabels = []string{
	"产出指标", "效益指标", "满意度指标", "成本指标",
	"数量指标", "质量指标", "时效指标", "经济成本指标", "社会成本指标", "生态环境成本指标",
	"经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标",
	"社会公众或服务对象满意度指标", "经济成本", "社会成本", "生态环境成本",
}

// IsLevelLabel reports whether a compact text is a known 一级 or 二级 indicator label.
func IsLevelLabel(compact string) bool {
	for _, l := range levelLabels {
		if compact == l {
			return true
		}
	}
	return false
}

// IsLevelPrefix reports whether a compact text begins a known level label without completing it
// ("服务对象满意度", "经济成本指").
func IsLevelPrefix(compact string) bool {
	for _, l := range levelLabels {
		if len(compact) < len(l) && strings.HasPrefix(l, compact) {
			return true
		}
	}
	return false
}

// LevelPrefixes splits the 一级 and 二级 labels a form prints run into its indicator
// ("产出指标数量指标房产实测报告" → 产出指标, 数量指标, 房产实测报告); "" where none is printed.
func LevelPrefixes(s string) (level1, level2, rest string) {
	rest = s
	for k, out := range []*string{&level1, &level2} {
		best := ""
		for _, l := range levelLabels {
			if strings.HasPrefix(rest, l) && len(l) > len(best) && strings.HasSuffix(l, "指标") && (k == 1 || IsLevel1(l)) {
				best = l
			}
		}
		*out, rest = best, strings.TrimSpace(strings.TrimPrefix(rest, best))
		if best == "" {
			return level1, level2, rest
		}
	}
	return level1, level2, rest
}

// IsLevel1 reports whether a compact text is a 一级 indicator label (产出指标 …).
func IsLevel1(l string) bool {
	switch l {
	case "产出指标", "效益指标", "满意度指标", "成本指标":
		return true
	}
	return false
}

// IsBlockLabel reports whether a compact cell is the label a form prints beside a whole block
// (绩效指标, 绩效目标指标, 年度绩效指标): it names no indicator.
func IsBlockLabel(compact string) bool {
	switch compact {
	case "绩效指标", "绩效目标指标", "绩效目标指", "年度绩效指标", "项目绩效指标":
		return true
	}
	return false
}

// operators are the comparison signs an indicator value may open with, as printed, and the sign
// they stand for; 定性 marks a qualitative value.
var operators = []struct{ printed, op string }{
	{"定性", "定性"}, {"定量", ""}, {">=", "≥"}, {"<=", "≤"}, {"≥", "≥"}, {"≤", "≤"}, {"≧", "≥"}, {"≦", "≤"},
	{"=", "="}, {">", ">"}, {"<", "<"},
}

// Operator splits the comparison sign from the start of a value ("≥90.00(%)" → "≥", "90.00(%)"),
// folded to ≥ ≤ = > < or 定性. A text with no sign gives "" and the text.
func Operator(s string) (op, rest string) {
	for _, o := range operators {
		if strings.HasPrefix(s, o.printed) {
			return o.op, strings.TrimLeft(strings.TrimPrefix(s, o.printed), " :：")
		}
	}
	return "", s
}

// IsOperator reports whether a word is a comparison sign alone ("≥", "＝" folded to "=", "定性").
func IsOperator(s string) bool {
	op, rest := Operator(s)
	return rest == "" && (op != "" || s == "定量")
}

// reFormTitleName is the project a form's title names: "执勤车辆购置项目绩效目标表",
// "301007_泉州市公安局…分局_机场公安综合修缮改造项目绩效目标表".
var reFormTitleName = regexp.MustCompile(`^(?:(\d{3,12})_)?(?:([^_]+)_)?(.+项目)绩效目标(?:申报|填报)?表$`)

// genericForm are the words of titles that name a kind of form, not a project.
var genericForm = []string{"项目支出", "政策和项目", "一般性项目", "专项业务经费", "专项资金", "部门整体", "整体支出"}

// FormTitleProject reads the unit code, unit and project a form's title names, when it names one.
// text is the compact title without its year and numbering.
func FormTitleProject(text string) (unitCode, unit, project string) {
	m := reFormTitleName.FindStringSubmatch(text)
	if m == nil || hasAny(m[3], genericForm) {
		return "", "", ""
	}
	return m[1], m[2], m[3]
}

// IsDepartmentForm reports whether a form's title announces the department's (or unit's) targets
// as a whole (部门整体支出绩效目标表) rather than a project's.
func IsDepartmentForm(title string) bool {
	return strings.Contains(title, "整体")
}

// ProcurementClass is the class of procurement a label names: A 货物 (goods), B 工程 (works),
// C 服务 (services), as printed alone or with its letter ("C-服务", "货物类"); "" for none.
func ProcurementClass(label string) string {
	l := strings.TrimRight(strings.TrimLeft(strings.NewReplacer(" ", "", "-", "", "－", "", "—", "").Replace(label), "ABC"), "类")
	switch l {
	case "货物":
		return "A"
	case "工程":
		return "B"
	case "服务":
		return "C"
	}
	return ""
}
