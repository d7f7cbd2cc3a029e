//go:build !unix

package store

import "os"

// tryLock: without flock, the lock is not enforced on this system.
func tryLock(f *os.File) (bool, error) { return true, nil }

func unlock(f *os.File) {}
