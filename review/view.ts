/**
 * The security view of one synthesized stack: apps, tiers, access rules, routes, CORS, throttling, logs
 * and the MFA rollout, each keyed by what a reviewer calls it (route key, app key, policy and rule name)
 * rather than by Terraform address. The review compares two views; the posture report renders one.
 * Everything is read from the synthesized JSON through the shared StackModel.
 */
import { attr, isObject, show, stringList, type Json, type StackModel, type TfResource } from '../synthesized/model';
import { num, str } from '../synthesized/facts';
import { catchAllOf } from '../synthesized/defaults';
import { classInForce, requiredPossession, type PossessionLevelKey } from '../domain/okta/sign-on-constraints';
import type { Labels } from '../synthesized/labels';
import {
  EVERYONE,
  ReadModel,
  isProtected,
  type AccessRule,
  type AppSignOnRule,
  type Authenticator,
  type AuthServer,
  type EnrollmentPolicy,
  type NetworkCondition,
  type OAuthApp,
  type Route,
  type Scope,
  type SessionRule,
  type Zone,
} from '../synthesized/read-model';
import { adminSurfacesView, type AdminSurfacesView } from './admin-surfaces';
import { lookupsView, type LookupsView } from './lookups';
import { authenticatorOf, type Strength } from '../domain/okta/authenticators';
import { ORDINARY } from '../simulator/context';
import { oktaSignIn, weakestSignIn, type SignInOutcome } from '../simulator/evaluate';

/** An app as the review shows it: the read model's app with its tier and the scopes it can obtain. */
export interface AppView extends OAuthApp {
  /** Name of the app sign-on (authentication) policy, i.e. its sensitivity tier. */
  readonly tier?: string;
  /** Scopes the authorization server's access rules may grant this app. */
  readonly scopes: readonly string[];
}

export interface AccessRuleView extends AccessRule {
  /** `policy name / rule name`. */
  readonly key: string;
  /** The policy's name. */
  readonly policy: string;
  /** The policy's priority among the server's access policies. */
  readonly policyPriority?: number;
  /** Labels of the apps the rule's policy applies to. */
  readonly clients: readonly string[];
}

export interface RouteView extends Route {
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

export type AuthenticatorStrength = Strength;

export interface AuthenticatorView extends Authenticator {
  readonly strength: AuthenticatorStrength;
}

export interface SessionRuleView extends SessionRule {
  /** `policy name / rule name`. */
  readonly key: string;
  /** The policy's name. */
  readonly policy: string;
  /** The policy's priority among the global session policies. */
  readonly policyPriority?: number;
  /** Names of the groups the rule's policy applies to. */
  readonly groups: readonly string[];
  /** The network condition in words. */
  readonly network: string;
}

export interface TierRuleView extends AppSignOnRule {
  /** The network condition in words. */
  readonly network: string;
  /** Assurance score of the rule (higher is stronger; DENY rules are not a path in). */
  readonly assurance: number;
  /** Plain words for what the rule requires. */
  readonly requires: string;
}

export interface TierView {
  /** The app sign-on policy name (a looked-up policy: named after its app). */
  readonly name: string;
  readonly address: string;
  /** The policy is the org's own, looked up (an admin surface): Okta's rules of it are not in the stack. */
  readonly lookedUp: boolean;
  /** Whether the catch-all rule Okta keeps last allows (catch_all) or denies. */
  readonly catchAll: boolean;
  /** In evaluation order (priority). */
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
  /** The weakest sign-in to Okta itself (global session policy) in an ordinary context (simulated), or `denied`. */
  readonly oktaSignIn: string;
  /** Each app the group is assigned to, with the weakest sign-in to it in an ordinary context (simulated). */
  readonly appSignIns: readonly { readonly app: string; readonly signIn: string }[];
}

export interface MfaView {
  readonly authenticators: readonly AuthenticatorView[];
  readonly enrollment: readonly EnrollmentPolicy[];
  readonly sessionRules: readonly SessionRuleView[];
  readonly tiers: readonly TierView[];
  readonly coverage: readonly GroupCoverage[];
  readonly networkZones: readonly Zone[];
}

export interface StackView {
  readonly stack: string;
  readonly environment: string;
  /** The (first) authorization server, its audiences in one line. */
  readonly authServer?: AuthServer & { readonly audience: string };
  /** Custom scopes, with the sign-in assurance a token carrying them must come from (when declared). */
  readonly scopes: readonly (Scope & { readonly requiredAssurance?: string })[];
  readonly apps: readonly AppView[];
  readonly accessRules: readonly AccessRuleView[];
  readonly api?: ApiView;
  readonly routes: readonly RouteView[];
  readonly logGroups: readonly LogGroupView[];
  readonly mfa: MfaView;
  /** Okta's own admin surfaces and the break-glass group (review/admin-surfaces.ts). */
  readonly adminSurfaces: AdminSurfacesView;
  /** What the stack looks up in the Okta org and which lookups prove what they found (review/lookups.ts). */
  readonly lookups: LookupsView;
}

/** Builds the security view of a stack from its read model (synthesized/read-model.ts). */
export function viewOf(model: StackModel): StackView {
  const read = ReadModel.of(model);
  const labels = read.labels;
  const accessRules = accessRulesOf(read);
  const enrollment = read.enrollmentPolicies.map((p) => read.enrollmentPolicy(p));
  const sessionRules = sessionRulesOf(read);
  const api = model.resources('aws_apigatewayv2_api')[0];
  const authServer = read.authServers[0];
  return {
    stack: model.stackName,
    environment: model.environment ?? model.stackName,
    authServer: authServer && { ...authServer, audience: authServer.audiences.join(', ') },
    scopes: read.scopes.map((s) => ({ ...s, requiredAssurance: model.declarations.scopeAssurance[s.name] })),
    apps: read.apps.map((a) => ({
      ...a,
      tier: tierOf(read, a),
      scopes: unique(accessRules.filter((r) => r.active && r.clients.includes(a.label)).flatMap((r) => r.scopes)),
    })),
    accessRules,
    api: api && apiOf(model, api, labels),
    routes: routesOf(read),
    logGroups: model.resources('aws_cloudwatch_log_group').map((g) => ({
      name: str(g.attrs.name) ?? g.name,
      address: g.address,
      retentionDays: num(g.attrs.retention_in_days),
      kmsKey: str(g.attrs.kms_key_id),
    })),
    mfa: {
      authenticators: read.authenticators.map((a) => ({ ...a, strength: authenticatorStrength(a.key) })),
      enrollment,
      sessionRules,
      tiers: tiersOf(read),
      coverage: coverageOf(read, enrollment, sessionRules),
      networkZones: read.zones,
    },
    adminSurfaces: adminSurfacesView(model),
    lookups: lookupsView(model),
  };
}

/**
 * An authenticator's strength from the registry (domain/okta/authenticators.ts): phishing resistant = FIDO2/WebAuthn
 * and smart cards; knowledge, email and phone are weak; a key the registry does not know counts as strong.
 */
export function authenticatorStrength(key: string): AuthenticatorStrength {
  return authenticatorOf(key)?.strength ?? 'strong';
}

/** The app's sign-on policy by name (its tier), or the attribute as written when the policy is elsewhere. */
function tierOf(read: ReadModel, app: OAuthApp): string | undefined {
  const target = read.model.resolve(app.authenticationPolicy)?.target;
  if (target) return read.labels.of(target);
  return app.authenticationPolicy === undefined ? undefined : show(app.authenticationPolicy);
}

/** Resources in the order given, then any of `all` not in it (in stack order): nothing is left out. */
function completed(ordered: readonly TfResource[], all: readonly TfResource[]): TfResource[] {
  const seen = new Set(ordered);
  return [...ordered, ...all.filter((r) => !seen.has(r))];
}

/** Access rules in Okta's evaluation order: per authorization server, its policies and their rules by priority. */
function accessRulesOf(read: ReadModel): AccessRuleView[] {
  const ordered = read.authServers.flatMap((s) =>
    read.accessPolicies(s.resource).flatMap((p) => read.rules('okta_auth_server_policy_rule', p)),
  );
  return completed(ordered, read.model.resources('okta_auth_server_policy_rule')).map((r) => {
    const rule = read.accessRule(r);
    const { policy, place } = placeOf(read, r, rule.name);
    return { ...rule, ...place, clients: policy ? read.labels.names(policy.attrs.client_whitelist) : [] };
  });
}

/**
 * Where a rule sits: its policy (by name, or its policy_id as written when the policy is elsewhere), the key
 * "policy / rule" the review pairs rules by, and the policy's priority.
 */
function placeOf(read: ReadModel, r: TfResource, ruleName: string) {
  const policy = read.policyOf(r);
  const name = policy ? read.labels.of(policy) : show(r.attrs.policy_id);
  return {
    policy,
    place: {
      key: `${name} / ${ruleName}`,
      policy: name,
      policyPriority: policy ? num(policy.attrs.priority) : undefined,
    },
  };
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

/** Routes in stack order, with what each calls and its throttling. */
function routesOf(read: ReadModel): RouteView[] {
  const model = read.model;
  const byName = (a: Route, b: Route) =>
    a.resource.name < b.resource.name ? -1 : a.resource.name > b.resource.name ? 1 : 0;
  return [...read.routes].sort(byName).map((route) => {
    const a = route.resource.attrs;
    const integration = model.resolve(a.target)?.target;
    let described = show(a.target);
    let integrationKind: RouteView['integrationKind'] = 'other';
    if (integration) {
      const type = str(integration.attrs.integration_type);
      const fn = model.resolve(integration.attrs.integration_uri)?.target;
      if (type === 'AWS_PROXY' && fn) {
        described = `lambda ${read.labels.of(fn)}`;
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
        ? stage.attrs.route_settings.find((s) => isObject(s) && s.route_key === route.routeKey)
        : undefined;
    const settings = isObject(override) ? override : stage ? attr(stage.attrs, 'default_route_settings') : undefined;
    return {
      ...route,
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

/** Global session rules in Okta's evaluation order: policies by priority, then their rules by priority. */
function sessionRulesOf(read: ReadModel): SessionRuleView[] {
  const ordered = read.sessionPolicies.flatMap((p) => read.rules('okta_policy_rule_signon', p));
  return completed(ordered, read.model.resources('okta_policy_rule_signon')).map((r) => {
    const rule = read.sessionRule(r);
    const { policy, place } = placeOf(read, r, rule.name);
    return {
      ...rule,
      ...place,
      groups: policy ? read.groupsIn(policy, 'groups_included') : [],
      network: networkOf(rule, read.labels),
    };
  });
}

/** App sign-on policies (managed and looked up), each with its rules in evaluation order. */
function tiersOf(read: ReadModel): TierView[] {
  const model = read.model;
  return model.resources('okta_app_signon_policy').map((p) => {
    const rules = read.rules('okta_app_signon_policy_rule', p).map((r) => tierRuleOf(read.appRule(r), read.labels));
    const allowing = rules.filter((r) => r.access !== 'DENY' && r.active);
    return {
      name: read.labels.of(p),
      address: p.address,
      lookedUp: p.mode === 'data',
      catchAll: catchAllOf(p),
      rules,
      apps: read.apps
        .filter((a) => model.references(a.authenticationPolicy).some((x) => x.address === p.address))
        .map((a) => a.label),
      assurance: allowing.length > 0 ? Math.min(...allowing.map((r) => r.assurance)) : Number.POSITIVE_INFINITY,
    };
  });
}

function tierRuleOf(rule: AppSignOnRule, labels: Labels): TierRuleView {
  const { constraints, factorMode, access } = rule;
  const required = constraints.map(requiredPossession);
  const entryScore = (c: { readonly [key: string]: Json }, i: number): number => {
    const req = (k: PossessionLevelKey) => (required[i].has(k) ? 1 : 0);
    if (!classInForce(c, 'possession')) return 0;
    return (
      1 + 4 * req('phishingResistant') + 2 * req('hardwareProtection') + req('deviceBound') + req('userVerification')
    );
  };
  const possession = constraints.length > 0 ? Math.min(...constraints.map(entryScore)) : 0;
  const managed = rule.deviceManaged === true;
  const registered = rule.deviceRegistered;
  const deviceAssurance = rule.deviceAssurances;
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
  const reauth = rule.reauthenticateMinutes;
  if (reauth !== undefined) words.push(reauth === 0 ? 'at every sign-in' : `re-authenticate every ${minutes(reauth)}`);
  return {
    ...rule,
    network: networkOf(rule, labels),
    assurance,
    requires: access === 'DENY' ? 'denied' : words.join(', '),
  };
}

/** Which phase of the MFA rollout each group is in: MFA enforced at sign-in, enrollment only, or none. */
function coverageOf(
  read: ReadModel,
  enrollment: readonly EnrollmentPolicy[],
  sessionRules: readonly SessionRuleView[],
): GroupCoverage[] {
  const phases = new Map<string, { phase: MfaPhase; via: string[] }>();
  const rank: Record<MfaPhase, number> = { none: 0, enrollment: 1, enforced: 2 };
  const mark = (group: string, phase: MfaPhase, via: string) => {
    const cur = phases.get(group) ?? { phase: 'none' as MfaPhase, via: [] };
    if (rank[phase] > rank[cur.phase]) phases.set(group, { phase, via: [via] });
    else if (rank[phase] === rank[cur.phase]) phases.set(group, { phase, via: [...cur.via, via] });
  };
  for (const g of read.model.resources('okta_group')) mark(read.labels.of(g), 'none', '');
  for (const p of enrollment) {
    if (!p.active || p.required.length === 0) continue;
    for (const g of p.groups) mark(g, 'enrollment', `enrollment policy "${p.name}"`);
  }
  for (const r of sessionRules) {
    if (!r.active || r.access === 'DENY' || !r.mfaRequired) continue;
    for (const g of r.groups) mark(g, 'enforced', `sign-on rule "${r.key}"`);
  }
  // Everyone's phase applies to the members of every group.
  const everyone = phases.get(EVERYONE);
  if (everyone && everyone.phase !== 'none') {
    for (const g of [...phases.keys()]) if (g !== EVERYONE) mark(g, everyone.phase, 'the Everyone group');
  }
  const signIn = (o: SignInOutcome) => (o.decision === 'allow' ? (o.signIn ?? '-') : `denied (${o.reason})`);
  return [...phases.entries()]
    .map(([group, v]) => ({
      group,
      phase: v.phase,
      via: v.via.filter((x) => x),
      oktaSignIn: signIn(oktaSignIn(read, [group], ORDINARY)),
      appSignIns: read.apps
        .filter((a) => a.type !== 'service' && a.groups.includes(group))
        .map((a) => ({ app: a.label, signIn: signIn(weakestSignIn(read, group, a, ORDINARY)) })),
    }))
    .sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
}

function networkOf(n: NetworkCondition, labels: Labels): string {
  if (n.connection !== 'ZONE') return n.connection;
  const inc = n.zonesIncluded.map((z) => labels.name(z));
  const exc = n.zonesExcluded.map((z) => labels.name(z));
  return (
    [inc.length ? `in ${inc.join(', ')}` : '', exc.length ? `not in ${exc.join(', ')}` : '']
      .filter((x) => x)
      .join('; ') || 'ZONE'
  );
}

/** Minutes in words: `90 min`, `12 h`, `7 d`. */
export function minutes(n: number | undefined): string {
  if (n === undefined) return '(unset)';
  if (n >= 1440 && n % 1440 === 0) return `${n / 1440} d`;
  if (n >= 60 && n % 60 === 0) return `${n / 60} h`;
  return `${n} min`;
}

export { num, str };

export function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}
