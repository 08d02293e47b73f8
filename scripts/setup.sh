#!/usr/bin/env bash
# Installs what building, running and testing Caseload needs, on a fresh Debian 12 / Ubuntu machine
# where you are root (or have sudo). Idempotent: a second run only checks and takes seconds.
#
#   scripts/setup.sh            everything, including the end-to-end test tools (tauri-driver)
#   scripts/setup.sh --no-e2e   what building and running the app needs (used by scripts/run.sh)
#   scripts/setup.sh --fuzz     also the fuzzing tools (nightly Rust, cargo-fuzz; used by
#                               scripts/fuzz.sh, never by the test run)
#
# Quiet on success; on a failure it prints the failing command's output.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TAURI_DRIVER_VERSION="2.1.0"
CARGO_FUZZ_VERSION="0.13.2"

# Build deps of the Tauri 2 shell on Linux (webkit2gtk 4.1), then what the e2e run uses:
# Xvfb (+ xauth for xvfb-run) and WebKitWebDriver (webkit2gtk-driver); and the tools the tests
# use to check the documents Caseload writes: poppler's pdftoppm/pdftotext/pdffonts for PDFs,
# qpdf to check a PDF's structure and expand it for searching (the bundle's PDF/A marks), and
# LibreOffice Writer (no GUI) to convert DOCX to PDF as Word users' files are opened.
APT_PACKAGES=(
  build-essential pkg-config libssl-dev
  libwebkit2gtk-4.1-dev libsoup-3.0-dev libayatana-appindicator3-dev librsvg2-dev
  xvfb xauth webkit2gtk-driver
  poppler-utils qpdf libreoffice-writer-nogui
)

WITH_E2E=1
WITH_FUZZ=0
for arg in "$@"; do
  case "$arg" in
    --no-e2e) WITH_E2E=0 ;;
    --fuzz) WITH_FUZZ=1 ;;
    -h | --help)
      sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "setup.sh: unknown option: $arg" >&2
      exit 2
      ;;
  esac
done

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "setup.sh: need root (or sudo) for: $*" >&2
    return 1
  fi
}

# --- system packages -------------------------------------------------------------------------
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" != "install ok installed" ]; then
    missing+=("$pkg")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  step "apt: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  quiet as_root apt-get update
  quiet as_root apt-get install -y "${missing[@]}"
fi

# --- Rust ------------------------------------------------------------------------------------
if ! command -v cargo >/dev/null 2>&1; then
  echo "setup.sh: cargo is not on PATH; install Rust (rustup) first" >&2
  exit 1
fi
if command -v rustup >/dev/null 2>&1; then
  installed="$(rustup component list --installed 2>/dev/null || true)"
  for component in rustfmt clippy; do
    if ! grep -q "^${component}" <<<"$installed"; then
      step "rustup: adding $component"
      quiet rustup component add "$component"
    fi
  done
fi

# --- Node packages ---------------------------------------------------------------------------
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "setup.sh: node and npm are needed (Node 20.19 or newer)" >&2
  exit 1
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  echo "setup.sh: Node $(node --version) is too old; Node 20.19 or newer is needed" >&2
  exit 1
fi

# npm ci, skipped while node_modules is up to date with package.json + package-lock.json: either
# this script installed it from the same files (stamp), or npm's own record of the tree
# (node_modules/.package-lock.json) is at least as new as both.
npm_ci() {
  local dir="$1" stamp sum hidden
  if [ ! -f "$dir/package-lock.json" ]; then
    echo "setup.sh: $dir/package-lock.json is missing (npm ci needs it)" >&2
    return 1
  fi
  stamp="$dir/node_modules/.caseload-setup-stamp"
  hidden="$dir/node_modules/.package-lock.json"
  sum="$(cat "$dir/package.json" "$dir/package-lock.json" | sha256sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then
    return 0
  fi
  if [ -f "$hidden" ] && ! [ "$dir/package-lock.json" -nt "$hidden" ] && ! [ "$dir/package.json" -nt "$hidden" ]; then
    echo "$sum" >"$stamp"
    return 0
  fi
  step "npm ci in ${dir#"$ROOT"/}"
  (cd "$dir" && quiet npm ci --no-audit --no-fund)
  mkdir -p "$dir/node_modules"
  echo "$sum" >"$stamp"
}

npm_ci "$ROOT/ui"
if [ "$WITH_E2E" -eq 1 ]; then
  npm_ci "$ROOT/tests/e2e"
fi

# --- tauri-driver (e2e only) -----------------------------------------------------------------
if [ "$WITH_E2E" -eq 1 ] && [ ! -x "$ROOT/.tools/bin/tauri-driver" ]; then
  step "cargo install tauri-driver $TAURI_DRIVER_VERSION into .tools/"
  quiet cargo install --locked --root "$ROOT/.tools" tauri-driver --version "$TAURI_DRIVER_VERSION"
fi

# --- fuzzing (--fuzz only): libFuzzer needs nightly's sanitizer flags ------------------------
if [ "$WITH_FUZZ" -eq 1 ]; then
  if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    step "rustup: installing the nightly toolchain (fuzzing only)"
    quiet rustup toolchain install nightly --profile minimal
  fi
  if [ ! -x "$ROOT/.tools/bin/cargo-fuzz" ]; then
    step "cargo install cargo-fuzz $CARGO_FUZZ_VERSION into .tools/"
    quiet cargo install --locked --root "$ROOT/.tools" cargo-fuzz --version "$CARGO_FUZZ_VERSION"
  fi
fi
