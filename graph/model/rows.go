package model

import "github.com/shopspring/decimal"

// Figure is one flat figure of the figures connection.
type Figure struct {
	DocumentID int64
	Department string
	Year       int
	Kind       Kind
	Table      string
	RowCode    string
	RowName    string
	Column     string
	Amount     Money
}

// Subject is one node of a subject tree with its amounts.
type Subject struct {
	Classification Classification
	Code           string
	Name           string
	Level          int
	ParentCode     *string
	Total          *Money
	Basic          *Money
	Project        *Money
	Personnel      *Money
	PublicUse      *Money
	Children       []Subject
}

// Project is a project line with its amount.
type Project struct {
	Code       string
	Name       string
	NameFrom   string
	AmountFrom ProjectAmountSource
	UnitName   string
	Category   string
	Amount     Money
}

// RankedAmount is one department's amount in a ranking.
type RankedAmount struct {
	Rank         int
	DepartmentID int64
	Amount       Money
}

// Mover is a subject or project with its change from the previous year.
type Mover struct {
	DepartmentID int64
	Code         string
	Name         string
	PreviousName string
	NameChanged  bool
	Current      Money
	Previous     Money
	Change       decimal.Decimal
	Percent      *decimal.Decimal
}

// SearchHit is one name containing the search term.
type SearchHit struct {
	Kind           SearchKind
	Name           string
	DepartmentID   int64
	DocumentID     *int64
	Year           *int
	ProjectCode    *string
	ProjectName    *string
	Classification *Classification
	SubjectCode    *string
	Source         *Source
}

// BudgetExecution is a 决算's budget against actual; its subjects are read on request.
type BudgetExecution struct {
	SangongTotal            *Execution
	SangongOverseas         *Execution
	SangongVehicle          *Execution
	SangongVehiclePurchase  *Execution
	SangongVehicleOperation *Execution
	SangongReception        *Execution
	OfficeRunning           *Execution
	GeneralPublicBudget     *Execution
	DocumentID              int64 // the 决算
	BudgetDocumentID        int64 // the same department-year's 预算, 0 when not loaded
}
