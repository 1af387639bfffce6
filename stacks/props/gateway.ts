/**
 * Config to the AWS gateway constructs: each Lambda handler and the HTTP API with its JWT authorizer,
 * routes, CORS, throttling and access logs.
 */
import { join } from 'node:path';
import type { EnvironmentConfig, RouteConfig } from '../../config/schema';
import type { HandlerFunctionProps } from '../../constructs/aws/handler-function';
import type { JwtHttpApiProps, JwtRoute, LambdaTarget } from '../../constructs/aws/jwt-http-api';
import { partitionOf } from '../../domain/aws';

/** Where the repository's Lambda handlers live. */
const HANDLERS_DIR = join(__dirname, '..', '..', 'lambda');

type HandlerName = Extract<RouteConfig['integration'], { type: 'lambda' }>['handler'];

/** One Lambda handler of the repository, named after the API; its logs kept like the access logs. */
export function handlerFunctionProps(config: EnvironmentConfig, name: HandlerName): HandlerFunctionProps {
  return {
    functionName: `${config.gateway.apiName}-${name}`,
    sourceDir: join(HANDLERS_DIR, name),
    logRetentionDays: config.gateway.logRetentionDays,
    logKmsKeyArn: config.gateway.logKmsKeyArn,
    partition: partitionOf(config.aws.region),
  };
}

/** The authorization server the gateway trusts: its issuer, audience and the scopes it defines. */
export interface GatewayTrust {
  readonly issuer: string;
  readonly audience: string[];
  readonly knownScopes: readonly string[];
}

/** The HTTP API; `handler` gives the Lambda function behind a route (created on first use). */
export function jwtHttpApiProps(
  config: EnvironmentConfig,
  trust: GatewayTrust,
  handler: (name: HandlerName) => Omit<LambdaTarget, 'type' | 'key'>,
): JwtHttpApiProps {
  const gateway = config.gateway;
  return {
    apiName: gateway.apiName,
    description: gateway.description,
    issuer: trust.issuer,
    audience: trust.audience,
    knownScopes: trust.knownScopes,
    routes: gateway.routes.map((r) => jwtRoute(r, handler)),
    cors: gateway.cors,
    throttling: gateway.throttling,
    logRetentionDays: gateway.logRetentionDays,
    logKmsKeyArn: gateway.logKmsKeyArn,
    protect: config.protect,
  };
}

function jwtRoute(r: RouteConfig, handler: (name: HandlerName) => Omit<LambdaTarget, 'type' | 'key'>): JwtRoute {
  const i = r.integration;
  return {
    routeKey: r.routeKey,
    scopes: r.scopes,
    publicReason: r.public?.reason,
    throttling: r.throttling,
    target:
      i.type === 'lambda'
        ? { type: 'lambda', key: i.handler, ...handler(i.handler) }
        : { type: 'http', url: i.url, method: i.method, timeoutMilliseconds: i.timeoutMilliseconds },
  };
}
