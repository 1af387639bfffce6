/**
 * The org's default password policy in review and report. Both read it as the provider PUTs it (the read model:
 * every setting, the provider's default where the stack leaves one unset), so a review of a stack that stated only
 * the recovery switches compares against what that stack really sent. Each setting that changes is one sentence;
 * a weaker one (shorter, no common-password check, more tries before lockout, no lockout email, a reset link that
 * lives longer, recovery by a weak channel) is a "weakens" sentence. The report lists every setting beside the
 * guidance.
 */
import {
  GUIDANCE_MIN_LENGTH,
  PASSWORD_POLICY_DEFAULTS,
  PASSWORD_SETTINGS,
  passwordChangeDirection,
  passwordSettingShown as shown,
  RECOVERY_MEANING,
  recoveryChangeDirection,
  SETTING_MEANING,
  type PasswordSetting,
} from '../domain/okta/password-policy';
import { PASSWORD_RECOVERY_STATUS } from '../domain/okta/authenticators';
import type { StackModel } from '../synthesized/model';
import { ReadModel, type PasswordPolicy } from '../synthesized/read-model';
import type { Direction, PostureChange } from './posture';

const SUBJECT = 'password policy';
/** A recovery switch's channel in words. */
const channelOf = (attr: string): string => RECOVERY_MEANING[attr]?.words ?? attr;

const CONSEQUENCE: Partial<Record<PasswordSetting, string>> = {
  minLength: 'shorter passwords are guessed sooner',
  commonPasswordCheck: 'the passwords attackers try first are accepted',
  excludeUsername: 'a password may contain the username',
  excludeFirstName: 'a password may contain the first name',
  excludeLastName: 'a password may contain the last name',
  historyCount: 'a leaked password can be set again sooner',
  lockoutAttempts: 'more guesses before an account locks',
  autoUnlockMinutes: 'guessing resumes by itself after a lockout',
  lockoutEmail: 'nobody is told when an account locks',
  recoveryEmailTokenMinutes: 'a reset link stays usable longer',
};

/** What a change does to the org's default password policy, one sentence per setting. */
export function passwordPolicyChanges(base: StackModel, head: StackModel): PostureChange[] {
  const [b, h] = [ReadModel.of(base).defaultPasswordPolicy, ReadModel.of(head).defaultPasswordPolicy];
  const out: PostureChange[] = [];
  const add = (d: Direction, sentence: string) => out.push({ direction: d, area: 'mfa', subject: SUBJECT, sentence });
  if (!b || !h) {
    if (h)
      add(
        'neutral',
        "The org's default password policy is now managed here: every setting is written on each apply, over the " +
          `org's own (${summary(h)}).`,
      );
    return out;
  }
  for (const setting of PASSWORD_SETTINGS) {
    const [bv, hv] = [b.values[setting], h.values[setting]];
    if (bv === hv) continue;
    const d = passwordChangeDirection(setting, bv, hv);
    const why = d === 'weaken' && CONSEQUENCE[setting] ? `: ${CONSEQUENCE[setting]}` : '';
    const reason =
      setting === 'minLength' && (hv as number) < GUIDANCE_MIN_LENGTH && h.minLengthOverride
        ? ` (below the guidance of ${GUIDANCE_MIN_LENGTH}; reason given: ${h.minLengthOverride})`
        : '';
    add(
      d,
      `The password policy's ${SETTING_MEANING[setting].words} is now ${shown(setting, hv)} (was ` +
        `${shown(setting, bv)})${reason}${why}.`,
    );
  }
  for (const attr of Object.keys(PASSWORD_RECOVERY_STATUS)) {
    const [bv, hv] = [b.settings[attr], h.settings[attr]];
    if (bv === hv) continue;
    const channel = channelOf(attr);
    const on = hv === 'ACTIVE';
    const d = recoveryChangeDirection(attr, String(bv), String(hv));
    add(
      d,
      `Password recovery by ${channel} is now ${on ? 'offered' : 'off'}${
        d === 'weaken' ? `: a ${channel} is easier to take over than the password it resets` : ''
      }.`,
    );
  }
  return out;
}

/** The guidance's settings in words, for the one-line summary. */
function summary(p: PasswordPolicy): string {
  const s = p.values;
  return (
    `at least ${s.minLength} characters, ` +
    `common-password check ${shown('commonPasswordCheck', s.commonPasswordCheck)}, ` +
    `lockout after ${shown('lockoutAttempts', s.lockoutAttempts)} failures`
  );
}

/** The report's rows: every setting as sent, the guidance's value, and whether it departs from it. */
export function passwordPolicyRows(model: StackModel): string[][] {
  const p = ReadModel.of(model).defaultPasswordPolicy;
  if (!p) return [];
  const rows = PASSWORD_SETTINGS.map((setting) => {
    const v = p.values[setting];
    const guidance = PASSWORD_POLICY_DEFAULTS[setting];
    const note =
      v === guidance
        ? 'as guidance'
        : setting === 'minLength' && p.minLengthOverride
          ? `override: ${p.minLengthOverride}`
          : 'differs';
    return [SETTING_MEANING[setting].words, shown(setting, v), shown(setting, guidance), note];
  });
  const recovery = Object.keys(PASSWORD_RECOVERY_STATUS)
    .filter((attr) => p.settings[attr] === 'ACTIVE')
    .map(channelOf);
  return [
    ...rows,
    [
      'password recovery by',
      recovery.join(', ') || 'nothing',
      'email',
      recovery.join() === 'email' ? 'as guidance' : 'differs',
    ],
    ...(p.unstated.length
      ? [['left to the provider', p.unstated.map((k) => `\`${k}\``).join(', '), 'none', 'differs']]
      : []),
  ];
}
