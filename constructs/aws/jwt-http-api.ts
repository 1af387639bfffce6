import { Construct } from 'constructs';
import { Token, dependable } from 'cdktf';
import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { Apigatewayv2Authorizer } from '@cdktf/provider-aws/lib/apigatewayv2-authorizer';
import { Apigatewayv2Integration } from '@cdktf/provider-aws/lib/apigatewayv2-integration';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { ROUTE_KEY, swallowedPreflights } from '../../domain/route-keys';
import { isReasonEnough, REASON_ALLOWED } from '../../domain/bounds';

export { ROUTE_KEY, swallowedPreflights };

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'ANY';

export interface Throttling {
  /** Maximum concurrent burst of requests. */
  readonly burstLimit: number;
  /** Steady-state requests per second. */
  readonly rateLimit: number;
}

/** A Lambda function the API proxies to (payload format 2.0). */
export interface LambdaTarget {
  /** Discriminates the target kind. */
  readonly type: 'lambda';
  /** Stable key of the function (its integration and permission ids derive from it). */
  readonly key: string;
  /** The function's name, which the invoke permission names. */
  readonly functionName: string;
  /** The function's invoke ARN, the integration's URI. */
  readonly invokeArn: string;
}

/** An HTTPS backend the API proxies to. */
export interface HttpTarget {
  /** Discriminates the target kind. */
  readonly type: 'http';
  /** https URL; may use the route's path parameters, e.g. https://backend/orders/{orderId}. */
  readonly url: string;
  /** @default 'ANY' */
  readonly method?: HttpMethod;
  /** @default 10000 */
  readonly timeoutMilliseconds?: number;
}

export interface JwtRoute {
  /** `METHOD /path` or `$default`; it is the route's construct id. */
  readonly routeKey: string;
  /** Any one of these scopes suffices (API Gateway ORs them). @default - none: allowed only on a public route */
  readonly scopes?: readonly string[];
  /** Declares the route unauthenticated (authorization NONE); the reason is kept for reviewers. @default - protected */
  readonly publicReason?: string;
  /** Where the route's requests go. */
  readonly target: LambdaTarget | HttpTarget;
  /** Overrides the stage's default throttling for this route. @default - the stage default */
  readonly throttling?: Throttling;
}

export interface JwtCors {
  /** Explicit origins; never `*`. */
  readonly allowOrigins: readonly string[];
  /** Methods browsers may use cross-origin. */
  readonly allowMethods: readonly HttpMethod[];
  /** @default ['authorization', 'content-type'] */
  readonly allowHeaders?: readonly string[];
  /** @default [] */
  readonly exposeHeaders?: readonly string[];
  /** @default false */
  readonly allowCredentials?: boolean;
  /** @default 600 */
  readonly maxAgeSeconds?: number;
}

export interface JwtHttpApiProps {
  /** API name; also names the access-log group (`/aws/apigateway/<apiName>/access`). */
  readonly apiName: string;
  /** Name of the JWT authorizer, 1 to 128 characters. @default 'okta-jwt' */
  readonly authorizerName?: string;
  /** @default '' */
  readonly description?: string;
  /** Token issuer the authorizer trusts, exactly (https, no trailing slash); pass the auth server's reference. */
  readonly issuer: string;
  /** Accepted `aud` values: the auth server's audience, never an app client_id. */
  readonly audience: readonly string[];
  /** Scopes the issuer defines; when given, every route scope must be one of them. @default - not checked */
  readonly knownScopes?: readonly string[];
  /** Routes created with the API (more can be added with `addRoute`); validated as one set. @default [] */
  readonly routes?: readonly JwtRoute[];
  /** @default - CORS disabled */
  readonly cors?: JwtCors;
  /** Default throttling for every route of the stage. */
  readonly throttling: Throttling;
  /** Retention of the access-log group (a value CloudWatch accepts). */
  readonly logRetentionDays: number;
  /** KMS key for the access-log group. @default - CloudWatch's own encryption */
  readonly logKmsKeyArn?: string;
  /** The JSON access-log record: field name to `$context` variable. @default ACCESS_LOG_FORMAT */
  readonly accessLogFormat?: Readonly<Record<string, string>>;
  /** Adds prevent_destroy to the API and its access-log group. @default false */
  readonly protect?: boolean;
}

/** The access-log record: one JSON object per request, including why authorization failed. */
export const ACCESS_LOG_FORMAT: Readonly<Record<string, string>> = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  sub: '$context.authorizer.claims.sub',
  cid: '$context.authorizer.claims.cid',
};

/** An HTTP API stage that writes JSON access logs: what monitoring (AuditTrail) needs of an API. */
export interface IAccessLoggedHttpApi {
  /** The API id (reference). */
  readonly apiId: string;
  /** The stage whose metrics and access logs are read (reference). */
  readonly stageName: string;
  /** The access-log group's name (reference). */
  readonly accessLogGroupName: string;
  /** The JSON access-log record the stage writes: field name to `$context` variable. */
  readonly accessLogFormat: Readonly<Record<string, string>>;
}

/**
 * The field of an access-log record that carries a `$context` variable, e.g. `status` for
 * `$context.status`; undefined when the record does not log it.
 */
export function accessLogField(format: Readonly<Record<string, string>>, variable: string): string | undefined {
  return Object.keys(format).find((field) => format[field] === variable);
}

/**
 * An API Gateway HTTP API whose JWT authorizer trusts exactly one issuer and audience. Every route
 * requires a scope (which keeps ID tokens out) unless it is declared public with a reason; the
 * `$default` stage auto-deploys, throttles every route and writes JSON access logs that include the
 * authorizer's error and the caller's sub and cid.
 */
export class JwtHttpApi extends Construct implements IAccessLoggedHttpApi {
  /** The aws_apigatewayv2_api. */
  readonly api: Apigatewayv2Api;
  /** The JWT authorizer every protected route uses. */
  readonly authorizer: Apigatewayv2Authorizer;
  /** The `$default` stage. */
  readonly stage: Apigatewayv2Stage;
  /** The stage's access-log group. */
  readonly accessLogGroup: CloudwatchLogGroup;
  /** Routes by route key (including those added later with `addRoute`). */
  readonly routes: Readonly<Record<string, Apigatewayv2Route>>;
  /** The invoke URL of the `$default` stage. */
  readonly apiEndpoint: string;
  /** The API's execution ARN (reference), for invoke permissions. */
  readonly executionArn: string;
  /** The API id (reference). */
  readonly apiId: string;
  /** The stage's name (reference). */
  readonly stageName: string;
  /** The access-log group's name (reference). */
  readonly accessLogGroupName: string;
  /** The JSON access-log record the stage writes. */
  readonly accessLogFormat: Readonly<Record<string, string>>;
  private readonly props: JwtHttpApiProps;
  private readonly routeSpecs: JwtRoute[] = [];
  /** The constructor's routes not added yet: checked with the added ones, so their order does not matter. */
  private pendingRoutes: readonly JwtRoute[];
  private readonly integrations: Construct;
  private readonly permissions: Construct;
  private readonly routeParent: Construct;
  private readonly lambdaIntegrations: Record<string, Apigatewayv2Integration> = {};
  private readonly routeById: Record<string, Apigatewayv2Route> = {};

  constructor(scope: Construct, id: string, props: JwtHttpApiProps) {
    super(scope, id);
    validate(props);
    this.props = props;
    const lifecycle = props.protect ? { preventDestroy: true } : undefined;
    const cors = props.cors;
    this.accessLogFormat = props.accessLogFormat ?? ACCESS_LOG_FORMAT;

    this.api = new Apigatewayv2Api(this, 'Resource', {
      name: props.apiName,
      description: props.description ?? '',
      protocolType: 'HTTP',
      corsConfiguration: cors
        ? {
            allowOrigins: [...cors.allowOrigins],
            allowMethods: [...cors.allowMethods],
            allowHeaders: [...(cors.allowHeaders ?? ['authorization', 'content-type'])],
            exposeHeaders: [...(cors.exposeHeaders ?? [])],
            allowCredentials: cors.allowCredentials ?? false,
            maxAge: cors.maxAgeSeconds ?? 600,
          }
        : undefined,
      lifecycle,
    });
    this.executionArn = this.api.executionArn;
    this.apiId = this.api.id;

    this.authorizer = new Apigatewayv2Authorizer(this, 'Authorizer', {
      apiId: this.api.id,
      name: props.authorizerName ?? 'okta-jwt',
      authorizerType: 'JWT',
      identitySources: ['$request.header.Authorization'],
      jwtConfiguration: { issuer: props.issuer, audience: [...props.audience] },
    });

    // One integration per Lambda function (with one permission scoped to this API), one per HTTP route.
    this.integrations = new Construct(this, 'Integrations');
    this.permissions = new Construct(this, 'Permissions');
    this.routeParent = new Construct(this, 'Routes');
    this.routes = this.routeById;

    this.accessLogGroup = new CloudwatchLogGroup(this, 'AccessLogs', {
      name: `/aws/apigateway/${props.apiName}/access`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logKmsKeyArn,
      lifecycle,
    });
    this.accessLogGroupName = this.accessLogGroup.name;

    // Routes with their own throttling are added to route_settings (and depends_on) by addRoute.
    this.stage = new Apigatewayv2Stage(this, 'Stage', {
      apiId: this.api.id,
      name: '$default',
      autoDeploy: true,
      accessLogSettings: {
        destinationArn: this.accessLogGroup.arn,
        format: JSON.stringify(this.accessLogFormat),
      },
      defaultRouteSettings: {
        throttlingBurstLimit: props.throttling.burstLimit,
        throttlingRateLimit: props.throttling.rateLimit,
        detailedMetricsEnabled: true,
      },
      routeSettings: [],
      dependsOn: [],
    });
    this.stageName = this.stage.name;
    this.apiEndpoint = this.stage.invokeUrl;

    this.pendingRoutes = props.routes ?? [];
    for (const route of props.routes ?? []) this.addRoute(route);
    this.pendingRoutes = [];
  }

  /**
   * Adds a route (its construct id is the route key) with its integration, and its throttling to the stage.
   * The route is checked like the constructor's: with CORS, add a public `OPTIONS` route before the
   * authorized catch-all it serves.
   */
  addRoute(route: JwtRoute): Apigatewayv2Route {
    const fail = failFor(this.props.apiName);
    if (this.routeById[route.routeKey]) fail('routes.routeKey', route.routeKey, 'unique route keys');
    validateRoute(this.props, route);
    const pending = this.pendingRoutes.filter((r) => r !== route && !this.routeById[r.routeKey]);
    if (this.props.cors) checkPreflights(this.props.apiName, [...this.routeSpecs, route, ...pending]);

    const integration = this.integrationFor(route);
    const isPublic = route.publicReason !== undefined;
    const resource = new Apigatewayv2Route(this.routeParent, route.routeKey, {
      apiId: this.api.id,
      routeKey: route.routeKey,
      target: `integrations/${integration.id}`,
      authorizationType: isPublic ? 'NONE' : 'JWT',
      authorizerId: isPublic ? undefined : this.authorizer.id,
      authorizationScopes: isPublic ? undefined : [...(route.scopes ?? [])],
    });
    this.routeById[route.routeKey] = resource;
    this.routeSpecs.push(route);
    if (route.throttling) {
      // route_settings name route keys, which must exist first.
      this.stage.dependsOn = [...(this.stage.dependsOn ?? []), dependable(resource)];
      this.stage.putRouteSettings(
        this.routeSpecs.flatMap((r) =>
          r.throttling
            ? [
                {
                  routeKey: r.routeKey,
                  throttlingBurstLimit: r.throttling.burstLimit,
                  throttlingRateLimit: r.throttling.rateLimit,
                  detailedMetricsEnabled: true,
                },
              ]
            : [],
        ),
      );
    }
    return resource;
  }

  /** The route's integration: one per Lambda function (created with its permission), one per HTTP route. */
  private integrationFor(route: JwtRoute): Apigatewayv2Integration {
    const t = route.target;
    if (t.type === 'http') {
      return new Apigatewayv2Integration(this.integrations, route.routeKey, {
        apiId: this.api.id,
        integrationType: 'HTTP_PROXY',
        integrationUri: t.url,
        integrationMethod: t.method ?? 'ANY',
        payloadFormatVersion: '1.0',
        timeoutMilliseconds: t.timeoutMilliseconds ?? 10000,
      });
    }
    this.lambdaIntegrations[t.key] ??= this.lambdaIntegration(t);
    return this.lambdaIntegrations[t.key];
  }

  private lambdaIntegration(t: LambdaTarget): Apigatewayv2Integration {
    new LambdaPermission(this.permissions, t.key, {
      statementId: 'AllowInvokeFromHttpApi',
      action: 'lambda:InvokeFunction',
      functionName: t.functionName,
      principal: 'apigateway.amazonaws.com',
      sourceArn: `${this.api.executionArn}/*/*`,
    });
    return new Apigatewayv2Integration(this.integrations, t.key, {
      apiId: this.api.id,
      integrationType: 'AWS_PROXY',
      integrationUri: t.invokeArn,
      integrationMethod: 'POST',
      payloadFormatVersion: '2.0',
      timeoutMilliseconds: 29000,
    });
  }
}

type Fail = (prop: string, value: unknown, allowed: string) => never;

function failFor(apiName: string): Fail {
  return (prop, value, allowed) => {
    throw new Error(`JwtHttpApi '${apiName}': ${prop} = ${JSON.stringify(value)} is invalid: ${allowed}`);
  };
}

function validate(props: JwtHttpApiProps): void {
  const fail = failFor(props.apiName);
  if (!Token.isUnresolved(props.issuer)) {
    if (!props.issuer.startsWith('https://') || props.issuer.endsWith('/')) {
      fail('issuer', props.issuer, 'https and no trailing slash (API Gateway compares iss exactly)');
    }
  }
  if (!Token.isUnresolved(props.audience) && props.audience.length === 0) {
    fail('audience', props.audience, 'at least one audience');
  }
  const authorizerName = props.authorizerName;
  if (authorizerName !== undefined && !Token.isUnresolved(authorizerName)) {
    if (authorizerName.length < 1 || authorizerName.length > 128) {
      fail('authorizerName', authorizerName, '1 to 128 characters');
    }
  }
  for (const [field, variable] of Object.entries(props.accessLogFormat ?? {})) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(field)) {
      fail('accessLogFormat', field, 'field names of letters, digits and _ (metric filters and queries name them)');
    }
    if (!variable.startsWith('$context.')) fail(`accessLogFormat.${field}`, variable, 'a $context variable');
  }
  const cors = props.cors;
  if (cors?.allowOrigins.includes('*')) {
    const why = cors.allowCredentials
      ? "explicit origins ('*' with credentials is refused by browsers and unsafe)"
      : 'explicit origins';
    fail('cors.allowOrigins', cors.allowOrigins, why);
  }
  checkThrottling(fail, 'throttling', props.throttling);
}

/** The checks of one route on its own: key grammar, scopes or a public reason, an https target, throttling. */
function validateRoute(props: JwtHttpApiProps, r: JwtRoute): void {
  const fail = failFor(props.apiName);
  const where = `routes[${r.routeKey}]`;
  if (!ROUTE_KEY.test(r.routeKey)) fail('routes.routeKey', r.routeKey, "'$default' or 'METHOD /path'");
  const scopes = r.scopes ?? [];
  if (r.publicReason !== undefined) {
    if (!isReasonEnough(r.publicReason)) {
      fail(`${where}.publicReason`, r.publicReason, REASON_ALLOWED);
    }
    if (scopes.length > 0) fail(`${where}.scopes`, scopes, 'none on a public route');
  } else {
    if (scopes.length === 0) fail(`${where}.scopes`, scopes, 'at least one scope (without one, ID tokens pass)');
    for (const s of scopes) {
      if (s === '*') fail(`${where}.scopes`, s, 'a named scope');
      if (props.knownScopes && !props.knownScopes.includes(s)) {
        fail(`${where}.scopes`, s, `a scope the issuer defines: ${props.knownScopes.join(', ')}`);
      }
    }
  }
  if (r.target.type === 'http' && !Token.isUnresolved(r.target.url) && !r.target.url.startsWith('https://')) {
    fail(`${where}.target.url`, r.target.url, 'https');
  }
  if (r.throttling) checkThrottling(fail, `${where}.throttling`, r.throttling);
}

/** With CORS enabled, no authorized catch-all may swallow the browser's preflight. */
function checkPreflights(apiName: string, routes: readonly JwtRoute[]): void {
  const keys = routes.map((r) => ({ routeKey: r.routeKey, isPublic: r.publicReason !== undefined }));
  for (const { routeKey, path } of swallowedPreflights(keys)) {
    const allowed =
      'with CORS enabled, an authorized catch-all swallows the preflight: ' +
      `add a public 'OPTIONS ${path}' route or list methods`;
    failFor(apiName)('routes.routeKey', routeKey, allowed);
  }
}

function checkThrottling(fail: Fail, where: string, t: Throttling): void {
  if (t.burstLimit < 1 || t.rateLimit < 1) fail(where, t, 'positive burst and rate limits');
}
