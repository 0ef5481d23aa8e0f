package db

import (
	"strings"

	"github.com/shopspring/decimal"

	"budgetql/loader/model"
)

// TablePerformanceForm is the source table of a project read from a 项目支出绩效目标表: its
// 项目资金总额 is the project's amount.
const TablePerformanceForm model.TableID = "performance_form"

// formProjects are the projects of the document's performance forms that its project list does
// not hold (by name or code), each with the form's 项目资金总额 (Target.Funds, printed in 元 on the
// forms this reads), sourced at the form's first target line.
//
// Until the loader lists these forms as projects itself (model.Project with Source.Table
// performance_form and the line of 项目资金总额), the store derives them here; once it does, they
// are listed and this adds nothing.
func formProjects(doc *model.Document) []model.Project {
	listed := map[string]bool{}
	for _, p := range doc.Projects {
		listed["name:"+p.Name] = true
		if p.Code != "" {
			listed["code:"+p.Code] = true
		}
	}
	var out []model.Project
	for _, t := range doc.Targets {
		if t.ProjectName == "" || t.Funds == "" || listed["name:"+t.ProjectName] ||
			(t.ProjectCode != "" && listed["code:"+t.ProjectCode]) {
			continue
		}
		listed["name:"+t.ProjectName] = true
		amount, ok := formFunds(t.Funds)
		if !ok {
			continue
		}
		src := t.Source
		src.Table = TablePerformanceForm
		out = append(out, model.Project{Code: t.ProjectCode, Name: t.ProjectName, Amount: amount, Source: src})
	}
	return out
}

// formFunds reads a form's 项目资金总额 as printed ("4,100,000.00", 元).
func formFunds(printed string) (model.Amount, bool) {
	d, err := decimal.NewFromString(strings.NewReplacer(",", "", "，", "", " ", "").Replace(printed))
	if err != nil {
		return model.Amount{}, false
	}
	return model.Amount{Yuan: d, Printed: printed, Unit: model.Yuan, Status: model.StatusReported}, true
}
