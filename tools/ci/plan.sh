#!/usr/bin/env bash
# Usage: plan.sh <stack dir> <bundle dir>
# Saves `terraform plan -out` of a synthesized stack into <bundle dir> with its text, the provider lock
# and plan-meta.env (commit, stack checksum, creation time), and writes the plan's summary to the job
# summary. apply.sh applies exactly this bundle. Exits non-zero, with the reason, when no plan can be made.
set -euo pipefail
# shellcheck source=tools/ci/common.sh
. "$(dirname "$0")/common.sh"
dir="$1"
bundle="$2"
stack="$(basename "$dir")"
commit="${GITHUB_SHA:-$(git rev-parse HEAD)}"
mkdir -p "$bundle"
[ -f "$dir/.terraform.lock.hcl" ] || cp "$(dirname "$0")/../../stacks/terraform.lock.hcl" "$dir/.terraform.lock.hcl"
terraform -chdir="$dir" init -input=false -no-color >"$bundle/init.log" 2>&1 || {
  cat "$bundle/init.log" >&2
  fail "terraform init failed for $stack" "$(grep -m1 -i -A2 'error' "$bundle/init.log" || echo 'see the step log')"
}
set +e
terraform -chdir="$dir" plan -input=false -no-color -lock-timeout=5m -detailed-exitcode -out="$PLAN_FILE" >"$bundle/plan.log" 2>&1
code=$?
set -e
if [ "$code" -eq 1 ]; then
  cat "$bundle/plan.log" >&2
  fail "No plan for $stack" "terraform plan failed: $(grep -m1 -i -A3 'error' "$bundle/plan.log" || echo 'see the step log')"
fi
cp "$dir/$PLAN_FILE" "$dir/.terraform.lock.hcl" "$bundle/"
terraform -chdir="$dir" show -no-color "$PLAN_FILE" >"$bundle/$PLAN_TEXT"
{
  echo "commit=$commit"
  echo "stack=$stack"
  echo "stack_sha256=$(stack_checksum "$dir")"
  echo "created_epoch=$(date +%s)"
  echo "has_changes=$([ "$code" -eq 2 ] && echo true || echo false)"
} >"$bundle/$PLAN_META"
summary "## Plan for $stack at ${commit:0:12}" "" "$(grep -E '^(Plan:|No changes)' "$bundle/plan.log" || echo 'No changes.')" ""
summary_file "Full plan of $stack" "$bundle/$PLAN_TEXT"
if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "has_changes=$([ "$code" -eq 2 ] && echo true || echo false)" >>"$GITHUB_OUTPUT"; fi
