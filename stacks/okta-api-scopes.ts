/**
 * The Okta management-API OAuth scopes this stack's okta resource types need, so the deploy's service
 * app (OAuth 2.0 private-key flow) is granted exactly these and the apply job requests only these; the
 * plan and drift jobs' read-only app gets the `okta.*.read` counterpart of each. Scope names are Okta's
 * ("OAuth 2.0 scopes for the Okta Management API"); a `.manage` scope includes read. A resource type
 * missing here fails synthesis, so a new resource cannot ship without its scope.
 */
import type { TerraformStack } from 'cdktf';
import { OKTA_API_SCOPES_KEY, readOnlyScopes, type OktaApiScopeSets } from '../release/okta-scopes';

export const OKTA_API_SCOPES_BY_TYPE: Readonly<Record<string, readonly string[]>> = {
  // Data source: looks an app (Okta's Admin Console, Dashboard) up by label (okta/data_source_okta_app.go:81-127).
  okta_app: ['okta.apps.read'],
  okta_app_oauth: ['okta.apps.manage'],
  okta_app_group_assignments: ['okta.apps.manage'],
  // Also the data source of that name: it reads the app, then its policy (data_source_okta_app_signon_policy.go:37-46).
  okta_app_signon_policy: ['okta.policies.manage', 'okta.apps.read'],
  okta_app_signon_policy_rule: ['okta.policies.manage'],
  okta_auth_server: ['okta.authorizationServers.manage'],
  okta_auth_server_claim: ['okta.authorizationServers.manage'],
  okta_auth_server_policy: ['okta.authorizationServers.manage'],
  okta_auth_server_policy_rule: ['okta.authorizationServers.manage'],
  okta_auth_server_scope: ['okta.authorizationServers.manage'],
  okta_authenticator: ['okta.authenticators.manage'],
  // Behaviour detection, defined (resource) or looked up by name (data source, same type name).
  okta_behavior: ['okta.behaviors.manage'],
  // Data source: every behaviour matching a name, to prove a lookup's exact name (data_source_okta_behaviors.go:61-88).
  okta_behaviors: ['okta.behaviors.read'],
  okta_everyone_group: ['okta.groups.read'],
  okta_group: ['okta.groups.manage'],
  // Assigns an admin role to a group (POST /api/v1/groups/{id}/roles) and reads it back
  // (okta/resource_okta_group_role.go:113-198). Okta lets only a super administrator assign admin roles.
  okta_group_role: ['okta.roles.manage'],
  okta_log_stream: ['okta.logStreams.manage'],
  okta_network_zone: ['okta.networkZones.manage'],
  // Data source: the org's well-known metadata (GET /.well-known/okta-organization, public: no scope;
  // okta/data_source_okta_org_metadata.go:112).
  okta_org_metadata: [],
  okta_policy_device_assurance_android: ['okta.deviceAssurance.manage'],
  okta_policy_device_assurance_chromeos: ['okta.deviceAssurance.manage'],
  okta_policy_device_assurance_ios: ['okta.deviceAssurance.manage'],
  okta_policy_device_assurance_macos: ['okta.deviceAssurance.manage'],
  okta_policy_device_assurance_windows: ['okta.deviceAssurance.manage'],
  okta_policy_mfa: ['okta.policies.manage'],
  // The default policies look up the Everyone group on create (okta provider okta/policy.go, setDefaultPolicy).
  okta_policy_mfa_default: ['okta.policies.manage', 'okta.groups.read'],
  okta_policy_password_default: ['okta.policies.manage', 'okta.groups.read'],
  okta_policy_rule_mfa: ['okta.policies.manage'],
  okta_policy_signon: ['okta.policies.manage'],
  okta_policy_rule_signon: ['okta.policies.manage'],
  okta_threat_insight_settings: ['okta.threatInsights.manage'],
  okta_trusted_origin: ['okta.trustedOrigins.manage'],
};

/** The sorted scopes for a set of okta resource and data-source types; throws on a type without an entry. */
export function oktaApiScopes(types: Iterable<string>): string[] {
  const scopes = new Set<string>();
  for (const type of new Set(types)) {
    const needed = OKTA_API_SCOPES_BY_TYPE[type];
    if (!needed) {
      throw new Error(
        `no Okta API scope is known for ${type}: add it to OKTA_API_SCOPES_BY_TYPE in stacks/okta-api-scopes.ts`,
      );
    }
    needed.forEach((s) => scopes.add(s));
  }
  // A manage scope includes read: drop the read scope when both are present.
  return [...scopes].filter((s) => !(s.endsWith('.read') && scopes.has(s.replace(/\.read$/, '.manage')))).sort();
}

/** The scopes for a set of okta resource and data-source types: apply writes, plan and drift read. */
export function oktaApiScopeSets(types: Iterable<string>): OktaApiScopeSets {
  const write = oktaApiScopes(types);
  return { read: readOnlyScopes(write), write };
}

/**
 * Records the scopes the stack's okta resource types need under `//` (release/okta-scopes.ts says why they
 * are not in the provider block): each job exports the set it needs as OKTA_API_SCOPES.
 */
export function recordOktaApiScopes(stack: TerraformStack, types: Iterable<string>): void {
  stack.addOverride(`//.${OKTA_API_SCOPES_KEY}`, oktaApiScopeSets(types));
}
