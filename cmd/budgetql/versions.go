package main

import (
	"fmt"
	"text/tabwriter"

	"budgetql/db"
)

// versionsCmd lists the dataset versions, newest first.
type versionsCmd struct {
	Limit int `default:"50" help:"How many of the newest versions to list (0: all)."`
}

// Run prints one line per dataset version: what it loaded or replaced, what that changed and
// whether a later version superseded it. A version number pins API requests to it (the
// Dataset-Version header or the version URL parameter).
func (c *versionsCmd) Run(e *env) error {
	url, err := e.databaseURL()
	if err != nil {
		return err
	}
	if _, err := db.Migrate(e.ctx, url); err != nil {
		return err
	}
	s, err := db.Open(e.ctx, url)
	if err != nil {
		return err
	}
	defer s.Close()
	vs, err := s.Versions(e.ctx, c.Limit)
	if err != nil {
		return err
	}
	if len(vs) == 0 {
		fmt.Fprintln(e.stdout, "no dataset version yet: budgetql load creates one per document it stores")
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "version\tcreated (UTC)\taction\tdocument\tfile\tfigures +/−/~\tfailed checks\tsuperseded in")
	for _, v := range vs {
		doc := v.DepartmentName
		if v.Year != nil && v.Kind != nil {
			doc = fmt.Sprintf("%s %d %s", v.DepartmentName, *v.Year, *v.Kind)
		}
		failed := fmt.Sprint(v.Failed)
		if v.PreviousFailed != nil {
			failed = fmt.Sprintf("%d (was %d)", v.Failed, *v.PreviousFailed)
		}
		if v.Forced {
			failed += " --replace"
		}
		superseded := "current"
		if v.SupersededIn != nil {
			superseded = fmt.Sprint(*v.SupersededIn)
		} else if v.DocumentID == nil {
			superseded = ""
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t+%d −%d ~%d\t%s\t%s\n", v.Version, v.CreatedAt.UTC().Format("2006-01-02 15:04:05"),
			v.Action, doc, v.FileName, v.Added, v.Removed, v.Changed, failed, superseded)
	}
	return tw.Flush()
}
