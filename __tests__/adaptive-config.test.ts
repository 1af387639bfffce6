/**
 * Adaptive MFA config (identity.mfa device assurance, risk, behaviours): what the default environments
 * declare, and the bad input refused with a message naming the environment, the field, the value and what is
 * allowed (nothing is synthesized for an environment with problems).
 */
import { formatProblems } from '../config/load';
import type { EnvironmentName } from '../config/schema';
import { configFor, problemsOf } from './support/configs';

const problems = (env: EnvironmentName, edit: (c: any) => void) =>
  formatProblems(problemsOf(env, configFor(env, edit)));
const mfa = (c: any) => c.identity.mfa;

describe('GIVEN the default environments', () => {
  test.each(['dev', 'staging', 'prod'] as const)('%s parses with device assurance and behaviours', (env) => {
    expect(problemsOf(env, configFor(env))).toEqual([]);
    const m = mfa(configFor(env));
    expect(Object.keys(m.deviceAssurance).sort()).toEqual([
      'android-baseline',
      'ios-baseline',
      'macos-baseline',
      'windows-baseline',
    ]);
    expect(m.tiers.high.deviceAssurances).toHaveLength(4);
    expect(m.tiers.critical.deviceAssurances).toHaveLength(4);
    // No org declares device management, so no tier asks for a managed device (it would lock admins out).
    expect(m.tiers.critical.requireManagedDevice).toBe(false);
    expect(Object.keys(m.behaviors)).toEqual(['new-country', 'new-device', 'new-ip', 'impossible-travel']);
  });

  test('staging and prod deny HIGH risk in the critical tier and step it up elsewhere; dev has no risk scoring', () => {
    for (const env of ['staging', 'prod'] as const) {
      expect(configFor(env).okta.riskScoring).toBe(true);
      expect(mfa(configFor(env)).risk).toEqual({
        standard: 'phishing-resistant',
        high: 'phishing-resistant',
        critical: 'deny',
      });
    }
    expect(mfa(configFor('dev')).risk).toBeUndefined();
  });
});

describe('device assurance: bad input', () => {
  test('fails for a minimum OS that is not a version', () => {
    expect(problems('prod', (c) => (mfa(c).deviceAssurance['macos-baseline'].minimumOsVersion = 'Sonoma'))).toContain(
      '[prod] identity.mfa.deviceAssurance.macos-baseline.minimumOsVersion = "Sonoma": a version: 1 to 4 ' +
        'dot-separated numbers such as 14.4 or 10.0.22631',
    );
    expect(problems('dev', (c) => (mfa(c).deviceAssurance['ios-baseline'].minimumOsVersion = '17.0.0.0.1'))).toContain(
      'identity.mfa.deviceAssurance.ios-baseline.minimumOsVersion = "17.0.0.0.1"',
    );
  });

  test('fails for a platform option the platform lacks, naming the options it has', () => {
    expect(problems('staging', (c) => (mfa(c).deviceAssurance['ios-baseline'].diskEncryption = true))).toContain(
      '[staging] identity.mfa.deviceAssurance.ios-baseline.diskEncryption = true: ios device assurance has no ' +
        'diskEncryption (okta_policy_device_assurance_ios, okta provider 4.20.0); ios options: minimumOsVersion, ' +
        'screenLock, rejectJailbroken',
    );
    expect(problems('prod', (c) => (mfa(c).deviceAssurance['macos-baseline'].rejectJailbroken = true))).toContain(
      'macos device assurance has no rejectJailbroken',
    );
  });

  test('fails for a policy that checks nothing, and for an unknown platform', () => {
    const empty = problems('dev', (c) => (mfa(c).deviceAssurance.bare = { platform: 'ios', name: 'Bare' }));
    expect(empty).toContain(
      '[dev] identity.mfa.deviceAssurance.bare = {"platform":"ios","name":"Bare"}: a device assurance policy checks ' +
        'at least one of minimumOsVersion, screenLock, rejectJailbroken (ios)',
    );
    expect(problems('dev', (c) => (mfa(c).deviceAssurance['ios-baseline'].platform = 'linux'))).toContain(
      'identity.mfa.deviceAssurance.ios-baseline.platform = "linux"',
    );
  });

  test('fails for a tier naming an unknown device assurance policy, listing the declared ones', () => {
    expect(problems('prod', (c) => mfa(c).tiers.critical.deviceAssurances.push('linux-baseline'))).toContain(
      '[prod] identity.mfa.tiers.critical.deviceAssurances[4] = "linux-baseline": no such device assurance policy; ' +
        'declared: macos-baseline, windows-baseline, ios-baseline, android-baseline',
    );
  });

  test('fails for a managed device required where device management is not declared', () => {
    const out = problems('prod', (c) => (mfa(c).tiers.critical.requireManagedDevice = true));
    expect(out).toContain(
      '[prod] identity.mfa.tiers.critical.requireManagedDevice = true: a managed device needs device management ' +
        'in the org',
    );
    expect(
      problems('prod', (c) => {
        mfa(c).tiers.critical.requireManagedDevice = true;
        mfa(c).deviceManagement = true;
        mfa(c).tiers.high.deviceAssurances = [];
      }),
    ).toBe('');
  });

  test('GIVEN device management in the org THEN tier device assurances are accepted (rules ask for managed)', () => {
    // okta provider 4.20.0 sends managed with registered (okta/resource_okta_app_signon_policy_rule.go:433-438):
    // the rules state it, from deviceManagement, instead of refusing the combination.
    expect(problems('prod', (c) => (mfa(c).deviceManagement = true))).toBe('');
  });
});

describe('risk: bad input', () => {
  test('fails for a risk action that would allow HIGH risk with one factor', () => {
    expect(problems('prod', (c) => (mfa(c).risk.standard = 'allow'))).toContain(
      '[prod] identity.mfa.risk.standard = "allow": a sign-in at HIGH risk must never be let through with a ' +
        'weaker factor; allowed: deny, phishing-resistant',
    );
    expect(problems('staging', (c) => (mfa(c).risk.high = 'step-up'))).toContain(
      '[staging] identity.mfa.risk.high = "step-up": allowed: deny, phishing-resistant',
    );
  });

  test('fails for risk rules in an org without risk scoring', () => {
    expect(problems('prod', (c) => (c.okta.riskScoring = false))).toContain(
      '[prod] identity.mfa.risk = {"standard":"phishing-resistant","high":"phishing-resistant","critical":"deny"}: ' +
        'risk rules need risk scoring in the org',
    );
  });
});

describe('behaviours: bad input', () => {
  const behaviour = (c: any) => mfa(c).behaviors['impossible-travel'];

  test('fails for an unknown type, naming the allowed ones', () => {
    expect(problems('prod', (c) => (behaviour(c).type = 'NEW_COUNTRY'))).toContain(
      '[prod] identity.mfa.behaviors.impossible-travel.type = "NEW_COUNTRY": allowed: ANOMALOUS_LOCATION, ' +
        'ANOMALOUS_DEVICE, ANOMALOUS_IP, VELOCITY',
    );
  });

  test('fails for a velocity out of range', () => {
    expect(problems('prod', (c) => (behaviour(c).velocityKph = 0))).toContain(
      '[prod] identity.mfa.behaviors.impossible-travel.velocityKph = 0: allowed: whole km/h from 1 to 2000',
    );
    expect(problems('dev', (c) => (behaviour(c).velocityKph = 5000))).toContain(
      '[dev] identity.mfa.behaviors.impossible-travel.velocityKph = 5000: allowed: whole km/h from 1 to 2000',
    );
  });

  test('fails for a type without the settings it needs, and settings of another type', () => {
    const out = problems('staging', (c) => {
      mfa(c).behaviors.where = { name: 'Where', type: 'ANOMALOUS_LOCATION', velocityKph: 900 };
    });
    expect(out).toContain(
      '[staging] identity.mfa.behaviors.where.authentications = (missing): ANOMALOUS_LOCATION needs authentications',
    );
    expect(out).toContain('identity.mfa.behaviors.where.granularity = (missing): ANOMALOUS_LOCATION needs granularity');
    expect(out).toContain('identity.mfa.behaviors.where.velocityKph = 900: only VELOCITY takes velocityKph');
  });

  test('fails for a looked-up behaviour with settings, and for two behaviours with one name', () => {
    expect(problems('prod', (c) => (mfa(c).behaviors['new-ip'].authentications = 20))).toContain(
      '[prod] identity.mfa.behaviors.new-ip.authentications = 20: a looked-up behaviour (no type) takes only name',
    );
    expect(problems('prod', (c) => (behaviour(c).name = 'New IP'))).toContain(
      '[prod] identity.mfa.behaviors.impossible-travel.name = "New IP": behaviour \'new-ip\' has this name already',
    );
  });
});
