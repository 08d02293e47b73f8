#!/usr/bin/env bash
# THE test command: sets the machine up, then runs every check CI runs, in this order:
#   setup, cargo fmt --check, UI build, clippy -D warnings (and for the Windows-only crate, for
#   Windows), cargo test, the crash harness (20 kills), UI tests (vitest +
#   svelte-check), UI lint (ESLint) and format (Prettier --check), build of the desktop app and
#   CLI, end-to-end tests of the real app under Xvfb, and the package: a .deb (debug build, from
#   the build phase's artefacts) installed with dpkg, its installed app and CLI run, then purged.
# Exits non-zero if anything fails. A phase whose prerequisite failed is skipped, the others
# still run, so one run reports every failure it can.
#
# Each phase's output goes to target/test-logs/<phase>.log and is shown only when it fails
# (VERBOSE=1 shows it all as it runs). Arguments are passed to the e2e runner (tests/e2e/run.mjs),
# e.g.  scripts/test.sh specs/02-case-form-validation.test.mjs
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

LOG_DIR="$ROOT/target/test-logs"
mkdir -p "$LOG_DIR"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# CI builds once from clean: incremental artefacts only cost time and disk there.
if [ "${CI:-}" = "true" ]; then
  export CARGO_INCREMENTAL=0
fi

RUN_STARTED=$SECONDS
declare -a SUMMARY=()
declare -a FAILED=()
declare -A STATUS=()

# phase NAME "needs other phases (space-separated, may be empty)" COMMAND...
phase() {
  local name="$1" needs="$2" started log status dep
  shift 2
  for dep in $needs; do
    if [ "${STATUS[$dep]:-}" != "ok" ]; then
      STATUS[$name]="skipped"
      SUMMARY+=("$(printf '  %-10s skipped (needs %s)' "$name" "$dep")")
      printf '==> %s: skipped (%s did not pass)\n' "$name" "$dep"
      return 0
    fi
  done
  printf '==> %s\n' "$name"
  log="$LOG_DIR/$name.log"
  started=$SECONDS
  if [ "${VERBOSE:-0}" = "1" ]; then
    set +e
    "$@" 2>&1 | tee "$log"
    status=${PIPESTATUS[0]}
    set -e
  else
    set +e
    "$@" >"$log" 2>&1
    status=$?
    set -e
  fi
  local took=$((SECONDS - started))
  if [ "$status" -eq 0 ]; then
    STATUS[$name]="ok"
    SUMMARY+=("$(printf '  %-10s ok      %4ds' "$name" "$took")")
  else
    STATUS[$name]="failed"
    FAILED+=("$name")
    SUMMARY+=("$(printf '  %-10s FAILED  %4ds  (log: %s)' "$name" "$took" "${log#"$ROOT"/}")")
    if [ "${VERBOSE:-0}" != "1" ]; then
      echo "--- $name failed (exit $status); last 300 lines of ${log#"$ROOT"/}:" >&2
      tail -n 300 "$log" >&2
      echo "--- end of $name output" >&2
    fi
  fi
}

e2e() {
  if ! command -v xvfb-run >/dev/null 2>&1; then
    echo "xvfb-run is missing (apt-get install xvfb xauth)" >&2
    return 1
  fi
  # 24-bit screen: the default 8-bit one renders WebKit badly and its screenshots worse.
  xvfb-run -a -s "-screen 0 1600x1000x24 -nolisten tcp" node tests/e2e/run.mjs "$@"
}

# The Windows-only code (crates/caseload-lock-events: sleep and screen lock on Windows) linted
# for Windows. rustup downloads the target's standard library the first time; a machine that
# cannot reach rustup's server says so and skips the check rather than fail the run.
windows_check() {
  local target=x86_64-pc-windows-gnu
  if ! rustup target list --installed 2>/dev/null | grep -qx "$target"; then
    if ! timeout 180 rustup target add "$target"; then
      echo "the $target target cannot be installed here: the Windows-only code was not checked"
      return 0
    fi
  fi
  cargo clippy -p caseload-lock-events --all-targets --target "$target" -- -D warnings
}

# A .deb of the debug build (`scripts/package.sh --debug` reuses what the build phase compiled; a
# release build is too slow for CI's two cores), installed, run and removed by the install test
# (root and dpkg needed: it fails, saying so, without them). It installs into /usr, so it runs
# last, and removes the package however it ends.
package_test() {
  bash scripts/package.sh --debug --no-setup --bundles deb
  bash tests/package/install-test.sh "$(ls -t target/debug/bundle/deb/*.deb | head -n 1)"
}

phase setup "" bash scripts/setup.sh
phase fmt "setup" cargo fmt --all -- --check
phase ui-build "setup" npm --prefix ui run build
phase clippy "ui-build" cargo clippy --workspace --all-targets -- -D warnings
phase windows "setup" windows_check
phase cargo-test "ui-build" cargo test --workspace
# The crash harness's short version: 20 SIGKILLs mid-write, ~40 s (scripts/crash-loop.sh).
phase crash "cargo-test" bash scripts/crash-loop.sh --kills 20
phase ui-test "setup" npm --prefix ui test
phase ui-check "setup" npm --prefix ui run check
phase ui-lint "setup" npm --prefix ui run lint
phase ui-format "setup" npm --prefix ui run format:check
phase build "ui-build" cargo build -p caseload-desktop -p caseload-cli
phase e2e "build" e2e "$@"
phase package "build" package_test

if [ "${STATUS[e2e]:-}" = "ok" ] || [ "${STATUS[e2e]:-}" = "failed" ]; then
  # The e2e runner's own tally (node --test prints "# tests N", "# pass N", ...).
  grep -E '^ℹ (tests|pass|fail|skipped) ' "$LOG_DIR/e2e.log" | tr '\n' ' ' | sed 's/ℹ //g; s/^/  e2e tally: /; s/ $/\n/' || true
fi

# One plain tally across every runner: cargo test ("test result: ok. N passed; M failed"),
# vitest ("Tests  N passed"), node --test ("ℹ pass N" / "ℹ fail N").
tally() {
  local passed=0 failed=0 n
  if [ -f "$LOG_DIR/cargo-test.log" ]; then
    n=$(grep -oE 'test result: [a-zA-Z]+\. [0-9]+ passed; [0-9]+ failed' "$LOG_DIR/cargo-test.log" \
      | awk '{p += $4; f += $6} END {print p+0, f+0}')
    passed=$((passed + ${n% *})); failed=$((failed + ${n#* }))
  fi
  if [ -f "$LOG_DIR/ui-test.log" ]; then
    n=$(sed 's/\x1b\[[0-9;]*m//g' "$LOG_DIR/ui-test.log" | grep -E '^ +Tests ' | tail -1)
    passed=$((passed + $(grep -oE '[0-9]+ passed' <<<"$n" | grep -oE '[0-9]+' || echo 0)))
    failed=$((failed + $(grep -oE '[0-9]+ failed' <<<"$n" | grep -oE '[0-9]+' || echo 0)))
  fi
  if [ -f "$LOG_DIR/e2e.log" ]; then
    passed=$((passed + $(grep -E '^ℹ pass [0-9]+' "$LOG_DIR/e2e.log" | awk '{s += $3} END {print s+0}')))
    failed=$((failed + $(grep -E '^ℹ fail [0-9]+' "$LOG_DIR/e2e.log" | awk '{s += $3} END {print s+0}')))
  fi
  printf 'total: %d passed, %d failed\n' "$passed" "$failed"
}

echo "==> summary"
printf '%s\n' "${SUMMARY[@]}"
tally
total=$((SECONDS - RUN_STARTED))
if [ "${#FAILED[@]}" -eq 0 ]; then
  printf 'test.sh: PASSED — all %d phases in %dm%02ds\n' "${#SUMMARY[@]}" $((total / 60)) $((total % 60))
else
  printf 'test.sh: FAILED — %s (%dm%02ds)\n' "${FAILED[*]}" $((total / 60)) $((total % 60))
  exit 1
fi
