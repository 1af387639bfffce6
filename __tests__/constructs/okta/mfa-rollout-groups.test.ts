/**
 * OktaMfaRollout depends on a group lookup (IGroupLookup), not on the OktaGroups construct: any object
 * that resolves keys to ids will do, such as groups managed outside the stack.
 */
import { Testing, TerraformStack } from 'cdktf';
import { OktaMfaRollout, type IGroupLookup } from '../../../constructs';
import { rolloutProps } from '../../support/rollout-props';

type Resources = Record<string, Record<string, Record<string, any>>>;

const IDS: Record<string, string> = { admins: '00gADMINS', engineers: '00gENGINEERS', all: '00gEVERYONE' };

/** A stub lookup over fixed ids that records which keys were resolved. */
const stubLookup = () => {
  const resolved: string[] = [];
  const lookup: IGroupLookup = {
    everyoneKey: 'all',
    has: (key) => key in IDS,
    idOf: (key) => {
      resolved.push(key);
      return IDS[key];
    },
  };
  return { lookup, resolved };
};

const WAVES = [
  { key: 'pilot', groups: ['admins'] },
  { key: 'engineering', groups: ['engineers'] },
  { key: 'everyone', groups: ['all'] },
];
const props = (groups: IGroupLookup, currentPhase: string) => rolloutProps(groups, WAVES, currentPhase);

const build = (phase: string) => {
  const stack = new TerraformStack(Testing.app(), 'test');
  const { lookup, resolved } = stubLookup();
  const rollout = new OktaMfaRollout(stack, 'Rollout', props(lookup, phase));
  const resources: Resources = JSON.parse(Testing.synth(stack)).resource;
  return { rollout, resolved, resources };
};

const standardRuleNames = (r: Resources) =>
  Object.values(r.okta_app_signon_policy_rule)
    .filter((rule) => rule.policy_id.includes('AppSignOn_standard_'))
    .map((rule) => rule.name);

describe('OktaMfaRollout with a stub group lookup', () => {
  let engineering: ReturnType<typeof build>;
  let everyone: ReturnType<typeof build>;
  beforeAll(() => {
    engineering = build('engineering');
    everyone = build('everyone');
  });

  test('GIVEN phase engineering THEN the enforced groups are the looked-up ids of the first two waves', () => {
    expect(engineering.rollout.enforcedGroupIds).toEqual(['00gADMINS', '00gENGINEERS']);
    expect(engineering.rollout.coversEveryone).toBe(false);
    const r = engineering.resources;
    expect(Object.values(r.okta_policy_mfa).map((p) => p.groups_included)).toEqual([['00gADMINS', '00gENGINEERS']]);
    expect(Object.values(r.okta_policy_signon).map((p) => p.groups_included)).toEqual([['00gADMINS', '00gENGINEERS']]);
    expect(standardRuleNames(r)).toContain('Not yet in the MFA rollout');
  });

  test('GIVEN a stub lookup THEN only enforced keys are resolved and the rollout creates no groups', () => {
    expect(engineering.resolved).toEqual(['admins', 'engineers']);
    expect(engineering.resources.okta_group).toBeUndefined();
  });

  test("GIVEN the last phase THEN only the lookup's Everyone id is enforced and nobody keeps one factor", () => {
    expect(everyone.rollout.enforcedGroupIds).toEqual(['00gEVERYONE']);
    expect(everyone.rollout.coversEveryone).toBe(true);
    expect(everyone.resolved).toEqual(['all']);
    expect(standardRuleNames(everyone.resources)).not.toContain('Not yet in the MFA rollout');
  });

  test('fails for a wave naming a key the lookup does not know', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const { lookup } = stubLookup();
    const base = props(lookup, 'pilot');
    const waves = [{ key: 'pilot', groups: ['contractors'] }, ...base.waves.slice(1)];
    expect(() => new OktaMfaRollout(stack, 'Rollout', { ...base, waves })).toThrow(
      'OktaMfaRollout: waves[0].groups[0] = "contractors" is invalid: ' +
        'unknown group; allowed: a group key the stack declares, or all',
    );
  });
});
