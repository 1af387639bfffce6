import { defineRule, each, on } from '../rule';
import { attr, type TfResource } from '../../synthesized/model';
import { str } from '../../synthesized/facts';
import { authorizationTypeOf } from '../../synthesized/defaults';
import { swallowedPreflights } from '../../domain/route-keys';

export default defineRule({
  id: 'GW-17',
  name: 'cors-preflight-not-swallowed',
  severity: 'error',
  title: 'With CORS enabled, no authorized ANY or $default route swallows the browser preflight',
  why:
    'Browsers send OPTIONS without the Authorization header: an authorized catch-all ' +
    'answers it with 401 and every browser call fails, while curl tests pass.',
  source: 'AWS docs: Configuring CORS for an HTTP API (authorized ANY routes and preflight)',
  fix: "List methods explicitly, or add a public 'OPTIONS <path>' route for the catch-all.",
  check: (stack) =>
    each(
      stack.resources('aws_apigatewayv2_api').filter((api) => attr(api.attrs, 'cors_configuration') !== undefined),
      (api) => {
        const routes = stack.referrers('aws_apigatewayv2_route', 'api_id', api);
        const key = (r: TfResource) => str(r.attrs.route_key) ?? '';
        const isPublic = (r: TfResource) => authorizationTypeOf(r) === 'NONE';
        const swallowed = new Set(
          swallowedPreflights(routes.map((r) => ({ routeKey: key(r), isPublic: isPublic(r) }))).map((x) => x.routeKey),
        );
        return routes
          .filter((r) => swallowed.has(key(r)))
          .map((r) => on(r, `${key(r)} is authorized and catches OPTIONS: browser preflights get 401`));
      },
    ),
});
