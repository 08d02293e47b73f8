#!/usr/bin/env bash
# Regenerates the user guide's screenshots (docs/images/*.png) from the real app: sets the
# machine up, builds the UI, the desktop app and the CLI, then runs the end-to-end specs under
# Xvfb with CASELOAD_E2E_UPDATE_DOCS=1, which makes each spec save its pictures (1280×800
# window, synthetic data only) as it goes through the flows a worker does.
#
#   scripts/screenshots.sh                                   every spec, every picture
#   scripts/screenshots.sh specs/03-lifecycle.test.mjs       only that spec's pictures
#
# Prints which pictures changed; commit them with the change that altered the screens.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
. "$ROOT/scripts/lib.sh"

bash scripts/setup.sh
step "building the UI, the desktop app and the CLI"
quiet npm --prefix ui run build
quiet cargo build -p caseload-desktop -p caseload-cli
step "running the end-to-end specs with screenshots on"
CASELOAD_E2E_UPDATE_DOCS=1 xvfb-run -a -s "-screen 0 1600x1000x24 -nolisten tcp" \
  node tests/e2e/run.mjs "$@"
changed="$(git status --porcelain -- docs/images)"
if [ -n "$changed" ]; then
  step "pictures written or changed:"
  printf '%s\n' "$changed" | sed 's/^...//; s/^/    /'
else
  step "no picture changed"
fi
