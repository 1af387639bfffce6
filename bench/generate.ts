/**
 * Generated configurations for the scale benchmark: the prod default grown to N routes, A apps and G
 * groups spread across rollout waves. Every generated config passes the same schema as a hand-written
 * one (the generator throws otherwise), so the benchmark measures real synthesis, not a shortcut.
 */
import { ENVIRONMENTS } from '../config/environments';
import { EXAMPLE_JWKS } from '../config/environments/shared';
import { parseEnvironmentConfig, formatProblems } from '../config/load';
import type { EnvironmentConfigInput } from '../config/schema';

export interface ScaleSpec {
  readonly routes: number;
  readonly apps: number;
  readonly groups: number;
}

const pad = (n: number) => String(n).padStart(4, '0');

/** A prod-shaped config with `spec.routes` routes, `spec.apps` more apps and `spec.groups` more groups. */
export function generateConfig(spec: ScaleSpec): EnvironmentConfigInput {
  const c = structuredClone(ENVIRONMENTS.prod) as any;
  const id = c.identity;

  // Groups, spread over rollout waves inserted before the final "everyone" wave.
  const groupKeys = Array.from({ length: spec.groups }, (_, i) => `team-${pad(i)}`);
  for (const key of groupKeys)
    id.groups[key] = { name: `API Team ${key.slice(5)}`, description: `Generated team ${key}` };
  const waveCount = Math.max(1, Math.min(5, Math.ceil(spec.groups / 10)));
  const waves = Array.from({ length: waveCount }, (_, w) => ({
    key: `wave-${w + 1}`,
    groups: groupKeys.filter((_, i) => i % waveCount === w),
  })).filter((w) => w.groups.length > 0);
  const everyone = id.mfa.rollout.waves.pop();
  id.mfa.rollout.waves.push(...waves, everyone);

  // One scope per ten routes, each route requiring one of them.
  const scopeCount = Math.max(1, Math.ceil(spec.routes / 10));
  const scopes = Array.from({ length: scopeCount }, (_, i) => `svc-${pad(i)}:read`);
  for (const s of scopes) id.scopes.push({ name: s, description: `Generated service scope ${s}` });
  c.gateway.routes = Array.from({ length: spec.routes }, (_, i) => ({
    routeKey: `${i % 3 === 0 ? 'POST' : 'GET'} /svc-${pad(Math.floor(i / 10))}/items-${pad(i)}`,
    scopes: [scopes[Math.floor(i / 10)]],
    integration:
      i % 25 === 0
        ? { type: 'lambda', handler: 'whoami' }
        : {
            type: 'http',
            url: `https://backend.example.com/svc-${pad(Math.floor(i / 10))}/items-${pad(i)}`,
            method: i % 3 === 0 ? 'POST' : 'GET',
          },
    ...(i % 50 === 0 ? { throttling: { burstLimit: 20, rateLimit: 10 } } : {}),
  }));

  // Apps: user-facing ones on the standard tier, assigned to generated groups; every fourth a service.
  const userApps: string[] = [];
  const serviceApps: string[] = [];
  for (let i = 0; i < spec.apps; i++) {
    const key = `app-${pad(i)}`;
    const kind = (['spa', 'native', 'web', 'service'] as const)[i % 4];
    const group = groupKeys.length > 0 ? groupKeys[i % groupKeys.length] : 'api-users';
    if (kind === 'service') {
      serviceApps.push(key);
      id.apps.push({
        key,
        label: `Generated job ${key}`,
        kind,
        grantTypes: ['client_credentials'],
        jwks: [EXAMPLE_JWKS.reportingJob],
      });
      continue;
    }
    userApps.push(key);
    id.apps.push({
      key,
      label: `Generated ${kind} ${key}`,
      kind,
      grantTypes: ['authorization_code', 'refresh_token'],
      redirectUris: [
        kind === 'native' ? `com.example.${key.replace('-', '')}:/callback` : `https://${key}.example.com/callback`,
      ],
      trustedOrigins: kind === 'spa' ? [`https://${key}.example.com`] : [],
      jwks: kind === 'web' ? [EXAMPLE_JWKS.adminConsole] : [],
      groups: [group],
      signOnTier: 'standard',
    });
  }
  if (userApps.length > 0) {
    id.accessPolicies.push({
      key: 'generated-users',
      name: 'Generated user-facing apps',
      description: 'Tokens for generated user-facing apps',
      clients: userApps,
      rules: [
        {
          name: 'Teams',
          grantTypes: ['authorization_code', 'refresh_token'],
          groups: groupKeys.length > 0 ? groupKeys : ['api-users'],
          scopes: ['openid', 'profile', 'offline_access', ...scopes],
          accessTokenLifetimeMinutes: 15,
          refreshTokenLifetimeMinutes: 720,
          refreshTokenWindowMinutes: 120,
        },
      ],
    });
  }
  if (userApps.length === 0 && serviceApps.length === 0) {
    // No generated app: the default machine clients' rule grants the generated scopes, so every route is reachable.
    id.accessPolicies.find((p: { key: string }) => p.key === 'services')?.rules[0].scopes.push(...scopes);
  }
  if (serviceApps.length > 0) {
    id.accessPolicies.push({
      key: 'generated-services',
      name: 'Generated machine clients',
      description: 'client_credentials tokens for generated jobs',
      clients: serviceApps,
      rules: [
        {
          name: 'Jobs',
          grantTypes: ['client_credentials'],
          groups: ['everyone'],
          scopes,
          accessTokenLifetimeMinutes: 15,
        },
      ],
    });
  }

  const parsed = parseEnvironmentConfig('prod', c);
  if (!parsed.ok) throw new Error(`generated config is invalid:\n${formatProblems(parsed.problems)}`);
  return c;
}

/** The same config changed in ten places a reviewer would care about. */
export function changeTenPlaces(input: EnvironmentConfigInput): EnvironmentConfigInput {
  const c = structuredClone(input) as any;
  const routes = c.gateway.routes;
  const step = Math.max(1, Math.floor(routes.length / 10));
  routes[1 * step].throttling = { burstLimit: 500, rateLimit: 400 }; // 1-3: throttling raised
  routes[2 * step].throttling = { burstLimit: 500, rateLimit: 400 };
  routes[3 * step].throttling = { burstLimit: 500, rateLimit: 400 };
  routes[4 * step].scopes = [...routes[4 * step].scopes, 'orders:read']; // 4-5: an extra scope accepted
  routes[5 * step].scopes = [...routes[5 * step].scopes, 'orders:read'];
  delete routes[6 * step].scopes; // 6: made public
  routes[6 * step].public = { reason: 'Benchmark: a route made public on purpose' };
  // 7: new backend
  routes[7 * step].integration = { type: 'http', url: 'https://backend-v2.example.com/moved', method: 'GET' };
  c.identity.accessPolicies[0].rules[0].accessTokenLifetimeMinutes = 30; // 8: token lifetime doubled
  c.gateway.cors.allowOrigins = [...c.gateway.cors.allowOrigins, 'https://partner.example.com']; // 9: new CORS origin
  c.gateway.logRetentionDays = 400; // 10: retention changed
  const parsed = parseEnvironmentConfig('prod', c);
  if (!parsed.ok) throw new Error(`changed config is invalid:\n${formatProblems(parsed.problems)}`);
  return c;
}
