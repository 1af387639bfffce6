/**
 * Config to the Okta identity constructs: the groups, each app integration and the authorization server.
 * Each function maps one construct's props; the stack passes the references (group ids, client ids,
 * sign-on policy ids) of constructs it has already composed.
 */
import type { AppConfig, EnvironmentConfig, ManagedIdentity } from '../../config/schema';
import { EVERYONE } from '../../config/schema';
import type { IGroupLookup, OktaGroupsProps } from '../../constructs/okta/groups';
import type { OktaAppIntegrationProps } from '../../constructs/okta/app-integration';
import type { OktaAuthorizationServerProps } from '../../constructs/okta/authorization-server';
import type { SignOnTier } from '../../domain/okta/sign-on-constraints';
import { releaseOf } from '../../release/semver';

/** The groups apps, rules and waves name by key; `everyone` is Okta's Everyone group. */
export function oktaGroupsProps(identity: ManagedIdentity): OktaGroupsProps {
  return { groups: identity.groups, everyoneKey: EVERYONE };
}

/** What an app integration refers to outside its own config. */
export interface AppIntegrationContext {
  readonly environment: EnvironmentConfig['environment'];
  readonly protect: boolean;
  readonly groups: IGroupLookup;
  /** The sign-on policy id of a tier, when the stack has an MFA rollout. */
  readonly policyIdFor?: (tier: SignOnTier) => string;
}

/** One OIDC app integration; loopback redirects only in dev. */
export function appIntegrationProps(app: AppConfig, context: AppIntegrationContext): OktaAppIntegrationProps {
  const { groups, policyIdFor } = context;
  return {
    label: app.label,
    kind: app.kind,
    grantTypes: app.grantTypes,
    redirectUris: app.redirectUris,
    postLogoutRedirectUris: app.postLogoutRedirectUris,
    trustedOrigins: app.trustedOrigins,
    groupIds: app.groups.map((g) => groups.idOf(g)),
    jwks: app.jwks,
    allowLoopbackRedirects: context.environment === 'dev',
    authenticationPolicyId: policyIdFor && app.signOnTier ? policyIdFor(app.signOnTier) : undefined,
    consentMethod: app.consentMethod,
    protect: context.protect,
  };
}

/** What the authorization server refers to outside the identity config. */
export interface AuthorizationServerContext {
  readonly protect: boolean;
  /** Release version; only its release part goes in the description. */
  readonly version: string;
  readonly groups: IGroupLookup;
  /** The client_id (reference) of an app by key. */
  readonly clientIdOf: (appKey: string) => string;
}

/** The custom authorization server: audience, scopes, claims and access policies with their rules. */
export function authorizationServerProps(
  identity: ManagedIdentity,
  context: AuthorizationServerContext,
): OktaAuthorizationServerProps {
  const server = identity.authorizationServer;
  return {
    name: server.name,
    // Only the release (1.4.0, not +3.g1a2b3c4): Okta changes once per release, not on every commit.
    description: `${server.description} (release ${releaseOf(context.version)})`,
    audience: server.audience,
    issuerMode: server.issuerMode,
    scopes: identity.scopes,
    claims: identity.claims,
    policies: identity.accessPolicies.map((p) => ({
      key: p.key,
      name: p.name,
      description: p.description,
      clientIds: p.clients.map((k) => context.clientIdOf(k)),
      rules: p.rules.map((r) => ({
        name: r.name,
        grantTypes: r.grantTypes,
        groupIds: r.groups.map((g) => context.groups.idOf(g)),
        scopes: r.scopes,
        accessTokenLifetimeMinutes: r.accessTokenLifetimeMinutes,
        refreshTokenLifetimeMinutes: r.refreshTokenLifetimeMinutes,
        refreshTokenWindowMinutes: r.refreshTokenWindowMinutes,
      })),
    })),
    protect: context.protect,
  };
}
