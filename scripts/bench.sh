#!/usr/bin/env bash
# Measures Caseload against baselines built and measured in the same run, prints the table and
# writes it to docs/performance.md with the machine it came from. Not part of pass/fail.
#
#   scripts/bench.sh            everything (about 15 minutes after the release build)
#   BENCH_STARTUP_RUNS=5 scripts/bench.sh
#   BENCH_APP_PROFILE=debug scripts/bench.sh   start-up and memory from debug builds of the app and
#                                              the bare window (both alike; saves the long release
#                                              build of the Tauri shell)
#
# Each figure comes with its baseline and the ratio:
#   - importing 600,000 session marks (and 52,000 pupil summaries) against a raw rusqlite insert
#     of the same rows into an encrypted SQLCipher database with the same tables, indexes and
#     pragmas (crates/caseload-app/examples/bench_import.rs; goal at most 1.3x);
#   - the dashboard at 2,000 open cases and search as you type over 52,000 pupils, p50/p95,
#     against one raw SQL query on the same store (bench_dashboard.rs, bench_search.rs);
#   - exports: ward tables as XLSX and PDF against CSV, the TSM record as DOCX against PDF
#     (bench_export.rs);
#   - cold start to the first usable screen and memory (RSS, PSS) after the dashboard, app plus
#     WebKit processes, against a bare Tauri window of the same Tauri version and profile
#     (bench/startup.mjs, src-tauri/examples/bare_window.rs; goal at most 1.2x memory); needs
#     Xvfb and tauri-driver (scripts/setup.sh);
#   - the .deb's size, when one has been built (target/**/bundle/deb/*.deb).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
LOG_DIR="$(mktemp -d)"
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
trap 'rm -rf "$LOG_DIR"' EXIT

APP_PROFILE="${BENCH_APP_PROFILE:-release}"
case "$APP_PROFILE" in
  release) APP_FLAGS=(--release) ;;
  debug) APP_FLAGS=() ;;
  *)
    echo "bench.sh: BENCH_APP_PROFILE must be release or debug" >&2
    exit 2
    ;;
esac

# The app and the CLI are built together, as scripts/package.sh builds them: the same crates
# with the same features, so a release package built first is not built again here.
echo "==> building the UI, the benchmarks (release) and the app and bare window ($APP_PROFILE)"
npm --prefix ui run build >"$LOG_DIR/ui.log" 2>&1 || {
  tail -n 40 "$LOG_DIR/ui.log" >&2
  exit 1
}
{
  cargo build --release -p caseload-app --examples &&
    cargo build "${APP_FLAGS[@]}" -p caseload-desktop -p caseload-cli --bins --example bare_window
} >"$LOG_DIR/build.log" 2>&1 || {
  tail -n 60 "$LOG_DIR/build.log" >&2
  exit 1
}

ROWS=()
run_example() {
  local name="$1"
  echo "==> $name"
  if "$TARGET_DIR/release/examples/$name" >"$LOG_DIR/$name.log" 2>&1; then
    grep -v '^TABLE' "$LOG_DIR/$name.log" | sed 's/^/    /'
    while IFS= read -r line; do ROWS+=("${line#TABLE	}"); done < <(grep '^TABLE' "$LOG_DIR/$name.log")
  else
    tail -n 20 "$LOG_DIR/$name.log" | sed 's/^/    /' >&2
    ROWS+=("$name	failed (see its output above)	-	-	-	-")
  fi
}
run_example bench_import
run_example bench_dashboard
run_example bench_search
run_example bench_export

echo "==> start-up and memory against a bare Tauri window ($APP_PROFILE builds)"
startup_log="$LOG_DIR/startup.log"
if [ -x "$ROOT/.tools/bin/tauri-driver" ] && command -v xvfb-run >/dev/null 2>&1; then
  if xvfb-run -a -s "-screen 0 1600x1000x24 -nolisten tcp" node bench/startup.mjs \
    "$TARGET_DIR/$APP_PROFILE/caseload-desktop" "$TARGET_DIR/$APP_PROFILE/examples/bare_window" \
    "${BENCH_STARTUP_RUNS:-3}" >"$startup_log" 2>&1; then
    grep -v '^TABLE' "$startup_log" | sed 's/^/    /'
    while IFS= read -r line; do
      line="${line#TABLE	}"
      [ "$APP_PROFILE" = release ] || line="${line/	/ ($APP_PROFILE build)	}"
      ROWS+=("$line")
    done < <(grep '^TABLE' "$startup_log")
  else
    tail -n 20 "$startup_log" | sed 's/^/    /' >&2
    ROWS+=("Start-up and memory	failed (see its output above)	-	-	-	-")
  fi
else
  echo "    not measured: needs tauri-driver (scripts/setup.sh) and xvfb-run" >&2
  ROWS+=("Start-up and memory	not measured (no tauri-driver or Xvfb)	-	-	-	-")
fi

deb="$(find "$TARGET_DIR" -path '*/bundle/deb/*.deb' -printf '%T@ %p\n' 2>/dev/null | sort -rn | head -n 1 | cut -d' ' -f2- || true)"
if [ -n "$deb" ]; then
  size="$(awk -v b="$(stat -c %s "$deb")" 'BEGIN { printf "%.1f MiB", b / 1048576 }')"
  ROWS+=(".deb package ($(basename "$deb"))	$size	-	-	-	-")
else
  ROWS+=(".deb package	not built	-	-	-	-")
fi

# --- the table -------------------------------------------------------------------------------
HEADER="Measure	Caseload	Baseline	Baseline figure	Ratio	Goal"
echo
{
  echo "$HEADER"
  printf '%s\n' "${ROWS[@]}"
} | column -t -s $'\t'

cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
cores="$(nproc)"
ram="$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
os="$(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
when="$(date -u '+%Y-%m-%d %H:%M UTC')"
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
{
  echo "# Performance"
  echo
  echo "Written by \`scripts/bench.sh\` (release builds; each baseline built and measured in the same"
  echo "run, on the same machine). Not part of pass/fail: the goals are issue 17's. What each baseline"
  echo "is, and how each figure is taken, is in the script's header and in each benchmark's own"
  echo "header comment (\`crates/caseload-app/examples/bench_*.rs\`, \`bench/startup.mjs\`)."
  echo
  echo "- Date: $when, commit $commit"
  echo "- CPU: $cpu, $cores cores"
  echo "- RAM: $ram"
  echo "- OS: $os"
  echo "- Load average (1, 5, 15 min) at the start: $LOAD_START; at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "  Above the core count, other work shared the machine: absolute times are inflated; the"
  echo "  ratios less so, each baseline being measured next to its figure."
  echo
  echo "| Measure | Caseload | Baseline | Baseline figure | Ratio | Goal |"
  echo "|---|---|---|---|---|---|"
  for row in "${ROWS[@]}"; do
    echo "| ${row//	/ | } |"
  done
  # What the figures mean and what was done about them: kept by hand in bench/notes.md.
  if [ -f "$ROOT/bench/notes.md" ]; then
    echo
    cat "$ROOT/bench/notes.md"
  fi
} >"$ROOT/docs/performance.md"
echo
echo "written to docs/performance.md"
