package loader

// readTargets reads the performance target forms.
func (p *ocrParser) readTargets(secs []*ocrSection) {}
