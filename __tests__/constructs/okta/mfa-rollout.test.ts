/**
 * OktaMfaRollout alone in a test stack (with the groups it enforces): what it synthesizes for a phase
 * (enforced groups, tier policies, the blocklist deny rule first), and the props it refuses.
 */
import type { TerraformStack } from 'cdktf';
import { OktaGroups } from '../../../constructs/okta/groups';
import { OktaMfaRollout } from '../../../constructs/okta/mfa-rollout';
import { synthConstruct, testStack } from '../../support/construct';
import { rolloutProps } from '../../support/rollout-props';
import { ref, resources, type TfJson } from '../../support/tf-json';
import { MANAGED_AUTHENTICATORS, managedAuthenticator } from '../../../domain/okta/authenticators';

const pilotProps = (groups: OktaGroups) =>
  rolloutProps(
    groups,
    [
      { key: 'pilot', groups: ['admins'] },
      { key: 'everyone', groups: ['everyone'] },
    ],
    'pilot',
  );
const withGroups = (stack: TerraformStack) =>
  new OktaGroups(stack, 'Groups', { groups: { admins: { name: 'Admins', description: 'Administrators' } } });
const stackWithGroups = () => {
  const stack = testStack();
  return { stack, groups: withGroups(stack) };
};

let json: TfJson;

beforeAll(() => {
  // GIVEN a rollout at its pilot phase (admins) before everyone WHEN it is synthesized alone
  json = synthConstruct((stack) => {
    new OktaMfaRollout(stack, 'Rollout', pilotProps(withGroups(stack)));
  });
});

describe('OktaMfaRollout synthesized at the pilot phase', () => {
  const admins = () => ref('okta_group', resources(json, 'okta_group')[0][0], 'id');

  test('the enrollment and global session policies enforce the pilot group only', () => {
    for (const type of ['okta_policy_mfa', 'okta_policy_signon']) {
      const policies = resources(json, type);
      expect(policies).toHaveLength(1);
      expect(policies[0][1].groups_included).toEqual([admins()]);
    }
  });

  test('one sign-on policy per tier, each denying the blocklist first and leaving no catch-all', () => {
    const tiers = resources(json, 'okta_app_signon_policy');
    expect(tiers.map(([, p]) => p.name).sort()).toEqual([
      'Sign-on tier: critical',
      'Sign-on tier: high',
      'Sign-on tier: standard',
    ]);
    for (const [name, policy] of tiers) {
      expect(policy.catch_all).toBe(false);
      const first = resources(json, 'okta_app_signon_policy_rule')
        .map(([, r]) => r)
        .find((r) => r.policy_id === ref('okta_app_signon_policy', name, 'id') && r.priority === 1);
      expect(first).toMatchObject({ access: 'DENY', network_connection: 'ZONE' });
    }
  });

  test('every managed authenticator is managed: four enabled, the rest (phone among them) deactivated', () => {
    const byKey = Object.fromEntries(resources(json, 'okta_authenticator').map(([, a]) => [a.key, a.status]));
    expect(byKey).toEqual({
      ...Object.fromEntries(MANAGED_AUTHENTICATORS.map((k) => [managedAuthenticator(k).key, 'INACTIVE'])),
      okta_verify: 'ACTIVE',
      webauthn: 'ACTIVE',
      okta_email: 'ACTIVE',
      okta_password: 'ACTIVE',
    });
    expect(byKey.phone_number).toBe('INACTIVE');
  });
});

describe('OktaMfaRollout props', () => {
  test('fails to build OktaMfaRollout for a phase that names no wave', () => {
    const { stack, groups } = stackWithGroups();
    expect(() => new OktaMfaRollout(stack, 'Rollout', { ...pilotProps(groups), currentPhase: 'engineering' })).toThrow(
      'OktaMfaRollout: currentPhase = "engineering" is invalid: names no wave; allowed: pilot, everyone',
    );
  });

  test(
    'fails to build OktaMfaRollout that deactivates phone ' + "while leaving the org's default policies unmanaged",
    () => {
      const { stack, groups } = stackWithGroups();
      expect(() => new OktaMfaRollout(stack, 'Rollout', { ...pilotProps(groups), manageOrgDefaults: false })).toThrow(
        new RegExp(
          '^OktaMfaRollout: manageOrgDefaults = false is invalid: ' +
            'true while (.+, )?phone(, .+)? (is|are) INACTIVE: Okta refuses to deactivate',
        ),
      );
    },
  );

  test('GIVEN the org defaults managed (the default) THEN the phone deactivation waits for all three policies', () => {
    let rollout: OktaMfaRollout | undefined;
    const synthesized = synthConstruct(
      (stack) => (rollout = new OktaMfaRollout(stack, 'Rollout', pilotProps(withGroups(stack)))),
    );
    const phone = resources(synthesized, 'okta_authenticator')
      .map(([, a]) => a)
      .find((a) => a.key === 'phone_number');
    expect(phone.depends_on).toHaveLength(3);
    expect(rollout?.defaultEnrollmentPolicy).toBeDefined();
    expect(rollout?.defaultPasswordPolicy).toBeDefined();
  });

  test('fails to build OktaMfaRollout for an invalid corporate CIDR', () => {
    const { stack, groups } = stackWithGroups();
    expect(
      () =>
        new OktaMfaRollout(stack, 'Rollout', {
          ...pilotProps(groups),
          corporateZones: { hq: { name: 'HQ', gateways: ['203.0.113.0/24/1'] } },
        }),
    ).toThrow('OktaMfaRollout: corporateZones.hq.gateways[0] = "203.0.113.0/24/1" is invalid: not a valid CIDR block');
  });
});
