package main

import (
	"bytes"
	"net"
	"strings"
	"testing"
)

// TestServeListensOnLoopbackByDefault: with no --addr and no BUDGETQL_ADDR, serve listens on
// 127.0.0.1 only; either of them opens it on purpose.
func TestServeListensOnLoopbackByDefault(t *testing.T) {
	env := func(vals map[string]string) func(string) string { return func(k string) string { return vals[k] } }
	cases := []struct {
		flag string
		env  map[string]string
		want string
	}{
		{"", nil, "127.0.0.1:8080"},
		{"", map[string]string{"BUDGETQL_ADDR": "0.0.0.0:9000"}, "0.0.0.0:9000"},
		{":8081", map[string]string{"BUDGETQL_ADDR": "0.0.0.0:9000"}, ":8081"},
	}
	for _, c := range cases {
		if got := listenAddr(c.flag, env(c.env)); got != c.want {
			t.Errorf("listenAddr(%q, %v) = %q, want %q", c.flag, c.env, got, c.want)
		}
	}
	host, _, _ := net.SplitHostPort(listenAddr("", env(nil)))
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		t.Errorf("default address %q is not loopback", host)
	}
}

// TestServePrintsExposure: serve says at start who can reach it, which origins' pages may call
// it, and how it reads the database.
func TestServePrintsExposure(t *testing.T) {
	cases := []struct {
		addr    string
		origins []string
		want    []string
	}{
		{"127.0.0.1:8080", nil, []string{"this machine only", "same-origin only", "read only, as role budgetql_reader"}},
		{"0.0.0.0:8080", []string{"https://dash.example"}, []string{"EVERY NETWORK INTERFACE", "pages of https://dash.example may call it"}},
		{"[::]:8080", []string{"*"}, []string{"EVERY NETWORK INTERFACE", "pages of ANY site"}},
		{"192.0.2.7:8080", nil, []string{"the network of 192.0.2.7", "same-origin only"}},
	}
	for _, c := range cases {
		addr, err := net.ResolveTCPAddr("tcp", c.addr)
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		writeExposure(&out, addr, c.origins, "budgetql_reader", true)
		for _, w := range c.want {
			if !strings.Contains(out.String(), w) {
				t.Errorf("%s %v: %q lacks %q", c.addr, c.origins, out.String(), w)
			}
		}
	}
}
