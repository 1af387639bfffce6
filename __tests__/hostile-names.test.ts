/**
 * Names that collide in the Okta org (issue 26, class 2): every named Okta object the stack creates, read from the
 * synthesized stack (synthesized/named-objects.ts), per type and per the object it is unique within, against the
 * other objects of the stack, the objects it looks up and the names every org has. A collision is a config problem
 * at the field that gave the name, and nothing is written for that environment.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, synthesizeApp } from '../stacks/app';
import { nameProblems } from '../stacks/name-problems';
import { parseEnvironmentConfig, formatProblems } from '../config/load';
import type { EnvironmentConfig } from '../config/schema';
import { nameCollisions, namedOktaObjects } from '../synthesized/named-objects';
import { modelOf, synthesizedDefaults, type Json, type Synthesized } from './support/guardrails';
import { configFor } from './support/configs';

let json: Synthesized;
beforeAll(() => {
  json = synthesizedDefaults().json;
});

const parsed = (edit?: (c: any) => void): EnvironmentConfig => {
  const r = parseEnvironmentConfig('prod', configFor('prod', edit));
  if (!r.ok) throw new Error(formatProblems(r.problems));
  return r.config;
};
/** The resource of `type` whose name is `name`. */
const named = (j: Json, type: string, name: string): Json =>
  Object.values(j.resource[type] as Record<string, Json>).find((r) => r.name === name)!;

describe('GIVEN the default stacks', () => {
  test('every named Okta object is listed, of every kind, and none collides', () => {
    const model = modelOf('prod', json.prod);
    const kinds = [...new Set(namedOktaObjects(model).map((o) => o.kind))].sort();
    expect(kinds).toEqual([
      'access policy',
      'authentication policy',
      'authenticator',
      'authorization server',
      'behaviour',
      'claim',
      'device assurance policy',
      'enrollment policy',
      'global session policy',
      'group',
      'log stream',
      'network zone',
      'rule',
      'scope',
      'trusted origin',
    ]);
    for (const env of ['dev', 'staging', 'prod'] as const) expect(nameCollisions(modelOf(env, json[env]))).toEqual([]);
  });
});

describe('GIVEN a stack that creates a name twice, or one the org already has', () => {
  test('fails for a corporate zone named like a zone the stack generates, at the zone name', () => {
    const config = parsed((c) => (c.identity.mfa.networkZones.corporate.hq.name = 'Blocked locations'));
    const model = modelOf(
      'prod',
      json.prod,
      (j) => (named(j, 'okta_network_zone', 'Corporate HQ egress').name = 'Blocked locations'),
    );
    const [p, ...rest] = nameProblems(config, model);
    expect(rest).toEqual([]);
    expect(p).toMatchObject({
      environment: 'prod',
      path: 'identity.mfa.networkZones.corporate.hq.name',
      received: '"Blocked locations"',
    });
    expect(p.message).toMatch(/^2 network zones of the stack take this name \(okta_network_zone\..*; Okta keeps one/);
  });

  test('fails for device assurance policies of two platforms with one name (one namespace in Okta)', () => {
    const model = modelOf('prod', json.prod, (j) => {
      named(j, 'okta_policy_device_assurance_ios', 'iOS baseline').name = 'Mobile baseline';
      named(j, 'okta_policy_device_assurance_android', 'Android baseline').name = 'mobile  BASELINE';
    });
    const [c] = nameCollisions(model);
    expect(c.kind).toBe('device assurance policy');
    expect(c.created.map((o) => o.address).sort()).toEqual([
      expect.stringMatching(/^okta_policy_device_assurance_android\./),
      expect.stringMatching(/^okta_policy_device_assurance_ios\./),
    ]);
  });

  test.each([
    ['a group named Everyone', 'okta_group', 'API Users', 'Everyone'],
    ['an auth server named default', 'okta_auth_server', 'identity-gateway', 'default'],
    ['a network zone named like a default zone', 'okta_network_zone', 'Corporate VPN egress', 'BlockedIpZone'],
    ['a behaviour named like a built-in one', 'okta_behavior', 'Impossible travel (800 km/h)', 'Velocity'],
    [
      'a global session policy named Default Policy',
      'okta_policy_signon',
      'MFA rollout: global session',
      'Default Policy',
    ],
  ])('fails for %s, which every org already has', (_, type, from, to) => {
    const [c, ...rest] = nameCollisions(modelOf('prod', json.prod, (j) => (named(j, type, from).name = to)));
    expect(rest).toEqual([]);
    expect(c).toMatchObject({ name: to, taken: 'built in to every Okta org' });
  });

  test('fails for a created behaviour named like one the stack looks up', () => {
    const model = modelOf(
      'prod',
      json.prod,
      (j) => (named(j, 'okta_behavior', 'Impossible travel (800 km/h)').name = 'new ip'),
    );
    const [c] = nameCollisions(model);
    expect(c.taken).toMatch(/^data\.okta_behavior\.MfaRollout_Behaviors_new-ip_/);
  });

  test('fails for two scopes of one authorization server, but not for a rule name in two policies', () => {
    const scopes = modelOf(
      'prod',
      json.prod,
      (j) => (named(j, 'okta_auth_server_scope', 'orders:read').name = 'orders:write'),
    );
    expect(nameCollisions(scopes).map((c) => c.kind)).toEqual(['scope']);
    // "Deny blocklisted networks" is a rule of every tier policy: unique within each policy, which is all Okta asks
    const rules = namedOktaObjects(modelOf('prod', json.prod)).filter((o) => o.name === 'Deny blocklisted networks');
    expect(rules.length).toBeGreaterThan(2);
  });
});

describe('GIVEN a config whose names collide only once synthesized', () => {
  let outdir: string;
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  test('fails as config errors at the fields that gave the names; nothing is written for that environment', () => {
    outdir = mkdtempSync(join(tmpdir(), 'hostile-names-'));
    const prod = configFor('prod', (c) => {
      c.identity.mfa.networkZones.corporate.vpn.name = 'Blocked Tor exit nodes';
      c.identity.mfa.deviceAssurance['ios-baseline'].name = 'Android baseline';
      c.identity.mfa.behaviors['impossible-travel'].name = 'New City';
    });
    const built = buildApp({ environments: { prod }, version: '0.0.0-test', outdir });
    expect(built.problems).toEqual([]);
    const { models, problems } = synthesizeApp(built.app, ['identity-gateway-prod'], outdir, {
      configs: built.configs,
    });
    expect(problems.map((p) => [p.path, p.received])).toEqual(
      expect.arrayContaining([
        ['identity.mfa.networkZones.corporate.vpn.name', '"Blocked Tor exit nodes"'],
        ['identity.mfa.deviceAssurance.android-baseline.name', '"Android baseline"'],
        ['identity.mfa.behaviors.impossible-travel.name', '"New City"'],
      ]),
    );
    expect(problems).toHaveLength(3);
    expect(
      problems.every(
        (p) => p.environment === 'prod' && /allowed: a .* name no other .* in the org has$/.test(p.message),
      ),
    ).toBe(true);
    expect(models).toEqual([]);
    expect(existsSync(join(outdir, 'stacks', 'identity-gateway-prod'))).toBe(false);
  });
});
