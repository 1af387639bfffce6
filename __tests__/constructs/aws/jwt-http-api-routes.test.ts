/**
 * JwtHttpApi as a library construct: the authorizer's name is a prop, and routes are added one by one
 * with addRoute (the constructor's routes take the same path), each checked like the constructor's.
 */
import { Testing, TerraformStack } from 'cdktf';
import { JwtHttpApi, type JwtHttpApiProps, type JwtRoute, type LambdaTarget } from '../../../constructs';

type Resources = Record<string, Record<string, Record<string, any>>>;

const stack = () => new TerraformStack(Testing.app(), 'test');
const resources = (s: TerraformStack): Resources => JSON.parse(Testing.synth(s)).resource;

const orders: LambdaTarget = { type: 'lambda', key: 'orders', functionName: 'orders-fn', invokeArn: 'arn:orders' };
const ROUTES: readonly JwtRoute[] = [
  { routeKey: 'GET /me', scopes: ['me:read'], target: { type: 'http', url: 'https://backend.example.com/me' } },
  { routeKey: 'GET /orders', scopes: ['orders:read'], target: orders },
  { routeKey: 'POST /orders', scopes: ['orders:write'], target: orders, throttling: { burstLimit: 5, rateLimit: 2 } },
];

const props = (over: Partial<JwtHttpApiProps> = {}): JwtHttpApiProps => ({
  apiName: 'orders-api',
  issuer: 'https://acme.okta.com/oauth2/aus1',
  audience: ['api://acme'],
  knownScopes: ['me:read', 'orders:read', 'orders:write'],
  throttling: { burstLimit: 10, rateLimit: 5 },
  logRetentionDays: 30,
  ...over,
});

describe('JwtHttpApi authorizerName', () => {
  test("GIVEN no authorizerName THEN the authorizer keeps its name 'okta-jwt'", () => {
    const s = stack();
    new JwtHttpApi(s, 'Api', props({ routes: ROUTES }));
    expect(Object.values(resources(s).aws_apigatewayv2_authorizer).map((a) => a.name)).toEqual(['okta-jwt']);
  });

  test('GIVEN an authorizerName THEN it names the authorizer, and apiName does not', () => {
    const s = stack();
    new JwtHttpApi(s, 'Api', props({ routes: ROUTES, authorizerName: 'partner-jwt' }));
    const r = resources(s);
    expect(Object.values(r.aws_apigatewayv2_authorizer).map((a) => a.name)).toEqual(['partner-jwt']);
    expect(Object.values(r.aws_apigatewayv2_api).map((a) => a.name)).toEqual(['orders-api']);
  });

  test('fails for an empty or over-long authorizerName', () => {
    expect(() => new JwtHttpApi(stack(), 'Api', props({ authorizerName: '' }))).toThrow(
      'JwtHttpApi \'orders-api\': authorizerName = "" is invalid: 1 to 128 characters',
    );
    expect(() => new JwtHttpApi(stack(), 'Api', props({ authorizerName: 'a'.repeat(129) }))).toThrow(
      '1 to 128 characters',
    );
  });
});

describe('JwtHttpApi addRoute', () => {
  let viaProps: string;
  let viaAddRoute: string;
  let added: Resources;
  let api: JwtHttpApi;
  beforeAll(() => {
    const a = stack();
    new JwtHttpApi(a, 'Api', props({ routes: ROUTES }));
    viaProps = Testing.synth(a);
    const b = stack();
    api = new JwtHttpApi(b, 'Api', props());
    ROUTES.forEach((r) => api.addRoute(r));
    viaAddRoute = Testing.synth(b);
    added = JSON.parse(viaAddRoute).resource;
  });

  test('GIVEN the same routes added one by one THEN the output equals the constructor-built API', () => {
    expect(viaAddRoute).toEqual(viaProps);
  });

  test('GIVEN added routes THEN each is a JWT route with its scopes, its construct id the route key', () => {
    const routes = added.aws_apigatewayv2_route;
    expect(Object.keys(routes).map((k) => k.replace(/_[0-9A-F]{8}$/, ''))).toEqual(
      expect.arrayContaining(['Api_Routes_GET--me', 'Api_Routes_GET--orders', 'Api_Routes_POST--orders']),
    );
    expect(Object.values(routes).map((r) => [r.route_key, r.authorization_type, r.authorization_scopes])).toEqual(
      expect.arrayContaining([
        ['GET /me', 'JWT', ['me:read']],
        ['GET /orders', 'JWT', ['orders:read']],
        ['POST /orders', 'JWT', ['orders:write']],
      ]),
    );
    expect(Object.keys(api.routes).sort()).toEqual(['GET /me', 'GET /orders', 'POST /orders']);
  });

  test('GIVEN two routes to one Lambda function THEN they share one integration and one permission', () => {
    const integrations = Object.values(added.aws_apigatewayv2_integration);
    expect(integrations.filter((i) => i.integration_uri === 'arn:orders')).toHaveLength(1);
    expect(Object.values(added.aws_lambda_permission).map((p) => p.function_name)).toEqual(['orders-fn']);
  });

  test('GIVEN a throttled route added THEN the stage throttles it and waits for it', () => {
    const stage = Object.values(added.aws_apigatewayv2_stage)[0];
    expect(stage.route_settings).toEqual([
      {
        detailed_metrics_enabled: true,
        route_key: 'POST /orders',
        throttling_burst_limit: 5,
        throttling_rate_limit: 2,
      },
    ]);
    expect(stage.depends_on).toEqual([expect.stringMatching(/^aws_apigatewayv2_route\.Api_Routes_POST--orders_/)]);
  });

  test('fails to add a route key twice, or a scope the issuer does not define', () => {
    const a = new JwtHttpApi(stack(), 'Api', props({ routes: ROUTES }));
    expect(() => a.addRoute(ROUTES[0])).toThrow(
      'JwtHttpApi \'orders-api\': routes.routeKey = "GET /me" is invalid: unique route keys',
    );
    expect(() => a.addRoute({ routeKey: 'GET /x', scopes: ['x:read'], target: orders })).toThrow(
      'routes[GET /x].scopes = "x:read" is invalid: a scope the issuer defines',
    );
  });

  test('fails to add an authorized catch-all under CORS before its public OPTIONS route; accepts it after', () => {
    const cors = { allowOrigins: ['https://app.example.com'], allowMethods: ['GET' as const] };
    const catchAll: JwtRoute = { routeKey: 'ANY /{proxy+}', scopes: ['orders:read'], target: orders };
    const preflight: JwtRoute = {
      routeKey: 'OPTIONS /{proxy+}',
      publicReason: 'CORS preflight carries no token',
      target: orders,
    };
    const a = new JwtHttpApi(stack(), 'Api', props({ cors }));
    expect(() => a.addRoute(catchAll)).toThrow("add a public 'OPTIONS /{proxy+}' route");
    a.addRoute(preflight);
    expect(() => a.addRoute(catchAll)).not.toThrow();
    // In the constructor's list the order does not matter: the list is checked as one set.
    expect(() => new JwtHttpApi(stack(), 'Api', props({ cors, routes: [catchAll, preflight] }))).not.toThrow();
  });
});
