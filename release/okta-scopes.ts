/**
 * The Okta management-API OAuth scopes a synthesized stack requests, as the stack records them under its
 * top-level `//` comment block (Terraform ignores it): `write` for the apply job, `read` for plan and
 * drift. They are not in the okta provider block on purpose: okta provider v4.20.0 reads OKTA_API_SCOPES
 * only when the block sets no `scopes` (okta/config.go:145-150 for the SDK half, okta/config.go:316-326
 * through framework_provider.go:209 for the framework half), so each job chooses its scopes through the
 * environment while the plan the apply job applies stays the same (a saved plan stores variables, never
 * the environment). tools/ci/okta-scopes.sh exports them; docs/deploy-pipeline.md lists them (generated).
 */

/** The key under `//` the scopes live at. */
export const OKTA_API_SCOPES_KEY = 'oktaApiScopes';

/** What a job does with Okta: plan and drift read, only apply writes. */
export type OktaAccess = 'read' | 'write';

export interface OktaApiScopeSets {
  /** Requested by plan and drift jobs: the `okta.*.read` scope of every write scope. */
  readonly read: readonly string[];
  /** Requested by the apply job: what the stack's okta resource types need (a `.manage` scope covers read). */
  readonly write: readonly string[];
}

/** The read-only counterpart of a set of scopes: each `okta.<x>.manage` becomes `okta.<x>.read`; sorted. */
export function readOnlyScopes(scopes: Iterable<string>): string[] {
  return [...new Set([...scopes].map((s) => s.replace(/\.manage$/, '.read')))].sort();
}

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/**
 * The scopes a synthesized stack (its cdk.tf.json as an object) records; undefined for a stack without
 * an okta provider (gateway-only). Throws, naming the stack, when the record is malformed.
 */
export function readOktaApiScopes(stack: string, json: Record<string, any>): OktaApiScopeSets | undefined {
  const recorded = json['//']?.[OKTA_API_SCOPES_KEY];
  if (recorded === undefined) {
    if (json.provider?.okta)
      throw new Error(`${stack} has an okta provider but no // ${OKTA_API_SCOPES_KEY}: synthesize it again`);
    return undefined;
  }
  if (!isStringList(recorded?.read) || !isStringList(recorded?.write))
    throw new Error(`${stack}: // ${OKTA_API_SCOPES_KEY} must hold read and write lists of scope names`);
  return { read: recorded.read, write: recorded.write };
}
