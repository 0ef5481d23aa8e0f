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

