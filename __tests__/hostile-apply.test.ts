/**
 * Values Okta or AWS refuse only at apply, or read differently from the text (issue 26, class 1): S3 bucket
 * names, country codes, hosts and ports of URLs and origins, group-filter regular expressions, reserved claim
 * names, and paths with segments that clients or the gateway normalise away. Each is a collected config
 * problem naming the environment, the field, the value and what is allowed.
 */
import { formatProblems } from '../config/load';
import type { EnvironmentName } from '../config/schema';
import { s3BucketNameProblem } from '../domain/aws';
import { iso3166Problem, countryCodes } from '../domain/countries';
import { groupFilterRegexProblem } from '../domain/okta/group-filter-regex';
import { reservedClaimProblem } from '../domain/okta/reserved-claims';
import { pathSegmentProblem, urlAuthorityProblem } from '../domain/urls';
import { configFor, problemsOf } from './support/configs';

const problems = (env: EnvironmentName, edit: (c: any) => void) =>
  formatProblems(problemsOf(env, configFor(env, edit)));
const app = (c: any, key: string) => c.identity.apps.find((a: any) => a.key === key);
const route = (c: any, key: string) => c.gateway.routes.find((r: any) => r.routeKey === key);

describe('GIVEN an S3 bucket name AWS refuses', () => {
  test.each([
    ['two adjacent periods', 'acme..state', 'no two adjacent periods'],
    ['an IP address', '192.168.5.4', 'not formatted as an IP address'],
    ['a reserved prefix', 'xn--acme-state', "the prefix 'xn--' is reserved"],
    ['another reserved prefix', 'sthree-acme', "the prefix 'sthree-' is reserved"],
    ['a reserved suffix', 'acme-state-s3alias', "the suffix '-s3alias' is reserved"],
    ['a directory-bucket suffix', 'acme-state--x-s3', "the suffix '--x-s3' is reserved"],
    ['upper-case letters', 'Acme-State', "only lower-case letters, digits, '.' and '-'"],
    ['a trailing hyphen', 'acme-state-', 'begins and ends with a letter or digit'],
    ['64 characters', 'a'.repeat(64), '3 to 63 characters, got 64'],
  ])('fails for a backend bucket with %s', (_, bucket, why) => {
    const out = problems('prod', (c) => (c.backend.bucket = bucket));
    expect(out).toBe(
      `[prod] backend.bucket = ${JSON.stringify(bucket)}: not a valid S3 bucket name: ${why} (AWS bucket naming rules)`,
    );
  });

  test('accepts every default bucket and names within the rules', () => {
    for (const name of ['acme-terraform-state-prod', 'a.b.c', '123', 'my-bucket.example']) {
      expect(s3BucketNameProblem(name)).toBeUndefined();
    }
  });
});

describe('GIVEN a blocklisted country Okta does not know', () => {
  test.each([
    ['UK', 'the United Kingdom is GB'],
    ['EU', 'the European Union is not a country'],
    ['XK', 'Kosovo has no ISO 3166-1 code'],
    ['ZZ', undefined],
    ['QQ-CA', undefined],
  ])('fails for %s, saying what to use', (code, hint) => {
    const out = problems('prod', (c) => c.identity.mfa.networkZones.blocklist.countries.push(code));
    expect(out).toContain(`[prod] identity.mfa.networkZones.blocklist.countries[4] = "${code}": "${code.slice(0, 2)}"`);
    expect(out).toContain('is not an officially assigned ISO 3166-1 alpha-2 country code');
    expect(out).toContain('allowed: one of the 249 codes in domain/iso-3166-1.tsv');
    if (hint) expect(out).toContain(hint);
  });

  test('accepts an assigned code with a region, and the vendored list has the 249 assigned codes', () => {
    expect(problems('prod', (c) => c.identity.mfa.networkZones.blocklist.countries.push('US-CA'))).toBe('');
    expect(countryCodes().size).toBe(249);
    expect(iso3166Problem('GB')).toBeUndefined();
  });
});

describe('GIVEN a URL or origin whose host or port cannot exist', () => {
  test.each([
    ['a port above 65535', 'https://portal.example.com:70000', 'the port 70000 does not exist; allowed: 1 to 65535'],
    ['port 0', 'https://portal.example.com:0', 'the port 0 does not exist'],
    ['the default port', 'https://portal.example.com:443', "is https's default port"],
    ['a host label starting with -', 'https://-portal.example.com', "starts or ends with '-'"],
    ['two dots in the host', 'https://portal..example.com', 'empty label'],
    ['a broken IPv4 address', 'https://300.1.1.1', 'is not an IPv4 address'],
  ])('fails for a CORS origin with %s', (_, origin, why) => {
    const out = problems('prod', (c) => (c.gateway.cors.allowOrigins[0] = origin));
    expect(out).toContain(`[prod] gateway.cors.allowOrigins[0] = ${JSON.stringify(origin)}: `);
    expect(out).toContain(why);
  });

  test('fails for a trusted origin and a redirect URI with a port that does not exist', () => {
    const out = problems('staging', (c) => {
      app(c, 'portal').trustedOrigins[0] = 'https://portal.staging.example.com:99999';
      app(c, 'admin-console').redirectUris[0] = 'https://admin.staging.example.com:65536/oauth2/callback';
    });
    expect(out).toContain('the port 99999 does not exist');
    expect(out).toContain(
      'redirectUris[0] = "https://admin.staging.example.com:65536/oauth2/callback": the port 65536',
    );
  });

  test('fails for an integration URL with a port that is not a number, and an audience host ending in -', () => {
    const out = problems('dev', (c) => {
      route(c, 'POST /orders').integration.url = 'https://orders.dev.example.com:80a/orders';
      c.identity.authorizationServer.audience = 'api://acme-';
    });
    expect(out).toContain("the port '80a' is not a number");
    expect(out).toContain('identity.authorizationServer.audience = "api://acme-": the host label \'acme-\'');
  });

  test('accepts loopback, IPv6 literals, explicit non-default ports and custom schemes', () => {
    for (const url of ['http://localhost:5173', 'https://[2001:db8::1]:8443/x', 'api://acme', 'com.example.app:/cb'])
      expect(urlAuthorityProblem(url, { origin: true })).toBeUndefined();
  });
});

describe('GIVEN a path with segments clients or the gateway normalise away', () => {
  test.each(['GET /orders/./{orderId}', 'GET /orders/../admin', 'POST /..'])('fails for the route key %s', (key) => {
    const out = problems('dev', (c) => (route(c, 'GET /orders').routeKey = key));
    expect(out).toContain(`routeKey = ${JSON.stringify(key)}: the path has a '.' or '..' segment`);
  });

  test('fails for an integration URL whose path has a dot segment or an empty segment', () => {
    const out = problems('dev', (c) => {
      route(c, 'POST /orders').integration.url = 'https://orders.dev.example.com/api/../orders';
      route(c, 'GET /orders').integration.url = 'https://orders.dev.example.com/api//orders';
    });
    expect(out).toContain("\"https://orders.dev.example.com/api/../orders\": the path has a '.' or '..' segment");
    expect(out).toContain('"https://orders.dev.example.com/api//orders": the path has an empty segment (//)');
    expect(pathSegmentProblem('/orders/{orderId}')).toBeUndefined();
  });
});

describe('GIVEN a groups claim REGEX filter Okta reads differently', () => {
  const groupsClaim = (c: any) => c.identity.claims.find((cl: any) => cl.name === 'groups');
  test.each([
    ['does not compile', 'API (Users', 'does not compile'],
    ['uses an inline flag', '(?i)api .*', 'an inline flag such as (?i), Java syntax'],
    ['uses a possessive quantifier', 'API .*+', 'a possessive quantifier'],
    ['is a plain word Okta compares with whole names', 'API', 'matches only a group named exactly that'],
    ['uses an empty class', 'API[^]', 'an empty class'],
  ])('fails when it %s', (_, value, why) => {
    const out = problems('prod', (c) => Object.assign(groupsClaim(c), { groupFilterType: 'REGEX', value }));
    expect(out).toContain(`[prod] identity.claims['groups'].value = ${JSON.stringify(value)}: `);
    expect(out).toContain(why);
  });

  test('accepts a whole-name pattern both read alike', () => {
    expect(groupFilterRegexProblem('API (Users|Admins)')).toBeUndefined();
    expect(groupFilterRegexProblem('API .*')).toBeUndefined();
  });
});

describe('GIVEN a claim named like a claim the token already has', () => {
  test.each([
    ['sub', 'RESOURCE', 'a claim every token already has'],
    ['exp', 'IDENTITY', 'a claim every token already has'],
    ['scp', 'RESOURCE', 'a claim every token already has'],
    ['username', 'RESOURCE', 'reserved by Okta in access tokens'],
    ['sid', 'IDENTITY', 'reserved by Okta in ID tokens'],
  ])('fails for a custom claim named %s (%s)', (name, claimType, why) => {
    const out = problems('dev', (c) =>
      c.identity.claims.push({ name, claimType, valueType: 'EXPRESSION', value: 'user.login' }),
    );
    expect(out).toContain(`[dev] identity.claims['${name}'].name = "${name}": '${name}' is `);
    expect(out).toContain(why);
  });

  test('accepts groups in access tokens (Okta creates it so) and sid in access tokens', () => {
    expect(reservedClaimProblem('groups', 'RESOURCE')).toBeUndefined();
    expect(reservedClaimProblem('sid', 'RESOURCE')).toBeUndefined();
  });
});
