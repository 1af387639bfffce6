#!/usr/bin/env bash
# Usage: converge.sh <stack dir>
# After an apply, a second plan must be empty. When it is not and every remaining change is to a known
# two-step resource type (TWO_STEP_TYPES), that plan is applied once and a third plan must be empty.
# Otherwise the step fails and the job summary shows what differs.
set -euo pipefail
# shellcheck source=tools/ci/common.sh
. "$(dirname "$0")/common.sh"
dir="$1"
stack="$(basename "$dir")"

# Plans into converge.tfplan; sets plan_code to -detailed-exitcode's answer (0 empty, 2 changes).
second_plan() {
  plan_code=0
  terraform -chdir="$dir" plan -input=false -no-color -lock-timeout=5m -detailed-exitcode -out=converge.tfplan >"$dir/converge.log" 2>&1 ||
    plan_code=$?
  if [ "$plan_code" -ne 0 ] && [ "$plan_code" -ne 2 ]; then
    cat "$dir/converge.log" >&2
    fail "Convergence plan failed for $stack" "terraform plan after apply failed; see the step log."
  fi
}

# The resource types with planned changes in converge.tfplan, one per line, sorted and unique.
changed_types() {
  terraform -chdir="$dir" show -json converge.tfplan |
    node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
      const types = (JSON.parse(s).resource_changes || []).filter((c) => !c.change.actions.every((a) => a === "no-op" || a === "read")).map((c) => c.type);
      console.log([...new Set(types)].sort().join("\n"));
    });'
}

show_difference() {
  terraform -chdir="$dir" show -no-color converge.tfplan >"$dir/converge.txt"
  summary_file "What still differs in $stack after apply" "$dir/converge.txt"
}

plan_code=0
second_plan
if [ "$plan_code" -eq 0 ]; then
  summary "✅ $stack converged: the plan after apply is empty."
  exit 0
fi
others="$(changed_types | grep -vxF -f <(tr ' ' '\n' <<<"$TWO_STEP_TYPES") || true)"
if [ -n "$others" ]; then
  show_difference
  fail "$stack did not converge" "The plan after apply still changes: $(tr '\n' ' ' <<<"$others"). Provider read-back differs from config; see the summary."
fi
summary "↻ $stack: only known two-step resources ($TWO_STEP_TYPES) still differ; applying them once more."
terraform -chdir="$dir" apply -input=false -no-color -lock-timeout=5m converge.tfplan
second_plan
if [ "$plan_code" -ne 0 ]; then
  show_difference
  fail "$stack did not converge" "Still not empty after the one re-apply allowed for two-step resources."
fi
summary "✅ $stack converged after one re-apply of two-step resources."
