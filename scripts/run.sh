#!/usr/bin/env bash
# THE run command: sets the machine up, builds the UI, the desktop app and the CLI, and starts
# Caseload.
#
#   scripts/run.sh          the app on your real data dir (first run: "Create your caseload");
#                           CASELOAD_DATA_DIR=DIR chooses another one
#   scripts/run.sh --demo   (or CASELOAD_DEMO=1) a throwaway caseload under /tmp with 30
#                           synthetic cases; its passphrase is printed before the app starts
#
# Needs a graphical session ($DISPLAY or $WAYLAND_DISPLAY). Without one, run it under Xvfb:
#   xvfb-run -a scripts/run.sh --demo
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

DEMO="${CASELOAD_DEMO:-0}"
for arg in "$@"; do
  case "$arg" in
    --demo) DEMO=1 ;;
    -h | --help)
      sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "run.sh: unknown option: $arg (try --help)" >&2
      exit 2
      ;;
  esac
done

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

step "setup"
bash scripts/setup.sh --no-e2e
step "building the UI"
quiet npm --prefix ui run build
step "building the desktop app and the CLI (the first build takes a few minutes)"
quiet cargo build -p caseload-desktop -p caseload-cli

TARGET_DIR="${CARGO_TARGET_DIR:-target}"
case "$TARGET_DIR" in /*) ;; *) TARGET_DIR="$ROOT/$TARGET_DIR" ;; esac
APP="$TARGET_DIR/debug/caseload-desktop"
CLI="$TARGET_DIR/debug/caseload"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run.sh: the app is built, but there is no display (\$DISPLAY is not set) to show its window." >&2
  echo "  On a desktop, run scripts/run.sh from a terminal inside the graphical session." >&2
  hint="xvfb-run -a scripts/run.sh"
  [ "$DEMO" = "1" ] && hint+=" --demo"
  echo "  On a server, run it on a virtual display:  $hint" >&2
  echo "  (the window is then invisible; that is only useful to check that the app starts)." >&2
  exit 1
fi

if [ "$DEMO" = "1" ]; then
  DEMO_PASSPHRASE="demo-passphrase-only"
  DEMO_DIR="$(mktemp -d /tmp/caseload-demo.XXXXXX)"
  step "creating a demo caseload in $DEMO_DIR"
  export CASELOAD_PASSPHRASE="$DEMO_PASSPHRASE"
  quiet "$CLI" --data-dir "$DEMO_DIR" init
  # Synthetic pupils only (fake names, "Demo" schools, UPNs of LA 999 with valid check letters),
  # spread over the case lifecycle with attendance readings.
  quiet "$CLI" --data-dir "$DEMO_DIR" demo --pupils 30
  unset CASELOAD_PASSPHRASE
  export CASELOAD_DATA_DIR="$DEMO_DIR"
  echo
  echo "    Demo caseload: $DEMO_DIR"
  echo "    Passphrase:    $DEMO_PASSPHRASE"
  echo "    (throwaway: delete the folder when done)"
  echo
fi

step "starting Caseload${CASELOAD_DATA_DIR:+ (data dir: $CASELOAD_DATA_DIR)}"
exec "$APP"
