import { Construct } from 'constructs';
import { Token } from 'cdktf';
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
  readonly type: 'lambda';
  /** Stable key of the function (its integration and permission ids derive from it). */
  readonly key: string;
  readonly functionName: string;
  readonly invokeArn: string;
}

/** An HTTPS backend the API proxies to. */
export interface HttpTarget {
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
  /** Any one of these scopes suffices (API Gateway ORs them). Required unless the route is public. */
  readonly scopes?: readonly string[];
  /** Declares the route unauthenticated (authorization NONE); the reason is kept for reviewers. @default - protected */
  readonly publicReason?: string;
  readonly target: LambdaTarget | HttpTarget;
  /** Overrides the stage's default throttling for this route. @default - the stage default */
  readonly throttling?: Throttling;
}

export interface JwtCors {
  /** Explicit origins; never `*`. */
  readonly allowOrigins: readonly string[];
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
  /** API name (also names the log group and authorizer). */
  readonly apiName: string;
  /** @default '' */
  readonly description?: string;
  /** Token issuer the authorizer trusts, exactly (https, no trailing slash); pass the auth server's reference. */
  readonly issuer: string;
  /** Accepted `aud` values: the auth server's audience, never an app client_id. */
  readonly audience: readonly string[];
  /** Scopes the issuer defines; when given, every route scope must be one of them. @default - not checked */
  readonly knownScopes?: readonly string[];
  readonly routes: readonly JwtRoute[];
  /** @default - CORS disabled */
  readonly cors?: JwtCors;
  /** Default throttling for every route of the stage. */
  readonly throttling: Throttling;
  /** Retention of the access-log group (a value CloudWatch accepts). */
  readonly logRetentionDays: number;
  /** KMS key for the access-log group. @default - CloudWatch's own encryption */
  readonly logKmsKeyArn?: string;
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

/**
 * An API Gateway HTTP API whose JWT authorizer trusts exactly one issuer and audience. Every route
 * requires a scope (which keeps ID tokens out) unless it is declared public with a reason; the
 * `$default` stage auto-deploys, throttles every route and writes JSON access logs that include the
 * authorizer's error and the caller's sub and cid.
 */
export class JwtHttpApi extends Construct {
  readonly api: Apigatewayv2Api;
  readonly authorizer: Apigatewayv2Authorizer;
  readonly stage: Apigatewayv2Stage;
  readonly accessLogGroup: CloudwatchLogGroup;
  /** Routes by route key. */
  readonly routes: Readonly<Record<string, Apigatewayv2Route>>;
  /** The invoke URL of the `$default` stage. */
  readonly apiEndpoint: string;
  readonly executionArn: string;

  constructor(scope: Construct, id: string, props: JwtHttpApiProps) {
    super(scope, id);
    validate(props);
    const lifecycle = props.protect ? { preventDestroy: true } : undefined;
    const cors = props.cors;

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

    this.authorizer = new Apigatewayv2Authorizer(this, 'Authorizer', {
      apiId: this.api.id,
      name: 'okta-jwt',
      authorizerType: 'JWT',
      identitySources: ['$request.header.Authorization'],
      jwtConfiguration: { issuer: props.issuer, audience: [...props.audience] },
    });

    // One integration per Lambda function (with one permission scoped to this API), one per HTTP route.
    const integrations = new Construct(this, 'Integrations');
    const permissions = new Construct(this, 'Permissions');
    const lambdaIntegrations: Record<string, Apigatewayv2Integration> = {};
    const integrationFor = (route: JwtRoute): Apigatewayv2Integration => {
      const t = route.target;
      if (t.type === 'lambda') {
        if (!lambdaIntegrations[t.key]) {
          lambdaIntegrations[t.key] = new Apigatewayv2Integration(integrations, t.key, {
            apiId: this.api.id,
            integrationType: 'AWS_PROXY',
            integrationUri: t.invokeArn,
            integrationMethod: 'POST',
            payloadFormatVersion: '2.0',
            timeoutMilliseconds: 29000,
          });
          new LambdaPermission(permissions, t.key, {
            statementId: 'AllowInvokeFromHttpApi',
            action: 'lambda:InvokeFunction',
            functionName: t.functionName,
            principal: 'apigateway.amazonaws.com',
            sourceArn: `${this.api.executionArn}/*/*`,
          });
        }
        return lambdaIntegrations[t.key];
      }
      return new Apigatewayv2Integration(integrations, route.routeKey, {
        apiId: this.api.id,
        integrationType: 'HTTP_PROXY',
        integrationUri: t.url,
        integrationMethod: t.method ?? 'ANY',
        payloadFormatVersion: '1.0',
        timeoutMilliseconds: t.timeoutMilliseconds ?? 10000,
      });
    };

    const routeParent = new Construct(this, 'Routes');
    const routes: Record<string, Apigatewayv2Route> = {};
    for (const r of props.routes) {
      const integration = integrationFor(r);
      const isPublic = r.publicReason !== undefined;
      routes[r.routeKey] = new Apigatewayv2Route(routeParent, r.routeKey, {
        apiId: this.api.id,
        routeKey: r.routeKey,
        target: `integrations/${integration.id}`,
        authorizationType: isPublic ? 'NONE' : 'JWT',
        authorizerId: isPublic ? undefined : this.authorizer.id,
        authorizationScopes: isPublic ? undefined : [...(r.scopes ?? [])],
      });
    }
    this.routes = routes;

    this.accessLogGroup = new CloudwatchLogGroup(this, 'AccessLogs', {
      name: `/aws/apigateway/${props.apiName}/access`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logKmsKeyArn,
      lifecycle,
    });

    const overridden = props.routes.filter((r) => r.throttling);
    this.stage = new Apigatewayv2Stage(this, 'Stage', {
      apiId: this.api.id,
      name: '$default',
      autoDeploy: true,
      accessLogSettings: {
        destinationArn: this.accessLogGroup.arn,
        format: JSON.stringify(ACCESS_LOG_FORMAT),
      },
      defaultRouteSettings: {
        throttlingBurstLimit: props.throttling.burstLimit,
        throttlingRateLimit: props.throttling.rateLimit,
        detailedMetricsEnabled: true,
      },
      routeSettings: overridden.map((r) => ({
        routeKey: r.routeKey,
        throttlingBurstLimit: r.throttling!.burstLimit,
        throttlingRateLimit: r.throttling!.rateLimit,
        detailedMetricsEnabled: true,
      })),
      // route_settings name route keys, which must exist first.
      dependsOn: overridden.map((r) => routes[r.routeKey]),
    });
    this.apiEndpoint = this.stage.invokeUrl;
  }
}

function validate(props: JwtHttpApiProps): void {
  const fail = (prop: string, value: unknown, allowed: string) => {
    throw new Error(`JwtHttpApi '${props.apiName}': ${prop} = ${JSON.stringify(value)} is invalid: ${allowed}`);
  };
  if (!Token.isUnresolved(props.issuer)) {
    if (!props.issuer.startsWith('https://') || props.issuer.endsWith('/')) {
      fail('issuer', props.issuer, 'https and no trailing slash (API Gateway compares iss exactly)');
    }
  }
  if (!Token.isUnresolved(props.audience) && props.audience.length === 0) fail('audience', props.audience, 'at least one audience');
  if (props.routes.length === 0) fail('routes', [], 'at least one route');
  const seen = new Set<string>();
  for (const r of props.routes) {
    if (!ROUTE_KEY.test(r.routeKey)) fail('routes.routeKey', r.routeKey, "'$default' or 'METHOD /path'");
    if (seen.has(r.routeKey)) fail('routes.routeKey', r.routeKey, 'unique route keys');
    seen.add(r.routeKey);
    const scopes = r.scopes ?? [];
    if (r.publicReason !== undefined) {
      if (!isReasonEnough(r.publicReason)) fail(`routes[${r.routeKey}].publicReason`, r.publicReason, REASON_ALLOWED);
      if (scopes.length > 0) fail(`routes[${r.routeKey}].scopes`, scopes, 'none on a public route');
    } else {
      if (scopes.length === 0) fail(`routes[${r.routeKey}].scopes`, scopes, 'at least one scope (without one, ID tokens pass)');
      for (const s of scopes) {
        if (s === '*') fail(`routes[${r.routeKey}].scopes`, s, 'a named scope');
        if (props.knownScopes && !props.knownScopes.includes(s)) fail(`routes[${r.routeKey}].scopes`, s, `a scope the issuer defines: ${props.knownScopes.join(', ')}`);
      }
    }
    if (r.target.type === 'http' && !Token.isUnresolved(r.target.url) && !r.target.url.startsWith('https://')) {
      fail(`routes[${r.routeKey}].target.url`, r.target.url, 'https');
    }
  }
  const cors = props.cors;
  if (cors) {
    if (cors.allowOrigins.includes('*')) fail('cors.allowOrigins', cors.allowOrigins, cors.allowCredentials ? "explicit origins ('*' with credentials is refused by browsers and unsafe)" : 'explicit origins');
    for (const { routeKey, path } of swallowedPreflights(props.routes.map((r) => ({ routeKey: r.routeKey, isPublic: r.publicReason !== undefined })))) {
      fail('routes.routeKey', routeKey, `with CORS enabled, an authorized catch-all swallows the preflight: add a public 'OPTIONS ${path}' route or list methods`);
    }
  }
  const checkThrottle = (where: string, t: Throttling) => {
    if (t.burstLimit < 1 || t.rateLimit < 1) fail(where, t, 'positive burst and rate limits');
  };
  checkThrottle('throttling', props.throttling);
  props.routes.forEach((r) => r.throttling && checkThrottle(`routes[${r.routeKey}].throttling`, r.throttling));
}
