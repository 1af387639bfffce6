/**
 * What an Okta object id looks like, and which ids a Terraform `import` block may name for the resource types
 * this project adopts from an existing org (npm run preflight -- --write-imports, config/imports/<env>.json).
 * Okta's ids are 20 letters and digits (`00g1emaKYZTWRYYRRTSK`, `aus1abcd...`, `nzo...`); the org's built-in
 * authorization server is `default`.
 */

/** One Okta object id. */
export const OKTA_ID = /^[A-Za-z0-9]{20}$/;

/** How each adoptable type's import id is written (okta provider v4.20.0, each resource's Importer). */
export const IMPORT_ID_FORMATS: Readonly<Record<string, { readonly pattern: RegExp; readonly allowed: string }>> = {
  // resource_okta_group.go:24-37: `group_id` or `group_id/skip_users`; only the plain id is adopted here.
  okta_group: { pattern: OKTA_ID, allowed: 'the group id, 20 letters and digits (00g...)' },
  // app.go:165-179 (appImporter): `app_id` (optionally `/skip_users/skip_groups`, not used here).
  okta_app_oauth: { pattern: OKTA_ID, allowed: 'the app id (its client_id), 20 letters and digits (0oa...)' },
  // resource_okta_auth_server.go:17-19, resource_okta_network_zone.go:23-25, resource_okta_trusted_origin.go:17-19:
  // ImportStatePassthroughContext, the object id.
  okta_auth_server: {
    pattern: /^(?:[A-Za-z0-9]{20}|default)$/,
    allowed: 'the authorization server id, 20 letters and digits (aus...) or default',
  },
  okta_network_zone: { pattern: OKTA_ID, allowed: 'the network zone id, 20 letters and digits (nzo...)' },
  okta_trusted_origin: { pattern: OKTA_ID, allowed: 'the trusted origin id, 20 letters and digits (tos...)' },
};

/** Any other okta_* type: one or more Okta ids joined by `/` (a rule is `policy_id/rule_id`). */
const OKTA_COMPOSITE = /^(?:[A-Za-z0-9]{20}|default)(?:\/[A-Za-z0-9_]{1,64})*$/;

/** Printable, no whitespace, no Terraform interpolation (an import id may be an expression). */
const PLAIN_ID = /^[\x21-\x7e]{1,1024}$/;

/** Why `id` cannot be the import id of a resource of `type`, or undefined when it can. */
export function importIdProblem(type: string, id: string): string | undefined {
  const format = IMPORT_ID_FORMATS[type];
  if (format) return format.pattern.test(id) ? undefined : `not an import id of ${type}: allowed ${format.allowed}`;
  if (id.includes('${') || id.includes('%{'))
    return 'an import id is a literal: a Terraform interpolation (${...}, %{...}) is refused';
  if (type.startsWith('okta_'))
    return OKTA_COMPOSITE.test(id)
      ? undefined
      : `not an import id of ${type}: allowed Okta ids (20 letters and digits) joined by "/"`;
  return PLAIN_ID.test(id) ? undefined : 'not an import id: allowed 1 to 1,024 printable characters without spaces';
}
