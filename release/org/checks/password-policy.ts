/**
 * password-policy-weakened (blocker): okta_policy_password_default PUTs the whole default password policy
 * (okta provider v4.20.0 okta/resource_okta_policy_password_default.go:272-351, buildDefaultPasswordPolicy):
 * every setting the stack leaves unset goes out as the provider's default (8 characters, history 4, lockout
 * after 10, no dictionary check, :34-176) over the org's own. Each setting that is stronger in the org today
 * than what the stack would PUT (synthesized/read-model.ts `defaultPasswordPolicy`, defaults applied) is one
 * finding. The org's default policy is the one the provider picks: a system PASSWORD policy named "Default"
 * (okta/policy.go:93-105, setDefaultPolicy).
 */
import { isTrue, num, str, type Json } from '../../../synthesized/json';
import type { Finding } from '../findings';
import type { OktaPolicy } from '../org';
import type { Check } from './context';

type Value = number | boolean | string | undefined;

interface Setting {
  /** The okta_policy_password_default attribute. */
  readonly attribute: string;
  readonly label: string;
  /** Where the org's value is in the policy's `settings` (Okta Policy API, password policy settings). */
  readonly org: (settings: Record<string, any>) => Value;
  /** The stack's value, from the applied attribute. */
  readonly stack: (v: Json | undefined) => Value;
  /** Whether the org's value is stronger than the stack's. */
  readonly stronger: (org: Value, stack: Value) => boolean;
  /** The value in words. */
  readonly show?: (v: Value) => string;
}

const number = (v: Json | undefined) => num(v);
/** An unset bool attribute without a schema default is sent as false (d.Get, the SDK's zero value). */
const bool = (v: Json | undefined) => isTrue(v);
const status = (v: Json | undefined) => str(v);
const n = (v: Value) => (typeof v === 'number' ? v : undefined);

const higher = (org: Value, stack: Value) => n(org) !== undefined && n(stack) !== undefined && n(org)! > n(stack)!;
/** A limit where 0 means none: the org's is stronger when it has one and the stack's is none or looser. */
const tighterLimit = (org: Value, stack: Value) =>
  n(org) !== undefined && n(org)! > 0 && n(stack) !== undefined && (n(stack) === 0 || n(org)! < n(stack)!);
/** Lockout duration where 0 means "until an admin unlocks": the org's is stronger when it is longer. */
const longerLockout = (org: Value, stack: Value) =>
  n(org) !== undefined && n(stack) !== undefined && n(stack)! > 0 && (n(org) === 0 || n(org)! > n(stack)!);
const onlyOrg = (org: Value, stack: Value) => org === true && stack !== true;
const openedChannel = (org: Value, stack: Value) => org === 'INACTIVE' && stack === 'ACTIVE';
const limit = (unit: string, none: string) => (v: Value) => (v === 0 ? none : `${v} ${unit}`);

const SETTINGS: readonly Setting[] = [
  {
    attribute: 'password_min_length',
    label: 'minimum length',
    org: (s) => s.password?.complexity?.minLength,
    stack: number,
    stronger: higher,
  },
  {
    attribute: 'password_min_lowercase',
    label: 'lower-case letters required',
    org: (s) => s.password?.complexity?.minLowerCase,
    stack: number,
    stronger: higher,
  },
  {
    attribute: 'password_min_uppercase',
    label: 'upper-case letters required',
    org: (s) => s.password?.complexity?.minUpperCase,
    stack: number,
    stronger: higher,
  },
  {
    attribute: 'password_min_number',
    label: 'digits required',
    org: (s) => s.password?.complexity?.minNumber,
    stack: number,
    stronger: higher,
  },
  {
    attribute: 'password_min_symbol',
    label: 'symbols required',
    org: (s) => s.password?.complexity?.minSymbol,
    stack: number,
    stronger: higher,
  },
  {
    attribute: 'password_exclude_username',
    label: 'user name excluded',
    org: (s) => s.password?.complexity?.excludeUsername,
    stack: bool,
    stronger: onlyOrg,
  },
  {
    attribute: 'password_exclude_first_name',
    label: 'first name excluded',
    org: (s) => (s.password?.complexity?.excludeAttributes ?? []).includes('firstName'),
    stack: bool,
    stronger: onlyOrg,
  },
  {
    attribute: 'password_exclude_last_name',
    label: 'last name excluded',
    org: (s) => (s.password?.complexity?.excludeAttributes ?? []).includes('lastName'),
    stack: bool,
    stronger: onlyOrg,
  },
  {
    attribute: 'password_dictionary_lookup',
    label: 'common-password dictionary check',
    org: (s) => s.password?.complexity?.dictionary?.common?.exclude,
    stack: bool,
    stronger: onlyOrg,
  },
  {
    attribute: 'password_history_count',
    label: 'passwords remembered (history)',
    org: (s) => s.password?.age?.historyCount,
    stack: number,
    stronger: higher,
  },
  {
    attribute: 'password_min_age_minutes',
    label: 'minimum age (minutes)',
    org: (s) => s.password?.age?.minAgeMinutes,
    stack: number,
    stronger: higher,
  },
  {
    attribute: 'password_max_age_days',
    label: 'maximum age',
    org: (s) => s.password?.age?.maxAgeDays,
    stack: number,
    stronger: tighterLimit,
    show: limit('days', 'never expires'),
  },
  {
    attribute: 'password_max_lockout_attempts',
    label: 'failed sign-ins before lockout',
    org: (s) => s.password?.lockout?.maxAttempts,
    stack: number,
    stronger: tighterLimit,
    show: limit('attempts', 'no lockout'),
  },
  {
    attribute: 'password_auto_unlock_minutes',
    label: 'lockout duration',
    org: (s) => s.password?.lockout?.autoUnlockMinutes,
    stack: number,
    stronger: longerLockout,
    show: limit('minutes', 'until an admin unlocks'),
  },
  {
    attribute: 'recovery_email_token',
    label: 'recovery email link lifetime (minutes)',
    org: (s) => s.recovery?.factors?.okta_email?.properties?.recoveryToken?.tokenLifetimeMinutes,
    stack: number,
    stronger: (org, stack) => n(org) !== undefined && n(stack) !== undefined && n(org)! < n(stack)!,
  },
  {
    attribute: 'sms_recovery',
    label: 'SMS recovery',
    org: (s) => s.recovery?.factors?.okta_sms?.status,
    stack: status,
    stronger: openedChannel,
  },
  {
    attribute: 'call_recovery',
    label: 'voice call recovery',
    org: (s) => s.recovery?.factors?.okta_call?.status,
    stack: status,
    stronger: openedChannel,
  },
  {
    attribute: 'question_recovery',
    label: 'security question recovery',
    org: (s) => s.recovery?.factors?.recovery_question?.status,
    stack: status,
    stronger: openedChannel,
  },
  {
    attribute: 'email_recovery',
    label: 'email recovery',
    org: (s) => s.recovery?.factors?.okta_email?.status,
    stack: status,
    stronger: openedChannel,
  },
];

/**
 * The recovery switches of okta_policy_password_default and the factor each is in the API's policy settings
 * (`settings.recovery.factors.<factor>`; the provider's buildDefaultPasswordPolicy, :319-345).
 */
export const RECOVERY_FACTORS: Readonly<Record<string, string>> = {
  sms_recovery: 'okta_sms',
  call_recovery: 'okta_call',
  question_recovery: 'recovery_question',
  email_recovery: 'okta_email',
};

/** The org's default password policy as the provider finds it (policy.go:93-105). */
export function defaultPolicyOf(policies: readonly OktaPolicy[]): OktaPolicy | undefined {
  const system = policies.filter((p) => p.system === true);
  return system.find((p) => p.name.includes('Default') || (p.description ?? '').includes('default')) ?? system[0];
}

export const passwordPolicyWeakened: Check = async ({ org, read }) => {
  const stack = read.defaultPasswordPolicy;
  if (!stack) return { findings: [] };
  const policy = defaultPolicyOf(await org.policies('PASSWORD'));
  if (!policy?.settings) return { findings: [] };
  const findings: Finding[] = [];
  for (const s of SETTINGS) {
    const orgValue = s.org(policy.settings);
    const written = read.defaultPasswordPolicy!.resource.attrs[s.attribute];
    const stackValue = s.stack(stack.settings[s.attribute]);
    if (!s.stronger(orgValue, stackValue)) continue;
    const show = s.show ?? ((v: Value) => String(v));
    const origin = written === undefined ? "the provider's default" : 'as configured';
    findings.push({
      kind: 'password-policy-weakened',
      severity: 'blocker',
      subject: { type: 'policy', name: policy.name, id: policy.id },
      message:
        `${s.label}: the org has ${show(orgValue)}; the first apply would PUT ${show(stackValue)} (${origin}, ` +
        `${s.attribute}) over it, weakening every user's password policy. State ${s.attribute} = ` +
        `${JSON.stringify(orgValue)} (or stronger) in the environment's config before the first apply, or accept ` +
        'the change on purpose',
    });
  }
  return { findings };
};
