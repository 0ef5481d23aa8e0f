package localpg

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// An inherited descriptor (opened without O_CLOEXEC, as a shell's `flock FILE cmd` passes one)
// must not reach the server the cluster starts.
func TestCloseInheritedOnExec(t *testing.T) {
	fd, err := syscall.Open(filepath.Join(t.TempDir(), "held"), syscall.O_CREAT|syscall.O_RDWR, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	f := os.NewFile(uintptr(fd), "held")
	defer f.Close()
	if flags(t, fd)&unix.FD_CLOEXEC != 0 {
		t.Fatal("test setup: descriptor already close-on-exec")
	}
	closeInheritedOnExec()
	if flags(t, fd)&unix.FD_CLOEXEC == 0 {
		t.Errorf("descriptor %d still passes to children", fd)
	}
}

func flags(t *testing.T, fd int) int {
	v, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
