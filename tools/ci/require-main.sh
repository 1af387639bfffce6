#!/usr/bin/env bash
# Usage: require-main.sh
# Deploys run from main only: refuses any ref but refs/heads/main and a release tag vX.Y.Z on the commit
# at the tip of main (tagging right after a merge deploys that commit again as the clean release X.Y.Z).
# A tag on an older commit is refused: deploying it would roll every environment back past main. A manual
# run (workflow_dispatch) from another branch is refused the same way; the GitHub environments' deployment
# branch rules (docs/deploy-pipeline.md) refuse it too, before any credential is handed out.
set -euo pipefail
# shellcheck source=tools/ci/common.sh
. "$(dirname "$0")/common.sh"
ref="${GITHUB_REF:-}"
case "$ref" in
  refs/heads/main) summary "Deploying main at ${GITHUB_SHA:0:12}." ;;
  refs/tags/v*)
    tag="${ref#refs/tags/}"
    [[ "$tag" =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "Not a release tag" "'$tag' is not vX.Y.Z: only release tags deploy."
    tagged="$(git rev-parse --verify --quiet "refs/tags/$tag^{commit}" || true)"
    main="$(git rev-parse --verify --quiet "refs/remotes/origin/main^{commit}" || true)"
    [ -n "$tagged" ] || fail "Unknown tag $tag" "refs/tags/$tag is not in this checkout (actions/checkout with fetch-depth: 0)."
    [ -n "$main" ] || fail "main is not fetched" "refs/remotes/origin/main is not in this checkout (actions/checkout with fetch-depth: 0)."
    [ "$tagged" = "$main" ] ||
      fail "$tag is not the tip of main" "$tag tags ${tagged:0:12}, main is at ${main:0:12}: deploying the tag would roll the environments back past main. Tag main's tip, or let the next push to main deploy."
    summary "Deploying the release $tag (the tip of main, ${tagged:0:12})."
    ;;
  *) fail "Deploys run from main only" "This run is for '$ref': deploy workflows run on main and on release tags vX.Y.Z at main's tip." ;;
esac
