package graph

// ExportBatch lets tests make an export read in small batches.
var ExportBatch = &exportBatch
