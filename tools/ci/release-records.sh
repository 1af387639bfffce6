#!/usr/bin/env bash
# Usage: release-records.sh pull | push <env> [<stack dir>] | fetch <env> <dest>
# The convergence records (release/records.ts) live in S3 under RELEASE_RECORDS_URI (s3://bucket/prefix/),
# beside the state, with the artifact each environment applied:
#   pull                     copies every environment's record into .releases/ (RELEASE_RECORDS_DIR), and
#                            only the records: every job that reads or writes one pulls first, so a record
#                            written after it keeps the environment's history;
#   push <env> [<stack dir>] uploads that environment's record and, with the stack directory, the artifact
#                            applied (cdk.tf.json and assets/, nothing else: no plan, no state) under
#                            artifacts/identity-gateway-<env>/<version>/;
#   fetch <env> <dest>       downloads the artifact of the version <env>'s pulled record names into
#                            <dest>/stacks/identity-gateway-<env>/ (nothing when there is no record or no
#                            stored artifact; npm run release -- deployed then synthesizes it from history).
# Every plan role reads the prefix; each deploy role writes only its own environment's record and artifacts.
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
stack="identity-gateway-$env"
file="$dir/$stack.json"

# The version a record file names (empty when there is none).
recorded_version() {
  [ -f "$1" ] || return 0
  node -e 'process.stdout.write(String(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).current.version))' "$1"
}

need_env() {
  [[ "$env" =~ ^[a-z][a-z0-9-]*$ ]] || fail "Bad release-records.sh call" "usage: release-records.sh $action <env>; '$env' is not an environment name." 2
}

case "$action" in
  pull)
    mkdir -p "$dir"
    aws s3 cp --recursive --only-show-errors --exclude '*' --include 'identity-gateway-*.json' "$uri" "$dir/" ||
      fail "Cannot read the release records" "aws s3 cp from $uri failed; the role needs s3:GetObject and s3:ListBucket there."
    ;;
  push)
    need_env
    [ -f "$file" ] || fail "No release record for $env" "$file does not exist; run npm run release -- record first."
    aws s3 cp --only-show-errors "$file" "$uri" ||
      fail "Cannot write the release record" "aws s3 cp to $uri failed; the deploy role of $env needs s3:PutObject there."
    stack_dir="${3:-}"
    if [ -n "$stack_dir" ]; then
      version="$(recorded_version "$file")"
      to="${uri}artifacts/$stack/$version/"
      aws s3 cp --only-show-errors "$stack_dir/cdk.tf.json" "$to" ||
        fail "Cannot store the applied artifact" "aws s3 cp to $to failed; the deploy role of $env needs s3:PutObject there."
      if [ -d "$stack_dir/assets" ]; then
        aws s3 cp --recursive --only-show-errors "$stack_dir/assets" "${to}assets/" ||
          fail "Cannot store the applied artifact" "aws s3 cp to ${to}assets/ failed."
      fi
    fi
    ;;
  fetch)
    need_env
    dest="${3:-}"
    [ -n "$dest" ] || fail "Bad release-records.sh call" "usage: release-records.sh fetch <env> <dest>" 2
    version="$(recorded_version "$file")"
    if [ -z "$version" ]; then
      echo "$env has no convergence record in $dir: nothing to fetch (first deploy)"
      exit 0
    fi
    mkdir -p "$dest/stacks/$stack"
    aws s3 cp --recursive --only-show-errors "${uri}artifacts/$stack/$version/" "$dest/stacks/$stack/" ||
      fail "Cannot read the stored artifact" "aws s3 cp from ${uri}artifacts/$stack/$version/ failed; the role needs s3:GetObject and s3:ListBucket there."
    ;;
  *)
    fail "Bad release-records.sh call" "usage: release-records.sh pull | push <env> [<stack dir>] | fetch <env> <dest>" 2
    ;;
esac
