package vocab

import "strings"

// functionClasses are the 类 of 支出功能分类 (2019 onwards), by code. Older and provincial names
// differ; ClassCodeByName matches by the distinctive part of the name.
var functionClasses = []struct{ Code, Name string }{
	{"201", "一般公共服务支出"}, {"202", "外交支出"}, {"203", "国防支出"}, {"204", "公共安全支出"},
	{"205", "教育支出"}, {"206", "科学技术支出"}, {"207", "文化旅游体育与传媒支出"},
	{"208", "社会保障和就业支出"}, {"209", "社会保险基金支出"}, {"210", "卫生健康支出"},
	{"211", "节能环保支出"}, {"212", "城乡社区支出"}, {"213", "农林水支出"}, {"214", "交通运输支出"},
	{"215", "资源勘探工业信息等支出"}, {"216", "商业服务业等支出"}, {"217", "金融支出"},
	{"219", "援助其他地区支出"}, {"220", "自然资源海洋气象等支出"}, {"221", "住房保障支出"},
	{"222", "粮油物资储备支出"}, {"223", "国有资本经营预算支出"}, {"224", "灾害防治及应急管理支出"},
	{"227", "预备费"}, {"229", "其他支出"}, {"230", "转移性支出"}, {"231", "债务还本支出"},
	{"232", "债务付息支出"}, {"233", "债务发行费用支出"}, {"234", "抗疫特别国债安排的支出"},
}

// classAliases are older or OCR-damaged names of function classes.
var classAliases = map[string]string{
	"医疗卫生与计划生育": "210", "医疗卫生": "210", "文化体育与传媒": "207", "资源勘探信息等": "215",
	"国土海洋气象等": "220", "资源勘探工业": "215", "粮油物资": "222", "灾害防治": "224",
	"资源勋操工业": "215", "糖油物瓷储备": "222", "预备": "227", "予页备费": "227",
}

// FunctionClassCode returns the 3-digit function class code for a printed class name such as
// "一、一般公共服务支出", "(十七) 住房保障支出" or "卫生健康支出（类）", or "" when none matches.
func FunctionClassCode(name string) string {
	n := StripOrdinal(CleanRowLabel(name))
	n = strings.TrimSuffix(strings.TrimSuffix(n, "（类）"), "(类)")
	if n == "" {
		return ""
	}
	for _, c := range functionClasses {
		if n == c.Name || n == strings.TrimSuffix(c.Name, "支出") {
			return c.Code
		}
	}
	for alias, code := range classAliases {
		if strings.HasPrefix(n, alias) {
			return code
		}
	}
	// A cut or wrapped name: accept a prefix of at least four characters that fits one class only.
	if r := []rune(n); len(r) >= 4 {
		found := ""
		for _, c := range functionClasses {
			if strings.HasPrefix(c.Name, n) {
				if found != "" {
					return ""
				}
				found = c.Code
			}
		}
		return found
	}
	return ""
}


// economicItems is the department edition of 支出经济分类 (部门预算支出经济分类科目), 类 and 款.
var economicItems = []struct{ Code, Name string }{
	{"301", "工资福利支出"}, {"30101", "基本工资"}, {"30102", "津贴补贴"}, {"30103", "奖金"},
	{"30106", "伙食补助费"}, {"30107", "绩效工资"}, {"30108", "机关事业单位基本养老保险缴费"},
	{"30109", "职业年金缴费"}, {"30110", "职工基本医疗保险缴费"}, {"30111", "公务员医疗补助缴费"},
	{"30112", "其他社会保障缴费"}, {"30113", "住房公积金"}, {"30114", "医疗费"}, {"30199", "其他工资福利支出"},
	{"302", "商品和服务支出"}, {"30201", "办公费"}, {"30202", "印刷费"}, {"30203", "咨询费"},
	{"30204", "手续费"}, {"30205", "水费"}, {"30206", "电费"}, {"30207", "邮电费"}, {"30208", "取暖费"},
	{"30209", "物业管理费"}, {"30211", "差旅费"}, {"30212", "因公出国（境）费用"}, {"30213", "维修（护）费"},
	{"30214", "租赁费"}, {"30215", "会议费"}, {"30216", "培训费"}, {"30217", "公务接待费"},
	{"30218", "专用材料费"}, {"30224", "被装购置费"}, {"30225", "专用燃料费"}, {"30226", "劳务费"},
	{"30227", "委托业务费"}, {"30228", "工会经费"}, {"30229", "福利费"}, {"30231", "公务用车运行维护费"},
	{"30239", "其他交通费用"}, {"30240", "税金及附加费用"}, {"30299", "其他商品和服务支出"},
	{"303", "对个人和家庭的补助"}, {"30301", "离休费"}, {"30302", "退休费"}, {"30303", "退职（役）费"},
	{"30304", "抚恤金"}, {"30305", "生活补助"}, {"30306", "救济费"}, {"30307", "医疗费补助"},
	{"30308", "助学金"}, {"30309", "奖励金"}, {"30310", "个人农业生产补贴"}, {"30311", "代缴社会保险费"},
	{"30399", "其他对个人和家庭的补助"},
	{"307", "债务利息及费用支出"}, {"309", "资本性支出（基本建设）"},
	{"310", "资本性支出"}, {"31001", "房屋建筑物购建"}, {"31002", "办公设备购置"}, {"31003", "专用设备购置"},
	{"31005", "基础设施建设"}, {"31006", "大型修缮"}, {"31007", "信息网络及软件购置更新"},
	{"31008", "物资储备"}, {"31009", "土地补偿"}, {"31010", "安置补助"}, {"31011", "地上附着物和青苗补偿"},
	{"31012", "拆迁补偿"}, {"31013", "公务用车购置"}, {"31019", "其他交通工具购置"},
	{"31021", "文物和陈列品购置"}, {"31022", "无形资产购置"}, {"31099", "其他资本性支出"},
	{"399", "其他支出"},
}


// normName folds the differences that do not change a subject's identity: bracket width and spaces.
func normName(s string) string {
	s = strings.TrimSpace(s)
	if !strings.ContainsAny(s, "（） \t") {
		return s
	}
	// as strings.NewReplacer("（", "(", "）", ")", " ", "", "\t", "").Replace(s), byte by byte
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ' || c == '\t':
		case strings.HasPrefix(s[i:], "（"):
			b = append(b, '(')
			i += len("（") - 1
		case strings.HasPrefix(s[i:], "）"):
			b = append(b, ')')
			i += len("）") - 1
		default:
			b = append(b, c)
		}
	}
	return string(b)
}


// FunctionCode resolves a function subject from its printed name under its parent's code (""
// for a 类). Interim: classes only, until the classification data lands.
func FunctionCode(name, parent string, year int) (string, bool) {
	if parent != "" {
		return "", false
	}
	c := FunctionClassCode(name)
	return c, c != ""
}

// EconomicCode resolves an economic subject from its printed name under its parent's code ("" for
// a class).
func EconomicCode(name, parent string, year int) (string, bool) {
	n := normName(StripOrdinal(CleanRowLabel(name)))
	found := ""
	for _, e := range economicItems {
		if parent == "" && len(e.Code) != 3 || parent != "" && (len(e.Code) != 5 || !strings.HasPrefix(e.Code, parent)) {
			continue
		}
		if normName(e.Name) == n {
			if found != "" {
				return "", false
			}
			found = e.Code
		}
	}
	return found, found != ""
}
