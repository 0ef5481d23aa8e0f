package main

import "errors"

var errNotYet = errors.New("not implemented yet")

type serveCmd struct{}

func (c *serveCmd) Run(e *env) error { return errNotYet }
