package db

import (
	"fmt"
	"strings"
)

// conds builds a WHERE clause from the conditions a filter sets, numbering their parameters.
// Statements carry no catch-all conditions such as ($1 = 0 OR year = $1): the Reader plans each
// prepared statement once (generic plans), and a catch-all plan fits no filter well.
type conds struct {
	where []string
	args  []any
}

// add appends cond, whose %d placeholders all take the next parameter, arg.
func (c *conds) add(cond string, arg any) {
	c.args = append(c.args, arg)
	n := len(c.args)
	c.where = append(c.where, strings.ReplaceAll(cond, "%d", fmt.Sprint(n)))
}

// fixed appends a condition without a parameter.
func (c *conds) fixed(cond string) { c.where = append(c.where, cond) }

// sql is the clause ("WHERE a AND b"), empty when no condition is set.
func (c *conds) sql() string {
	if len(c.where) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(c.where, " AND ")
}

// next is the placeholder of the parameter after the conditions' ones, for arguments that follow.
func (c *conds) next(i int) string { return fmt.Sprintf("$%d", len(c.args)+i) }
