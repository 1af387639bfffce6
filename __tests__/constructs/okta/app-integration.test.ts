/**
 * OktaAppIntegration alone in a test stack: what an SPA synthesizes (a public client with PKCE and one
 * complete group assignment), and the props it refuses.
 */
import { OktaAppIntegration, type OktaAppIntegrationProps } from '../../../constructs/okta/app-integration';
import { synthConstruct, testStack } from '../../support/construct';
import { ref, resources, type TfJson } from '../../support/tf-json';

const spa = (over: Partial<OktaAppIntegrationProps>): OktaAppIntegrationProps => ({
  label: 'SPA',
  kind: 'spa',
  grantTypes: ['authorization_code'],
  redirectUris: ['https://app.example.com/cb'],
  groupIds: ['g'],
  ...over,
});

let json: TfJson;

beforeAll(() => {
  // GIVEN a minimal SPA WHEN it is synthesized alone
  json = synthConstruct((stack) => new OktaAppIntegration(stack, 'A', spa({})));
});

describe('OktaAppIntegration synthesized', () => {
  test('an SPA is a browser client with no client authentication, PKCE and the code flow only', () => {
    const apps = resources(json, 'okta_app_oauth');
    expect(apps).toHaveLength(1);
    expect(apps[0][1]).toMatchObject({
      label: 'SPA',
      type: 'browser',
      token_endpoint_auth_method: 'none',
      pkce_required: true,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: ['https://app.example.com/cb'],
    });
  });

  test('its groups are assigned in one complete okta_app_group_assignments', () => {
    const [[appName]] = resources(json, 'okta_app_oauth');
    const assignments = resources(json, 'okta_app_group_assignments').map(([, a]) => a);
    expect(assignments).toEqual([{ app_id: ref('okta_app_oauth', appName, 'id'), group: [{ id: 'g', priority: 1 }] }]);
  });
});

describe('OktaAppIntegration', () => {
  test('fails for a wildcard redirect URI', () => {
    expect(() => new OktaAppIntegration(testStack(), 'A', spa({ redirectUris: ['https://*.example.com/cb'] }))).toThrow(
      'OktaAppIntegration \'SPA\': redirectUris = "https://*.example.com/cb" ' +
        'is invalid: wildcards are not allowed in redirect URIs',
    );
  });
  test('fails for http loopback unless allowed', () => {
    expect(() => new OktaAppIntegration(testStack(), 'A', spa({ redirectUris: ['http://localhost:3000/cb'] }))).toThrow(
      'is invalid: http is allowed only for loopback redirect URIs, and only in development; use https',
    );
    expect(
      () =>
        new OktaAppIntegration(
          testStack(),
          'A',
          spa({ redirectUris: ['http://localhost:3000/cb'], allowLoopbackRedirects: true }),
        ),
    ).not.toThrow();
  });
  test('fails for a service app asking for authorization_code', () => {
    expect(
      () =>
        new OktaAppIntegration(testStack(), 'A', {
          label: 'Job',
          kind: 'service',
          grantTypes: ['authorization_code'],
          jwks: [{ kty: 'RSA', kid: 'k', e: 'AQAB', n: 'x' }],
        }),
    ).toThrow(
      'OktaAppIntegration \'Job\': grantTypes = "authorization_code" ' +
        'is invalid: a service app may use client_credentials',
    );
  });
  test('fails for a service app without a public key', () => {
    expect(
      () =>
        new OktaAppIntegration(testStack(), 'A', { label: 'Job', kind: 'service', grantTypes: ['client_credentials'] }),
    ).toThrow('jwks = [] is invalid: a public key for private_key_jwt');
  });
});
