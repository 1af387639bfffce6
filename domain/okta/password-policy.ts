/**
 * The org's default password policy (okta_policy_password_default): every setting this stack states, the
 * provider attribute each one is sent as, the defaults (current guidance), Okta's bounds, and the rules the
 * config schema and the OktaMfaRollout construct share.
 *
 * Why every setting is stated: the provider's create is its update (okta/resource_okta_policy_password_default.go
 * :13, :182-197) and it PUTs the whole policy built from the schema (:272-350), where every setting has a default
 * (:34-177): a setting left out goes to the org as the provider's default (8 characters, no common-password check,
 * history 4, lockout after 10), over whatever the org had.
 *
 * Guidance: NIST SP 800-63B-4 (August 2025), section 3.1.1.2 (passwords): at least 15 characters where a
 * password alone signs people in, at least 8 where it is only ever one factor of several; a blocklist of common,
 * expected or compromised values, including context-specific words such as the user's name; no other composition
 * rules; no periodic change. Section 3.2.2 (rate limiting): at most 100 consecutive failed attempts per account.
 */
import { isReasonEnough, REASON_ALLOWED, wholeNumberProblem, type WholeRange } from '../bounds';
import type { Problem } from '../problems';

/** The password policy as config and props state it. */
export interface PasswordPolicySettings {
  /** Fewest characters a password may have. */
  readonly minLength: number;
  /** Why `minLength` is below the guidance of 15; required then. */
  readonly minLengthOverride?: { readonly reason: string };
  /** Refuse passwords on Okta's common-password list. */
  readonly commonPasswordCheck: boolean;
  /** Refuse a password that contains the username, the first name, the last name. */
  readonly excludeUsername: boolean;
  readonly excludeFirstName: boolean;
  readonly excludeLastName: boolean;
  /** Composition rules: at least one lower-case letter, upper-case letter, digit, symbol. */
  readonly requireLowercase: boolean;
  readonly requireUppercase: boolean;
  readonly requireNumber: boolean;
  readonly requireSymbol: boolean;
  /** Distinct passwords before one may be used again (0: none remembered). */
  readonly historyCount: number;
  /** Minutes between password changes (0: none). */
  readonly minAgeMinutes: number;
  /** Days a password is valid (0: it never expires). */
  readonly maxAgeDays: number;
  /** Days before expiry a user is warned (0: no warning). */
  readonly expireWarnDays: number;
  /** Failed sign-ins before the account locks. */
  readonly lockoutAttempts: number;
  /** Minutes before a locked account unlocks by itself (0: it stays locked until unlocked). */
  readonly autoUnlockMinutes: number;
  /** Email the user when their account locks. */
  readonly lockoutEmail: boolean;
  /** Tell whoever is signing in that the account is locked. */
  readonly showLockoutFailures: boolean;
  /** Minutes a password-reset (recovery) email stays valid. */
  readonly recoveryEmailTokenMinutes: number;
}

/** The guidance's minimum length where a password alone signs people in (NIST SP 800-63B-4, 3.1.1.2). */
export const GUIDANCE_MIN_LENGTH = 15;
/** The guidance's minimum length for a password that is only ever one factor of several (the same section). */
export const MFA_ONLY_MIN_LENGTH = 8;

/**
 * The defaults: current guidance. 15 characters, because this policy is the org's default for everyone, and until
 * the rollout covers everyone, and always for Okta's own default rules and break-glass accounts, a password alone
 * can sign someone in. The common-password check and the names excluded (the guidance's blocklist); no composition
 * rules and no expiry (the guidance forbids both); lockout after 10 failures (within the guidance's 100) that stays
 * until the user unlocks it by email or an admin does, with an email to the user; history 4, the value Okta and
 * the provider use (the guidance sets none); a reset link valid 60 minutes, what the provider sent so far.
 */
export const PASSWORD_POLICY_DEFAULTS: PasswordPolicySettings = {
  minLength: GUIDANCE_MIN_LENGTH,
  commonPasswordCheck: true,
  excludeUsername: true,
  excludeFirstName: true,
  excludeLastName: true,
  requireLowercase: false,
  requireUppercase: false,
  requireNumber: false,
  requireSymbol: false,
  historyCount: 4,
  minAgeMinutes: 0,
  maxAgeDays: 0,
  expireWarnDays: 0,
  lockoutAttempts: 10,
  autoUnlockMinutes: 0,
  lockoutEmail: true,
  showLockoutFailures: false,
  recoveryEmailTokenMinutes: 60,
};

type NumberSetting = {
  [K in keyof PasswordPolicySettings]-?: PasswordPolicySettings[K] extends number ? K : never;
}[keyof PasswordPolicySettings];

/**
 * Whole-number ranges. The provider validates none of these (plain TypeInt with a default,
 * resource_okta_policy_password_default.go:34-153); Okta's limits where Okta documents them, the project's own
 * (with why) where it does not.
 */
export const PASSWORD_POLICY_RANGES: Readonly<Record<NumberSetting, WholeRange & { readonly unit: string }>> = {
  minLength: {
    min: 4,
    max: 30,
    unit: 'characters',
    why: "Okta's range, help.okta.com Configure a password policy: a minimum length of 4 to 30 characters",
  },
  historyCount: { min: 0, max: 30, unit: 'passwords', why: "the bound is this project's; 0 remembers none" },
  minAgeMinutes: {
    min: 0,
    max: 10080,
    unit: 'minutes',
    why: "the bound is this project's (a week); a minimum age keeps people from replacing a leaked password",
  },
  maxAgeDays: { min: 0, max: 999, unit: 'days', why: "the bound is this project's; 0 = never expires" },
  expireWarnDays: { min: 0, max: 30, unit: 'days', why: "the bound is this project's; 0 = no warning" },
  lockoutAttempts: {
    min: 1,
    max: 100,
    unit: 'attempts',
    why:
      "NIST SP 800-63B-4 3.2.2 allows at most 100 consecutive failures; 0 is Okta's 'no limit' " +
      '(resource_okta_policy_password_default.go:112-116)',
  },
  autoUnlockMinutes: {
    min: 0,
    max: 9999,
    unit: 'minutes',
    why: "Okta's maximum lockout is 9999 minutes (support.okta.com); 0 = stays locked until unlocked",
  },
  recoveryEmailTokenMinutes: {
    min: 1,
    max: 10080,
    unit: 'minutes',
    why: "the ceiling is the Okta API's own default, 7 days (PasswordPolicyRecoveryEmailRecoveryToken)",
  },
};

/**
 * The okta_policy_password_default attribute each setting is sent as (resource_okta_policy_password_default.go
 * line of its schema entry). The four composition switches are counts the provider documents as 0 = no, 1 = yes;
 * lockoutEmail is the notification channel set, ["EMAIL"] or [] (the only values the API takes,
 * PasswordPolicyPasswordSettingsLockout.userLockoutNotificationChannels).
 */
export const PASSWORD_POLICY_ATTRIBUTES = {
  minLength: 'password_min_length', // :34-39
  commonPasswordCheck: 'password_dictionary_lookup', // :80-85
  excludeUsername: 'password_exclude_username', // :64-69
  excludeFirstName: 'password_exclude_first_name', // :70-74
  excludeLastName: 'password_exclude_last_name', // :75-79
  requireLowercase: 'password_min_lowercase', // :40-45
  requireUppercase: 'password_min_uppercase', // :46-51
  requireNumber: 'password_min_number', // :52-57
  requireSymbol: 'password_min_symbol', // :58-63
  historyCount: 'password_history_count', // :104-111
  minAgeMinutes: 'password_min_age_minutes', // :98-103
  maxAgeDays: 'password_max_age_days', // :86-91
  expireWarnDays: 'password_expire_warn_days', // :92-97
  lockoutAttempts: 'password_max_lockout_attempts', // :112-117
  autoUnlockMinutes: 'password_auto_unlock_minutes', // :118-123
  lockoutEmail: 'password_lockout_notification_channels', // :130-135
  showLockoutFailures: 'password_show_lockout_failures', // :124-129
  recoveryEmailTokenMinutes: 'recovery_email_token', // :148-153
} as const satisfies Readonly<Record<Exclude<keyof PasswordPolicySettings, 'minLengthOverride'>, string>>;

export type PasswordSetting = keyof typeof PASSWORD_POLICY_ATTRIBUTES;
export const PASSWORD_SETTINGS = Object.keys(PASSWORD_POLICY_ATTRIBUTES) as PasswordSetting[];

/** Composition switches: sent as a count, 1 = required. */
export const COMPOSITION_SETTINGS = ['requireLowercase', 'requireUppercase', 'requireNumber', 'requireSymbol'] as const;

/**
 * The attributes this stack states beside the settings, each with its one value: the security-question answer's
 * minimum length is read-only in the API (PasswordPolicyRecoveryQuestionComplexity.minLength, readOnly, default 4),
 * so anything else reads back as 4 on every plan; skip_unlock is for Active Directory users, which this org has
 * none of through this stack (:172-177).
 */
export const PASSWORD_POLICY_FIXED = { question_min_length: 4, skip_unlock: false } as const;

/** The value each setting is sent as (the provider attribute's type). */
export function passwordPolicyAttributeValue(
  setting: PasswordSetting,
  s: PasswordPolicySettings,
): number | boolean | string[] {
  const v = s[setting];
  if (setting === 'lockoutEmail') return v ? ['EMAIL'] : [];
  if ((COMPOSITION_SETTINGS as readonly string[]).includes(setting)) return v ? 1 : 0;
  return v as number | boolean;
}

/** Which way a change of a setting moves sign-in: weaker, stronger, or neither (the guidance ranks it neither way). */
export type ChangeDirection = 'weaken' | 'strengthen' | 'neutral';

/** Which way of a setting weakens sign-in; the rest (composition, expiry, minimum age) are neutral. */
export type SettingDirection = 'lower-weakens' | 'higher-weakens' | 'off-weakens' | 'neutral';

/** What a setting means to sign-in: its words, which way weakens, and why a neutral one is neither. */
export interface SettingMeaning {
  /** The setting in words (review sentences, the report's rows, the preflight's findings). */
  readonly words: string;
  readonly weaker: SettingDirection;
  /** 0 stands for no bound (no limit on tries, never unlocks): it ranks above every other number. */
  readonly zeroIsUnbounded?: true;
  /** Why the guidance counts a change of a neutral setting as neither weaker nor stronger. */
  readonly whyNeutral?: string;
}

const COMPOSITION_WHY =
  'NIST SP 800-63B-4 3.1.1.2 forbids composition rules: they make passwords harder to remember, not to guess';

/**
 * How a change of each setting reads: the one classification the review (weakens / strengthens sentences) and the
 * preflight (what the first apply over a live org weakens) both follow.
 */
export const SETTING_MEANING: Readonly<Record<PasswordSetting, SettingMeaning>> = {
  minLength: { words: 'minimum password length', weaker: 'lower-weakens' },
  commonPasswordCheck: { words: 'check against common passwords', weaker: 'off-weakens' },
  excludeUsername: { words: 'refusal of passwords that contain the username', weaker: 'off-weakens' },
  excludeFirstName: { words: 'refusal of passwords that contain the first name', weaker: 'off-weakens' },
  excludeLastName: { words: 'refusal of passwords that contain the last name', weaker: 'off-weakens' },
  requireLowercase: { words: 'lower-case letter rule', weaker: 'neutral', whyNeutral: COMPOSITION_WHY },
  requireUppercase: { words: 'upper-case letter rule', weaker: 'neutral', whyNeutral: COMPOSITION_WHY },
  requireNumber: { words: 'digit rule', weaker: 'neutral', whyNeutral: COMPOSITION_WHY },
  requireSymbol: { words: 'symbol rule', weaker: 'neutral', whyNeutral: COMPOSITION_WHY },
  historyCount: { words: 'password history', weaker: 'lower-weakens' },
  minAgeMinutes: {
    words: 'minimum password age',
    weaker: 'neutral',
    whyNeutral:
      'the guidance sets no minimum age: it keeps people from cycling back to an old password, and as much from ' +
      'replacing a leaked one',
  },
  maxAgeDays: {
    words: 'password expiry',
    weaker: 'neutral',
    zeroIsUnbounded: true,
    whyNeutral:
      'NIST SP 800-63B-4 3.1.1.2 forbids periodic changes: a password is changed when it is known or suspected to ' +
      'be compromised',
  },
  expireWarnDays: {
    words: 'expiry warning',
    weaker: 'neutral',
    whyNeutral: 'a warning only comes with an expiry, which the guidance drops (NIST SP 800-63B-4 3.1.1.2)',
  },
  lockoutAttempts: { words: 'failed sign-ins before lockout', weaker: 'higher-weakens', zeroIsUnbounded: true },
  // An automatic unlock lets guessing resume: unlocking sooner (or at all) weakens; 0 = never.
  autoUnlockMinutes: { words: 'automatic unlock', weaker: 'lower-weakens', zeroIsUnbounded: true },
  lockoutEmail: { words: 'lockout email to the user', weaker: 'off-weakens' },
  showLockoutFailures: {
    words: 'lockout message at sign-in',
    weaker: 'neutral',
    whyNeutral:
      'the guidance sets nothing: the message tells the user why they cannot sign in, and an attacker that the ' +
      'account exists',
  },
  recoveryEmailTokenMinutes: { words: 'lifetime of password-reset emails', weaker: 'higher-weakens' },
};

/** Which way changing a setting from `from` to `to` moves sign-in (SETTING_MEANING); no change is neutral. */
export function passwordChangeDirection(
  setting: PasswordSetting,
  from: number | boolean,
  to: number | boolean,
): ChangeDirection {
  const { weaker, zeroIsUnbounded } = SETTING_MEANING[setting];
  if (from === to || weaker === 'neutral') return 'neutral';
  if (weaker === 'off-weakens') return to ? 'strengthen' : 'weaken';
  const [f, t] = [from as number, to as number].map((n) => (zeroIsUnbounded && n === 0 ? Infinity : n));
  if (f === t) return 'neutral';
  return (weaker === 'lower-weakens') === t < f ? 'weaken' : 'strengthen';
}

/**
 * A setting's value in words. 0 reads as what it stands for where it means no bound: no limit on tries, a lockout
 * until someone unlocks, no expiry.
 */
export function passwordSettingShown(setting: PasswordSetting, v: number | boolean): string {
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  if (setting === 'maxAgeDays') return v === 0 ? 'never' : `${v} days`;
  if (setting === 'autoUnlockMinutes') return v === 0 ? 'never (an admin or the user unlocks)' : `after ${v} minutes`;
  if (setting === 'lockoutAttempts') return v === 0 ? 'no limit' : `${v}`;
  return `${v}`;
}

/**
 * The recovery switches of the default password policy (okta_policy_password_default attributes; the status this
 * stack gives each is the authenticator registry's, PASSWORD_RECOVERY_STATUS): the channel in words, and which way
 * weakens. Turning on SMS, voice or security-question recovery weakens (each is easier to take over than the
 * password it resets); email is the channel of last resort, neutral.
 */
export const RECOVERY_MEANING: Readonly<Record<string, { readonly words: string; readonly whyNeutral?: string }>> = {
  email_recovery: {
    words: 'email',
    whyNeutral:
      'email is the recovery channel of last resort: a reset link to the address on file, valid for ' +
      'recoveryEmailTokenMinutes',
  },
  sms_recovery: { words: 'SMS' },
  call_recovery: { words: 'voice call' },
  question_recovery: { words: 'security question' },
};

/** Which way changing a recovery switch from status `from` to `to` moves sign-in (RECOVERY_MEANING). */
export function recoveryChangeDirection(attribute: string, from: string, to: string): ChangeDirection {
  if (from === to || RECOVERY_MEANING[attribute]?.whyNeutral) return 'neutral';
  return to === 'ACTIVE' ? 'weaken' : 'strengthen';
}

/** The password policy's problems, paths relative to it: its ranges, then the guidance (construct props). */
export function passwordPolicyProblems(s: PasswordPolicySettings): Problem[] {
  return [...passwordRangeProblems(s), ...passwordGuidanceProblems(s)];
}

/** Each number within its range (the config schema checks these field by field). */
export function passwordRangeProblems(s: PasswordPolicySettings): Problem[] {
  const out: Problem[] = [];
  for (const k of Object.keys(PASSWORD_POLICY_RANGES) as NumberSetting[]) {
    const range = PASSWORD_POLICY_RANGES[k];
    const message = wholeNumberProblem(s[k], range, range.unit);
    if (message) out.push({ path: [k], value: s[k], message });
  }
  return out;
}

/**
 * The rules across settings: a minimum length below the guidance only with a written reason, and never below the
 * guidance's floor; an override only where it overrides something; an expiry warning only with an expiry, and
 * shorter than it.
 */
export function passwordGuidanceProblems(s: PasswordPolicySettings): Problem[] {
  const out: Problem[] = [];
  const length = s.minLength;
  const override = s.minLengthOverride;
  if (Number.isInteger(length) && length < GUIDANCE_MIN_LENGTH) {
    if (length < MFA_ONLY_MIN_LENGTH && length >= PASSWORD_POLICY_RANGES.minLength.min)
      out.push({
        path: ['minLength'],
        value: length,
        message:
          `below ${MFA_ONLY_MIN_LENGTH}, the least NIST SP 800-63B-4 allows even for a password that is only one ` +
          `factor of several; allowed: ${MFA_ONLY_MIN_LENGTH} to 30 characters (${GUIDANCE_MIN_LENGTH} or more ` +
          'without minLengthOverride)',
      });
    else if (length >= MFA_ONLY_MIN_LENGTH && !override)
      out.push({
        path: ['minLength'],
        value: length,
        message:
          `below the guidance of ${GUIDANCE_MIN_LENGTH} characters (NIST SP 800-63B-4 3.1.1.2: a password that ` +
          `can sign someone in alone); allowed: ${GUIDANCE_MIN_LENGTH} to 30, or ${MFA_ONLY_MIN_LENGTH} to ` +
          `${GUIDANCE_MIN_LENGTH - 1} with minLengthOverride: { reason } saying why`,
      });
  }
  if (override && !isReasonEnough(override.reason))
    out.push({ path: ['minLengthOverride', 'reason'], value: override.reason, message: `allowed: ${REASON_ALLOWED}` });
  if (override && Number.isInteger(length) && length >= GUIDANCE_MIN_LENGTH)
    out.push({
      path: ['minLengthOverride'],
      value: override,
      message: `minLength ${length} meets the guidance of ${GUIDANCE_MIN_LENGTH}: remove the override`,
    });
  if (s.maxAgeDays === 0 && s.expireWarnDays > 0)
    out.push({
      path: ['expireWarnDays'],
      value: s.expireWarnDays,
      message: 'a warning before expiry needs an expiry (maxAgeDays); allowed: 0 while maxAgeDays is 0',
    });
  else if (s.maxAgeDays > 0 && s.expireWarnDays >= s.maxAgeDays)
    out.push({
      path: ['expireWarnDays'],
      value: s.expireWarnDays,
      message: `allowed: fewer days than maxAgeDays (${s.maxAgeDays})`,
    });
  return out;
}
