/**
 * The rules of an MFA rollout, each written once. The config schema calls them with config paths
 * (`identity.mfa.rollout`, `identity.mfa.authenticators`, ...), the OktaMfaRollout construct with its prop
 * names (`waves`, `authenticators`, ...): every rule returns problems whose path is relative to what it
 * checks, so both report the same message and only the path in front differs.
 */
import { wholeNumberProblem, type WholeRange } from '../bounds';
import type { Problem } from '../problems';
import { TIER_MAX_REAUTH_MINUTES, type SignOnTier } from './sign-on-constraints';
import {
  MANAGED_AUTHENTICATORS,
  managedAuthenticator,
  PHISHING_RESISTANT_CAPABLE,
  RECOVERY_KEEPABLE,
  type ManagedAuthenticator,
} from './authenticators';
import { adminRoleProblem, HARDWARE_PROTECTED_AUTHENTICATORS } from './admin-surfaces';

/** How a caller tells a value that is not known yet (a cdktf token): rules that compare it skip it. */
export interface RuleOptions {
  /** Whether a value is unresolved. @default - every value is known (config) */
  readonly unresolved?: (value: unknown) => boolean;
}

const known = (options: RuleOptions | undefined, ...values: unknown[]): boolean =>
  !values.some((v) => options?.unresolved?.(v) ?? false);

/** The group keys a rollout may name. */
export interface GroupKeys {
  /** The key that stands for Okta's Everyone group. */
  readonly everyoneKey: string;
  /** Whether a key names a known group (the Everyone key included). */
  has(key: string): boolean;
  /** The declared keys (without the Everyone key), for messages. @default - not listed */
  readonly declaredKeys?: readonly string[];
}

/** The message for a group key that names no group. */
export function unknownGroupMessage(groups: GroupKeys): string {
  return groups.declaredKeys
    ? `unknown group; declared: ${[groups.everyoneKey, ...groups.declaredKeys].join(', ')}`
    : `unknown group; allowed: a group key the stack declares, or ${groups.everyoneKey}`;
}

// ---------------------------------------------------------------------------------------------------------
// Waves and phase

export interface RolloutWave {
  /** Stable wave key. */
  readonly key: string;
  /** Group keys of the wave. */
  readonly groups: readonly string[];
}

export interface RolloutPlan {
  /** Waves in rollout order. */
  readonly waves: readonly RolloutWave[];
  /** Key of the last enforced wave. */
  readonly currentPhase: string;
}

/**
 * The waves and the phase: at least one wave, each listed once with at least one known group; a group in one
 * wave only; the Everyone group only in the last wave; the phase names a wave. Paths relative to the plan:
 * `waves[i].key`, `waves[i].groups[j]`, `currentPhase`.
 */
export function rolloutPlanProblems(plan: RolloutPlan, groups: GroupKeys, options?: RuleOptions): Problem[] {
  const out: Problem[] = [];
  const { waves } = plan;
  const everyone = groups.everyoneKey;
  if (waves.length === 0) out.push({ path: ['waves'], value: waves, message: 'at least one wave' });
  const keys = new Set<string>();
  const waveOf = new Map<string, string>();
  waves.forEach((w, i) => {
    if (keys.has(w.key)) out.push({ path: ['waves', i, 'key'], value: w.key, message: 'each wave is listed once' });
    keys.add(w.key);
    if (w.groups.length === 0)
      out.push({ path: ['waves', i, 'groups'], value: w.groups, message: 'at least one group' });
    w.groups.forEach((g, j) => {
      const at = (message: string) => out.push({ path: ['waves', i, 'groups', j], value: g, message });
      if (!groups.has(g)) at(unknownGroupMessage(groups));
      else if (waveOf.has(g)) at(`a group joins the rollout once; it is already in wave '${waveOf.get(g)}'`);
      else if (g === everyone && i !== waves.length - 1)
        at(`'${everyone}' can only be the last wave (it covers every later group)`);
      if (!waveOf.has(g)) waveOf.set(g, w.key);
    });
  });
  if (known(options, plan.currentPhase) && !keys.has(plan.currentPhase))
    out.push({
      path: ['currentPhase'],
      value: plan.currentPhase,
      message: `names no wave; allowed: ${[...keys].join(', ')}`,
    });
  return out;
}

/** Who the rollout enforces at its current phase. */
export interface RolloutPhase {
  /** Group keys of every wave up to and including the current phase, in wave order, each once. */
  readonly enforcedKeys: readonly string[];
  /** Whether those include the Everyone key. */
  readonly coversEveryone: boolean;
  /** The wave each group key joins in (its first). */
  readonly waveOf: ReadonlyMap<string, string>;
}

/** The phase of a plan; a phase that names no wave enforces nobody. */
export function rolloutPhase(plan: RolloutPlan, everyoneKey: string): RolloutPhase {
  const at = plan.waves.findIndex((w) => w.key === plan.currentPhase);
  const enforcedKeys = [...new Set(plan.waves.slice(0, at + 1).flatMap((w) => w.groups))];
  const waveOf = new Map<string, string>();
  for (const w of plan.waves) for (const g of w.groups) if (!waveOf.has(g)) waveOf.set(g, w.key);
  return { enforcedKeys, coversEveryone: enforcedKeys.includes(everyoneKey), waveOf };
}

// ---------------------------------------------------------------------------------------------------------
// Authenticators

/** An authenticator's status (ACTIVE, INACTIVE) and its enrollment (REQUIRED, OPTIONAL, NOT_ALLOWED). */
export interface AuthenticatorState {
  readonly status: string;
  readonly enrollment: string;
  /** Kept ACTIVE for password recovery only (an authenticator the registry marks keptForRecovery). */
  readonly recovery?: boolean;
}

/**
 * The authenticators: every one listed (Okta cannot delete one), an INACTIVE one not enrollable, password or
 * email REQUIRED, and Okta Verify or WebAuthn active and enrollable. Paths relative to the authenticators:
 * `<key>`, `<key>.enrollment`, or none for the set as a whole.
 */
export function authenticatorProblems(
  authenticators: Readonly<Partial<Record<ManagedAuthenticator, AuthenticatorState>>>,
): Problem[] {
  const out: Problem[] = [];
  const a = authenticators;
  for (const k of MANAGED_AUTHENTICATORS) {
    const spec = a[k];
    if (!spec) {
      out.push({
        path: [k],
        value: undefined,
        message:
          'Okta cannot delete an authenticator, only deactivate it: ' +
          'keep it listed with status INACTIVE and enrollment NOT_ALLOWED',
      });
    } else if (spec.status === 'INACTIVE' && spec.enrollment !== 'NOT_ALLOWED') {
      out.push({
        path: [k, 'enrollment'],
        value: spec.enrollment,
        message: 'an INACTIVE authenticator cannot be enrolled; allowed: NOT_ALLOWED',
      });
    }
  }
  out.push(...recoveryProblems(a));
  if (a.password?.enrollment !== 'REQUIRED' && a.email?.enrollment !== 'REQUIRED') {
    out.push({
      path: ['password', 'enrollment'],
      value: a.password?.enrollment,
      message:
        'Okta requires password or email to be REQUIRED in an enrollment policy; ' +
        'allowed: REQUIRED, or email REQUIRED',
    });
  }
  const strong = PHISHING_RESISTANT_CAPABLE.filter(
    (k) => a[k]?.status === 'ACTIVE' && a[k]?.enrollment !== 'NOT_ALLOWED',
  );
  if (strong.length === 0) {
    const none = a.phone?.enrollment === 'NOT_ALLOWED' ? ' (here: none at all)' : '';
    out.push({
      path: [],
      value: a,
      message:
        `no ACTIVE, enrollable ${PHISHING_RESISTANT_CAPABLE.join(' or ')}: ` +
        `SMS / voice (phone) would be the only second factor${none}, ` +
        'and the high and critical tiers could never be met',
    });
  }
  return out;
}

/**
 * An authenticator that is only ever kept for password recovery (the security question: guessable answers) is
 * INACTIVE, or ACTIVE with `recovery: true`, said explicitly; then people must be able to enroll it, or nobody has an
 * answer to recover with. Paths relative to the authenticators: `<key>.status`, `<key>.recovery`, `<key>.enrollment`.
 */
function recoveryProblems(a: Readonly<Partial<Record<ManagedAuthenticator, AuthenticatorState>>>): Problem[] {
  const out: Problem[] = [];
  for (const k of RECOVERY_KEEPABLE) {
    const spec = a[k];
    if (!spec) continue;
    const name = managedAuthenticator(k).name;
    if (spec.status === 'ACTIVE' && spec.recovery !== true)
      out.push({
        path: [k, 'status'],
        value: spec.status,
        message:
          `${name} answers are guessable: it is ACTIVE only to keep password recovery by it, said explicitly; ` +
          'allowed: INACTIVE, or ACTIVE with recovery: true (the password policy then offers recovery by it, ' +
          'and it is never a sign-in factor)',
      });
    if (spec.recovery === true && spec.status !== 'ACTIVE')
      out.push({
        path: [k, 'recovery'],
        value: true,
        message: `password recovery by ${name} needs it ACTIVE; allowed: false while its status is ${spec.status}`,
      });
    if (spec.recovery === true && spec.status === 'ACTIVE' && spec.enrollment === 'NOT_ALLOWED')
      out.push({
        path: [k, 'enrollment'],
        value: spec.enrollment,
        message: `kept for recovery, but nobody may enroll an answer to recover with; allowed: OPTIONAL, REQUIRED`,
      });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Minutes: the global session, re-authentication, emailed codes

/** A range of whole minutes. */
export type MinutesRange = WholeRange;

/** Global session lifetime of the enforced groups. */
export const SESSION_LIFETIME_MINUTES: MinutesRange = {
  min: 15,
  max: 1440,
  why: 'a session ends within a day; 0, unlimited, is refused',
};
/** Global session idle time of the enforced groups. */
export const SESSION_IDLE_MINUTES: MinutesRange = { min: 5, max: 240 };
/** Lifetime of an emailed code or link. */
export const EMAIL_TOKEN_LIFETIME_MINUTES: MinutesRange = { min: 1, max: 1440 };
/** Re-authentication interval of each app sign-on tier. */
export const REAUTHENTICATE_MINUTES: Readonly<Record<SignOnTier, MinutesRange>> = {
  standard: { min: 1, max: TIER_MAX_REAUTH_MINUTES.standard },
  high: { min: 1, max: TIER_MAX_REAUTH_MINUTES.high, why: 'the high tier re-authenticates at least every 2 hours' },
  critical: {
    min: 1,
    max: TIER_MAX_REAUTH_MINUTES.critical,
    why: 'the critical tier re-authenticates at least every 30 minutes',
  },
};

/** Why `value` is not whole minutes within `range`, or undefined when it is. */
export const minutesProblem = (value: number, range: MinutesRange): string | undefined =>
  wholeNumberProblem(value, range, 'minutes');

export interface SessionTimes {
  readonly sessionLifetimeMinutes: number;
  readonly sessionIdleMinutes: number;
}

/** The idle time within the session lifetime. Path relative to the session: `sessionIdleMinutes`. */
export function sessionProblems(session: SessionTimes, options?: RuleOptions): Problem[] {
  const { sessionLifetimeMinutes: lifetime, sessionIdleMinutes: idle } = session;
  if (!known(options, lifetime, idle) || idle <= lifetime) return [];
  return [
    {
      path: ['sessionIdleMinutes'],
      value: idle,
      message: `the idle time cannot exceed the session lifetime (${lifetime}); allowed: at most ${lifetime} minutes`,
    },
  ];
}

// ---------------------------------------------------------------------------------------------------------
// Tiers, devices and risk

/** A tier's re-authentication and device requirements. */
export interface TierDevices {
  /** Re-authentication interval, minutes. */
  readonly reauthenticateMinutes: number;
  /** Keys of device assurance policies, any one of which a device must meet. @default [] */
  readonly deviceAssurances?: readonly string[];
}

export interface RolloutTiers {
  readonly standard: TierDevices;
  readonly high: TierDevices;
  readonly critical: TierDevices & { readonly requireManagedDevice?: boolean };
}

/** What the org has for devices. */
export interface OrgDevices {
  /** The org has device management (MDM). */
  readonly deviceManagement: boolean;
  /** Keys of the device assurance policies declared beside the tiers. */
  readonly deviceAssuranceKeys: readonly string[];
}

/**
 * The tiers' device requirements: device assurances only on the high and critical tiers, each naming a
 * declared policy; a managed device only with device management. (Where a rule checks devices it states
 * `device_is_managed` from the org's device management: okta/okta 4.20.0 sends `managed` whenever it sends
 * `registered`, false when unset, resource_okta_app_signon_policy_rule.go:433-438.) Paths relative to the tiers:
 * `<tier>.deviceAssurances[i]`, `critical.requireManagedDevice`.
 */
export function tierDeviceProblems(tiers: RolloutTiers, org: OrgDevices): Problem[] {
  const out: Problem[] = [];
  const declared = org.deviceAssuranceKeys;
  for (const tier of ['high', 'critical'] as const) {
    (tiers[tier].deviceAssurances ?? []).forEach((k, i) => {
      if (!declared.includes(k))
        out.push({
          path: [tier, 'deviceAssurances', i],
          value: k,
          message: `no such device assurance policy; declared: ${declared.join(', ') || '(none)'}`,
        });
    });
  }
  const managed = tiers.critical.requireManagedDevice ?? false;
  if (managed && !org.deviceManagement)
    out.push({
      path: ['critical', 'requireManagedDevice'],
      value: true,
      message:
        'a managed device needs device management in the org: without it no device is ever managed and every ' +
        'sign-in to a critical app is denied; allowed: false, or true with deviceManagement true ' +
        '(or use deviceAssurances)',
    });
  const standard = tiers.standard.deviceAssurances ?? [];
  if (standard.length > 0)
    out.push({
      path: ['standard', 'deviceAssurances'],
      value: standard,
      message: 'only the high and critical tiers check devices; allowed: none',
    });
  return out;
}

/** HIGH-risk rules need risk scoring in the org. Path relative to the risk rules: none. */
export function highRiskProblems(highRisk: unknown, riskScoring: boolean): Problem[] {
  if (highRisk === undefined || riskScoring) return [];
  return [
    {
      path: [],
      value: highRisk,
      message:
        'risk rules need risk scoring in the org (orgs without it reject a riskScore condition): ' +
        'turn riskScoring on, or remove the risk rules',
    },
  ];
}

// ---------------------------------------------------------------------------------------------------------
// Network zones

export interface Blocklist {
  /** Country codes to deny. @default [] */
  readonly countries?: readonly string[];
  /** Anonymizers to deny: none, tor, any-proxy. @default 'none' */
  readonly anonymizers?: string;
}

/** The blocklist names something to block. Path relative to the blocklist: none. */
export function blocklistProblems(blocklist: Blocklist): Problem[] {
  if ((blocklist.countries ?? []).length > 0 || (blocklist.anonymizers ?? 'none') !== 'none') return [];
  return [
    {
      path: [],
      value: blocklist,
      message: 'name countries and/or anonymizers (tor, any-proxy): every policy denies the blocklist first',
    },
  ];
}

// ---------------------------------------------------------------------------------------------------------
// Okta's own admin surfaces

export interface AdminSurfaceGroups {
  /** Group keys the phishing-resistant rule applies to. */
  readonly groups: readonly string[];
  /** Group key of the break-glass accounts, excluded from the rule. */
  readonly breakGlassGroup: string;
  /** Admin roles the stack binds, by group key. @default {} */
  readonly roles?: Readonly<Record<string, readonly string[]>>;
  /** Authenticators (config names) the break-glass rule accepts beside the password. @default - security keys */
  readonly breakGlassAuthenticators?: readonly string[];
}

/**
 * The admin surfaces' groups: known; the break-glass group a declared group of its own, in no rollout wave
 * and not among the rule's groups; every group given an admin role is one the rule covers (or the break-glass
 * group, which its own rule covers), each role one Okta has; the break-glass accounts' authenticators hardware
 * protected and ACTIVE. Paths relative to the admin surfaces: `groups[i]`, `breakGlassGroup`, `roles.<key>`,
 * `roles.<key>[i]`, `breakGlassAuthenticators[i]`.
 */
export function adminSurfaceProblems(
  admin: AdminSurfaceGroups,
  waves: readonly RolloutWave[],
  groups: GroupKeys,
  authenticators?: Readonly<Partial<Record<ManagedAuthenticator, AuthenticatorState>>>,
): Problem[] {
  const out: Problem[] = [];
  admin.groups.forEach((g, i) => {
    if (!groups.has(g)) out.push({ path: ['groups', i], value: g, message: unknownGroupMessage(groups) });
  });
  const bg = admin.breakGlassGroup;
  const at = (message: string) => out.push({ path: ['breakGlassGroup'], value: bg, message });
  if (bg === groups.everyoneKey || !groups.has(bg)) {
    const declared = groups.declaredKeys ? `; declared: ${groups.declaredKeys.join(', ') || 'none'}` : '';
    at(`the break-glass accounts need a declared group of their own${declared}`);
  }
  for (const w of waves)
    if (w.groups.includes(bg))
      at(
        `${bg} is in rollout wave ${w.key}: break-glass accounts stay outside every rollout wave ` +
          '(the rollout must never be able to lock them out)',
      );
  if (admin.groups.includes(bg))
    at(`${bg} is also one of the groups the rule applies to: the rule must exclude it, not include it`);
  return [...out, ...adminRoleProblems(admin, groups), ...breakGlassAuthenticatorProblems(admin, authenticators)];
}

/** Roles go to declared groups the admin rule (or the break-glass rule) covers, each an Okta role type, once. */
function adminRoleProblems(admin: AdminSurfaceGroups, groups: GroupKeys): Problem[] {
  const out: Problem[] = [];
  const coversEveryone = admin.groups.includes(groups.everyoneKey);
  for (const [key, roles] of Object.entries(admin.roles ?? {})) {
    const at = (message: string) => out.push({ path: ['roles', key], value: key, message });
    if (key === groups.everyoneKey) at('an admin role for Everyone makes every user an administrator; name a group');
    else if (!groups.has(key)) at(unknownGroupMessage(groups));
    else if (key !== admin.breakGlassGroup && !coversEveryone && !admin.groups.includes(key))
      at(
        `${key} would hold an admin role outside the admin rule: add it to the groups the rule applies to ` +
          `(or apply the rule to ${groups.everyoneKey})`,
      );
    if (roles.length === 0) at('at least one role, or leave the group out');
    const seen = new Set<string>();
    roles.forEach((role, i) => {
      const message = adminRoleProblem(role) ?? (seen.has(role) ? 'each role once' : undefined);
      if (message) out.push({ path: ['roles', key, i], value: role, message });
      seen.add(role);
    });
  }
  return out;
}

/** The break-glass rule's second factor: hardware-protected authenticators only, each one ACTIVE. */
function breakGlassAuthenticatorProblems(
  admin: AdminSurfaceGroups,
  authenticators: Readonly<Partial<Record<ManagedAuthenticator, AuthenticatorState>>> | undefined,
): Problem[] {
  const list = admin.breakGlassAuthenticators;
  if (list === undefined) return [];
  const allowed = HARDWARE_PROTECTED_AUTHENTICATORS.join(', ');
  if (list.length === 0)
    return [
      {
        path: ['breakGlassAuthenticators'],
        value: list,
        message: `at least one hardware-protected authenticator for the break-glass accounts; allowed: ${allowed}`,
      },
    ];
  const out: Problem[] = [];
  list.forEach((name, i) => {
    const at = (message: string) => out.push({ path: ['breakGlassAuthenticators', i], value: name, message });
    if (!(HARDWARE_PROTECTED_AUTHENTICATORS as readonly string[]).includes(name))
      at(
        'break-glass accounts sign in with their password and a hardware-protected, phishing-resistant ' +
          `authenticator only; allowed: ${allowed}`,
      );
    else if (authenticators && authenticators[name as ManagedAuthenticator]?.status !== 'ACTIVE')
      at(
        `${name} is not ACTIVE (identity.mfa.authenticators), so the break-glass accounts could not sign in: keep ` +
          `it ACTIVE, or list another hardware-protected authenticator; allowed: ${allowed}`,
      );
  });
  return out;
}
