#!/usr/bin/env bash
# A stand-in for terraform in the CI-script tests. It logs every call to $FAKE_TF_LOG and answers from
# the environment: FAKE_PLAN_EXITS (exit codes of successive plans), FAKE_CHANGED_TYPES (resource types a
# saved plan changes), FAKE_INIT_EXIT, FAKE_APPLY_EXIT. A saved plan's file holds "plan-<n>" so applies can
# be traced. With FAKE_STATE_VERSION (the stack_version output in the state) it models Terraform 1.11 as
# the drift check meets it: a refresh-only plan re-evaluates the outputs from the configuration, so it
# changes stack_version when the cdk.tf.json in the working directory is another version's, and it lists
# FAKE_DRIFT ("address|attr,attr;address|attr", attributes as dotted paths) as changed outside Terraform;
# it exits 2 when either changes anything (0 otherwise), unless FAKE_PLAN_EXITS says 1. `state pull` prints
# FAKE_STATE_FILE.
set -euo pipefail
if [[ "${1:-}" == -chdir=* ]]; then cd "${1#-chdir=}"; shift; fi
echo "$*" >>"$FAKE_TF_LOG"
count_file="$FAKE_TF_LOG.plans"
config_version() {
  node -e 'try { const j = JSON.parse(require("fs").readFileSync("cdk.tf.json", "utf8"));
    process.stdout.write(String(j.output.stack_version.value)); } catch { process.stdout.write(""); }'
}
case "$1" in
  init) echo "Terraform has been successfully initialized!"; exit "${FAKE_INIT_EXIT:-0}" ;;
  plan)
    n=$(($(cat "$count_file" 2>/dev/null || echo 0) + 1))
    echo "$n" >"$count_file"
    read -r -a exits <<<"${FAKE_PLAN_EXITS:-0}"
    code="${exits[$((n - 1))]:-${exits[-1]}}"
    refresh_only=false
    for a in "$@"; do [ "$a" = "-refresh-only" ] && refresh_only=true; done
    if $refresh_only && [ -n "${FAKE_STATE_VERSION:-}" ] && [ "$code" != 1 ]; then
      code=0
      if [ -n "${FAKE_DRIFT:-}" ] || [ "$(config_version)" != "$FAKE_STATE_VERSION" ]; then code=2; fi
    fi
    kind=""
    $refresh_only && kind="refresh-only "
    for a in "$@"; do [[ "$a" == -out=* ]] && echo "${kind}plan-$n" >"${a#-out=}"; done
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
      FAKE_CONFIG_VERSION="$(config_version)" FAKE_REFRESH_ONLY="$(grep -c '^refresh-only' "$file" || true)" node -e '
        const env = process.env;
        const state = env.FAKE_STATE_VERSION;
        const prior = state ? { prior_state: { values: { outputs: { stack_version: { value: state } } } } } : {};
        if (env.FAKE_REFRESH_ONLY === "1") {
          const nest = (path, v) => path.split(".").reverse().reduce((o, k) => ({ [k]: o }), v);
          const drift = (env.FAKE_DRIFT || "").split(";").filter(Boolean).map((entry) => {
            const [address, attrs] = entry.split("|");
            const paths = (attrs || "").split(",").filter(Boolean);
            const side = (v) => Object.assign({ id: "x" }, ...paths.map((p) => nest(p, v)));
            return { address, change: { actions: ["update"], before: side("old"), after: side("new") } };
          });
          const changed = state && env.FAKE_CONFIG_VERSION !== state;
          const outputs = changed ? { stack_version: { actions: ["update"], before: state, after: env.FAKE_CONFIG_VERSION } } : {};
          // As Terraform 1.11 writes it: prior_state holds the outputs re-evaluated from the configuration.
          const evaluated = { prior_state: { values: { outputs: { stack_version: { value: env.FAKE_CONFIG_VERSION } } } } };
          console.log(JSON.stringify({ ...evaluated, resource_drift: drift, output_changes: outputs }));
        } else {
          const t = (env.FAKE_CHANGED_TYPES || "").split(" ").filter(Boolean);
          const changes = t.map((type) => ({ type, address: type + ".r", change: { actions: ["update"] } }));
          const noop = { type: "okta_group", address: "okta_group.g", change: { actions: ["no-op"] } };
          console.log(JSON.stringify({ ...prior, resource_changes: [...changes, noop] }));
        }'
    else
      echo "text of $(cat "$file")"
    fi
    ;;
  apply) echo "applied $(cat "${*: -1}")" >>"$FAKE_TF_LOG"; exit "${FAKE_APPLY_EXIT:-0}" ;;
  # `state pull`: the file FAKE_STATE_FILE names (nothing: a state never written).
  state) [ "$2" = pull ] && { [ -z "${FAKE_STATE_FILE:-}" ] || cat "$FAKE_STATE_FILE"; } ;;
  *) echo "fake terraform: unexpected $*" >&2; exit 9 ;;
esac
