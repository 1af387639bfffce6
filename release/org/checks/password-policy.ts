/**
 * The org's default password policy against what the first apply PUTs over it. okta_policy_password_default PUTs
 * the whole policy (okta provider v4.20.0 okta/resource_okta_policy_password_default.go:272-351,
 * buildDefaultPasswordPolicy): every setting as the stack states it, or the provider's default (8 characters,
 * history 4, lockout after 10, no dictionary check, :34-176), over the org's own (synthesized/read-model.ts
 * `defaultPasswordPolicy`). Each setting the apply changes is classified by the domain
 * (domain/okta/password-policy.ts `passwordChangeDirection`, `recoveryChangeDirection`), as the review does:
 *
 * - password-policy-weakened (blocker): the change weakens sign-in (a shorter minimum, a shorter history, more tries
 *   before lockout, an unlock sooner, a check or exclusion dropped, no lockout email, a longer-lived reset link, a
 *   recovery channel opened);
 * - password-policy-changed (info): the guidance ranks the change neither way (composition rules, expiry, minimum
 *   age, the lockout message, email recovery): said, with why, so nobody is surprised.
 *
 * A change that strengthens is not reported. What is this file's own: where each setting is in the API's policy JSON
 * (`settings.password.complexity.minLength`, ...), read into the domain's settings form. The org's default policy
 * is the one the provider picks: a system PASSWORD policy named "Default" (okta/policy.go:93-105, setDefaultPolicy).
 */
import {
  PASSWORD_POLICY_ATTRIBUTES,
  PASSWORD_SETTINGS,
  passwordChangeDirection,
  passwordSettingShown,
  RECOVERY_MEANING,
  recoveryChangeDirection,
  SETTING_MEANING,
  type ChangeDirection,
  type PasswordSetting,
} from '../../../domain/okta/password-policy';
import { AUTHENTICATOR_LIST } from '../../../domain/okta/authenticators';
import { str } from '../../../synthesized/json';
import type { PasswordPolicy } from '../../../synthesized/read-model';
import type { Finding } from '../findings';
import type { OktaPolicy } from '../org';
import type { Check } from './context';

type Settings = Record<string, any>;

const whole = (v: unknown) => (typeof v === 'number' ? v : undefined);
const flag = (v: unknown) => (typeof v === 'boolean' ? v : undefined);
/** A composition rule: a count of characters of the kind, required when above 0. */
const required = (v: unknown) => (typeof v === 'number' ? v > 0 : undefined);
const listed = (v: unknown, item: string) => (Array.isArray(v) ? v.includes(item) : undefined);

/**
 * Where each setting is in the API's password policy `settings` (Okta Policy API: PasswordPolicyPasswordSettings,
 * PasswordPolicyRecoveryFactors), in the domain's form; undefined where the org does not say.
 */
const IN_ORG: Readonly<Record<PasswordSetting, (s: Settings) => number | boolean | undefined>> = {
  minLength: (s) => whole(s.password?.complexity?.minLength),
  commonPasswordCheck: (s) => flag(s.password?.complexity?.dictionary?.common?.exclude),
  excludeUsername: (s) => flag(s.password?.complexity?.excludeUsername),
  excludeFirstName: (s) => listed(s.password?.complexity?.excludeAttributes ?? [], 'firstName'),
  excludeLastName: (s) => listed(s.password?.complexity?.excludeAttributes ?? [], 'lastName'),
  requireLowercase: (s) => required(s.password?.complexity?.minLowerCase),
  requireUppercase: (s) => required(s.password?.complexity?.minUpperCase),
  requireNumber: (s) => required(s.password?.complexity?.minNumber),
  requireSymbol: (s) => required(s.password?.complexity?.minSymbol),
  historyCount: (s) => whole(s.password?.age?.historyCount),
  minAgeMinutes: (s) => whole(s.password?.age?.minAgeMinutes),
  maxAgeDays: (s) => whole(s.password?.age?.maxAgeDays),
  expireWarnDays: (s) => whole(s.password?.age?.expireWarnDays),
  lockoutAttempts: (s) => whole(s.password?.lockout?.maxAttempts),
  autoUnlockMinutes: (s) => whole(s.password?.lockout?.autoUnlockMinutes),
  lockoutEmail: (s) => listed(s.password?.lockout?.userLockoutNotificationChannels ?? [], 'EMAIL'),
  showLockoutFailures: (s) => flag(s.password?.lockout?.showLockoutFailures),
  recoveryEmailTokenMinutes: (s) =>
    whole(s.recovery?.factors?.okta_email?.properties?.recoveryToken?.tokenLifetimeMinutes),
};

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

/** One change the first apply makes: what, from and to (in words), where it is set, and the domain's direction. */
interface Change {
  readonly words: string;
  readonly attribute: string;
  readonly org: string;
  readonly put: string;
  readonly direction: ChangeDirection;
  /** How to keep the org's value (a clause: "state ... in the environment's config"), when config can. */
  readonly keep?: string;
  readonly whyNeutral?: string;
}

function settingChanges(settings: Settings, stack: PasswordPolicy): Change[] {
  return PASSWORD_SETTINGS.flatMap((setting) => {
    const org = IN_ORG[setting](settings);
    const put = stack.values[setting];
    if (org === undefined || org === put) return [];
    const meaning = SETTING_MEANING[setting];
    return [
      {
        words: meaning.words,
        attribute: PASSWORD_POLICY_ATTRIBUTES[setting],
        org: passwordSettingShown(setting, org),
        put: passwordSettingShown(setting, put),
        direction: passwordChangeDirection(setting, org, put),
        keep: `state identity.mfa.passwordPolicy.${setting} = ${JSON.stringify(org)} in the environment's config`,
        whyNeutral: meaning.whyNeutral,
      },
    ];
  });
}

function recoveryChanges(settings: Settings, stack: PasswordPolicy): Change[] {
  return Object.entries(RECOVERY_FACTORS).flatMap(([attribute, factor]) => {
    const org = str(settings.recovery?.factors?.[factor]?.status);
    const put = str(stack.settings[attribute]);
    if (org === undefined || put === undefined || org === put) return [];
    const meaning = RECOVERY_MEANING[attribute];
    const shown = (status: string) => (status === 'ACTIVE' ? 'on' : 'off');
    const words = `password recovery by ${meaning?.words ?? attribute}`;
    return [
      {
        words,
        attribute,
        org: shown(org),
        put: shown(put),
        direction: recoveryChangeDirection(attribute, org, put),
        keep: recoveryKeep(attribute, org),
        whyNeutral: meaning?.whyNeutral,
      },
    ];
  });
}

/**
 * How a recovery switch keeps the org's status: through the authenticator's `recovery` where it has one; the others
 * are the authenticator registry's, the same in every environment.
 */
function recoveryKeep(attribute: string, org: string): string | undefined {
  const a = AUTHENTICATOR_LIST.find((x) => x.passwordRecovery?.attributes.includes(attribute));
  if (!a?.config || !a.passwordRecovery?.keptForRecovery) return undefined;
  const entry = `identity.mfa.authenticators['${a.config}']`;
  return org === 'ACTIVE'
    ? `give ${entry} \`recovery: true\` (ACTIVE, enrollable) in the environment's config`
    : `leave ${entry} without \`recovery\` (INACTIVE) in the environment's config`;
}

export const passwordPolicy: Check = async ({ org, read }) => {
  const stack = read.defaultPasswordPolicy;
  if (!stack) return { findings: [] };
  const policy = defaultPolicyOf(await org.policies('PASSWORD'));
  if (!policy?.settings) return { findings: [] };
  const subject = { type: 'policy', name: policy.name, id: policy.id };
  const findings: Finding[] = [];
  for (const c of [...settingChanges(policy.settings, stack), ...recoveryChanges(policy.settings, stack)]) {
    const origin = stack.unstated.includes(c.attribute) ? "the provider's default" : 'as configured';
    const what = `${c.words}: ${c.org} in the org; the first apply would PUT ${c.put} (${origin}, ${c.attribute})`;
    const fixed = `the stack sets ${c.attribute} the same in every environment (the authenticator registry)`;
    if (c.direction === 'weaken')
      findings.push({
        kind: 'password-policy-weakened',
        severity: 'blocker',
        subject,
        message:
          `${what} over it, weakening every user's password policy. Before the first apply, ` +
          (c.keep
            ? `${c.keep} (or stronger), or accept the change on purpose`
            : `accept the change on purpose: ${fixed}`),
      });
    else if (c.direction === 'neutral')
      findings.push({
        kind: 'password-policy-changed',
        severity: 'info',
        subject,
        message:
          `${what} over it. The guidance does not count this as weaker: ${c.whyNeutral ?? 'it ranks it neither way'}` +
          (c.keep ? `. To keep the org's value anyway, ${c.keep}` : `; ${fixed}`),
      });
  }
  return { findings };
};
