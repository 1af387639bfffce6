/**
 * AdminSurfaces alone in a test stack: it looks Okta's apps and their existing policies up (never creates
 * a policy), adds the blocklist denial and the phishing-resistant rule, and refuses bad props.
 */
import { AdminSurfaces } from '../../../constructs/okta/rollout/admin-surfaces';
import { synthConstruct, testStack } from '../../support/construct';
import { resources, type TfJson } from '../../support/tf-json';

const props = { groupIds: ['00gadmins000000000000'], breakGlassGroupId: '00gbreakglass00000000' };
let json: TfJson;

beforeAll(() => {
  // GIVEN both surfaces and one blocklist zone WHEN synthesized alone
  json = synthConstruct((stack) => {
    new AdminSurfaces(stack, 'Admin', { ...props, dashboard: true, blocklistZoneIds: ['nzoblocked0000000000'] });
  });
});

test('looks up the Admin Console and the Dashboard by label, and their policies through the apps', () => {
  const apps = Object.values(json.data?.okta_app ?? {}).map((a: any) => a.label);
  expect(apps.sort()).toEqual(['Okta Admin Console', 'Okta Dashboard']);
  expect(Object.keys(json.data?.okta_app_signon_policy ?? {})).toHaveLength(2);
  expect(resources(json, 'okta_app_signon_policy')).toEqual([]);
});

test('each policy gets the blocklist denial at priority 1, then the phishing-resistant rule at 2', () => {
  const rules = resources(json, 'okta_app_signon_policy_rule').map(([, r]) => r);
  expect(rules).toHaveLength(4);
  for (const policy of Object.keys(json.data!.okta_app_signon_policy)) {
    const mine = rules.filter((r) => r.policy_id === `\${data.okta_app_signon_policy.${policy}.id}`);
    const byPriority = mine.sort((a, b) => a.priority - b.priority);
    expect(byPriority.map((r) => r.access)).toEqual(['DENY', 'ALLOW']);
    expect(byPriority[1]).toMatchObject({
      groups_included: props.groupIds,
      groups_excluded: [props.breakGlassGroupId],
      factor_mode: '2FA',
      re_authentication_frequency: 'PT1H',
    });
    expect(JSON.parse(byPriority[1].constraints[0]).possession.phishingResistant).toBe('REQUIRED');
  }
});

test('without blocklist zones the phishing-resistant rule is first', () => {
  const j = synthConstruct((stack) => new AdminSurfaces(stack, 'Admin', props));
  const rules = resources(j, 'okta_app_signon_policy_rule').map(([, r]) => r);
  expect(rules.map((r) => [r.access, r.priority])).toEqual([['ALLOW', 1]]);
});

test.each([
  [
    'the break-glass group is also included',
    { groupIds: [props.breakGlassGroupId] },
    /breakGlassGroupId .* is invalid/,
  ],
  ['no group is included', { groupIds: [] }, /groupIds = \[\] is invalid: at least one group id/],
  ['re-authentication exceeds 2 hours', { reauthenticateMinutes: 240 }, /reauthenticateMinutes = 240 .* 1 to 120/],
])('fails when %s', (_, bad, message) => {
  expect(() => new AdminSurfaces(testStack(), 'Admin', { ...props, ...bad })).toThrow(message);
});
