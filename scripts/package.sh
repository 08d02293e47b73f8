#!/usr/bin/env bash
# THE package command: builds Caseload's Linux packages with the Tauri bundler, each holding the
# desktop app (/usr/bin/caseload-desktop, with its icons and desktop entry) and the command line
# (/usr/bin/caseload), and declaring the system libraries they need.
#
#   scripts/package.sh                 release build: target/release/bundle/deb/*.deb and rpm/*.rpm
#   scripts/package.sh --debug         debug build, reusing what `cargo build -p caseload-desktop
#                                      -p caseload-cli` made (CI's install test: quick, large, not
#                                      for users)
#   scripts/package.sh --bundles deb   only some formats (deb, rpm; on Windows nsis, msi)
#   scripts/package.sh --no-setup      skip scripts/setup.sh (already run)
#
# Prints each package's path and size. Windows installers (NSIS, MSI) are built on Windows with
# the same configuration: see docs/install.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PROFILE=release
BUNDLES=deb,rpm
SETUP=1
while [ "$#" -gt 0 ]; do
  case "$1" in
    --debug) PROFILE=debug ;;
    --bundles)
      BUNDLES="${2:?--bundles needs a list, e.g. deb,rpm}"
      shift
      ;;
    --no-setup) SETUP=0 ;;
    -h | --help)
      sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "package.sh: unknown option: $1 (try --help)" >&2
      exit 2
      ;;
  esac
  shift
done

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ "$SETUP" -eq 1 ]; then
  step "setup"
  bash scripts/setup.sh --no-e2e
fi

TAURI="$ROOT/ui/node_modules/.bin/tauri"
if [ ! -x "$TAURI" ]; then
  echo "package.sh: the Tauri CLI is missing ($TAURI); run scripts/setup.sh" >&2
  exit 1
fi

cargo_profile=()
tauri_profile=()
if [ "$PROFILE" = "release" ]; then
  cargo_profile=(--release)
else
  tauri_profile=(--debug)
fi

started=$SECONDS
step "building the UI"
quiet npm --prefix ui run build

# The app and the CLI in one cargo build, so they share one set of compiled crates (and with
# --debug, the ones `cargo build -p caseload-desktop -p caseload-cli` already made); then
# `tauri bundle` packages the built binaries. The desktop crate embeds ui/dist and serves it over
# tauri:// (its default custom-protocol feature), as `tauri build` would build it.
step "building the desktop app and the CLI ($PROFILE)"
quiet cargo build "${cargo_profile[@]}" -p caseload-desktop -p caseload-cli

# The CLI goes in as a Tauri "sidecar" (bundle.externalBin in src-tauri/tauri.package.conf.json):
# the bundler installs it beside the app on every platform (/usr/bin/caseload; caseload.exe next
# to the app on Windows). It expects the binary named with the target triple.
triple="$(rustc -vV | sed -n 's/^host: //p')"
exe=""
case "$triple" in *windows*) exe=".exe" ;; esac
mkdir -p src-tauri/binaries
cp -f "target/$PROFILE/caseload$exe" "src-tauri/binaries/caseload-$triple$exe"

step "bundling: $BUNDLES"
for format in ${BUNDLES//,/ }; do
  rm -rf "target/$PROFILE/bundle/$format"
done
(cd src-tauri && quiet "$TAURI" bundle "${tauri_profile[@]}" --ci --bundles "$BUNDLES" \
  --config tauri.package.conf.json)

# Tauri writes the .deb's files gzipped; xz (Debian's own default) makes a release package about
# a quarter smaller. At -9 its 64 MiB window spans both binaries, which hold much the same code
# and the same fonts: 10.3 MB instead of 15.3 MB at -6 (about 65 MiB of memory to unpack). Debug
# packages are only for the install test: not worth the minute.
deb="$(ls "target/$PROFILE/bundle/deb"/*.deb 2>/dev/null | head -n 1 || true)"
if [ "$PROFILE" = "release" ] && [ -n "$deb" ] && command -v dpkg-deb >/dev/null 2>&1; then
  step "recompressing the .deb with xz"
  tree="$(mktemp -d)"
  quiet dpkg-deb --raw-extract "$deb" "$tree/pkg"
  quiet dpkg-deb --root-owner-group -Zxz -z9 --build "$tree/pkg" "$deb"
  rm -rf "$tree"
fi

step "packages (in $((SECONDS - started)) s)"
found=0
for format in ${BUNDLES//,/ }; do
  for file in "target/$PROFILE/bundle/$format"/*; do
    case "$file" in
      *.deb | *.rpm | *.msi | *.exe)
        printf '  %s  %s\n' "$(du -h "$file" | cut -f1)" "$file"
        found=1
        ;;
    esac
  done
done
if [ "$found" -eq 0 ]; then
  echo "package.sh: the bundler made no package" >&2
  exit 1
fi
