#!/usr/bin/env bash
# A stand-in for the AWS CLI in the tools/ci tests: `aws s3 cp [--recursive] [--only-show-errors]
# [--exclude P] [--include P]... SRC DST` with s3://BUCKET/ mapped to the folder $FAKE_S3_ROOT/BUCKET/.
# Filters apply to recursive copies as the CLI applies them: every file is included, then each filter in
# order includes or excludes the paths it matches (relative to SRC; `*` matches `/` too). A recursive
# copy from a prefix that holds nothing copies nothing and succeeds. Every call is logged to $FAKE_TF_LOG.
set -euo pipefail
echo "aws $*" >>"$FAKE_TF_LOG"
if [ "${1:-}" != s3 ] || [ "${2:-}" != cp ]; then echo "fake aws: only s3 cp is modelled" >&2; exit 2; fi
shift 2
recursive=false
paths=()
filters=()
while [ $# -gt 0 ]; do
  case "$1" in
    --recursive) recursive=true ;;
    --exclude | --include) filters+=("$1" "$2"); shift ;;
    --*) ;;
    s3://*) rest="${1#s3://}"; paths+=("$FAKE_S3_ROOT/$rest") ;;
    *) paths+=("$1") ;;
  esac
  shift
done
[ "${#paths[@]}" -eq 2 ] || { echo "fake aws: SRC and DST expected" >&2; exit 2; }
if $recursive; then
  src="${paths[0]%/}"
  [ -d "$src" ] || exit 0
  while IFS= read -r -d '' f; do
    rel="${f#"$src"/}"
    keep=true
    for ((i = 0; i < ${#filters[@]}; i += 2)); do
      # shellcheck disable=SC2053
      if [[ "$rel" == ${filters[i + 1]} ]]; then [ "${filters[i]}" = --include ] && keep=true || keep=false; fi
    done
    if $keep; then
      mkdir -p "$(dirname "${paths[1]%/}/$rel")"
      cp "$f" "${paths[1]%/}/$rel"
    fi
  done < <(find "$src" -type f -print0)
else
  if [ ! -f "${paths[0]}" ]; then echo "fatal error: An error occurred (404) when calling the HeadObject operation" >&2; exit 1; fi
  dst="${paths[1]}"
  if [[ "$dst" == */ ]]; then dst="$dst$(basename "${paths[0]}")"; fi
  mkdir -p "$(dirname "$dst")"
  cp "${paths[0]}" "$dst"
fi
