#!/usr/bin/env bash
# A stand-in for terraform in the CI-script tests. It logs every call to $FAKE_TF_LOG and answers from
# the environment: FAKE_PLAN_EXITS (exit codes of successive plans), FAKE_CHANGED_TYPES (resource types a
# saved plan changes), FAKE_INIT_EXIT. A saved plan's file holds "plan-<n>" so applies can be traced.
set -euo pipefail
if [[ "${1:-}" == -chdir=* ]]; then cd "${1#-chdir=}"; shift; fi
echo "$*" >>"$FAKE_TF_LOG"
count_file="$FAKE_TF_LOG.plans"
case "$1" in
  init) echo "Terraform has been successfully initialized!"; exit "${FAKE_INIT_EXIT:-0}" ;;
  plan)
    n=$(($(cat "$count_file" 2>/dev/null || echo 0) + 1))
    echo "$n" >"$count_file"
    read -r -a exits <<<"${FAKE_PLAN_EXITS:-0}"
    code="${exits[$((n - 1))]:-${exits[-1]}}"
    for a in "$@"; do [[ "$a" == -out=* ]] && echo "plan-$n" >"${a#-out=}"; done
    case "$code" in
      0) echo "No changes. Your infrastructure matches the configuration." ;;
      2) echo "Plan: 1 to add, 0 to change, 0 to destroy." ;;
      *) echo "Error: Invalid provider configuration"; echo "  the okta provider needs credentials" ;;
    esac
    exit "$code"
    ;;
  show)
    file="${*: -1}"
    if [ "$2" = "-json" ]; then
      types="${FAKE_CHANGED_TYPES:-}"
      node -e 'const t = process.argv[1].split(" ").filter(Boolean);
        console.log(JSON.stringify({ resource_changes: [...t.map((type) => ({ type, change: { actions: ["update"] } })), { type: "okta_group", change: { actions: ["no-op"] } }] }));' "$types"
    else
      echo "text of $(cat "$file")"
    fi
    ;;
  apply) echo "applied $(cat "${*: -1}")" >>"$FAKE_TF_LOG"; exit "${FAKE_APPLY_EXIT:-0}" ;;
  *) echo "fake terraform: unexpected $*" >&2; exit 9 ;;
esac
