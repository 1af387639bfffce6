/**
 * OktaMfaRollout with adaptive props: HIGH-risk rules come right after the blocklist deny in each tier and
 * in the global session, device assurance reaches the high and critical tiers, behaviours get their own
 * session rule; and the props it refuses (managed device without device management, risk without scoring).
 */
import type { TerraformStack } from 'cdktf';
import { OktaGroups } from '../../../constructs/okta/groups';
import { OktaMfaRollout, type OktaMfaRolloutProps } from '../../../constructs/okta/mfa-rollout';
import { synthConstruct, testStack } from '../../support/construct';
import { rolloutProps } from '../../support/rollout-props';
import { resources, type TfJson } from '../../support/tf-json';

const groups = (stack: TerraformStack) =>
  new OktaGroups(stack, 'Groups', { groups: { admins: { name: 'Admins', description: 'Administrators' } } });
const props = (stack: TerraformStack, extra: Partial<OktaMfaRolloutProps> = {}): OktaMfaRolloutProps => {
  const base = rolloutProps(
    groups(stack),
    [
      { key: 'pilot', groups: ['admins'] },
      { key: 'everyone', groups: ['everyone'] },
    ],
    'pilot',
  );
  return {
    ...base,
    riskScoring: true,
    highRisk: { standard: 'phishing-resistant', high: 'phishing-resistant', critical: 'deny' },
    deviceAssurance: { mac: { platform: 'macos', name: 'Mac', minimumOsVersion: '14.0' } },
    behaviors: { travel: { name: 'Travel', type: 'VELOCITY', velocityKph: 805 }, ip: { name: 'New IP' } },
    ...extra,
    tiers: {
      ...base.tiers,
      high: { ...base.tiers.high, deviceAssurances: ['mac'] },
      critical: { ...base.tiers.critical, deviceAssurances: ['mac'] },
      ...extra.tiers,
    },
  };
};

let json: TfJson;
const rulesOf = (tier: string) =>
  resources(json, 'okta_app_signon_policy_rule')
    .map(([, r]) => r)
    .filter((r) => String(r.policy_id).includes(`AppSignOn_${tier}_`))
    .sort((a, b) => a.priority - b.priority);

beforeAll(() => {
  // GIVEN a pilot-phase rollout with risk scoring, one device assurance policy and two behaviours
  json = synthConstruct((stack) => void new OktaMfaRollout(stack, 'Rollout', props(stack)));
});

describe('OktaMfaRollout with risk, device assurance and behaviours', () => {
  test('THEN each tier handles HIGH risk second, before any rule that could allow one factor', () => {
    expect(rulesOf('standard').map((r) => [r.name, r.risk_score, r.factor_mode])).toEqual([
      ['Deny blocklisted networks', undefined, undefined],
      ['HIGH risk: phishing-resistant', 'HIGH', '2FA'],
      ['Deny HIGH risk outside the rollout', 'HIGH', undefined],
      ['Two factors', undefined, '2FA'],
      ['Not yet in the MFA rollout', undefined, '1FA'],
    ]);
    expect(rulesOf('critical')[1]).toMatchObject({ name: 'Deny HIGH risk', access: 'DENY', risk_score: 'HIGH' });
    // The step-up keeps the tier's device conditions and a phishing-resistant constraint.
    const highStepUp = rulesOf('high')[1];
    expect(highStepUp.device_assurances_included).toHaveLength(1);
    expect(JSON.parse(highStepUp.constraints[0]).possession.phishingResistant).toBe('REQUIRED');
  });

  test('THEN HIGH risk is stepped up only for the enforced groups (they enrolled); it is denied for the rest', () => {
    for (const tier of ['standard', 'high']) {
      const [stepUp, deny] = rulesOf(tier).filter((r) => r.risk_score === 'HIGH');
      // Only the pilot wave's group: anyone else would be offered enrollment in the middle of a risky sign-in.
      expect(stepUp).toMatchObject({
        access: 'ALLOW',
        groups_included: [expect.stringMatching(/^\$\{okta_group\.Groups_admins_\w+\.id\}$/)],
      });
      expect(deny).toMatchObject({ access: 'DENY', name: 'Deny HIGH risk outside the rollout' });
      expect(deny.groups_included).toBeUndefined();
      expect(deny.priority).toBe(stepUp.priority + 1);
    }
  });

  test('THEN device rules state device_is_managed: false without device management, true with it', () => {
    for (const tier of ['high', 'critical'])
      for (const r of rulesOf(tier).filter((x) => x.device_is_registered)) expect(r.device_is_managed).toBe(false);
    const managed = synthConstruct(
      (stack) => void new OktaMfaRollout(stack, 'Rollout', props(stack, { deviceManagement: true })),
    );
    const registered = resources(managed, 'okta_app_signon_policy_rule')
      .map(([, r]) => r)
      .filter((r) => r.device_is_registered);
    expect(registered.length).toBeGreaterThan(0);
    for (const r of registered) expect(r.device_is_managed).toBe(true);
  });

  test('GIVEN the rollout covers everyone THEN the step-up applies to everyone and no denial follows it', () => {
    const everyone = synthConstruct(
      (stack) => void new OktaMfaRollout(stack, 'Rollout', props(stack, { currentPhase: 'everyone' })),
    );
    const high = resources(everyone, 'okta_app_signon_policy_rule')
      .map(([, r]) => r)
      .filter((r) => String(r.policy_id).includes('AppSignOn_standard_') && r.risk_score === 'HIGH');
    expect(high).toHaveLength(1);
    expect(high[0]).toMatchObject({ access: 'ALLOW', name: 'HIGH risk: phishing-resistant' });
    expect(high[0].groups_included).toBeUndefined();
  });

  test('THEN the global session has a HIGH-risk rule and an anomaly rule before Require MFA, both short', () => {
    const session = resources(json, 'okta_policy_rule_signon')
      .map(([, r]) => r)
      .sort((a, b) => a.priority - b.priority);
    expect(session.map((r) => r.name)).toEqual([
      'Deny blocklisted networks',
      'HIGH risk: MFA, short session',
      'Anomaly: MFA, short session',
      'Require MFA',
    ]);
    expect(session[1]).toMatchObject({
      risc_level: 'HIGH',
      risk_level: 'HIGH',
      mfa_required: true,
      session_lifetime: 60,
    });
    expect(session[2].behaviors).toHaveLength(2);
    expect(session[2]).toMatchObject({ risk_level: 'ANY', mfa_prompt: 'ALWAYS', session_lifetime: 60 });
  });

  test('fails for a managed device without device management', () => {
    const stack = testStack();
    const p = props(stack, {});
    expect(
      () =>
        new OktaMfaRollout(stack, 'R', {
          ...p,
          tiers: { ...p.tiers, critical: { ...p.tiers.critical, requireManagedDevice: true } },
        }),
    ).toThrow(
      'OktaMfaRollout: tiers.critical.requireManagedDevice = true is invalid: ' +
        'a managed device needs device management in the org',
    );
  });

  test('fails for HIGH-risk rules in an org without risk scoring', () => {
    const stack = testStack();
    expect(() => new OktaMfaRollout(stack, 'R', props(stack, { riskScoring: false }))).toThrow(
      'OktaMfaRollout: highRisk = {"standard":"phishing-resistant","high":"phishing-resistant","critical":"deny"} ' +
        'is invalid: risk rules need risk scoring in the org',
    );
  });
});
