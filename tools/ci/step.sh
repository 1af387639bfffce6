#!/usr/bin/env bash
# Usage: step.sh <title> <command> [args...]
# Runs a command with its output in the log; when it fails, the job summary gets the title and the last
# lines of that output, so a failed check says why without opening the log. Exits with the command's code.
set -uo pipefail
# shellcheck source=tools/ci/common.sh
. "$(dirname "$0")/common.sh"
title="$1"
shift
out="$(mktemp)"
"$@" 2>&1 | tee "$out"
code="${PIPESTATUS[0]}"
if [ "$code" -ne 0 ]; then
  CI_FAILURE_REPORTED=1
  summary "### ❌ $title failed (exit $code)" "" '```' "$(tail -n 40 "$out")" '```'
  echo "::error title=$title failed::see the job summary" >&2
fi
rm -f "$out"
exit "$code"
