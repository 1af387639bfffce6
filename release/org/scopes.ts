/**
 * The Okta Management API scopes the tools that read a live org ask for (the preflight and the parity
 * runner), and which scope each endpoint they call needs (Okta's API reference, "OAuth 2.0 scopes" of each
 * operation). Only `okta.*.read` scopes: they never write. The deploy app asks for these too when the apply
 * job runs the preflight, so it is granted them beside its write scopes (docs/deploy-pipeline.md).
 */

/** Endpoint prefix -> the read scope it needs, most specific first. */
export const SCOPE_BY_ENDPOINT: readonly (readonly [prefix: string, scope: string])[] = [
  ['/api/v1/policies', 'okta.policies.read'],
  ['/api/v1/authenticators', 'okta.authenticators.read'],
  ['/api/v1/apps', 'okta.apps.read'],
  ['/api/v1/iam/assignees', 'okta.roles.read'],
  ['/api/v1/users', 'okta.users.read'],
  ['/api/v1/behaviors', 'okta.behaviors.read'],
  ['/api/v1/groups', 'okta.groups.read'],
  ['/api/v1/authorizationServers', 'okta.authorizationServers.read'],
  ['/api/v1/zones', 'okta.networkZones.read'],
  ['/api/v1/trustedOrigins', 'okta.trustedOrigins.read'],
  ['/api/v1/device-assurances', 'okta.deviceAssurance.read'],
];

/** The scope an API path needs, if it is one the tools call. */
export function scopeFor(path: string): string | undefined {
  return SCOPE_BY_ENDPOINT.find(
    ([prefix]) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`),
  )?.[1];
}

/** What `npm run preflight` asks for. */
export const PREFLIGHT_SCOPES: readonly string[] = [
  'okta.apps.read',
  'okta.authenticators.read',
  'okta.authorizationServers.read',
  'okta.behaviors.read',
  'okta.groups.read',
  'okta.networkZones.read',
  'okta.policies.read',
  'okta.roles.read',
  'okta.trustedOrigins.read',
  'okta.users.read',
];

/** What `npm run simulate -- --parity` asks for (the policy simulation endpoint reads policies). */
export const PARITY_SCOPES: readonly string[] = [
  'okta.apps.read',
  'okta.deviceAssurance.read',
  'okta.groups.read',
  'okta.networkZones.read',
  'okta.policies.read',
];
