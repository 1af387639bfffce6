#!/usr/bin/env bash
# Usage: release-records.sh pull|push <env>
# The convergence records (release/records.ts) live in S3 under RELEASE_RECORDS_URI (s3://bucket/prefix/),
# beside the state: `pull` copies every environment's record into .releases/ before a promote-check,
# `push <env>` uploads that environment's record after `npm run release -- record`. Every plan role reads
# the prefix; each deploy role writes only its own environment's file.
set -euo pipefail
# shellcheck source=tools/ci/common.sh
. "$(dirname "$0")/common.sh"
action="${1:-}"
env="${2:-}"
dir="${RELEASE_RECORDS_DIR:-.releases}"
uri="${RELEASE_RECORDS_URI:-}"
[[ "$uri" =~ ^s3://[a-z0-9][a-z0-9.-]+[a-z0-9](/.*)?$ ]] ||
  fail "Bad RELEASE_RECORDS_URI" "'$uri' is not an s3://bucket/prefix/ URI (set it on the GitHub environment)."
uri="${uri%/}/"
case "$action" in
  pull)
    mkdir -p "$dir"
    aws s3 cp --recursive --only-show-errors "$uri" "$dir/" ||
      fail "Cannot read the release records" "aws s3 cp from $uri failed; the plan role needs s3:GetObject and s3:ListBucket there."
    ;;
  push)
    file="$dir/identity-gateway-$env.json"
    [ -f "$file" ] || fail "No release record for $env" "$file does not exist; run npm run release -- record first."
    aws s3 cp --only-show-errors "$file" "$uri" ||
      fail "Cannot write the release record" "aws s3 cp to $uri failed; the deploy role of $env needs s3:PutObject there."
    ;;
  *)
    fail "Bad release-records.sh call" "usage: release-records.sh pull|push <env>"
    ;;
esac
