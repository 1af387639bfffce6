#!/usr/bin/env bash
# Usage: okta-scopes.sh <stack dir> read|write
# Prints the Okta API scopes a synthesized stack records for that access, comma-separated (the form of
# OKTA_API_SCOPES), and in GitHub Actions exports OKTA_API_SCOPES for the job's later steps: plan and drift
# ask only okta.*.read scopes, the apply job the write scopes. The provider block carries no scopes, so
# the provider takes them from OKTA_API_SCOPES (okta provider v4.20.0 okta/config.go:145-150 and 316-326).
# A stack without an okta provider (gateway-only) needs none: nothing is printed or exported.
set -euo pipefail
# shellcheck source=tools/ci/common.sh
. "$(dirname "$0")/common.sh"
dir="${1:-}"
access="${2:-}"
[[ "$access" == read || "$access" == write ]] || fail "Bad okta-scopes.sh call" "usage: okta-scopes.sh <stack dir> read|write" 2
[ -f "$dir/cdk.tf.json" ] || fail "No synthesized stack" "$dir/cdk.tf.json does not exist."
scopes="$(stack_value "$dir" "//.oktaApiScopes.$access")"
if [ -z "$scopes" ]; then
  [ -z "$(stack_value "$dir" provider.okta)" ] ||
    fail "No Okta scopes recorded" "$(basename "$dir") has an okta provider but records no $access scopes (// oktaApiScopes): synthesize it again."
  exit 0
fi
if [ -n "${GITHUB_ENV:-}" ]; then echo "OKTA_API_SCOPES=$scopes" >>"$GITHUB_ENV"; fi
echo "$scopes"
