/**
 * The snapshot stays reviewable: moving prod's MFA rollout one wave changes, in the snapshot layout,
 * only the lines of the policies whose groups follow the phase (measured with a line diff).
 */
import { stackJson } from '../support/fixture';
import { lineDiff, snapshotEntries } from '../support/snapshot';
import { configFor, synthStack } from '../support/synth';

type Rollout = { currentPhase: string; waves: { key: string; groups: string[] }[] };
const rollout = (configFor('prod') as { identity: { mfa: { rollout: Rollout } } }).identity.mfa.rollout;
const current = rollout.waves.findIndex((w) => w.key === rollout.currentPhase);
const nextWave = rollout.waves[current + 1];

let before: Map<string, string>;
let after: Map<string, string>;
let changed: { address: string; removed: string[]; added: string[] }[];

beforeAll(() => {
  // GIVEN prod at its current phase, and prod moved to the next wave
  before = new Map(snapshotEntries(stackJson('prod')));
  const moved = configFor('prod', (c) => (c.identity.mfa.rollout.currentPhase = nextWave.key));
  after = new Map(snapshotEntries(synthStack('prod', moved)));
  // WHEN the two snapshots are diffed block by block
  changed = [...before]
    .filter(([address, text]) => after.get(address) !== text)
    .map(([address, text]) => ({ address, ...lineDiff(text, after.get(address) ?? '') }));
});

test('GIVEN prod before its last wave THEN there is a next wave to move to', () => {
  expect(current).toBeGreaterThanOrEqual(0);
  expect(nextWave).toBeDefined();
});

test('moving one wave adds and removes no block', () => {
  expect([...after.keys()]).toEqual([...before.keys()]);
});

test("only the enrollment policy, the global session policy and the standard tier's two-factor rule change", () => {
  const types = changed.map(({ address }) => address.split('.')[0]).sort();
  expect(types).toEqual(['okta_app_signon_policy_rule', 'okta_policy_mfa', 'okta_policy_signon']);
  const rule = JSON.parse(
    before.get(changed.find(({ address }) => address.startsWith('okta_app_signon_policy_rule.'))!.address)!,
  );
  expect(rule.name).toBe('Two factors');
});

test('every changed line is a group reference or the phase named in a description', () => {
  const groupLine = /^ {4}"\$\{okta_group\.[\w-]+\.id\}",?$/;
  const phaseLine = (phase: string) => (line: string) =>
    line.startsWith('  "description": ') && line.includes(`(phase ${phase})`);
  for (const { removed, added } of changed) {
    for (const line of removed) expect(groupLine.test(line) || phaseLine(rollout.currentPhase)(line)).toBe(true);
    for (const line of added) expect(groupLine.test(line) || phaseLine(nextWave.key)(line)).toBe(true);
  }
});

test("the next wave's groups are what each changed policy adds", () => {
  const addedGroups = (added: string[]) =>
    added.filter((l) => !l.includes('"description"')).map((l) => l.replace(/[\s",]/g, ''));
  const beforeLines = (address: string) =>
    before
      .get(address)!
      .split('\n')
      .map((l) => l.replace(/[\s",]/g, ''));
  for (const { address, added } of changed) {
    const fresh = addedGroups(added).filter((g) => !beforeLines(address).includes(g));
    expect(fresh.length).toBe(nextWave.groups.length);
  }
});
