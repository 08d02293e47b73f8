# Shell helpers shared by scripts/setup.sh and scripts/run.sh (sourced, not run).

step() { printf '==> %s\n' "$*"; }

# Runs a command with its output kept aside; shows it only if the command fails.
quiet() {
  local log status
  log="$(mktemp)"
  if "$@" >"$log" 2>&1; then
    rm -f "$log"
    return 0
  else
    status=$?
    echo "--- failed: $* (exit $status); its output:" >&2
    tail -n 200 "$log" >&2
    rm -f "$log"
    return "$status"
  fi
}
