#!/usr/bin/env bash
# Usage: drift.sh <stack dir>
# A refresh-only plan against the stack's state: exit 0 and "no drift" when the infrastructure matches,
# exit 1 with what drifted in the job summary when it does not, the plan's own error otherwise.
set -euo pipefail
# shellcheck source=tools/ci/common.sh
. "$(dirname "$0")/common.sh"
dir="$1"
stack="$(basename "$dir")"
[ -f "$dir/.terraform.lock.hcl" ] || cp "$(dirname "$0")/../../stacks/terraform.lock.hcl" "$dir/.terraform.lock.hcl"
terraform -chdir="$dir" init -input=false -no-color >"$dir/init.log" 2>&1 || {
  cat "$dir/init.log" >&2
  fail "terraform init failed for $stack" "see the step log"
}
set +e
terraform -chdir="$dir" plan -refresh-only -detailed-exitcode -input=false -lock=false -no-color >"$dir/drift.txt" 2>&1
code=$?
set -e
case "$code" in
  0) summary "✅ No drift in $stack." ;;
  2)
    summary "### ⚠️ Drift in $stack" "" "The deployed infrastructure no longer matches the Terraform state:"
    summary_file "Refresh-only plan of $stack" "$dir/drift.txt"
    echo "::error title=Drift in $stack::the deployed infrastructure no longer matches the Terraform state; see the run summary" >&2
    exit 1
    ;;
  *)
    cat "$dir/drift.txt" >&2
    fail "Drift check failed for $stack" "terraform plan -refresh-only exited $code; see the step log."
    ;;
esac
