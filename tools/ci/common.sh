# shellcheck shell=bash disable=SC2034
# Shared constants and helpers of the CI scripts (sourced, never run). Each constant is defined here once.
# Sourcing it also makes every failure reach the job summary: `fail` writes its reason there, and a script
# that stops on an unexpected error (set -e) writes which command failed, from the EXIT trap below.

# Resource types whose first apply is known not to converge (docs/deploy-pipeline.md: "Known two-step resources"): creating
# an okta_authenticator adopts the org's existing one without pushing its settings, so a second apply is
# needed. The convergence check re-applies once, and only when every remaining change is of these types.
TWO_STEP_TYPES="okta_authenticator"

# A saved plan older than this is refused by the apply job (minutes; override with MAX_PLAN_AGE_MINUTES).
DEFAULT_MAX_PLAN_AGE_MINUTES=120

# File names inside a plan bundle (the artifact the plan job uploads and the apply job downloads). In CI the
# saved plan travels only encrypted (PLAN_FILE_ENCRYPTED, with PLAN_BUNDLE_KEY): it holds state values.
PLAN_FILE="tfplan"
PLAN_FILE_ENCRYPTED="tfplan.enc"
PLAN_TEXT="plan.txt"
PLAN_META="plan-meta.env"

# Set once a script has written why it fails; the EXIT trap then adds nothing.
CI_FAILURE_REPORTED=""
# Files that hold state values (saved plans, their JSON): removed when the script exits, however it exits.
CLEANUP_FILES=()

# Prints a line to the job summary (or stdout outside GitHub Actions).
summary() {
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then printf '%s\n' "$@" >>"$GITHUB_STEP_SUMMARY"; else printf '%s\n' "$@"; fi
}

# Fails the step with a message that GitHub shows as an annotation and in the job summary.
fail() {
  echo "::error title=$1::$2" >&2
  summary "### ❌ $1" "" "$2"
  CI_FAILURE_REPORTED=1
  exit "${3:-1}"
}

# The EXIT trap: removes CLEANUP_FILES and, when the script stops on an error nobody reported (a command
# that failed under set -e), names the script and the command (as written, so no secret is expanded).
on_exit() {
  local code="$1" command="$2"
  if [ "${#CLEANUP_FILES[@]}" -gt 0 ]; then rm -f "${CLEANUP_FILES[@]}"; fi
  if [ "$code" -ne 0 ] && [ -z "$CI_FAILURE_REPORTED" ]; then
    local script
    script="$(basename "$0")"
    echo "::error title=$script failed::\`$command\` exited $code; see the step log" >&2
    summary "### ❌ $script failed (exit $code)" "" "\`$command\` exited $code; the step log shows its output."
  fi
}
trap 'on_exit "$?" "$BASH_COMMAND"' EXIT

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

# A value of a synthesized stack's cdk.tf.json, by a JavaScript path from the parsed object (e.g.
# 'output.stack_version.value'); empty when absent. Arrays print comma-separated.
stack_value() {
  node -e 'const j = JSON.parse(require("fs").readFileSync(process.argv[1] + "/cdk.tf.json", "utf8"));
    const v = process.argv[2].split(".").reduce((o, k) => (o == null ? undefined : o[k]), j);
    process.stdout.write(v == null ? "" : Array.isArray(v) ? v.join(",") : String(v));' "$1" "$2"
}

# The Terraform lock for CI: the one that travels with the stack, else the committed one.
ensure_lock() {
  [ -f "$1/.terraform.lock.hcl" ] || cp "$(dirname "$0")/../../stacks/terraform.lock.hcl" "$1/.terraform.lock.hcl"
}

# terraform init for CI: no prompts, the committed lock file, the backend the stack names.
tf_init() {
  terraform -chdir="$1" init -input=false -no-color -lockfile=readonly >"$1/init.log" 2>&1 || {
    cat "$1/init.log" >&2
    fail "terraform init failed in $1" "See the step log; the first error is: $(grep -m1 -i error "$1/init.log" || echo unknown)"
  }
}

# The passphrase of a plan bundle: PLAN_BUNDLE_KEY bound to this run and stack, so a bundle opens only in the
# run that made it. Printed into a variable that only openssl reads (-pass env:...).
plan_passphrase() {
  printf '%s:%s:%s' "$PLAN_BUNDLE_KEY" "${GITHUB_RUN_ID:-local}" "$1"
}
