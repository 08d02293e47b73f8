#!/usr/bin/env bash
# Fuzzes Caseload's readers of outside data with libFuzzer (cargo-fuzz, nightly Rust), one target
# at a time on one core, each for a set time, then prints executions and findings per target.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   default 600 seconds, every target
#
# Targets (fuzz/fuzz_targets/, harness in fuzz/src/lib.rs): csv_import xlsx_import
# allocation_import summary_json upn postcode inbox_walk. Each starts from its checked-in seeds
# (fuzz/seeds/<target>/, read only) plus what earlier runs found (fuzz/corpus/<target>/, not
# checked in). Every crash, timeout (30 s) or memory blow-up (2 GB) is saved under
# fuzz/artifacts/<target>/ (fuzzing goes on) and the script exits 1; copy the input to fuzz/regressions/<target>/
# and the stable test crates/caseload-exchange/tests/fuzz_seeds.rs runs it on every test run.
# Logs: fuzz/artifacts/fuzz-<target>.log (FUZZ_LOG_DIR to put them elsewhere).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ALL_TARGETS=(csv_import xlsx_import allocation_import summary_json upn postcode inbox_walk)
SECONDS_PER_TARGET="${1:-600}"
shift || true
TARGETS=("$@")
[ "${#TARGETS[@]}" -gt 0 ] || TARGETS=("${ALL_TARGETS[@]}")
case "$SECONDS_PER_TARGET" in
  '' | *[!0-9]*)
    echo "fuzz.sh: SECONDS_PER_TARGET must be a whole number, not '$SECONDS_PER_TARGET'" >&2
    exit 2
    ;;
esac

"$ROOT/scripts/setup.sh" --no-e2e --fuzz
export PATH="$ROOT/.tools/bin:$PATH"
LOG_DIR="${FUZZ_LOG_DIR:-$ROOT/fuzz/artifacts}"
mkdir -p "$LOG_DIR"

# Inputs no longer than a few seed files: the table seeds are 5-6 KB workbooks.
max_len() {
  case "$1" in
    upn | postcode) echo 64 ;;
    csv_import) echo 8192 ;;
    *) echo 32768 ;;
  esac
}

cd "$ROOT/fuzz"
echo "==> building the fuzz targets (nightly, release with debug assertions)"
cargo +nightly fuzz build -O >"$LOG_DIR/fuzz-build.log" 2>&1 || {
  tail -n 60 "$LOG_DIR/fuzz-build.log" >&2
  exit 1
}

declare -a REPORT
found=0
for target in "${TARGETS[@]}"; do
  log="$LOG_DIR/fuzz-$target.log"
  mkdir -p "corpus/$target" "artifacts/$target"
  echo "==> $target for ${SECONDS_PER_TARGET}s (log: $log)"
  start=$(date +%s)
  status=0
  # Fork mode with one job: one fuzzing process at a time, restarted after a crash, timeout or
  # memory blow-up, so one finding does not end the target's time and every one is saved.
  cargo +nightly fuzz run -O "$target" "corpus/$target" "seeds/$target" -- \
    -max_total_time="$SECONDS_PER_TARGET" -max_len="$(max_len "$target")" \
    -timeout=30 -rss_limit_mb=2048 -fork=1 -ignore_crashes=1 -ignore_timeouts=1 \
    -ignore_ooms=1 -print_final_stats=1 >"$log" 2>&1 || status=$?
  took=$(($(date +%s) - start))
  runs="$(grep -oE '^#[0-9]+' "$log" | tail -n 1 | tr -d '#' || true)"
  done_runs="$(sed -nE 's/^Done ([0-9]+) runs.*/\1/p' "$log" | tail -n 1)"
  [ -n "$done_runs" ] && runs="$done_runs"
  corpus="$(find "corpus/$target" -type f | wc -l)"
  new="$(find "artifacts/$target" -type f -newermt "@$start" | sort)"
  if [ -z "$new" ] && [ "$status" -eq 0 ]; then
    finding="none"
  else
    found=1
    finding="exit $status; $(echo "$new" | grep -c . || true) saved: $(echo "$new" | tr '\n' ' ')"
  fi
  REPORT+=("$(printf '%-18s %7ss %12s %8s   %s' "$target" "$took" "${runs:-?}" "$corpus" "$finding")")
done

echo
printf '%-18s %8s %12s %8s   %s\n' target time executions corpus findings
printf '%s\n' "${REPORT[@]}"
exit "$found"
