/**
 * Where a tool that reads the live org connects and how it signs in, from the environment only (the same
 * variables as the okta provider): the org URL from the stack's okta provider block (`org_name` +
 * `base_url`), or OKTA_API_BASE_URL (https, or plain http for a loopback host only: a local stand-in of
 * the Okta API); an API token (OKTA_API_TOKEN, sent as `SSWS <token>`, preferred as the provider prefers it,
 * okta/config.go:405-415) or the OAuth 2.0 service app (OKTA_API_CLIENT_ID, OKTA_API_PRIVATE_KEY_ID,
 * OKTA_API_PRIVATE_KEY): client credentials with a private-key JWT client assertion (RFC 7523, RS256,
 * signed here with node:crypto; `aud` = the token endpoint, a unique `jti`, five minutes), asking only for
 * the tool's `okta.*.read` scopes. OKTA_API_SCOPES is not read: the apply job exports its write scopes
 * there, and these tools never ask for one. Nothing here prints a token, a key or an assertion.
 */
import { createPrivateKey, randomUUID, sign, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { UsageError } from '../../domain/cli';
import { OrgError, oktaError } from './api';

export type Credentials =
  | { readonly kind: 'api-token'; readonly token: string }
  | { readonly kind: 'service-app'; readonly clientId: string; readonly keyId?: string; readonly key: KeyObject };

/** The org's origin: OKTA_API_BASE_URL when set, else the stack's okta provider block. */
export function orgUrl(
  env: NodeJS.ProcessEnv,
  provider: { org_name?: unknown; base_url?: unknown } | undefined,
): string {
  const override = env.OKTA_API_BASE_URL;
  if (override !== undefined && override !== '') return checkedBaseUrl(override);
  const org = typeof provider?.org_name === 'string' ? provider.org_name : undefined;
  const base = typeof provider?.base_url === 'string' ? provider.base_url : undefined;
  if (!org || !base)
    throw new UsageError('the stack names no Okta org (okta provider org_name and base_url): set OKTA_API_BASE_URL');
  return checkedBaseUrl(`https://${org}.${base}`);
}

/** An origin: https anywhere, http only on a loopback host; no user-info, path, query or fragment. */
export function checkedBaseUrl(value: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new UsageError('OKTA_API_BASE_URL is not a URL: allowed https://<org host> (http only for 127.0.0.1)');
  }
  if (u.username || u.password)
    throw new UsageError('OKTA_API_BASE_URL carries a user name or password: give only https://<org host>');
  const loopback = isLoopback(u.hostname);
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback))
    throw new UsageError(
      `OKTA_API_BASE_URL ${u.protocol}//${u.host}: must be https (plain http only for a loopback host: ` +
        '127.0.0.1, ::1, localhost)',
    );
  if ((u.pathname !== '/' && u.pathname !== '') || u.search || u.hash)
    throw new UsageError(`OKTA_API_BASE_URL ${u.origin}${u.pathname}: give the org's origin only, no path or query`);
  return u.origin;
}

function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  return isIP(h) === 6 && h === '::1';
}

/** The credentials the environment holds, or a usage error saying which variables are missing. */
export function credentialsFrom(env: NodeJS.ProcessEnv): Credentials {
  const token = env.OKTA_API_TOKEN;
  if (token) {
    if (/\s/.test(token.trim()) || token.trim() === '')
      throw new UsageError('OKTA_API_TOKEN holds whitespace: give the token only');
    return { kind: 'api-token', token: token.trim() };
  }
  const clientId = env.OKTA_API_CLIENT_ID;
  const pem = env.OKTA_API_PRIVATE_KEY;
  if (!clientId || !pem) {
    const missing = [!clientId && 'OKTA_API_CLIENT_ID', !pem && 'OKTA_API_PRIVATE_KEY'].filter(Boolean).join(', ');
    throw new UsageError(
      `no Okta credentials: set OKTA_API_CLIENT_ID, OKTA_API_PRIVATE_KEY_ID and OKTA_API_PRIVATE_KEY (the ` +
        `service app, okta.*.read scopes), or OKTA_API_TOKEN for local use (missing: ${missing || 'none'})`,
    );
  }
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(clientId))
    throw new UsageError('OKTA_API_CLIENT_ID is not a client id (letters, digits, - and _)');
  const keyId = env.OKTA_API_PRIVATE_KEY_ID || undefined;
  if (keyId !== undefined && !/^[\x21-\x7e]{1,200}$/.test(keyId))
    throw new UsageError('OKTA_API_PRIVATE_KEY_ID is not a key id (printable characters, no spaces)');
  return { kind: 'service-app', clientId, keyId, key: privateKey(pem) };
}

/** The RSA private key from PEM text (literal `\n` accepted) or from a file path, as the provider takes it. */
function privateKey(value: string): KeyObject {
  let pem = value.includes('-----BEGIN') ? value : undefined;
  if (
    pem === undefined &&
    !value.includes('\n') &&
    value.length < 4096 &&
    existsSync(value) &&
    statSync(value).isFile()
  )
    pem = readFileSync(value, 'utf8');
  if (pem === undefined)
    throw new UsageError('OKTA_API_PRIVATE_KEY is neither a PEM private key nor the path of a file holding one');
  if (!pem.includes('\n')) pem = pem.replace(/\\n/g, '\n');
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new UsageError('OKTA_API_PRIVATE_KEY does not parse as a PEM private key (PKCS#1 or PKCS#8)');
  }
  if (key.asymmetricKeyType !== 'rsa')
    throw new UsageError(
      `OKTA_API_PRIVATE_KEY is a ${key.asymmetricKeyType} key: the service app signs with RS256 (RSA)`,
    );
  return key;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** A private-key JWT client assertion for the token endpoint (RFC 7523 section 2.2, Okta's RS256). */
export function clientAssertion(
  creds: Extract<Credentials, { kind: 'service-app' }>,
  tokenUrl: string,
  now = Date.now(),
): string {
  const iat = Math.floor(now / 1000);
  const header = { alg: 'RS256', typ: 'JWT', ...(creds.keyId ? { kid: creds.keyId } : {}) };
  const claims = { iss: creds.clientId, sub: creds.clientId, aud: tokenUrl, iat, exp: iat + 300, jti: randomUUID() };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${b64url(sign('RSA-SHA256', Buffer.from(input), creds.key))}`;
}

/**
 * The Authorization header for each request: `SSWS <token>`, or `Bearer <access token>` from the token
 * endpoint, fetched once and again a minute before it expires.
 */
export function authorizer(
  creds: Credentials,
  origin: string,
  scopes: readonly string[],
  timeoutMs = 15_000,
): () => Promise<string> {
  if (creds.kind === 'api-token') return async () => `SSWS ${creds.token}`;
  let cached: { value: string; until: number } | undefined;
  let pending: Promise<string> | undefined;
  return async () => {
    if (cached && Date.now() < cached.until) return cached.value;
    pending ??= accessToken(creds, origin, scopes, timeoutMs)
      .then((t) => {
        cached = { value: `Bearer ${t.token}`, until: Date.now() + Math.max(t.expiresIn - 60, 30) * 1000 };
        return cached.value;
      })
      .finally(() => (pending = undefined));
    return pending;
  };
}

async function accessToken(
  creds: Extract<Credentials, { kind: 'service-app' }>,
  origin: string,
  scopes: readonly string[],
  timeoutMs: number,
): Promise<{ token: string; expiresIn: number }> {
  const tokenUrl = `${origin}/oauth2/v1/token`;
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    scope: scopes.join(' '),
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: clientAssertion(creds, tokenUrl),
  });
  let r: Response;
  try {
    r = await fetch(tokenUrl, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    const err = e as { name?: string; cause?: { code?: string } };
    const why =
      err.name === 'TimeoutError' ? `did not answer within ${timeoutMs / 1000} s` : (err.cause?.code ?? 'failed');
    throw new OrgError(`POST /oauth2/v1/token: the org ${why}`);
  }
  const text = await r.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new OrgError(
      `POST /oauth2/v1/token: the org answered ${r.status} with non-JSON: is OKTA_API_BASE_URL an Okta org?`,
    );
  }
  if (r.status !== 200) throw tokenRefusal(r.status, body, creds.clientId, scopes, r.headers);
  if (typeof body.access_token !== 'string' || body.access_token === '')
    throw new OrgError('POST /oauth2/v1/token: the answer holds no access_token');
  if (typeof body.token_type === 'string' && body.token_type.toLowerCase() !== 'bearer')
    throw new OrgError(
      `POST /oauth2/v1/token: the org issued a ${body.token_type} token: the service app requires DPoP-bound ` +
        'tokens, which these read-only tools do not send. Turn "Require Demonstrating Proof of Possession" off ' +
        'for this app, or use OKTA_API_TOKEN locally',
    );
  return { token: body.access_token, expiresIn: typeof body.expires_in === 'number' ? body.expires_in : 3600 };
}

function tokenRefusal(
  status: number,
  body: Record<string, unknown>,
  clientId: string,
  scopes: readonly string[],
  headers: Headers,
): OrgError {
  const said = oktaError(body) ?? `${status}`;
  const what = `POST /oauth2/v1/token: the org refused a token for service app ${clientId} (${status} ${said})`;
  const dpop = body.error === 'invalid_dpop_proof' || body.error === 'use_dpop_nonce' || headers.has('dpop-nonce');
  if (dpop)
    return new OrgError(
      `${what}: the app requires DPoP (Demonstrating Proof of Possession), which these read-only tools do not ` +
        'send. Turn "Require DPoP" off for this app, or use OKTA_API_TOKEN locally',
    );
  if (body.error === 'invalid_scope')
    return new OrgError(`${what}: grant the app these read scopes: ${scopes.join(', ')} (docs/deploy-pipeline.md)`);
  return new OrgError(
    `${what}: check OKTA_API_CLIENT_ID, that OKTA_API_PRIVATE_KEY_ID names the app's public key and that ` +
      'OKTA_API_PRIVATE_KEY is its private key',
  );
}
