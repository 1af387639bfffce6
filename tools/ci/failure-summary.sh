#!/usr/bin/env bash
# Usage: failure-summary.sh  (the last step of every job, with `if: failure()`)
# Names each failed step of the job in the job summary, with what to check for the steps that cannot write
# a reason themselves (actions: checkout, setup, credentials, artifacts). A failed tools/ci script or a
# step run through step.sh has written its own reason above. Reads STEPS (toJSON(steps): every step has an
# id) and JOB.
set -euo pipefail
# shellcheck source=tools/ci/common.sh
. "$(dirname "$0")/common.sh"
failed="$(node -e 'const steps = JSON.parse(process.env.STEPS || "{}");
  console.log(Object.entries(steps).filter(([, s]) => s.outcome === "failure").map(([id]) => id).join(" "));')"
hint() {
  case "$1" in
    checkout) echo "actions/checkout failed: the commit or tag is gone, or the token cannot read the repository." ;;
    setup) echo "Node.js, Terraform, the provider cache or npm ci failed: the step log of .github/actions/setup says which." ;;
    aws) echo "Assuming the AWS role failed: check the role ARN variable of this GitHub environment and that the role's trust policy allows this repository's OIDC subject for this environment (docs/deploy-pipeline.md)." ;;
    download-release) echo "This run's release artifact is missing: the release job failed or the artifact expired." ;;
    download-plan) echo "This run's plan bundle is missing: the plan job failed, or it expired (kept 1 day); run the deploy again." ;;
    upload*) echo "Uploading the artifact failed: see the step log." ;;
    save-provider-cache) echo "Saving the provider cache failed: harmless, the next run downloads the providers again." ;;
    *) echo "" ;;
  esac
}
if [ -z "$failed" ]; then
  summary "### ❌ ${JOB:-The job} failed" "" "No step with an id failed: a step without an id, or the runner, stopped it; see the log."
  exit 0
fi
for id in $failed; do
  why="$(hint "$id")"
  summary "### ❌ ${JOB:-job}: step \`$id\` failed" "" "${why:-Its reason is above (the step writes it), else in the step log.}"
done
