package loader

// parseOCR is a stub until its parser lands.
func parseOCR(doc *Document, lines []Line) error { return nil }
