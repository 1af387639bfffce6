/**
 * The ways a person can sign in, weakest first, and how a sign-in meets Okta's requirements: a global
 * session rule's MFA and primary factor, and an app sign-on rule's factor mode and authenticator
 * constraints. Constraint JSON is parsed by the guardrails' reader (`constraintsOf`); nothing here
 * parses it a second time.
 *
 * The authenticators, their factor classes, constraint types, phishing resistance and sign-in methods come
 * from the authenticator registry (domain/okta/authenticators.ts, which cites Okta's documentation): every
 * authenticator with sign-in methods there is one the simulator knows. User verification (biometrics or PIN)
 * comes from each authenticator's settings: Okta Verify's `userVerification`, WebAuthn's `userVerification`
 * (Okta's default for WebAuthn is DISCOURAGED).
 */
import { isObject, type Json } from '../synthesized/model';
import { constraintsOf } from '../synthesized/facts';
import { factorModeOf } from '../synthesized/defaults';
import { classInForce } from '../domain/okta/sign-on-constraints';
import {
  AUTHENTICATOR_LIST,
  isPhishingResistant,
  weakestFirst,
  type AUTHENTICATORS,
  type AuthenticatorEntry,
  type FactorClass,
  type OktaKey,
  type SignInMethod,
} from '../domain/okta/authenticators';
import type { TfResource } from '../synthesized/model';

/** The Okta key of an authenticator whose sign-ins the simulator models. */
export type SimulatedAuthenticator = {
  [K in OktaKey]: (typeof AUTHENTICATORS)[K] extends { readonly signIn: readonly unknown[] } ? K : never;
}[OktaKey];

const SIMULATED = weakestFirst(AUTHENTICATOR_LIST.filter((a) => a.signIn !== undefined));

/**
 * Okta authenticator keys the simulator knows (okta_authenticator.key, okta_policy_mfa attribute names), weakest
 * first: knowledge, then possession from weakest to phishing resistant.
 */
export const SIMULATED_AUTHENTICATORS: readonly SimulatedAuthenticator[] = SIMULATED.map(
  (a) => a.key as SimulatedAuthenticator,
);

/** One factor used in a sign-in, with the properties Okta's possession constraints test. */
export interface Factor {
  readonly authenticator: SimulatedAuthenticator;
  /** Okta's method key for `authenticationMethods` (e.g. `signed_nonce` for FastPass). */
  readonly method: string;
  readonly factorClass: FactorClass;
  /** The constraint `types` value it counts as: password, email, phone, app, security_key. */
  readonly type: string;
  readonly phishingResistant: boolean;
  readonly deviceBound: boolean;
  readonly hardwareProtection: boolean;
  readonly userPresence: boolean;
  /** Whether user verification can be asked for; whether it is depends on the authenticator settings. */
  readonly verifiable: boolean;
  /** Needs Okta Verify on the signing-in device (a registered device). */
  readonly needsRegisteredDevice: boolean;
}

const factorOf = (a: AuthenticatorEntry, m: SignInMethod): Factor => ({
  authenticator: a.key as SimulatedAuthenticator,
  method: m.method,
  factorClass: a.factor,
  type: a.type ?? a.key,
  phishingResistant: isPhishingResistant(a.key, m.method),
  deviceBound: m.deviceBound ?? false,
  hardwareProtection: m.hardwareProtection ?? false,
  userPresence: m.userPresence ?? false,
  verifiable: m.verifiable ?? false,
  needsRegisteredDevice: m.needsRegisteredDevice ?? false,
});

/** A way to sign in: the factors used, in order. */
export interface SignIn {
  readonly label: string;
  readonly factors: readonly Factor[];
}

/** The primary factor (the password): alone, or first before every other method. */
const PRIMARY = SIMULATED.find((a) => a.primary)!;
const PASSWORD = factorOf(PRIMARY, PRIMARY.signIn![0]);

/**
 * Every sign-in the simulator tries, in order; `rankOf` orders them weakest first: the password alone, then each
 * other method after the password, a passwordless one (FastPass, WebAuthn) also alone, just before.
 */
export const SIGN_INS: readonly SignIn[] = [
  { label: PRIMARY.signIn![0].label, factors: [PASSWORD] },
  ...SIMULATED.filter((a) => a !== PRIMARY).flatMap((a) =>
    a.signIn!.flatMap((m) => {
      const f = factorOf(a, m);
      const afterPassword = { label: `${PRIMARY.signIn![0].label} + ${m.label}`, factors: [PASSWORD, f] };
      return m.passwordless ? [{ label: m.passwordless, factors: [f] }, afterPassword] : [afterPassword];
    }),
  ),
];

/** Strength names by rank: 0 is no sign-in at all (a public route or a machine client). */
export const RANKS = [
  'no sign-in',
  'one factor',
  'two factors (phishable)',
  'two factors (device-bound, phishable)',
  'phishing-resistant',
  'phishing-resistant, device-bound, user-verified',
] as const;

/** Authenticator settings that change what a factor proves: user verification by authenticator. */
export type Verification = ReadonlyMap<SimulatedAuthenticator, boolean>;

/** Whether each authenticator verifies the user (biometrics or PIN), from its `settings` JSON. */
export function verificationOf(authenticators: readonly TfResource[]): Verification {
  const out = new Map<SimulatedAuthenticator, boolean>();
  for (const a of authenticators) {
    const key = a.attrs.key as SimulatedAuthenticator;
    let uv: Json | undefined;
    try {
      const s = typeof a.attrs.settings === 'string' ? (JSON.parse(a.attrs.settings) as Json) : undefined;
      uv = isObject(s) ? s.userVerification : undefined;
    } catch {
      uv = undefined;
    }
    out.set(key, uv === 'REQUIRED');
  }
  return out;
}

const verified = (f: Factor, v: Verification): boolean => f.verifiable && (v.get(f.authenticator) ?? false);

/** Factor types a sign-in proves: knowledge, possession, and inherence through user verification. */
export function factorTypes(s: SignIn, v: Verification): number {
  const types = new Set<string>(s.factors.map((f) => f.factorClass));
  if (s.factors.some((f) => verified(f, v))) types.add('inherence');
  return types.size;
}

/** Strength rank of a sign-in (an index into RANKS). */
export function rankOf(s: SignIn, v: Verification): number {
  const possession = s.factors.filter((f) => f.factorClass === 'possession');
  if (possession.some((f) => f.phishingResistant && f.deviceBound && f.hardwareProtection && verified(f, v))) return 5;
  if (possession.some((f) => f.phishingResistant)) return 4;
  if (factorTypes(s, v) < 2) return 1;
  return possession.some((f) => f.deviceBound) ? 3 : 2;
}

/** What a global session rule asks of the sign-in. */
export interface SessionRequirement {
  readonly mfaRequired: boolean;
  /** primary_factor PASSWORD_IDP: the password (or IdP) comes first; passwordless is not offered. */
  readonly passwordFirst: boolean;
}

/** Why a sign-in does not meet a global session rule, or undefined when it does. */
export function sessionShortfall(s: SignIn, req: SessionRequirement, v: Verification): string | undefined {
  if (req.passwordFirst && s.factors[0]?.authenticator !== PRIMARY.key)
    return "the rule's primary factor is the password (PASSWORD_IDP)";
  if (req.mfaRequired && factorTypes(s, v) < 2) return 'the rule requires MFA (two factor types)';
  return undefined;
}

/** Why a sign-in does not meet an app sign-on rule (factor mode and constraints), or undefined. */
export function appRuleShortfall(s: SignIn, rule: TfResource, v: Verification): string | undefined {
  const mode = factorModeOf(rule);
  if (mode === '2FA' && factorTypes(s, v) < 2) return 'factor_mode 2FA needs two factor types';
  const parsed = constraintsOf(rule);
  if (parsed.length === 0) return undefined;
  const usable = parsed.filter((c) => c.value !== undefined);
  if (usable.length === 0) return `its constraints cannot be read (${parsed[0].error})`;
  // Okta ORs the constraint objects of the list: one satisfied object suffices.
  const misses = usable.map((c) => constraintShortfall(s, c.value!, v));
  return misses.includes(undefined) ? undefined : misses.join('; or ');
}

function constraintShortfall(s: SignIn, c: { [key: string]: Json }, v: Verification): string | undefined {
  const k = classInForce(c, 'knowledge');
  if (k) {
    const types = Array.isArray(k.types) ? k.types : undefined;
    if (!s.factors.some((f) => f.factorClass === 'knowledge' && (!types || types.includes(f.type))))
      return 'a knowledge factor (password) is required';
  }
  const p = classInForce(c, 'possession') as { [key: string]: Json } | undefined;
  if (p) {
    const why = possessionShortfall(p);
    const fits = s.factors.filter((f) => f.factorClass === 'possession').map((f) => why(f, v));
    if (fits.length === 0) return 'a possession factor is required';
    if (!fits.includes(undefined)) return fits[0];
  }
  return undefined;
}

function possessionShortfall(p: { [key: string]: Json }): (f: Factor, v: Verification) => string | undefined {
  const methods = (x: Json | undefined) => (Array.isArray(x) ? x.filter(isObject) : []);
  const listed = methods(p.authenticationMethods);
  const excluded = methods(p.excludedAuthenticationMethods);
  const same = (f: Factor) => (m: { [key: string]: Json }) =>
    m.key === f.authenticator && (m.method === undefined || m.method === f.method);
  return (f, v) => {
    if (Array.isArray(p.types) && !p.types.includes(f.type))
      return `${f.type} is not one of the allowed types ${p.types.join(', ')}`;
    if (listed.length > 0 && !listed.some(same(f)))
      return `${f.authenticator} (${f.method}) is not one of the allowed methods`;
    if (excluded.some(same(f))) return `${f.authenticator} (${f.method}) is excluded`;
    if (p.phishingResistant === 'REQUIRED' && !f.phishingResistant) return 'a phishing-resistant factor is required';
    if (p.deviceBound === 'REQUIRED' && !f.deviceBound) return 'a device-bound factor is required';
    if (p.hardwareProtection === 'REQUIRED' && !f.hardwareProtection) return 'a hardware-protected factor is required';
    if (p.userPresence === 'REQUIRED' && !f.userPresence) return 'user presence is required';
    if (p.userVerification === 'REQUIRED' && !verified(f, v))
      return 'user verification (biometrics or PIN) is required';
    return undefined;
  };
}
