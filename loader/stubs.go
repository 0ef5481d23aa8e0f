package loader

// parseOCR reads the standard tables, projects, procurement, targets and staffing of OCR text.
func parseOCR(doc *Document, lines []Line) error { return nil }

// parseLayout reads the tables and targets of a pdftotext -layout budget (预算).
func parseLayout(doc *Document, lines []Line) error { return nil }

// parseLayoutFinal reads the tables of a pdftotext -layout final account (决算).
func parseLayoutFinal(doc *Document, lines []Line) error { return nil }

// parseNarrative reads narrative figures with their stated previous-year values.
func parseNarrative(doc *Document, lines []Line) {}

// runChecks applies every identity, repairs what they determine and records both.
func runChecks(doc *Document) {}
