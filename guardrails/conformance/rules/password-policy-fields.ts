import { show } from '../../../synthesized/model';
import { PROVIDER_DEFAULTS } from '../../../synthesized/defaults';
import { ReadModel } from '../../../synthesized/read-model';
import {
  COMPOSITION_SETTINGS,
  PASSWORD_POLICY_ATTRIBUTES,
  PASSWORD_POLICY_FIXED,
  PASSWORD_POLICY_RANGES,
} from '../../../domain/okta/password-policy';
import { defineRule, NOT_APPLICABLE, verdict, on, type RuleFinding } from '../../rule';
import { bad, inRange, list, oneOf } from '../support';

const FILE = 'okta/resource_okta_policy_password_default.go';
const SPEC = 'Okta management API spec';
const A = PASSWORD_POLICY_ATTRIBUTES;

export default defineRule({
  id: 'OKC-18',
  name: 'password-policy-fields',
  severity: 'error',
  title:
    'okta_policy_password_default states every setting the provider PUTs, each with a value Okta accepts and reads ' +
    'back',
  why:
    "The provider's create is its update and it PUTs the whole policy built from its schema, where every setting has " +
    "a default: a setting left unset replaces the org's own (length 8, no common-password check, history 4, lockout " +
    '10) on the first apply, unseen in the plan. The API reads back the security-question answer length as 4 ' +
    'whatever is sent, and takes only EMAIL as a lockout notification channel.',
  source:
    `${FILE}:13 (CreateContext is the update), :182-197, :272-350 (the PUT), :34-177 (a default for every ` +
    `setting), :249-251 (question_min_length read back); ${SPEC}: PasswordPolicyRecoveryQuestionComplexity.minLength ` +
    '(readOnly, default 4), PasswordPolicyPasswordSettingsLockout.userLockoutNotificationChannels ([] or ["EMAIL"]); ' +
    'help.okta.com, Configure a password policy (minimum length 4 to 30)',
  fix:
    'Build the policy from identity.mfa.passwordPolicy (OktaMfaRollout states every setting); keep ' +
    'question_min_length 4.',
  check: (stack) => {
    const policy = ReadModel.of(stack).defaultPasswordPolicy;
    if (!policy) return NOT_APPLICABLE;
    const r = policy.resource;
    const a = r.attrs;
    const defaults = PROVIDER_DEFAULTS.okta_policy_password_default.defaults;
    const findings: (RuleFinding | undefined)[] = [
      policy.unstated.length
        ? on(
            r,
            `unset, so the provider PUTs its default over the org's own setting (${FILE}:13, :272-350): ` +
              policy.unstated
                .map((k) => `${k} = ${show(defaults[k] ?? (k.endsWith('_channels') ? [] : false))}`)
                .join(', '),
          )
        : undefined,
      inRange(
        r,
        A.minLength,
        a[A.minLength],
        PASSWORD_POLICY_RANGES.minLength.min,
        PASSWORD_POLICY_RANGES.minLength.max,
        'help.okta.com: 4 to 30 characters',
      ),
      ...COMPOSITION_SETTINGS.map((k) => inRange(r, A[k], a[A[k]], 0, 1, `${FILE}:40-63 (0 = no, 1 = yes)`)),
      ...(
        [
          'historyCount',
          'minAgeMinutes',
          'maxAgeDays',
          'expireWarnDays',
          'lockoutAttempts',
          'autoUnlockMinutes',
        ] as const
      ).map((k) => inRange(r, A[k], a[A[k]], 0, Number.MAX_SAFE_INTEGER, `${FILE}:86-123 (0 = none / no limit)`)),
      inRange(
        r,
        A.recoveryEmailTokenMinutes,
        a[A.recoveryEmailTokenMinutes],
        1,
        Number.MAX_SAFE_INTEGER,
        `${FILE}:148-153`,
      ),
      ...list(a[A.lockoutEmail]).map((c, i) =>
        oneOf(r, `${A.lockoutEmail}[${i}]`, c, ['EMAIL'], `${SPEC}: userLockoutNotificationChannels`),
      ),
      a.question_min_length !== undefined && a.question_min_length !== PASSWORD_POLICY_FIXED.question_min_length
        ? bad(
            r,
            'question_min_length',
            a.question_min_length,
            `read-only in the API, which returns ${PASSWORD_POLICY_FIXED.question_min_length} (${SPEC}; ` +
              `${FILE}:249-251): a change on every plan`,
          )
        : undefined,
    ];
    return verdict(findings.filter((f): f is RuleFinding => f !== undefined));
  },
});
