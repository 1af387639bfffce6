import { defineRule, each, on } from '../rule';
import { str } from '../../synthesized/facts';
import { authorizationTypeOf } from '../../synthesized/defaults';
import { isReasonEnough } from '../../domain/bounds';

export default defineRule({
  id: 'GW-01',
  name: 'route-has-authorization',
  severity: 'error',
  title: 'Every route has JWT authorization, or is declared public with a reason',
  why:
    'A route without an authorizer answers anyone on the internet; an ' +
    'undeclared one is usually a forgotten authorizer, not a decision.',
  source: 'OWASP API2:2023 Broken Authentication; CKV_AWS_309',
  fix:
    'Give the route scopes (it then gets the JWT authorizer), or ' +
    "declare it `public: { reason }` in the environment's config.",
  check: (stack) =>
    each(stack.resources('aws_apigatewayv2_route'), (route) => {
      const type = authorizationTypeOf(route);
      const key = str(route.attrs.route_key) ?? '';
      if (type === 'JWT')
        return route.attrs.authorizer_id
          ? undefined
          : on(route, `${key}: authorization_type JWT without an authorizer_id`);
      if (type !== 'NONE') return undefined;
      const reason = stack.declarations.publicRoutes[key];
      if (reason !== undefined && isReasonEnough(reason)) return undefined;
      return on(route, `${key} has no authorization and is not declared public with a reason`);
    }),
});
