/**
 * What makes an OAuth redirect URI or a browser origin acceptable, and which grants each app kind may
 * use. Free of cdktf, so the construct, the config schema and the guardrails share one definition.
 */

/** spa = browser single-page app, web = server-side web app, native = mobile/desktop, service = machine. */
export const APP_KINDS = ['spa', 'web', 'service', 'native'] as const;
export type AppKind = (typeof APP_KINDS)[number];
/** OAuth grant types this project issues tokens for; implicit and password are never among them. */
export const GRANT_TYPES = ['authorization_code', 'refresh_token', 'client_credentials'] as const;
export type AppGrantType = (typeof GRANT_TYPES)[number];

/** OpenID scopes every Okta authorization server has (they are not declared per server). */
export const SYSTEM_SCOPES: readonly string[] = ['openid', 'profile', 'email', 'address', 'phone', 'offline_access'];

/** Grant types each app kind may use. Implicit and password grants are never allowed. */
export const GRANTS_BY_KIND: Readonly<Record<AppKind, readonly AppGrantType[]>> = {
  spa: ['authorization_code', 'refresh_token'],
  web: ['authorization_code', 'refresh_token'],
  native: ['authorization_code', 'refresh_token'],
  service: ['client_credentials'],
};
const LOOPBACK = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?(\/|$)/;
/** A private-use URI scheme (RFC 8252 7.1), reverse-domain, for native apps. */
const PRIVATE_USE_SCHEME = /^[a-z][a-z0-9+-]*(\.[a-z0-9+-]+)+:\/[^/]/;

/** Why a redirect URI is unacceptable for an app kind, or undefined when it is fine. */
export function redirectUriProblem(uri: string, kind: AppKind, allowLoopback: boolean): string | undefined {
  if (uri.includes('*')) return 'wildcards are not allowed in redirect URIs';
  if (uri.includes('#')) return 'a redirect URI has no fragment';
  if (/^https:\/\/[a-z0-9.-]+(:\d{1,5})?(\/[^\s]*)?$/i.test(uri)) return undefined;
  if (LOOPBACK.test(uri)) {
    return allowLoopback
      ? undefined
      : 'http is allowed only for loopback redirect URIs, and only in development; use https';
  }
  if (kind === 'native' && PRIVATE_USE_SCHEME.test(uri)) return undefined;
  return kind === 'native'
    ? 'use https, or a reverse-domain private-use scheme (com.example.app:/callback)'
    : 'redirect URIs must use https';
}

/** Why a browser origin (CORS, trusted origin) is unacceptable, or undefined when it is fine. */
export function originProblem(origin: string, allowLoopback: boolean): string | undefined {
  if (/^https:\/\/[a-z0-9.-]+(:\d{1,5})?$/.test(origin)) return undefined;
  if (allowLoopback && LOOPBACK.test(origin) && !origin.replace(LOOPBACK, '')) return undefined;
  return 'an origin is https://host[:port] with no path or wildcard (http://localhost only in development)';
}
