/**
 * Route-key rules of an API Gateway HTTP API, free of cdktf so that the config schema and the
 * guardrails (which read synthesized JSON and never load the provider bindings) share them.
 */
import { pathSegmentProblem } from './urls';

const SEGMENT = '([A-Za-z0-9._~-]+|\\{[A-Za-z0-9_]+\\})';
const GREEDY = '\\{[A-Za-z0-9_]+\\+\\}';
/** `$default`, or `METHOD /path` where a greedy `{proxy+}` segment may only come last. */
export const ROUTE_KEY = new RegExp(
  `^(\\$default|(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) /(${SEGMENT}(/${SEGMENT})*(/${GREEDY})?|${GREEDY})?)$`,
);

/**
 * Why a route key's path has segments that a client or the gateway normalises away ('.', '..', empty), so
 * no request ever carries it, or undefined (also for `$default` and keys that are not route keys at all).
 */
export function routePathProblem(routeKey: string): string | undefined {
  const space = routeKey.indexOf(' ');
  return space < 0 ? undefined : pathSegmentProblem(routeKey.slice(space + 1));
}

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

/**
 * Pairs of route keys that name the same path parameter position differently (`/orders/{id}` beside
 * `/orders/{orderId}` or `/orders/{orderId}/items`): API Gateway keeps one resource tree per API and rejects
 * the second. For each clashing key, the index of the earlier key it clashes with and the two names.
 */
export function parameterNameClashes(
  routeKeys: readonly string[],
): { index: number; clashesWith: number; names: [string, string] }[] {
  const segments = (k: string) => (k.includes(' ') ? k.slice(k.indexOf(' ') + 1) : '').split('/').filter(Boolean);
  const isParam = (s: string) => s.startsWith('{');
  const clash = (a: string[], b: string[]): [string, string] | undefined => {
    for (let n = 0; n < Math.min(a.length, b.length); n++) {
      if (isParam(a[n]) && isParam(b[n])) {
        if (a[n] !== b[n]) return [b[n], a[n]];
      } else if (a[n] !== b[n]) return undefined;
    }
    return undefined;
  };
  const out: { index: number; clashesWith: number; names: [string, string] }[] = [];
  const split = routeKeys.map(segments); // once per key: the pairs below are quadratic
  split.forEach((k, index) => {
    for (let j = 0; j < index; j++) {
      const names = clash(k, split[j]);
      if (names) {
        out.push({ index, clashesWith: j, names });
        return;
      }
    }
  });
  return out;
}
