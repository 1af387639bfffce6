/**
 * The live org as the preflight and the parity runner read it: Okta's documented Management API endpoints,
 * each read at most once (memoized), only when a check asks. The shapes are the parts of Okta's documented
 * responses the checks use (okta provider v4.20.0 test/fixtures/vcr holds recorded ones).
 */
import { mapLimit, type OktaApi } from './api';

export interface OktaOrganization {
  readonly id?: string;
  /** `idx`: Identity Engine; `v1`: Classic Engine. */
  readonly pipeline?: string;
  readonly _links?: { readonly organization?: { readonly href?: string } };
}

export type PolicyType = 'PASSWORD' | 'MFA_ENROLL' | 'OKTA_SIGN_ON' | 'ACCESS_POLICY';

export interface OktaPolicy {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly status?: string;
  readonly system?: boolean;
  readonly type?: string;
  readonly priority?: number;
  readonly conditions?: { readonly people?: { readonly groups?: { readonly include?: readonly string[] } } } | null;
  readonly settings?: Record<string, any>;
}

export interface OktaRule {
  readonly id: string;
  readonly name: string;
  readonly status?: string;
  readonly actions?: Record<string, any>;
  readonly conditions?: Record<string, any> | null;
}

export interface OktaAuthenticator {
  readonly id: string;
  readonly key: string;
  readonly name: string;
  readonly status: string;
  readonly type?: string;
}

export interface OktaAuthenticatorMethod {
  readonly type: string;
  readonly status: string;
}

export interface OktaApp {
  readonly id: string;
  /** The app's kind: `oidc_client` for OIDC apps, `saasure` for the Okta Admin Console, ... */
  readonly name: string;
  readonly label: string;
  readonly status?: string;
  readonly signOnMode?: string;
  readonly _links?: { readonly accessPolicy?: { readonly href?: string } };
}

export interface OktaGroup {
  readonly id: string;
  readonly type?: string;
  readonly profile: { readonly name: string; readonly description?: string | null };
}

export interface OktaUser {
  readonly id: string;
  readonly status?: string;
  readonly profile?: { readonly login?: string };
}

export interface OktaBehavior {
  readonly id: string;
  readonly name: string;
  readonly type?: string;
  readonly status: string;
}

export interface OktaNamed {
  readonly id: string;
  readonly name: string;
  readonly status?: string;
}

export interface OktaTrustedOrigin extends OktaNamed {
  readonly origin: string;
}

/** Lists Okta pages at most this many items at a time (the largest page most list endpoints allow). */
const PAGE = 200;

/** The org, read lazily: each getter reads its endpoint once. */
export class LiveOrg {
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(readonly api: OktaApi) {}

  private once<T>(key: string, read: () => Promise<T>): Promise<T> {
    let p = this.memo.get(key) as Promise<T> | undefined;
    if (!p) this.memo.set(key, (p = read()));
    return p;
  }

  /** GET /.well-known/okta-organization: the org's id and engine (no credentials needed). */
  organization(): Promise<OktaOrganization> {
    return this.once('org', () => this.api.get<OktaOrganization>('/.well-known/okta-organization'));
  }

  /** GET /api/v1/policies?type=... */
  policies(type: PolicyType): Promise<readonly OktaPolicy[]> {
    return this.once(`policies ${type}`, () => this.api.list<OktaPolicy>(`/api/v1/policies?type=${type}`));
  }

  /** GET /api/v1/policies/{id}/rules */
  rules(policyId: string): Promise<readonly OktaRule[]> {
    return this.once(`rules ${policyId}`, () =>
      this.api.list<OktaRule>(`/api/v1/policies/${encodeURIComponent(policyId)}/rules`),
    );
  }

  /** GET /api/v1/authenticators */
  authenticators(): Promise<readonly OktaAuthenticator[]> {
    return this.once('authenticators', () => this.api.list<OktaAuthenticator>('/api/v1/authenticators'));
  }

  /** GET /api/v1/authenticators/{id}/methods */
  authenticatorMethods(id: string): Promise<readonly OktaAuthenticatorMethod[]> {
    return this.once(`methods ${id}`, () =>
      this.api.list<OktaAuthenticatorMethod>(`/api/v1/authenticators/${encodeURIComponent(id)}/methods`),
    );
  }

  /**
   * GET /api/v1/apps?limit=200, every page: each app's `_links.accessPolicy` says which authentication policy
   * it uses, which is how a policy shared with the Admin Console shows; labels find apps the stack creates.
   */
  apps(): Promise<readonly OktaApp[]> {
    return this.once('apps', () => this.api.list<OktaApp>(`/api/v1/apps?limit=${PAGE}`));
  }

  /** GET /api/v1/apps?filter=name eq "<name>": Okta's own apps by kind (`saasure` is the Admin Console). */
  appsNamed(name: string): Promise<readonly OktaApp[]> {
    const filter = encodeURIComponent(`name eq "${name}"`);
    return this.once(`apps ${name}`, () => this.api.list<OktaApp>(`/api/v1/apps?filter=${filter}`));
  }

  /** GET /api/v1/iam/assignees/users: the users holding an admin role. */
  adminUserIds(): Promise<readonly string[]> {
    return this.once('admins', async () =>
      (await this.api.list<{ id: string }>(`/api/v1/iam/assignees/users?limit=${PAGE}`)).map((u) => u.id),
    );
  }

  /** GET /api/v1/users/{id}/groups */
  userGroups(userId: string): Promise<readonly OktaGroup[]> {
    return this.once(`user groups ${userId}`, () =>
      this.api.list<OktaGroup>(`/api/v1/users/${encodeURIComponent(userId)}/groups?limit=${PAGE}`),
    );
  }

  /** GET /api/v1/users/{id}: a user's login, for a finding's subject. */
  user(userId: string): Promise<OktaUser> {
    return this.once(`user ${userId}`, () => this.api.get<OktaUser>(`/api/v1/users/${encodeURIComponent(userId)}`));
  }

  /** GET /api/v1/behaviors */
  behaviors(): Promise<readonly OktaBehavior[]> {
    return this.once('behaviors', () => this.api.list<OktaBehavior>('/api/v1/behaviors'));
  }

  /** GET /api/v1/groups?q=<name> for each name (a prefix search), concurrently: the groups of exactly those names. */
  async groupsNamed(names: readonly string[]): Promise<readonly OktaGroup[]> {
    const found = await mapLimit([...new Set(names)].sort(), 4, (name) =>
      this.once(`groups ${name}`, () =>
        this.api.list<OktaGroup>(`/api/v1/groups?q=${encodeURIComponent(name)}&limit=${PAGE}`),
      ),
    );
    const wanted = new Set(names);
    const byId = new Map(found.flat().map((g) => [g.id, g]));
    return [...byId.values()].filter((g) => wanted.has(g.profile?.name));
  }

  /** GET /api/v1/authorizationServers?q=<name> for each name: the servers of exactly those names. */
  async authServersNamed(names: readonly string[]): Promise<readonly OktaNamed[]> {
    const found = await mapLimit([...new Set(names)].sort(), 4, (name) =>
      this.once(`servers ${name}`, () =>
        this.api.list<OktaNamed>(`/api/v1/authorizationServers?q=${encodeURIComponent(name)}&limit=${PAGE}`),
      ),
    );
    const wanted = new Set(names);
    return [...new Map(found.flat().map((s) => [s.id, s])).values()].filter((s) => wanted.has(s.name));
  }

  /** GET /api/v1/zones */
  zones(): Promise<readonly OktaNamed[]> {
    return this.once('zones', () => this.api.list<OktaNamed>(`/api/v1/zones?limit=${PAGE}`));
  }

  /** GET /api/v1/trustedOrigins */
  trustedOrigins(): Promise<readonly OktaTrustedOrigin[]> {
    return this.once('origins', () => this.api.list<OktaTrustedOrigin>(`/api/v1/trustedOrigins?limit=${PAGE}`));
  }

  /** GET /api/v1/device-assurances */
  deviceAssurances(): Promise<readonly OktaNamed[]> {
    return this.once('device assurances', () => this.api.list<OktaNamed>('/api/v1/device-assurances'));
  }
}

/** The policy id an app's `_links.accessPolicy.href` names (its last path segment). */
export function accessPolicyOf(app: OktaApp): string | undefined {
  const href = app._links?.accessPolicy?.href;
  return href ? href.replace(/\/+$/, '').split('/').pop() : undefined;
}
