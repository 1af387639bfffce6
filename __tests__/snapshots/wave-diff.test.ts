/**
 * The snapshot stays reviewable: moving prod's MFA rollout one wave changes, in the snapshot layout,
 * only the lines of the policies whose groups follow the phase (measured with a line diff).
 */
import { stackJson } from '../support/fixture';
import { lineDiff, snapshotEntries } from '../support/snapshot';
import { configFor } from '../support/configs';
import { synthStack } from '../support/synth';

type Rollout = { currentPhase: string; waves: { key: string; groups: string[] }[] };
const rollout = (configFor('prod') as { identity: { mfa: { rollout: Rollout } } }).identity.mfa.rollout;
const current = rollout.waves.findIndex((w) => w.key === rollout.currentPhase);
/** A move from wave `i` to the next one that keeps the same blocks (a move to `everyone` retires the fallback). */
const movable = (i: number) =>
  i >= 0 && i + 1 < rollout.waves.length && !rollout.waves[i + 1].groups.includes('everyone');
/** prod's next move, or, when prod is next to or at everyone, the last such move before its current phase. */
const from = [current, ...Array.from({ length: Math.max(current, 0) }, (_, n) => current - 1 - n)].find(movable) ?? -1;
const fromWave = rollout.waves[from];
const nextWave = rollout.waves[from + 1];
const at = (phase: string) => configFor('prod', (c) => (c.identity.mfa.rollout.currentPhase = phase));

let before: Map<string, string>;
let after: Map<string, string>;
let changed: { address: string; removed: string[]; added: string[] }[];

beforeAll(() => {
  // GIVEN prod at a phase (its current one when it can move before everyone), and prod moved to the next wave
  before = new Map(snapshotEntries(from === current ? stackJson('prod') : synthStack('prod', at(fromWave.key))));
  after = new Map(snapshotEntries(synthStack('prod', at(nextWave.key))));
  // WHEN the two snapshots are diffed block by block
  changed = [...before]
    .filter(([address, text]) => after.get(address) !== text)
    .map(([address, text]) => ({ address, ...lineDiff(text, after.get(address) ?? '') }));
});

test("GIVEN prod's rollout THEN there is a wave move before everyone to measure", () => {
  expect(current).toBeGreaterThanOrEqual(0);
  expect(from).toBeGreaterThanOrEqual(0);
  expect(nextWave).toBeDefined();
});

test('moving one wave adds and removes no block', () => {
  expect([...after.keys()]).toEqual([...before.keys()]);
});

test(
  "only the enrollment policy, the global session policy, the standard tier's two-factor rule and the HIGH-risk " +
    'step-ups (which name the enrolled groups) change',
  () => {
    const types = changed.map(({ address }) => address.split('.')[0]).sort();
    const rules = changed
      .filter(({ address }) => address.startsWith('okta_app_signon_policy_rule.'))
      .map(({ address }) => JSON.parse(before.get(address)!));
    expect(types.filter((t) => t !== 'okta_app_signon_policy_rule')).toEqual(['okta_policy_mfa', 'okta_policy_signon']);
    // prod steps HIGH risk up in the standard and high tiers (identity.mfa.risk), for the enforced groups only.
    expect(rules.map((r) => r.name).sort()).toEqual([
      'HIGH risk: phishing-resistant',
      'HIGH risk: phishing-resistant',
      'Two factors',
    ]);
  },
);

test('every changed line is a group reference or the phase named in a description', () => {
  const groupLine = /^ {4}"\$\{okta_group\.[\w-]+\.id\}",?$/;
  const phaseLine = (phase: string) => (line: string) =>
    line.startsWith('  "description": ') && line.includes(`(phase ${phase})`);
  for (const { removed, added } of changed) {
    for (const line of removed) expect(groupLine.test(line) || phaseLine(fromWave.key)(line)).toBe(true);
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
