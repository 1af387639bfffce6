#!/usr/bin/env bash
# Usage: record.sh <env> <version> <stack dir>
# After apply.sh: records that <env> runs <version> converged and stores what was applied. It pulls the
# records first (so the environment's file keeps its history, dev's included), writes the record from the
# last, empty plan converge.sh left in the stack directory (npm run release -- record checks that evidence
# itself), deletes that plan's JSON (it holds state values) and pushes the record with the applied artifact.
set -euo pipefail
# shellcheck source=tools/ci/common.sh
. "$(dirname "$0")/common.sh"
env="${1:-}"
version="${2:-}"
dir="${3:-}"
{ [ -n "$env" ] && [ -n "$version" ] && [ -n "$dir" ]; } || fail "Bad record.sh call" "usage: record.sh <env> <version> <stack dir>" 2
[ -f "$dir/converge.tfplan" ] || fail "No convergence plan for $env" "$dir/converge.tfplan does not exist: run apply.sh first."
records="$(dirname "$0")/release-records.sh"
"$records" pull
plan_json="$(mktemp)"
CLEANUP_FILES+=("$plan_json")
terraform -chdir="$dir" show -json converge.tfplan >"$plan_json"
commit="${GITHUB_SHA:-$(git rev-parse HEAD)}"
npm run --silent release -- record --env "$env" --version "$version" --commit "$commit" --plan "$plan_json" \
  --dir "$(dirname "$(dirname "$dir")")" ||
  fail "Cannot record $env at $version" "npm run release -- record refused; its message is in the step log."
rm -f "$plan_json"
"$records" push "$env" "$dir"
summary "📒 Recorded: $env runs $version converged; the record and the applied artifact are in RELEASE_RECORDS_URI."
