#!/usr/bin/env bash
# Usage: plan.sh <stack dir> <bundle dir> [file...]
# Saves `terraform plan -out` of a synthesized stack into <bundle dir> with its text, the provider lock,
# plan-meta.env (commit, stack checksum, the plan's own checksum, creation time) and the files named after
# it (the review, the release manifest), and writes the plan's summary to the job summary. apply.sh applies exactly this bundle. Exits non-zero, with the reason, when
# no plan can be made.
# The plan runs with -lock=false: plan and drift credentials cannot write the state's lock file (read-only
# role), and a saved plan is safe without the lock because Terraform refuses to apply a plan whose state
# has changed since it was made.
# The saved plan holds state values (secrets among them), so it leaves this job only encrypted: with
# PLAN_BUNDLE_KEY set (always in CI) the bundle holds tfplan.enc (AES-256, PBKDF2, bound to this run and
# stack), never tfplan. By hand, without a key, the bundle keeps tfplan and stays on your machine.
set -euo pipefail
# shellcheck source=tools/ci/common.sh
. "$(dirname "$0")/common.sh"
dir="$1"
bundle="$2"
shift 2
stack="$(basename "$dir")"
commit="${GITHUB_SHA:-$(git rev-parse HEAD)}"
if [ "${CI:-}" = "true" ] && [ -z "${PLAN_BUNDLE_KEY:-}" ]; then
  fail "PLAN_BUNDLE_KEY is not set" "In CI the saved plan leaves the plan job only encrypted; add the repository secret PLAN_BUNDLE_KEY (docs/deploy-pipeline.md)."
fi
mkdir -p "$bundle"
ensure_lock "$dir"
terraform -chdir="$dir" init -input=false -no-color >"$bundle/init.log" 2>&1 || {
  cat "$bundle/init.log" >&2
  fail "terraform init failed for $stack" "$(grep -m1 -i -A2 'error' "$bundle/init.log" || echo 'see the step log')"
}
code=0
terraform -chdir="$dir" plan -input=false -no-color -lock=false -detailed-exitcode -out="$PLAN_FILE" >"$bundle/plan.log" 2>&1 || code=$?
if [ "$code" -ne 0 ] && [ "$code" -ne 2 ]; then
  cat "$bundle/plan.log" >&2
  fail "No plan for $stack" "terraform plan failed: $(grep -m1 -i -A3 'error' "$bundle/plan.log" || echo 'see the step log')"
fi
cp "$dir/.terraform.lock.hcl" "$bundle/"
terraform -chdir="$dir" show -no-color "$PLAN_FILE" >"$bundle/$PLAN_TEXT"
plan_sha256="$(sha256sum "$dir/$PLAN_FILE" | cut -d' ' -f1)"
if [ -n "${PLAN_BUNDLE_KEY:-}" ]; then
  PLAN_PASS="$(plan_passphrase "$stack")" openssl enc -aes-256-cbc -pbkdf2 -iter 10000 -salt \
    -in "$dir/$PLAN_FILE" -out "$bundle/$PLAN_FILE_ENCRYPTED" -pass env:PLAN_PASS
  rm -f "$bundle/$PLAN_FILE"
else
  cp "$dir/$PLAN_FILE" "$bundle/"
fi
{
  echo "commit=$commit"
  echo "stack=$stack"
  echo "stack_sha256=$(stack_checksum "$dir")"
  echo "plan_sha256=$plan_sha256"
  echo "created_epoch=$(date +%s)"
  echo "has_changes=$([ "$code" -eq 2 ] && echo true || echo false)"
} >"$bundle/$PLAN_META"
if [ $# -gt 0 ]; then cp "$@" "$bundle/"; fi
summary "## Plan for $stack at ${commit:0:12}" "" "$(grep -E '^(Plan:|No changes)' "$bundle/plan.log" || echo 'No changes.')" ""
summary_file "Full plan of $stack" "$bundle/$PLAN_TEXT"
if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "has_changes=$([ "$code" -eq 2 ] && echo true || echo false)" >>"$GITHUB_OUTPUT"; fi
