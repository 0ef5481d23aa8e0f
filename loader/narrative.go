package loader

// parseNarrative is a stub until the narrative parser lands.
func parseNarrative(doc *Document, lines []Line) {}
