/**
 * The providers' defaults: what an attribute the synthesized JSON leaves unset holds once Terraform applies
 * the stack. This is the one table of them, each type's citing its source once (the okta provider at v4.20.0,
 * okta/<file>:<lines>, or the hashicorp/aws 5.100.0 documentation). The readers below apply them, and so do
 * the conformance read-back models (guardrails/conformance/read-back.ts, which fill the plan from this table);
 * nothing else restates a default (a test keeps it so).
 *
 * Read as written (undefined when unset) although they have a default, because no reader interprets them and
 * applying them would change what the review and the report say: okta_app_signon_policy_rule
 * re_authentication_frequency and inactivity_period, okta_auth_server_policy_rule refresh_token_window_minutes
 * (domain/okta/token-lifetimes.ts applies that one to the lifetime rules).
 */
import { PROVIDER_DEFAULT_WINDOW_MINUTES } from '../domain/okta/token-lifetimes';
import { SIGN_ON_CONDITION_DEFAULT } from '../domain/okta/sign-on-rule-conditions';
import { isObject, num, str, type Json } from './json';
import type { TfResource } from './model';

/** One resource type's defaults: every Optional attribute with a Default that the project may leave unset. */
export interface TypeDefaults {
  readonly defaults: Readonly<Record<string, Json>>;
  /** Where the provider states them. */
  readonly source: string;
}

const OKTA = 'okta provider v4.20.0 okta/';
/** The status default most okta_* types share (statusSchema and its copies). */
const STATUS = { status: 'ACTIVE' } as const;

/** Provider defaults by resource type. */
export const PROVIDER_DEFAULTS: Readonly<Record<string, TypeDefaults>> = {
  okta_app: { defaults: { active_only: true }, source: `${OKTA}data_source_okta_app.go:41-46` },
  okta_app_oauth: {
    defaults: {
      token_endpoint_auth_method: 'client_secret_basic',
      consent_method: 'TRUSTED',
      issuer_mode: 'ORG_URL',
      refresh_token_rotation: 'STATIC',
      refresh_token_leeway: 0,
      hide_ios: true,
      hide_web: true,
      omit_secret: false,
      login_mode: 'DISABLED',
      wildcard_redirect: 'DISABLED',
    },
    source: `${OKTA}resource_okta_app_oauth.go:165-330`,
  },
  okta_app_signon_policy: {
    defaults: { catch_all: true, priority: 1 },
    source: `${OKTA}resource_okta_app_signon_policy.go:78-96`,
  },
  okta_app_signon_policy_rule: {
    defaults: {
      ...STATUS,
      network_connection: 'ANYWHERE',
      access: 'ALLOW',
      factor_mode: '2FA',
      type: 'ASSURANCE',
      re_authentication_frequency: 'PT2H',
      inactivity_period: 'PT1H',
    },
    source: `${OKTA}resource_okta_app_signon_policy_rule.go:44-49, 83-87, 155-184`,
  },
  okta_auth_server: {
    defaults: { credentials_rotation_mode: 'AUTO', issuer_mode: 'ORG_URL', ...STATUS },
    source: `${OKTA}resource_okta_auth_server.go:28 (statusSchema, policy.go:78-83), 44-48, 65-69`,
  },
  okta_auth_server_claim: {
    defaults: { value_type: 'EXPRESSION', always_include_in_token: true, ...STATUS },
    source: `${OKTA}resource_okta_auth_server_claim.go:42-57`,
  },
  okta_auth_server_policy: { defaults: STATUS, source: `${OKTA}resource_okta_auth_server_policy.go:30 (statusSchema)` },
  okta_auth_server_policy_rule: {
    defaults: {
      type: 'RESOURCE_ACCESS',
      ...STATUS,
      access_token_lifetime_minutes: 60,
      refresh_token_window_minutes: PROVIDER_DEFAULT_WINDOW_MINUTES,
    },
    source: `${OKTA}resource_okta_auth_server_policy_rule.go:28-31, 54 (statusSchema), 74-78, 85-89`,
  },
  okta_auth_server_scope: {
    defaults: { consent: 'IMPLICIT', metadata_publish: 'ALL_CLIENTS', default: false },
    source: `${OKTA}resource_okta_auth_server_scope.go:40-56`,
  },
  okta_authenticator: { defaults: STATUS, source: `${OKTA}resource_okta_authenticator.go:84-88` },
  okta_behavior: { defaults: STATUS, source: `${OKTA}resource_okta_behavior.go:42-47` },
  okta_group: { defaults: { skip_users: false }, source: `${OKTA}resource_okta_group.go:53-58` },
  okta_group_role: { defaults: { disable_notifications: false }, source: `${OKTA}resource_okta_group_role.go:93-98` },
  okta_network_zone: { defaults: { usage: 'POLICY' }, source: `${OKTA}resource_okta_network_zone.go:73-78` },
  okta_policy_mfa: { defaults: { ...STATUS, is_oie: false }, source: `${OKTA}policy.go:34-38, 85-90` },
  okta_policy_mfa_default: {
    defaults: { is_oie: false },
    source: `${OKTA}policy.go:85-90, resource_okta_policy_mfa_default.go:35-60`,
  },
  // The resource PUTs the whole policy (buildDefaultPasswordPolicy, :272-351): every setting left unset goes
  // out as this default, over the org's own. password_exclude_first_name and _last_name have no Default
  // (:70-79): unset sends no excluded attribute (false); password_lockout_notification_channels none ([]).
  okta_policy_password_default: {
    defaults: {
      password_min_length: 8,
      password_min_lowercase: 1,
      password_min_uppercase: 1,
      password_min_number: 1,
      password_min_symbol: 0,
      password_exclude_username: true,
      password_dictionary_lookup: false,
      password_max_age_days: 0,
      password_expire_warn_days: 0,
      password_min_age_minutes: 0,
      password_history_count: 4,
      password_max_lockout_attempts: 10,
      password_auto_unlock_minutes: 0,
      password_show_lockout_failures: false,
      question_min_length: 4,
      email_recovery: 'ACTIVE',
      sms_recovery: 'INACTIVE',
      question_recovery: 'ACTIVE',
      call_recovery: 'INACTIVE',
      recovery_email_token: 60,
      skip_unlock: false,
    },
    source: `${OKTA}resource_okta_policy_password_default.go:34-176`,
  },
  okta_policy_rule_mfa: {
    defaults: { enroll: 'CHALLENGE', ...STATUS },
    source: `${OKTA}resource_okta_policy_rule_mfa.go:20-25, policy_rule.go:46-50`,
  },
  okta_policy_rule_signon: {
    defaults: {
      ...STATUS,
      network_connection: 'ANYWHERE',
      access: 'ALLOW',
      authtype: 'ANY',
      risc_level: SIGN_ON_CONDITION_DEFAULT,
      risk_level: SIGN_ON_CONDITION_DEFAULT,
      identity_provider: SIGN_ON_CONDITION_DEFAULT,
      mfa_required: false,
      session_idle: 120,
      session_lifetime: 120,
    },
    source: `${OKTA}policy_rule.go:46-56, resource_okta_policy_rule_sign_on.go:22-86, 141-146`,
  },
  okta_policy_signon: { defaults: STATUS, source: `${OKTA}policy.go:34-38` },
  okta_trusted_origin: { defaults: { active: true }, source: `${OKTA}resource_okta_trusted_origin.go:22-26` },
  aws_apigatewayv2_route: {
    defaults: { authorization_type: 'NONE' },
    source: 'hashicorp/aws 5.100.0 docs, resource aws_apigatewayv2_route, authorization_type ("Defaults to NONE")',
  },
};

/**
 * What the Okta API (not the provider's schema) gives an attribute the provider leaves unset: not part of a
 * plan, but what the org holds. The readers apply them after the provider defaults.
 */
export const API_DEFAULTS: Readonly<Record<string, TypeDefaults>> = {
  okta_network_zone: {
    defaults: STATUS,
    source:
      `${OKTA}resource_okta_network_zone.go:67-71 (no default), :187-189 (sent only when set): ` +
      'Okta creates the zone ACTIVE',
  },
  okta_app_signon_policy_rule: {
    defaults: { risk_score: 'ANY' },
    source:
      `${OKTA}resource_okta_app_signon_policy_rule.go:196-201 (Optional, Computed): ` +
      'unset sends no risk condition, which matches every level',
  },
};

/** Defaults of a nested block's attributes: platform_include's type and os_type. */
export const BLOCK_DEFAULTS = {
  platform_include: {
    defaults: { type: 'ANY', os_type: 'ANY' },
    source: `${OKTA}resource_okta_policy_rule_idp_discovery.go:287-297 (platformIncludeResource)`,
  },
} as const satisfies Record<string, TypeDefaults>;

/** The default of a type's attribute: the provider's, else the API's. */
const defaultOf = (type: string, attribute: string): Json | undefined =>
  PROVIDER_DEFAULTS[type]?.defaults[attribute] ?? API_DEFAULTS[type]?.defaults[attribute];

/** A string attribute as applied: as written, else its default. */
const text = (r: TfResource, attribute: string): string | undefined =>
  str(r.attrs[attribute]) ?? str(defaultOf(r.type, attribute));

/** A number attribute as applied: as written, else its default. */
const minutes = (r: TfResource, attribute: string): number | undefined =>
  num(r.attrs[attribute]) ?? num(defaultOf(r.type, attribute));

/**
 * A resource's attributes as Terraform applies them: as written, else the provider's default (meta-arguments
 * and cdktf's `//` left out). What okta_policy_password_default PUTs, for one.
 */
export function appliedAttributes(r: TfResource): Readonly<Record<string, Json>> {
  const written = Object.entries(r.attrs).filter(([k]) => !META_ARGUMENTS.has(k));
  return { ...(PROVIDER_DEFAULTS[r.type]?.defaults ?? {}), ...Object.fromEntries(written) };
}
const META_ARGUMENTS = new Set(['depends_on', 'lifecycle', 'provider', 'count', 'for_each', 'provisioner']);

/** ACTIVE or INACTIVE ('' for a type that has no status). */
export const statusOf = (r: TfResource): string => text(r, 'status') ?? '';
/** Anything but INACTIVE is in force. */
export const isActive = (r: TfResource): boolean => statusOf(r) !== 'INACTIVE';

/** A rule's access: ALLOW, DENY (or CHALLENGE for global session rules). */
export const accessOf = (rule: TfResource): string => text(rule, 'access') ?? '';
/** Allowed access (an ALLOW rule). */
export const allows = (rule: TfResource): boolean => accessOf(rule).toUpperCase() === 'ALLOW';

/** ANYWHERE, ZONE, ON_NETWORK or OFF_NETWORK. */
export const networkConnectionOf = (rule: TfResource): string => text(rule, 'network_connection') ?? '';

/** An app sign-on rule's factor mode: 1FA or 2FA. */
export const factorModeOf = (rule: TfResource): string => text(rule, 'factor_mode') ?? '';

/** An app sign-on rule's platform conditions: type (DESKTOP, MOBILE, ANY) and os_type (IOS, ..., ANY). */
export function platformsOf(rule: TfResource): { readonly type: string; readonly osType: string }[] {
  const list = Array.isArray(rule.attrs.platform_include) ? rule.attrs.platform_include.filter(isObject) : [];
  const d = BLOCK_DEFAULTS.platform_include.defaults;
  return list.map((p) => ({ type: str(p.type) ?? d.type, osType: str(p.os_type) ?? d.os_type }));
}

/**
 * The risk level a rule matches (risk_level, risc_level, risk_score): ANY, LOW, MEDIUM or HIGH. An explicit ""
 * sends no condition either (domain/okta/sign-on-rule-conditions.ts), so it is ANY too.
 */
export const riskOf = (rule: TfResource, attribute: 'risk_level' | 'risc_level' | 'risk_score'): string =>
  str(rule.attrs[attribute]) || (str(defaultOf(rule.type, attribute)) ?? '');

/**
 * The managed-device condition an app sign-on rule sends: as written, else false wherever the rule says
 * device_is_registered (okta/resource_okta_app_signon_policy_rule.go:433-438 sends managed with registered, d.Get
 * giving false when unset: Okta then matches registered devices that are NOT managed); undefined (any device)
 * without registered, when no device condition is sent at all.
 */
export function deviceManagedOf(rule: TfResource): boolean | undefined {
  const managed = rule.attrs.device_is_managed;
  if (rule.attrs.device_is_registered !== true && rule.attrs.device_is_registered !== 'true') return undefined;
  return managed === true || managed === 'true';
}

/** Minutes a global session lasts (0 = no limit) and may stay idle. */
export const sessionLifetimeOf = (rule: TfResource): number | undefined => minutes(rule, 'session_lifetime');
export const sessionIdleOf = (rule: TfResource): number | undefined => minutes(rule, 'session_idle');

/** Minutes an access token from an access policy rule lives. */
export const accessTokenLifetimeOf = (rule: TfResource): number | undefined =>
  minutes(rule, 'access_token_lifetime_minutes');

/** A network zone's usage: POLICY, or BLOCKLIST (blocks org-wide before sign-in). */
export const zoneUsageOf = (zone: TfResource): string => text(zone, 'usage') ?? '';

/** A scope's consent: REQUIRED or IMPLICIT. */
export const consentOf = (scope: TfResource): string => text(scope, 'consent') ?? '';

/** An app's consent method: REQUIRED or TRUSTED. */
export const consentMethodOf = (app: TfResource): string => text(app, 'consent_method') ?? '';

/** An authorization server's issuer mode (ORG_URL, CUSTOM_URL or DYNAMIC) and key rotation (AUTO or MANUAL). */
export const issuerModeOf = (server: TfResource): string => text(server, 'issuer_mode') ?? '';
export const keyRotationOf = (server: TfResource): string => text(server, 'credentials_rotation_mode') ?? '';

/** An app's client authentication at the token endpoint (none, client_secret_basic, private_key_jwt, ...). */
export const tokenEndpointAuthMethodOf = (app: TfResource): string => text(app, 'token_endpoint_auth_method') ?? '';

/** An app's refresh token rotation: ROTATE or STATIC. */
export const refreshTokenRotationOf = (app: TfResource): string => text(app, 'refresh_token_rotation') ?? '';

/** Whether an app sign-on policy's catch-all rule allows (catch_all true) or denies (false). */
export const catchAllOf = (policy: TfResource): boolean => {
  const v = policy.attrs.catch_all ?? defaultOf(policy.type, 'catch_all');
  return v === true || v === 'true';
};

/** A route's authorization: NONE (public), JWT, AWS_IAM or CUSTOM. */
export const authorizationTypeOf = (route: TfResource): string => text(route, 'authorization_type') ?? '';

/**
 * Resources in Okta's evaluation order: by priority, then name. An unset priority comes last: Okta appends
 * the policy or rule (policy.go:27-30, policy_rule.go:39-43: "defaults to the last (lowest)").
 */
export function byPriority(rs: readonly TfResource[]): TfResource[] {
  const p = (r: TfResource) => num(r.attrs.priority) ?? Number.MAX_SAFE_INTEGER;
  return [...rs].sort((a, b) => p(a) - p(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
