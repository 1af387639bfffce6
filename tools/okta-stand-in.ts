/**
 * A local stand-in of Okta's Management API for the tests and the benchmark: an HTTP server on 127.0.0.1
 * (an ephemeral port) that answers the endpoints the preflight and the parity runner read with responses
 * shaped like Okta's documented ones (okta provider v4.20.0 test/fixtures/vcr holds recorded ones): Okta's
 * page sizes with `Link: <...>; rel="next"` headers, per-endpoint rate limits per minute with
 * `X-Rate-Limit-Limit` / `-Remaining` / `-Reset` (and a 429 past the limit), the token endpoint of a service
 * app (a private-key JWT client assertion, checked: RS256 signature, `aud`, a `jti` never seen before) or an
 * API token, 401 without valid credentials and 403 without the endpoint's scope. Faults can be injected per
 * path: a 429, a 5xx, a 401/403, HTML instead of JSON, a hang. Nothing here reaches the network.
 */
import { randomBytes, verify, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { scopeFor } from '../release/org/scopes';

/** The org the stand-in serves, in Okta's shapes. */
export interface StandInOrg {
  organization: { id: string; pipeline: 'idx' | 'v1' };
  policies: Record<string, any[]>;
  rules: Record<string, any[]>;
  authenticators: any[];
  methods: Record<string, any[]>;
  apps: any[];
  /** Ids of the users holding an admin role. */
  admins: string[];
  users: Record<string, { id: string; status: string; profile: { login: string } }>;
  /** User id -> the ids of the groups they are in. */
  memberships: Record<string, string[]>;
  groups: any[];
  behaviors: any[];
  authServers: any[];
  zones: any[];
  trustedOrigins: any[];
  deviceAssurances: any[];
  /** The policy simulation's answer to one request body (an element of the posted list). */
  simulate?: (request: any) => { status: number; body: unknown };
}

export interface Fault {
  readonly method?: string;
  /** Matched against the path with its query. */
  readonly path: RegExp;
  readonly status: 429 | 500 | 503 | 401 | 403 | 'html' | 'hang';
  /** How many matching requests fail. @default 1 */
  times?: number;
}

export interface StandInOptions {
  /** An accepted API token (`SSWS <token>`), with every scope. */
  readonly apiToken?: string;
  /** The service app: its client id, public key and the scopes it is granted. */
  readonly client?: { readonly id: string; readonly publicKey: KeyObject; readonly scopes: readonly string[] };
  /** The token endpoint answers as an org that requires DPoP-bound tokens. @default false */
  readonly requireDpop?: boolean;
  /** Requests per minute by bucket (`GET /api/v1/groups`); others get `defaultLimit`. */
  readonly limits?: Readonly<Record<string, number>>;
  /** @default 600 */
  readonly defaultLimit?: number;
  /** The rate-limit window (Okta's is a minute; a test may shorten it). @default 60000 */
  readonly windowMs?: number;
  /** Largest page by path prefix (`/api/v1/apps`), overriding Okta's. */
  readonly pageSizes?: Readonly<Record<string, number>>;
  readonly faults?: Fault[];
}

export interface StandIn {
  readonly url: string;
  /** Every request: method, path with query. */
  readonly requests: { method: string; path: string }[];
  /** The largest share of a bucket's limit used in any one window. */
  maxShare(): number;
  close(): Promise<void>;
}

/** Okta's largest page per list endpoint (Okta API reference, `limit` of each list operation). */
const OKTA_PAGE_SIZES: Readonly<Record<string, number>> = {
  '/api/v1/apps': 200,
  '/api/v1/groups': 10000,
  '/api/v1/users': 200,
  '/api/v1/iam/assignees/users': 100,
  '/api/v1/zones': 200,
  '/api/v1/trustedOrigins': 200,
  '/api/v1/authorizationServers': 200,
};

/** Okta's published per-minute defaults for a few endpoints (Rate limits: management endpoints). */
const OKTA_LIMITS: Readonly<Record<string, number>> = {
  'GET /api/v1/apps': 100,
  'GET /api/v1/groups': 500,
  'GET /api/v1/users/*/groups': 600,
  'GET /api/v1/users/*': 600,
  'GET /api/v1/authorizationServers': 100,
  'POST /api/v1/policies/simulate': 100,
};

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};
const oktaError = (code: string, summary: string) => ({ errorCode: code, errorSummary: summary, errorCauses: [] });

export async function startStandIn(org: StandInOrg, options: StandInOptions = {}): Promise<StandIn> {
  const requests: { method: string; path: string }[] = [];
  const windows = new Map<string, number>();
  const tokens = new Map<string, readonly string[]>();
  const jtis = new Set<string>();
  let url = '';

  const bucketOf = (method: string, path: string) =>
    `${method} ${path.split('?')[0].replace(/\/[A-Za-z0-9]{20}(?=\/|$)/g, '/*')}`;
  const limitOf = (bucket: string) => options.limits?.[bucket] ?? OKTA_LIMITS[bucket] ?? options.defaultLimit ?? 600;

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    requests.push({ method, path });
    const body = await new Promise<string>((resolve) => {
      let b = '';
      req.on('data', (d) => (b += d));
      req.on('end', () => resolve(b));
    });
    // The rate limit of the endpoint, per minute.
    const bucket = bucketOf(method, path);
    const windowMs = options.windowMs ?? 60000;
    const minute = Math.floor(Date.now() / windowMs);
    const key = `${bucket} ${minute}`;
    const used = (windows.get(key) ?? 0) + 1;
    windows.set(key, used);
    const limit = limitOf(bucket);
    const rate = {
      'x-rate-limit-limit': String(limit),
      'x-rate-limit-remaining': String(Math.max(limit - used, 0)),
      'x-rate-limit-reset': String(Math.ceil(((minute + 1) * windowMs) / 1000)),
    };
    const fault = options.faults?.find(
      (f) => (!f.method || f.method === method) && f.path.test(path) && (f.times ?? 1) > 0,
    );
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      return faultReply(res, fault.status, rate);
    }
    if (used > limit)
      return json(res, 429, oktaError('E0000047', 'API call exceeded rate limit due to too many requests.'), rate);
    if (path === '/.well-known/okta-organization')
      return json(
        res,
        200,
        { id: org.organization.id, pipeline: org.organization.pipeline, _links: { organization: { href: url } } },
        rate,
      );
    if (method === 'POST' && path === '/oauth2/v1/token')
      return json(res, ...tokenAnswer({ options, url, jtis, tokens }, body), rate);
    const scopes = authenticate(req.headers.authorization);
    if (!scopes)
      return json(res, 401, oktaError('E0000011', 'Invalid token provided'), {
        ...rate,
        'www-authenticate': 'Bearer error="invalid_token"',
      });
    const needed = scopeFor(path.split('?')[0]);
    if (needed && !scopes.includes(needed) && !scopes.includes(needed.replace(/\.read$/, '.manage')))
      return json(res, 403, oktaError('E0000006', 'You do not have permission to perform the requested action'), {
        ...rate,
        'www-authenticate':
          `Bearer authorization_uri="${url}/oauth2/v1/authorize", realm="${url}", scope="${needed}", ` +
          'error="insufficient_scope", ' +
          'error_description="The access token provided does not contain the required scopes."',
      });
    const answer = routeOf(org, method, path, body);
    if (!answer)
      return json(res, 404, oktaError('E0000007', `Not found: Resource not found: ${path.split('?')[0]}`), rate);
    if (answer.list) return page(res, new URL(path, url), answer.list, rate, answer.wrap, options.pageSizes);
    return json(res, answer.status ?? 200, answer.body, rate);
  };

  function authenticate(header: string | undefined): readonly string[] | undefined {
    if (!header) return undefined;
    if (options.apiToken && header === `SSWS ${options.apiToken}`) return ['*'].concat(allScopes());
    const m = /^Bearer (.+)$/.exec(header);
    return m ? tokens.get(m[1]) : undefined;
  }

  const server: Server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    maxShare: () => Math.max(0, ...[...windows].map(([k, n]) => n / limitOf(k.slice(0, k.lastIndexOf(' '))))),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The answer of an injected fault (a hang never answers: the client's timeout). */
function faultReply(res: ServerResponse, status: Fault['status'], rate: Record<string, string>): void {
  if (status === 'hang') return;
  if (status === 'html') {
    res.writeHead(200, { 'content-type': 'text/html', ...rate });
    res.end('<html><body>Sign in</body></html>');
    return;
  }
  if (status === 429)
    return json(res, 429, oktaError('E0000047', 'API call exceeded rate limit due to too many requests.'), {
      ...rate,
      'x-rate-limit-remaining': '0',
      'x-rate-limit-reset': String(Math.floor(Date.now() / 1000)),
    });
  if (status === 401) return json(res, 401, oktaError('E0000011', 'Invalid token provided'), rate);
  if (status === 403)
    return json(res, 403, oktaError('E0000006', 'You do not have permission to perform the requested action'), rate);
  return json(res, status, oktaError('E0000009', 'Internal Server Error'), rate);
}

/** What the token endpoint keeps between requests. */
interface TokenEndpoint {
  readonly options: StandInOptions;
  readonly url: string;
  /** Client assertion ids seen (each may be used once). */
  readonly jtis: Set<string>;
  /** Access token -> its scopes. */
  readonly tokens: Map<string, readonly string[]>;
}

/** The token endpoint of a service app: a private-key JWT client assertion, checked, for the scopes granted. */
function tokenAnswer(t: TokenEndpoint, body: string): [status: number, body: unknown] {
  const form = new URLSearchParams(body);
  const client = t.options.client;
  const bad = (error: string, description: string, status = 401): [number, unknown] => [
    status,
    { error, error_description: description },
  ];
  if (t.options.requireDpop) return bad('invalid_dpop_proof', 'The DPoP proof JWT header is missing.', 400);
  if (!client) return bad('invalid_client', 'The client is not configured.');
  if (form.get('grant_type') !== 'client_credentials') return bad('unsupported_grant_type', 'grant_type', 400);
  if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer')
    return bad('invalid_client', 'client_assertion_type');
  const [h, p, s] = (form.get('client_assertion') ?? '').split('.');
  if (!h || !p || !s) return bad('invalid_client', 'The client_assertion is not a JWT.');
  const header = JSON.parse(Buffer.from(h, 'base64url').toString());
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
  const signed = verify('RSA-SHA256', Buffer.from(`${h}.${p}`), client.publicKey, Buffer.from(s, 'base64url'));
  if (header.alg !== 'RS256' || !signed) return bad('invalid_client', 'The client_assertion signature is invalid.');
  if (claims.aud !== `${t.url}/oauth2/v1/token`) return bad('invalid_client', 'The audience claim is invalid.');
  if (claims.iss !== client.id || claims.sub !== client.id) return bad('invalid_client', 'The issuer is invalid.');
  if (typeof claims.jti !== 'string' || t.jtis.has(claims.jti))
    return bad('invalid_client', 'The jti was already used.');
  if (!(claims.exp > Date.now() / 1000)) return bad('invalid_client', 'The client_assertion expired.');
  t.jtis.add(claims.jti);
  const asked = (form.get('scope') ?? '').split(' ').filter((x) => x);
  const refused = asked.filter((x) => !client.scopes.includes(x));
  if (refused.length) return bad('invalid_scope', `The following scopes are not allowed: ${refused.join(', ')}`, 400);
  const access = randomBytes(24).toString('base64url');
  t.tokens.set(access, asked);
  return [200, { token_type: 'Bearer', expires_in: 3600, access_token: access, scope: asked.join(' ') }];
}

type Answer = { list?: any[]; wrap?: boolean; body?: unknown; status?: number };
/** The answer to a read of the org (or a policy simulation), before paging; undefined: not found. */
function routeOf(org: StandInOrg, method: string, path: string, body: string): Answer | undefined {
  const u = new URL(path, 'http://x');
  const p = u.pathname;
  const q = u.searchParams;
  let m: RegExpExecArray | null;
  if (method === 'POST' && p === '/api/v1/policies/simulate') {
    const request = (JSON.parse(body) as any[])[0];
    const r = org.simulate?.(request) ?? { status: 200, body: [] };
    return { status: r.status, body: r.body };
  }
  if (method !== 'GET') return undefined;
  if (p === '/api/v1/policies') return { list: org.policies[q.get('type') ?? ''] ?? [] };
  if ((m = /^\/api\/v1\/policies\/([^/]+)\/rules$/.exec(p))) return { list: org.rules[m[1]] ?? [] };
  if (p === '/api/v1/authenticators') return { list: org.authenticators };
  if ((m = /^\/api\/v1\/authenticators\/([^/]+)\/methods$/.exec(p))) return { list: org.methods[m[1]] ?? [] };
  if (p === '/api/v1/apps') {
    const filter = /^name eq "(.*)"$/.exec(q.get('filter') ?? '');
    const query = q.get('q');
    return {
      list: org.apps.filter(
        (a) => (!filter || a.name === filter[1]) && (!query || a.label.toLowerCase().startsWith(query.toLowerCase())),
      ),
    };
  }
  if (p === '/api/v1/iam/assignees/users')
    return { list: org.admins.map((id) => ({ id, orn: `orn:okta:directory:x:users:${id}` })), wrap: true };
  if ((m = /^\/api\/v1\/users\/([^/]+)\/groups$/.exec(p)))
    return { list: (org.memberships[m[1]] ?? []).map((id) => org.groups.find((g) => g.id === id)).filter(Boolean) };
  if ((m = /^\/api\/v1\/users\/([^/]+)$/.exec(p))) return org.users[m[1]] ? { body: org.users[m[1]] } : undefined;
  if (p === '/api/v1/behaviors') return { list: org.behaviors };
  if (p === '/api/v1/groups') {
    const query = (q.get('q') ?? '').toLowerCase();
    return { list: org.groups.filter((g) => g.profile.name.toLowerCase().startsWith(query)) };
  }
  if (p === '/api/v1/authorizationServers') {
    const query = (q.get('q') ?? '').toLowerCase();
    return { list: org.authServers.filter((s) => s.name.toLowerCase().startsWith(query)) };
  }
  if (p === '/api/v1/zones') return { list: org.zones };
  if (p === '/api/v1/trustedOrigins') return { list: org.trustedOrigins };
  if (p === '/api/v1/device-assurances') return { list: org.deviceAssurances };
  return undefined;
}

/** One page of a list: `after` is the index to start from, `limit` capped at the endpoint's largest page. */
function page(
  res: ServerResponse,
  u: URL,
  all: any[],
  rate: Record<string, string>,
  wrap = false,
  pageSizes: Readonly<Record<string, number>> = {},
) {
  const prefix = Object.keys({ ...OKTA_PAGE_SIZES, ...pageSizes })
    .filter((k) => u.pathname === k || u.pathname.startsWith(`${k}/`))
    .sort((a, b) => b.length - a.length)[0];
  const max = (prefix && (pageSizes[prefix] ?? OKTA_PAGE_SIZES[prefix])) || all.length || 1;
  const size = Math.min(Number(u.searchParams.get('limit') ?? max) || max, max);
  const after = Number(u.searchParams.get('after') ?? 0);
  const items = all.slice(after, after + size);
  const links = [`<${u.href}>; rel="self"`];
  let next: string | undefined;
  if (after + size < all.length) {
    const n = new URL(u.href);
    n.searchParams.set('after', String(after + size));
    next = n.href;
    links.push(`<${next}>; rel="next"`);
  }
  if (wrap) return json(res, 200, { value: items, _links: next ? { next: { href: next } } : {} }, rate);
  return json(res, 200, items, { ...rate, link: links.join(', ') });
}

function allScopes(): string[] {
  return [
    'okta.apps.read',
    'okta.authenticators.read',
    'okta.authorizationServers.read',
    'okta.behaviors.read',
    'okta.deviceAssurance.read',
    'okta.groups.read',
    'okta.networkZones.read',
    'okta.policies.read',
    'okta.roles.read',
    'okta.trustedOrigins.read',
    'okta.users.read',
  ];
}
