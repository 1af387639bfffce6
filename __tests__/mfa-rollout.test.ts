/**
 * The organisation-wide MFA rollout (issue 3): what the synthesized stacks must say about waves,
 * authenticators, sessions, tiers and network zones, and the configs and constraints that are refused.
 */
import { Testing } from 'cdktf';
import { formatProblems, loadEnvironmentConfig } from '../config/load';
import { ENVIRONMENT_NAMES, type EnvironmentName } from '../config/schema';
import { ipRangeProblem } from '../domain/okta/network-ranges';
import { MANAGED_AUTHENTICATORS, managedAuthenticator } from '../domain/okta/authenticators';
import {
  PHISHING_RESISTANT,
  PHISHING_RESISTANT_DEVICE_BOUND,
  buildSignOnConstraint,
  isoDurationMinutes,
  signOnConstraintJson,
  type SignOnConstraintSpec,
} from '../domain/okta/sign-on-constraints';
import { IdentityGatewayStack, stackName } from '../stacks/identity-gateway-stack';
import { signOnConditionsSent } from '../domain/okta/sign-on-rule-conditions';
import { stackJson, synthesizedJson } from './support/fixture';
import { compliant, ruleResults } from './support/guardrails';
import { configFor, problemsOf } from './support/configs';
import { synthStack } from './support/synth';
import { ref, resources, type TfJson } from './support/tf-json';

const synthesized = {} as Record<EnvironmentName, TfJson>;
/** Prod with every optional switch turned the other way (org capabilities on, hardening off, FIPS required). */
let prodVariant: TfJson;

beforeAll(() => {
  // GIVEN the default config of each environment (dev: everyone, staging: engineering, prod: pilot),
  // WHEN each is synthesized once
  for (const env of ENVIRONMENT_NAMES) synthesized[env] = stackJson(env);
  prodVariant = synthStack(
    'prod',
    configFor('prod', (c) => {
      Object.assign(c.okta, { riskScoring: true, identityProviderConditions: true });
      c.identity.mfa.authenticators['okta-verify'].fips = 'REQUIRED';
      c.identity.mfa.authenticators.email.recoveryOnly = false;
      c.identity.mfa.networkZones.blocklist.orgWide = false;
    }),
  );
});

/** Formatted problems of an environment's default config changed by `edit`. */
const problems = (env: EnvironmentName, edit: (c: any) => void) =>
  formatProblems(problemsOf(env, configFor(env, edit)));
const mfaOf = (c: any) => c.identity.mfa;
const only = (json: TfJson, type: string): [string, any] => {
  const all = resources(json, type);
  expect(all).toHaveLength(1);
  return all[0];
};
/**
 * The rollout's enrollment policy (the break-glass accounts and the administrators, where the environment has
 * admin surfaces, enroll by policies of their own, before it).
 */
const rolloutEnrollment = (json: TfJson): [string, any] => {
  const [found] = resources(json, 'okta_policy_mfa').filter(
    ([, p]) => p.name === 'MFA rollout: authenticator enrollment',
  );
  return found;
};
/** Every okta_policy_mfa address, in priority order. */
const enrollmentAddresses = (json: TfJson) =>
  resources(json, 'okta_policy_mfa')
    .sort(([, a], [, b]) => a.priority - b.priority)
    .map(([n]) => `okta_policy_mfa.${n}`);
/** The Identity Engine check every okta object depends on. */
const orgCheck = (json: TfJson) => `data.okta_org_metadata.${Object.keys(json.data!.okta_org_metadata)[0]}`;
/** okta_group ids as written in the JSON, by group key (the logical id carries a hash suffix). */
const groupIds = (json: TfJson) =>
  Object.fromEntries(resources(json, 'okta_group').map(([name, g]) => [g.name, ref('okta_group', name, 'id')]));
const everyoneRef = (json: TfJson) =>
  `\${data.okta_everyone_group.${Object.keys(json.data!.okta_everyone_group)[0]}.id}`;
/** A tier's policy name in the JSON. */
const tierPolicy = (json: TfJson, tier: string) =>
  resources(json, 'okta_app_signon_policy').find(([, p]) => p.name === `Sign-on tier: ${tier}`)!;
const rulesOf = (json: TfJson, type: string, policyType: string, policyName: string) =>
  resources(json, type)
    .filter(([, r]) => r.policy_id === ref(policyType, policyName, 'id'))
    .sort((a, b) => a[1].priority - b[1].priority);

describe('enforced groups follow the current phase', () => {
  /** The enforced group ids the config implies: every group of every wave up to the current phase (or Everyone). */
  const expectedEnforced = (env: EnvironmentName, json: TfJson): string[] => {
    const c = loadEnvironmentConfig(env, configFor(env));
    const id = c.identity.mode === 'managed' ? c.identity : undefined;
    const rollout = id!.mfa!.rollout;
    const waves = rollout.waves.slice(0, rollout.waves.findIndex((w) => w.key === rollout.currentPhase) + 1);
    const g = groupIds(json);
    const groupId = (k: string) => (k === 'everyone' ? everyoneRef(json) : g[(id!.groups[k] as { name: string }).name]);
    const keys = waves.flatMap((w) => w.groups);
    // Everyone covers every group, so it is enforced alone.
    return (keys.includes('everyone') ? ['everyone'] : keys).map(groupId).sort();
  };

  test.each(ENVIRONMENT_NAMES)(
    'GIVEN %s at its current phase THEN the groups of every wave up to it, and no other, are enforced',
    (env) => {
      const json = synthesized[env];
      const expected = expectedEnforced(env, json);
      expect(expected.length).toBeGreaterThan(0);
      expect([...rolloutEnrollment(json)[1].groups_included].sort()).toEqual(expected);
      expect([...only(json, 'okta_policy_signon')[1].groups_included].sort()).toEqual(expected);
      const standard = tierPolicy(json, 'standard');
      const twoFactors = rulesOf(json, 'okta_app_signon_policy_rule', 'okta_app_signon_policy', standard[0]).find(
        ([, r]) => r.name === 'Two factors',
      );
      if (twoFactors) expect([...twoFactors[1].groups_included].sort()).toEqual(expected);
    },
  );

  test('GIVEN dev at "everyone" THEN the Everyone group alone is enforced and no one-factor fallback remains', () => {
    const json = synthesized.dev;
    const names = resources(json, 'okta_app_signon_policy_rule').map(([, r]) => r.name);
    expect(names).not.toContain('Not yet in the MFA rollout');
    expect(resources(json, 'okta_app_signon_policy_rule').every(([, r]) => r.factor_mode !== '1FA')).toBe(true);
  });

  test(
    'GIVEN a phase before everyone THEN the standard tier ' + 'lets the rest in with one factor, as its last rule',
    () => {
      const before = ENVIRONMENT_NAMES.filter((e) => mfaOf(configFor(e)).rollout.currentPhase !== 'everyone');
      for (const env of before) {
        const json = synthesized[env];
        const rules = rulesOf(
          json,
          'okta_app_signon_policy_rule',
          'okta_app_signon_policy',
          tierPolicy(json, 'standard')[0],
        );
        const last = rules[rules.length - 1][1];
        expect(last).toMatchObject({ name: 'Not yet in the MFA rollout', access: 'ALLOW', factor_mode: '1FA' });
        expect(last.groups_included).toBeUndefined();
      }
    },
  );
});

describe.each(ENVIRONMENT_NAMES)('identity-gateway-%s', (env) => {
  const json = () => synthesized[env];

  /** The rules' results on this environment's output as written (the `//` declarations included). */
  const rules = (...ids: string[]) => ruleResults(env, synthesizedJson(env), ids);

  test('every rule list has unique priorities from 1, chained with depends_on in order', () => {
    const ids = ['OK-14', 'OK-15'];
    expect(rules(...ids)).toEqual(compliant(ids));
    for (const type of ['okta_app_signon_policy_rule', 'okta_policy_rule_signon', 'okta_policy_rule_mfa']) {
      expect(resources(json(), type).length).toBeGreaterThan(0);
    }
  });

  test(
    'the blocklist deny rule is first in the global session ' + 'policy and every tier policy, naming the POLICY zones',
    () => {
      expect(rules('MFA-05')).toEqual(compliant(['MFA-05']));
      const blocklist = resources(json(), 'okta_network_zone')
        .filter(([, z]) => z.type === 'DYNAMIC' && z.usage === 'POLICY')
        .map(([name]) => ref('okta_network_zone', name, 'id'));
      const denies = [
        ...resources(json(), 'okta_policy_rule_signon'),
        ...resources(json(), 'okta_app_signon_policy_rule'),
      ].filter(([, r]) => r.access === 'DENY' && r.network_connection === 'ZONE');
      // The global session policy, the three tiers and, in staging and prod, the Admin Console's policy.
      expect(denies).toHaveLength(env === 'dev' ? 4 : 5);
      for (const [, rule] of denies) expect([...rule.network_includes].sort()).toEqual([...blocklist].sort());
    },
  );

  test(
    `blocklisted networks are ` +
      `${env === 'dev' ? 'denied by the rules only' : 'also blocked org-wide (usage BLOCKLIST)'}; ` +
      `rules name only POLICY zones`,
    () => {
      const zones = resources(json(), 'okta_network_zone').filter(([, z]) => z.type === 'DYNAMIC');
      const criteria = (usage: string) =>
        zones
          .filter(([, z]) => z.usage === usage)
          .map(([, z]) => JSON.stringify([z.dynamic_locations, z.dynamic_proxy_type]))
          .sort();
      expect(criteria('POLICY').length).toBe(2);
      expect(criteria('BLOCKLIST')).toEqual(env === 'dev' ? [] : criteria('POLICY'));
      // A BLOCKLIST zone acts before policy evaluation: no rule names one.
      const blocking = new Set(
        zones.filter(([, z]) => z.usage === 'BLOCKLIST').map(([n]) => ref('okta_network_zone', n, 'id')),
      );
      for (const type of ['okta_policy_rule_signon', 'okta_app_signon_policy_rule']) {
        for (const [, r] of resources(json(), type))
          for (const id of [...(r.network_includes ?? []), ...(r.network_excludes ?? [])])
            expect(blocking.has(id)).toBe(false);
      }
    },
  );

  test('the global session requires MFA with an explicit, non-persistent session', () => {
    expect(rules('MFA-03')).toEqual(compliant(['MFA-03']));
    const [policyName] = only(json(), 'okta_policy_signon');
    const allow = rulesOf(json(), 'okta_policy_rule_signon', 'okta_policy_signon', policyName)[1][1];
    expect(allow).toMatchObject({ access: 'ALLOW', mfa_remember_device: false });
    expect(allow.session_lifetime).toBeGreaterThanOrEqual(15);
    expect(allow.session_lifetime).toBeLessThanOrEqual(1440);
    expect(allow.session_idle).toBeLessThanOrEqual(allow.session_lifetime);
  });

  test("every user-facing app has its tier's authentication policy; service apps have none", () => {
    const policyOf = (tier: string) => ref('okta_app_signon_policy', tierPolicy(json(), tier)[0], 'id');
    const expected: Record<string, string | undefined> = {
      'Customer portal (SPA)': policyOf('standard'),
      'Mobile app (native)': policyOf('standard'),
      'Payments console (web)': policyOf('high'),
      'Admin console (web)': policyOf('critical'),
      'Nightly reporting job (service)': undefined,
    };
    const apps = resources(json(), 'okta_app_oauth');
    expect(apps.map(([, a]) => a.label).sort()).toEqual(Object.keys(expected).sort());
    for (const [, a] of apps) expect(a.authentication_policy).toBe(expected[a.label]);
  });

  test("each tier policy makes the catch-all explicit: Okta's default rule denies", () => {
    const tiers = resources(json(), 'okta_app_signon_policy');
    expect(tiers.map(([, p]) => p.name).sort()).toEqual([
      'Sign-on tier: critical',
      'Sign-on tier: high',
      'Sign-on tier: standard',
    ]);
    expect(rules('MFA-11')).toEqual(compliant(['MFA-11']));
  });

  test('authenticators: every managed one present, Okta Verify with number challenge and user verification', () => {
    const byKey: Record<string, any> = Object.fromEntries(
      resources(json(), 'okta_authenticator').map(([logicalId, a]) => [a.key, { ...a, logicalId }]),
    );
    expect(Object.keys(byKey).sort()).toEqual(MANAGED_AUTHENTICATORS.map((k) => managedAuthenticator(k).key).sort());
    expect(JSON.parse(byKey.okta_verify.settings)).toEqual({
      channelBinding: { style: 'NUMBER_CHALLENGE', required: 'ALWAYS' },
      compliance: { fips: 'OPTIONAL' },
      userVerification: 'REQUIRED',
    });
    const [, policy] = rolloutEnrollment(json());
    expect(policy.is_oie).toBe(true);
    expect(policy.okta_password.enroll).toBe('REQUIRED');
    for (const a of Object.values(byKey)) {
      // Active ones exist before the policy offers them; inactive ones are deactivated after it stops.
      if (a.status === 'ACTIVE') expect(policy.depends_on).toContain(`okta_authenticator.${a.logicalId}`);
      else {
        expect(a.depends_on).toEqual([
          ...enrollmentAddresses(json()),
          `okta_policy_mfa_default.${only(json(), 'okta_policy_mfa_default')[0]}`,
          `okta_policy_password_default.${only(json(), 'okta_policy_password_default')[0]}`,
          orgCheck(json()),
        ]);
      }
    }
  });

  test(
    'global session rules send what the org reads back: a risk condition where it has risk scoring (staging, ' +
      'prod), the identity-provider condition ANY everywhere (Identity Engine orgs return it on every rule)',
    () => {
      const rules = resources(json(), 'okta_policy_rule_signon').map(([, r]) => r);
      expect(rules.length).toBeGreaterThan(0);
      for (const r of rules) {
        if (env === 'dev') {
          expect(r).toMatchObject({ risc_level: '', risk_level: '', identity_provider: 'ANY' });
          expect(signOnConditionsSent(r)).toEqual({ identityProvider: 'ANY' });
        } else {
          // The HIGH-risk rule matches HIGH only; every other rule any risk.
          const level = r.name === 'HIGH risk: MFA, short session' ? 'HIGH' : 'ANY';
          expect(r).toMatchObject({ risc_level: level, risk_level: level, identity_provider: 'ANY' });
          expect(signOnConditionsSent(r)).toEqual({ riskScore: level, identityProvider: 'ANY' });
        }
      }
    },
  );

  const emailRole =
    env === 'dev' ? 'a sign-in factor' : 'recovery-only, so two factors means Okta Verify, FIDO2 or phone';
  test(`email is ${emailRole}`, () => {
    const email = resources(json(), 'okta_authenticator').find(([, a]) => a.key === 'okta_email')![1];
    // The form Okta reports (allowedFor, tokenLifetimeInMinutes), so the second plan is clean.
    expect(JSON.parse(email.settings)).toEqual({
      allowedFor: env === 'dev' ? 'any' : 'recovery',
      tokenLifetimeInMinutes: 5,
    });
    const [, enrollment] = rolloutEnrollment(json());
    // Okta still needs password or email REQUIRED in the enrollment policy: password is.
    expect(enrollment.okta_password.enroll).toBe('REQUIRED');
    const factors = resources(json(), 'okta_authenticator')
      .filter(
        ([, a]) =>
          a.status === 'ACTIVE' &&
          a.key !== 'okta_password' &&
          JSON.parse(a.settings ?? '{}').allowedFor !== 'recovery',
      )
      .map(([, a]) => a.key)
      .sort();
    expect(factors).toEqual(
      env === 'dev' ? ['okta_email', 'okta_verify', 'phone_number', 'webauthn'] : ['okta_verify', 'webauthn'],
    );
  });

  test("the org's default enrollment and password policies no longer use what this stack turns off", () => {
    // Okta refuses to deactivate an authenticator a policy uses (resource_okta_authenticator.go:39-41).
    const [, mfaDefault] = only(json(), 'okta_policy_mfa_default');
    const phone = resources(json(), 'okta_authenticator').find(([, a]) => a.key === 'phone_number')![1];
    expect(mfaDefault.is_oie).toBe(true);
    expect(mfaDefault.phone_number.enroll).toBe(phone.status === 'ACTIVE' ? 'OPTIONAL' : 'NOT_ALLOWED');
    expect(mfaDefault.okta_password.enroll).toBe('REQUIRED');
    expect(mfaDefault.okta_verify.enroll).toBe('OPTIONAL'); // nothing beyond the password is forced before a wave
    const [, password] = only(json(), 'okta_policy_password_default');
    expect(password).toMatchObject({
      sms_recovery: 'INACTIVE',
      call_recovery: 'INACTIVE',
      question_recovery: 'INACTIVE',
      email_recovery: 'ACTIVE',
    });
  });

  test(`ThreatInsight ${env === 'prod' ? 'blocks' : 'audits'} and excludes exactly the corporate zones`, () => {
    const [, ti] = only(json(), 'okta_threat_insight_settings');
    expect(ti.action).toBe(env === 'prod' ? 'block' : 'audit');
    const corporate = resources(json(), 'okta_network_zone')
      .filter(([, z]) => z.type === 'IP')
      .map(([n]) => ref('okta_network_zone', n, 'id'));
    expect(corporate.length).toBeGreaterThan(0);
    expect([...ti.network_excludes].sort()).toEqual(corporate.sort());
  });

  test('payments:write reaches POST /payments only through apps whose tier guarantees its assurance', () => {
    const route = resources(json(), 'aws_apigatewayv2_route').find(([, r]) => r.route_key === 'POST /payments')![1];
    expect(route.authorization_scopes).toEqual(['payments:write']);
    expect(rules('MFA-06')).toEqual(compliant(['MFA-06']));
  });
});

describe('prod', () => {
  const ruleNamed = (tier: string, name: string) =>
    rulesOf(
      synthesized.prod,
      'okta_app_signon_policy_rule',
      'okta_app_signon_policy',
      tierPolicy(synthesized.prod, tier)[0],
    ).find(([, r]) => r.name === name)![1];

  test('the high rule requires exactly the phishing-resistant constraint, re-authenticating every 2 hours', () => {
    const rule = ruleNamed('high', 'Phishing-resistant');
    expect(rule.constraints.map((c: string) => JSON.parse(c))).toEqual([
      { possession: { required: true, phishingResistant: 'REQUIRED', userPresence: 'REQUIRED' } },
    ]);
    expect(rule).toMatchObject({ access: 'ALLOW', factor_mode: '2FA', re_authentication_frequency: 'PT2H' });
  });

  test(
    'the critical rule requires the phishing-resistant, ' +
      'device-bound constraint on a device that meets device assurance, every 30 minutes',
    () => {
      const rule = ruleNamed('critical', 'Phishing-resistant, device-bound');
      expect(rule.constraints.map((c: string) => JSON.parse(c))).toEqual([
        {
          possession: {
            required: true,
            phishingResistant: 'REQUIRED',
            deviceBound: 'REQUIRED',
            hardwareProtection: 'REQUIRED',
            userPresence: 'REQUIRED',
            userVerification: 'REQUIRED',
          },
        },
      ]);
      expect(rule).toMatchObject({
        access: 'ALLOW',
        factor_mode: '2FA',
        re_authentication_frequency: 'PT30M',
      });
      expect(rule.device_assurances_included).toHaveLength(4);
      // The org declares no device management: a managed device is never required (it would lock admins out),
      // and managed = false is stated rather than left to the provider, which sends it anyway.
      expect(rule).toMatchObject({ device_is_registered: true, device_is_managed: false });
    },
  );

  test('phone is not allowed: NOT_ALLOWED in enrollment and the authenticator is kept, deactivated', () => {
    const [, policy] = rolloutEnrollment(synthesized.prod);
    expect(policy.phone_number).toEqual({ enroll: 'NOT_ALLOWED' });
    const phone = resources(synthesized.prod, 'okta_authenticator').find(([, a]) => a.key === 'phone_number')![1];
    expect(phone.status).toBe('INACTIVE');
    expect(phone.lifecycle).toEqual({ prevent_destroy: true });
  });

  test('dev offers phone as an optional factor (a per-environment choice)', () => {
    expect(rolloutEnrollment(synthesized.dev)[1].phone_number).toEqual({ enroll: 'OPTIONAL' });
  });
});

describe('the sign-on constraint builder', () => {
  test('serializes typed possession, knowledge and inherence to the JSON Okta expects', () => {
    // GIVEN a spec with every class WHEN built THEN inherence lands on possession.userVerification
    const json = signOnConstraintJson({
      possession: { types: ['security_key', 'app'], phishingResistant: 'REQUIRED', reauthenticateMinutes: 90 },
      knowledge: { types: ['password'], reauthenticateMinutes: 120 },
      inherence: { userVerification: 'REQUIRED' },
    });
    expect(JSON.parse(json)).toEqual({
      possession: {
        required: true,
        types: ['security_key', 'app'],
        phishingResistant: 'REQUIRED',
        reauthenticateIn: 'PT1H30M',
        userVerification: 'REQUIRED',
      },
      knowledge: { required: true, types: ['password'], reauthenticateIn: 'PT2H' },
    });
    expect([isoDurationMinutes(30), isoDurationMinutes(120), isoDurationMinutes(1440)]).toEqual([
      'PT30M',
      'PT2H',
      'PT24H',
    ]);
  });

  // The okta provider reads constraints back through sdk structs whose `required` has no omitempty
  // (sdk/v2_possessionConstraint.go:10, v2_knowledgeConstraint.go:10) and compares with DeepEqual
  // (okta/utils.go:643-657): the API's form always carries `required` (true unless sent false).
  const readBack = (json: string) =>
    Object.fromEntries(Object.entries(JSON.parse(json)).map(([k, v]) => [k, { required: true, ...(v as object) }]));

  test('fails for the old constraint JSON without `required`: the read-back differs, a change on every plan', () => {
    const old = JSON.stringify({ possession: { phishingResistant: 'REQUIRED', userPresence: 'REQUIRED' } });
    expect(readBack(old)).not.toEqual(JSON.parse(old));
  });

  test('every class of every constraint the tiers emit carries required: true and reads back unchanged', () => {
    for (const spec of [
      PHISHING_RESISTANT,
      PHISHING_RESISTANT_DEVICE_BOUND,
      { knowledge: { types: ['password'] } } as SignOnConstraintSpec,
    ]) {
      const json = signOnConstraintJson(spec);
      for (const klass of Object.values(JSON.parse(json))) expect(klass).toMatchObject({ required: true });
      expect(readBack(json)).toEqual(JSON.parse(json));
    }
  });

  test('fails for an unknown constraint key (a typo Okta would silently ignore)', () => {
    const typo = { posession: { phishingResistant: 'REQUIRED' } } as unknown as SignOnConstraintSpec;
    expect(() => buildSignOnConstraint(typo)).toThrow(
      'sign-on constraint: posession = {"phishingResistant":"REQUIRED"} is invalid: unknown ' +
        'key (Okta would silently ignore it); allowed: possession, knowledge, inherence',
    );
    const nested = { possession: { phishingResistent: 'REQUIRED' } } as unknown as SignOnConstraintSpec;
    expect(() => buildSignOnConstraint(nested)).toThrow(
      'sign-on constraint: possession.phishingResistent = "REQUIRED" is invalid: unknown key',
    );
  });

  test('fails for an unknown value or an empty constraint', () => {
    const bad = { possession: { deviceBound: 'YES' } } as unknown as SignOnConstraintSpec;
    expect(() => buildSignOnConstraint(bad)).toThrow(
      'sign-on constraint: possession.deviceBound = "YES" is invalid: REQUIRED, OPTIONAL',
    );
    const badType = { knowledge: { types: ['pin'] } } as unknown as SignOnConstraintSpec;
    expect(() => buildSignOnConstraint(badType)).toThrow(
      'sign-on constraint: knowledge.types = "pin" is invalid: password, security_question',
    );
    expect(() => buildSignOnConstraint({})).toThrow(
      'at least one of possession, knowledge, inherence (an empty constraint allows anything)',
    );
  });
});

describe('environments that opt out of the hardening defaults', () => {
  test(
    'GIVEN prod with recoveryOnly false THEN email is a ' + 'sign-in factor again (the old behaviour, by choice only)',
    () => {
      const email = resources(prodVariant, 'okta_authenticator').find(([, a]) => a.key === 'okta_email')![1];
      expect(JSON.parse(email.settings).allowedFor).toBe('any');
    },
  );

  test('GIVEN prod with orgWide false THEN no zone blocks org-wide; the rules still deny the POLICY zones', () => {
    const zones = resources(prodVariant, 'okta_network_zone').map(([, z]) => z);
    expect(zones.filter((z) => z.usage === 'BLOCKLIST')).toEqual([]);
    expect(zones.filter((z) => z.type === 'DYNAMIC' && z.usage === 'POLICY')).toHaveLength(2);
  });
});

describe('bad MFA config', () => {
  test('fails for a recovery-only switch that is not a boolean, or an email token lifetime out of range', () => {
    const out = problems('prod', (c) =>
      Object.assign(mfaOf(c).authenticators.email, { recoveryOnly: 'yes', tokenLifetimeMinutes: 0 }),
    );
    expect(out).toContain('[prod] identity.mfa.authenticators.email.recoveryOnly = "yes": expected boolean');
    expect(out).toContain(
      '[prod] identity.mfa.authenticators.email.tokenLifetimeMinutes = 0: allowed: whole minutes from 1 to 1440',
    );
  });

  test('fails for an org-wide blocklist switch that is not a boolean', () => {
    expect(problems('staging', (c) => (mfaOf(c).networkZones.blocklist.orgWide = 'yes'))).toContain(
      '[staging] identity.mfa.networkZones.blocklist.orgWide = "yes": expected boolean',
    );
  });

  test('fails for a phase that names no wave', () => {
    const out = problems('prod', (c) => (mfaOf(c).rollout.currentPhase = 'pilots'));
    expect(out).toContain(
      '[prod] identity.mfa.rollout.currentPhase = "pilots": names no wave; allowed: pilot, engineering, everyone',
    );
  });

  test('fails for an unknown group in a wave', () => {
    const out = problems('prod', (c) => (mfaOf(c).rollout.waves[1].groups = ['engineer']));
    expect(out).toContain(
      '[prod] identity.mfa.rollout.waves[\'engineering\'].groups[0] = "engineer": unknown group; ' +
        'declared: everyone, api-users, api-admins, payments-operators, engineers',
    );
  });

  test('fails for a wave listed twice, a group in two waves, and everyone before the last wave', () => {
    const out = problems('staging', (c) => {
      const waves = mfaOf(c).rollout.waves;
      waves.push({ key: 'pilot', groups: ['api-users'] });
      waves[1].groups.push('api-admins');
      waves[0].groups.push('everyone');
    });
    expect(out).toContain('[staging] identity.mfa.rollout.waves[3].key = "pilot": each wave is listed once');
    expect(out).toContain(
      '[staging] identity.mfa.rollout.waves[\'engineering\'].groups[1] = "api-admins": ' +
        "a group joins the rollout once; it is already in wave 'pilot'",
    );
    expect(out).toContain(
      '[staging] identity.mfa.rollout.waves[0].groups[2] = "everyone": \'everyone\' can only be the last wave',
    );
  });

  test('fails for a phishing-resistant scope granted to a standard-tier app', () => {
    const out = problems('prod', (c) => c.identity.accessPolicies[0].rules[0].scopes.push('payments:write'));
    expect(out).toContain(
      "[prod] identity.accessPolicies['user-apps'].rules['Users'].scopes[7] = \"payments:write\": " +
        "scope 'payments:write' " +
        "requires a phishing-resistant sign-in, but app 'portal' has sign-on tier 'standard', which " +
        'guarantees no MFA until the rollout covers everyone; allowed tiers: high, critical',
    );
    expect(out).toContain("but app 'mobile' has sign-on tier 'standard'");
  });

  test('fails for a device-bound scope granted to a high-tier app, naming scope, app and tier', () => {
    const out = problems('prod', (c) =>
      c.identity.accessPolicies.find((p: any) => p.key === 'payments').rules[0].scopes.push('admin:write'),
    );
    expect(out).toContain(
      "scope 'admin:write' requires a phishing-resistant-device-bound sign-in, but app 'payments-console' " +
        "has sign-on tier 'high', which guarantees only phishing-resistant; allowed tiers: critical",
    );
  });

  test('fails for a phishing-resistant scope granted to a service app', () => {
    const out = problems('prod', (c) =>
      c.identity.accessPolicies.find((p: any) => p.key === 'services').rules[0].scopes.push('payments:write'),
    );
    expect(out).toContain(
      "[prod] identity.accessPolicies['services'].rules['Reporting'].scopes[1] = \"payments:write\": " +
        "scope 'payments:write' requires a phishing-resistant user sign-in; service " +
        "app 'reporting-job' (client_credentials, no user, no MFA) can never receive it",
    );
  });

  test('fails for SMS as the only second factor in prod', () => {
    const out = problems('prod', (c) => {
      const a = mfaOf(c).authenticators;
      a['okta-verify'] = { status: 'INACTIVE', enrollment: 'NOT_ALLOWED' };
      a.webauthn = { status: 'INACTIVE', enrollment: 'NOT_ALLOWED' };
      a.phone = { status: 'ACTIVE', enrollment: 'REQUIRED' };
    });
    expect(out).toContain(
      '[prod] identity.mfa.authenticators.phone.enrollment = "REQUIRED": phone (SMS / ' +
        'voice) is phishable and SIM-swappable and is not allowed in prod; allowed: NOT_ALLOWED',
    );
    expect(out).toContain('identity.mfa.authenticators = {');
    expect(out).toContain(
      'no ACTIVE, enrollable okta-verify or webauthn: SMS / voice (phone) would be the only second factor',
    );
  });

  test('fails for a session lifetime out of range, and an idle time beyond the lifetime', () => {
    const out = problems('prod', (c) => (mfaOf(c).globalSession.sessionLifetimeMinutes = 0));
    expect(out).toContain(
      '[prod] identity.mfa.globalSession.sessionLifetimeMinutes = 0: allowed: ' +
        'whole minutes from 15 to 1440 (a session ends within a day; 0, unlimited, is refused)',
    );
    const idle = problems('prod', (c) =>
      Object.assign(mfaOf(c).globalSession, { sessionLifetimeMinutes: 20, sessionIdleMinutes: 30 }),
    );
    expect(idle).toContain(
      '[prod] identity.mfa.globalSession.sessionIdleMinutes = ' +
        '30: the idle time cannot exceed the session lifetime (20)',
    );
  });

  test('fails for an invalid CIDR, a reversed range and a private address', () => {
    const out = problems(
      'prod',
      (c) =>
        (mfaOf(c).networkZones.corporate.hq.gateways = [
          '203.0.113.0/33',
          '198.51.100.31-198.51.100.16',
          '10.0.0.0/8',
          '203.0.113.5/24',
        ]),
    );
    expect(out).toContain(
      '[prod] identity.mfa.networkZones.corporate.hq.gateways[0] = "203.0.113.0/33": an IPv4 prefix from /8 to /32',
    );
    expect(out).toContain(
      '[prod] identity.mfa.networkZones.corporate.hq.gateways[1] = ' +
        '"198.51.100.31-198.51.100.16": the range starts after it ends',
    );
    expect(out).toContain(
      '[prod] identity.mfa.networkZones.corporate.hq.gateways[2] = ' +
        '"10.0.0.0/8": 10.0.0.0 is a private, loopback or link-local address',
    );
    expect(out).toContain(
      '[prod] identity.mfa.networkZones.corporate.hq.gateways[3] = "203.0.113.5/24": host bits are set',
    );
    expect(ipRangeProblem('2001:db8::/48')).toBeUndefined();
  });

  test('fails for a removed authenticator: it must stay listed as INACTIVE', () => {
    const out = problems('staging', (c) => delete mfaOf(c).authenticators.phone);
    expect(out).toContain(
      '[staging] identity.mfa.authenticators.phone = (missing): Okta cannot delete an authenticator, ' +
        'only deactivate it: keep it listed with status INACTIVE and enrollment NOT_ALLOWED',
    );
    const enrollable = problems('staging', (c) => (mfaOf(c).authenticators.phone.enrollment = 'OPTIONAL'));
    expect(enrollable).toContain(
      '[staging] identity.mfa.authenticators.phone.enrollment = "OPTIONAL": ' +
        'an INACTIVE authenticator cannot be enrolled; allowed: NOT_ALLOWED',
    );
  });

  test(
    'fails for neither password nor email REQUIRED, a high ' +
      're-authentication beyond 2 hours and ThreatInsight audit in prod',
    () => {
      const out = problems('prod', (c) => {
        mfaOf(c).authenticators.password.enrollment = 'OPTIONAL';
        mfaOf(c).tiers.high.reauthenticateMinutes = 240;
        mfaOf(c).threatInsight.action = 'audit';
      });
      expect(out).toContain(
        '[prod] identity.mfa.authenticators.password.enrollment = ' +
          '"OPTIONAL": Okta requires password or email to be REQUIRED',
      );
      expect(out).toContain(
        '[prod] identity.mfa.tiers.high.reauthenticateMinutes = 240: allowed: whole minutes ' +
          'from 1 to 120 (the high tier re-authenticates at least every 2 hours)',
      );
      expect(out).toContain(
        '[prod] identity.mfa.threatInsight.action = "audit": prod blocks requests from suspicious IPs',
      );
    },
  );

  test('fails for a user-facing app without a tier, and a high-tier app whose group the phase does not enforce', () => {
    const out = problems('prod', (c) => {
      delete c.identity.apps.find((a: any) => a.key === 'mobile').signOnTier;
      mfaOf(c).rollout.currentPhase = 'pilot'; // the rule under test, whatever phase prod is in today
      c.identity.apps.find((a: any) => a.key === 'payments-console').groups.push('engineers');
    });
    expect(out).toContain(
      "[prod] identity.apps['mobile'].signOnTier = (missing): every user-facing " +
        'app needs a sign-on tier; allowed: standard, high, critical',
    );
    expect(out).toContain(
      '[prod] identity.apps[\'payments-console\'].groups[1] = "engineers": ' +
        "app 'payments-console' has sign-on tier high, " +
        "but the rollout does not enforce this group at phase 'pilot' (it joins in wave 'engineering')",
    );
  });
});

describe('Okta Verify settings in the form the API returns (compliance.fips always present)', () => {
  // The settings of an okta_verify authenticator as recorded from the API by the provider's own tests
  // (test/fixtures/vcr/TestAccDataSourceOktaAuthenticator_read/oie-00.yaml), after the provider's
  // sdk.AuthenticatorSettings round trip, which drops the empty appInstanceId (omitempty).
  const apiForm = (channel: string, uv: string, fips: string) => ({
    compliance: { fips },
    channelBinding: { style: 'NUMBER_CHALLENGE', required: channel },
    userVerification: uv,
  });
  const settingsOf = (json: TfJson) =>
    JSON.parse(resources(json, 'okta_authenticator').find(([, a]) => a.key === 'okta_verify')![1].settings);

  test('fails for the old settings without compliance: they differ from what Okta reports', () => {
    const old = { channelBinding: { style: 'NUMBER_CHALLENGE', required: 'ALWAYS' }, userVerification: 'REQUIRED' };
    expect(apiForm('ALWAYS', 'REQUIRED', 'OPTIONAL')).not.toEqual(old);
  });

  test.each(ENVIRONMENT_NAMES)('GIVEN %s THEN the settings equal the API form (fips OPTIONAL by default)', (env) => {
    expect(settingsOf(synthesized[env])).toEqual(apiForm('ALWAYS', 'REQUIRED', 'OPTIONAL'));
  });

  test('GIVEN fips REQUIRED in config THEN it is written; an unknown value is refused', () => {
    expect(settingsOf(prodVariant).compliance).toEqual({ fips: 'REQUIRED' });
    expect(problems('dev', (c) => (mfaOf(c).authenticators['okta-verify'].fips = 'ALWAYS'))).toContain(
      '[dev] identity.mfa.authenticators.okta-verify.fips = "ALWAYS": allowed: OPTIONAL, REQUIRED',
    );
  });
});

describe("sign-on rule risk and identity-provider conditions follow the org's capabilities", () => {
  test('fails for a rule that leaves them to the provider: it would send riskScore and identityProvider ANY', () => {
    // The old rule: neither attribute written, so the provider's defaults apply.
    expect(signOnConditionsSent({ access: 'ALLOW', mfa_required: true })).toEqual({
      riskScore: 'ANY',
      identityProvider: 'ANY',
    });
    // risk_level alone is not enough: the deprecated risc_level is read first and defaults to ANY.
    expect(signOnConditionsSent({ risk_level: '', identity_provider: '' })).toEqual({ riskScore: 'ANY' });
  });

  test('GIVEN okta.riskScoring and okta.identityProviderConditions THEN the rules send both, as ANY', () => {
    for (const [, r] of resources(prodVariant, 'okta_policy_rule_signon')) {
      const level = r.name === 'HIGH risk: MFA, short session' ? 'HIGH' : 'ANY';
      expect(signOnConditionsSent(r)).toEqual({ riskScore: level, identityProvider: 'ANY' });
    }
  });

  test('fails for a capability flag that is not a boolean', () => {
    expect(problems('dev', (c) => (c.okta.riskScoring = 'yes'))).toContain(
      '[dev] okta.riskScoring = "yes": expected boolean',
    );
  });
});

describe('guards outside the schema', () => {
  test('fails to build the stack when a parsed config grants a phishing-resistant scope to a standard-tier app', () => {
    // GIVEN a parsed prod config changed after validation (as a caller bypassing the schema could)
    const config = loadEnvironmentConfig('prod', configFor('prod'));
    const identity = config.identity as any;
    identity.apps.find((a: any) => a.key === 'payments-console').signOnTier = 'standard';
    // WHEN the stack is built THEN it refuses, naming policy, scope, app and tier
    expect(() => new IdentityGatewayStack(Testing.app(), stackName('prod'), { config, version: '0.0.0-test' })).toThrow(
      "access policy 'payments' grants scope 'payments:write' (requires phishing-resistant) " +
        "to app 'payments-console' (sign-on tier standard), which does not guarantee it",
    );
  });
});
