import { defineRule, each, on, type RuleFinding } from '../rule';
import { stringList, type TfResource } from '../../synthesized/model';
import { isActive } from '../../synthesized/defaults';
import { SYSTEM_SCOPES } from '../../domain/oauth-clients';
import { issuerServer, rulesOfServer, serverOf, target } from '../../synthesized/facts';

export default defineRule({
  id: 'GW-03',
  name: 'route-scopes-defined-and-granted',
  severity: 'error',
  title: "Every route scope is defined on the authorizer's auth server and granted to an app by an access policy rule",
  why:
    'A scope the server does not define, or that no rule grants, can never be in a token: ' +
    'the route is dead (403 for everyone) and someone will "fix" it by loosening the route.',
  source: 'Okta docs: Create access policies and rules (Authorization servers); OWASP API5:2023',
  fix:
    'Define the scope on the authorization server and add it to an ' +
    'access policy rule whose policy lists the app that calls the route.',
  check: (stack) => {
    const routes = stack.resources('aws_apigatewayv2_route').filter((r) => r.attrs.authorization_type === 'JWT');
    const external = stack.declarations.externalIssuer;
    const checked = routes.flatMap((route) => {
      const authorizer = target(stack, route.attrs.authorizer_id, 'aws_apigatewayv2_authorizer');
      const server = authorizer && issuerServer(stack, authorizer);
      return server || (authorizer && external) ? [{ route, server }] : [];
    });
    // Defined and granted scopes per server, worked out once rather than once per route.
    const byServer = new Map<string, { defined: Set<string>; granted: Set<string> }>();
    const scopesOf = (server: TfResource) => {
      let scopes = byServer.get(server.address);
      if (!scopes) {
        scopes = {
          defined: new Set([
            ...SYSTEM_SCOPES,
            ...stack
              .resources('okta_auth_server_scope')
              .filter((s) => serverOf(stack, s)?.address === server.address)
              .map((s) => String(s.attrs.name)),
          ]),
          granted: new Set(
            rulesOfServer(stack, server)
              .filter(isActive)
              .filter((rule) => {
                const policy = target(stack, rule.attrs.policy_id, 'okta_auth_server_policy');
                return policy !== undefined && isActive(policy) && stringList(policy.attrs.client_whitelist).length > 0;
              })
              .flatMap((rule) => stringList(rule.attrs.scope_whitelist)),
          ),
        };
        byServer.set(server.address, scopes);
      }
      return scopes;
    };
    return each(checked, ({ route, server }) => {
      if (!server) {
        // Gateway-only mode: the scopes the configured external server defines.
        return stringList(route.attrs.authorization_scopes)
          .filter((scope) => !external!.scopes.includes(scope))
          .map((scope) =>
            on(
              route,
              `${String(route.attrs.route_key)} requires scope '${scope}', ` +
                `which the configured external issuer does not define`,
            ),
          );
      }
      const { defined, granted } = scopesOf(server);
      const findings: RuleFinding[] = [];
      for (const scope of stringList(route.attrs.authorization_scopes)) {
        if (!defined.has(scope))
          findings.push(
            on(
              route,
              `${String(route.attrs.route_key)} requires scope '${scope}', which ${server.address} does not define`,
            ),
          );
        else if (!granted.has(scope))
          findings.push(
            on(
              route,
              `${String(route.attrs.route_key)} requires scope '${scope}', which ` +
                `no active access policy rule of ${server.address} grants to an app`,
            ),
          );
      }
      return findings;
    });
  },
});
