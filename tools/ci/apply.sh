#!/usr/bin/env bash
# Usage: apply.sh <stack dir> <bundle dir>
# Applies exactly the plan plan.sh saved in <bundle dir>, refusing a plan from another commit, for a stack
# that synthesizes differently now, older than MAX_PLAN_AGE_MINUTES, or whose bytes are not the ones
# planned; an encrypted plan (tfplan.enc) is opened with PLAN_BUNDLE_KEY. Then proves convergence.
set -euo pipefail
# shellcheck source=tools/ci/common.sh
. "$(dirname "$0")/common.sh"
dir="$1"
bundle="$2"
stack="$(basename "$dir")"
if [ ! -f "$bundle/$PLAN_META" ] || { [ ! -f "$bundle/$PLAN_FILE" ] && [ ! -f "$bundle/$PLAN_FILE_ENCRYPTED" ]; }; then
  fail "No saved plan for $stack" "$bundle has no $PLAN_FILE (or $PLAN_FILE_ENCRYPTED) and $PLAN_META."
fi
meta() { sed -n "s/^$1=//p" "$bundle/$PLAN_META"; }
commit="${GITHUB_SHA:-$(git rev-parse HEAD)}"
max_age="${MAX_PLAN_AGE_MINUTES:-$DEFAULT_MAX_PLAN_AGE_MINUTES}"
[[ "$max_age" =~ ^[0-9]+$ ]] || fail "Bad MAX_PLAN_AGE_MINUTES" "'$max_age' is not a whole number of minutes."

[ "$(meta stack)" = "$stack" ] || fail "Plan is for another stack" "The saved plan is for $(meta stack), not $stack."
[ "$(meta commit)" = "$commit" ] ||
  fail "Plan is from another commit" "The saved plan of $stack was made at $(meta commit); this job runs $commit. Plan again."
[ "$(meta stack_sha256)" = "$(stack_checksum "$dir")" ] ||
  fail "Stack changed since the plan" "$stack synthesizes differently from when it was planned (cdk.tf.json or assets). Plan again."
age=$((($(date +%s) - $(meta created_epoch)) / 60))
[ "$age" -le "$max_age" ] ||
  fail "Plan is too old" "The saved plan of $stack is $age minutes old; at most $max_age are allowed (MAX_PLAN_AGE_MINUTES). Plan again."

cp "$bundle/.terraform.lock.hcl" "$dir/.terraform.lock.hcl"
if [ -f "$bundle/$PLAN_FILE_ENCRYPTED" ]; then
  [ -n "${PLAN_BUNDLE_KEY:-}" ] || fail "PLAN_BUNDLE_KEY is not set" "The saved plan of $stack is encrypted; the apply job needs the key the plan job used."
  PLAN_PASS="$(plan_passphrase "$stack")" openssl enc -d -aes-256-cbc -pbkdf2 -iter 10000 \
    -in "$bundle/$PLAN_FILE_ENCRYPTED" -out "$dir/$PLAN_FILE" -pass env:PLAN_PASS 2>/dev/null ||
    fail "Cannot open the saved plan" "$bundle/$PLAN_FILE_ENCRYPTED does not decrypt with PLAN_BUNDLE_KEY for this run: plan again in this run."
else
  cp "$bundle/$PLAN_FILE" "$dir/$PLAN_FILE"
fi
[ "$(sha256sum "$dir/$PLAN_FILE" | cut -d' ' -f1)" = "$(meta plan_sha256)" ] ||
  fail "Saved plan altered" "The plan of $stack does not have the sha256 recorded when it was made. Plan again."
tf_init "$dir"
terraform -chdir="$dir" apply -input=false -no-color -lock-timeout=5m "$PLAN_FILE"
summary "## Applied the approved plan of $stack (${commit:0:12}, $age minutes old)"
"$(dirname "$0")/converge.sh" "$dir"
