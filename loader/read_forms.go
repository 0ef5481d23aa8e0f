package loader

import (
	"budgetql/loader/model"
)

// addFormProjects lists the projects of the performance forms in a document that prints no
// project table (the Shanghai budgets list their projects on their forms only), each once (by
// name or code). Where a project table is printed, it lists the projects: its forms are those of
// some of them, often under the name of a group of its rows.
func addFormProjects(doc *model.Document, form []model.Project) {
	if doc.Table(model.TableProject) != nil {
		return
	}
	listed := map[string]bool{}
	for _, p := range doc.Projects {
		listed["name:"+p.Name] = true
		if p.Code != "" {
			listed["code:"+p.Code] = true
		}
	}
	for _, p := range form {
		if listed["name:"+p.Name] || p.Code != "" && listed["code:"+p.Code] {
			continue
		}
		listed["name:"+p.Name] = true
		doc.Projects = append(doc.Projects, p)
	}
}

// keepLists gives the first reader's document what only the grid reader reads: the targets and
// projects of the forms, the procurement items, and the project and procurement tables.
func keepLists(old, read *model.Document) {
	old.Targets, old.Projects, old.Procurement = read.Targets, read.Projects, read.Procurement
	for _, id := range []model.TableID{model.TableProject, model.TableProcurement} {
		if t := read.Table(id); t != nil && old.Table(id) == nil {
			old.Tables = append(old.Tables, t)
		}
	}
}
