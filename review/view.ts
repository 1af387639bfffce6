/**
 * The security view of one synthesized stack: apps, tiers, access rules, routes, CORS, throttling, logs
 * and the MFA rollout, each keyed by what a reviewer calls it (route key, app key, policy and rule name)
 * rather than by Terraform address. The review compares two views; the posture report renders one.
 * Everything is read from the synthesized JSON through the shared StackModel.
 */
import { attr, isObject, show, stringList, type Json, type StackModel, type TfResource } from '../synthesized/model';
import { constraintsOf, isoMinutes, num, str } from '../synthesized/facts';
import { classInForce, requiredPossession, type PossessionLevelKey } from '../domain/okta/sign-on-constraints';
import { Labels, logicalPath } from '../synthesized/labels';
import { accessRuleGrants, appKey, assignedGroupIds, zoneSettings } from '../synthesized/okta';
import { adminSurfacesView, type AdminSurfacesView } from './admin-surfaces';

export interface AppView {
  /** The app's key (its construct id, e.g. `portal`). */
  readonly key: string;
  readonly address: string;
  readonly label: string;
  /** Okta app type: browser, web, native, service. */
  readonly oktaType: string;
  readonly grantTypes: readonly string[];
  readonly redirectUris: readonly string[];
  readonly postLogoutRedirectUris: readonly string[];
  readonly tokenEndpointAuthMethod?: string;
  readonly pkceRequired?: boolean;
  readonly refreshTokenRotation?: string;
  readonly omitSecret?: boolean;
  readonly implicitAssignment?: boolean;
  /** Names of the groups assigned to the app. */
  readonly groups: readonly string[];
  /** Name of the app sign-on (authentication) policy, i.e. its sensitivity tier. */
  readonly tier?: string;
  /** Scopes the authorization server's access rules may grant this app. */
  readonly scopes: readonly string[];
  /** Trusted origins registered for the app. */
  readonly trustedOrigins: readonly string[];
  readonly protected: boolean;
}

export interface AccessRuleView {
  /** `policy name / rule name`. */
  readonly key: string;
  readonly policy: string;
  readonly rule: string;
  readonly address: string;
  readonly status: string;
  readonly grantTypes: readonly string[];
  readonly groups: readonly string[];
  readonly scopes: readonly string[];
  /** Labels of the apps the rule's policy applies to. */
  readonly clients: readonly string[];
  readonly accessTokenLifetimeMinutes?: number;
  readonly refreshTokenLifetimeMinutes?: number;
  readonly refreshTokenWindowMinutes?: number;
}

export interface RouteView {
  readonly routeKey: string;
  readonly address: string;
  readonly authorizationType: string;
  readonly public: boolean;
  readonly scopes: readonly string[];
  /** What the route calls: `lambda <function>` or `HTTP <method> <url>`. */
  readonly integration: string;
  readonly integrationKind: 'lambda' | 'http' | 'other';
  readonly throttling?: {
    readonly burstLimit?: number;
    readonly rateLimit?: number;
    readonly source: 'route' | 'stage default';
  };
}

export interface ApiView {
  readonly address: string;
  readonly name: string;
  readonly protocolType: string;
  readonly corsOrigins: readonly string[];
  readonly corsMethods: readonly string[];
  readonly corsCredentials: boolean;
  readonly issuer?: string;
  readonly audience?: string;
  readonly defaultThrottling?: { readonly burstLimit?: number; readonly rateLimit?: number };
  readonly protected: boolean;
}

export interface LogGroupView {
  readonly name: string;
  readonly address: string;
  readonly retentionDays?: number;
  readonly kmsKey?: string;
}

export type AuthenticatorStrength = 'phishing-resistant' | 'strong' | 'weak';

export interface AuthenticatorView {
  readonly key: string;
  readonly name: string;
  readonly status: string;
  readonly strength: AuthenticatorStrength;
}

export interface EnrollmentPolicyView {
  readonly name: string;
  readonly status: string;
  readonly groups: readonly string[];
  /** Authenticator keys whose enrollment is REQUIRED. */
  readonly required: readonly string[];
  readonly optional: readonly string[];
}

export interface SessionRuleView {
  /** `policy name / rule name`. */
  readonly key: string;
  readonly policy: string;
  readonly rule: string;
  readonly status: string;
  readonly groups: readonly string[];
  readonly access: string;
  readonly mfaRequired: boolean;
  readonly mfaPrompt?: string;
  readonly mfaLifetimeMinutes?: number;
  readonly sessionLifetimeMinutes?: number;
  readonly sessionIdleMinutes?: number;
  readonly sessionPersistent: boolean;
  readonly network: string;
}

export interface TierRuleView {
  readonly name: string;
  readonly status: string;
  readonly access: string;
  readonly groups: readonly string[];
  readonly factorMode: string;
  /** The parsed authenticator constraints (alternatives). */
  readonly constraints: readonly { readonly [key: string]: Json }[];
  readonly reauthenticateMinutes?: number;
  readonly inactivityMinutes?: number;
  readonly network: string;
  /** Assurance score of the rule (higher is stronger; DENY rules are not a path in). */
  readonly assurance: number;
  /** Plain words for what the rule requires. */
  readonly requires: string;
}

export interface TierView {
  /** The app sign-on policy name. */
  readonly name: string;
  readonly address: string;
  readonly rules: readonly TierRuleView[];
  /** Labels of the apps using this policy. */
  readonly apps: readonly string[];
  /** The weakest path in: minimum assurance of the active ALLOW rules. */
  readonly assurance: number;
}

/** How far the MFA rollout has got for a group. */
export type MfaPhase = 'enforced' | 'enrollment' | 'none';

export interface GroupCoverage {
  readonly group: string;
  readonly phase: MfaPhase;
  /** The policies and rules that put the group in that phase. */
  readonly via: readonly string[];
}

export interface MfaView {
  readonly authenticators: readonly AuthenticatorView[];
  readonly enrollment: readonly EnrollmentPolicyView[];
  readonly sessionRules: readonly SessionRuleView[];
  readonly tiers: readonly TierView[];
  readonly coverage: readonly GroupCoverage[];
  readonly networkZones: readonly {
    readonly name: string;
    readonly type: string;
    readonly usage: string;
    readonly status: string;
  }[];
}

export interface StackView {
  readonly stack: string;
  readonly environment: string;
  readonly authServer?: {
    readonly name: string;
    readonly audience: string;
    readonly issuerMode: string;
    readonly address: string;
  };
  /** Custom scopes, with the sign-in assurance a token carrying them must come from (when declared). */
  readonly scopes: readonly { readonly name: string; readonly consent: string; readonly requiredAssurance?: string }[];
  readonly apps: readonly AppView[];
  readonly accessRules: readonly AccessRuleView[];
  readonly api?: ApiView;
  readonly routes: readonly RouteView[];
  readonly logGroups: readonly LogGroupView[];
  readonly mfa: MfaView;
  /** Okta's own admin surfaces and the break-glass group (review/admin-surfaces.ts). */
  readonly adminSurfaces: AdminSurfacesView;
}

/** Builds the security view of a stack. */
export function viewOf(model: StackModel): StackView {
  const ctx = new Labels(model);
  const tiers = tiersOf(model, ctx);
  const apps = appsOf(model, ctx);
  const accessRules = accessRulesOf(model, ctx);
  const api = model.resources('aws_apigatewayv2_api')[0];
  const authServer = model.resources('okta_auth_server')[0];
  return {
    stack: model.stackName,
    environment: model.environment ?? model.stackName,
    authServer: authServer && {
      name: str(authServer.attrs.name) ?? '',
      audience: stringList(authServer.attrs.audiences).join(', '),
      issuerMode: str(authServer.attrs.issuer_mode) ?? 'ORG_URL',
      address: authServer.address,
    },
    scopes: model.resources('okta_auth_server_scope').map((s) => {
      const name = str(s.attrs.name) ?? s.name;
      return {
        name,
        consent: str(s.attrs.consent) ?? 'IMPLICIT',
        requiredAssurance: model.declarations.scopeAssurance[name],
      };
    }),
    apps: apps.map((a) => ({
      ...a,
      scopes: unique(
        accessRules.filter((r) => r.status !== 'INACTIVE' && r.clients.includes(a.label)).flatMap((r) => r.scopes),
      ),
    })),
    accessRules,
    api: api && apiOf(model, api, ctx),
    routes: routesOf(model, ctx),
    logGroups: model.resources('aws_cloudwatch_log_group').map((g) => ({
      name: str(g.attrs.name) ?? g.name,
      address: g.address,
      retentionDays: num(g.attrs.retention_in_days),
      kmsKey: str(g.attrs.kms_key_id),
    })),
    mfa: {
      authenticators: model.resources('okta_authenticator').map((a) => {
        const key = str(a.attrs.key) ?? a.name;
        return {
          key,
          name: str(a.attrs.name) ?? key,
          status: str(a.attrs.status) ?? 'ACTIVE',
          strength: authenticatorStrength(key),
        };
      }),
      enrollment: enrollmentOf(model, ctx),
      sessionRules: sessionRulesOf(model, ctx),
      tiers,
      coverage: coverageOf(model, ctx),
      networkZones: model.resources('okta_network_zone').map((z) => {
        const { name, type, usage, status } = zoneSettings(z);
        return { name, type: type ?? '', usage, status };
      }),
    },
    adminSurfaces: adminSurfacesView(model),
  };
}

const PHISHING_RESISTANT = ['webauthn', 'fido_webauthn', 'smart_card_idp', 'yubikey_token'];
const WEAK = [
  'phone_number',
  'okta_sms',
  'okta_call',
  'security_question',
  'okta_question',
  'okta_email',
  'okta_password',
  'external_idp',
];

/** Phishing resistant = FIDO2/WebAuthn (and PIV); knowledge, email and phone are weak. */
export function authenticatorStrength(key: string): AuthenticatorStrength {
  if (PHISHING_RESISTANT.includes(key)) return 'phishing-resistant';
  return WEAK.includes(key) ? 'weak' : 'strong';
}

function appsOf(model: StackModel, labels: Labels): Omit<AppView, 'scopes'>[] {
  const origins = model.resources('okta_trusted_origin');
  return model.resources('okta_app_oauth').map((app) => {
    const a = app.attrs;
    const groups = assignedGroupIds(model, app).map((id) => labels.name(String(id ?? '')));
    const policy = model.resolve(a.authentication_policy);
    const key = appKey(app);
    return {
      key,
      address: app.address,
      label: str(a.label) ?? key,
      oktaType: str(a.type) ?? '',
      grantTypes: stringList(a.grant_types),
      redirectUris: stringList(a.redirect_uris),
      postLogoutRedirectUris: stringList(a.post_logout_redirect_uris),
      tokenEndpointAuthMethod: str(a.token_endpoint_auth_method),
      pkceRequired: bool(a.pkce_required),
      refreshTokenRotation: str(a.refresh_token_rotation),
      omitSecret: bool(a.omit_secret),
      implicitAssignment: bool(a.implicit_assignment),
      groups,
      tier: policy?.target
        ? labels.of(policy.target)
        : a.authentication_policy === undefined
          ? undefined
          : show(a.authentication_policy),
      trustedOrigins: origins
        .filter((o) => logicalPath(o).startsWith(`${logicalPath(app)}/`))
        .map((o) => str(o.attrs.origin) ?? o.name),
      protected: isProtected(app),
    };
  });
}

function accessRulesOf(model: StackModel, labels: Labels): AccessRuleView[] {
  return model.resources('okta_auth_server_policy_rule').map((r) => {
    const policy = model.resolve(r.attrs.policy_id)?.target;
    const policyName = policy ? labels.of(policy) : show(r.attrs.policy_id);
    const rule = str(r.attrs.name) ?? r.name;
    const { status, grantTypes, scopes } = accessRuleGrants(r);
    return {
      key: `${policyName} / ${rule}`,
      policy: policyName,
      rule,
      address: r.address,
      status,
      grantTypes,
      groups: labels.names(r.attrs.group_whitelist),
      scopes,
      clients: policy ? labels.names(policy.attrs.client_whitelist) : [],
      accessTokenLifetimeMinutes: num(r.attrs.access_token_lifetime_minutes),
      refreshTokenLifetimeMinutes: num(r.attrs.refresh_token_lifetime_minutes),
      refreshTokenWindowMinutes: num(r.attrs.refresh_token_window_minutes),
    };
  });
}

function apiOf(model: StackModel, api: TfResource, labels: Labels): ApiView {
  const authorizer = model.referrers('aws_apigatewayv2_authorizer', 'api_id', api)[0];
  const stage = model.referrers('aws_apigatewayv2_stage', 'api_id', api)[0];
  const cors = attr(api.attrs, 'cors_configuration');
  const jwt = authorizer ? attr(authorizer.attrs, 'jwt_configuration') : undefined;
  const describeRef = (v: Json | undefined): string | undefined => {
    if (v === undefined) return undefined;
    const hit = model.resolve(v);
    return hit?.target ? `${hit.ref.attribute} of ${hit.target.type} "${labels.of(hit.target)}"` : show(v);
  };
  return {
    address: api.address,
    name: str(api.attrs.name) ?? api.name,
    protocolType: str(api.attrs.protocol_type) ?? '',
    corsOrigins: isObject(cors) ? stringList(cors.allow_origins) : [],
    corsMethods: isObject(cors) ? stringList(cors.allow_methods) : [],
    corsCredentials: isObject(cors) ? cors.allow_credentials === true : false,
    issuer: describeRef(attr(jwt as never, 'issuer')),
    audience: describeRef(attr(jwt as never, 'audience')),
    defaultThrottling: stage
      ? {
          burstLimit: num(attr(stage.attrs, 'default_route_settings', 'throttling_burst_limit')),
          rateLimit: num(attr(stage.attrs, 'default_route_settings', 'throttling_rate_limit')),
        }
      : undefined,
    protected: isProtected(api),
  };
}

function routesOf(model: StackModel, labels: Labels): RouteView[] {
  return model.resources('aws_apigatewayv2_route').map((route) => {
    const a = route.attrs;
    const routeKey = str(a.route_key) ?? route.name;
    const authorizationType = str(a.authorization_type) ?? 'NONE';
    const integration = model.resolve(a.target)?.target;
    let described = show(a.target);
    let integrationKind: RouteView['integrationKind'] = 'other';
    if (integration) {
      const type = str(integration.attrs.integration_type);
      const fn = model.resolve(integration.attrs.integration_uri)?.target;
      if (type === 'AWS_PROXY' && fn) {
        described = `lambda ${labels.of(fn)}`;
        integrationKind = 'lambda';
      } else if (type === 'HTTP_PROXY') {
        described =
          `HTTP ${str(integration.attrs.integration_method) ?? 'ANY'} ` + `${show(integration.attrs.integration_uri)}`;
        integrationKind = 'http';
      } else {
        described = `${type ?? 'integration'} ${show(integration.attrs.integration_uri)}`;
      }
    }
    const api = model.resolve(a.api_id)?.target;
    const stage = api ? model.referrers('aws_apigatewayv2_stage', 'api_id', api)[0] : undefined;
    const override =
      stage && Array.isArray(stage.attrs.route_settings)
        ? stage.attrs.route_settings.find((s) => isObject(s) && s.route_key === routeKey)
        : undefined;
    const settings = isObject(override) ? override : stage ? attr(stage.attrs, 'default_route_settings') : undefined;
    return {
      routeKey,
      address: route.address,
      authorizationType,
      public: authorizationType === 'NONE',
      scopes: stringList(a.authorization_scopes),
      integration: described,
      integrationKind,
      throttling: isObject(settings)
        ? {
            burstLimit: num(settings.throttling_burst_limit),
            rateLimit: num(settings.throttling_rate_limit),
            source: isObject(override) ? 'route' : 'stage default',
          }
        : undefined,
    };
  });
}

function enrollmentOf(model: StackModel, labels: Labels): EnrollmentPolicyView[] {
  return model.resources('okta_policy_mfa').map((p) => {
    const required: string[] = [];
    const optional: string[] = [];
    for (const [k, v] of Object.entries(p.attrs)) {
      const enroll = isObject(v) ? v.enroll : Array.isArray(v) && isObject(v[0]) ? v[0].enroll : undefined;
      if (enroll === 'REQUIRED') required.push(k);
      else if (enroll === 'OPTIONAL') optional.push(k);
    }
    return {
      name: str(p.attrs.name) ?? p.name,
      status: str(p.attrs.status) ?? 'ACTIVE',
      groups: labels.names(p.attrs.groups_included),
      required: required.sort(),
      optional: optional.sort(),
    };
  });
}

function sessionRulesOf(model: StackModel, labels: Labels): SessionRuleView[] {
  return model.resources('okta_policy_rule_signon').map((r) => {
    const policy = model.resolve(r.attrs.policy_id)?.target;
    const policyName = policy ? labels.of(policy) : show(r.attrs.policy_id);
    const rule = str(r.attrs.name) ?? r.name;
    return {
      key: `${policyName} / ${rule}`,
      policy: policyName,
      rule,
      status: str(r.attrs.status) ?? 'ACTIVE',
      groups: policy ? labels.names(policy.attrs.groups_included) : [],
      access: str(r.attrs.access) ?? 'ALLOW',
      mfaRequired: r.attrs.mfa_required === true,
      mfaPrompt: str(r.attrs.mfa_prompt),
      mfaLifetimeMinutes: num(r.attrs.mfa_lifetime),
      sessionLifetimeMinutes: num(r.attrs.session_lifetime) ?? 120,
      sessionIdleMinutes: num(r.attrs.session_idle) ?? 120,
      sessionPersistent: r.attrs.session_persistent === true,
      network: networkOf(r.attrs, labels),
    };
  });
}

function tiersOf(model: StackModel, labels: Labels): TierView[] {
  const apps = model.resources('okta_app_oauth');
  return model.resources('okta_app_signon_policy').map((p) => {
    const rules = model
      .referrers('okta_app_signon_policy_rule', 'policy_id', p)
      .map((r) => tierRuleOf(r, labels))
      .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
    const allowing = rules.filter((r) => r.access !== 'DENY' && r.status !== 'INACTIVE');
    return {
      name: str(p.attrs.name) ?? p.name,
      address: p.address,
      rules,
      apps: apps
        .filter((a) => model.references(a.attrs.authentication_policy).some((x) => x.address === p.address))
        .map((a) => labels.of(a)),
      assurance: allowing.length > 0 ? Math.min(...allowing.map((r) => r.assurance)) : Number.POSITIVE_INFINITY,
    };
  });
}

function tierRuleOf(r: TfResource, labels: Labels): TierRuleView {
  const a = r.attrs;
  const constraints = constraintsOf(r)
    .map((c) => c.value)
    .filter((c): c is { [key: string]: Json } => c !== undefined);
  const required = constraints.map(requiredPossession);
  const factorMode = str(a.factor_mode) ?? '2FA';
  const access = str(a.access) ?? 'ALLOW';
  const entryScore = (c: { [key: string]: Json }, i: number): number => {
    const req = (k: PossessionLevelKey) => (required[i].has(k) ? 1 : 0);
    if (!classInForce(c, 'possession')) return 0;
    return (
      1 + 4 * req('phishingResistant') + 2 * req('hardwareProtection') + req('deviceBound') + req('userVerification')
    );
  };
  const possession = constraints.length > 0 ? Math.min(...constraints.map(entryScore)) : 0;
  const managed = a.device_is_managed === true;
  const registered = a.device_is_registered === true;
  const deviceAssurance = labels.names(a.device_assurances_included);
  const assurance =
    access === 'DENY'
      ? Number.POSITIVE_INFINITY
      : (factorMode === '2FA' ? 20 : 10) +
        possession +
        (managed ? 1 : 0) +
        (registered ? 1 : 0) +
        (deviceAssurance.length ? 1 : 0);
  const words: string[] = [factorMode === '2FA' ? 'two factors' : 'one factor'];
  const req = (k: PossessionLevelKey) => required.length > 0 && required.every((r) => r.has(k));
  if (req('phishingResistant')) words.push('phishing resistant');
  if (req('hardwareProtection')) words.push('hardware protected');
  if (req('deviceBound')) words.push('device bound');
  if (req('userVerification')) words.push('user verification');
  if (managed) words.push('managed device');
  else if (registered && !deviceAssurance.length) words.push('registered device'); // assurance implies it
  if (deviceAssurance.length) words.push(`device assurance (${deviceAssurance.join(' or ')})`);
  const reauth = isoMinutes(str(a.re_authentication_frequency));
  if (reauth !== undefined) words.push(reauth === 0 ? 'at every sign-in' : `re-authenticate every ${minutes(reauth)}`);
  return {
    name: str(a.name) ?? r.name,
    status: str(a.status) ?? 'ACTIVE',
    access,
    groups: labels.names(a.groups_included),
    factorMode,
    constraints,
    reauthenticateMinutes: reauth,
    inactivityMinutes: isoMinutes(str(a.inactivity_period)),
    network: networkOf(a, labels),
    assurance,
    requires: access === 'DENY' ? 'denied' : words.join(', '),
  };
}

/** Which phase of the MFA rollout each group is in: MFA enforced at sign-in, enrollment only, or none. */
function coverageOf(model: StackModel, labels: Labels): GroupCoverage[] {
  const phases = new Map<string, { phase: MfaPhase; via: string[] }>();
  const rank: Record<MfaPhase, number> = { none: 0, enrollment: 1, enforced: 2 };
  const mark = (group: string, phase: MfaPhase, via: string) => {
    const cur = phases.get(group) ?? { phase: 'none' as MfaPhase, via: [] };
    if (rank[phase] > rank[cur.phase]) phases.set(group, { phase, via: [via] });
    else if (rank[phase] === rank[cur.phase]) phases.set(group, { phase, via: [...cur.via, via] });
  };
  for (const g of model.resources('okta_group')) mark(labels.of(g), 'none', '');
  for (const p of enrollmentOf(model, labels)) {
    if (p.status === 'INACTIVE' || p.required.length === 0) continue;
    for (const g of p.groups) mark(g, 'enrollment', `enrollment policy "${p.name}"`);
  }
  for (const r of sessionRulesOf(model, labels)) {
    if (r.status === 'INACTIVE' || r.access === 'DENY' || !r.mfaRequired) continue;
    for (const g of r.groups) mark(g, 'enforced', `sign-on rule "${r.key}"`);
  }
  // Everyone's phase applies to the members of every group.
  const everyone = phases.get('Everyone');
  if (everyone && everyone.phase !== 'none') {
    for (const g of [...phases.keys()]) if (g !== 'Everyone') mark(g, everyone.phase, 'the Everyone group');
  }
  return [...phases.entries()]
    .map(([group, v]) => ({ group, phase: v.phase, via: v.via.filter((x) => x) }))
    .sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
}

function networkOf(a: { readonly [key: string]: Json }, labels: Labels): string {
  const mode = str(a.network_connection) ?? 'ANYWHERE';
  if (mode !== 'ZONE') return mode;
  const inc = labels.names(a.network_includes);
  const exc = labels.names(a.network_excludes);
  return (
    [inc.length ? `in ${inc.join(', ')}` : '', exc.length ? `not in ${exc.join(', ')}` : '']
      .filter((x) => x)
      .join('; ') || 'ZONE'
  );
}

export function isProtected(r: TfResource | undefined): boolean {
  return r !== undefined && attr(r.attrs, 'lifecycle', 'prevent_destroy') === true;
}

/** Minutes in words: `90 min`, `12 h`, `7 d`. */
export function minutes(n: number | undefined): string {
  if (n === undefined) return '(unset)';
  if (n >= 1440 && n % 1440 === 0) return `${n / 1440} d`;
  if (n >= 60 && n % 60 === 0) return `${n / 60} h`;
  return `${n} min`;
}

export { num, str };

function bool(v: Json | undefined): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

export function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}
