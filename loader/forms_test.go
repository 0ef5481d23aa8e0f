package loader

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"budgetql/loader/model"
)

// TestFormTargetsPutuo reads the five 财政项目支出绩效目标填报表 forms of the 2023 万里 budget.
func TestFormTargetsPutuo(t *testing.T) {
	d := mustParseFile(t, filepath.Join(corpusDir, "putuo-wanli-street-budget-2023.txt"))
	perProject := map[string]int{}
	funds := map[string]string{}
	for _, tg := range d.Targets {
		perProject[tg.ProjectName]++
		funds[tg.ProjectName] = tg.Funds
	}
	wantCount := map[string]int{"新建万里街道社区公共服务中心": 5, "就业援助基地补贴": 4, "社区环境整治和建设经费": 4,
		"各类工作经费": 43, "公共服务设施运行经费": 9}
	wantFunds := map[string]string{"新建万里街道社区公共服务中心": "4,100,000.00", "就业援助基地补贴": "6,351,000.00",
		"社区环境整治和建设经费": "4,563,800.00", "各类工作经费": "7595500.00", "公共服务设施运行经费": "10,903,043.00"}
	if len(perProject) != len(wantCount) {
		t.Errorf("projects %v, want %v", perProject, wantCount)
	}
	for p, n := range wantCount {
		if perProject[p] != n || funds[p] != wantFunds[p] {
			t.Errorf("%s: %d targets, funds %q; want %d, %q", p, perProject[p], funds[p], n, wantFunds[p])
		}
	}
	want := []model.Target{
		{ProjectName: "新建万里街道社区公共服务中心", Level1: "产出指标", Level2: "数量指标", Level3: "规划建筑面积", Operator: "≥", Value: "13459.00", MeasureUnit: "平方米"},
		{ProjectName: "新建万里街道社区公共服务中心", Level1: "满意度指标", Level2: "服务对象满意度指标", Level3: "居民满意度", Value: "满意度"},
		{ProjectName: "就业援助基地补贴", Level1: "产出指标", Level2: "数量指标", Level3: "补贴对象申请审核完成率", Operator: "=", Value: "100.00", MeasureUnit: "%"},
		{ProjectName: "就业援助基地补贴", Level1: "满意度指标", Level2: "服务对象满意度指标", Level3: "补贴对象满意度", Operator: "≥", Value: "80.00", MeasureUnit: "%"},
		{ProjectName: "各类工作经费", Level1: "产出指标", Level2: "数量指标", Level3: "成立社戒社康人员习得规范小组", Operator: ">", Value: "6.00", MeasureUnit: "次"},
		{ProjectName: "各类工作经费", Level1: "产出指标", Level2: "数量指标", Level3: "15个居民区全覆盖", Value: "居民区全覆盖"},
		{ProjectName: "各类工作经费", Level1: "产出指标", Level2: "质量指标", Level3: "做好禁毒示范城区标准化建设", Value: "做好禁毒示范城区标准化建设"},
		{ProjectName: "各类工作经费", Level1: "效益指标", Level2: "社会效益指标", Level3: "民兵训练及备勤工作", Value: "根据区人武部安排 ，完成民兵训练任务及备勤任务"},
		{ProjectName: "各类工作经费", Level1: "效益指标", Level2: "社会效益指标", Level3: "全面提升社区党员党性修养 ，提升书记综合素质 ，牢固树立全心全意为民服务意识", Value: "有效"},
		{ProjectName: "各类工作经费", Level1: "满意度指标", Level2: "服务对象满意度指标", Level3: "提升社区居民满意度", Value: "提升"},
		{ProjectName: "公共服务设施运行经费", Level1: "效益指标", Level2: "社会效益指标", Level3: "安全责任事故", Value: "安全无事故"},
		{ProjectName: "公共服务设施运行经费", Level1: "满意度指标", Level2: "服务对象满意度指标", Level3: "居民满意度", Value: "90", MeasureUnit: "%"},
	}
	for _, w := range want {
		found := false
		for _, g := range d.Targets {
			if g.ProjectName == w.ProjectName && g.Level3 == w.Level3 {
				found = true
				g.Funds, g.Source = "", model.Source{}
				if g != w {
					t.Errorf("target\n got %s\nwant %s", targetSummary(g), targetSummary(w))
				}
			}
		}
		if !found {
			t.Errorf("no target %s", targetSummary(w))
		}
	}
	if tg := d.Targets[0]; tg.Source.Line != 888 || tg.Source.Page != 31 {
		t.Errorf("first target source %+v, want line 888 page 31", tg.Source)
	}
	for _, name := range []string{"putuo-wanli-street-budget-2024", "putuo-govoffice-budget-2025"} {
		if n := len(mustParseFile(t, filepath.Join(corpusDir, name+".txt")).Targets); n != 0 {
			t.Errorf("%s: %d targets, want none (no 填报表 printed)", name, n)
		}
	}
}

// targetSummary is a one-line description of a target, for test messages.
func targetSummary(t model.Target) string {
	return fmt.Sprintf("%s/%s/%s/%s %s%s%s", t.ProjectName, t.Level1, t.Level2, t.Level3, t.Operator, t.Value, t.MeasureUnit)
}

// TestFormProjectsPutuo: the 2023 万里 budget prints no project table; its projects are those of
// its five forms, each with the 项目资金总额 its form prints, sourced at that line.
func TestFormProjectsPutuo(t *testing.T) {
	d := mustParseFile(t, filepath.Join(corpusDir, "putuo-wanli-street-budget-2023.txt"))
	want := []struct {
		name, yuan string
		line       int
	}{
		{"新建万里街道社区公共服务中心", "4100000", 860}, {"就业援助基地补贴", "6351000", 911},
		{"社区环境整治和建设经费", "4563800", 952}, {"各类工作经费", "7595500", 997},
		{"公共服务设施运行经费", "10903043", 1106},
	}
	if len(d.Projects) != len(want) {
		t.Fatalf("%d projects, want %d: %+v", len(d.Projects), len(want), d.Projects)
	}
	for i, w := range want {
		p := d.Projects[i]
		if p.Name != w.name || p.Amount.Yuan.String() != w.yuan || p.Amount.Unit != model.Yuan || p.Source.Line != w.line ||
			p.AmountFrom != model.TablePerformanceForm || !strings.Contains(p.Source.Text, p.Amount.Printed) {
			t.Errorf("project %d: %s %s %s (%s) line %d from %s; want %s %s 元 line %d from the form",
				i, p.Name, p.Amount.Yuan, p.Amount.Unit, p.Amount.Printed, p.Source.Line, p.AmountFrom, w.name, w.yuan, w.line)
		}
	}
	if n := len(mustParseFile(t, filepath.Join(corpusDir, "putuo-wanli-street-budget-2024.txt")).Projects); n != 0 {
		t.Errorf("2024: %d projects, want none (no project table, no forms)", n)
	}
}

// TestFormsWide reads performance forms of five other layouts: lists of projects beside their
// indicators (Beijing, Chongqing), forms named by their title (Quanzhou), forms with wrapped header
// labels (Xi'an) and forms with their levels printed once per block (Yantai).
func TestFormsWide(t *testing.T) {
	for _, c := range []struct {
		doc      string
		target   model.Target // compared without source and funds
		funds    string       // the target's project amount as printed
		projects int          // the document's projects from its forms (0: it prints a project table)
		project  string       // one of them, with its amount in yuan
		yuan     string
	}{
		{"beijing-subcenter-budget-2026", model.Target{ProjectCode: "11000022T00000039", ProjectName: "1740-因公出国（境）类项目",
			Level1: "产出指标", Level2: "数量指标", Level3: "因公出国（境）人数", Operator: "≥", Value: "8", MeasureUnit: "人"},
			"43.352803", 13, "1740-因公出国（境）类项目", "433528.03"},
		{"beijing-subcenter-budget-2026", model.Target{Level1: "产出指标", Level2: "数量指标", Level3: "房产实测报告",
			Operator: "≥", Value: "13", MeasureUnit: "本"}, "", 13, "3382-档案数字化及其整理", "85664"},
		{"chongqing-commerce-budget-2026", model.Target{ProjectName: "市商务发展专项", Level3: "离岸服务外包执行额",
			Operator: "≥", Value: "22.6", MeasureUnit: "亿美元"}, "46,794.00", 2, "市商务发展一般性项目", "80714500"},
		{"quanzhou-police-unit-budget-2026", model.Target{ProjectName: "女子看守所保障经费项目", Level1: "成本指标",
			Level2: "经济成本指标", Level3: "预算控制", Operator: "≤", Value: "100", MeasureUnit: "%"}, "1111.50", 4,
			"女子看守所保障经费项目", "11115000"},
		{"xian-approval-budget-2025", model.Target{ProjectName: "办公区室外绿化项目", Level1: "产出指标", Level2: "数量指标",
			Level3: "绿植养护覆盖率", Operator: "≥", Value: "95", MeasureUnit: "%"}, "29.78", 0, "", ""},
		{"yantai-finance-budget-2026", model.Target{ProjectName: "公车统管费用", Level1: "产出指标", Level2: "数量指标",
			Level3: "车辆租赁次数", Operator: "≤", Value: "400", MeasureUnit: "次"}, "30.00", 0, "", ""},
	} {
		t.Run(c.doc, func(t *testing.T) {
			d := wideDoc(t, c.doc)
			found := false
			for _, g := range d.Targets {
				funds := g.Funds
				g.Funds, g.Source = "", model.Source{}
				if g == c.target {
					found = true
					if funds != c.funds {
						t.Errorf("target %s: funds %q, want %q", g.Level3, funds, c.funds)
					}
				}
			}
			if !found {
				t.Errorf("no target %s among %d", targetSummary(c.target), len(d.Targets))
			}
			n, got := 0, false
			for _, p := range d.Projects {
				if p.AmountFrom == model.TablePerformanceForm {
					n++
					got = got || p.Name == c.project && p.Amount.Yuan.Equal(yuan(c.yuan))
				}
			}
			if n != c.projects || c.projects > 0 && !got {
				t.Errorf("%d projects from forms, want %d with %s %s yuan", n, c.projects, c.project, c.yuan)
			}
		})
	}
}
