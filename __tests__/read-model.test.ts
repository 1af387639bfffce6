/**
 * The read model (synthesized/read-model.ts) is the one reading of a synthesized stack: the providers'
 * defaults are applied by synthesized/defaults.ts alone, the review and the simulator see the same apps,
 * routes and zones. (That no module imports one that imports it back, in every source folder, is
 * __tests__/layers.test.ts.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENVIRONMENT_NAMES } from '../config/schema';
import { stackName } from '../domain/stack-names';
import { API_DEFAULTS, BLOCK_DEFAULTS, PROVIDER_DEFAULTS } from '../synthesized/defaults';
import { StackModel } from '../synthesized/model';
import { ReadModel } from '../synthesized/read-model';
import { SimStack } from '../simulator/stack';
import { viewOf } from '../review/view';
import { synthesizedJson } from './support/fixture';

const ROOT = join(__dirname, '..');
/** The layers that read synthesized stacks, and the domain below them. */
const READING_LAYERS = ['synthesized', 'simulator', 'guardrails', 'review', 'release'];
const HOME = join('synthesized', 'defaults.ts');

function sources(folders: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith('.ts')) out.push(path);
    }
  };
  folders.forEach(walk);
  return out.sort();
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('provider defaults', () => {
  test('GIVEN the reading layers WHEN searched THEN only synthesized/defaults.ts falls back to a default', () => {
    // Every (attribute, default) of the table: `<attribute> ... ?? <default>` (or `||`) on one line is a restated
    // default, e.g. str(r.attrs.status) ?? 'ACTIVE' or num(rule.attrs.session_lifetime) ?? 120.
    const tables = [PROVIDER_DEFAULTS, API_DEFAULTS, BLOCK_DEFAULTS];
    const pairs = new Map<string, RegExp>();
    for (const table of tables)
      for (const { defaults } of Object.values(table))
        for (const [attribute, value] of Object.entries(defaults)) {
          if (typeof value !== 'string' && typeof value !== 'number') continue;
          const literal = typeof value === 'string' ? `['"\`]${escape(value)}['"\`]` : `${value}\\b`;
          pairs.set(
            `${attribute} ${value}`,
            new RegExp(`\\b${escape(attribute)}\\b[^;\\n]*?(\\?\\?|\\|\\|)\\s*${literal}`),
          );
        }
    expect(pairs.size).toBeGreaterThan(30);
    const restated = sources(READING_LAYERS)
      .filter((f) => f !== HOME)
      .flatMap((f) =>
        readFileSync(join(ROOT, f), 'utf8')
          .split('\n')
          .flatMap((line, i) =>
            [...pairs].filter(([, re]) => re.test(line)).map(([what]) => `${f}:${i + 1} restates ${what}`),
          ),
      );
    expect(restated).toEqual([]);
  });

  test('GIVEN resources leaving each defaulted attribute unset WHEN read THEN they hold the defaults', () => {
    const ref = (type: string, name: string, attribute = 'id') => `\${${type}.${name}.${attribute}}`;
    const model = new StackModel('identity-gateway-test', {
      resource: {
        okta_network_zone: { corp: { name: 'Corp', type: 'IP', gateways: ['192.0.2.0/24'] } },
        okta_auth_server: { main: { name: 'main', audiences: ['api://x'] } },
        okta_auth_server_scope: { read: { name: 'read', auth_server_id: ref('okta_auth_server', 'main') } },
        okta_auth_server_policy: { p: { name: 'p', auth_server_id: ref('okta_auth_server', 'main'), priority: 1 } },
        okta_auth_server_policy_rule: {
          r: { name: 'r', policy_id: ref('okta_auth_server_policy', 'p'), priority: 1, grant_type_whitelist: [] },
        },
        okta_policy_signon: { s: { name: 's', priority: 1 } },
        okta_policy_rule_signon: { sr: { name: 'sr', policy_id: ref('okta_policy_signon', 's') } },
        okta_app_signon_policy: { tier: { name: 'tier', description: 'tier' } },
        okta_app_signon_policy_rule: {
          ar: { name: 'ar', policy_id: ref('okta_app_signon_policy', 'tier'), platform_include: [{}] },
        },
        okta_authenticator: { verify: { key: 'okta_verify', name: 'Okta Verify' } },
        aws_apigatewayv2_route: { me: { api_id: 'x', route_key: 'GET /me' } },
      },
    });
    const read = ReadModel.of(model);
    expect(read.zones[0]).toMatchObject({ usage: 'POLICY', status: 'ACTIVE', active: true });
    expect(read.authServers[0].issuerMode).toBe('ORG_URL');
    expect(read.scopes[0].consent).toBe('IMPLICIT');
    const [rule] = model.resources('okta_auth_server_policy_rule');
    expect(read.accessRule(rule)).toMatchObject({ status: 'ACTIVE', accessTokenLifetimeMinutes: 60 });
    const [session] = model.resources('okta_policy_rule_signon');
    expect(read.sessionRule(session)).toMatchObject({
      access: 'ALLOW',
      connection: 'ANYWHERE',
      sessionLifetimeMinutes: 120,
      sessionIdleMinutes: 120,
      riskLevels: ['ANY', 'ANY'],
    });
    const [app] = model.resources('okta_app_signon_policy_rule');
    expect(read.appRule(app)).toMatchObject({
      status: 'ACTIVE',
      access: 'ALLOW',
      factorMode: '2FA',
      connection: 'ANYWHERE',
      riskScore: 'ANY',
      platforms: [{ type: 'ANY', osType: 'ANY' }],
    });
    expect(read.authenticators[0]).toMatchObject({ status: 'ACTIVE', active: true });
    expect(read.routes[0]).toMatchObject({ authorizationType: 'NONE', public: true });
  });

  test('GIVEN the table WHEN read THEN every type cites its source', () => {
    for (const table of [PROVIDER_DEFAULTS, API_DEFAULTS, BLOCK_DEFAULTS])
      for (const [type, { source }] of Object.entries(table))
        expect([type, source]).toEqual([
          type,
          expect.stringMatching(/okta provider v4\.20\.0 okta\/\S+\.go:\d|hashicorp\/aws 5\.100\.0 docs/),
        ]);
  });
});

describe.each(ENVIRONMENT_NAMES)('identity-gateway-%s', (env) => {
  test('GIVEN the stack WHEN the review and the simulator read it THEN they see the same apps, routes, zones', () => {
    const model = new StackModel(stackName(env), synthesizedJson(env));
    const view = viewOf(model);
    const sim = SimStack.of(model);
    // THEN both read one model (built once per stack) ...
    expect(sim).toBe(ReadModel.of(model));
    // ... and agree on what they show
    const apps = (xs: readonly { key: string; label: string; type: string; groups: readonly string[] }[]) =>
      xs
        .map(({ key, label, type, groups }) => ({ key, label, type, groups }))
        .sort((a, b) => a.key.localeCompare(b.key));
    expect(apps(view.apps)).toEqual(apps(sim.apps));
    expect(view.apps.length).toBeGreaterThan(2);
    const routes = (
      xs: readonly { routeKey: string; authorizationType: string; public: boolean; scopes: readonly string[] }[],
    ) =>
      xs
        .map(({ routeKey, authorizationType, public: p, scopes }) => ({ routeKey, authorizationType, p, scopes }))
        .sort((a, b) => a.routeKey.localeCompare(b.routeKey));
    expect(routes(view.routes)).toEqual(routes(sim.routes));
    expect(view.routes.some((r) => r.public) && view.routes.some((r) => !r.public)).toBe(true);
    const zones = (xs: readonly { name: string; type: string; usage: string; status: string }[]) =>
      xs.map(({ name, type, usage, status }) => ({ name, type, usage, status }));
    expect(zones(view.mfa.networkZones)).toEqual(zones(sim.zones));
  });
});
