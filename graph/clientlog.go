package graph

import (
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
)

// clientLog logs client mistakes (a body that is not JSON, a missing query) at INFO, one short
// line each and at most a few a second: a client sending garbage in a loop must not fill the
// disk. Lines it holds back are counted and reported by the next line it writes.
type clientLog struct {
	log        *slog.Logger
	limit      *rate.Limiter
	suppressed atomic.Int64
}

// Client log bounds: lines a second, the burst allowed, and the longest message logged.
const (
	clientLogPerSecond = 2
	clientLogBurst     = 10
	clientLogMaxBytes  = 160
)

func newClientLog(log *slog.Logger) *clientLog {
	return &clientLog{log: log, limit: rate.NewLimiter(rate.Every(time.Second/clientLogPerSecond), clientLogBurst)}
}

// note logs one client mistake, unless the rate is exceeded.
func (c *clientLog) note(r *http.Request, status int, msg string) {
	if c == nil {
		return
	}
	if !c.limit.Allow() {
		c.suppressed.Add(1)
		return
	}
	host, _, _ := net.SplitHostPort(r.RemoteAddr)
	args := []any{"status", status, "client", host, "method", r.Method, "reason", clip(msg, clientLogMaxBytes)}
	if n := c.suppressed.Swap(0); n > 0 {
		args = append(args, "suppressed_since_last", n)
	}
	c.log.Info("client error", args...)
}
