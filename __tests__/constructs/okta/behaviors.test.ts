/**
 * RolloutBehaviors alone: okta_behavior for a behaviour defined here, data.okta_behavior for one looked up by
 * name, only the enforced ones handed to rules; and the props it refuses.
 */
import { RolloutBehaviors, type BehaviorSpec } from '../../../constructs/okta/rollout/behaviors';
import { synthConstruct, testStack } from '../../support/construct';
import { resources, type TfJson } from '../../support/tf-json';

let json: TfJson;
let enforced: readonly string[];

beforeAll(() => {
  // GIVEN a defined velocity and location behaviour, a looked-up one, and one in audit mode
  json = synthConstruct((stack) => {
    enforced = new RolloutBehaviors(stack, 'Behaviors', {
      behaviors: {
        travel: { name: 'Travel', type: 'VELOCITY', velocityKph: 805 },
        city: { name: 'City', type: 'ANOMALOUS_LOCATION', granularity: 'LAT_LONG', radiusKm: 20, authentications: 50 },
        ip: { name: 'New IP' },
        device: { name: 'New Device', enforce: false },
      },
    }).enforcedIds;
  });
});

describe('RolloutBehaviors', () => {
  test('THEN defined behaviours are okta_behavior with the settings of their type only', () => {
    const byName = Object.fromEntries(resources(json, 'okta_behavior').map(([, b]) => [b.name, b]));
    expect(byName.Travel).toEqual(expect.objectContaining({ type: 'VELOCITY', velocity: 805, status: 'ACTIVE' }));
    expect(byName.Travel.number_of_authentications).toBeUndefined();
    expect(byName.City).toMatchObject({
      type: 'ANOMALOUS_LOCATION',
      location_granularity_type: 'LAT_LONG',
      radius_from_location: 20,
      number_of_authentications: 50,
    });
  });

  test('THEN looked-up behaviours are data sources by name, and audit-only ones are not enforced', () => {
    expect(
      Object.values(json.data!.okta_behavior)
        .map((b: any) => b.name)
        .sort(),
    ).toEqual(['New Device', 'New IP']);
    expect(enforced).toHaveLength(3);
  });

  test('THEN each lookup stops the plan unless it found an ACTIVE behaviour of exactly that name', () => {
    // The data source takes a partial match with only a warning (okta/data_source_okta_behavior.go:61-73): the
    // exact name is proven against every match of the same query.
    const candidates = Object.entries(json.data!.okta_behaviors) as [string, any][];
    expect(candidates.map(([, c]) => c.q).sort()).toEqual(['New Device', 'New IP']);
    for (const [, lookup] of Object.entries(json.data!.okta_behavior) as [string, any][]) {
      const [name] = candidates.find(([, c]) => c.q === lookup.name)!;
      const list = `data.okta_behaviors.${name}`;
      expect(lookup.lifecycle.postcondition.map((p: any) => p.condition)).toEqual([
        `\${contains([for b in ${list}.behaviors : b.id if b.name == ${list}.q], self.id)}`,
        '${self.status == "ACTIVE"}',
      ]);
      expect(lookup.lifecycle.postcondition[1].error_message).toBe(
        `Okta behaviour "${lookup.name}" is not ACTIVE: a rule acting on it would never fire. Activate it in Okta ` +
          '(Security > Behavior Detection), or remove it from identity.mfa.behaviors. The plan stops here; nothing ' +
          'was changed.',
      );
    }
  });

  test.each([
    [{ name: 'x', type: 'VELOCITY' }, 'behaviors.b.velocityKph = (missing) is invalid: VELOCITY needs velocityKph'],
    [
      { name: 'x', type: 'VELOCITY', velocityKph: 0 },
      'behaviors.b.velocityKph = 0 is invalid: allowed: whole km/h from 1 to 2000',
    ],
    [{ name: 'x', type: 'NEW_PLACE' }, 'behaviors.b.type = "NEW_PLACE" is invalid: allowed: ANOMALOUS_LOCATION'],
    [
      { name: 'x', type: 'ANOMALOUS_IP' },
      'behaviors.b.authentications = (missing) is invalid: ANOMALOUS_IP needs authentications',
    ],
    [
      { name: 'x', velocityKph: 800 },
      'behaviors.b.velocityKph = 800 is invalid: a looked-up behaviour (no type) takes only name and enforce',
    ],
  ] as [BehaviorSpec, string][])('fails for %j', (spec, message) => {
    expect(() => new RolloutBehaviors(testStack(), 'B', { behaviors: { b: spec } })).toThrow(message);
  });
});
