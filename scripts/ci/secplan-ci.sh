#!/usr/bin/env bash
# Run `secplan scan` in CI: write SARIF for code scanning and follow --fail-on.
#
# Settings (environment variables, all optional):
#   SECPLAN_PATH       what to scan (default: .)
#   SECPLAN_SARIF      where to write the SARIF report (default: secplan.sarif)
#   SECPLAN_FAIL_ON    info|low|medium|high|critical (default: fail_on in secplan.toml, else high)
#   SECPLAN_BASELINE   an earlier JSON or SARIF report: only new findings are reported and fail
#   SECPLAN_ARGS       more arguments for `secplan scan` (split on spaces)
#   SECPLAN_DEFER_EXIT 1: exit 0 on findings and leave the verdict in the exit-code output
#                      ($GITHUB_OUTPUT when set, else secplan-exit-code), so the SARIF is
#                      uploaded before the job fails
#   SECPLAN            the command that runs secplan (default: secplan)
#
# Exit codes: 0 nothing at or above the threshold, 1 findings at or above it, 2 usage or input
# error (always immediate, whatever SECPLAN_DEFER_EXIT says).
set -uo pipefail

path="${SECPLAN_PATH:-.}"
sarif="${SECPLAN_SARIF:-secplan.sarif}"
read -r -a cmd <<<"${SECPLAN:-secplan}"
args=(scan "$path" --format sarif --output "$sarif")
if [[ -n "${SECPLAN_FAIL_ON:-}" ]]; then
  args+=(--fail-on "$SECPLAN_FAIL_ON")
fi
if [[ -n "${SECPLAN_BASELINE:-}" ]]; then
  args+=(--baseline "$SECPLAN_BASELINE")
fi
if [[ -n "${SECPLAN_ARGS:-}" ]]; then
  read -r -a extra <<<"$SECPLAN_ARGS"
  args+=("${extra[@]}")
fi

echo "secplan-ci: ${cmd[*]} ${args[*]}"
"${cmd[@]}" "${args[@]}"
rc=$?

if [[ $rc -eq 0 || $rc -eq 1 ]] && [[ -f "$sarif" ]]; then
  # one line of counts from the SARIF just written (results a suppression covers are not open)
  python3 - "$sarif" <<'PY' || true
import json, sys
from collections import Counter
run = json.load(open(sys.argv[1], encoding="utf-8"))["runs"][0]
results = run.get("results", [])
open_ = Counter(r["properties"]["severity"] for r in results if not r.get("suppressions"))
shown = ", ".join(f"{n} {s}" for s, n in sorted(open_.items())) or "none"
print(f"secplan-ci: findings {shown}; {sum(1 for r in results if r.get('suppressions'))} suppressed")
PY
fi

case $rc in
  0) echo "secplan-ci: passed" ;;
  1) echo "secplan-ci: findings at or above the threshold" ;;
  *) echo "secplan-ci: secplan could not run (exit $rc); see the message above" >&2
     exit "$rc" ;;
esac

if [[ "${SECPLAN_DEFER_EXIT:-0}" == "1" ]]; then
  if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
    echo "exit-code=$rc" >>"$GITHUB_OUTPUT"
  else
    echo "$rc" >secplan-exit-code
  fi
  exit 0
fi
exit "$rc"
