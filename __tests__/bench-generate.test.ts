/** The benchmark's generated configs are real: valid under the schema, and of the sizes asked for. */
import { parseEnvironmentConfig } from '../config/load';
import { changeTenPlaces, generateConfig } from '../bench/generate';

test('a generated config has the requested routes, apps and groups, spread over rollout waves, and is valid', () => {
  const c = generateConfig({ routes: 40, apps: 12, groups: 7 }) as any;
  const base = generateConfig({ routes: 1, apps: 0, groups: 0 }) as any;
  expect(c.gateway.routes).toHaveLength(40);
  expect(new Set(c.gateway.routes.map((r: any) => r.routeKey)).size).toBe(40);
  expect(c.identity.apps.length - base.identity.apps.length).toBe(12);
  expect(Object.keys(c.identity.groups).length - Object.keys(base.identity.groups).length).toBe(7);
  const waveGroups = c.identity.mfa.rollout.waves.flatMap((w: any) => w.groups);
  for (const g of Object.keys(c.identity.groups).filter((k) => k.startsWith('team-'))) expect(waveGroups).toContain(g);
  expect(parseEnvironmentConfig('prod', c).ok).toBe(true);
});

test('the ten-place change is valid and touches routes, a token lifetime, CORS and retention', () => {
  const before = generateConfig({ routes: 100, apps: 4, groups: 2 }) as any;
  const after = changeTenPlaces(before) as any;
  expect(parseEnvironmentConfig('prod', after).ok).toBe(true);
  const changedRoutes = after.gateway.routes.filter(
    (r: any, i: number) => JSON.stringify(r) !== JSON.stringify(before.gateway.routes[i]),
  );
  expect(changedRoutes).toHaveLength(7);
  expect(after.identity.accessPolicies[0].rules[0].accessTokenLifetimeMinutes).toBe(
    2 * before.identity.accessPolicies[0].rules[0].accessTokenLifetimeMinutes,
  );
  expect(after.gateway.cors.allowOrigins.length).toBe(before.gateway.cors.allowOrigins.length + 1);
  expect(after.gateway.logRetentionDays).not.toBe(before.gateway.logRetentionDays);
});
