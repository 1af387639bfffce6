/**
 * Typed authenticator constraints for Okta app sign-on (authentication) policy rules, and the
 * assurance each sign-on tier guarantees.
 *
 * `okta_app_signon_policy_rule.constraints` is a list of free JSON strings. Okta ignores a key it does
 * not know (`posession` instead of `possession`), which silently turns "phishing-resistant required"
 * into "anything goes". Everything here is built from typed values and checked key by key, so a typo
 * fails at synth instead.
 *
 * Okta's constraint object has two classes, `knowledge` and `possession`. There is no configurable
 * `inherence` class: biometrics count through user verification on a possession factor. The builder
 * accepts `inherence: { userVerification: 'REQUIRED' }` and writes it where Okta reads it
 * (`possession.userVerification`).
 */
import { AUTHENTICATOR_TYPES, isPhishingResistant, type KnowledgeType, type PossessionType } from './authenticators';

/** A requirement level Okta uses on possession constraint properties. */
export type ConstraintLevel = 'REQUIRED' | 'OPTIONAL';

/** Authenticator types a possession constraint may name (Okta's lower-case API spelling). */
export const POSSESSION_TYPES = AUTHENTICATOR_TYPES.possession;
export type { PossessionType };

/** Authenticator types a knowledge constraint may name. */
export const KNOWLEDGE_TYPES = AUTHENTICATOR_TYPES.knowledge;
export type { KnowledgeType };

export interface PossessionConstraintSpec {
  /** Only these authenticator types satisfy the constraint. @default - any possession authenticator */
  readonly types?: readonly PossessionType[];
  /** FIDO2/WebAuthn or Okta FastPass only. @default - not constrained (Okta: OPTIONAL) */
  readonly phishingResistant?: ConstraintLevel;
  /** Excludes phone and email: the factor is bound to one device. @default - not constrained */
  readonly deviceBound?: ConstraintLevel;
  /** Keys live in hardware and cannot be exported. @default - not constrained */
  readonly hardwareProtection?: ConstraintLevel;
  /** The user approves a prompt or touches the key. @default - not constrained (Okta: REQUIRED) */
  readonly userPresence?: ConstraintLevel;
  /** PIN or biometrics on the possession factor. @default - not constrained */
  readonly userVerification?: ConstraintLevel;
  /** Re-authenticate this factor at least this often, in minutes. @default - the rule's frequency */
  readonly reauthenticateMinutes?: number;
}

export interface KnowledgeConstraintSpec {
  /** Only these authenticator types satisfy the constraint. @default - any knowledge authenticator */
  readonly types?: readonly KnowledgeType[];
  /** Re-authenticate this factor at least this often, in minutes. @default - the rule's frequency */
  readonly reauthenticateMinutes?: number;
}

export interface InherenceConstraintSpec {
  /** Biometrics or PIN: serialized as `possession.userVerification`. */
  readonly userVerification: 'REQUIRED';
}

/** One constraint object: every class given must be satisfied (Okta ORs the objects of a list). */
export interface SignOnConstraintSpec {
  readonly possession?: PossessionConstraintSpec;
  readonly knowledge?: KnowledgeConstraintSpec;
  readonly inherence?: InherenceConstraintSpec;
}

/** One class of a constraint object as Okta reads it back. */
export type ConstraintClassJson = { required: true } & Record<string, string | string[] | boolean>;

/**
 * The JSON Okta expects for one constraint object. Each class carries `required: true`: the okta
 * provider 4.20.0 sends and reads back `required` on both classes (no omitempty,
 * sdk/v2_possessionConstraint.go:10, sdk/v2_knowledgeConstraint.go:10) and compares the JSON with a
 * DeepEqual, so a class without it would show a change on every plan.
 */
export type SignOnConstraintJson = {
  possession?: ConstraintClassJson;
  knowledge?: ConstraintClassJson;
};

/** Possession properties whose value is REQUIRED or OPTIONAL. */
export const POSSESSION_LEVEL_KEYS = [
  'phishingResistant',
  'deviceBound',
  'hardwareProtection',
  'userPresence',
  'userVerification',
] as const;
export type PossessionLevelKey = (typeof POSSESSION_LEVEL_KEYS)[number];

const LEVELS: readonly string[] = ['REQUIRED', 'OPTIONAL'];
const CLASS_KEYS = ['possession', 'knowledge', 'inherence'] as const;
const POSSESSION_KEYS = ['types', ...POSSESSION_LEVEL_KEYS, 'reauthenticateMinutes'] as const;
const KNOWLEDGE_KEYS = ['types', 'reauthenticateMinutes'] as const;
const INHERENCE_KEYS = ['userVerification'] as const;

/**
 * Checks a constraint spec key by key and returns the JSON object Okta expects. Unknown keys, unknown
 * values and empty constraints throw, naming the key, the value and what is allowed. The input may come
 * from untyped sources (JSON, YAML), so it is checked as `unknown`.
 */
export function buildSignOnConstraint(spec: SignOnConstraintSpec): SignOnConstraintJson {
  const fail = (path: string, value: unknown, allowed: string): never => {
    throw new Error(`sign-on constraint: ${path} = ${JSON.stringify(value)} is invalid: ${allowed}`);
  };
  const raw = spec as unknown;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    fail('(constraint)', raw, 'an object with possession, knowledge and/or inherence');
  const input = raw as Record<string, unknown>;
  checkKeys(input, CLASS_KEYS, '', fail);
  if (CLASS_KEYS.every((k) => input[k] === undefined))
    fail(
      '(constraint)',
      input,
      'at least one of possession, knowledge, inherence (an empty constraint allows anything)',
    );

  const out: SignOnConstraintJson = {};
  const possession: Record<string, string | string[]> = {};
  let possessionGiven = false;
  if (input.possession !== undefined) {
    possessionGiven = true;
    const p = objectAt(input.possession, 'possession', fail);
    checkKeys(p, POSSESSION_KEYS, 'possession.', fail);
    if (p.types !== undefined) possession.types = listOf(p.types, POSSESSION_TYPES, 'possession.types', fail);
    for (const k of POSSESSION_LEVEL_KEYS) {
      if (p[k] === undefined) continue;
      if (!LEVELS.includes(p[k] as string)) fail(`possession.${k}`, p[k], LEVELS.join(', '));
      possession[k] = p[k] as string;
    }
    if (p.reauthenticateMinutes !== undefined)
      possession.reauthenticateIn = isoMinutes(p.reauthenticateMinutes, 'possession.reauthenticateMinutes', fail);
  }
  if (input.inherence !== undefined) {
    const inh = objectAt(input.inherence, 'inherence', fail);
    checkKeys(inh, INHERENCE_KEYS, 'inherence.', fail);
    if (inh.userVerification !== 'REQUIRED')
      fail('inherence.userVerification', inh.userVerification, 'REQUIRED (Okta has no other inherence setting)');
    if (possession.userVerification === 'OPTIONAL') {
      fail(
        'possession.userVerification',
        'OPTIONAL',
        'REQUIRED or unset when inherence.userVerification is REQUIRED (they are the same Okta property)',
      );
    }
    possession.userVerification = 'REQUIRED';
    possessionGiven = true;
  }
  if (possessionGiven) out.possession = { required: true, ...possession };
  if (input.knowledge !== undefined) {
    const k = objectAt(input.knowledge, 'knowledge', fail);
    checkKeys(k, KNOWLEDGE_KEYS, 'knowledge.', fail);
    const knowledge: Record<string, string | string[]> = {};
    if (k.types !== undefined) knowledge.types = listOf(k.types, KNOWLEDGE_TYPES, 'knowledge.types', fail);
    if (k.reauthenticateMinutes !== undefined)
      knowledge.reauthenticateIn = isoMinutes(k.reauthenticateMinutes, 'knowledge.reauthenticateMinutes', fail);
    out.knowledge = { required: true, ...knowledge };
  }
  return out;
}

/** `buildSignOnConstraint` serialized: one element of a rule's `constraints` list. */
export function signOnConstraintJson(spec: SignOnConstraintSpec): string {
  return JSON.stringify(buildSignOnConstraint(spec));
}

/** Phishing-resistant possession (FIDO2/WebAuthn or Okta FastPass) with the user present. */
export const PHISHING_RESISTANT: SignOnConstraintSpec = {
  possession: { phishingResistant: 'REQUIRED', userPresence: 'REQUIRED' },
};

/**
 * Phishing-resistant possession bound to one device with its keys in hardware, the user present: a hardware
 * security key or a platform authenticator (WebAuthn), or Okta Verify FastPass. A synced passkey (its key leaves
 * the device) does not meet it. What Okta's own admin surfaces require of administrators.
 */
export const PHISHING_RESISTANT_HARDWARE: SignOnConstraintSpec = {
  possession: {
    phishingResistant: 'REQUIRED',
    deviceBound: 'REQUIRED',
    hardwareProtection: 'REQUIRED',
    userPresence: 'REQUIRED',
  },
};

/** Phishing-resistant, device-bound, hardware-protected possession, verified by PIN or biometrics. */
export const PHISHING_RESISTANT_DEVICE_BOUND: SignOnConstraintSpec = {
  possession: {
    phishingResistant: 'REQUIRED',
    deviceBound: 'REQUIRED',
    hardwareProtection: 'REQUIRED',
    userPresence: 'REQUIRED',
  },
  inherence: { userVerification: 'REQUIRED' },
};

/** Sensitivity tiers of app sign-on policies, weakest first. */
export const SIGN_ON_TIERS = ['standard', 'high', 'critical'] as const;
export type SignOnTier = (typeof SIGN_ON_TIERS)[number];

/** Sign-in assurance a scope may require, weakest first. */
export const ASSURANCE_LEVELS = ['mfa', 'phishing-resistant', 'phishing-resistant-device-bound'] as const;
export type AssuranceLevel = (typeof ASSURANCE_LEVELS)[number];

/**
 * The assurance every sign-in to an app of this tier is guaranteed to have reached, or undefined for
 * none. The standard tier requires two factors only from groups the rollout enforces, so it
 * guarantees MFA only once the rollout covers everyone.
 */
export function tierGuarantee(tier: SignOnTier, rolloutCoversEveryone: boolean): AssuranceLevel | undefined {
  switch (tier) {
    case 'critical':
      return 'phishing-resistant-device-bound';
    case 'high':
      return 'phishing-resistant';
    case 'standard':
      return rolloutCoversEveryone ? 'mfa' : undefined;
  }
}

/** Upper bounds of each tier's re-authentication interval, minutes. */
export const TIER_MAX_REAUTH_MINUTES: Record<SignOnTier, number> = { standard: 1440, high: 120, critical: 30 };

/** Whether `reached` is at least `required`. */
export function satisfies(reached: AssuranceLevel | undefined, required: AssuranceLevel): boolean {
  return reached !== undefined && ASSURANCE_LEVELS.indexOf(reached) >= ASSURANCE_LEVELS.indexOf(required);
}

/** Minutes as an ISO 8601 duration the way Okta writes it back (PT2H, PT30M, PT1H30M). */
export function isoDurationMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `PT${h > 0 ? `${h}H` : ''}${m > 0 || h === 0 ? `${m}M` : ''}`;
}

type Fail = (path: string, value: unknown, allowed: string) => never;

function checkKeys(obj: Record<string, unknown>, allowed: readonly string[], prefix: string, fail: Fail): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k))
      fail(`${prefix}${k}`, obj[k], `unknown key (Okta would silently ignore it); allowed: ${allowed.join(', ')}`);
  }
}

function objectAt(value: unknown, path: string, fail: Fail): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(path, value, 'an object');
  return value as Record<string, unknown>;
}

function listOf(value: unknown, allowed: readonly string[], path: string, fail: Fail): string[] {
  if (!Array.isArray(value) || value.length === 0) fail(path, value, `a non-empty list of ${allowed.join(', ')}`);
  for (const v of value as unknown[]) if (!allowed.includes(v as string)) fail(path, v, allowed.join(', '));
  return [...(value as string[])];
}

function isoMinutes(value: unknown, path: string, fail: Fail): string {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 7 * 24 * 60)
    fail(path, value, 'whole minutes from 1 to 10080');
  return isoDurationMinutes(value as number);
}

// ---- Reading constraints back (from synthesized JSON): the other half of the same vocabulary ----

/** A JSON object as read back. */
export type ConstraintObject = { readonly [key: string]: unknown };

/** One element of a rule's `constraints` list as read back: the object, or why it cannot be read. */
export interface ReadConstraint {
  readonly raw: string;
  readonly value?: ConstraintObject;
  readonly error?: string;
}

const isPlainObject = (v: unknown): v is ConstraintObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses one element of a rule's `constraints` list (a JSON string). */
export function readSignOnConstraint(raw: string): ReadConstraint {
  if (raw.includes('${')) {
    return { raw, error: 'is computed at apply time and cannot be checked; build constraints from typed values' };
  }
  try {
    const value: unknown = JSON.parse(raw);
    return isPlainObject(value) ? { raw, value } : { raw, error: 'is not a JSON object' };
  } catch {
    return { raw, error: 'is not valid JSON' };
  }
}

/**
 * A constraint class (possession, knowledge) when it is in force: present, an object, and not marked
 * `required: false` (Terraform JSON may carry the boolean as the string "false").
 */
export function classInForce(c: ConstraintObject, klass: 'possession' | 'knowledge'): ConstraintObject | undefined {
  const v = c[klass];
  return isPlainObject(v) && v.required !== false && v.required !== 'false' ? v : undefined;
}

/**
 * Whether authentication methods are pinned to phishing-resistant ones only (FIDO2/WebAuthn, FastPass: Okta Verify's
 * signed nonce; the authenticator registry says which).
 */
function pinnedToPhishingResistant(p: ConstraintObject): boolean {
  const methods = Array.isArray(p.authenticationMethods) ? p.authenticationMethods.filter(isPlainObject) : [];
  return (
    methods.length > 0 &&
    methods.every(
      (m) =>
        typeof m.key === 'string' && isPhishingResistant(m.key, typeof m.method === 'string' ? m.method : undefined),
    )
  );
}

/**
 * The possession properties a constraint requires: those set to REQUIRED in a possession class in force;
 * phishing resistance also when the class pins its methods to phishing-resistant ones.
 */
export function requiredPossession(c: ConstraintObject): ReadonlySet<PossessionLevelKey> {
  const p = classInForce(c, 'possession');
  if (!p) return new Set();
  const out = new Set(POSSESSION_LEVEL_KEYS.filter((k) => p[k] === 'REQUIRED'));
  if (pinnedToPhishingResistant(p)) out.add('phishingResistant');
  return out;
}

/**
 * Whether a constraint requires phishing-resistant possession bound to a device with hardware-held keys (what a
 * synced passkey cannot give).
 */
export function requiresHardwareBound(c: ConstraintObject): boolean {
  const required = requiredPossession(c);
  return (['phishingResistant', 'deviceBound', 'hardwareProtection'] as const).every((k) => required.has(k));
}

/** The assurance a sign-in meeting this constraint has reached, given whether its rule requires two factors. */
export function constraintAssurance(c: ConstraintObject, twoFactors: boolean): AssuranceLevel | undefined {
  const required = requiredPossession(c);
  if (required.has('phishingResistant')) {
    return required.has('deviceBound') ? 'phishing-resistant-device-bound' : 'phishing-resistant';
  }
  return twoFactors ? 'mfa' : undefined;
}
