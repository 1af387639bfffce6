/**
 * The constructs validate their own props (they are reusable outside this repo's config), naming the
 * prop, the value and what is allowed; tokens are not checked until they resolve.
 */
import { Testing, TerraformStack } from 'cdktf';
import { JwtHttpApi, type JwtHttpApiProps } from '../constructs/aws/jwt-http-api';
import { OktaAppIntegration, type OktaAppIntegrationProps } from '../constructs/okta/app-integration';
import { OktaAuthorizationServer, alwaysIncludeInToken, type OktaAuthorizationServerProps } from '../constructs/okta/authorization-server';
import { zipEntries } from '../constructs/aws/deterministic-zip';

const stack = () => new TerraformStack(Testing.app(), 'test');

const api = (over: Partial<JwtHttpApiProps>): JwtHttpApiProps => ({
  apiName: 'api',
  issuer: 'https://acme.okta.com/oauth2/aus1',
  audience: ['api://acme'],
  routes: [{ routeKey: 'GET /me', scopes: ['me:read'], target: { type: 'http', url: 'https://backend.example.com/me' } }],
  throttling: { burstLimit: 10, rateLimit: 5 },
  logRetentionDays: 30,
  ...over,
});

const server = (over: Partial<OktaAuthorizationServerProps>): OktaAuthorizationServerProps => ({
  name: 'api',
  description: 'test',
  audience: 'api://acme',
  scopes: [{ name: 'me:read', description: 'read me' }],
  claims: [{ name: 'groups', valueType: 'GROUPS', value: 'API ', groupFilterType: 'STARTS_WITH' }],
  policies: [
    {
      key: 'p',
      name: 'p',
      description: 'p',
      clientIds: ['client'],
      rules: [{ name: 'r', grantTypes: ['authorization_code'], groupIds: ['g'], scopes: ['openid', 'me:read'], accessTokenLifetimeMinutes: 15 }],
    },
  ],
  ...over,
});

const spa = (over: Partial<OktaAppIntegrationProps>): OktaAppIntegrationProps => ({
  label: 'SPA',
  kind: 'spa',
  grantTypes: ['authorization_code'],
  redirectUris: ['https://app.example.com/cb'],
  groupIds: ['g'],
  ...over,
});

describe('JwtHttpApi', () => {
  test('accepts a minimal protected API', () => {
    expect(() => new JwtHttpApi(stack(), 'Api', api({}))).not.toThrow();
  });
  test('fails for an issuer with a trailing slash', () => {
    expect(() => new JwtHttpApi(stack(), 'Api', api({ issuer: 'https://acme.okta.com/oauth2/aus1/' }))).toThrow(
      "JwtHttpApi 'api': issuer = \"https://acme.okta.com/oauth2/aus1/\" is invalid: https and no trailing slash",
    );
  });
  test('fails for a greedy {proxy+} segment that is not last', () => {
    const props = api({ routes: [{ routeKey: 'GET /{proxy+}/items', scopes: ['me:read'], target: { type: 'http', url: 'https://b.example.com' } }] });
    expect(() => new JwtHttpApi(stack(), 'Api', props)).toThrow('routes.routeKey = "GET /{proxy+}/items" is invalid');
  });
  test('fails for a protected route without scopes', () => {
    expect(() =>
      new JwtHttpApi(stack(), 'Api', api({ routes: [{ routeKey: 'GET /me', target: { type: 'http', url: 'https://b.example.com' } }] })),
    ).toThrow('routes[GET /me].scopes = [] is invalid: at least one scope (without one, ID tokens pass)');
  });
  test('fails for a scope the issuer does not define', () => {
    expect(() => new JwtHttpApi(stack(), 'Api', api({ knownScopes: ['other'] }))).toThrow('routes[GET /me].scopes = "me:read" is invalid: a scope the issuer defines: other');
  });
  test('fails for an authorized $default route with CORS and no public OPTIONS route', () => {
    const props = api({
      cors: { allowOrigins: ['https://app.example.com'], allowMethods: ['GET'] },
      routes: [{ routeKey: '$default', scopes: ['me:read'], target: { type: 'http', url: 'https://b.example.com' } }],
    });
    expect(() => new JwtHttpApi(stack(), 'Api', props)).toThrow("add a public 'OPTIONS /{proxy+}' route");
  });
  test('a public OPTIONS route keeps the preflight out of the authorized catch-all', () => {
    const props = api({
      cors: { allowOrigins: ['https://app.example.com'], allowMethods: ['GET'] },
      routes: [
        { routeKey: '$default', scopes: ['me:read'], target: { type: 'http', url: 'https://b.example.com' } },
        { routeKey: 'OPTIONS /{proxy+}', publicReason: 'CORS preflight carries no token', target: { type: 'http', url: 'https://b.example.com' } },
      ],
    });
    expect(() => new JwtHttpApi(stack(), 'Api', props)).not.toThrow();
  });
  test('fails for CORS origin *', () => {
    expect(() => new JwtHttpApi(stack(), 'Api', api({ cors: { allowOrigins: ['*'], allowMethods: ['GET'], allowCredentials: true } }))).toThrow(
      "cors.allowOrigins = [\"*\"] is invalid: explicit origins ('*' with credentials",
    );
  });
});

describe('OktaAuthorizationServer', () => {
  test('fails for issuer mode DYNAMIC', () => {
    expect(() => new OktaAuthorizationServer(stack(), 'S', server({ issuerMode: 'DYNAMIC' as never }))).toThrow('issuerMode = "DYNAMIC" is invalid');
  });
  test('fails for a * scope grant', () => {
    const props = server({});
    const bad = { ...props, policies: [{ ...props.policies[0], rules: [{ ...props.policies[0].rules[0], scopes: ['*'] }] }] };
    expect(() => new OktaAuthorizationServer(stack(), 'S', bad)).toThrow("policies[p].rules[r].scopes = [\"*\"] is invalid: named scopes; '*' would grant every scope");
  });
  test('fails for a policy without clients (it would target every client)', () => {
    const props = server({});
    expect(() => new OktaAuthorizationServer(stack(), 'S', { ...props, policies: [{ ...props.policies[0], clientIds: [] }] })).toThrow('policies[p].clientIds = [] is invalid');
  });
  test('fails for an access token lifetime outside 5-1440 minutes', () => {
    const props = server({});
    const bad = { ...props, policies: [{ ...props.policies[0], rules: [{ ...props.policies[0].rules[0], accessTokenLifetimeMinutes: 2000 }] }] };
    expect(() => new OktaAuthorizationServer(stack(), 'S', bad)).toThrow('accessTokenLifetimeMinutes = 2000 is invalid: 5 to 1440 minutes');
  });
});

describe('OktaAppIntegration', () => {
  test('fails for a wildcard redirect URI', () => {
    expect(() => new OktaAppIntegration(stack(), 'A', spa({ redirectUris: ['https://*.example.com/cb'] }))).toThrow("OktaAppIntegration 'SPA': redirectUris = \"https://*.example.com/cb\" is invalid: wildcards are not allowed in redirect URIs");
  });
  test('fails for http loopback unless allowed', () => {
    expect(() => new OktaAppIntegration(stack(), 'A', spa({ redirectUris: ['http://localhost:3000/cb'] }))).toThrow('is invalid: http is allowed only for loopback redirect URIs, and only in development; use https');
    expect(() => new OktaAppIntegration(stack(), 'A', spa({ redirectUris: ['http://localhost:3000/cb'], allowLoopbackRedirects: true }))).not.toThrow();
  });
  test('fails for a service app asking for authorization_code', () => {
    expect(() =>
      new OktaAppIntegration(stack(), 'A', { label: 'Job', kind: 'service', grantTypes: ['authorization_code'], jwks: [{ kty: 'RSA', kid: 'k', e: 'AQAB', n: 'x' }] }),
    ).toThrow("OktaAppIntegration 'Job': grantTypes = \"authorization_code\" is invalid: a service app may use client_credentials");
  });
  test('fails for a service app without a public key', () => {
    expect(() => new OktaAppIntegration(stack(), 'A', { label: 'Job', kind: 'service', grantTypes: ['client_credentials'] })).toThrow('jwks = [] is invalid: a public key for private_key_jwt');
  });
});

describe('deterministic zip', () => {
  test('depends only on names and contents, not on order or time', () => {
    const a = zipEntries([{ name: 'b.txt', data: Buffer.from('b') }, { name: 'a.txt', data: Buffer.from('a') }]);
    const b = zipEntries([{ name: 'a.txt', data: Buffer.from('a') }, { name: 'b.txt', data: Buffer.from('b') }]);
    expect(a.equals(b)).toBe(true);
    expect(a.readUInt32LE(0)).toBe(0x04034b50);
    expect(a.readUInt32LE(a.length - 22)).toBe(0x06054b50);
  });
});

describe("OktaAuthorizationServer token lifetimes follow the provider's create-time rule", () => {
  const withRule = (over: Record<string, number>) => () =>
    new OktaAuthorizationServer(
      stack(),
      'Server',
      server({
        policies: [
          {
            key: 'p',
            name: 'p',
            description: 'p',
            clientIds: ['client'],
            rules: [
              {
                name: 'r',
                grantTypes: ['authorization_code', 'refresh_token'],
                groupIds: ['g'],
                scopes: ['openid'],
                accessTokenLifetimeMinutes: 30,
                ...over,
              },
            ],
          },
        ],
      }),
    );

  test('fails for a refresh window below the access token lifetime', () => {
    expect(withRule({ refreshTokenLifetimeMinutes: 30, refreshTokenWindowMinutes: 15 })).toThrow(
      "policies[p].rules[r].refreshTokenWindowMinutes = 15 is invalid: rule 'r': the refresh token window (15) must lie between",
    );
  });

  test('fails for a refresh lifetime below the access token lifetime', () => {
    expect(withRule({ refreshTokenLifetimeMinutes: 20, refreshTokenWindowMinutes: 20 })).toThrow(
      /refreshTokenLifetimeMinutes = 20 is invalid: .*allowed: at least 30 minutes/,
    );
  });

  test('accepts access <= window <= refresh lifetime', () => {
    expect(withRule({ refreshTokenLifetimeMinutes: 60, refreshTokenWindowMinutes: 30 })).not.toThrow();
  });
});

describe('auth server claims: access-token (RESOURCE) claims always_include_in_token', () => {
  const claimsOf = (claims: OktaAuthorizationServerProps['claims']) => {
    const s = stack();
    new OktaAuthorizationServer(s, 'Server', server({ claims }));
    return Object.values(JSON.parse(Testing.synth(s)).resource.okta_auth_server_claim as Record<string, any>);
  };
  const groups = { name: 'groups', valueType: 'GROUPS', value: 'API ', groupFilterType: 'STARTS_WITH' } as const;

  // What Okta reports for a claim: a RESOURCE claim always with alwaysIncludeInToken true, set into state
  // as is (resource_okta_auth_server_claim.go:95).
  const readBack = (c: { claim_type: string; always_include_in_token: boolean }) => ({
    ...c,
    always_include_in_token: c.claim_type === 'RESOURCE' ? true : c.always_include_in_token,
  });

  test('fails for the old value: a RESOURCE claim limited by scopes written with false differs from its read-back', () => {
    const old = { claim_type: 'RESOURCE', always_include_in_token: false };
    expect(readBack(old)).not.toEqual(old);
    const now = {
      claim_type: 'RESOURCE',
      always_include_in_token: alwaysIncludeInToken({ claimType: 'RESOURCE', scopes: ['me:read'] }),
    };
    expect(readBack(now)).toEqual(now);
  });

  test('GIVEN a RESOURCE claim with scopes THEN it is true and the scopes condition limits it; an IDENTITY claim with scopes stays false', () => {
    const claims = claimsOf([
      groups,
      { name: 'email', claimType: 'RESOURCE', valueType: 'EXPRESSION', value: 'user.email', scopes: ['me:read'] },
      { name: 'nick', claimType: 'IDENTITY', valueType: 'EXPRESSION', value: 'user.nickName', scopes: ['me:read'] },
    ]);
    const byName = Object.fromEntries(claims.map((c) => [c.name, c]));
    expect(byName.email).toMatchObject({ always_include_in_token: true, scopes: ['me:read'] });
    expect(byName.groups.always_include_in_token).toBe(true);
    expect(byName.nick.always_include_in_token).toBe(false);
  });
});
