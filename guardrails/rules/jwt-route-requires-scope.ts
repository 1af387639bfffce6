import { defineRule, each, on } from '../rule';
import { stringList } from '../../synthesized/model';

export default defineRule({
  id: 'GW-02',
  name: 'jwt-route-requires-scope',
  severity: 'error',
  title: 'Every JWT route requires at least one scope',
  why:
    'Without a required scope the authorizer only checks issuer and audience, so ID ' +
    'tokens and tokens minted for other purposes pass. Scopes are what keep ID tokens out.',
  source:
    'AWS docs: HTTP API JWT authorizers (authorizationScopes); OWASP API5:2023 Broken Function Level Authorization',
  fix: 'List the scopes the route needs in its `scopes` (any one suffices).',
  check: (stack) =>
    each(
      stack.resources('aws_apigatewayv2_route').filter((r) => r.attrs.authorization_type === 'JWT'),
      (route) =>
        stringList(route.attrs.authorization_scopes).length === 0
          ? on(route, `${String(route.attrs.route_key)} requires no scope: any valid token (even an ID token) passes`)
          : undefined,
    ),
});
