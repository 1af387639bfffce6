/**
 * JwtHttpApi alone in a test stack: what it synthesizes (API, JWT authorizer, scoped routes, stage with
 * access logs and throttling), and the props it refuses, naming the prop, the value and what is allowed.
 */
import { JwtHttpApi } from '../../../constructs/aws/jwt-http-api';
import { minimalApiProps, synthConstruct, testStack } from '../../support/construct';
import { ref, resources, type TfJson } from '../../support/tf-json';

const api = minimalApiProps;

let json: TfJson;

beforeAll(() => {
  // GIVEN a minimal protected API WHEN it is synthesized alone
  json = synthConstruct((stack) => new JwtHttpApi(stack, 'Api', api({})));
});

describe('JwtHttpApi synthesized', () => {
  test('one HTTP API with a JWT authorizer that trusts exactly the given issuer and audience', () => {
    const [[apiName, httpApi]] = resources(json, 'aws_apigatewayv2_api');
    expect(httpApi).toMatchObject({ name: 'api', protocol_type: 'HTTP' });
    const authorizers = resources(json, 'aws_apigatewayv2_authorizer');
    expect(authorizers).toHaveLength(1);
    expect(authorizers[0][1]).toMatchObject({
      api_id: ref('aws_apigatewayv2_api', apiName, 'id'),
      authorizer_type: 'JWT',
      identity_sources: ['$request.header.Authorization'],
      jwt_configuration: { issuer: 'https://acme.okta.com/oauth2/aus1', audience: ['api://acme'] },
    });
  });

  test('each route requires the JWT authorizer and its scopes, and targets its own integration', () => {
    const [[authorizerName]] = resources(json, 'aws_apigatewayv2_authorizer');
    const [[integrationName, integration]] = resources(json, 'aws_apigatewayv2_integration');
    expect(integration).toMatchObject({
      integration_type: 'HTTP_PROXY',
      integration_uri: 'https://backend.example.com/me',
    });
    const routes = resources(json, 'aws_apigatewayv2_route').map(([, r]) => r);
    expect(routes).toEqual([
      expect.objectContaining({
        route_key: 'GET /me',
        authorization_type: 'JWT',
        authorization_scopes: ['me:read'],
        authorizer_id: ref('aws_apigatewayv2_authorizer', authorizerName, 'id'),
        target: `integrations/${ref('aws_apigatewayv2_integration', integrationName, 'id')}`,
      }),
    ]);
  });

  test('the $default stage auto-deploys, throttles as given and writes JSON access logs to a retained group', () => {
    const [[logName, logs]] = resources(json, 'aws_cloudwatch_log_group');
    expect(logs).toMatchObject({ name: '/aws/apigateway/api/access', retention_in_days: 30 });
    const [[, stage]] = resources(json, 'aws_apigatewayv2_stage');
    expect(stage).toMatchObject({
      name: '$default',
      auto_deploy: true,
      default_route_settings: { throttling_burst_limit: 10, throttling_rate_limit: 5 },
      access_log_settings: { destination_arn: ref('aws_cloudwatch_log_group', logName, 'arn') },
    });
    expect(JSON.parse(stage.access_log_settings.format)).toMatchObject({
      status: '$context.status',
      authorizerError: '$context.authorizer.error',
    });
  });
});

describe('JwtHttpApi', () => {
  test('accepts a minimal protected API', () => {
    expect(() => new JwtHttpApi(testStack(), 'Api', api({}))).not.toThrow();
  });
  test('fails for an issuer with a trailing slash', () => {
    expect(() => new JwtHttpApi(testStack(), 'Api', api({ issuer: 'https://acme.okta.com/oauth2/aus1/' }))).toThrow(
      'JwtHttpApi \'api\': issuer = "https://acme.okta.com/oauth2/aus1/" is invalid: https and no trailing slash',
    );
  });
  test('fails for a greedy {proxy+} segment that is not last', () => {
    const props = api({
      routes: [
        {
          routeKey: 'GET /{proxy+}/items',
          scopes: ['me:read'],
          target: { type: 'http', url: 'https://b.example.com' },
        },
      ],
    });
    expect(() => new JwtHttpApi(testStack(), 'Api', props)).toThrow(
      'routes.routeKey = "GET /{proxy+}/items" is invalid',
    );
  });
  test('fails for a protected route without scopes', () => {
    expect(
      () =>
        new JwtHttpApi(
          testStack(),
          'Api',
          api({ routes: [{ routeKey: 'GET /me', target: { type: 'http', url: 'https://b.example.com' } }] }),
        ),
    ).toThrow('routes[GET /me].scopes = [] is invalid: at least one scope (without one, ID tokens pass)');
  });
  test('fails for a scope the issuer does not define', () => {
    expect(() => new JwtHttpApi(testStack(), 'Api', api({ knownScopes: ['other'] }))).toThrow(
      'routes[GET /me].scopes = "me:read" is invalid: a scope the issuer defines: other',
    );
  });
  test('fails for an authorized $default route with CORS and no public OPTIONS route', () => {
    const props = api({
      cors: { allowOrigins: ['https://app.example.com'], allowMethods: ['GET'] },
      routes: [{ routeKey: '$default', scopes: ['me:read'], target: { type: 'http', url: 'https://b.example.com' } }],
    });
    expect(() => new JwtHttpApi(testStack(), 'Api', props)).toThrow("add a public 'OPTIONS /{proxy+}' route");
  });
  test('a public OPTIONS route keeps the preflight out of the authorized catch-all', () => {
    const props = api({
      cors: { allowOrigins: ['https://app.example.com'], allowMethods: ['GET'] },
      routes: [
        { routeKey: '$default', scopes: ['me:read'], target: { type: 'http', url: 'https://b.example.com' } },
        {
          routeKey: 'OPTIONS /{proxy+}',
          publicReason: 'CORS preflight carries no token',
          target: { type: 'http', url: 'https://b.example.com' },
        },
      ],
    });
    expect(() => new JwtHttpApi(testStack(), 'Api', props)).not.toThrow();
  });
  test('fails for CORS origin *', () => {
    expect(
      () =>
        new JwtHttpApi(
          testStack(),
          'Api',
          api({ cors: { allowOrigins: ['*'], allowMethods: ['GET'], allowCredentials: true } }),
        ),
    ).toThrow('cors.allowOrigins = ["*"] is invalid: explicit origins (\'*\' with credentials');
  });
});
