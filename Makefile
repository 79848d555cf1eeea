# Bilateral. `make run` starts the app; `make test` runs every test (lint, UI, core,
# commands, end to end). Both first install whatever is missing, and nothing else.

SHELL := /bin/bash
.DEFAULT_GOAL := run

APT_PACKAGES := libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev \
                libayatana-appindicator3-dev librsvg2-dev xvfb webkit2gtk-driver imagemagick xdotool \
                sqlite3 fonts-noto-cjk fonts-dejavu-core poppler-utils chromium chromium-driver
TAURI_DRIVER_VERSION := 2.1.0
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APP := -p bilateral --features custom-protocol
export PATH := $(HOME)/.cargo/bin:$(PATH)

# The UI benchmark: frame times of a scripted zoom and pan in the real app, over
# BENCH_EVENTS synthetic events (100,000 by default).
BENCH_EVENTS ?= 100000

.PHONY: bench-ui bench-small setup system-deps tauri-driver ui-deps ui app run test lint test-ui test-core test-cli test-commands test-e2e fuzz

setup: system-deps tauri-driver ui-deps

system-deps:
	@missing=$$(for p in $(APT_PACKAGES); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	    echo "installing system packages:" $$missing; \
	    $(SUDO) apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

tauri-driver:
	@command -v tauri-driver >/dev/null || cargo install tauri-driver --locked --version $(TAURI_DRIVER_VERSION)

ui-deps: ui/node_modules/.package-lock.json

# `npm install` with the committed lock file rather than `npm ci`: vite 8 lists an optional,
# Windows-only package the registry does not serve, which `npm ci` refuses and `npm install` skips.
ui/node_modules/.package-lock.json: ui/package-lock.json ui/package.json
	cd ui && npm install --no-audit --no-fund && touch node_modules/.package-lock.json

ui: ui-deps
	cd ui && npm run build

app: setup ui
	cargo build $(APP)

run: app
	cargo run $(APP)

test: setup ui lint test-ui test-core test-cli test-commands test-e2e bench-small

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings

test-ui:
	cd ui && npm test

test-core:
	cargo test -p bilateral-core

test-cli:
	cargo test -p bilateral-cli

# One fuzz target per reader (src-tauri/crates/bilateral-core/tests/integration/fuzz.rs), each
# for FUZZ_SECONDS, one after the other, from a random seed (FUZZ_SEED=n repeats a run). A
# failing input lands in target/fuzz-failures/. FUZZ_CARGO_FLAGS=--release reads more inputs a
# second, at the cost of an optimised build.
FUZZ_SECONDS ?= 60
FUZZ_CARGO_FLAGS ?=
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) cargo test -p bilateral-core $(FUZZ_CARGO_FLAGS) --test integration \
	    fuzz::fuzz_ -- --test-threads=1 --nocapture

test-commands:
	cargo test -p bilateral

# The real app under Xvfb, driven over WebDriver; `app` rebuilds the binary it launches.
test-e2e: app
	cargo test -p bilateral-tests -- --test-threads=1

bench-ui: app
	cargo build -p bilateral-cli
	BILATERAL_BENCH_EVENTS=$(BENCH_EVENTS) cargo test -p bilateral-tests --test e2e bench:: -- --ignored --nocapture

# Every benchmark once, at 1,000 events: each prints its figures and checks what it can (a
# baseline that stored every row and warned of nothing, an edit that changed what it says),
# so a broken benchmark fails `make test` instead of the day someone measures with it.
bench-small: app
	BILATERAL_BENCH_N=1000 cargo bench -p bilateral-core --bench queries --bench formats --bench bulk_edit --bench ingest
	$(MAKE) bench-ui BENCH_EVENTS=1000
