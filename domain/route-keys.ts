/**
 * Route-key rules of an API Gateway HTTP API, free of cdktf so that the config schema and the
 * guardrails (which read synthesized JSON and never load the provider bindings) share them.
 */

const SEGMENT = '([A-Za-z0-9._~-]+|\\{[A-Za-z0-9_]+\\})';
const GREEDY = '\\{[A-Za-z0-9_]+\\+\\}';
/** `$default`, or `METHOD /path` where a greedy `{proxy+}` segment may only come last. */
export const ROUTE_KEY = new RegExp(
  `^(\\$default|(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) /(${SEGMENT}(/${SEGMENT})*(/${GREEDY})?|${GREEDY})?)$`,
);

/**
 * Authorized catch-all routes that would swallow the browser's CORS preflight (it carries no token, so
 * it gets a 401): `ANY` and `$default` routes with no public `OPTIONS` route for their path.
 */
export function swallowedPreflights(
  routes: readonly { readonly routeKey: string; readonly isPublic: boolean }[],
): { routeKey: string; path: string }[] {
  const publicOptions = routes.filter((r) => r.isPublic && r.routeKey.startsWith('OPTIONS ')).map((r) => r.routeKey);
  return routes
    .filter((r) => !r.isPublic && (r.routeKey === '$default' || r.routeKey.startsWith('ANY ')))
    .map((r) => ({ routeKey: r.routeKey, path: r.routeKey === '$default' ? '/{proxy+}' : r.routeKey.slice(4) }))
    .filter(({ path }) => !publicOptions.includes(`OPTIONS ${path}`) && !publicOptions.includes('OPTIONS /{proxy+}'));
}
