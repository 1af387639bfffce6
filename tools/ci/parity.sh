#!/usr/bin/env bash
# Usage: parity.sh <stack dir>
# After an apply: `npm run simulate -- --parity` replays the access matrix of the stack against the org's own
# policy evaluator (read-only). Every cell where Okta matches another rule than the simulator goes to the
# job summary, and a mismatch fails the step. A stack without an Okta half has nothing to replay.
set -euo pipefail
# shellcheck source=tools/ci/common.sh
. "$(dirname "$0")/common.sh"
dir="$1"
stack="$(basename "$dir")"
[ -f "$dir/cdk.tf.json" ] || fail "No synthesized stack" "$dir/cdk.tf.json does not exist."
if [ -z "$(stack_value "$dir" provider.okta)" ]; then
  echo "$stack has no Okta half: nothing to replay."
  exit 0
fi
args=(--env "$(stack_value "$dir" //.guardrails.environment)" --dir "$(dirname "$(dirname "$dir")")" --parity)
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then args+=(--summary "$GITHUB_STEP_SUMMARY"); fi
code=0
npm run --silent simulate -- "${args[@]}" || code=$?
case "$code" in
  0) ;;
  1) fail "Parity mismatch for $stack" "Okta's policy evaluator and the access simulator disagree on the cells listed in the job summary: the matrix cannot be trusted until they agree." 1 ;;
  *) fail "Parity could not read the org for $stack" "npm run simulate -- --parity exited $code: the reason is in the step log." "$code" ;;
esac
