package loader

// parseLayoutTargets reads the 财政项目支出绩效目标填报表 forms.
func parseLayoutTargets(lines []Line) []Target { return nil }

// parseLayoutUnits reads the numbered list of units under 机构设置.
func parseLayoutUnits(lines []Line) []OrgUnit { return nil }
