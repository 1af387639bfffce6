/**
 * The read model of one synthesized stack: what the guardrails, the simulator and the review read from a
 * cdk.tf.json, read one way and built once per StackModel (`ReadModel.of`). Groups by name, network zones,
 * apps (the OIDC clients and Okta's own admin surfaces), routes, authorization servers and scopes,
 * authenticators, policies in evaluation order and their rules, with the providers' defaults applied
 * (defaults.ts). Each index is built on first use, so a reader pays only for what it asks. How a layer
 * words or draws what it reads (review sentences, report tables, trace lines) stays in that layer.
 */
import { ADMIN_SURFACES } from '../domain/okta/admin-surfaces';
import { attr, isObject, isTrue, num, str, stringList, type Json } from './json';
import type { StackModel, TfResource } from './model';
import { constraintsOf, isoMinutes, issuerServer } from './facts';
import { Labels, logicalPath } from './labels';
import {
  accessOf,
  accessTokenLifetimeOf,
  appliedAttributes,
  authorizationTypeOf,
  byPriority,
  consentOf,
  deviceManagedOf,
  factorModeOf,
  issuerModeOf,
  networkConnectionOf,
  platformsOf,
  riskOf,
  sessionIdleOf,
  sessionLifetimeOf,
  statusOf,
  zoneUsageOf,
  PROVIDER_DEFAULTS,
} from './defaults';
import {
  COMPOSITION_SETTINGS,
  PASSWORD_POLICY_ATTRIBUTES,
  PASSWORD_SETTINGS,
  type PasswordSetting,
} from '../domain/okta/password-policy';

/** The group every user is in (the okta_everyone_group data source, and the literal EVERYONE). */
export const EVERYONE = 'Everyone';

export interface Zone {
  readonly resource: TfResource;
  readonly address: string;
  readonly name: string;
  /**
   * IP, DYNAMIC or DYNAMIC_V2; '' when the JSON omits it: the provider requires a type and refuses any other
   * (resource_okta_network_zone.go:62-66, :234-235), so such a zone never exists in Okta.
   */
  readonly type: string;
  /** POLICY, or BLOCKLIST (blocks org-wide before sign-in). */
  readonly usage: string;
  readonly status: string;
  readonly active: boolean;
  readonly locations: readonly string[];
  readonly locationsExcluded: readonly string[];
  /** Any, TorAnonymizer or NotTorAnonymizer. */
  readonly proxyType?: string;
  readonly asns: readonly string[];
  /** The IP ranges (CIDR or from-to) of an IP zone: where requests come from, and proxies in front of them. */
  readonly gateways: readonly string[];
  readonly proxies: readonly string[];
}

/** An app people (or a machine client) sign in to. */
export interface App {
  /** The app's key: its construct id as the config names it (`portal`), or an admin surface's (`admin-console`). */
  readonly key: string;
  readonly label: string;
  readonly address: string;
  /** okta_app_oauth, or the okta_app data source of an admin surface. */
  readonly resource: TfResource;
  /** browser, web, native or service. */
  readonly type: string;
  readonly grantTypes: readonly string[];
  /** Names of the groups assigned to the app (for an admin surface: the groups its rules name). */
  readonly groups: readonly string[];
  /** The app sign-on (authentication) policy, when it is in the stack (managed, or looked up). */
  readonly signOnPolicy?: TfResource;
}

/** An okta_app_oauth client and its OAuth settings, as written. */
export interface OAuthApp extends App {
  /** The authentication_policy attribute as written (a reference, or a literal policy id). */
  readonly authenticationPolicy?: Json;
  readonly redirectUris: readonly string[];
  readonly postLogoutRedirectUris: readonly string[];
  readonly tokenEndpointAuthMethod?: string;
  readonly pkceRequired?: boolean;
  readonly refreshTokenRotation?: string;
  readonly omitSecret?: boolean;
  readonly implicitAssignment?: boolean;
  /** Trusted origins registered for the app (okta_trusted_origin below it in the construct tree). */
  readonly trustedOrigins: readonly string[];
  /** Whether the app is protected against deletion (lifecycle.prevent_destroy). */
  readonly protected: boolean;
}

/**
 * One of Okta's own admin surfaces as the stack holds it: a first-party app looked up by label (data
 * okta_app), its existing authentication policy (data okta_app_signon_policy, whose app_id refers to the app)
 * and the rules the stack adds to that policy. As an app it is a web app whose sign-on policy is the looked-up
 * one, assigned to every group its rules include or exclude (Everyone when an allowing rule names no group):
 * Okta's own rules of that policy are not in the stack.
 */
export interface AdminSurfaceApp extends App {
  /** The okta_app_signon_policy data source (the app's existing policy). */
  readonly policy: TfResource;
  /** The stack's rules on that policy, in priority order. */
  readonly rules: readonly TfResource[];
  /** The allow rules for administrators (every allow rule but the break-glass ones), in priority order. */
  readonly adminRules: readonly TfResource[];
  /**
   * The break-glass accounts' own allow rules: those that include only groups another allow rule of the policy
   * excludes. In priority order.
   */
  readonly breakGlassRules: readonly TfResource[];
  /** Who the stack's rules on this surface cover. */
  readonly coverage: AdminCoverage;
}

/**
 * Who the stack's rules on an admin surface cover, as a check against the org's actual administrators reads it:
 * an administrator is covered when the admin rules cover Everyone (and the administrator is not exempt), or when
 * the administrator is in one of `groups`; an exempt one is covered only by a break-glass rule.
 */
export interface AdminCoverage {
  /** The admin rules apply to every user (a rule names Everyone, or no group) but the exempt groups. */
  readonly everyone: boolean;
  /** Names of the groups the admin rules include (Everyone among them when `everyone`), sorted. */
  readonly groups: readonly string[];
  /** Names of the groups the admin rules exclude, sorted. */
  readonly exempt: readonly string[];
  /** Names of the groups the break-glass rules admit, sorted. */
  readonly breakGlass: readonly string[];
  /** The admin roles the stack binds (okta_group_role), for the Admin Console; none on other surfaces. */
  readonly roles: readonly AdminRoleBinding[];
}

/**
 * Which of a surface's rules apply to an administrator in `groups` (names): a break-glass rule when one admits a
 * group of theirs; else the admin rules, unless a group of theirs is exempt (an exclusion wins in Okta), when those
 * cover Everyone or one of their groups; else none (they sign in by the policy's own rules).
 */
export function adminRulesFor(c: AdminCoverage, groups: readonly string[]): 'admin' | 'break-glass' | undefined {
  if (groups.some((g) => c.breakGlass.includes(g))) return 'break-glass';
  if (groups.some((g) => c.exempt.includes(g))) return undefined;
  return c.everyone || groups.some((g) => c.groups.includes(g)) ? 'admin' : undefined;
}

/** An Okta admin role the stack binds to a group (okta_group_role). */
export interface AdminRoleBinding {
  readonly resource: TfResource;
  readonly address: string;
  /** The group's name (a created group's name, an existing group's id). */
  readonly group: string;
  /** SUPER_ADMIN, ORG_ADMIN, ... */
  readonly role: string;
}

export interface Route {
  readonly routeKey: string;
  readonly address: string;
  readonly resource: TfResource;
  /** NONE (public), JWT, AWS_IAM or CUSTOM. */
  readonly authorizationType: string;
  /** No authorization: anyone on the internet can call it. */
  readonly public: boolean;
  /** Any one of them suffices. */
  readonly scopes: readonly string[];
  readonly authorizer?: TfResource;
  /** The authorization server the authorizer's issuer refers to. */
  readonly server?: TfResource;
}

export interface AuthServer {
  readonly resource: TfResource;
  readonly address: string;
  readonly name: string;
  readonly audiences: readonly string[];
  readonly issuerMode: string;
}

export interface Scope {
  readonly resource: TfResource;
  readonly name: string;
  /** REQUIRED or IMPLICIT. */
  readonly consent: string;
}

export interface Authenticator {
  readonly resource: TfResource;
  /** Okta's key, e.g. `okta_verify`. */
  readonly key: string;
  readonly name: string;
  readonly status: string;
  readonly active: boolean;
}

/** Fields every Okta rule and policy has. */
export interface Ordered {
  readonly resource: TfResource;
  readonly address: string;
  readonly name: string;
  readonly status: string;
  readonly active: boolean;
  /** The priority as written; unset: Okta appends it last (`byPriority` orders it so). */
  readonly priority?: number;
}

/** A rule's network condition. */
export interface NetworkCondition {
  /** ANYWHERE, ZONE, ON_NETWORK or OFF_NETWORK. */
  readonly connection: string;
  /** Zones (references or ids) the rule includes, and excludes. */
  readonly zonesIncluded: readonly string[];
  readonly zonesExcluded: readonly string[];
}

/** An okta_auth_server_policy_rule: who gets which tokens. */
export interface AccessRule extends Ordered {
  readonly grantTypes: readonly string[];
  /** Scope names, or `*` for all. */
  readonly scopes: readonly string[];
  /** Names of the groups the rule includes (group_whitelist) and excludes (group_blacklist). */
  readonly groups: readonly string[];
  readonly blacklist: readonly string[];
  /** How many users the rule names (user_whitelist). */
  readonly users: number;
  readonly accessTokenLifetimeMinutes?: number;
  readonly refreshTokenLifetimeMinutes?: number;
  readonly refreshTokenWindowMinutes?: number;
  /** `groups` and `scopes` as sets, for the evaluator. */
  readonly groupSet: ReadonlySet<string>;
  readonly scopeSet: ReadonlySet<string>;
}

/** An okta_policy_rule_signon: a global session rule. */
export interface SessionRule extends Ordered, NetworkCondition {
  /** ALLOW, DENY or CHALLENGE. */
  readonly access: string;
  readonly mfaRequired: boolean;
  readonly mfaPrompt?: string;
  readonly mfaLifetimeMinutes?: number;
  /** 0 = no limit. */
  readonly sessionLifetimeMinutes?: number;
  readonly sessionIdleMinutes?: number;
  readonly sessionPersistent: boolean;
  /** PASSWORD_IDP (the password first) or PASSWORD_IDP_ANY_FACTOR. */
  readonly primaryFactor?: string;
  /** Risk levels the rule matches (risk_level and risc_level; ANY matches every level). */
  readonly riskLevels: readonly string[];
  /** Names of the behaviours the rule matches on. */
  readonly behaviours: readonly string[];
  readonly identityProvider?: string;
  readonly authType?: string;
}

/** An okta_app_signon_policy_rule: a rule of an app's authentication policy (a sensitivity tier). */
export interface AppSignOnRule extends Ordered, NetworkCondition {
  /** ALLOW or DENY. */
  readonly access: string;
  /** 1FA or 2FA. */
  readonly factorMode: string;
  /** Names of the groups the rule includes and excludes. */
  readonly groups: readonly string[];
  readonly groupsExcluded: readonly string[];
  /** How many users the rule names (users_included). */
  readonly users: number;
  /** The authenticator constraints that parse (alternatives: any one suffices). */
  readonly constraints: readonly { readonly [key: string]: Json }[];
  /** re_authentication_frequency and inactivity_period in minutes, as written. */
  readonly reauthenticateMinutes?: number;
  readonly inactivityMinutes?: number;
  readonly deviceRegistered: boolean;
  /**
   * Undefined: any device (no device condition sent); true: managed devices; false: registered devices that are not
   * managed. With device_is_registered, the provider sends false when device_is_managed is unset (defaults.ts).
   */
  readonly deviceManaged?: boolean;
  /** Names of the device assurance policies the rule includes. */
  readonly deviceAssurances: readonly string[];
  readonly platforms: readonly { readonly type: string; readonly osType: string }[];
  /** ANY, LOW, MEDIUM or HIGH. */
  readonly riskScore: string;
  readonly customExpression?: string;
}

/** An okta_policy_mfa: which authenticators its groups may or must enroll. */
export interface EnrollmentPolicy extends Ordered {
  /** Names of the groups it applies to. */
  readonly groups: readonly string[];
  /** Authenticator keys whose enrollment is REQUIRED, and OPTIONAL. */
  readonly required: readonly string[];
  readonly optional: readonly string[];
}

/**
 * The org's default password policy (okta_policy_password_default) as the provider PUTs it: the provider sends
 * every setting on create and on update, so each one is what the stack writes or else the provider's default
 * (defaults.ts), never the org's own. The preflight compares a live org with `settings`.
 */
export interface PasswordPolicy {
  readonly resource: TfResource;
  /** By attribute name (`password_min_length`, `sms_recovery`, ...): as written, or the provider's default. */
  readonly settings: Readonly<Record<string, Json>>;
  /** Every setting this stack states, by its config name (domain/okta/password-policy.ts), as it is sent. */
  readonly values: Readonly<Record<PasswordSetting, number | boolean>>;
  /** Attributes the stack leaves unset, which go out as the provider's defaults (or zero values) over the org's. */
  readonly unstated: readonly string[];
  /** Why the minimum length is below the guidance, when the stack says so (the `//` declarations). */
  readonly minLengthOverride?: string;
}

/** Every attribute of okta_policy_password_default the provider PUTs: those with a default, and three without. */
const PASSWORD_POLICY_PUT = [
  ...Object.keys(PROVIDER_DEFAULTS.okta_policy_password_default.defaults),
  'password_exclude_first_name',
  'password_exclude_last_name',
  'password_lockout_notification_channels',
].sort();

function readPasswordPolicy(model: StackModel): PasswordPolicy | undefined {
  const resource = model.resources('okta_policy_password_default')[0];
  if (!resource) return undefined;
  const a = resource.attrs;
  const settings = appliedAttributes(resource);
  // An unset bool without a schema default is sent as false, an unset set as [] (d.Get's zero values).
  const values = Object.fromEntries(
    PASSWORD_SETTINGS.map((setting) => {
      const v = settings[PASSWORD_POLICY_ATTRIBUTES[setting]];
      if (setting === 'lockoutEmail') return [setting, stringList(v).includes('EMAIL')];
      if ((COMPOSITION_SETTINGS as readonly string[]).includes(setting)) return [setting, (num(v) ?? 0) > 0];
      return [setting, typeof v === 'number' ? v : isTrue(v)];
    }),
  ) as Record<PasswordSetting, number | boolean>;
  return {
    resource,
    settings,
    values,
    unstated: PASSWORD_POLICY_PUT.filter((k) => a[k] === undefined || a[k] === null),
    minLengthOverride: model.declarations.passwordPolicy.minLengthOverride,
  };
}

const cache = new WeakMap<StackModel, ReadModel>();

export class ReadModel {
  readonly labels: Labels;
  private zoneList?: readonly Zone[];
  private zoneByAddress?: ReadonlyMap<string, Zone>;
  private groupList?: readonly string[];
  private appList?: readonly OAuthApp[];
  private surfaceList?: readonly AdminSurfaceApp[];
  private roleList?: readonly AdminRoleBinding[];
  private routeList?: readonly Route[];
  private serverList?: readonly AuthServer[];
  private scopeList?: readonly Scope[];
  private authenticatorList?: readonly Authenticator[];
  private passwordRead?: PasswordPolicy | null;
  private managedDevices?: boolean;
  private sessions?: readonly TfResource[];
  private enrollments?: readonly TfResource[];
  private readonly ordered = new Map<string, readonly TfResource[]>();
  private readonly scopeNames = new Map<string, ReadonlySet<string>>();
  private readonly groupCache = new WeakMap<TfResource, Map<string, readonly string[]>>();
  private readonly records = new WeakMap<TfResource, unknown>();
  private readonly clients = new Map<string, { readonly all: boolean; readonly apps: ReadonlySet<string> }>();

  /** The read model of a stack, built once per StackModel. */
  static of(model: StackModel): ReadModel {
    let r = cache.get(model);
    if (!r) cache.set(model, (r = new ReadModel(model)));
    return r;
  }

  private constructor(readonly model: StackModel) {
    this.labels = new Labels(model);
  }

  /**
   * Whether the org has device management: as the stack declares (`org`); for a stack that declares nothing about its
   * org, whether any rule requires a managed device (a stack written before the declaration did so only with it).
   */
  get deviceManagement(): boolean {
    return (this.managedDevices ??=
      this.model.declarations.org?.deviceManagement ??
      this.model.resources('okta_app_signon_policy_rule').some((r) => isTrue(r.attrs.device_is_managed)));
  }

  /** Network zones, in stack order. */
  get zones(): readonly Zone[] {
    return (this.zoneList ??= this.model.resources('okta_network_zone').map((z) => {
      const status = statusOf(z);
      return {
        resource: z,
        address: z.address,
        name: str(z.attrs.name) ?? z.name,
        type: str(z.attrs.type) ?? '',
        usage: zoneUsageOf(z),
        status,
        active: status !== 'INACTIVE',
        locations: stringList(z.attrs.dynamic_locations),
        locationsExcluded: stringList(z.attrs.dynamic_locations_exclude),
        proxyType: str(z.attrs.dynamic_proxy_type),
        asns: stringList(z.attrs.asns),
        gateways: stringList(z.attrs.gateways),
        proxies: stringList(z.attrs.proxies),
      };
    }));
  }

  /** The zone a reference (or a literal id) points to, if it is in the stack. */
  zone(value: string): Zone | undefined {
    const target = this.model.resolve(value)?.target;
    this.zoneByAddress ??= new Map(this.zones.map((z) => [z.address, z]));
    return target ? this.zoneByAddress.get(target.address) : undefined;
  }

  /** Group names (okta_group resources and data sources), sorted, and Everyone. */
  get groups(): readonly string[] {
    return (this.groupList ??= [
      ...new Set([
        ...this.model
          .resources('okta_group')
          .map((g) => this.labels.of(g))
          .sort(),
        EVERYONE,
      ]),
    ]);
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

  /** The OIDC apps (okta_app_oauth), in stack order. */
  get apps(): readonly OAuthApp[] {
    return (this.appList ??= this.readApps());
  }

  /** The app by key or label. */
  app(keyOrLabel: string): OAuthApp | undefined {
    return this.apps.find((a) => a.key === keyOrLabel) ?? this.apps.find((a) => a.label === keyOrLabel);
  }

  private readApps(): OAuthApp[] {
    // Trusted origins by every construct path above them: an app's are those below its own path.
    const origins = new Map<string, string[]>();
    for (const o of this.model.resources('okta_trusted_origin')) {
      const parts = logicalPath(o).split('/');
      for (let i = 1; i < parts.length; i++) {
        const above = parts.slice(0, i).join('/');
        const list = origins.get(above) ?? [];
        list.push(str(o.attrs.origin) ?? o.name);
        origins.set(above, list);
      }
    }
    return this.model.resources('okta_app_oauth').map((app) => {
      const a = app.attrs;
      const policy = this.model.resolve(a.authentication_policy)?.target;
      return {
        key: appKey(app),
        label: this.labels.of(app),
        address: app.address,
        resource: app,
        type: str(a.type) ?? '',
        grantTypes: stringList(a.grant_types),
        groups: assignedGroupIds(this.model, app).map((id) => this.groupName(id)),
        signOnPolicy: policy?.type === 'okta_app_signon_policy' ? policy : undefined,
        authenticationPolicy: a.authentication_policy,
        redirectUris: stringList(a.redirect_uris),
        postLogoutRedirectUris: stringList(a.post_logout_redirect_uris),
        tokenEndpointAuthMethod: str(a.token_endpoint_auth_method),
        pkceRequired: bool(a.pkce_required),
        refreshTokenRotation: str(a.refresh_token_rotation),
        omitSecret: bool(a.omit_secret),
        implicitAssignment: bool(a.implicit_assignment),
        trustedOrigins: origins.get(logicalPath(app)) ?? [],
        protected: isProtected(app),
      };
    });
  }

  /** Every looked-up app whose existing authentication policy the stack adds rules to. */
  get adminSurfaces(): readonly AdminSurfaceApp[] {
    return (this.surfaceList ??= this.model
      .resources('okta_app_signon_policy')
      .filter((p) => p.mode === 'data')
      .flatMap((policy) => {
        const app = this.model.resolve(policy.attrs.app_id)?.target;
        if (!app || app.type !== 'okta_app') return [];
        const label = str(app.attrs.label) ?? str(app.attrs.label_prefix) ?? app.name;
        const key = Object.entries(ADMIN_SURFACES).find(([, l]) => l === label)?.[0] ?? label;
        const rules = byPriority(this.model.referrers('okta_app_signon_policy_rule', 'policy_id', policy));
        const coverage = this.coverageOf(rules, key === 'admin-console' ? this.adminRoles : []);
        const named = rules.flatMap((r) => [
          ...this.groupsIn(r, 'groups_included'),
          ...this.groupsIn(r, 'groups_excluded'),
        ]);
        // The groups a lock-out check asks about: those the rules name, Everyone when covered, role holders.
        const groups = [
          ...new Set([...named, ...(coverage.everyone ? [EVERYONE] : []), ...coverage.roles.map((r) => r.group)]),
        ].sort();
        const allowing = rules.filter((r) => accessOf(r).toUpperCase() === 'ALLOW');
        const surface: AdminSurfaceApp = {
          key,
          label,
          address: app.address,
          resource: app,
          type: 'web',
          grantTypes: [],
          groups,
          signOnPolicy: policy,
          policy,
          rules,
          adminRules: allowing.filter((r) => !this.breakGlassRule(r, allowing)),
          breakGlassRules: allowing.filter((r) => this.breakGlassRule(r, allowing)),
          coverage,
        };
        return [surface];
      }));
  }

  /** The Okta Admin Console, when the stack adds rules to its policy. */
  get adminConsole(): AdminSurfaceApp | undefined {
    return this.adminSurfaces.find((s) => s.key === 'admin-console');
  }

  /** The admin roles the stack binds to groups (okta_group_role), in stack order. */
  get adminRoles(): readonly AdminRoleBinding[] {
    return (this.roleList ??= this.model.resources('okta_group_role').map((r) => ({
      resource: r,
      address: r.address,
      group: this.groupName(r.attrs.group_id),
      role: str(r.attrs.role_type) ?? '',
    })));
  }

  /** A break-glass rule: an allow rule including only groups that another allow rule of the policy excludes. */
  private breakGlassRule(rule: TfResource, allowing: readonly TfResource[]): boolean {
    const included = this.groupsIn(rule, 'groups_included');
    const excludedElsewhere = new Set(
      allowing.filter((r) => r !== rule).flatMap((r) => this.groupsIn(r, 'groups_excluded')),
    );
    return included.length > 0 && included.every((g) => excludedElsewhere.has(g));
  }

  private coverageOf(rules: readonly TfResource[], roles: readonly AdminRoleBinding[]): AdminCoverage {
    const allowing = rules.filter((r) => accessOf(r).toUpperCase() === 'ALLOW');
    const admin = allowing.filter((r) => !this.breakGlassRule(r, allowing));
    const breakGlass = allowing.filter((r) => this.breakGlassRule(r, allowing));
    const names = (rs: readonly TfResource[], attr: string) => [...new Set(rs.flatMap((r) => this.groupsIn(r, attr)))];
    const included = names(admin, 'groups_included');
    const everyone = included.includes(EVERYONE) || admin.some((r) => this.groupsIn(r, 'groups_included').length === 0);
    return {
      everyone,
      groups: [...new Set([...included, ...(everyone ? [EVERYONE] : [])])].sort(),
      exempt: names(admin, 'groups_excluded').sort(),
      breakGlass: names(breakGlass, 'groups_included').sort(),
      roles,
    };
  }

  /** API Gateway routes, by route key (the order the simulator lists them). */
  get routes(): readonly Route[] {
    return (this.routeList ??= this.model
      .resources('aws_apigatewayv2_route')
      .map((r) => {
        const authorizer = this.model.resolve(r.attrs.authorizer_id)?.target;
        const authorizationType = authorizationTypeOf(r);
        return {
          routeKey: str(r.attrs.route_key) ?? r.name,
          address: r.address,
          resource: r,
          authorizationType,
          public: authorizationType === 'NONE',
          scopes: stringList(r.attrs.authorization_scopes),
          authorizer,
          server: authorizer ? issuerServer(this.model, authorizer) : undefined,
        };
      })
      .sort((a, b) => (a.routeKey < b.routeKey ? -1 : a.routeKey > b.routeKey ? 1 : 0)));
  }

  /** The route by key (`GET /orders/{orderId}`), or the route a concrete request (`GET /orders/42`) hits. */
  route(request: string): Route | undefined {
    const exact = this.routes.find((r) => r.routeKey === request);
    if (exact) return exact;
    const [method, path] = request.split(' ');
    if (!path) return undefined;
    const matches = (r: Route) => {
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
    const vars = (r: Route) => (r.routeKey.match(/\{/g) ?? []).length + (r.routeKey.startsWith('ANY ') ? 0.5 : 0);
    return (
      this.routes.filter(matches).sort((a, b) => vars(a) - vars(b))[0] ??
      this.routes.find((r) => r.routeKey === '$default')
    );
  }

  /** Authorization servers (okta_auth_server), in stack order. */
  get authServers(): readonly AuthServer[] {
    return (this.serverList ??= this.model.resources('okta_auth_server').map((s) => ({
      resource: s,
      address: s.address,
      name: str(s.attrs.name) ?? '',
      audiences: stringList(s.attrs.audiences),
      issuerMode: issuerModeOf(s),
    })));
  }

  /** Custom scopes (okta_auth_server_scope), in stack order. */
  get scopes(): readonly Scope[] {
    return (this.scopeList ??= this.model.resources('okta_auth_server_scope').map((s) => ({
      resource: s,
      name: str(s.attrs.name) ?? s.name,
      consent: consentOf(s),
    })));
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

  /** Authenticators (okta_authenticator), in stack order. */
  get authenticators(): readonly Authenticator[] {
    return (this.authenticatorList ??= this.model.resources('okta_authenticator').map((a) => {
      const key = str(a.attrs.key) ?? a.name;
      const status = statusOf(a);
      return { resource: a, key, name: str(a.attrs.name) ?? key, status, active: status !== 'INACTIVE' };
    }));
  }

  /**
   * The org's default password policy as the stack PUTs it (okta_policy_password_default: the whole policy,
   * every setting as written or the provider's default), when the stack manages it.
   */
  get defaultPasswordPolicy(): PasswordPolicy | undefined {
    if (this.passwordRead === undefined) this.passwordRead = readPasswordPolicy(this.model) ?? null;
    return this.passwordRead ?? undefined;
  }

  /** Global session policies (okta_policy_signon) in priority order. */
  get sessionPolicies(): readonly TfResource[] {
    return (this.sessions ??= byPriority(this.model.resources('okta_policy_signon')));
  }

  /** Enrollment policies (okta_policy_mfa) in priority order. */
  get enrollmentPolicies(): readonly TfResource[] {
    return (this.enrollments ??= byPriority(this.model.resources('okta_policy_mfa')));
  }

  /** Rules of a policy (any Okta rule type) in priority order. */
  rules(type: string, policy: TfResource): readonly TfResource[] {
    return this.inOrder(type, 'policy_id', policy);
  }

  /** Access policies of an authorization server in priority order. */
  accessPolicies(server: TfResource): readonly TfResource[] {
    return this.inOrder('okta_auth_server_policy', 'auth_server_id', server);
  }

  private inOrder(type: string, attribute: string, parent: TfResource): readonly TfResource[] {
    const key = `${type}\0${parent.address}`;
    let list = this.ordered.get(key);
    if (!list) this.ordered.set(key, (list = byPriority(this.model.referrers(type, attribute, parent))));
    return list;
  }

  /** The policy a rule belongs to (its policy_id), when it is in the stack. */
  policyOf(rule: TfResource): TfResource | undefined {
    return this.model.resolve(rule.attrs.policy_id)?.target;
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

  /** An access policy rule (okta_auth_server_policy_rule), read once. */
  accessRule(rule: TfResource): AccessRule {
    return this.record(rule, () => {
      const a = rule.attrs;
      const groups = this.groupsIn(rule, 'group_whitelist');
      const scopes = stringList(a.scope_whitelist);
      return {
        ...this.basics(rule),
        grantTypes: stringList(a.grant_type_whitelist),
        scopes,
        groups,
        blacklist: this.groupsIn(rule, 'group_blacklist'),
        users: stringList(a.user_whitelist).length,
        accessTokenLifetimeMinutes: accessTokenLifetimeOf(rule),
        refreshTokenLifetimeMinutes: num(a.refresh_token_lifetime_minutes),
        refreshTokenWindowMinutes: num(a.refresh_token_window_minutes),
        groupSet: new Set(groups),
        scopeSet: new Set(scopes),
      };
    });
  }

  /** A global session rule (okta_policy_rule_signon), read once. */
  sessionRule(rule: TfResource): SessionRule {
    return this.record(rule, () => {
      const a = rule.attrs;
      return {
        ...this.basics(rule),
        ...networkOf(rule),
        access: accessOf(rule),
        mfaRequired: isTrue(a.mfa_required),
        mfaPrompt: str(a.mfa_prompt),
        mfaLifetimeMinutes: num(a.mfa_lifetime),
        sessionLifetimeMinutes: sessionLifetimeOf(rule),
        sessionIdleMinutes: sessionIdleOf(rule),
        sessionPersistent: isTrue(a.session_persistent),
        primaryFactor: str(a.primary_factor),
        riskLevels: [riskOf(rule, 'risk_level'), riskOf(rule, 'risc_level')],
        behaviours: stringList(a.behaviors).map((b) => this.labels.name(b)),
        identityProvider: str(a.identity_provider),
        authType: str(a.authtype),
      };
    });
  }

  /** An app sign-on rule (okta_app_signon_policy_rule), read once. */
  appRule(rule: TfResource): AppSignOnRule {
    return this.record(rule, () => {
      const a = rule.attrs;
      return {
        ...this.basics(rule),
        ...networkOf(rule),
        access: accessOf(rule),
        factorMode: factorModeOf(rule),
        groups: this.groupsIn(rule, 'groups_included'),
        groupsExcluded: this.groupsIn(rule, 'groups_excluded'),
        users: stringList(a.users_included).length,
        constraints: constraintsOf(rule)
          .map((c) => c.value)
          .filter((c): c is { [key: string]: Json } => c !== undefined),
        reauthenticateMinutes: isoMinutes(str(a.re_authentication_frequency)),
        inactivityMinutes: isoMinutes(str(a.inactivity_period)),
        deviceRegistered: isTrue(a.device_is_registered),
        deviceManaged: deviceManagedOf(rule),
        deviceAssurances: stringList(a.device_assurances_included).map((x) => this.labels.name(x)),
        platforms: platformsOf(rule),
        riskScore: riskOf(rule, 'risk_score'),
        customExpression: str(a.custom_expression),
      };
    });
  }

  /** An enrollment policy (okta_policy_mfa), read once: one attribute per authenticator key, each with `enroll`. */
  enrollmentPolicy(policy: TfResource): EnrollmentPolicy {
    return this.record(policy, () => {
      const required: string[] = [];
      const optional: string[] = [];
      for (const [k, v] of Object.entries(policy.attrs)) {
        const enroll = isObject(v) ? v.enroll : Array.isArray(v) && isObject(v[0]) ? v[0].enroll : undefined;
        if (enroll === 'REQUIRED') required.push(k);
        else if (enroll === 'OPTIONAL') optional.push(k);
      }
      return {
        ...this.basics(policy),
        groups: this.groupsIn(policy, 'groups_included'),
        required: required.sort(),
        optional: optional.sort(),
      };
    });
  }

  private basics(r: TfResource): Ordered {
    const status = statusOf(r);
    return {
      resource: r,
      address: r.address,
      name: str(r.attrs.name) ?? r.name,
      status,
      active: status !== 'INACTIVE',
      priority: num(r.attrs.priority),
    };
  }

  private record<T>(r: TfResource, read: () => T): T {
    let v = this.records.get(r) as T | undefined;
    if (v === undefined) this.records.set(r, (v = read()));
    return v;
  }
}

function networkOf(rule: TfResource): NetworkCondition {
  return {
    connection: networkConnectionOf(rule),
    zonesIncluded: stringList(rule.attrs.network_includes),
    zonesExcluded: stringList(rule.attrs.network_excludes),
  };
}

/** The app's key: its construct id, as the config names it (e.g. `portal`). */
export const appKey = (app: TfResource): string => logicalPath(app).split('/').pop() ?? app.name;

/** The group ids (references, or literals such as EVERYONE) the app's okta_app_group_assignments assign. */
function assignedGroupIds(model: StackModel, app: TfResource): (Json | undefined)[] {
  return model
    .referrers('okta_app_group_assignments', 'app_id', app)
    .flatMap((g) => (Array.isArray(g.attrs.group) ? g.attrs.group : []).map((x) => attr(x as never, 'id')));
}

/** Whether a resource is protected against deletion (lifecycle.prevent_destroy). */
export function isProtected(r: TfResource | undefined): boolean {
  return r !== undefined && attr(r.attrs, 'lifecycle', 'prevent_destroy') === true;
}

function bool(v: Json | undefined): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}
