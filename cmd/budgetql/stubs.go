package main

import "errors"

var errNotYet = errors.New("not implemented yet")

type migrateCmd struct{}

func (c *migrateCmd) Run(e *env) error { return errNotYet }

type loadCmd struct {
	Paths []string `arg:"" help:"Files or directories."`
}

func (c *loadCmd) Run(e *env) error { return errNotYet }

type serveCmd struct{}

func (c *serveCmd) Run(e *env) error { return errNotYet }

type dbCmd struct{}
