/**
 * Bad configuration is refused before anything is synthesized, with a message that names the
 * environment, the field, the value received and what is allowed.
 */
import { mkdirSync, mkdtempSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatProblems } from '../config/load';
import { ENVIRONMENT_NAMES } from '../config/schema';
import { buildApp } from '../stacks/app';
import { configFor, problemsOf } from './support/configs';

/** The formatted problems of a prod config changed by `edit`. */
const prodProblems = (edit: (c: any) => void) => formatProblems(problemsOf('prod', configFor('prod', edit)));
const route = (c: any, key: string) => c.gateway.routes.find((r: any) => r.routeKey === key);
const app = (c: any, key: string) => c.identity.apps.find((a: any) => a.key === key);

describe('default configs', () => {
  test.each(ENVIRONMENT_NAMES)('%s parses without problems', (env) => {
    expect(problemsOf(env, configFor(env))).toEqual([]);
  });
});

describe('bad config', () => {
  test('fails for a route scope the auth server does not define', () => {
    const out = prodProblems((c) => (route(c, 'GET /me').scopes = ['profile:raed']));
    expect(out).toContain(
      '[prod] gateway.routes[\'GET /me\'].scopes[0] = "profile:raed": the ' +
        'authorization server defines no such scope; defined: profile:read',
    );
  });

  test('fails for an http redirect URI in prod', () => {
    const out = prodProblems((c) => app(c, 'portal').redirectUris.push('http://portal.example.com/callback'));
    expect(out).toContain(
      '[prod] identity.apps[\'portal\'].redirectUris[1] = "http://portal.example.com/callback": redirect URIs must use https',
    );
  });

  test('fails for an http loopback redirect URI outside dev', () => {
    const out = formatProblems(
      problemsOf(
        'staging',
        configFor('staging', (c) => app(c, 'portal').redirectUris.push('http://localhost:5173/cb')),
      ),
    );
    expect(out).toContain(
      '[staging] identity.apps[\'portal\'].redirectUris[1] = "http://localhost:5173/cb": ' +
        'http is allowed only for loopback redirect URIs, and only in development',
    );
  });

  test('fails for a wildcard redirect URI', () => {
    const out = prodProblems((c) => app(c, 'admin-console').redirectUris.push('https://*.example.com/oauth2/callback'));
    expect(out).toContain(
      "[prod] identity.apps['admin-console'].redirectUris[1] = " +
        '"https://*.example.com/oauth2/callback": wildcards are not allowed in redirect URIs',
    );
  });

  test('fails for an access token lifetime of 2000 minutes', () => {
    const out = prodProblems((c) => (c.identity.accessPolicies[0].rules[0].accessTokenLifetimeMinutes = 2000));
    expect(out).toContain(
      "[prod] identity.accessPolicies['user-apps'].rules['Users'].accessTokenLifetimeMinutes = 2000: " +
        'allowed: 5 to 1440 minutes',
    );
  });

  test('fails for a duplicate route key', () => {
    const out = prodProblems((c) => c.gateway.routes.push({ ...route(c, 'GET /me') }));
    expect(out).toMatch(/\[prod\] gateway\.routes\[\d+\]\.routeKey = "GET \/me": route keys must be unique/);
  });

  test('fails for a malformed route key', () => {
    const out = prodProblems((c) => (route(c, 'GET /me').routeKey = 'GET me'));
    expect(out).toContain(
      "[prod] gateway.routes['GET me'].routeKey = \"GET me\": a route key is '$default' or 'METHOD /path'",
    );
  });

  test('fails for a CORS origin * with credentials', () => {
    const out = prodProblems((c) => {
      c.gateway.cors.allowOrigins = ['*'];
      c.gateway.cors.allowCredentials = true;
    });
    expect(out).toContain(
      '[prod] gateway.cors.allowOrigins[0] = "*": \'*\' cannot be combined with allowCredentials: list the origins',
    );
  });

  test('fails for issuer mode DYNAMIC', () => {
    const out = prodProblems((c) => (c.identity.authorizationServer.issuerMode = 'DYNAMIC'));
    expect(out).toContain('[prod] identity.authorizationServer.issuerMode = "DYNAMIC": DYNAMIC is refused');
    expect(out).toContain('Allowed: ORG_URL, CUSTOM_URL');
  });

  test('fails for a service app asking for authorization_code', () => {
    const out = prodProblems((c) => app(c, 'reporting-job').grantTypes.push('authorization_code'));
    expect(out).toContain(
      '[prod] identity.apps[\'reporting-job\'].grantTypes[1] = "authorization_code": ' +
        'a service app may use only client_credentials',
    );
  });

  test('fails for a web app without a public key (it authenticates with private_key_jwt)', () => {
    const out = prodProblems((c) => (app(c, 'admin-console').jwks = []));
    expect(out).toContain(
      "[prod] identity.apps['admin-console'].jwks = []: a web app authenticates with private_key_jwt: " +
        'give its public JWK (never a client secret)',
    );
  });

  test('fails for a misspelled field instead of ignoring it', () => {
    const out = prodProblems((c) => (c.gateway.throttling.burstLimt = 10));
    expect(out).toContain('[prod] gateway.throttling.burstLimt = 10: unknown field');
  });

  test('fails for a protected route without scopes, naming what keeps ID tokens out', () => {
    const out = prodProblems((c) => (route(c, 'GET /me').scopes = []));
    expect(out).toContain(
      "[prod] gateway.routes['GET /me'].scopes = []: a protected route requires at least one scope",
    );
  });

  test('fails for an authorized ANY route with CORS and no public OPTIONS route', () => {
    const out = prodProblems((c) => (route(c, 'GET /orders').routeKey = 'ANY /orders'));
    expect(out).toContain("swallows the browser preflight (401); add a public 'OPTIONS /orders' route");
  });

  test('fails for prod without a KMS key on the access logs or with local state', () => {
    const out = prodProblems((c) => {
      delete c.gateway.logKmsKeyArn;
      c.backend = { type: 'local' };
    });
    expect(out).toContain('[prod] gateway.logKmsKeyArn = (missing): prod access logs must be encrypted with a KMS key');
    expect(out).toContain('[prod] backend.type = "local": staging and prod keep state in S3');
  });

  test('fails for a log retention CloudWatch does not accept', () => {
    const out = prodProblems((c) => (c.gateway.logRetentionDays = 400 + 1));
    expect(out).toContain('[prod] gateway.logRetentionDays = 401: CloudWatch accepts 1, 3, 5');
  });

  test('fails for a refresh token that outlives the re-authentication of an assurance-scoped grant', () => {
    const out = prodProblems((c) => {
      const rule = c.identity.accessPolicies.find((p: any) => p.key === 'payments').rules[0];
      rule.refreshTokenLifetimeMinutes = 720;
    });
    expect(out).toMatch(
      new RegExp(
        /\[prod\] identity\.accessPolicies\['payments'\]\.rules\['Payments operators'\]\./.source +
          /refreshTokenLifetimeMinutes = 720: /.source +
          /rule grants 'payments:write' \(phishing-resistant\) to app 'payments-console', /.source +
          /whose tier 'high' re-authenticates every 120 minutes; .* at most 120/.source,
      ),
    );
  });

  test('reports every problem of a config at once', () => {
    const problems = problemsOf(
      'prod',
      configFor('prod', (c) => {
        c.identity.authorizationServer.issuerMode = 'DYNAMIC';
        route(c, 'GET /me').scopes = ['nope'];
        c.aws.allowedAccountIds = ['12345'];
      }),
    );
    expect(problems.map((p) => p.path).sort()).toEqual([
      'aws.allowedAccountIds[0]',
      "gateway.routes['GET /me'].scopes[0]",
      'identity.authorizationServer.issuerMode',
    ]);
  });
});

describe('auth server policy rule lifetimes (okta provider: resource_okta_auth_server_policy_rule.go:318-325)', () => {
  const devProblems = (edit: (c: any) => void) => formatProblems(problemsOf('dev', configFor('dev', edit)));
  const admins = (c: any) => c.identity.accessPolicies.find((p: any) => p.key === 'admin').rules[0];
  /** Problems of dev with the admin rule's access lifetime, refresh lifetime and window set. */
  const adminLifetimes = (access: number, refresh: number, window: number) =>
    devProblems((c) =>
      Object.assign(admins(c), {
        accessTokenLifetimeMinutes: access,
        refreshTokenLifetimeMinutes: refresh,
        refreshTokenWindowMinutes: window,
      }),
    );

  test(
    "fails for dev's old admin rule: access 30, refresh " + '30, window 15 (the window is below the access lifetime)',
    () => {
      const out = adminLifetimes(30, 30, 15);
      expect(out).toContain(
        "[dev] identity.accessPolicies['admin'].rules['Admins'].refreshTokenWindowMinutes " +
          "= 15: rule 'Admins': the refresh token window (15) must lie between " +
          'the access token lifetime (30) and the refresh token lifetime (30); allowed: 30 to 30 minutes',
      );
    },
  );

  test('fails for a refresh token lifetime shorter than the access token lifetime', () => {
    const out = adminLifetimes(60, 30, 30);
    expect(out).toContain(
      "[dev] identity.accessPolicies['admin'].rules['Admins'].refreshTokenLifetimeMinutes " +
        "= 30: rule 'Admins': the refresh token lifetime (30) is shorter than " +
        'the access token lifetime (60); allowed: at least 60 minutes',
    );
  });

  test('fails for a window longer than the refresh token lifetime', () => {
    const out = devProblems((c) => (admins(c).refreshTokenWindowMinutes = 45));
    expect(out).toContain(
      "refreshTokenWindowMinutes = 45: rule 'Admins': the refresh token window (45) must lie between",
    );
  });

  test.each(ENVIRONMENT_NAMES)('GIVEN %s THEN every rule has access <= window <= refresh lifetime', (env) => {
    const rules = (configFor(env).identity as any).accessPolicies.flatMap((p: any) => p.rules);
    for (const r of rules.filter((x: any) => x.refreshTokenLifetimeMinutes !== undefined)) {
      expect(r.refreshTokenLifetimeMinutes).toBeGreaterThanOrEqual(r.accessTokenLifetimeMinutes);
      expect(r.refreshTokenWindowMinutes).toBeGreaterThanOrEqual(r.accessTokenLifetimeMinutes);
      expect(r.refreshTokenWindowMinutes).toBeLessThanOrEqual(r.refreshTokenLifetimeMinutes);
    }
  });
});

describe('scope consent reaches only apps that ask for it', () => {
  test(
    'fails for a consent-REQUIRED scope granted to a TRUSTED ' + 'app (the old admin console), naming scope and app',
    () => {
      const out = prodProblems((c) => (app(c, 'admin-console').consentMethod = 'TRUSTED'));
      expect(out).toContain(
        "[prod] identity.accessPolicies['admin'].rules['Admins'].scopes[5] = \"admin:write\": scope 'admin:write' " +
          "requires consent, but app 'admin-console' has consentMethod TRUSTED, so Okta never asks",
      );
    },
  );

  test('GIVEN the defaults THEN the admin console asks for consent and parses; IMPLICIT scopes need nothing', () => {
    expect(app(configFor('prod'), 'admin-console').consentMethod).toBe('REQUIRED');
    const implicit = problemsOf(
      'prod',
      configFor('prod', (c) => {
        app(c, 'admin-console').consentMethod = 'TRUSTED';
        c.identity.scopes.find((s: any) => s.name === 'admin:write').consent = 'IMPLICIT';
      }),
    );
    expect(implicit).toEqual([]);
  });
});

describe('synthesis with a bad environment', () => {
  test('fails for that environment only: no stack, and its stale output is removed', () => {
    // GIVEN an output directory holding an earlier prod synthesis
    const outdir = mkdtempSync(join(tmpdir(), 'igw-bad-'));
    mkdirSync(join(outdir, 'stacks', 'identity-gateway-prod'), { recursive: true });
    writeFileSync(join(outdir, 'stacks', 'identity-gateway-prod', 'cdk.tf.json'), '{}');
    // WHEN prod's config is bad
    const result = buildApp({
      environments: {
        dev: configFor('dev'),
        prod: configFor('prod', (c) => (c.identity.authorizationServer.issuerMode = 'DYNAMIC')),
      },
      version: '0.0.0-test',
      outdir,
    });
    result.app.synth();
    // THEN prod is reported and absent, dev is synthesized
    expect(result.problems.map((p) => `${p.environment}:${p.path}`)).toEqual([
      'prod:identity.authorizationServer.issuerMode',
    ]);
    expect(Object.keys(result.stacks)).toEqual(['dev']);
    expect(existsSync(join(outdir, 'stacks', 'identity-gateway-prod'))).toBe(false);
    expect(existsSync(join(outdir, 'stacks', 'identity-gateway-dev', 'cdk.tf.json'))).toBe(true);
  });
});
