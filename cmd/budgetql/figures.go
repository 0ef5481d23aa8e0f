package main

import (
	"budgetql/ingest"
	"budgetql/loader/model"
)

type figuresCmd struct {
	Files []string `arg:"" type:"existingfile" help:"Disclosure files: PDF, pdftotext -layout text or OCR text."`
}

// Run prints the figures of every file as one CSV; an unreadable file stops it with status 2.
func (c *figuresCmd) Run(e *env) error {
	for i, path := range c.Files {
		doc, err := ingest.ReadFile(e.ctx, path)
		if err != nil {
			return &exitError{code: 2, err: err}
		}
		if err := model.WriteFiguresCSV(e.stdout, doc.Figures(), i == 0); err != nil {
			return err
		}
	}
	return nil
}
