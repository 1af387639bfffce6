#!/usr/bin/env bash
# Usage: require-env.sh VAR...  Fails naming every listed variable that is unset or empty. In CI it also
# refuses OKTA_API_TOKEN: the API token is for local use only; CI uses the OAuth private-key service app.
set -euo pipefail
# shellcheck source=tools/ci/common.sh
. "$(dirname "$0")/common.sh"
missing=()
for name in "$@"; do
  [ -n "${!name:-}" ] || missing+=("$name")
done
if [ "${#missing[@]}" -gt 0 ]; then
  fail "Missing secret or variable" "Not set: ${missing[*]}. Add it to the GitHub environment (Settings > Environments)."
fi
if [ "${CI:-}" = "true" ] && [ -n "${OKTA_API_TOKEN:-}" ]; then
  fail "OKTA_API_TOKEN is set in CI" "The API token is for local use only: it would override the OAuth private-key flow. Remove the secret."
fi
