/**
 * OktaAuthorizationServer alone in a test stack: what it synthesizes (server, scopes, claims, policies
 * and rules), the provider's create-time token lifetime rule, and the props it refuses.
 */
import {
  OktaAuthorizationServer,
  alwaysIncludeInToken,
  type OktaAuthorizationServerProps,
} from '../../../constructs/okta/authorization-server';
import { synthConstruct, testStack } from '../../support/construct';
import { ref, resources, type TfJson } from '../../support/tf-json';

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
      rules: [
        {
          name: 'r',
          grantTypes: ['authorization_code'],
          groupIds: ['g'],
          scopes: ['openid', 'me:read'],
          accessTokenLifetimeMinutes: 15,
        },
      ],
    },
  ],
  ...over,
});

let json: TfJson;

beforeAll(() => {
  // GIVEN a server with one scope, one claim and one policy WHEN it is synthesized alone
  json = synthConstruct((stack) => new OktaAuthorizationServer(stack, 'Server', server({})));
});

describe('OktaAuthorizationServer synthesized', () => {
  test('one server with the audience, the org URL as issuer and automatic key rotation', () => {
    const servers = resources(json, 'okta_auth_server');
    expect(servers).toHaveLength(1);
    expect(servers[0][1]).toMatchObject({
      name: 'api',
      audiences: ['api://acme'],
      issuer_mode: 'ORG_URL',
      credentials_rotation_mode: 'AUTO',
    });
  });

  test(
    'the scope and the policy belong to the server; the ' + 'rule grants exactly its scopes with an explicit lifetime',
    () => {
      const [[serverName]] = resources(json, 'okta_auth_server');
      const serverId = ref('okta_auth_server', serverName, 'id');
      expect(resources(json, 'okta_auth_server_scope').map(([, s]) => [s.name, s.auth_server_id])).toEqual([
        ['me:read', serverId],
      ]);
      const [[policyName, policy]] = resources(json, 'okta_auth_server_policy');
      expect(policy).toMatchObject({ auth_server_id: serverId, client_whitelist: ['client'], priority: 1 });
      const rules = resources(json, 'okta_auth_server_policy_rule').map(([, r]) => r);
      expect(rules).toEqual([
        expect.objectContaining({
          policy_id: ref('okta_auth_server_policy', policyName, 'id'),
          priority: 1,
          grant_type_whitelist: ['authorization_code'],
          group_whitelist: ['g'],
          scope_whitelist: ['openid', 'me:read'],
          access_token_lifetime_minutes: 15,
        }),
      ]);
    },
  );
});

describe('OktaAuthorizationServer', () => {
  test('fails for issuer mode DYNAMIC', () => {
    expect(() => new OktaAuthorizationServer(testStack(), 'S', server({ issuerMode: 'DYNAMIC' as never }))).toThrow(
      'issuerMode = "DYNAMIC" is invalid',
    );
  });
  test('fails for a * scope grant', () => {
    const props = server({});
    const bad = {
      ...props,
      policies: [{ ...props.policies[0], rules: [{ ...props.policies[0].rules[0], scopes: ['*'] }] }],
    };
    expect(() => new OktaAuthorizationServer(testStack(), 'S', bad)).toThrow(
      'policies[p].rules[r].scopes = ["*"] is invalid: named scopes; \'*\' would grant every scope',
    );
  });
  test('fails for a policy without clients (it would target every client)', () => {
    const props = server({});
    expect(
      () =>
        new OktaAuthorizationServer(testStack(), 'S', {
          ...props,
          policies: [{ ...props.policies[0], clientIds: [] }],
        }),
    ).toThrow('policies[p].clientIds = [] is invalid');
  });
  test('fails for an access token lifetime outside 5-1440 minutes', () => {
    const props = server({});
    const bad = {
      ...props,
      policies: [
        { ...props.policies[0], rules: [{ ...props.policies[0].rules[0], accessTokenLifetimeMinutes: 2000 }] },
      ],
    };
    expect(() => new OktaAuthorizationServer(testStack(), 'S', bad)).toThrow(
      'accessTokenLifetimeMinutes = 2000 is invalid: 5 to 1440 minutes',
    );
  });
});

describe("OktaAuthorizationServer token lifetimes follow the provider's create-time rule", () => {
  const withRule = (over: Record<string, number>) => () =>
    new OktaAuthorizationServer(
      testStack(),
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
      'policies[p].rules[r].refreshTokenWindowMinutes = 15 is invalid: ' +
        "rule 'r': the refresh token window (15) must lie between",
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
    const claimsJson = synthConstruct((s) => new OktaAuthorizationServer(s, 'Server', server({ claims })));
    return resources(claimsJson, 'okta_auth_server_claim').map(([, c]) => c);
  };
  const groups = { name: 'groups', valueType: 'GROUPS', value: 'API ', groupFilterType: 'STARTS_WITH' } as const;

  // What Okta reports for a claim: a RESOURCE claim always with alwaysIncludeInToken true, set into state
  // as is (resource_okta_auth_server_claim.go:95).
  const readBack = (c: { claim_type: string; always_include_in_token: boolean }) => ({
    ...c,
    always_include_in_token: c.claim_type === 'RESOURCE' ? true : c.always_include_in_token,
  });

  test(
    'fails for the old value: a RESOURCE claim limited by ' + 'scopes written with false differs from its read-back',
    () => {
      const old = { claim_type: 'RESOURCE', always_include_in_token: false };
      expect(readBack(old)).not.toEqual(old);
      const now = {
        claim_type: 'RESOURCE',
        always_include_in_token: alwaysIncludeInToken({ claimType: 'RESOURCE', scopes: ['me:read'] }),
      };
      expect(readBack(now)).toEqual(now);
    },
  );

  test(
    'GIVEN a RESOURCE claim with scopes THEN it is true and the scopes ' +
      'condition limits it; an IDENTITY claim with scopes stays false',
    () => {
      const claims = claimsOf([
        groups,
        { name: 'email', claimType: 'RESOURCE', valueType: 'EXPRESSION', value: 'user.email', scopes: ['me:read'] },
        { name: 'nick', claimType: 'IDENTITY', valueType: 'EXPRESSION', value: 'user.nickName', scopes: ['me:read'] },
      ]);
      const byName = Object.fromEntries(claims.map((c) => [c.name, c]));
      expect(byName.email).toMatchObject({ always_include_in_token: true, scopes: ['me:read'] });
      expect(byName.groups.always_include_in_token).toBe(true);
      expect(byName.nick.always_include_in_token).toBe(false);
    },
  );
});
