# Flightplan — `make run` opens the app, `make test` runs every suite.
# Both install what is missing first (system packages through build/setup.sh,
# the pinned Wails CLI, npm packages), so they work on a fresh Debian/Ubuntu.

WAILS_VERSION := v2.16.0
MAILPIT_VERSION := v1.27.11
GOBIN := $(shell go env GOPATH)/bin
WAILS := $(GOBIN)/wails
TAGS := desktop,production,webkit2_41
BIN := build/bin/flightplan
DEVBIN := build/bin/flightplan-dev

.PHONY: run build setup setup-test frontend bindings test test-pg-chaos bench clean

run: setup build
	./$(BIN)

setup: frontend/node_modules/.package-lock.json
	@bash build/setup.sh
	@test -x $(WAILS) || go install github.com/wailsapp/wails/v2/cmd/wails@$(WAILS_VERSION)

# npm ci again whenever the lock file changed since the last install.
frontend/node_modules/.package-lock.json: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund

setup-test: setup
	@bash build/setup.sh test
	@test -x $(GOBIN)/mailpit || go install github.com/axllent/mailpit@$(MAILPIT_VERSION)

frontend: setup
	cd frontend && npm run build

# With the probe tag: the bindings include the window benchmark's and the
# end-to-end walk's hooks (app/hooks_probe.go), which only a probe build binds.
# Then the TypeScript shapes of the Go structs the frontend reads
# (frontend/src/api/types.gen.ts, by build/tsgen; its Go test fails when stale).
bindings: setup
	$(WAILS) generate module -tags probe
	go run ./build/tsgen

build: frontend
	go build -tags $(TAGS) -ldflags "-w -s" -o $(BIN) .

$(DEVBIN): frontend
	go build -tags dev,webkit2_41 -o $(DEVBIN) .

test: setup-test
	@bash build/test.sh

# Three engines on one PostgreSQL workspace, 10,000 contacts, one engine
# killed with SIGKILL every 2 to 5 s, 20 kills;
# make test runs the same test with 1,000 contacts.
test-pg-chaos: setup-test
	FLIGHTPLAN_PG_CHAOS_CONTACTS=10000 go test -count=1 -timeout 30m -v -run '^TestThreeEnginesSurviveSIGKILL$$' ./app/cli

bench:
	@bash build/bench.sh

clean:
	rm -rf build/bin frontend/dist/assets frontend/dist/index.html
