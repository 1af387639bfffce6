#!/usr/bin/env bash
# Usage: require-remote-state.sh <stack dir>  Refuses a stack whose state is local: a CI runner is thrown
# away after the job, and its state with it. Such an environment is deployed by hand (docs/deploying.md).
set -euo pipefail
# shellcheck source=tools/ci/common.sh
. "$(dirname "$0")/common.sh"
dir="$1"
backend="$(node -e 'const b = require(require("path").resolve(process.argv[1], "cdk.tf.json")).terraform.backend || {}; console.log(Object.keys(b)[0] || "local")' "$dir")"
if [ "$backend" != "s3" ]; then
  fail "$(basename "$dir") keeps $backend state" "CI applies only stacks with remote (S3) state; move it to the S3 backend or deploy it by hand (docs/deploying.md)."
fi
