/**
 * The providers' defaults: what an attribute the synthesized JSON leaves unset means once Terraform applies
 * the stack. They are applied here and nowhere else (a test keeps it so); everything that interprets an
 * attribute with a default (the read model, the guardrails, the simulator, the review) reads it through
 * these functions. Each default cites its source once: the okta provider at v4.20.0 (okta/<file>:<lines>)
 * or the hashicorp/aws 5.100.0 documentation.
 *
 * Read as written (undefined when unset), because no reader interprets their defaults today and applying
 * them would change what the review and the report say: okta_app_signon_policy_rule re_authentication_frequency
 * (PT2H) and inactivity_period (PT1H) (resource_okta_app_signon_policy_rule.go:173-184),
 * okta_auth_server_policy_rule refresh_token_window_minutes (10080) (resource_okta_auth_server_policy_rule.go:85-89).
 */
import { isObject, num, str, type Json } from './json';
import type { TfResource } from './model';

/** One provider default: the attribute, its value, the resource types it applies to and where it is stated. */
export interface ProviderDefault {
  readonly attribute: string;
  readonly value: string | number;
  readonly types: readonly string[];
  readonly source: string;
}

const OKTA = 'okta provider v4.20.0 okta/';

/** Every default the readers below apply, by attribute. */
export const PROVIDER_DEFAULTS = {
  status: {
    attribute: 'status',
    value: 'ACTIVE',
    types: [
      'okta_policy_signon',
      'okta_policy_mfa',
      'okta_policy_rule_signon',
      'okta_policy_rule_mfa',
      'okta_app_signon_policy_rule',
      'okta_auth_server',
      'okta_auth_server_policy',
      'okta_auth_server_policy_rule',
      'okta_authenticator',
      'okta_network_zone',
    ],
    source:
      `${OKTA}policy.go:34-38 (policies), policy_rule.go:46-50 (their rules), ` +
      'resource_okta_app_signon_policy_rule.go:44-49, policy.go:78-83 (statusSchema of the authorization server, ' +
      'its policies and rules), resource_okta_authenticator.go:84-88; resource_okta_network_zone.go:67-71 has no ' +
      'default and sends status only when set (:187-189): Okta creates the zone ACTIVE',
  },
  access: {
    attribute: 'access',
    value: 'ALLOW',
    types: ['okta_policy_rule_signon', 'okta_app_signon_policy_rule'],
    source: `${OKTA}resource_okta_policy_rule_sign_on.go:28-32, resource_okta_app_signon_policy_rule.go:155-159`,
  },
  network_connection: {
    attribute: 'network_connection',
    value: 'ANYWHERE',
    types: ['okta_policy_rule_signon', 'okta_policy_rule_mfa', 'okta_app_signon_policy_rule'],
    source: `${OKTA}policy_rule.go:52-56, resource_okta_app_signon_policy_rule.go:83-87`,
  },
  factor_mode: {
    attribute: 'factor_mode',
    value: '2FA',
    types: ['okta_app_signon_policy_rule'],
    source: `${OKTA}resource_okta_app_signon_policy_rule.go:161-165`,
  },
  platform: {
    attribute: 'platform_include',
    value: 'ANY',
    types: ['okta_app_signon_policy_rule'],
    source: `${OKTA}resource_okta_policy_rule_idp_discovery.go:287-297 (platform_include type and os_type)`,
  },
  risk: {
    attribute: 'risk_level',
    value: 'ANY',
    types: ['okta_policy_rule_signon', 'okta_app_signon_policy_rule'],
    source:
      `${OKTA}resource_okta_policy_rule_sign_on.go:74-86 (risc_level, risk_level); risk_score has no default ` +
      '(resource_okta_app_signon_policy_rule.go:196-201): unset sends no risk condition, which is ANY',
  },
  session_lifetime: {
    attribute: 'session_lifetime',
    value: 120,
    types: ['okta_policy_rule_signon'],
    source: `${OKTA}resource_okta_policy_rule_sign_on.go:62-66 (minutes)`,
  },
  session_idle: {
    attribute: 'session_idle',
    value: 120,
    types: ['okta_policy_rule_signon'],
    source: `${OKTA}resource_okta_policy_rule_sign_on.go:56-60 (minutes)`,
  },
  access_token_lifetime_minutes: {
    attribute: 'access_token_lifetime_minutes',
    value: 60,
    types: ['okta_auth_server_policy_rule'],
    source: `${OKTA}resource_okta_auth_server_policy_rule.go:74-78`,
  },
  usage: {
    attribute: 'usage',
    value: 'POLICY',
    types: ['okta_network_zone'],
    source: `${OKTA}resource_okta_network_zone.go:73-77`,
  },
  consent: {
    attribute: 'consent',
    value: 'IMPLICIT',
    types: ['okta_auth_server_scope'],
    source: `${OKTA}resource_okta_auth_server_scope.go:40-44`,
  },
  issuer_mode: {
    attribute: 'issuer_mode',
    value: 'ORG_URL',
    types: ['okta_auth_server'],
    source: `${OKTA}resource_okta_auth_server.go:65-69`,
  },
  authorization_type: {
    attribute: 'authorization_type',
    value: 'NONE',
    types: ['aws_apigatewayv2_route'],
    source: 'hashicorp/aws 5.100.0 docs, resource aws_apigatewayv2_route, authorization_type: "Defaults to NONE"',
  },
} as const satisfies Record<string, ProviderDefault>;

const D = PROVIDER_DEFAULTS;

/** ACTIVE or INACTIVE (policies, rules, authorization servers, authenticators, network zones). */
export const statusOf = (r: TfResource): string => str(r.attrs.status) ?? D.status.value;
/** Anything but INACTIVE is in force. */
export const isActive = (r: TfResource): boolean => statusOf(r) !== 'INACTIVE';

/** ALLOW, DENY (or CHALLENGE for sign-on rules). */
export const accessOf = (rule: TfResource): string => str(rule.attrs.access) ?? D.access.value;
/** Allowed access (an ALLOW rule). */
export const allows = (rule: TfResource): boolean => accessOf(rule).toUpperCase() === 'ALLOW';

/** ANYWHERE, ZONE, ON_NETWORK or OFF_NETWORK. */
export const networkConnectionOf = (rule: TfResource): string =>
  str(rule.attrs.network_connection) ?? D.network_connection.value;

/** 1FA or 2FA. */
export const factorModeOf = (rule: TfResource): string => str(rule.attrs.factor_mode) ?? D.factor_mode.value;

/** An app sign-on rule's platform conditions: type (DESKTOP, MOBILE, ANY) and os_type (IOS, ..., ANY). */
export function platformsOf(rule: TfResource): { readonly type: string; readonly osType: string }[] {
  const list = Array.isArray(rule.attrs.platform_include) ? rule.attrs.platform_include.filter(isObject) : [];
  return list.map((p) => ({ type: str(p.type) ?? D.platform.value, osType: str(p.os_type) ?? D.platform.value }));
}

/** A risk condition's level (risk_level, risc_level or risk_score): ANY, LOW, MEDIUM or HIGH; unset or "" is ANY. */
export const riskOf = (value: Json | undefined): string => str(value) || D.risk.value;

/** Minutes a global session lasts (0 = no limit) and may stay idle. */
export const sessionLifetimeOf = (rule: TfResource): number =>
  num(rule.attrs.session_lifetime) ?? D.session_lifetime.value;
export const sessionIdleOf = (rule: TfResource): number => num(rule.attrs.session_idle) ?? D.session_idle.value;

/** Minutes an access token from an access policy rule lives. */
export const accessTokenLifetimeOf = (rule: TfResource): number =>
  num(rule.attrs.access_token_lifetime_minutes) ?? D.access_token_lifetime_minutes.value;

/** POLICY or BLOCKLIST (blocks org-wide before sign-in). */
export const zoneUsageOf = (zone: TfResource): string => str(zone.attrs.usage) ?? D.usage.value;

/** REQUIRED or IMPLICIT. */
export const consentOf = (scope: TfResource): string => str(scope.attrs.consent) ?? D.consent.value;

/** ORG_URL, CUSTOM_URL or DYNAMIC. */
export const issuerModeOf = (server: TfResource): string => str(server.attrs.issuer_mode) ?? D.issuer_mode.value;

/** NONE (public), JWT, AWS_IAM or CUSTOM. */
export const authorizationTypeOf = (route: TfResource): string =>
  str(route.attrs.authorization_type) ?? D.authorization_type.value;

/**
 * Resources in Okta's evaluation order: by priority, then name. An unset priority comes last: Okta appends
 * the policy or rule (policy.go:27-30, policy_rule.go:39-43: "defaults to the last (lowest)").
 */
export function byPriority(rs: readonly TfResource[]): TfResource[] {
  const p = (r: TfResource) => num(r.attrs.priority) ?? Number.MAX_SAFE_INTEGER;
  return [...rs].sort((a, b) => p(a) - p(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
