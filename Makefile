# GroupDesk: developer and CI entry points. The logic lives in .ci/:
#   .ci/tools  ensures cargo-leptos, wasm-bindgen, nextest, npm packages and chromium
#   .ci/db     finds or starts PostgreSQL and prints database URLs
#   .ci/serve  starts the built server in sandbox mode
#
#   make run       build, then serve http://127.0.0.1:3000 in sandbox mode (database `groupdesk`)
#   make test      everything CI checks: fmt, clippy, Rust tests, build, Playwright
#   make e2e       build, then only the Playwright suite (E2E_ARGS="-g name" to filter;
#                  E2E_PORT and E2E_DB_NAME move its server and database, default 3100, groupdesk_e2e;
#                  E2E_OIDC_PORT moves the OpenID provider it starts, default E2E_PORT + 1000)
#   make bench     the benchmark suite (not part of `make test`): signed webhook ingest and
#                  live-update latency of the real server against a fresh database `groupdesk_bench`,
#                  with a durable-insert baseline from the same run (BENCH_SECONDS: phase length, default 5);
#                  then the groups list and search at 10 numbers × 10,000 groups against an unindexed
#                  copy as the baseline, and the groups page's SSR time against an empty tenant's
#                  (database `groupdesk_bench_list`; BENCH_LIST_RUNS, default 200);
#                  then the chat outbox's pacing at 80 and 1,000 msg/s against direct sends as the
#                  baseline, and the chat's live fan-out (database `groupdesk_bench_outbox`);
#                  then the release wasm + JS size, gzipped (.ci/bundle-size)
#   make fmt       format the Rust code
#   make clean-db  drop the groupdesk databases and delete the private PostgreSQL cluster

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.NOTPARALLEL:
.DEFAULT_GOAL := help

# Builds are shared between clones on the same machine (CI clones afresh every time);
# the site still lands in ./target/site.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/groupdesk-target
# Compile sqlx queries against the committed .sqlx/ data, never against a live database.
export SQLX_OFFLINE := true
# wasm-opt from binaryen@132 (end2end/node_modules) must win over any other one.
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
# RUSTFLAGS is set only for the Rust tests (see rust-test); anywhere else it forces rebuilds.
unexport RUSTFLAGS

E2E_ARGS ?=
# The Playwright server's port and database; change them when another clone runs its e2e suite
# on the same machine at the same time.
E2E_PORT ?= 3100
E2E_DB_NAME ?= groupdesk_e2e
# The OpenID provider the browser tests start (end2end/oidc/server.mjs); empty: E2E_PORT + 1000.
E2E_OIDC_PORT ?=

.PHONY: help run test e2e bench fmt clean-db tools db fmt-check lint rust-test build playwright

help:
	@sed -n '1,/^$$/p' $(firstword $(MAKEFILE_LIST)) | sed 's/^# \{0,1\}//'

run: tools build
	@.ci/serve

test: tools db fmt-check lint rust-test build playwright

e2e: tools build playwright

# A report, not a check: it exits non-zero only when requests fail, never on a missed target.
bench: tools
	bench_url="$$(.ci/db fresh groupdesk_bench)"; \
	DATABASE_URL="$$bench_url" cargo bench -p server --bench ingest
	list_url="$$(.ci/db fresh groupdesk_bench_list)"; \
	DATABASE_URL="$$list_url" cargo bench -p server --bench group_list
	outbox_url="$$(.ci/db fresh groupdesk_bench_outbox)"; \
	DATABASE_URL="$$outbox_url" cargo bench -p server --bench outbox
	.ci/bundle-size

fmt:
	cargo fmt --all

clean-db:
	.ci/db clean

# --- steps -------------------------------------------------------------------------------------

tools:
	@.ci/tools

db:
	@admin_url="$$(.ci/db url)"; echo "PostgreSQL admin URL: $$admin_url"

fmt-check:
	cargo fmt --all -- --check

lint: tools
	cargo clippy -p app -p server --all-targets -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

# sqlx::test makes a database per test through the admin URL.
rust-test: tools
	admin_url="$$(.ci/db url)"; \
	DATABASE_URL="$$admin_url" RUSTFLAGS="--cfg erase_components" cargo nextest run -p app -p server

build: tools
	cargo leptos build --split

# Playwright starts the server itself (end2end/playwright.config.ts) on a fresh database.
playwright:
	e2e_url="$$(.ci/db fresh $(E2E_DB_NAME))"; \
	cd end2end && E2E_DATABASE_URL="$$e2e_url" E2E_PORT="$(E2E_PORT)" E2E_OIDC_PORT="$(E2E_OIDC_PORT)" playwright test $(E2E_ARGS)
