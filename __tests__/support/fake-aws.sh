#!/usr/bin/env bash
# A stand-in for the AWS CLI in the tools/ci tests: `aws s3 cp [--recursive] [--only-show-errors] SRC DST`
# with s3://BUCKET/ mapped to the folder $FAKE_S3_ROOT/BUCKET/. Every call is logged to $FAKE_TF_LOG.
set -euo pipefail
echo "aws $*" >>"$FAKE_TF_LOG"
if [ "${1:-}" != s3 ] || [ "${2:-}" != cp ]; then echo "fake aws: only s3 cp is modelled" >&2; exit 2; fi
shift 2
recursive=false
paths=()
for a in "$@"; do
  case "$a" in
    --recursive) recursive=true ;;
    --*) ;;
    s3://*) rest="${a#s3://}"; paths+=("$FAKE_S3_ROOT/$rest") ;;
    *) paths+=("$a") ;;
  esac
done
[ "${#paths[@]}" -eq 2 ] || { echo "fake aws: SRC and DST expected" >&2; exit 2; }
if $recursive; then
  mkdir -p "${paths[0]}" "${paths[1]}"
  cp -r "${paths[0]}/." "${paths[1]}"
else
  mkdir -p "$(dirname "${paths[1]}/x")"
  cp "${paths[0]}" "${paths[1]}"
fi
