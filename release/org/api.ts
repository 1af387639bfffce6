/**
 * A small read-only client of Okta's Management API for the tools that look at a live org (the preflight,
 * the parity runner). It never starves the org's rate limit: Okta reports each endpoint's limit per minute
 * (`X-Rate-Limit-Limit`), what is left (`X-Rate-Limit-Remaining`) and when the window resets
 * (`X-Rate-Limit-Reset`, epoch seconds); the client keeps at least `1 - rateShare` of every limit free, sends
 * one request to an endpoint before it knows that endpoint's limit, and waits for the reset when its share
 * is used. A 429 waits for the reset too; a 5xx, a timeout or a dropped connection is retried a bounded
 * number of times with back-off. Lists follow `Link: <...>; rel="next"` (and the `_links.next` of the role
 * assignment lists), only within the org. Every request has a timeout. Errors say what the org answered
 * and what to do, never a credential: the Authorization header is the only place one travels.
 */
import { scopeFor } from './scopes';

/** The org cannot be read (unreachable, refused, rate limited throughout, not JSON): exit 2 with the reason. */
export class OrgError extends Error {}

export interface OktaApiOptions {
  /** The org's origin, `https://acme.okta.com` (or a loopback stand-in's `http://127.0.0.1:<port>`). */
  readonly baseUrl: string;
  /** The Authorization header value (`SSWS ...` or `Bearer ...`), asked for before every request. */
  readonly authorize: () => Promise<string>;
  /** Per request. @default 15000 */
  readonly timeoutMs?: number;
  /** Retries of a 5xx, a timeout or a dropped connection. @default 3 */
  readonly retries?: number;
  /** Retries of a 429. @default 5 */
  readonly rateLimitRetries?: number;
  /** Share of each endpoint's rate limit the client may use (0 < share <= 1). @default 0.5 */
  readonly rateShare?: number;
  /** Requests in flight at once. @default 4 */
  readonly concurrency?: number;
  /** The longest single wait for a rate-limit window to reset. @default 65000 */
  readonly maxWaitMs?: number;
}

/** What one endpoint's rate limit looked like to the client (for the benchmark). */
export interface BucketStats {
  readonly limit?: number;
  /** The fewest requests left in a window, as Okta reported it. */
  readonly lowestRemaining?: number;
  readonly requests: number;
}

interface Bucket {
  limit?: number;
  remaining?: number;
  resetAt?: number;
  inflight: number;
  requests: number;
  lowestRemaining?: number;
}

export interface ApiResponse<T> {
  readonly status: number;
  readonly body: T;
}

const DEFAULTS = { timeoutMs: 15_000, retries: 3, rateLimitRetries: 5, rateShare: 0.5, concurrency: 4 };
const MAX_PAGES = 10_000;

export class OktaApi {
  readonly origin: string;
  private readonly buckets = new Map<string, Bucket>();
  private inflight = 0;
  private readonly o: Required<OktaApiOptions>;
  /** Requests sent (retries included) and time spent waiting for rate-limit windows. */
  readonly stats = { requests: 0, retries: 0, waitedMs: 0 };
  /** Stops every request in flight or waiting (cancel): once one read fails, the others have no use. */
  private readonly stop = new AbortController();

  constructor(options: OktaApiOptions) {
    this.o = { ...DEFAULTS, maxWaitMs: 65_000, ...options };
    if (!(this.o.rateShare > 0 && this.o.rateShare <= 1))
      throw new Error(`rateShare ${this.o.rateShare}: allowed a share above 0 and at most 1`);
    this.origin = new URL(options.baseUrl).origin;
  }

  /** Abandons every request in flight or waiting; later ones fail at once. */
  cancel(): void {
    this.stop.abort();
  }

  /** Every endpoint's rate limit as seen, by bucket (`GET /api/v1/groups`, `GET /api/v1/users/*\/groups`). */
  bucketStats(): Record<string, BucketStats> {
    return Object.fromEntries(
      [...this.buckets].map(([k, b]) => [
        k,
        { limit: b.limit, lowestRemaining: b.lowestRemaining, requests: b.requests },
      ]),
    );
  }

  /** One JSON document. */
  async get<T>(path: string): Promise<T> {
    return (await this.request<T>('GET', path)).body;
  }

  /** Every item of a paged list, following `rel="next"` within the org. */
  async list<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    const seen = new Set<string>();
    let next: string | undefined = path;
    while (next !== undefined) {
      if (seen.has(next) || seen.size >= MAX_PAGES)
        throw new OrgError(`GET ${path}: the org's pages do not end (page ${next} again); stopped`);
      seen.add(next);
      const r: { body: unknown; next?: string } = await this.page(next);
      const page = Array.isArray(r.body)
        ? r.body
        : isRecord(r.body) && Array.isArray(r.body.value)
          ? r.body.value
          : undefined;
      if (!page) throw new OrgError(`GET ${pathOf(next)}: expected a list, got ${describeJson(r.body)}`);
      items.push(...(page as T[]));
      next = r.next;
    }
    return items;
  }

  /** A POST whose answer is returned for the statuses `accept` takes (2xx always), else an OrgError. */
  async post<T>(
    path: string,
    body: unknown,
    accept: (status: number) => boolean = () => false,
  ): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, body, accept);
  }

  private async page(url: string): Promise<{ body: unknown; next?: string }> {
    const r = await this.send('GET', url);
    const body = await this.parse(r, 'GET', url);
    if (r.status >= 300) throw this.refusal(r.status, body, 'GET', url, r.headers);
    const link = nextLink(r.headers.get('link')) ?? (isRecord(body) ? linkHref(body) : undefined);
    if (link === undefined) return { body };
    const target = new URL(link, this.origin);
    if (target.origin !== this.origin)
      throw new OrgError(`GET ${pathOf(url)}: the next page is on another host (${target.origin}); not followed`);
    return { body, next: target.pathname + target.search };
  }

  private async request<T>(
    method: string,
    path: string,
    payload?: unknown,
    accept: (status: number) => boolean = () => false,
  ): Promise<ApiResponse<T>> {
    const r = await this.send(method, path, payload);
    const body = await this.parse(r, method, path);
    if (r.status < 300 || accept(r.status)) return { status: r.status, body: body as T };
    throw this.refusal(r.status, body, method, path, r.headers);
  }

  /** Sends with the rate-limit gate, retrying 429, 5xx, timeouts and dropped connections a bounded number of times. */
  private async send(method: string, path: string, payload?: unknown): Promise<Response> {
    const bucket = this.bucket(method, path);
    let failures = 0;
    let limited = 0;
    for (;;) {
      if (this.stop.signal.aborted) throw new OrgError(`${method} ${pathOf(path)}: abandoned (another read failed)`);
      // A refused token (the credentials, not the network) is not retried.
      const authorization = await this.o.authorize();
      await this.acquire(bucket);
      let response: Response | undefined;
      let failure: string | undefined;
      let permanent = false;
      try {
        response = await fetch(new URL(path, this.origin), {
          method,
          headers: {
            accept: 'application/json',
            authorization,
            'user-agent': 'identity-gateway-preflight',
            ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: payload === undefined ? undefined : JSON.stringify(payload),
          redirect: 'manual',
          signal: AbortSignal.any([AbortSignal.timeout(this.o.timeoutMs), this.stop.signal]),
        });
      } catch (e) {
        [failure, permanent] = networkReason(e, this.o.timeoutMs);
      } finally {
        bucket.inflight--;
        this.inflight--;
        this.stats.requests++;
        bucket.requests++;
      }
      if (response) this.observe(bucket, response.headers);
      if (response && response.status === 429) {
        await response.body?.cancel();
        bucket.remaining = 0;
        if (++limited > this.o.rateLimitRetries)
          throw new OrgError(
            `${method} ${pathOf(path)}: the org answered 429 (rate limited) ${limited} times; ` +
              'its rate limit is used by something else: try again later',
          );
        this.stats.retries++;
        continue;
      }
      if (response && response.status < 500) return response;
      const why = failure ?? `answered ${response!.status}`;
      await response?.body?.cancel();
      if (permanent) throw new OrgError(`${method} ${pathOf(path)}: the org ${why}: check the org URL`);
      if (++failures > this.o.retries)
        throw new OrgError(`${method} ${pathOf(path)}: the org ${why} (${failures} attempts); try again later`);
      this.stats.retries++;
      await sleep(250 * 2 ** (failures - 1), this.stop.signal);
    }
  }

  /** Waits until a request to this bucket keeps the endpoint's limit at least `1 - rateShare` free. */
  private async acquire(b: Bucket): Promise<void> {
    for (;;) {
      if (this.stop.signal.aborted) throw new OrgError('abandoned: another read failed');
      const now = Date.now();
      if (b.resetAt !== undefined && now >= b.resetAt && b.limit !== undefined) {
        b.remaining = b.limit;
        b.resetAt = undefined;
      }
      const free = this.inflight < this.o.concurrency;
      if (free && b.limit === undefined && b.inflight === 0) break;
      if (free && b.limit !== undefined && b.remaining !== undefined) {
        const reserve = b.limit * (1 - this.o.rateShare);
        if (b.remaining - b.inflight - 1 >= reserve) break;
      }
      const waitFor =
        free && b.limit !== undefined && b.inflight === 0
          ? Math.min(Math.max((b.resetAt ?? now + 1000) - now, 0) + 50, this.o.maxWaitMs)
          : 5;
      this.stats.waitedMs += waitFor;
      await sleep(waitFor, this.stop.signal);
      if (waitFor > 5 && b.inflight === 0 && b.limit !== undefined) {
        // The window has reset (or no reset was announced): the next answer says what is left.
        b.remaining = b.limit;
        b.resetAt = undefined;
      }
    }
    b.inflight++;
    this.inflight++;
  }

  private observe(b: Bucket, headers: Headers): void {
    const limit = int(headers.get('x-rate-limit-limit'));
    const remaining = int(headers.get('x-rate-limit-remaining'));
    const reset = int(headers.get('x-rate-limit-reset'));
    if (limit !== undefined) b.limit = limit;
    if (remaining !== undefined) {
      b.remaining = b.remaining === undefined || b.resetAt === undefined ? remaining : Math.min(b.remaining, remaining);
      b.lowestRemaining = Math.min(b.lowestRemaining ?? remaining, remaining);
    }
    if (reset !== undefined) b.resetAt = reset * 1000;
    if (limit === undefined && b.limit === undefined) {
      // No rate-limit headers (a proxy, a stand-in): nothing to keep free.
      b.limit = Number.POSITIVE_INFINITY;
      b.remaining = Number.POSITIVE_INFINITY;
    }
  }

  private bucket(method: string, path: string): Bucket {
    const key = `${method} ${bucketPath(path)}`;
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = { inflight: 0, requests: 0 }));
    return b;
  }

  private async parse(r: Response, method: string, path: string): Promise<unknown> {
    const type = r.headers.get('content-type') ?? '';
    const text = await r.text();
    if (r.status >= 300 && r.status < 400)
      throw new OrgError(
        `${method} ${pathOf(path)}: the org redirected (${r.status}) instead of answering: ` +
          "is the org URL right (OKTA_API_BASE_URL or the environment's okta provider block)?",
      );
    if (text.trim() === '' && r.status === 204) return null;
    if (!/json/i.test(type)) {
      throw new OrgError(
        `${method} ${pathOf(path)}: the org answered ${r.status} with ${type || 'no content type'}, not JSON: ` +
          "is this an Okta org's API (OKTA_API_BASE_URL)?",
      );
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new OrgError(
        `${method} ${pathOf(path)}: the org answered ${r.status} with broken JSON (${text.length} bytes)`,
      );
    }
  }

  /** The error for a 4xx: what Okta said, and what to do about it. */
  private refusal(status: number, body: unknown, method: string, path: string, headers: Headers): OrgError {
    const summary = oktaError(body);
    const what = `${method} ${pathOf(path)}: the org answered ${status}${summary ? ` (${summary})` : ''}`;
    if (status === 401)
      return new OrgError(
        `${what}: it refused the credentials. Check OKTA_API_TOKEN, or the service app ` +
          '(OKTA_API_CLIENT_ID, OKTA_API_PRIVATE_KEY_ID, OKTA_API_PRIVATE_KEY) and that it belongs to this org',
      );
    if (status === 403) {
      const scope = scopeFor(pathOf(path).split('?')[0]);
      const insufficient = /insufficient_scope/.test(headers.get('www-authenticate') ?? '');
      return new OrgError(
        `${what}: the credentials may not read this.${scope ? ` Grant the service app ${scope}` : ''}` +
          `${insufficient ? ' (the token lacks the scope)' : ''} and a read-only admin role ` +
          '(docs/deploy-pipeline.md, Okta API scopes)',
      );
    }
    return new OrgError(what);
  }
}

/** `/api/v1/users/00u.../groups?limit=200` -> `/api/v1/users/*\/groups`: one bucket per endpoint family. */
function bucketPath(path: string): string {
  const p = new URL(path, 'http://x').pathname;
  return p
    .split('/')
    .map((s) => (/^[A-Za-z0-9]{20}$/.test(s) ? '*' : s))
    .join('/');
}

/** A path (query kept) as errors show it. */
function pathOf(pathOrUrl: string): string {
  const u = new URL(pathOrUrl, 'http://x');
  return u.pathname + u.search;
}

/** The `rel="next"` target of a Link header (several links, or several headers joined by commas). */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const m of header.matchAll(/<([^>]*)>\s*((?:;\s*[^;,]*)*)/g)) {
    if (/;\s*rel="?([^";,]*\s)?next(\s[^";,]*)?"?/i.test(m[2])) return m[1];
  }
  return undefined;
}

function linkHref(body: Record<string, unknown>): string | undefined {
  const next = (body._links as Record<string, unknown> | undefined)?.next;
  const href = isRecord(next) ? next.href : undefined;
  return typeof href === 'string' ? href : undefined;
}

/** `E0000006: You do not have permission ...` from Okta's error object (or an OAuth error). */
export function oktaError(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  const code = typeof body.errorCode === 'string' ? body.errorCode : typeof body.error === 'string' ? body.error : '';
  const text =
    typeof body.errorSummary === 'string'
      ? body.errorSummary
      : typeof body.error_description === 'string'
        ? body.error_description
        : '';
  const s = [code, text].filter((x) => x).join(': ');
  return s ? s.slice(0, 300) : undefined;
}

/** Why a request got no answer, and whether trying again can help (a refused connection or an unknown host cannot). */
function networkReason(e: unknown, timeoutMs: number): [string, boolean] {
  const err = e as { name?: string; cause?: { code?: string; errors?: { code?: string }[]; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError')
    return [`did not answer within ${timeoutMs / 1000} s`, false];
  const code = err.cause?.code ?? err.cause?.errors?.[0]?.code;
  const permanent = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'].includes(code ?? '') || /CERT|SSL|TLS/.test(code ?? '');
  return [`could not be reached (${code ?? err.cause?.message ?? 'network error'})`, permanent];
}

const int = (v: string | null): number | undefined => (v !== null && /^\d+$/.test(v.trim()) ? Number(v) : undefined);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const describeJson = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v);
/** A wait, cut short when `signal` aborts (then nothing is left waiting once the reads are abandoned). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Runs `fn` over `items`, at most `limit` at a time, keeping the order of the results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
