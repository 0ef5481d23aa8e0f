package main

import (
	"budgetql/ingest"
	"budgetql/loader/model"
)

type figuresCmd struct {
	Files []string `arg:"" type:"existingfile" help:"Disclosure files: PDF (a scanned one is read through OCR), pdftotext -layout text, OCR text or OCR word boxes (Tesseract TSV)."`
}

// Run prints the figures of every file as one CSV; an unreadable file stops it with status 2.
func (c *figuresCmd) Run(e *env) error {
	for i, path := range c.Files {
		doc, err := ingest.ReadFileWith(e.ctx, path, readOptions(e))
		if err != nil {
			return &exitError{code: 2, err: err}
		}
		if err := model.WriteFiguresCSV(e.stdout, doc.Figures(), i == 0); err != nil {
			return err
		}
	}
	return nil
}
