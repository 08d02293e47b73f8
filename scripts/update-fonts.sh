#!/usr/bin/env bash
# Refreshes the fonts the PDFs embed (crates/caseload-exchange/fonts/) from the npm package
# @expo-google-fonts/noto-sans. Usage: scripts/update-fonts.sh [VERSION] (default 0.4.2).
# Prints each file's sha256 for fonts/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION="${1:-0.4.2}"
DEST="$ROOT/crates/caseload-exchange/fonts"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

(cd "$TMP" && npm pack --silent "@expo-google-fonts/noto-sans@$VERSION" >/dev/null)
tar -xzf "$TMP"/expo-google-fonts-noto-sans-*.tgz -C "$TMP"
cp "$TMP/package/400Regular/NotoSans_400Regular.ttf" "$DEST/NotoSans-Regular.ttf"
cp "$TMP/package/700Bold/NotoSans_700Bold.ttf" "$DEST/NotoSans-Bold.ttf"
cp "$TMP/package/LICENSE_FONT" "$DEST/OFL.txt"
echo "@expo-google-fonts/noto-sans@$VERSION"
(cd "$DEST" && sha256sum NotoSans-Regular.ttf NotoSans-Bold.ttf)
