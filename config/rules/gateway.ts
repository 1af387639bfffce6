/**
 * The gateway: route keys once, a route either public or requiring a declared scope, CORS origins listed and
 * never swallowed by an authorized catch-all, prod access logs encrypted and kept a year.
 */
import { originProblem } from '../../domain/oauth-clients';
import { routePathProblem, swallowedPreflights } from '../../domain/route-keys';
import type { EnvironmentConfig } from '../schema';
import { duplicates, type Path, type Report } from './rule';
import { declaredScopes } from './scopes';

export function gatewayRules(c: EnvironmentConfig, report: Report): void {
  routeRules(c, report);
  if (c.gateway.cors) corsRules(c, report);
  if (c.environment === 'prod' && !c.gateway.logKmsKeyArn) {
    report(['gateway', 'logKmsKeyArn'], 'prod access logs must be encrypted with a KMS key');
  }
  if (c.environment === 'prod' && c.gateway.logRetentionDays < 365) {
    report(['gateway', 'logRetentionDays'], 'prod keeps access logs at least 365 days');
  }
}

function routeRules(c: EnvironmentConfig, report: Report): void {
  const scopeNames = declaredScopes(c);
  const keys = c.gateway.routes.map((r) => r.routeKey);
  duplicates(keys).forEach((i) => report(['gateway', 'routes', i, 'routeKey'], 'route keys must be unique'));
  c.gateway.routes.forEach((route, i) => {
    const path: Path = ['gateway', 'routes', i];
    const normalised = routePathProblem(route.routeKey);
    if (normalised) report([...path, 'routeKey'], normalised);
    if (route.public && route.scopes.length > 0) {
      report([...path, 'scopes'], 'a public route cannot require scopes: remove public or the scopes');
    }
    if (!route.public && route.scopes.length === 0) {
      report(
        [...path, 'scopes'],
        'a protected route requires at least one scope (that keeps ID tokens out); or declare it public with a reason',
      );
    }
    route.scopes.forEach((s, j) => {
      if (!scopeNames.includes(s)) {
        report(
          [...path, 'scopes', j],
          `the authorization server defines no such scope; defined: ${scopeNames.join(', ')}`,
        );
      }
    });
  });
}

function corsRules(c: EnvironmentConfig, report: Report): void {
  const cors = c.gateway.cors!;
  cors.allowOrigins.forEach((o, i) => {
    if (o === '*') {
      report(
        ['gateway', 'cors', 'allowOrigins', i],
        cors.allowCredentials
          ? "'*' cannot be combined with allowCredentials: list the origins"
          : "'*' is not allowed: list the origins explicitly",
      );
    } else {
      const why = originProblem(o, c.environment === 'dev');
      if (why) report(['gateway', 'cors', 'allowOrigins', i], why);
    }
  });
  // An authorized catch-all swallows the CORS preflight unless OPTIONS has its own public route.
  const swallowed = swallowedPreflights(
    c.gateway.routes.map((r) => ({ routeKey: r.routeKey, isPublic: r.public !== undefined })),
  );
  for (const { routeKey, path } of swallowed) {
    const i = c.gateway.routes.findIndex((r) => r.routeKey === routeKey);
    report(
      ['gateway', 'routes', i, 'routeKey'],
      `with CORS enabled an authorized ${routeKey === '$default' ? '$default' : 'ANY'} route swallows ` +
        `the browser preflight (401); add a public 'OPTIONS ${path}' route or list methods explicitly`,
    );
  }
}
