#!/usr/bin/env bash
# The package install test: installs a Caseload .deb on this machine as an IT team would, checks
# what it put where, runs the INSTALLED `caseload --version`, starts the INSTALLED app under Xvfb
# through tauri-driver to its unlock screen and Settings → About (e2e spec 22 with
# CASELOAD_APP_BIN=/usr/bin/caseload-desktop, CASELOAD_CLI_BIN=/usr/bin/caseload), then purges the
# package and checks that none of its files is left. The package is removed however the test ends.
#
#   tests/package/install-test.sh [FILE.deb]    (default: the newest target/*/bundle/deb/*.deb)
#
# Needs root and dpkg (it installs into /usr): without them it FAILS, saying so, rather than pass
# having tested nothing. It refuses to run where a `caseload` package is already installed, so it
# never removes a real installation.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PACKAGE=caseload

fail() {
  echo "install-test: $*" >&2
  exit 1
}

DEB="${1:-}"
if [ -z "$DEB" ]; then
  DEB="$(ls -t target/*/bundle/deb/*.deb 2>/dev/null | head -n 1 || true)"
  [ -n "$DEB" ] || fail "no .deb found under target/*/bundle/deb: run scripts/package.sh first"
fi
[ -f "$DEB" ] || fail "$DEB does not exist"
command -v dpkg >/dev/null 2>&1 || fail "dpkg is missing: this test installs a .deb and runs on Debian or Ubuntu only"
[ "$(id -u)" -eq 0 ] || fail "must run as root (it installs the package into /usr and removes it); not tested"
if dpkg-query -W -f='${Status}' "$PACKAGE" 2>/dev/null | grep -q "installed"; then
  fail "a '$PACKAGE' package is already installed here; remove it first (this test will not touch it)"
fi

version="$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)"
echo "==> $DEB ($(du -h "$DEB" | cut -f1)), version $version"

# --- what the package says and holds, before installing ---------------------------------------
control="$(dpkg-deb --field "$DEB")"
contents="$(dpkg-deb --contents "$DEB" | awk '{print $6}' | sed 's|^\./||; s|^|/|')"
grep -qx "Package: $PACKAGE" <<<"$control" || fail "the package is not named $PACKAGE"
grep -qx "Version: $version" <<<"$control" || fail "the package's version is not $version"
depends="$(sed -n 's/^Depends: //p' <<<"$control")"
for lib in libwebkit2gtk-4.1-0 libgtk-3-0; do
  grep -q "$lib" <<<"$depends" || fail "Depends does not declare $lib: $depends"
done
for file in /usr/bin/caseload-desktop /usr/bin/caseload /usr/share/applications/Caseload.desktop \
  /usr/share/icons/hicolor/128x128/apps/caseload-desktop.png; do
  grep -qx "$file" <<<"$contents" || fail "the package does not hold $file"
done
echo "    Depends: $depends"

# --- install, and remove however the test ends -------------------------------------------------
installed=0
files_list="$(mktemp)"
cleanup() {
  local status=$?
  if [ "$installed" -eq 1 ]; then
    echo "==> removing $PACKAGE"
    dpkg --purge "$PACKAGE" >/dev/null || status=1
  fi
  rm -f "$files_list"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

echo "==> dpkg -i"
installed=1
dpkg -i "$DEB" || fail "dpkg -i failed (a missing dependency? apt-get install ./$(basename "$DEB") resolves them)"
dpkg -L "$PACKAGE" >"$files_list"

echo "==> the installed command line"
got="$(/usr/bin/caseload --version)"
[ "$got" = "caseload $version" ] || fail "caseload --version printed '$got', not 'caseload $version'"
echo "    $got"
[ "$(command -v caseload)" = /usr/bin/caseload ] || fail "caseload is not the one on PATH"

echo "==> the installed app's libraries and desktop entry"
if ldd /usr/bin/caseload-desktop | grep -q "not found"; then
  ldd /usr/bin/caseload-desktop | grep "not found" >&2
  fail "the installed app needs libraries that are not installed"
fi
# Every library the app loads comes from a package Depends declares, or one those depend on:
# then installing with apt on a machine without them brings them all.
declared="$(tr ',' '\n' <<<"$depends" | sed 's/(.*//; s/|.*//; s/ //g' | grep -v '^$')"
# shellcheck disable=SC2086
closure="$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
  --no-replaces --no-enhances $declared 2>/dev/null | grep -v '^ ' | sed 's/:.*//' | sort -u)"
missing=()
for lib in $(ldd /usr/bin/caseload-desktop /usr/bin/caseload | awk '/=> \//{print $3}' | sort -u); do
  owner="$(dpkg -S "$(readlink -f "$lib")" 2>/dev/null | head -n 1 | cut -d: -f1 || true)"
  [ -n "$owner" ] || owner="$(dpkg -S "$lib" 2>/dev/null | head -n 1 | cut -d: -f1 || true)"
  if [ -z "$owner" ] || ! grep -qx "$owner" <<<"$closure"; then
    missing+=("$lib (${owner:-no package})")
  fi
done
[ "${#missing[@]}" -eq 0 ] || fail "libraries the app loads that Depends does not bring: ${missing[*]}"
echo "    every library the app loads comes with Depends ($(wc -l <<<"$closure") packages)"

entry=/usr/share/applications/Caseload.desktop
grep -qx "Exec=caseload-desktop" "$entry" || fail "$entry does not start caseload-desktop"
grep -qx "Categories=Office;" "$entry" || fail "$entry is not in the Office category"
if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate "$entry" || fail "$entry is not a valid desktop entry"
fi

echo "==> the installed app, driven under Xvfb (e2e spec 22)"
CASELOAD_APP_BIN=/usr/bin/caseload-desktop CASELOAD_CLI_BIN=/usr/bin/caseload \
  xvfb-run -a -s "-screen 0 1600x1000x24 -nolisten tcp" \
  node tests/e2e/run.mjs specs/22-about-and-package.test.mjs

echo "==> dpkg --purge"
dpkg --purge "$PACKAGE"
installed=0
if dpkg-query -W -f='${Status}' "$PACKAGE" 2>/dev/null | grep -q "installed"; then
  fail "$PACKAGE is still installed after dpkg --purge"
fi
left=()
while IFS= read -r path; do
  # Directories are shared with other packages (/usr/bin); files and links must be gone.
  if [ -e "$path" ] && [ ! -d "$path" ] || [ -L "$path" ]; then
    left+=("$path")
  fi
done <"$files_list"
[ "${#left[@]}" -eq 0 ] || fail "left after purge: ${left[*]}"
echo "install-test: PASSED ($(wc -l <"$files_list") paths installed, none left after purge)"
