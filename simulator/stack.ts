/**
 * What the simulator reads from one synthesized stack, indexed once: groups, network zones, apps with
 * their assignments and sign-on policy, ordered policies and rules, authorization servers and routes.
 * Everything comes from the shared StackModel and its readers (facts, the review's Labels).
 */
import { stringList, type Json, type StackModel, type TfResource } from '../synthesized/model';
import { appType, issuerServer, num, str } from '../synthesized/facts';
import { Labels } from '../synthesized/labels';
import { accessRuleGrants, appKey, assignedGroupIds, zoneSettings, type ZoneSettings } from '../synthesized/okta';
import { verificationOf, type Verification } from './signins';

/** The group every user is in. */
export const EVERYONE = 'Everyone';

export interface ZoneInfo {
  readonly address: string;
  readonly name: string;
  /** IP, DYNAMIC or DYNAMIC_V2. */
  readonly type: string;
  /** POLICY, or BLOCKLIST (blocks org-wide before sign-in). */
  readonly usage: string;
  readonly active: boolean;
  readonly locations: readonly string[];
  readonly locationsExcluded: readonly string[];
  /** Any, TorAnonymizer or NotTorAnonymizer. */
  readonly proxyType?: string;
  readonly asns: readonly string[];
}

export interface AppInfo {
  /** The app's key (its construct id), as the config names it. */
  readonly key: string;
  readonly label: string;
  readonly resource: TfResource;
  /** browser, web, native or service. */
  readonly type: string;
  readonly grantTypes: readonly string[];
  /** Names of the groups assigned to the app. */
  readonly groups: readonly string[];
  /** The app sign-on (authentication) policy, when the stack manages it. */
  readonly signOnPolicy?: TfResource;
}

/** The conditions of an okta_auth_server_policy_rule. */
export interface AccessRuleInfo {
  readonly active: boolean;
  readonly grants: readonly string[];
  readonly groups: ReadonlySet<string>;
  readonly groupList: readonly string[];
  readonly blacklist: readonly string[];
  /** How many users the rule names (user_whitelist). */
  readonly users: number;
  /** Scope names, or `*` for all. */
  readonly scopes: ReadonlySet<string>;
}

export interface RouteInfo {
  readonly routeKey: string;
  readonly resource: TfResource;
  readonly authorizationType: string;
  /** Any one of them suffices. */
  readonly scopes: readonly string[];
  readonly authorizer?: TfResource;
  /** The authorization server the authorizer's issuer refers to. */
  readonly server?: TfResource;
}

/** Resources in Okta's evaluation order: by priority (unset last, as Okta appends), then name. */
export function byPriority(rs: readonly TfResource[]): TfResource[] {
  const p = (r: TfResource) => num(r.attrs.priority) ?? Number.MAX_SAFE_INTEGER;
  return [...rs].sort((a, b) => p(a) - p(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export const isActive = (r: TfResource): boolean => (str(r.attrs.status) ?? 'ACTIVE') !== 'INACTIVE';

/** The zone settings the simulator uses: type IP unless set, active unless INACTIVE. */
function zoneBasics({ address, name, type, usage, status }: ZoneSettings) {
  return { address, name, type: type ?? 'IP', usage, active: status !== 'INACTIVE' };
}

export function zonesOf(model: StackModel): ZoneInfo[] {
  return model.resources('okta_network_zone').map((z) => ({
    ...zoneBasics(zoneSettings(z)),
    locations: stringList(z.attrs.dynamic_locations),
    locationsExcluded: stringList(z.attrs.dynamic_locations_exclude),
    proxyType: str(z.attrs.dynamic_proxy_type),
    asns: stringList(z.attrs.asns),
  }));
}

const cache = new WeakMap<StackModel, SimStack>();

export class SimStack {
  readonly labels: Labels;
  readonly zones: readonly ZoneInfo[];
  readonly apps: readonly AppInfo[];
  readonly routes: readonly RouteInfo[];
  /** Group names (okta_group and okta_group data sources), sorted, and Everyone. */
  readonly groups: readonly string[];
  /** Global session policies (okta_policy_signon) in priority order. */
  readonly sessionPolicies: readonly TfResource[];
  /** Enrollment policies (okta_policy_mfa) in priority order. */
  readonly enrollmentPolicies: readonly TfResource[];
  readonly verification: Verification;
  private readonly rulesOf = new Map<string, TfResource[]>();
  private readonly scopeNames = new Map<string, Set<string>>();
  private readonly groupCache = new WeakMap<TfResource, Map<string, readonly string[]>>();
  private readonly accessRules = new WeakMap<TfResource, AccessRuleInfo>();
  private readonly clients = new Map<string, { readonly all: boolean; readonly apps: ReadonlySet<string> }>();

  /** The simulator's view of a stack, built once per StackModel. */
  static of(model: StackModel): SimStack {
    let s = cache.get(model);
    if (!s) cache.set(model, (s = new SimStack(model)));
    return s;
  }

  private constructor(readonly model: StackModel) {
    this.labels = new Labels(model);
    this.zones = zonesOf(model);
    const names = [...model.resources('okta_group').map((g) => this.labels.of(g))];
    this.groups = [...new Set([...names.sort(), EVERYONE])];
    this.apps = model.resources('okta_app_oauth').map((app) => {
      const groups = assignedGroupIds(model, app).map((id) => this.groupName(id));
      const policy = model.resolve(app.attrs.authentication_policy)?.target;
      return {
        key: appKey(app),
        label: this.labels.of(app),
        resource: app,
        type: appType(app),
        grantTypes: stringList(app.attrs.grant_types),
        groups,
        signOnPolicy: policy?.type === 'okta_app_signon_policy' ? policy : undefined,
      };
    });
    this.routes = model
      .resources('aws_apigatewayv2_route')
      .map((r) => {
        const authorizer = model.resolve(r.attrs.authorizer_id)?.target;
        return {
          routeKey: str(r.attrs.route_key) ?? r.name,
          resource: r,
          authorizationType: str(r.attrs.authorization_type) ?? 'NONE',
          scopes: stringList(r.attrs.authorization_scopes),
          authorizer,
          server: authorizer ? issuerServer(model, authorizer) : undefined,
        };
      })
      .sort((a, b) => (a.routeKey < b.routeKey ? -1 : a.routeKey > b.routeKey ? 1 : 0));
    this.sessionPolicies = byPriority(model.resources('okta_policy_signon'));
    this.enrollmentPolicies = byPriority(model.resources('okta_policy_mfa'));
    this.verification = verificationOf(model.resources('okta_authenticator'));
  }

  /** A group reference (or the literal EVERYONE) by the name reviewers use. */
  groupName(value: Json | undefined): string {
    if (value === 'EVERYONE') return EVERYONE;
    return typeof value === 'string' ? this.labels.name(value) : String(value);
  }

  /** Names of the groups a list attribute (groups_included, group_whitelist, ...) refers to. */
  groupNames(value: Json | undefined): string[] {
    return stringList(value).map((v) => this.groupName(v));
  }

  /** `groupNames` of a resource's attribute, read once per resource. */
  groupsIn(r: TfResource, attribute: string): readonly string[] {
    let byAttr = this.groupCache.get(r);
    if (!byAttr) this.groupCache.set(r, (byAttr = new Map()));
    let names = byAttr.get(attribute);
    if (!names) byAttr.set(attribute, (names = this.groupNames(r.attrs[attribute])));
    return names;
  }

  /** An access policy rule's conditions, read once: grants, groups in / out, users, scopes. */
  accessRule(rule: TfResource): AccessRuleInfo {
    let info = this.accessRules.get(rule);
    if (!info) {
      const groups = this.groupsIn(rule, 'group_whitelist');
      const { status, grantTypes, scopes } = accessRuleGrants(rule);
      this.accessRules.set(
        rule,
        (info = {
          active: status !== 'INACTIVE',
          grants: grantTypes,
          groups: new Set(groups),
          groupList: groups,
          blacklist: this.groupsIn(rule, 'group_blacklist'),
          users: stringList(rule.attrs.user_whitelist).length,
          scopes: new Set(scopes),
        }),
      );
    }
    return info;
  }

  /** A zone a reference (or a literal id) points to, if it is in the stack. */
  zone(value: string): ZoneInfo | undefined {
    const target = this.model.resolve(value)?.target;
    return target ? this.zones.find((z) => z.address === target.address) : undefined;
  }

  /** Rules of a policy (any Okta rule type) in priority order. */
  rules(type: string, policy: TfResource): readonly TfResource[] {
    const key = `${type}\0${policy.address}`;
    let rules = this.rulesOf.get(key);
    if (!rules) this.rulesOf.set(key, (rules = byPriority(this.model.referrers(type, 'policy_id', policy))));
    return rules;
  }

  /** Access policies of an authorization server in priority order. */
  accessPolicies(server: TfResource): readonly TfResource[] {
    const key = `policies\0${server.address}`;
    let policies = this.rulesOf.get(key);
    if (!policies)
      this.rulesOf.set(
        key,
        (policies = byPriority(this.model.referrers('okta_auth_server_policy', 'auth_server_id', server))),
      );
    return policies;
  }

  /** Names of the custom scopes an authorization server defines. */
  scopesOf(server: TfResource): ReadonlySet<string> {
    let names = this.scopeNames.get(server.address);
    if (!names) {
      const own = this.model.referrers('okta_auth_server_scope', 'auth_server_id', server);
      this.scopeNames.set(server.address, (names = new Set(own.map((s) => str(s.attrs.name) ?? s.name))));
    }
    return names;
  }

  /** The apps an access policy's client whitelist holds (addresses), or all of them (ALL_CLIENTS). */
  clientsOf(policy: TfResource): { readonly all: boolean; readonly apps: ReadonlySet<string> } {
    let c = this.clients.get(policy.address);
    if (!c) {
      const list = stringList(policy.attrs.client_whitelist);
      const apps = new Set(
        list.map((v) => this.model.resolve(v)?.target?.address).filter((a): a is string => a !== undefined),
      );
      this.clients.set(policy.address, (c = { all: list.includes('ALL_CLIENTS'), apps }));
    }
    return c;
  }

  /** The app by key or label. */
  app(keyOrLabel: string): AppInfo | undefined {
    return this.apps.find((a) => a.key === keyOrLabel) ?? this.apps.find((a) => a.label === keyOrLabel);
  }

  /** The route by key (`GET /orders/{orderId}`), or the route a concrete request (`GET /orders/42`) hits. */
  route(request: string): RouteInfo | undefined {
    const exact = this.routes.find((r) => r.routeKey === request);
    if (exact) return exact;
    const [method, path] = request.split(' ');
    if (!path) return undefined;
    const matches = (r: RouteInfo) => {
      const [m, p] = r.routeKey.split(' ');
      if (!p || (m !== 'ANY' && m !== method)) return false;
      const re = new RegExp(
        `^${p
          .replace(/[.*?^$()|[\]\\]/g, '\\$&')
          .replace(/\{[^/}]+\+\}/g, '.+')
          .replace(/\{[^/}]+\}/g, '[^/]+')}$`,
      );
      return re.test(path);
    };
    // API Gateway prefers the most specific route; fewer path variables first, then $default.
    const vars = (r: RouteInfo) => (r.routeKey.match(/\{/g) ?? []).length + (r.routeKey.startsWith('ANY ') ? 0.5 : 0);
    return (
      this.routes.filter(matches).sort((a, b) => vars(a) - vars(b))[0] ??
      this.routes.find((r) => r.routeKey === '$default')
    );
  }
}
