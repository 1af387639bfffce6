/**
 * Careless and hostile configuration (issue 13): every class ends in a collected config problem that names
 * the environment, the field, the value and what is allowed, and no stack is built for that environment.
 * Credentials and private keys are never echoed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatProblems } from '../config/load';
import type { EnvironmentName } from '../config/schema';
import { ENVIRONMENTS } from '../config/environments';
import { buildApp } from '../stacks/app';
import { configFor, problemsOf } from './support/configs';

const problems = (env: EnvironmentName, edit: (c: any) => void) =>
  formatProblems(problemsOf(env, configFor(env, edit)));
const app = (c: any, key: string) => c.identity.apps.find((a: any) => a.key === key);
const route = (c: any, key: string) => c.gateway.routes.find((r: any) => r.routeKey === key);

describe('GIVEN a config that is well-formed field by field but careless', () => {
  test('fails for overlapping ranges in one network zone', () => {
    const out = problems('prod', (c) => c.identity.mfa.networkZones.corporate.hq.gateways.push('203.0.113.128/25'));
    expect(out).toBe(
      '[prod] identity.mfa.networkZones.corporate.hq.gateways[1] = "203.0.113.128/25": ' +
        'overlaps 203.0.113.0/24 of the same zone: list each address once',
    );
  });

  test('accepts adjacent ranges in one zone', () => {
    expect(problems('prod', (c) => c.identity.mfa.networkZones.corporate.hq.gateways.push('203.0.114.0/24'))).toBe('');
  });

  test('fails for a region that does not exist, outside prod too', () => {
    const out = problems('dev', (c) => (c.aws.region = 'eu-westt-1'));
    expect(out).toMatch(/^\[dev\] aws\.region = "eu-westt-1": no such AWS region; allowed: af-south-1, .*eu-west-1/m);
  });

  test('fails for an S3 backend in a region that does not exist', () => {
    const out = problems('staging', (c) => (c.backend.region = 'eu-nowhere-1'));
    expect(out).toContain('[staging] backend.region = "eu-nowhere-1": no such AWS region; allowed: af-south-1');
  });

  test('fails for an access token that outlives the refresh token (existing provider rule)', () => {
    const out = problems('dev', (c) => {
      const rule = c.identity.accessPolicies.find((p: any) => p.key === 'admin').rules[0];
      Object.assign(rule, { accessTokenLifetimeMinutes: 60, refreshTokenLifetimeMinutes: 30 });
    });
    expect(out).toContain('the refresh token lifetime (30) is shorter than the access token lifetime (60)');
  });

  test.each([
    ['zero-width space', '\u200B', 'U+200B'],
    ['non-breaking space', '\u00A0', 'U+00A0'],
    ['right-to-left override', '\u202E', 'U+202E'],
  ])('fails for a %s in an app label', (_, ch, code) => {
    const out = problems('prod', (c) => (app(c, 'portal').label = `Customer${ch}Portal`));
    expect(out).toBe(
      `[prod] identity.apps['portal'].label = ${JSON.stringify(`Customer${ch}Portal`)}: contains the invisible or ` +
        `non-breaking character ${code}: retype the value with plain spaces`,
    );
  });

  test('fails for a zero-width character in a group name', () => {
    const out = problems('prod', (c) => (c.identity.groups['api-users'].name = 'API\u200DUsers'));
    expect(out).toContain('[prod] identity.groups.api-users.name = "API\u200DUsers": contains the invisible');
  });

  test("fails with one problem naming the mistake for environment 'prod' inside dev's config", () => {
    const out = problemsOf(
      'dev',
      configFor('dev', (c) => (c.environment = 'prod')),
    );
    expect(out).toHaveLength(1);
    expect(formatProblems(out)).toBe(
      `[dev] environment = "prod": this is the config of 'dev' but it says environment "prod" ` +
        `(copied from another environment?); must be 'dev'. Nothing else was checked`,
    );
  });

  test.each([
    ['gateway.logKmsKeyArn', (c: any, v: string) => (c.gateway.logKmsKeyArn = v)],
    ['audit.alerts.topicKmsKeyArn', (c: any, v: string) => (c.audit.alerts.topicKmsKeyArn = v)],
  ])('fails for a KMS key of another region or account at %s', (path, set) => {
    const otherRegion = problems('prod', (c) => set(c, 'arn:aws:kms:us-east-1:333333333333:key/abc-1'));
    expect(otherRegion).toBe(
      `[prod] ${path} = "arn:aws:kms:us-east-1:333333333333:key/abc-1": ` +
        'the KMS key is in us-east-1, but its user is in eu-west-1: KMS keys are regional',
    );
    const otherAccount = problems('prod', (c) => set(c, 'arn:aws:kms:eu-west-1:111111111111:key/abc-1'));
    expect(otherAccount).toBe(
      `[prod] ${path} = "arn:aws:kms:eu-west-1:111111111111:key/abc-1": the KMS key is in account 111111111111, ` +
        "not one of this environment's (333333333333): use a key of this environment",
    );
  });

  test("fails for a tag key starting with 'aws:'", () => {
    const out = problems('prod', (c) => (c.aws.tags['aws:cloudformation:stack-name'] = 'x'));
    expect(out).toBe(
      `[prod] aws.tags.aws:cloudformation:stack-name = "x": tag keys starting with 'aws:' are reserved by AWS`,
    );
  });

  test.each(['Project', 'Environment', 'Stack', 'StackVersion', 'ManagedBy', 'environment'])(
    "fails for a tag %s that clashes with the stack's own tags",
    (key) => {
      const out = problems('prod', (c) => (c.aws.tags[key] = 'mine'));
      expect(out).toBe(
        `[prod] aws.tags.${key} = "mine": the stack sets this tag itself ` +
          '(Project, Environment, Stack, StackVersion, ManagedBy), so the value would be dropped: use another key',
      );
    },
  );

  test('fails for two groups with the same Okta name', () => {
    const out = problems('prod', (c) => (c.identity.groups['api-admins'].name = 'api users'));
    expect(out).toBe(
      `[prod] identity.groups.api-admins.name = "api users": group 'api-users' already has this Okta name`,
    );
  });

  test('fails for basic-auth credentials in an integration URL and never echoes them', () => {
    const out = problems(
      'prod',
      (c) => (route(c, 'GET /orders').integration.url = 'https://svc:hunter2secret@orders.example.com/orders'),
    );
    expect(out).toBe(
      '[prod] gateway.routes[\'GET /orders\'].integration.url = "https://***@orders.example.com/orders": credentials in a URL ' +
        'are written to the plan, the state and every review: remove the user-info (user:password@) and ' +
        'authenticate the integration another way',
    );
    expect(out).not.toContain('hunter2');
  });

  test('fails without echoing credentials when a URL with user-info is also malformed', () => {
    const out = problems('prod', (c) => (route(c, 'GET /orders').integration.url = 'http://svc:hunter2@x.example.com'));
    expect(out).toContain('"http://***@x.example.com"');
    expect(out).not.toContain('hunter2');
  });

  test('fails for route templates naming one parameter position differently', () => {
    const out = problems('prod', (c) =>
      c.gateway.routes.push({
        routeKey: 'DELETE /orders/{id}',
        scopes: ['orders:write'],
        integration: { type: 'lambda', handler: 'whoami' },
      }),
    );
    expect(out).toContain(
      `= "DELETE /orders/{id}": names the path parameter {id} where route 3 ('GET /orders/{orderId}') names it ` +
        '{orderId}; API Gateway rejects two names at one position: use the same name',
    );
  });

  test.each([
    ['REGEX', '.*'],
    ['REGEX', '(.*)'],
    ['REGEX', '[\\s\\S]*'],
  ])('fails for a %s groups claim filter %j that matches every group', (type, value) => {
    const out = problems('prod', (c) => Object.assign(c.identity.claims[0], { groupFilterType: type, value }));
    expect(out).toBe(
      `[prod] identity.claims['groups'].value = ${JSON.stringify(value)}: ` +
        `this ${type} filter matches every group, so ` +
        "tokens carry all of a user's groups: filter on the prefix or names of the groups the API needs",
    );
  });

  test('accepts a REGEX groups claim filter that selects groups', () => {
    expect(
      problems('prod', (c) => Object.assign(c.identity.claims[0], { groupFilterType: 'REGEX', value: 'API .*' })),
    ).toBe('');
  });

  test("fails for a STARTS_WITH '' groups claim filter", () => {
    const out = problems('prod', (c) =>
      Object.assign(c.identity.claims[0], { groupFilterType: 'STARTS_WITH', value: '' }),
    );
    expect(out).toBe('[prod] identity.claims[\'groups\'].value = "": value must not be empty');
  });

  test('fails for prod with protect: false', () => {
    expect(problems('prod', (c) => (c.protect = false))).toBe(
      '[prod] protect = false: prod protects its auth server, apps, API and logs from destroy; allowed: true',
    );
  });

  test('fails for a duplicate trusted origin in one app instead of crashing on a construct id', () => {
    const out = problems('prod', (c) => app(c, 'portal').trustedOrigins.push('https://portal.example.com'));
    expect(out).toBe(
      '[prod] identity.apps[\'portal\'].trustedOrigins[1] = "https://portal.example.com": this origin is already listed',
    );
  });

  test.each([
    [
      'an app group',
      (c: any) => app(c, 'portal').groups.push('api-users'),
      "identity.apps['portal'].groups[2]",
      'group',
    ],
    [
      'a route scope',
      (c: any) => route(c, 'GET /me').scopes.push('profile:read'),
      "gateway.routes['GET /me'].scopes[1]",
      'value',
    ],
    [
      'a JWK key id',
      (c: any) => app(c, 'admin-console').jwks.push(app(c, 'admin-console').jwks[0]),
      "identity.apps['admin-console'].jwks[1]",
      'key id (kid)',
    ],
  ])('fails for %s listed twice', (_, edit, path, what) => {
    const out = problems('prod', edit);
    expect(out).toMatch(
      new RegExp(
        `^\\[prod\\] ${path.replace(/[.[\]]/g, '\\$&')} = .*: this ` +
          `${what.replace(/[()]/g, '\\$&')} is already listed at \\[0\\]$`,
      ),
    );
  });

  test('fails for a JWK with its private part, saying so and never printing it', () => {
    const out = problems('prod', (c) => {
      const jwk = app(c, 'admin-console').jwks[0];
      Object.assign(jwk, { d: 'PRIVATEEXPONENTsecret', p: 'PRIMEsecret' });
    });
    expect(out).toContain(
      "[prod] identity.apps['admin-console'].jwks['admin-console-2026-11'].d = (not shown): " +
        'this JWK is a private key: give only the public key ' +
        '(kty, kid, e, n); the private key never belongs in config. Treat it as leaked and rotate it',
    );
    expect(out).not.toMatch(/secret|check the spelling/);
  });
});

describe('GIVEN all environments together', () => {
  let outdir: string;
  beforeAll(() => (outdir = mkdtempSync(join(tmpdir(), 'hostile-'))));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  test.each([
    [
      'Okta org',
      (c: any) => (c.okta = { ...structuredClone(ENVIRONMENTS.dev.okta), riskScoring: true }),
      'okta.orgName = "acme-dev"',
    ],
    [
      'AWS account',
      (c: any) => c.aws.allowedAccountIds.push('111111111111'),
      'aws.allowedAccountIds[1] = "111111111111"',
    ],
  ])("fails when prod points at dev's %s, and builds no prod stack", (what, edit, at) => {
    const environments = { ...ENVIRONMENTS, prod: configFor('prod', edit) };
    const { problems: found, stacks } = buildApp({ environments, version: '0.0.0-test', outdir });
    expect(formatProblems(found)).toContain(`[prod] ${at}`);
    expect(formatProblems(found)).toContain(`is dev's ${what}`);
    expect(Object.keys(stacks)).toEqual(['dev', 'staging']);
  });
});
