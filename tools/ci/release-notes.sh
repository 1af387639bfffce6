#!/usr/bin/env bash
# Usage: release-notes.sh <tag vX.Y.Z> <out file>
# Writes the release notes of a tag: the review between the previous release tag reachable from it and the
# tag itself (npm run release-notes), or a first-release note when there is no earlier tag.
set -euo pipefail
# shellcheck source=tools/ci/common.sh
. "$(dirname "$0")/common.sh"
tag="${1:-}"
out="${2:-}"
[[ "$tag" =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "Not a release tag" "'$tag' is not vX.Y.Z (semver)."
[ -n "$out" ] || fail "Bad release-notes.sh call" "usage: release-notes.sh <tag> <out file>"
previous="$(git describe --tags --abbrev=0 --match 'v[0-9]*.[0-9]*.[0-9]*' "$tag^" 2>/dev/null || true)"
if [ -z "$previous" ]; then
  printf '# %s\n\nThe first release: nothing earlier to compare with.\n' "$tag" >"$out"
  exit 0
fi
npm run --silent release-notes -- --from "${previous#v}" --to "${tag#v}" --out "$out"
