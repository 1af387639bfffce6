import { defineRule, each, on, type RuleFinding } from '../rule';
import { attr, type TfResource } from '../model';
import { str } from '../facts';

export default defineRule({
  id: 'GW-17',
  name: 'cors-preflight-not-swallowed',
  severity: 'error',
  title: 'With CORS enabled, no authorized ANY or $default route swallows the browser preflight',
  why: 'Browsers send OPTIONS without the Authorization header: an authorized catch-all answers it with 401 and every browser call fails, while curl tests pass.',
  source: 'AWS docs: Configuring CORS for an HTTP API (authorized ANY routes and preflight)',
  fix: "List methods explicitly, or add a public 'OPTIONS <path>' route for the catch-all.",
  check: (stack) =>
    each(
      stack.resources('aws_apigatewayv2_api').filter((api) => attr(api.attrs, 'cors_configuration') !== undefined),
      (api) => {
        const routes = stack.referrers('aws_apigatewayv2_route', 'api_id', api);
        const key = (r: TfResource) => str(r.attrs.route_key) ?? '';
        const publicOptions = routes.filter((r) => (str(r.attrs.authorization_type) ?? 'NONE') === 'NONE' && key(r).startsWith('OPTIONS ')).map(key);
        const findings: RuleFinding[] = [];
        for (const r of routes) {
          if ((str(r.attrs.authorization_type) ?? 'NONE') === 'NONE') continue;
          const k = key(r);
          if (k !== '$default' && !k.startsWith('ANY ')) continue;
          const path = k === '$default' ? '/{proxy+}' : k.slice(4);
          if (!publicOptions.includes(`OPTIONS ${path}`) && !publicOptions.includes('OPTIONS /{proxy+}')) {
            findings.push(on(r, `${k} is authorized and catches OPTIONS: browser preflights get 401`));
          }
        }
        return findings;
      },
    ),
});
