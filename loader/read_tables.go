package loader

import (
	"budgetql/loader/grid"
	"budgetql/loader/model"
	"budgetql/loader/recognize"
	"budgetql/loader/shape"
	"budgetql/loader/vocab"
)

// readTables finds the standard tables of a grid and reads each with the reader of its shape.
func readTables(doc *model.Document, g []grid.Line) {
	segs := recognize.Tables(g)
	ctx := shape.Context{Unit: usualUnit(segs), Year: doc.Year, Kind: doc.Kind}
	var formProjects []model.Project
	defer func() { addFormProjects(doc, formProjects) }()
	for _, seg := range segs {
		var t *model.Table
		var issues []model.Issue
		switch seg.ID {
		case vocab.TableTargets:
			f := shape.Forms(seg, ctx)
			doc.Targets = append(doc.Targets, f.Targets...)
			formProjects = append(formProjects, f.Projects...)
			issues = f.Issues
		case model.TableProject:
			var ps []model.Project
			t, ps, issues = shape.Projects(seg, ctx)
			if doc.Table(t.ID) == nil {
				doc.Projects = append(doc.Projects, ps...)
			}
		case model.TableProcurement:
			var items []model.ProcurementItem
			t, items, issues = shape.Procurement(seg, ctx)
			if doc.Table(t.ID) == nil {
				doc.Procurement = append(doc.Procurement, items...)
			}
		case vocab.TableOther:
			continue
		case model.TableSummary, model.TableAppropriation:
			t, issues = shape.Pairs(seg, ctx)
		case model.TableSangong:
			t, issues = shape.Sangong(seg, ctx)
		default:
			t, issues = shape.Subjects(seg, ctx)
		}
		doc.Issues = append(doc.Issues, issues...)
		if t != nil {
			addTable(doc, t)
		}
	}
	basicAsGPB(doc)
}

// basicAsGPB lets the 基本支出总表 (basic expenditure of every fund, by economic class) stand for
// the 一般公共预算基本支出表 in a document that prints no such table: basic expenditure is paid from
// the general public budget. The issue says so.
func basicAsGPB(doc *model.Document) {
	b := doc.Table(model.TableBasic)
	if b == nil || doc.Table(model.TableGPBEconomic) != nil {
		return
	}
	b.ID = model.TableGPBEconomic
	b.Source.Table = model.TableGPBEconomic
	for _, r := range b.Rows {
		r.Source.Table = model.TableGPBEconomic
	}
	doc.Issues = append(doc.Issues, model.Issue{Kind: "table_role", Line: b.Source.Line,
		Detail: b.Title + ": read as the 一般公共预算基本支出表 (by economic class): the document prints no other table of basic expenditure by economic class"})
}

// usualUnit is the unit most tables print, for tables that print none.
func usualUnit(segs []recognize.Segment) model.Unit {
	n := map[model.Unit]int{}
	for _, s := range segs {
		if s.Unit != "" {
			n[s.Unit]++
		}
	}
	if n[model.Yuan] > n[model.TenThous] {
		return model.Yuan
	}
	return model.TenThous
}
