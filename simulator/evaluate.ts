/**
 * The policy evaluator: walks what Okta and API Gateway do with one request, in order, over the
 * synthesized stack alone (no network), and records every policy and rule it considers.
 *
 * 1. Network zones with usage BLOCKLIST block the request org-wide before any policy (Okta: "Network
 *    zones", blocklist zones); POLICY zones act only where a rule names them.
 * 2. Assignment: a person signs in to an app only when assigned to it (through a group).
 * 3. Enrollment policy (okta_policy_mfa): the first active policy, by priority, whose groups_included
 *    holds one of the person's groups says which authenticators they can have.
 * 4. Global session policy (okta_policy_signon): the first active policy by priority that includes one
 *    of the person's groups; in it the first active rule by priority whose conditions (network, risk,
 *    behaviours, identity provider) match. DENY refuses; ALLOW may require MFA and a primary factor.
 * 5. The app's authentication policy (okta_app_signon_policy): the first active rule by priority whose
 *    conditions (groups in/out, network, device registered / managed / assurance / platform, risk) match;
 *    when none does, the policy's catch-all rule (DENY when catch_all = false). The sign-in must then
 *    satisfy the rule's factor mode and any one of its constraint objects.
 * 6. The authorization server: policies by priority whose client whitelist holds the app (or
 *    ALL_CLIENTS); in each, rules by priority matching grant type, groups (whitelist / blacklist) and the
 *    requested scope. The first policy and rule that match are applied (Okta: "Authorization servers >
 *    access policies"); they give the token's scopes and lifetimes.
 * 7. API Gateway's JWT authorizer: the token's issuer and audience must match (else 401), and the token
 *    must carry one of the route's scopes (else 403). A route without an authorizer is public.
 *
 * Attribute meanings follow okta/terraform-provider-okta v4.20.0 (file:line of each schema entry):
 * - okta/resource_okta_policy_rule_sign_on.go: access (ALLOW, DENY, CHALLENGE) :28, mfa_required :34,
 *   risc_level :74 and risk_level :81 (ANY, LOW, MEDIUM, HIGH), behaviors :87, primary_factor
 *   (PASSWORD_IDP_ANY_FACTOR, PASSWORD_IDP) :93, identity_provider :141, authtype :22;
 * - okta/policy_rule.go: network_connection (ANYWHERE, ZONE, ON_NETWORK, OFF_NETWORK) :52,
 *   network_includes :58, network_excludes :65; okta/policy.go: priority :27, status :34, groups_included :40;
 * - okta/resource_okta_app_signon_policy_rule.go: groups_included :59, groups_excluded :65, network_connection
 *   :83, device_is_registered :103, device_is_managed :121, device_assurances_included :127, platform_include
 *   :133 (type, os_type: okta/resource_okta_policy_rule_idp_discovery.go:287), custom_expression :138, access
 *   :155, factor_mode (1FA, 2FA; default 2FA) :161, constraints :185, risk_score :196;
 * - okta/resource_okta_app_signon_policy.go:78: catch_all = false makes the default (catch-all) rule DENY;
 * - okta/resource_okta_network_zone.go: dynamic_locations :28, dynamic_locations_exclude :34,
 *   dynamic_proxy_type (Any, TorAnonymizer, NotTorAnonymizer) :40, usage (POLICY, BLOCKLIST) :73, asns :79;
 * - okta/resource_okta_policy_mfa.go:292: one attribute per authenticator key, each with `enroll`;
 * - okta/resource_okta_auth_server_policy.go:41: client_whitelist, ALL_CLIENTS for every client;
 * - okta/resource_okta_auth_server_policy_rule.go: grant_type_whitelist :60, scope_whitelist (`*` = all)
 *   :68, access_token_lifetime_minutes (default 60) :74, refresh_token_lifetime_minutes :80,
 *   group_whitelist (EVERYONE) :108, group_blacklist :114.
 */
import { SYSTEM_SCOPES } from '../domain/oauth-clients';
import { authenticatorOf } from '../domain/okta/authenticators';
import { attr, isObject, stringList, type TfResource } from '../synthesized/model';
import { num, str } from '../synthesized/facts';
import { isActive } from '../synthesized/defaults';
import {
  EVERYONE,
  type App,
  type AppSignOnRule,
  type NetworkCondition,
  type Route,
  type SessionRule,
} from '../synthesized/read-model';
import { managedIn, type AccessContext } from './context';
import {
  appRuleShortfall,
  rankOf,
  sessionShortfall,
  SIGN_INS,
  SIMULATED_AUTHENTICATORS,
  type SimulatedAuthenticator,
  type SignIn,
} from './signins';
import { SimStack, verificationIn } from './stack';

export type Stage =
  | 'network'
  | 'assignment'
  | 'enrollment'
  | 'global session'
  | 'app sign-on'
  | 'sign-in'
  | 'token'
  | 'gateway';

/** One policy or rule the evaluator considered. */
export interface TraceStep {
  readonly stage: Stage;
  /** The policy or rule, as reviewers name it. */
  readonly subject: string;
  readonly outcome: 'match' | 'no match' | 'skipped' | 'allow' | 'deny' | 'note';
  readonly why: string;
  /** The policy's or rule's priority (Okta evaluates them in this order); unset for other steps. */
  readonly priority?: number;
}

/** The result of the sign-in part: whether any sign-in the person can do gets them in, and the weakest. */
export interface SignInOutcome {
  readonly decision: 'allow' | 'deny';
  /** The weakest sign-in that gets through (undefined: none does, or none is needed). */
  readonly signIn?: string;
  /** Strength rank (see RANKS); +Infinity when denied. */
  readonly rank: number;
  readonly reason: string;
  readonly trace: readonly TraceStep[];
}

export interface TokenOutcome {
  readonly scope?: string;
  /** Rule that issued the token: `policy / rule`. */
  readonly rule?: string;
  readonly accessTokenLifetimeMinutes?: number;
  readonly refreshTokenLifetimeMinutes?: number;
  readonly reason: string;
  readonly trace: readonly TraceStep[];
}

export interface Verdict extends SignInOutcome {
  readonly route: string;
  /** HTTP status API Gateway answers with when denied for want of a valid token (401) or scope (403). */
  readonly status?: 401 | 403;
  readonly token?: {
    readonly scope: string;
    readonly rule: string;
    readonly accessTokenLifetimeMinutes?: number;
    readonly refreshTokenLifetimeMinutes?: number;
  };
}

const DENIED = Number.POSITIVE_INFINITY;
/** Scopes every Okta custom authorization server knows without an okta_auth_server_scope. */
const OIDC_SCOPES = [...SYSTEM_SCOPES, 'groups'];
type Trace = TraceStep[];

/** The zones (addresses) a request in this context is in: IP zones by name, dynamic ones by their criteria. */
export function zonesHit(sim: SimStack, ctx: AccessContext): Set<string> {
  const out = new Set<string>();
  for (const z of sim.zones) {
    if (!z.active) continue;
    if (ctx.zones.includes(z.name)) {
      out.add(z.address);
      continue;
    }
    if (z.type === 'IP') continue;
    // A dynamic zone matches when the request meets every criterion it defines.
    const criteria: boolean[] = [];
    if (z.locations.length)
      criteria.push(
        ctx.country !== undefined && z.locations.some((l) => ctx.country === l || ctx.country!.startsWith(`${l}-`)),
      );
    if (z.locationsExcluded.length && ctx.country)
      criteria.push(!z.locationsExcluded.some((l) => ctx.country === l || ctx.country!.startsWith(`${l}-`)));
    if (z.proxyType) {
      const p = z.proxyType;
      criteria.push(
        (p === 'Any' && ctx.proxy !== undefined) ||
          (p === 'TorAnonymizer' && ctx.proxy === 'tor') ||
          (p === 'NotTorAnonymizer' && ctx.proxy === 'anonymizer'),
      );
    }
    if (z.asns.length) criteria.push(false);
    if (criteria.length > 0 && criteria.every((c) => c)) out.add(z.address);
  }
  return out;
}

/** Whether a rule's network condition matches, and why. */
function networkMatch(sim: SimStack, n: NetworkCondition, hit: ReadonlySet<string>): [boolean, string] {
  const mode = n.connection;
  const inHit = (v: string) => {
    const z = sim.zone(v);
    return z !== undefined && hit.has(z.address);
  };
  const names = (vs: readonly string[]) => vs.map((v) => sim.zone(v)?.name ?? v).join(', ');
  if (mode === 'ANYWHERE') return [true, 'any network'];
  if (mode === 'ON_NETWORK' || mode === 'OFF_NETWORK') {
    const on = sim.zones.some((z) => z.type === 'IP' && hit.has(z.address));
    return [on === (mode === 'ON_NETWORK'), `${mode}: the request is ${on ? 'in' : 'outside'} the IP zones`];
  }
  const inc = n.zonesIncluded;
  const exc = n.zonesExcluded;
  if (inc.length && !inc.some(inHit)) return [false, `the request is in none of ${names(inc)}`];
  if (exc.some(inHit)) return [false, `the request is in ${names(exc.filter(inHit))}, which the rule excludes`];
  return [true, inc.length ? `the request is in ${names(inc.filter(inHit))}` : `the request is outside ${names(exc)}`];
}

/** Risk conditions: ANY (the default) matches; otherwise the level must be the one scored. */
function riskMatch(level: string, ctx: AccessContext): [boolean, string] | undefined {
  if (level === 'ANY') return undefined;
  return [level === ctx.risk, `risk ${level} ${level === ctx.risk ? '=' : '!='} the scored ${ctx.risk}`];
}

const setOf = (groups: readonly string[]) => new Set([...groups, EVERYONE]);

/** The first matching rule denies: records why (its network condition) and returns the denial. */
function denyingRule(
  sim: SimStack,
  stage: Stage,
  subject: string,
  rule: NetworkCondition & { readonly priority?: number },
  hit: ReadonlySet<string>,
  trace: Trace,
) {
  const why = `first matching rule (${networkMatch(sim, rule, hit)[1]}) denies access`;
  trace.push({ stage, subject, outcome: 'deny', why, priority: rule.priority });
  return { deny: `${subject} denies access` };
}

/** The global session rule that applies and what it asks of the sign-in (steps 1 and 4). */
function globalSession(
  sim: SimStack,
  groups: ReadonlySet<string>,
  ctx: AccessContext,
  hit: ReadonlySet<string>,
  trace: Trace,
) {
  for (const policy of sim.sessionPolicies) {
    const name = sim.labels.of(policy);
    const priority = num(policy.attrs.priority);
    if (!isActive(policy)) {
      trace.push({ stage: 'global session', subject: name, outcome: 'skipped', why: 'INACTIVE', priority });
      continue;
    }
    const included = sim.groupsIn(policy, 'groups_included');
    if (!included.some((g) => groups.has(g))) {
      trace.push({
        stage: 'global session',
        subject: name,
        outcome: 'no match',
        why: `applies to ${included.join(', ') || 'no group'}`,
        priority,
      });
      continue;
    }
    trace.push({
      stage: 'global session',
      subject: name,
      outcome: 'match',
      why: `applies to ${included.filter((g) => groups.has(g)).join(', ')}`,
      priority,
    });
    for (const resource of sim.rules('okta_policy_rule_signon', policy)) {
      const subject = `${name} / ${sim.labels.of(resource)}`;
      const rule = sim.sessionRule(resource);
      const miss = sessionRuleMiss(sim, rule, ctx, hit);
      if (miss) {
        trace.push({
          stage: 'global session',
          subject,
          outcome: miss.startsWith('INACTIVE') ? 'skipped' : 'no match',
          why: miss,
          priority: rule.priority,
        });
        continue;
      }
      const access = rule.access.toUpperCase();
      if (access === 'DENY') return denyingRule(sim, 'global session', subject, rule, hit, trace);
      const mfa = rule.mfaRequired || access === 'CHALLENGE';
      const passwordFirst = rule.primaryFactor === 'PASSWORD_IDP';
      trace.push({
        stage: 'global session',
        subject,
        outcome: 'match',
        why: `first matching rule: allows${mfa ? ', MFA required' : ', MFA not required'}${
          passwordFirst ? ', password first' : ''
        }`,
        priority: rule.priority,
      });
      return { requirement: { mfaRequired: mfa, passwordFirst }, subject };
    }
    // Okta keeps a default rule last in every global session policy; the stack does not manage it.
    trace.push({
      stage: 'global session',
      subject: `${name} / Default Rule`,
      outcome: 'match',
      why: "no rule of the stack matches: Okta's default rule (not in the stack), assumed to allow without MFA",
    });
    return { requirement: { mfaRequired: false, passwordFirst: false }, subject: `${name} / Default Rule` };
  }
  trace.push({
    stage: 'global session',
    subject: 'Default Policy',
    outcome: 'match',
    why:
      'no global session policy of the stack includes the person: ' +
      "the org's Default Policy (not in the stack), assumed to allow without MFA",
  });
  return { requirement: { mfaRequired: false, passwordFirst: false }, subject: 'Default Policy' };
}

function sessionRuleMiss(
  sim: SimStack,
  rule: SessionRule,
  ctx: AccessContext,
  hit: ReadonlySet<string>,
): string | undefined {
  if (!rule.active) return 'INACTIVE';
  const [net, why] = networkMatch(sim, rule, hit);
  if (!net) return why;
  for (const level of rule.riskLevels) {
    const r = riskMatch(level, ctx);
    if (r && !r[0]) return r[1];
  }
  const behaviours = rule.behaviours;
  if (behaviours.length && !behaviours.some((b) => ctx.behaviours.includes(b)))
    return `none of the behaviours ${behaviours.join(', ')} is detected`;
  if (rule.identityProvider === 'SPECIFIC_IDP') return 'applies to sign-ins through another identity provider';
  const authtype = rule.authType;
  if (authtype && authtype !== 'ANY') return `applies to ${authtype} sign-ins only`;
  return undefined;
}

/** The app sign-on rule that applies (step 5). */
function appSignOn(
  sim: SimStack,
  app: App,
  groups: ReadonlySet<string>,
  ctx: AccessContext,
  hit: ReadonlySet<string>,
  trace: Trace,
) {
  const policy = app.signOnPolicy;
  if (!policy) {
    const ref = app.resource.attrs.authentication_policy;
    trace.push({
      stage: 'app sign-on',
      subject: ref ? String(ref) : 'Default Policy',
      outcome: 'match',
      why: "the app's authentication policy is not in the stack: assumed to allow one factor",
    });
    return { rule: undefined };
  }
  const name = sim.labels.of(policy);
  for (const resource of sim.rules('okta_app_signon_policy_rule', policy)) {
    const subject = `${name} / ${sim.labels.of(resource)}`;
    const rule = sim.appRule(resource);
    const miss = appRuleMiss(sim, rule, groups, ctx, hit);
    if (miss) {
      const outcome = miss === 'INACTIVE' ? 'skipped' : 'no match';
      trace.push({ stage: 'app sign-on', subject, outcome, why: miss, priority: rule.priority });
      continue;
    }
    if (rule.access.toUpperCase() === 'DENY') return denyingRule(sim, 'app sign-on', subject, rule, hit, trace);
    const why = `first matching rule: ${describeRule(rule)}`;
    trace.push({ stage: 'app sign-on', subject, outcome: 'match', why, priority: rule.priority });
    return { rule: resource, subject };
  }
  const catchAll = policy.attrs.catch_all;
  if (catchAll === false || catchAll === 'false') {
    trace.push({
      stage: 'app sign-on',
      subject: `${name} / Catch-all Rule`,
      outcome: 'deny',
      why: 'no rule matches; catch_all = false makes the catch-all rule DENY',
    });
    return { deny: `${name}: no rule matches and the catch-all rule denies` };
  }
  trace.push({
    stage: 'app sign-on',
    subject: `${name} / Catch-all Rule`,
    outcome: 'match',
    why: 'no rule matches; the catch-all rule allows (assumed one factor)',
  });
  return { rule: undefined };
}

function appRuleMiss(
  sim: SimStack,
  rule: AppSignOnRule,
  groups: ReadonlySet<string>,
  ctx: AccessContext,
  hit: ReadonlySet<string>,
): string | undefined {
  if (!rule.active) return 'INACTIVE';
  const included = rule.groups;
  if (included.length && !included.some((g) => groups.has(g))) return `applies to ${included.join(', ')}`;
  const excluded = rule.groupsExcluded.filter((g) => groups.has(g));
  if (excluded.length) return `excludes ${excluded.join(', ')}`;
  if (rule.users) return 'applies to named users only';
  const [net, why] = networkMatch(sim, rule, hit);
  if (!net) return why;
  if (rule.deviceRegistered && !ctx.device.registered) return 'requires a registered device';
  // managed = false (what the provider sends with registered unless told otherwise) is a condition too: Okta
  // matches registered devices that are NOT managed, so a managed device does not match.
  if (rule.deviceManaged !== undefined && rule.deviceManaged !== managedIn(sim, ctx.device))
    return rule.deviceManaged
      ? `requires a managed device${sim.deviceManagement ? '' : ' (the org has no device management)'}`
      : 'applies to registered devices that are not managed (managed = false), and this one is managed';
  const assurances = rule.deviceAssurances;
  if (assurances.length && !ctx.device.compliant && !assurances.some((x) => ctx.device.assurances.includes(x)))
    return `requires device assurance ${assurances.join(' or ')}`;
  const platforms = rule.platforms;
  const fits = (p: (typeof platforms)[number]) =>
    [ctx.device.platform, 'ANY'].includes(p.type) && [ctx.device.os, 'ANY'].includes(p.osType);
  if (platforms.length && !platforms.some(fits))
    return `applies to other platforms (${platforms.map((p) => `${p.type}/${p.osType}`).join(', ')})`;
  const risk = riskMatch(rule.riskScore, ctx);
  if (risk && !risk[0]) return risk[1];
  if (rule.customExpression) return 'has a custom expression the simulator cannot evaluate (treated as not matching)';
  return undefined;
}

function describeRule(rule: AppSignOnRule): string {
  const a = rule.resource.attrs;
  const parts = [rule.factorMode];
  const constraints = stringList(a.constraints);
  if (constraints.length) parts.push(`constraints ${constraints.join(' or ')}`);
  if (rule.deviceManaged === true) parts.push('managed device');
  if (rule.deviceManaged === false) parts.push('registered device, not managed');
  if (rule.deviceAssurances.length) parts.push('device assurance');
  if (rule.riskScore !== 'ANY') parts.push(`at ${rule.riskScore} risk`);
  const reauth = str(a.re_authentication_frequency);
  if (reauth) parts.push(`re-authenticate ${reauth}`);
  return parts.join(', ');
}

/** Authenticators the person can use: the enrollment policy's choice, active ones, those enrolled (step 3). */
function usableAuthenticators(
  sim: SimStack,
  groups: ReadonlySet<string>,
  ctx: AccessContext,
  trace: Trace,
): Set<SimulatedAuthenticator> {
  const status = new Map(sim.model.resources('okta_authenticator').map((a) => [str(a.attrs.key), isActive(a)]));
  const keys = SIMULATED_AUTHENTICATORS;
  let allowed = keys.filter((k) => status.get(k) !== false);
  const policy = sim.enrollmentPolicies.find(
    (p) => isActive(p) && sim.groupsIn(p, 'groups_included').some((g) => groups.has(g)),
  );
  if (policy) {
    const enroll = (k: string) => str(attr(policy.attrs, k, 'enroll'));
    allowed = allowed.filter((k) => ['REQUIRED', 'OPTIONAL'].includes(enroll(k) ?? ''));
    trace.push({
      stage: 'enrollment',
      subject: sim.labels.of(policy),
      outcome: 'match',
      why: `first enrollment policy including the person: ${allowed.join(', ') || 'nothing'} may be enrolled`,
      priority: num(policy.attrs.priority),
    });
  } else {
    trace.push({
      stage: 'enrollment',
      subject: 'Default Policy',
      outcome: 'note',
      why: `no enrollment policy of the stack includes the person: assumed every active authenticator (${allowed.join(
        ', ',
      )})`,
    });
  }
  const inactive = keys.filter((k) => status.get(k) === false);
  if (inactive.length)
    trace.push({
      stage: 'enrollment',
      subject: 'authenticators',
      outcome: 'note',
      why: `inactive, so unusable: ${inactive.join(', ')}`,
    });
  // An authenticator whose settings say allowedFor "recovery" resets a password but never signs anyone in
  // (Okta authenticators API, settings.allowedFor: any | recovery | sso | none).
  const recoveryOnly = keys.filter((k) => allowed.includes(k) && allowedFor(sim, k) === 'recovery');
  if (recoveryOnly.length) {
    allowed = allowed.filter((k) => !recoveryOnly.includes(k));
    trace.push({
      stage: 'enrollment',
      subject: 'authenticators',
      outcome: 'note',
      why: `recovery only (allowedFor: recovery), so not a sign-in factor: ${recoveryOnly.join(', ')}`,
    });
  }
  if (ctx.authenticators) {
    const missing = allowed.filter((k) => !ctx.authenticators!.includes(k));
    allowed = allowed.filter((k) => ctx.authenticators!.includes(k));
    const refused = ctx.authenticators.filter((k) => !allowed.includes(k));
    trace.push({
      stage: 'enrollment',
      subject: 'enrolled',
      outcome: 'note',
      why: `the person has ${allowed.join(', ') || 'no usable authenticator'}${
        refused.length ? `; ${refused.join(', ')} not usable here` : ''
      }${missing.length ? `; not enrolled: ${missing.join(', ')}` : ''}`,
    });
  }
  return new Set(allowed);
}

/** The `allowedFor` of an authenticator's settings JSON, when the stack sets one. */
function allowedFor(sim: SimStack, key: string): string | undefined {
  const a = sim.model.resources('okta_authenticator').find((r) => str(r.attrs.key) === key);
  const settings = str(a?.attrs.settings);
  if (!settings) return undefined;
  try {
    const v = JSON.parse(settings) as { allowedFor?: unknown };
    return typeof v.allowedFor === 'string' ? v.allowedFor : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The weakest sign-in that gets a member of `groups` into `app` in `ctx` (steps 1 to 5), with the trace.
 * This is the evaluator's API for other checks too, e.g. "no allowed sign-in in an ordinary context".
 */
export function weakestSignIn(
  sim: SimStack,
  groups: string | readonly string[],
  appKey: string | App,
  ctx: AccessContext,
): SignInOutcome {
  const trace: Trace = [];
  const member = setOf(typeof groups === 'string' ? [groups] : groups);
  // An app the caller picked: one the stack only looks up (Okta's Admin Console, the read model's adminSurfaces).
  const app = typeof appKey === 'string' ? sim.app(appKey) : appKey;
  if (!app)
    throw new Error(
      `${sim.model.stackName}: no app ${JSON.stringify(appKey)}; apps: ${sim.apps.map((a) => a.key).join(', ')}`,
    );
  const deny = (reason: string): SignInOutcome => ({ decision: 'deny', rank: DENIED, reason, trace });
  const hit = zonesHit(sim, ctx);
  const zoneNames = sim.zones.filter((z) => hit.has(z.address)).map((z) => z.name);
  const unmanaged =
    ctx.device.managed && !managedIn(sim, ctx.device)
      ? ' (the org has no device management: Okta sees none as managed)'
      : '';
  trace.push({
    stage: 'network',
    subject: 'request',
    outcome: 'note',
    why: `${ctx.description}${unmanaged}; in zones: ${zoneNames.join(', ') || 'none (unlisted)'}`,
  });
  const blocking = sim.zones.filter((z) => z.usage === 'BLOCKLIST' && hit.has(z.address));
  if (blocking.length) {
    trace.push({
      stage: 'network',
      subject: blocking[0].name,
      outcome: 'deny',
      why: 'a BLOCKLIST zone: Okta blocks every request from it org-wide (token endpoint included) before any policy',
    });
    return deny(`blocked org-wide by the BLOCKLIST zone ${blocking[0].name}`);
  }
  // Blocklist zones come first even for a machine client: Okta refuses every request from them,
  // the token endpoint included; sign-on policies never see a client_credentials request.
  if (app.type === 'service') {
    trace.push({
      stage: 'sign-in',
      subject: app.label,
      outcome: 'note',
      why: 'a service app: client_credentials, no person signs in, no sign-on policy applies',
    });
    return { decision: 'allow', signIn: 'client credentials (no user)', rank: 0, reason: 'machine client', trace };
  }
  const assigned = app.groups.filter((g) => member.has(g));
  if (assigned.length === 0) {
    trace.push({
      stage: 'assignment',
      subject: app.label,
      outcome: 'deny',
      why: `assigned to ${app.groups.join(', ') || 'no group'}; the person is in ${[...member].join(', ')}`,
    });
    return deny(`not assigned to ${app.label}`);
  }
  trace.push({
    stage: 'assignment',
    subject: app.label,
    outcome: 'match',
    why: `assigned through ${assigned.join(', ')}`,
  });
  // What follows depends on the groups, the app's sign-on policy and the context only, not on the app:
  // the matrix asks it for many apps on one policy, so it is computed once per such question.
  const key = `${[...member].sort().join('\0')}|${
    app.signOnPolicy?.address ?? `none:${String(app.resource.attrs.authentication_policy)}`
  }`;
  const byContext = memo.get(sim) ?? memo.set(sim, new WeakMap()).get(sim)!;
  const answers = byContext.get(ctx) ?? byContext.set(ctx, new Map()).get(ctx)!;
  const rest = answers.get(key) ?? answers.set(key, signInAfterAssignment(sim, member, app, ctx, hit)).get(key)!;
  return { ...rest, trace: [...trace, ...rest.trace] };
}

const memo = new WeakMap<SimStack, WeakMap<AccessContext, Map<string, SignInOutcome>>>();

/**
 * The weakest sign-in to Okta itself for a member of `groups` in `ctx`: the network zones, enrollment and the
 * global session policy (steps 1, 3 and 4), no app's policy. What a move between MFA rollout waves changes for
 * a group, whichever apps it uses.
 */
export function oktaSignIn(sim: SimStack, groups: readonly string[], ctx: AccessContext): SignInOutcome {
  const hit = zonesHit(sim, ctx);
  const blocking = sim.zones.find((z) => z.usage === 'BLOCKLIST' && hit.has(z.address));
  if (blocking) {
    const why = `blocked org-wide by the BLOCKLIST zone ${blocking.name}`;
    return {
      decision: 'deny',
      rank: DENIED,
      reason: why,
      trace: [{ stage: 'network', subject: blocking.name, outcome: 'deny', why }],
    };
  }
  return signInAfterAssignment(sim, setOf(groups), undefined, ctx, hit);
}

/** Steps 3 to 5 and the weakest sign-in, for a person assigned to the app (no app: Okta's global session alone). */
function signInAfterAssignment(
  sim: SimStack,
  member: ReadonlySet<string>,
  app: App | undefined,
  ctx: AccessContext,
  hit: ReadonlySet<string>,
): SignInOutcome {
  const trace: Trace = [];
  const verification = verificationIn(sim);
  const deny = (reason: string): SignInOutcome => ({ decision: 'deny', rank: DENIED, reason, trace });
  const usable = usableAuthenticators(sim, member, ctx, trace);
  const session = globalSession(sim, member, ctx, hit, trace);
  if ('deny' in session) return deny(session.deny!);
  const appRule: { rule?: TfResource; subject?: string; deny?: string } = app
    ? appSignOn(sim, app, member, ctx, hit, trace)
    : { rule: undefined };
  if (appRule.deny) return deny(appRule.deny);
  const misses: string[] = [];
  const candidates = [...SIGN_INS].sort((a, b) => rankOf(a, verification) - rankOf(b, verification));
  for (const s of candidates) {
    const why =
      unavailable(s, usable, ctx) ??
      sessionShortfall(s, session.requirement, verification) ??
      (appRule.rule ? appRuleShortfall(s, appRule.rule, verification) : undefined);
    if (why) {
      misses.push(`${s.label}: ${why}`);
      continue;
    }
    trace.push({
      stage: 'sign-in',
      subject: s.label,
      outcome: 'allow',
      why: `the weakest sign-in that satisfies ${session.subject}${appRule.subject ? ` and ${appRule.subject}` : ''}${
        misses.length ? ` (weaker ones fail: ${misses.join('; ')})` : ''
      }`,
    });
    const unenrolled = enrollmentMidSignIn(sim, member, ctx, s);
    if (unenrolled) trace.push({ stage: 'sign-in', subject: s.label, outcome: 'note', why: unenrolled });
    return {
      decision: 'allow',
      signIn: s.label,
      rank: rankOf(s, verification),
      reason: `signs in with ${s.label}`,
      trace,
    };
  }
  trace.push({ stage: 'sign-in', subject: 'every sign-in', outcome: 'deny', why: misses.join('; ') });
  return deny(`no sign-in the person can do satisfies ${appRule.subject ?? session.subject}`);
}

/**
 * At HIGH risk, a sign-in that needs more than the password from someone no enrollment policy of the stack enforces:
 * they have likely enrolled nothing else, so Okta offers the enrollment in the middle of the risky sign-in, to
 * whoever holds the password (guardrail MFA-23). Undefined otherwise.
 */
function enrollmentMidSignIn(
  sim: SimStack,
  member: ReadonlySet<string>,
  ctx: AccessContext,
  s: SignIn,
): string | undefined {
  if (ctx.risk !== 'HIGH' || ctx.authenticators) return undefined;
  const enforced = sim.enrollmentPolicies.some(
    (p) => isActive(p) && sim.groupsIn(p, 'groups_included').some((g) => member.has(g)),
  );
  // Everyone has the primary factor (the password); anything else they would have to enroll.
  const extra = [...new Set(s.factors.map((f) => f.authenticator))].filter((k) => !authenticatorOf(k)?.primary);
  if (enforced || extra.length === 0) return undefined;
  return (
    `at HIGH risk, and no enrollment policy of the stack enforces the person: ${extra.join(', ')} is likely not ` +
    'enrolled, so Okta offers its enrollment in the middle of this risky sign-in'
  );
}

function unavailable(s: SignIn, usable: ReadonlySet<SimulatedAuthenticator>, ctx: AccessContext): string | undefined {
  const missing = s.factors.filter((f) => !usable.has(f.authenticator)).map((f) => f.authenticator);
  if (missing.length) return `${[...new Set(missing)].join(', ')} not usable`;
  if (s.factors.some((f) => f.needsRegisteredDevice) && !ctx.device.registered)
    return 'FastPass needs a registered device';
  return undefined;
}

/** The grant a client uses to get a token: client_credentials for services, else authorization_code. */
export function grantOf(app: App): string {
  if (app.type === 'service') return 'client_credentials';
  return app.grantTypes.includes('authorization_code')
    ? 'authorization_code'
    : (app.grantTypes.find((g) => g !== 'refresh_token') ?? 'authorization_code');
}

/**
 * The token the app gets for a member of `groups` carrying `scope` from `server` (step 6). The matrix asks
 * this for every (group, app) pair and route class, so it can leave the trace out (`traced` false).
 */
export function tokenFor(
  sim: SimStack,
  groups: readonly string[],
  app: App,
  server: TfResource,
  scope: string,
  traced = true,
): TokenOutcome {
  const member = setOf(app.type === 'service' ? [] : groups);
  const grant = grantOf(app);
  const trace: Trace = [];
  const step = (f: () => TraceStep) => void (traced && trace.push(f()));
  step(() => ({
    stage: 'token',
    subject: `scope ${scope}`,
    outcome: 'note',
    why: `${app.label} asks ${sim.labels.of(server)} for ${scope} (${grant})`,
  }));
  if (!sim.scopesOf(server).has(scope) && !OIDC_SCOPES.includes(scope)) {
    step(() => ({
      stage: 'token',
      subject: sim.labels.of(server),
      outcome: 'deny',
      why: `the authorization server defines no scope ${scope}`,
    }));
    return { reason: `${scope} is not a scope of ${sim.labels.of(server)}`, trace };
  }
  for (const policy of sim.accessPolicies(server)) {
    const pname = () => sim.labels.of(policy);
    const priority = num(policy.attrs.priority);
    if (!isActive(policy)) {
      step(() => ({ stage: 'token', subject: pname(), outcome: 'skipped', why: 'INACTIVE', priority }));
      continue;
    }
    const clients = sim.clientsOf(policy);
    if (!clients.all && !clients.apps.has(app.resource.address)) {
      step(() => ({
        stage: 'token',
        subject: pname(),
        outcome: 'no match',
        why: `its client whitelist does not hold ${app.label}`,
        priority,
      }));
      continue;
    }
    step(() => ({
      stage: 'token',
      subject: pname(),
      outcome: 'match',
      why: `client whitelist holds ${clients.all ? 'ALL_CLIENTS' : app.label}`,
      priority,
    }));
    for (const rule of sim.rules('okta_auth_server_policy_rule', policy)) {
      const subject = () => `${pname()} / ${sim.labels.of(rule)}`;
      const miss = tokenRuleMiss(sim, rule, member, grant, scope, traced);
      const rulePriority = () => sim.accessRule(rule).priority;
      if (miss) {
        step(() => ({
          stage: 'token',
          subject: subject(),
          outcome: miss === 'INACTIVE' ? 'skipped' : 'no match',
          why: miss,
          priority: rulePriority(),
        }));
        continue;
      }
      const { accessTokenLifetimeMinutes: access, refreshTokenLifetimeMinutes: refresh } = sim.accessRule(rule);
      const refreshText = refresh !== undefined ? `, refresh token ${refresh} min` : '';
      step(() => ({
        stage: 'token',
        subject: subject(),
        outcome: 'allow',
        why: `first matching rule: ${grant} token with ${scope}, access token ${access} min${refreshText}`,
        priority: rulePriority(),
      }));
      const rule_ = subject();
      return {
        scope,
        rule: rule_,
        accessTokenLifetimeMinutes: access,
        refreshTokenLifetimeMinutes: refresh,
        reason: `token with ${scope} from ${rule_}`,
        trace,
      };
    }
  }
  return { reason: `no access rule grants ${scope} (${grant})`, trace };
}

/** Why an access policy rule does not match, or undefined; without `explain`, only whether (`no match`). */
function tokenRuleMiss(
  sim: SimStack,
  rule: TfResource,
  member: ReadonlySet<string>,
  grant: string,
  scope: string,
  explain: boolean,
): string | undefined {
  const r = sim.accessRule(rule);
  const why = (f: () => string) => (explain ? f() : 'no match');
  if (!r.active) return 'INACTIVE';
  if (!r.grantTypes.includes(grant)) return why(() => `grants ${r.grantTypes.join(', ')}, not ${grant}`);
  let inGroup = r.groupSet.size === 0 && r.users === 0;
  for (const g of member) inGroup ||= r.groupSet.has(g);
  if (!inGroup) return why(() => `applies to ${shortList(r.groups) || 'named users'}`);
  const blacklisted = r.blacklist.filter((g) => member.has(g));
  if (blacklisted.length) return why(() => `excludes ${blacklisted.join(', ')}`);
  if (!r.scopeSet.has('*') && !r.scopeSet.has(scope))
    return why(() => `scope whitelist ${shortList([...r.scopeSet]) || 'empty'} lacks ${scope}`);
  return undefined;
}

/** A list for a trace line: at most five names, then how many more. */
const shortList = (xs: readonly string[]) =>
  xs.length > 5 ? `${xs.slice(0, 5).join(', ')} and ${xs.length - 5} more` : xs.join(', ');

/** The authorizer's verdict on a token from `server` (step 7), before scopes: undefined = valid. */
export function tokenRejected(sim: SimStack, route: Route, server: TfResource | undefined): string | undefined {
  const jwt = route.authorizer ? attr(route.authorizer.attrs, 'jwt_configuration') : undefined;
  if (!route.authorizer || !isObject(jwt)) return 'the route names no JWT authorizer';
  if (!server) return `the authorizer's issuer ${String(jwt.issuer)} is not an authorization server of the stack`;
  const issuerOk = sim.model.resolve(jwt.issuer)?.target === server || jwt.issuer === server.attrs.issuer;
  if (!issuerOk) return `issuer ${sim.labels.names(jwt.issuer).join(', ')} is not ${sim.labels.of(server)}'s issuer`;
  const audiences = stringList(server.attrs.audiences);
  const accepted = stringList(jwt.audience);
  const audienceOk = accepted.some((a) => sim.model.resolve(a)?.target === server || audiences.includes(a));
  if (!audienceOk)
    return `audience ${accepted.join(', ')} is not ${sim.labels.of(server)}'s audience ${audiences.join(', ')}`;
  return undefined;
}

/** A full question: a member of `groups`, through `appKey`, in `ctx`, calls `route`. */
export function simulate(
  sim: SimStack,
  groups: string | readonly string[],
  appKey: string,
  route: Route,
  ctx: AccessContext,
): Verdict {
  if (route.authorizationType === 'NONE') {
    const reason = sim.model.declarations.publicRoutes[route.routeKey];
    const trace: TraceStep[] = [
      {
        stage: 'gateway',
        subject: route.routeKey,
        outcome: 'allow',
        why: `public route, no authorizer${reason ? `: ${reason}` : ''}`,
      },
    ];
    return {
      decision: 'allow',
      route: route.routeKey,
      signIn: 'none (public route)',
      rank: 0,
      reason: 'public route',
      trace,
    };
  }
  const signIn = weakestSignIn(sim, groups, appKey, ctx);
  const trace = [...signIn.trace];
  const deny = (reason: string, status: 401 | 403): Verdict => {
    trace.push({ stage: 'gateway', subject: route.routeKey, outcome: 'deny', why: `${status}: ${reason}` });
    return { decision: 'deny', route: route.routeKey, rank: DENIED, reason, status, trace };
  };
  if (signIn.decision === 'deny') return deny(`no token: ${signIn.reason}`, 401);
  if (route.authorizationType !== 'JWT')
    return deny(`authorization type ${route.authorizationType} is not simulated`, 401);
  const app = sim.app(appKey)!;
  const server = route.server ?? sim.model.resources('okta_auth_server')[0];
  if (!server) return deny('the stack has no authorization server (gateway-only: the Okta half is elsewhere)', 401);
  const list = typeof groups === 'string' ? [groups] : groups;
  const wanted = route.scopes.length ? route.scopes : ['openid'];
  let token: TokenOutcome | undefined;
  for (const scope of wanted) {
    const t = tokenFor(sim, list, app, server, scope);
    trace.push(...t.trace);
    if (t.rule) {
      token = t;
      break;
    }
    token ??= t;
  }
  if (!token?.rule)
    return deny(
      `${token?.reason ?? 'no token'}; the route needs one of ${route.scopes.join(', ')}`,
      route.scopes.length ? 403 : 401,
    );
  const rejected = tokenRejected(sim, route, server);
  if (rejected) return deny(rejected, 401);
  trace.push({
    stage: 'gateway',
    subject: route.routeKey,
    outcome: 'allow',
    why: `issuer and audience match; the token carries ${token.scope}, one of ${
      route.scopes.join(', ') || '(no scope required)'
    }`,
  });
  return {
    ...signIn,
    route: route.routeKey,
    trace,
    token: {
      scope: token.scope!,
      rule: token.rule,
      accessTokenLifetimeMinutes: token.accessTokenLifetimeMinutes,
      refreshTokenLifetimeMinutes: token.refreshTokenLifetimeMinutes,
    },
  };
}

export { SimStack };
