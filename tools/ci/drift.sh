#!/usr/bin/env bash
# Usage: drift.sh <stack dir> <version the environment runs>
# Compares the infrastructure with the Terraform state through a refresh-only plan of exactly the artifact
# the environment runs (npm run release -- deployed puts it in <stack dir>); refuses any other artifact
# (exit 2), since a refresh-only plan re-evaluates outputs from the configuration and the stack_version of
# another version would read as a change. Exit 0 and "no drift" when nothing changed outside Terraform;
# exit 1 with the drifting resources and their attributes in the job summary when something did; exit 2
# when the state's outputs are not the artifact's (a comparison with the wrong artifact, not drift); the
# plan's own error otherwise. The plan file holds state values: it is deleted, whatever happens.
set -euo pipefail
# shellcheck source=tools/ci/common.sh
. "$(dirname "$0")/common.sh"
dir="${1:-}"
expected="${2:-}"
{ [ -n "$dir" ] && [ -n "$expected" ]; } || fail "Bad drift.sh call" "usage: drift.sh <stack dir> <version the environment runs>" 2
stack="$(basename "$dir")"
[ -f "$dir/cdk.tf.json" ] || fail "No artifact for $stack" "$dir/cdk.tf.json does not exist." 2
artifact="$(stack_value "$dir" output.stack_version.value)"
[ "$artifact" = "$expected" ] ||
  fail "Not the artifact $stack runs" "$dir holds $stack of ${artifact:-no version}; $stack runs $expected. Compare the artifact of $expected (npm run release -- deployed)." 2
ensure_lock "$dir"
terraform -chdir="$dir" init -input=false -no-color >"$dir/init.log" 2>&1 || {
  cat "$dir/init.log" >&2
  fail "terraform init failed for $stack" "see the step log"
}
CLEANUP_FILES+=("$dir/drift.tfplan" "$dir/drift.json")
code=0
terraform -chdir="$dir" plan -refresh-only -detailed-exitcode -input=false -lock=false -no-color -out=drift.tfplan >"$dir/drift.txt" 2>&1 || code=$?
case "$code" in
  0) summary "✅ No drift in $stack ($expected): the infrastructure matches the state." ;;
  2)
    terraform -chdir="$dir" show -json drift.tfplan >"$dir/drift.json"
    report=0
    node "$(dirname "$0")/drift-report.js" "$dir/drift.json" "$stack" >"$dir/drift-report.md" || report=$?
    summary "$(cat "$dir/drift-report.md")"
    case "$report" in
      0) summary "✅ No drift in $stack ($expected): the refresh-only plan changes nothing." ;;
      1)
        summary_file "Refresh-only plan of $stack" "$dir/drift.txt"
        echo "::error title=Drift in $stack::resources changed outside Terraform; see the run summary" >&2
        CI_FAILURE_REPORTED=1
        exit 1
        ;;
      2) fail "State of $stack is not $expected" "The refresh-only plan changes only outputs: the state was applied from another artifact than the one $stack's record names. Check npm run status -- --env <env> and the convergence record." 2 ;;
      *) fail "Cannot read the drift plan of $stack" "drift-report.js exited $report." ;;
    esac
    ;;
  *)
    cat "$dir/drift.txt" >&2
    fail "Drift check failed for $stack" "terraform plan -refresh-only exited $code; see the step log."
    ;;
esac
