# shellcheck shell=bash disable=SC2034
# Shared constants and helpers of the CI scripts (sourced, never run). Each constant is defined here once.

# Resource types whose first apply is known not to converge (docs/deploy-pipeline.md: "Known two-step resources"): creating
# an okta_authenticator adopts the org's existing one without pushing its settings, so a second apply is
# needed. The convergence check re-applies once, and only when every remaining change is of these types.
TWO_STEP_TYPES="okta_authenticator"

# A saved plan older than this is refused by the apply job (minutes; override with MAX_PLAN_AGE_MINUTES).
DEFAULT_MAX_PLAN_AGE_MINUTES=120

# File names inside a plan bundle (the artifact the plan job uploads and the apply job downloads).
PLAN_FILE="tfplan"
PLAN_TEXT="plan.txt"
PLAN_META="plan-meta.env"

# Prints a line to the job summary (or stdout outside GitHub Actions).
summary() {
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then printf '%s\n' "$@" >>"$GITHUB_STEP_SUMMARY"; else printf '%s\n' "$@"; fi
}

# Fails the step with a message that GitHub shows as an annotation and in the job summary.
fail() {
  echo "::error title=$1::$2" >&2
  summary "### ❌ $1" "" "$2"
  exit 1
}

# A fenced block of a file's text in the job summary, cut to stay under GitHub's 1 MiB summary limit.
summary_file() {
  summary "<details><summary>$1</summary>" "" '```'
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then head -c 400000 "$2" >>"$GITHUB_STEP_SUMMARY"; else head -c 400000 "$2"; fi
  summary '```' "</details>"
}

# Checksum of what Terraform deploys from a synthesized stack directory: cdk.tf.json and its assets.
stack_checksum() {
  (cd "$1" && find cdk.tf.json assets -type f 2>/dev/null | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -d' ' -f1)
}

# terraform init for CI: no prompts, the committed lock file, the backend the stack names.
tf_init() {
  terraform -chdir="$1" init -input=false -no-color -lockfile=readonly >"$1/init.log" 2>&1 || {
    cat "$1/init.log" >&2
    fail "terraform init failed in $1" "See the step log; the first error is: $(grep -m1 -i error "$1/init.log" || echo unknown)"
  }
}
