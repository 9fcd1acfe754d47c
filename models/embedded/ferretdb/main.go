// Command ferretdb runs FerretDB 1.24 with its SQLite backend as the project's embedded
// MongoDB-wire database. It is built by models/embedded/build.ts, never installed with
// `go install` (FerretDB's own cmd wants a version file only its release build writes).
//
// It prints one line "READY <mongodb uri>" once it listens, so the parent knows the port
// it chose, and exits when its standard input closes, so it never outlives the Node
// process that started it, even one killed with SIGKILL.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "TCP address to listen on (port 0 picks a free one)")
	dir := flag.String("dir", ".data", "folder for the SQLite files")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fail("bad -log-level: %s", err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	abs, err := filepath.Abs(*dir)
	if err != nil {
		fail("bad -dir: %s", err)
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		fail("cannot create data folder %s: %s", abs, err)
	}
	// Two FerretDB processes on one SQLite folder corrupt each other's metadata: refuse the second.
	// The lock lives as long as the open file does, so the file is kept in a package variable:
	// a local one is unreachable after this point, and the garbage collector's finalizer closed
	// it (and so released the lock) after a minute or ~10,000 inserts.
	dataLock, err = os.OpenFile(filepath.Join(abs, ".lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		fail("cannot open lock file: %s", err)
	}
	if err := syscall.Flock(int(dataLock.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		holder, _ := io.ReadAll(dataLock)
		fmt.Fprintf(os.Stderr, "ferretdb: data folder %s is in use by another embedded database process\n", abs)
		fmt.Fprintf(os.Stderr, "LOCKED %s\n", bytes.TrimSpace(holder))
		os.Exit(lockedExitCode)
	}

	f, err := ferretdb.New(&ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: *listen},
		Handler:  "sqlite",
		// WAL with synchronous=NORMAL: a commit survives the process being killed (the WAL is in
		// the OS), only a power cut can lose the last ones; FULL fsyncs every commit and halved
		// the throughput of card submissions (bench/README.md, submit).
		SQLiteURL: "file:" + abs + "/?_pragma=synchronous(normal)",
		Logger:    logger,
	})
	if err != nil {
		fail("cannot start: %s", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		stop()
	}()

	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()

	// MongoDBURI blocks until Run has opened the listener; Run may fail first (port taken).
	ready := make(chan string, 1)
	go func() { ready <- f.MongoDBURI() }()
	select {
	case uri := <-ready:
		// Who holds the folder, for a second start to name it (and for the command-line tools
		// to reach this server instead of starting another).
		holder, _ := json.Marshal(lockHolder{PID: os.Getpid(), Parent: os.Getppid(), URI: uri, Since: time.Now().UTC().Format(time.RFC3339)})
		_ = dataLock.Truncate(0)
		_, _ = dataLock.WriteAt(holder, 0)
		fmt.Printf("READY %s\n", uri)
	case err := <-done:
		fail("stopped before listening: %v", err)
	case <-time.After(30 * time.Second):
		fail("not listening after 30 s")
	}

	if err := <-done; err != nil && ctx.Err() == nil {
		fail("stopped: %s", err)
	}
}

// lockedExitCode tells the parent that the folder is in use (the holder follows on stderr).
const lockedExitCode = 3

var dataLock *os.File

type lockHolder struct {
	PID    int    `json:"pid"`
	Parent int    `json:"parent"`
	URI    string `json:"uri"`
	Since  string `json:"since"`
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "ferretdb: "+format+"\n", args...)
	os.Exit(1)
}
