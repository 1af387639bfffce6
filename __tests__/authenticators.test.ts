/**
 * The authenticator registry (domain/okta/authenticators.ts) and every layer that derives from it: each managed
 * authenticator is taken by the config, synthesized by the stack, named by both enrollment policies, modelled by the
 * simulator and rated by the review, checked from the registry (no hand-written list of managed authenticators), so
 * a layer that forgets one fails here. Light: reads the shared fixture, loads no cdktf.
 */
import {
  AUTHENTICATOR_LIST,
  AUTHENTICATOR_TYPES,
  authenticatorOf,
  ENROLLMENT_ANCHOR_KEYS,
  ENROLLMENT_POLICY_KEYS,
  isPhishingResistant,
  MANAGED_AUTHENTICATORS,
  managedAuthenticator,
  OKTA_AUTHENTICATOR_KEYS,
  PASSWORD_RECOVERY_STATUS,
  PHISHING_RESISTANT_CAPABLE,
  type ManagedAuthenticator,
} from '../domain/okta/authenticators';
import { ENVIRONMENT_NAMES, type EnvironmentName } from '../config/schema';
import { ENVIRONMENTS } from '../config/environments';
import { PHISHING_RESISTANT, signOnConstraintJson } from '../domain/okta/sign-on-constraints';
import { AUTHENTICATOR_NAMES, ORDINARY, parseContext } from '../simulator/context';
import { weakestSignIn } from '../simulator/evaluate';
import { appRuleShortfall, SIGN_INS, SIMULATED_AUTHENTICATORS, verificationOf } from '../simulator/signins';
import { SimStack } from '../simulator/stack';
import { viewOf } from '../review/view';
import { reviewStack } from '../review/review';
import { CONFORMANCE_RULES } from '../guardrails/conformance/catalogue';
import { secondPlan } from '../guardrails/conformance/read-back';
import { checkStack } from '../guardrails/engine';
import type { TfResource } from '../synthesized/model';
import { configFor, problemsOf } from './support/configs';
import { synthesizedJson } from './support/fixture';
import { modelOf, type Json } from './support/guardrails';
import { resources } from './support/tf-json';

const key = (name: ManagedAuthenticator) => managedAuthenticator(name).key;

describe('the registry', () => {
  test('every managed authenticator has a display name, a type, recorded settings and sign-in methods', () => {
    for (const name of MANAGED_AUTHENTICATORS) {
      const a = managedAuthenticator(name);
      expect({ name, display: typeof a.name, type: typeof a.type, settings: typeof a.settings }).toEqual({
        name,
        display: 'string',
        type: 'string',
        settings: 'object',
      });
      expect({ name, signIn: (a.signIn ?? []).length > 0 }).toEqual({ name, signIn: true });
      expect({ name, enrollmentPolicy: a.enrollmentPolicy }).toEqual({ name, enrollmentPolicy: true });
    }
  });

  test("the enrollment-policy keys are the provider's and the API adds three (sdk/authenticators.go:5-20)", () => {
    expect([...ENROLLMENT_POLICY_KEYS].sort()).toEqual(
      [
        'duo',
        'external_idp',
        'google_otp',
        'okta_email',
        'okta_password',
        'okta_verify',
        'onprem_mfa',
        'phone_number',
        'rsa_token',
        'security_question',
        'webauthn',
        'yubikey_token',
        'smart_card_idp',
      ].sort(),
    );
    expect(OKTA_AUTHENTICATOR_KEYS).toEqual(
      [...ENROLLMENT_POLICY_KEYS, 'custom_app', 'custom_otp', 'symantec_vip'].sort(),
    );
  });

  test("the Classic factors are the provider's (sdk/org_factor.go:44-60)", () => {
    expect(
      AUTHENTICATOR_LIST.filter((a) => a.classic)
        .map((a) => a.key)
        .sort(),
    ).toEqual(
      [
        'duo',
        'fido_u2f',
        'fido_webauthn',
        'hotp',
        'google_otp',
        'okta_call',
        'okta_email',
        'okta_otp',
        'okta_password',
        'okta_push',
        'okta_question',
        'okta_sms',
        'rsa_token',
        'symantec_vip',
        'yubikey_token',
      ].sort(),
    );
  });

  test.each(AUTHENTICATOR_LIST.map((a) => [a.key, a] as const))('%s: its facts agree with each other', (_, a) => {
    // Phishing resistant in every method is what the strength "phishing-resistant" means.
    expect(a.strength === 'phishing-resistant').toBe(a.phishingResistant === true);
    if (a.telephony) expect(a.strength).toBe('weak');
    if (a.type) expect(AUTHENTICATOR_TYPES[a.factor] as readonly string[]).toContain(a.type);
    if (Array.isArray(a.phishingResistant)) for (const m of a.phishingResistant) expect(a.methods).toContain(m);
    for (const m of a.signIn ?? []) expect(a.methods).toContain(m.method);
    for (const s of a.settings?.managed ?? []) expect(s).toMatch(/^[a-zA-Z]+$/);
  });

  test('password or email anchors the enrollment policy; Okta Verify and WebAuthn can be phishing resistant', () => {
    expect(ENROLLMENT_ANCHOR_KEYS).toEqual(['okta_password', 'okta_email']);
    expect(PHISHING_RESISTANT_CAPABLE).toEqual(['okta-verify', 'webauthn']);
    expect(isPhishingResistant('okta_verify', 'signed_nonce')).toBe(true);
    expect(isPhishingResistant('okta_verify', 'push')).toBe(false);
    expect(isPhishingResistant('okta_verify')).toBe(false);
    expect(isPhishingResistant('yubikey_token', 'otp')).toBe(false); // YubiKey OTP is a one-time password
    expect(isPhishingResistant('smart_card_idp')).toBe(true);
  });
});

describe.each(MANAGED_AUTHENTICATORS.map((n) => [n] as const))('%s: every layer knows it', (name) => {
  const okta = managedAuthenticator(name);
  const statusIn = (env: EnvironmentName) => {
    const identity = ENVIRONMENTS[env].identity;
    return identity.mode === 'managed' ? identity.mfa?.authenticators[name]?.status : undefined;
  };

  test('the config takes it and every default environment lists it', () => {
    for (const env of ENVIRONMENT_NAMES) {
      expect(ENVIRONMENTS[env].identity).toHaveProperty(['mfa', 'authenticators', name]);
      expect(problemsOf(env, configFor(env))).toEqual([]);
    }
  });

  test('fails: a config without it is refused (Okta cannot delete an authenticator)', () => {
    for (const env of ENVIRONMENT_NAMES) {
      const dropped = configFor(env, (c) => delete c.identity.mfa.authenticators[name]);
      expect(problemsOf(env, dropped).map((p) => p.path)).toContain(`identity.mfa.authenticators.${name}`);
    }
  });

  test.each(ENVIRONMENT_NAMES.map((e) => [e] as const))(
    'the %s stack manages it and both enrollment policies name it',
    (env) => {
      const json = synthesizedJson(env);
      const managed = resources(json, 'okta_authenticator').filter(([, a]) => a.key === okta.key);
      expect(managed.map(([, a]) => ({ name: a.name, status: a.status }))).toEqual([
        { name: okta.name, status: statusIn(env) },
      ]);
      for (const type of ['okta_policy_mfa', 'okta_policy_mfa_default']) {
        const [[, policy]] = resources(json, type);
        expect({ type, [okta.key]: policy[okta.key]?.enroll }).toEqual({
          type,
          [okta.key]: expect.stringMatching(/^(REQUIRED|OPTIONAL|NOT_ALLOWED)$/),
        });
      }
    },
  );

  test('the simulator models its sign-ins, takes its name on the command line and weighs it', () => {
    expect(SIMULATED_AUTHENTICATORS).toContain(okta.key);
    expect(AUTHENTICATOR_NAMES).toContain(name);
    expect(SIGN_INS.some((s) => s.factors.some((f) => f.authenticator === okta.key))).toBe(true);
    const sim = SimStack.of(modelOf('dev', synthesizedJson('dev')));
    expect(parseContext(sim.model, { authenticators: [name] }).context?.authenticators).toEqual([okta.key]);
    // The enrollment step says of each managed authenticator whether it may be enrolled, or why not.
    const enrollment = weakestSignIn(sim, 'API Users', 'portal', ORDINARY)
      .trace.filter((t) => t.stage === 'enrollment')
      .map((t) => t.why)
      .join('\n');
    expect(enrollment).toContain(okta.key);
  });

  test('the review lists it with its name and the strength the registry gives it', () => {
    const view = viewOf(modelOf('prod', synthesizedJson('prod')));
    expect(view.mfa.authenticators.filter((a) => a.key === okta.key)).toEqual([
      expect.objectContaining({ name: okta.name, strength: okta.strength }),
    ]);
  });
});

describe('what the layers derive', () => {
  const rule = (constraint: Parameters<typeof signOnConstraintJson>[0]): TfResource => ({
    mode: 'resource',
    type: 'okta_app_signon_policy_rule',
    name: 'r',
    address: 'okta_app_signon_policy_rule.r',
    attrs: { factor_mode: '1FA', constraints: [signOnConstraintJson(constraint)] },
  });

  test.each(SIGN_INS.map((s) => [s.label, s] as const))(
    'the simulator lets "%s" meet a phishing-resistant rule exactly when the registry calls it so',
    (_, s) => {
      const resistant = s.factors.some((f) => isPhishingResistant(f.authenticator, f.method));
      expect(appRuleShortfall(s, rule(PHISHING_RESISTANT), verificationOf([])) === undefined).toBe(resistant);
    },
  );

  test("the org's default password policy sets every recovery switch as the registry says", () => {
    const [[, password]] = resources(synthesizedJson('prod'), 'okta_policy_password_default');
    expect(password).toMatchObject(PASSWORD_RECOVERY_STATUS);
  });

  test('a key the registry does not know counts as strong in the review, and is no authenticator key', () => {
    expect(authenticatorOf('no_such_key')).toBeUndefined();
    expect(OKTA_AUTHENTICATOR_KEYS).not.toContain('okta_sms');
    expect(key('phone')).toBe('phone_number');
  });
});

describe('GIVEN an authenticator the stack starts managing as INACTIVE WHEN reviewed', () => {
  const prod = synthesizedJson('prod');
  /** The posture sentences of a review from prod without `key` to prod managing it with `status`. */
  const managing = (key: string, name: string, status: string) => {
    const without = (j: Json) => {
      for (const [id, a] of Object.entries(j.resource.okta_authenticator as Record<string, Json>))
        if (a.key === key) delete j.resource.okta_authenticator[id];
    };
    const head = modelOf('prod', prod, (j) => {
      without(j);
      j.resource.okta_authenticator.Added = { key, name, status };
    });
    return reviewStack(modelOf('prod', prod, without), head).posture.filter(
      (p) => p.subject === `authenticator ${key}`,
    );
  };

  test('THEN one Okta ships ACTIVE (security questions) is turned off: a strengthening', () => {
    expect(managing('security_question', 'Security Question', 'INACTIVE')).toEqual([
      {
        direction: 'strengthen',
        area: 'mfa',
        subject: 'authenticator security_question',
        sentence:
          'The weak authenticator "Security Question" is now managed here, as INACTIVE: Okta ships it ACTIVE, ' +
          'so an org that kept the default turns it off.',
      },
    ]);
  });

  test('THEN one whose shipped status the registry does not record changes nothing the review can tell', () => {
    expect(authenticatorOf('google_otp')?.oktaDefaultStatus).toBeUndefined();
    expect(managing('google_otp', 'Google Authenticator', 'INACTIVE')).toEqual([]);
  });
});

describe('security_question, which Okta ships ACTIVE for recovery', () => {
  test.each(ENVIRONMENT_NAMES.map((e) => [e] as const))(
    'the %s stack manages it INACTIVE, deactivated only after every policy that could offer it',
    (env) => {
      const json = synthesizedJson(env);
      const all = (type: string) => resources(json, type).map(([id, r]) => [`${type}.${id}`, r] as const);
      const only = (type: string) => all(type)[0];
      // The enrollment policies in priority order: break-glass and administrators first where there are some.
      const enrollment = all('okta_policy_mfa').sort(([, a], [, b]) => a.priority - b.priority);
      const [orgEnrollment, orgPolicy] = only('okta_policy_mfa_default');
      const [orgPassword, passwordPolicy] = only('okta_policy_password_default');
      const orgCheck = `data.okta_org_metadata.${Object.keys(json.data!.okta_org_metadata)[0]}`;
      const managed = resources(json, 'okta_authenticator').filter(([, a]) => a.key === 'security_question');
      expect(managed.map(([, a]) => a)).toEqual([
        expect.objectContaining({
          name: 'Security Question',
          status: 'INACTIVE',
          depends_on: [...enrollment.map(([address]) => address), orgEnrollment, orgPassword, orgCheck],
        }),
      ]);
      // No settings: Okta's own (allowedFor recovery) read back against an unset one is no change.
      expect(managed[0][1].settings).toBeUndefined();
      for (const [, policy] of enrollment) {
        expect(policy.security_question).toEqual({ enroll: 'NOT_ALLOWED' });
        // Nothing waits for it to exist: only ACTIVE authenticators come before the policies.
        expect(policy.depends_on).not.toContain(`okta_authenticator.${managed[0][0]}`);
      }
      expect(orgPolicy.security_question).toEqual({ enroll: 'NOT_ALLOWED' });
      expect(passwordPolicy.question_recovery).toBe('INACTIVE');
    },
  );

  test('the conformance rules find nothing on it and a second plan shows no change', () => {
    const model = modelOf('prod', synthesizedJson('prod'));
    const sq = model.resources('okta_authenticator').find((a) => a.attrs.key === 'security_question')!;
    const findings = checkStack(model, { rules: CONFORMANCE_RULES }).findings;
    expect(findings.filter((f) => f.address === sq.address || f.message.includes('security_question'))).toEqual([]);
    expect(secondPlan(sq)).toEqual([]);
  });

  test('the simulator counts it out: inactive, so no sign-in uses it', () => {
    const sim = SimStack.of(modelOf('prod', synthesizedJson('prod')));
    const v = weakestSignIn(sim, 'API Users', 'portal', ORDINARY);
    expect(v.trace.find((t) => t.why.startsWith('inactive, so unusable'))?.why).toContain('security_question');
    expect(v.signIn).not.toMatch(/security question/);
  });

  test('fails: enrolling it while INACTIVE is refused', () => {
    const edited = configFor(
      'prod',
      (c) => (c.identity.mfa.authenticators['security-question'].enrollment = 'OPTIONAL'),
    );
    expect(problemsOf('prod', edited).map((p) => p.path)).toContain(
      'identity.mfa.authenticators.security-question.enrollment',
    );
  });
});
