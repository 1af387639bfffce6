/**
 * The declarations contract: what a stack records about itself beyond its resources, under the
 * synthesized JSON's top-level `//` comment block (Terraform ignores it). The stack builds it (with
 * `satisfies StackDeclarations`, stacks/declarations.ts); the guardrails, the review, the simulator
 * and the release tooling read it here, so none of them parses stack names or guesses from names.
 */
import { SIGN_ON_TIERS, type AssuranceLevel, type SignOnTier } from '../domain/okta/sign-on-constraints';
import { isObject, stringList, type Json } from './json';

/** The key under `//` the declarations live at. */
export const DECLARATIONS_KEY = 'guardrails';

/** A suppression as recorded in the synthesized stack (validated by the guardrails engine). */
export interface RecordedSuppression {
  readonly ruleId: string;
  /** Resource address (`type.name`), or the stack name for stack-level findings. */
  readonly address: string;
  readonly reason: string;
  /** Last day the suppression applies, `YYYY-MM-DD`. */
  readonly expires?: string;
}

/** The MFA rollout's waves in order (groups by display name) and the current phase (a wave key). */
export interface RecordedRollout {
  readonly currentPhase: string;
  readonly waves: readonly { readonly key: string; readonly groups: readonly string[] }[];
}

/** The break-glass group kept outside the admin surfaces' rule: its name, members' logins, allowed size. */
export interface RecordedBreakGlass {
  readonly group: string;
  readonly members: readonly string[];
  readonly maxMembers: number;
}

/**
 * What the environment declares about its Okta org (config `okta.riskScoring`, `okta.identityProviderConditions`,
 * `identity.mfa.deviceManagement`): which conditions the org takes in sign-on rules (and so returns on every rule),
 * and whether any device can be managed. The conformance read-back models and the simulator read it.
 */
export interface RecordedOrg {
  readonly riskScoring: boolean;
  readonly identityProviderConditions: boolean;
  readonly deviceManagement: boolean;
}

/** The password policy's deliberate departures from guidance, with their reasons. */
export interface RecordedPasswordPolicy {
  /** Why the minimum length is below the guidance (identity.mfa.passwordPolicy.minLengthOverride.reason). */
  readonly minLengthOverride?: string;
}

/** What the stack writes (empty optional parts are left out of the JSON). */
export interface StackDeclarations {
  /** The environment the stack deploys (dev, staging, prod, ...). */
  readonly environment: string;
  /** App sign-on policy address (`okta_app_signon_policy.<name>`) -> its sensitivity tier. @default {} */
  readonly policyTiers?: { readonly [policyAddress: string]: SignOnTier };
  /** Route key -> why the route is public (unauthenticated). */
  readonly publicRoutes: { readonly [routeKey: string]: string };
  /** Accepted guardrail findings. @default [] */
  readonly suppressions?: readonly RecordedSuppression[];
  /** In gateway-only mode: the issuer, audience and scopes of the authorization server run elsewhere. */
  readonly externalIssuer?: {
    readonly issuer: string;
    readonly audience: readonly string[];
    readonly scopes: readonly string[];
  };
  /** Scope name -> the sign-in assurance a token carrying it must come from. @default {} */
  readonly scopeAssurance?: { readonly [scope: string]: AssuranceLevel };
  /** The MFA rollout, when the stack manages one. */
  readonly rollout?: RecordedRollout;
  /** The break-glass group of the admin surfaces, when configured. */
  readonly breakGlass?: RecordedBreakGlass;
  /** The Okta org's features, when the stack manages the Okta half. */
  readonly org?: RecordedOrg;
  /** The password policy's departures from guidance, when there are any. */
  readonly passwordPolicy?: RecordedPasswordPolicy;
}

/** The declarations as read back: every part present (empty when the stack declared none). */
export interface Declarations {
  /** Undefined only for JSON that carries no declarations at all (not synthesized by this project). */
  readonly environment?: string;
  readonly policyTiers: { readonly [policyAddress: string]: SignOnTier };
  readonly publicRoutes: { readonly [routeKey: string]: string };
  readonly suppressions: readonly RecordedSuppression[];
  readonly externalIssuer?: StackDeclarations['externalIssuer'];
  /** Kept as written (an unknown level still counts as a requirement, so the rules can flag it). */
  readonly scopeAssurance: { readonly [scope: string]: string };
  readonly rollout?: RecordedRollout;
  readonly breakGlass?: RecordedBreakGlass;
  /** Undefined for a stack that declares none (then nothing is assumed about the org). */
  readonly org?: RecordedOrg;
  readonly passwordPolicy: RecordedPasswordPolicy;
}

const text = (v: Json | undefined): string => (typeof v === 'string' ? v : '');

/** The string-valued entries of an object whose values pass `ok`. */
function entriesOf<T extends string>(v: Json | undefined, ok: (s: string) => s is T): { [key: string]: T } {
  if (!isObject(v)) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, T] => typeof e[1] === 'string' && ok(e[1])));
}
const anyString = (_s: string): _s is string => true;
const isTier = (s: string): s is SignOnTier => (SIGN_ON_TIERS as readonly string[]).includes(s);

/**
 * Reads the declarations of a synthesized stack. JSON without a `//` declarations block reads as empty.
 * A block without an environment was written before the contract existed: that fails, naming the stack,
 * rather than guessing the environment from the stack name.
 */
export function readDeclarations(stackName: string, json: { readonly [key: string]: Json }): Declarations {
  const comment = isObject(json['//']) ? json['//'] : {};
  const g = comment[DECLARATIONS_KEY];
  if (!isObject(g))
    return { policyTiers: {}, publicRoutes: {}, suppressions: [], scopeAssurance: {}, passwordPolicy: {} };
  if (typeof g.environment !== 'string' || g.environment === '') {
    throw new Error(
      `${stackName}: the // ${DECLARATIONS_KEY} block names no environment: the stack was synthesized before ` +
        'the declarations contract; synthesize it again with this version',
    );
  }
  const ext = isObject(g.externalIssuer) ? g.externalIssuer : undefined;
  const r = isObject(g.rollout) ? g.rollout : undefined;
  const bg = isObject(g.breakGlass) ? g.breakGlass : undefined;
  const org = isObject(g.org) ? g.org : undefined;
  const pp = isObject(g.passwordPolicy) ? g.passwordPolicy : {};
  return {
    environment: g.environment,
    policyTiers: entriesOf(g.policyTiers, isTier),
    publicRoutes: entriesOf(g.publicRoutes, anyString),
    suppressions: Array.isArray(g.suppressions)
      ? g.suppressions.filter(isObject).map((s) => ({
          ruleId: text(s.ruleId),
          address: text(s.address),
          reason: text(s.reason),
          expires: typeof s.expires === 'string' ? s.expires : undefined,
        }))
      : [],
    externalIssuer:
      ext && typeof ext.issuer === 'string'
        ? { issuer: ext.issuer, audience: stringList(ext.audience), scopes: stringList(ext.scopes) }
        : undefined,
    scopeAssurance: entriesOf(g.scopeAssurance, anyString),
    rollout:
      r && typeof r.currentPhase === 'string' && Array.isArray(r.waves)
        ? {
            currentPhase: r.currentPhase,
            waves: r.waves.filter(isObject).map((w) => ({ key: text(w.key), groups: stringList(w.groups) })),
          }
        : undefined,
    breakGlass: bg
      ? {
          group: text(bg.group),
          members: stringList(bg.members),
          maxMembers: typeof bg.maxMembers === 'number' ? bg.maxMembers : 0,
        }
      : undefined,
    org: org
      ? {
          riskScoring: org.riskScoring === true,
          identityProviderConditions: org.identityProviderConditions === true,
          deviceManagement: org.deviceManagement === true,
        }
      : undefined,
    passwordPolicy: typeof pp.minLengthOverride === 'string' ? { minLengthOverride: pp.minLengthOverride } : {},
  };
}
