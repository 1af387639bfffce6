#!/usr/bin/env bash
# Usage: preflight.sh <stack dir> <bundle dir>
# Right before the apply: `npm run preflight` reads the live Okta org read-only (its own okta.*.read scopes,
# with the job's service app) and compares it with the stack. The stack's state (terraform state pull,
# deleted whatever happens) tells it what the stack already manages, so objects it created are not reported
# as existing outside it. The findings go to the job summary; a blocker (a weakened password policy, an
# authenticator a policy still uses, an admin the new rule does not cover, ...) fails the step and the apply
# does not run. A stack without an Okta half has nothing to check.
set -euo pipefail
# shellcheck source=tools/ci/common.sh
. "$(dirname "$0")/common.sh"
dir="$1"
bundle="$2"
stack="$(basename "$dir")"
[ -f "$dir/cdk.tf.json" ] || fail "No synthesized stack" "$dir/cdk.tf.json does not exist."
if [ -z "$(stack_value "$dir" provider.okta)" ]; then
  echo "$stack has no Okta half: nothing to preflight."
  exit 0
fi
environment="$(stack_value "$dir" //.guardrails.environment)"
# The lock the plan was made with, as apply.sh uses it.
if [ -f "$bundle/.terraform.lock.hcl" ]; then cp "$bundle/.terraform.lock.hcl" "$dir/.terraform.lock.hcl"; else ensure_lock "$dir"; fi
tf_init "$dir"
state="$(mktemp)"
CLEANUP_FILES+=("$state")
terraform -chdir="$dir" state pull >"$state" || fail "Cannot read the state of $stack" "terraform state pull failed: see the step log."
args=(--env "$environment" --dir "$(dirname "$(dirname "$dir")")")
# A first apply has no state yet: nothing is managed.
if [ -s "$state" ]; then args+=(--state "$state"); fi
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then args+=(--summary "$GITHUB_STEP_SUMMARY"); fi
code=0
npm run --silent preflight -- "${args[@]}" || code=$?
case "$code" in
  0) ;;
  1) fail "Preflight found a blocker for $stack" "The live org would not take this apply as planned: the findings are in the job summary (docs/deploying.md, first apply on an existing org)." 1 ;;
  *) fail "Preflight could not read the org for $stack" "npm run preflight exited $code: the reason is in the step log (credentials, scopes, the org unreachable)." "$code" ;;
esac
