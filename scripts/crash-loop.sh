#!/usr/bin/env bash
# Crash harness: SIGKILLs a process writing to an encrypted caseload (case adds, chronology
# entries, a marks import, a TSM save, an outbox delivery to a share, a backup) at random
# moments after its first committed write, and after every kill checks integrity_check,
# cipher_integrity_check, the audit chain, that every write the process reported committed is
# there and whole, and that no import is half there. Stops at the first failure (exit 1).
#
#   scripts/crash-loop.sh [--kills N] [--seed S] [--max-delay-ms M] [--keep]
#
# Default 200 kills: about 35 minutes on the shared 2-core machine (each kill is slower than
# the last as the caseload and its backups grow); scripts/test.sh runs the short version (20).
# --keep leaves a failing caseload in place to look at. See docs/security.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
cargo build --quiet -p caseload-app --example crash_loop
exec "$ROOT/target/debug/examples/crash_loop" "$@"
