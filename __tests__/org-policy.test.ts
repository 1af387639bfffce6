/**
 * The org's own policies, stated (issue 22 items 1 and 9): the default password policy carries every setting the
 * provider PUTs, at current guidance unless an environment says otherwise (with a reason where it goes below it);
 * the security question is INACTIVE, or ACTIVE for password recovery only with the password policy agreeing. Bad
 * input names the environment, the field, the value and what is allowed; the review says what a change does.
 */
import { formatProblems } from '../config/load';
import type { EnvironmentName } from '../config/schema';
import {
  PASSWORD_POLICY_DEFAULTS,
  PASSWORD_SETTINGS,
  passwordChangeDirection,
  RECOVERY_MEANING,
  recoveryChangeDirection,
  SETTING_MEANING,
} from '../domain/okta/password-policy';
import { PASSWORD_RECOVERY_STATUS } from '../domain/okta/authenticators';
import { passwordPolicyChanges, passwordPolicyRows } from '../review/password-policy';
import { buildReport } from '../review/report';
import { ReadModel } from '../synthesized/read-model';
import { StackModel } from '../synthesized/model';
import { weakestSignIn } from '../simulator/evaluate';
import { ORDINARY } from '../simulator/context';
import { SimStack } from '../simulator/stack';
import { configFor, problemsOf } from './support/configs';
import {
  compliant,
  modelOf,
  res,
  ruleResults,
  synthesizedDefaults,
  type Json,
  type Synthesized,
} from './support/guardrails';
import { synthStack } from './support/synth';

const problems = (env: EnvironmentName, edit: (c: any) => void) =>
  formatProblems(problemsOf(env, configFor(env, edit)));
const mfa = (c: any) => c.identity.mfa;
const policyOf = (j: Json) => res(j, 'okta_policy_password_default');

let json: Synthesized;
/** prod keeping the security question for recovery, with a 12-character minimum and a reason. */
let kept: Json;

beforeAll(() => {
  json = synthesizedDefaults().json;
  kept = synthStack(
    'prod',
    configFor('prod', (c) => {
      mfa(c).authenticators['security-question'] = { status: 'ACTIVE', enrollment: 'OPTIONAL', recovery: true };
      mfa(c).passwordPolicy = { minLength: 12, minLengthOverride: { reason: 'the kiosk keyboard app caps input' } };
    }),
    { declarations: true },
  ) as Json;
});

describe.each(['dev', 'staging', 'prod'] as const)('GIVEN identity-gateway-%s', (env) => {
  test('THEN the default password policy states every setting the provider PUTs, at the guidance', () => {
    const policy = ReadModel.of(modelOf(env, json[env])).defaultPasswordPolicy!;
    // Nothing is left to the provider's defaults (which would replace the org's own settings on apply).
    expect(policy.unstated).toEqual([]);
    expect(policy.values).toEqual(Object.fromEntries(PASSWORD_SETTINGS.map((k) => [k, PASSWORD_POLICY_DEFAULTS[k]])));
    expect(policyOf(json[env])).toMatchObject({
      password_min_length: 15,
      password_dictionary_lookup: true,
      password_min_lowercase: 0,
      password_max_age_days: 0,
      password_max_lockout_attempts: 10,
      password_lockout_notification_channels: ['EMAIL'],
      question_min_length: 4,
      question_recovery: 'INACTIVE',
    });
    expect(ruleResults(env, json[env], ['OKC-18', 'MFA-22', 'MFA-25', 'MFA-26'])).toEqual(
      compliant(['OKC-18', 'MFA-22', 'MFA-25', 'MFA-26']),
    );
  });
});

describe('password policy: bad input', () => {
  test('fails for a setting outside what Okta allows, naming the field, the value and the range', () => {
    expect(problems('prod', (c) => (mfa(c).passwordPolicy = { minLength: 40 }))).toContain(
      '[prod] identity.mfa.passwordPolicy.minLength = 40: allowed: whole characters from 4 to 30 (Okta',
    );
    expect(problems('staging', (c) => (mfa(c).passwordPolicy = { lockoutAttempts: 0 }))).toContain(
      '[staging] identity.mfa.passwordPolicy.lockoutAttempts = 0: allowed: whole attempts from 1 to 100 (NIST',
    );
    expect(problems('dev', (c) => (mfa(c).passwordPolicy = { autoUnlockMinutes: 10000 }))).toContain(
      "[dev] identity.mfa.passwordPolicy.autoUnlockMinutes = 10000: allowed: whole minutes from 0 to 9999 (Okta's",
    );
    expect(problems('prod', (c) => (mfa(c).passwordPolicy = { historyCount: 2.5 }))).toContain(
      '[prod] identity.mfa.passwordPolicy.historyCount = 2.5: expected integer',
    );
  });

  test('fails for a minimum length below the guidance without a reasoned override', () => {
    expect(problems('prod', (c) => (mfa(c).passwordPolicy = { minLength: 12 }))).toContain(
      '[prod] identity.mfa.passwordPolicy.minLength = 12: below the guidance of 15 characters',
    );
    expect(
      problems('prod', (c) => (mfa(c).passwordPolicy = { minLength: 12, minLengthOverride: { reason: 'legacy' } })),
    ).toContain(
      '[prod] identity.mfa.passwordPolicy.minLengthOverride.reason = "legacy": say why in at least 10 characters',
    );
    expect(
      problems('prod', (c) => (mfa(c).passwordPolicy = { minLengthOverride: { reason: 'a legacy kiosk app' } })),
    ).toContain('identity.mfa.passwordPolicy.minLengthOverride = {"reason":"a legacy kiosk app"}: minLength 15');
  });

  test('fails for an expiry warning without an expiry', () => {
    expect(problems('prod', (c) => (mfa(c).passwordPolicy = { expireWarnDays: 7 }))).toContain(
      '[prod] identity.mfa.passwordPolicy.expireWarnDays = 7: a warning before expiry needs an expiry (maxAgeDays)',
    );
  });
});

describe('GIVEN prod with a 12-character minimum (reason given) and the security question kept for recovery', () => {
  test('THEN the policy says 12, the reason is declared, and the guidance rule accepts it', () => {
    expect(policyOf(kept).password_min_length).toBe(12);
    expect((kept['//'] as Json).guardrails.passwordPolicy).toEqual({
      minLengthOverride: 'the kiosk keyboard app caps input',
    });
    expect(ruleResults('prod', kept, ['MFA-22', 'OKC-18'])).toEqual(compliant(['MFA-22', 'OKC-18']));
  });

  test('THEN the review says the minimum is shorter, that it weakens, and why', () => {
    const change = passwordPolicyChanges(modelOf('prod', json.prod), modelOf('prod', kept));
    expect(change).toContainEqual({
      direction: 'weaken',
      area: 'mfa',
      subject: 'password policy',
      sentence:
        "The password policy's minimum password length is now 12 (was 15) (below the guidance of 15; reason " +
        'given: the kiosk keyboard app caps input): shorter passwords are guessed sooner.',
    });
    expect(change).toContainEqual(
      expect.objectContaining({
        direction: 'weaken',
        sentence:
          'Password recovery by security question is now offered: a security question is easier to take over than ' +
          'the password it resets.',
      }),
    );
  });

  test('THEN the security question is ACTIVE for recovery only; the password policy offers question recovery', () => {
    const question = res(kept, 'okta_authenticator', '', (a) => a.key === 'security_question');
    expect(question.status).toBe('ACTIVE');
    expect(JSON.parse(question.settings)).toEqual({ allowedFor: 'recovery' });
    // ACTIVE: created with the other active authenticators, not after the policies (nothing to deactivate): it
    // waits only for the Identity Engine check every Okta block waits for.
    expect(question.depends_on).toEqual([expect.stringMatching(/^data\.okta_org_metadata\./)]);
    expect(policyOf(kept)).toMatchObject({ question_recovery: 'ACTIVE', question_min_length: 4 });
    // AND the second plan is clean (the API returns allowedFor as sent), every authenticator rule holds
    expect(ruleResults('prod', kept, ['MFA-25', 'MFA-26', 'OKC-11', 'OKC-12'])).toEqual(
      compliant(['MFA-25', 'MFA-26', 'OKC-11', 'OKC-12']),
    );
    // AND it is never a sign-in factor: the simulator drops it (allowedFor recovery)
    const sim = SimStack.of(new StackModel('identity-gateway-prod', kept));
    const trace = weakestSignIn(sim, 'API Users', 'portal', ORDINARY).trace;
    expect(trace.map((s) => s.why)).toContainEqual(expect.stringMatching(/recovery only.*security_question/));
  });

  test('fails (bad input) for a security question kept ACTIVE without saying it is for recovery', () => {
    expect(
      problems(
        'prod',
        (c) => (mfa(c).authenticators['security-question'] = { status: 'ACTIVE', enrollment: 'OPTIONAL' }),
      ),
    ).toContain(
      '[prod] identity.mfa.authenticators.security-question.status = "ACTIVE": Security Question answers are ' +
        'guessable',
    );
    expect(
      problems('prod', (c) => {
        mfa(c).authenticators['security-question'] = { status: 'ACTIVE', enrollment: 'NOT_ALLOWED', recovery: true };
      }),
    ).toContain('kept for recovery, but nobody may enroll an answer to recover with; allowed: OPTIONAL, REQUIRED');
  });
});

describe('GIVEN a change to prod password policy WHEN reviewed', () => {
  const review = (edit: (j: Json) => void) =>
    passwordPolicyChanges(modelOf('prod', json.prod), modelOf('prod', json.prod, edit)).map((c) => [
      c.direction,
      c.sentence,
    ]);

  test('fails (weakens) when the common-password check goes, or lockout comes later, or nobody is emailed', () => {
    expect(
      review((j) => {
        const p = policyOf(j);
        p.password_dictionary_lookup = false;
        p.password_max_lockout_attempts = 50;
        p.password_lockout_notification_channels = [];
      }),
    ).toEqual([
      [
        'weaken',
        "The password policy's check against common passwords is now off (was on): the passwords attackers try " +
          'first are accepted.',
      ],
      [
        'weaken',
        "The password policy's failed sign-ins before lockout is now 50 (was 10): more guesses before an account " +
          'locks.',
      ],
      [
        'weaken',
        "The password policy's lockout email to the user is now off (was on): nobody is told when an account locks.",
      ],
    ]);
  });

  test('fails (weakens) when a setting is left to the provider: the review compares what is really PUT', () => {
    // The old form: the minimum length unset goes out as the provider's 8.
    expect(review((j) => delete policyOf(j).password_min_length)).toEqual([
      [
        'weaken',
        "The password policy's minimum password length is now 8 (was 15): shorter passwords are guessed sooner.",
      ],
    ]);
  });

  test('THEN composition rules and expiry are neutral, and an unchanged policy says nothing', () => {
    expect(review((j) => (policyOf(j).password_min_symbol = 1))).toEqual([
      ['neutral', "The password policy's symbol rule is now on (was off)."],
    ]);
    expect(review(() => undefined)).toEqual([]);
  });
});

describe('which way a change goes: the one classification the review and the preflight follow', () => {
  test.each([
    ['minLength', 15, 8, 'weaken'],
    ['minLength', 8, 15, 'strengthen'],
    ['historyCount', 5, 4, 'weaken'],
    ['lockoutAttempts', 10, 50, 'weaken'],
    ['lockoutAttempts', 10, 0, 'weaken'],
    ['lockoutAttempts', 0, 10, 'strengthen'],
    ['autoUnlockMinutes', 0, 30, 'weaken'],
    ['autoUnlockMinutes', 30, 10, 'weaken'],
    ['autoUnlockMinutes', 30, 0, 'strengthen'],
    ['recoveryEmailTokenMinutes', 60, 120, 'weaken'],
    ['commonPasswordCheck', true, false, 'weaken'],
    ['excludeFirstName', false, true, 'strengthen'],
    ['lockoutEmail', true, false, 'weaken'],
    ['requireUppercase', true, false, 'neutral'],
    ['requireSymbol', false, true, 'neutral'],
    ['maxAgeDays', 90, 0, 'neutral'],
    ['minAgeMinutes', 60, 0, 'neutral'],
    ['showLockoutFailures', false, true, 'neutral'],
    ['minLength', 15, 15, 'neutral'],
  ] as const)('%s from %p to %p: %s', (setting, from, to, direction) => {
    expect(passwordChangeDirection(setting, from, to)).toBe(direction);
  });

  test('THEN a neutral setting says why the guidance ranks it neither way, and only a neutral one', () => {
    for (const setting of PASSWORD_SETTINGS)
      expect([setting, SETTING_MEANING[setting].whyNeutral !== undefined]).toEqual([
        setting,
        SETTING_MEANING[setting].weaker === 'neutral',
      ]);
  });

  test('THEN opening SMS, voice or question recovery weakens, closing strengthens, email is neutral', () => {
    expect(Object.keys(RECOVERY_MEANING).sort()).toEqual(Object.keys(PASSWORD_RECOVERY_STATUS).sort());
    expect(recoveryChangeDirection('sms_recovery', 'INACTIVE', 'ACTIVE')).toBe('weaken');
    expect(recoveryChangeDirection('question_recovery', 'ACTIVE', 'INACTIVE')).toBe('strengthen');
    expect(recoveryChangeDirection('email_recovery', 'INACTIVE', 'ACTIVE')).toBe('neutral');
    expect(recoveryChangeDirection('call_recovery', 'ACTIVE', 'ACTIVE')).toBe('neutral');
  });
});

describe('GIVEN the posture report', () => {
  test('THEN it lists every password setting beside the guidance, and the override with its reason', () => {
    const md = buildReport(modelOf('prod', json.prod), []).markdown;
    expect(md).toContain("| Org's default password policy | Value | Guidance | Note |");
    expect(md).toContain('| minimum password length | 15 | 15 | as guidance |');
    expect(md).toContain('| password recovery by | email | email | as guidance |');
    const rows = passwordPolicyRows(modelOf('prod', kept));
    expect(rows).toContainEqual(['minimum password length', '12', '15', 'override: the kiosk keyboard app caps input']);
    expect(rows).toContainEqual(['password recovery by', 'email, security question', 'email', 'differs']);
  });
});
