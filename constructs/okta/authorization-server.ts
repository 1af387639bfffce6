import { Construct } from 'constructs';
import { Fn, Token, type ITerraformDependable } from 'cdktf';
import { AuthServer } from '@cdktf/provider-okta/lib/auth-server';
import { AuthServerScope } from '@cdktf/provider-okta/lib/auth-server-scope';
import { AuthServerClaim } from '@cdktf/provider-okta/lib/auth-server-claim';
import { AuthServerPolicy } from '@cdktf/provider-okta/lib/auth-server-policy';
import { AuthServerPolicyRule } from '@cdktf/provider-okta/lib/auth-server-policy-rule';
import { tokenLifetimeProblems } from '../../domain/okta/token-lifetimes';
import { SYSTEM_SCOPES, type AppGrantType } from '../../domain/oauth-clients';

export type IssuerMode = 'ORG_URL' | 'CUSTOM_URL';
export type TokenGrantType = AppGrantType;

export { SYSTEM_SCOPES };

export interface ScopeSpec {
  /** Scope name as it appears in `scp`, e.g. `orders:read`. */
  readonly name: string;
  /** Shown on the consent screen. */
  readonly description: string;
  /** @default 'IMPLICIT' */
  readonly consent?: 'IMPLICIT' | 'REQUIRED';
  /** Granted when a client requests no scope. @default false */
  readonly default?: boolean;
}

export interface ClaimSpec {
  /** Claim name in the token. */
  readonly name: string;
  /** @default 'RESOURCE' (access token) */
  readonly claimType?: 'RESOURCE' | 'IDENTITY';
  /** An Okta expression, or a filter over the user's groups. */
  readonly valueType: 'EXPRESSION' | 'GROUPS';
  /** An Okta expression, or the group filter value for GROUPS claims. */
  readonly value: string;
  /** How `value` filters groups. @default - none (required for GROUPS claims) */
  readonly groupFilterType?: 'STARTS_WITH' | 'EQUALS' | 'CONTAINS' | 'REGEX';
  /** Include only when one of these scopes is requested. @default - always included */
  readonly scopes?: readonly string[];
}

export interface AccessRuleSpec {
  /** Rule name, unique within its policy. */
  readonly name: string;
  /** Grant types this rule allows. */
  readonly grantTypes: readonly TokenGrantType[];
  /** Group ids whose members may receive the scopes. */
  readonly groupIds: readonly string[];
  /** Scopes this rule may grant; never `*`. */
  readonly scopes: readonly string[];
  /** 5 to 1440. */
  readonly accessTokenLifetimeMinutes: number;
  /** Refresh token lifetime. @default - none (required when grantTypes include refresh_token) */
  readonly refreshTokenLifetimeMinutes?: number;
  /** Refresh token idle expiry. @default - none (required when grantTypes include refresh_token) */
  readonly refreshTokenWindowMinutes?: number;
}

export interface AccessPolicySpec {
  /** Stable key; it is the policy's construct id. */
  readonly key: string;
  /** Policy name shown in Okta. */
  readonly name: string;
  /** One-line description. */
  readonly description: string;
  /** client_id of every app this policy applies to. */
  readonly clientIds: readonly string[];
  /** In priority order (first = priority 1). */
  readonly rules: readonly AccessRuleSpec[];
}

export interface OktaAuthorizationServerProps {
  /** Name shown in the Okta admin console. */
  readonly name: string;
  /** One-line description. */
  readonly description: string;
  /** The single audience tokens are minted for (Okta supports one). */
  readonly audience: string;
  /** @default 'ORG_URL' */
  readonly issuerMode?: IssuerMode;
  /** Custom scopes. */
  readonly scopes: readonly ScopeSpec[];
  /** Custom claims. */
  readonly claims: readonly ClaimSpec[];
  /** Access policies in priority order (first = priority 1). */
  readonly policies: readonly AccessPolicySpec[];
  /** Adds prevent_destroy to the server. @default false */
  readonly protect?: boolean;
}

/**
 * A custom Okta authorization server: keys rotate automatically, every scope and claim is declared, and
 * access policies grant named scopes to named groups through named clients with explicit lifetimes.
 * Policy and rule priorities are unique from 1 and chained with depends_on so Okta never reorders them.
 */
export class OktaAuthorizationServer extends Construct {
  /** The okta_auth_server. */
  readonly resource: AuthServer;
  /** Issuer URL (reference to the server's `issuer` attribute; no trailing slash). */
  readonly issuer: string;
  /** The audience (reference to the server's single audience). */
  readonly audience: string;
  /** The audiences list (reference), for the JWT authorizer. */
  readonly audiences: string[];
  /** The server id (reference). */
  readonly serverId: string;
  /** Custom scopes by name. */
  readonly scopes: Readonly<Record<string, AuthServerScope>>;
  /** Custom scope names, in declaration order. */
  readonly scopeNames: readonly string[];
  /** Policies by key and their rules in priority order. */
  readonly policies: Readonly<
    Record<string, { readonly policy: AuthServerPolicy; readonly rules: readonly AuthServerPolicyRule[] }>
  >;

  constructor(scope: Construct, id: string, props: OktaAuthorizationServerProps) {
    super(scope, id);
    validate(props);
    const issuerMode = props.issuerMode ?? 'ORG_URL';
    const lifecycle = props.protect ? { preventDestroy: true } : undefined;

    this.resource = new AuthServer(this, 'Resource', {
      name: props.name,
      description: props.description,
      audiences: [props.audience],
      issuerMode,
      credentialsRotationMode: 'AUTO',
      status: 'ACTIVE',
      lifecycle,
    });
    this.serverId = this.resource.id;
    this.issuer = this.resource.issuer;
    this.audiences = this.resource.audiences;
    this.audience = Fn.one(this.resource.audiences);

    // Child ids are the config keys (scope name, claim name, policy key, rule name): renaming one replaces it.
    const scopeParent = new Construct(this, 'Scopes');
    const scopes: Record<string, AuthServerScope> = {};
    for (const s of props.scopes) {
      scopes[s.name] = new AuthServerScope(scopeParent, s.name, {
        authServerId: this.serverId,
        name: s.name,
        description: s.description,
        displayName: s.description,
        consent: s.consent ?? 'IMPLICIT',
        default: s.default ?? false,
        metadataPublish: 'NO_CLIENTS',
      });
    }
    this.scopes = scopes;
    this.scopeNames = props.scopes.map((s) => s.name);

    const claimParent = new Construct(this, 'Claims');
    for (const c of props.claims) {
      new AuthServerClaim(claimParent, c.name, {
        authServerId: this.serverId,
        name: c.name,
        claimType: c.claimType ?? 'RESOURCE',
        valueType: c.valueType,
        value: c.value,
        groupFilterType: c.groupFilterType,
        scopes: c.scopes ? [...c.scopes] : undefined,
        alwaysIncludeInToken: alwaysIncludeInToken(c),
        status: 'ACTIVE',
        dependsOn: (c.scopes ?? []).map((n) => scopes[n]),
      });
    }

    const policies: Record<string, { policy: AuthServerPolicy; rules: AuthServerPolicyRule[] }> = {};
    const policyParent = new Construct(this, 'Policies');
    let previousPolicy: ITerraformDependable | undefined;
    props.policies.forEach((p, pi) => {
      const policyScope = new Construct(policyParent, p.key);
      const policy = new AuthServerPolicy(policyScope, 'Resource', {
        authServerId: this.serverId,
        name: p.name,
        description: p.description,
        priority: pi + 1,
        clientWhitelist: [...p.clientIds],
        status: 'ACTIVE',
        dependsOn: previousPolicy ? [previousPolicy] : undefined,
      });
      previousPolicy = policy;
      const rules: AuthServerPolicyRule[] = [];
      p.rules.forEach((r, ri) => {
        const previous = rules[ri - 1];
        const named = r.scopes.filter((n) => scopes[n]).map((n) => scopes[n]);
        rules.push(
          new AuthServerPolicyRule(policyScope, r.name, {
            authServerId: this.serverId,
            policyId: policy.id,
            name: r.name,
            priority: ri + 1,
            status: 'ACTIVE',
            type: 'RESOURCE_ACCESS',
            grantTypeWhitelist: [...r.grantTypes],
            groupWhitelist: [...r.groupIds],
            scopeWhitelist: [...r.scopes],
            accessTokenLifetimeMinutes: r.accessTokenLifetimeMinutes,
            refreshTokenLifetimeMinutes: r.refreshTokenLifetimeMinutes,
            refreshTokenWindowMinutes: r.refreshTokenWindowMinutes,
            dependsOn: [...(previous ? [previous] : []), ...named],
          }),
        );
      });
      policies[p.key] = { policy, rules };
    });
    this.policies = policies;
  }
}

/**
 * Okta includes an access-token (RESOURCE) claim whenever its conditions match and reads
 * alwaysIncludeInToken back as true for it (resource_okta_auth_server_claim.go:95): writing false would
 * show a change on every plan. The `scopes` condition is what limits when the claim appears. For ID-token
 * (IDENTITY) claims, false keeps a claim with scopes out of ID tokens unless one of them is requested.
 */
export function alwaysIncludeInToken(claim: Pick<ClaimSpec, 'claimType' | 'scopes'>): boolean {
  return (claim.claimType ?? 'RESOURCE') === 'RESOURCE' || claim.scopes === undefined;
}

function validate(props: OktaAuthorizationServerProps): void {
  const fail = (prop: string, value: unknown, allowed: string) => {
    throw new Error(`OktaAuthorizationServer: ${prop} = ${JSON.stringify(value)} is invalid: ${allowed}`);
  };
  if ((props.issuerMode as string | undefined) === 'DYNAMIC') {
    fail('issuerMode', 'DYNAMIC', 'ORG_URL or CUSTOM_URL (the JWT authorizer needs one fixed issuer)');
  }
  const defined = new Set(props.scopes.map((s) => s.name));
  if (defined.size !== props.scopes.length)
    fail(
      'scopes',
      props.scopes.map((s) => s.name),
      'unique names',
    );
  if (!props.claims.some((c) => c.valueType === 'GROUPS' && c.groupFilterType)) {
    fail(
      'claims',
      props.claims.map((c) => c.name),
      'at least one GROUPS claim with a groupFilterType',
    );
  }
  const policyKeys = new Set<string>();
  for (const p of props.policies) {
    if (policyKeys.has(p.key)) fail('policies.key', p.key, 'unique keys');
    policyKeys.add(p.key);
    if (p.clientIds.length === 0)
      fail(
        `policies[${p.key}].clientIds`,
        [],
        'at least one client: a policy without clients would target every client',
      );
    if (p.rules.length === 0) fail(`policies[${p.key}].rules`, [], 'at least one rule');
    for (const r of p.rules) {
      const where = `policies[${p.key}].rules[${r.name}]`;
      for (const s of r.scopes) {
        if (s === '*') fail(`${where}.scopes`, r.scopes, "named scopes; '*' would grant every scope");
        if (!defined.has(s) && !SYSTEM_SCOPES.includes(s))
          fail(`${where}.scopes`, s, `a scope of this server: ${[...defined].join(', ')}`);
      }
      if (r.groupIds.length === 0) fail(`${where}.groupIds`, [], 'at least one group');
      if (
        !Token.isUnresolved(r.accessTokenLifetimeMinutes) &&
        (r.accessTokenLifetimeMinutes < 5 || r.accessTokenLifetimeMinutes > 1440)
      ) {
        fail(`${where}.accessTokenLifetimeMinutes`, r.accessTokenLifetimeMinutes, '5 to 1440 minutes');
      }
      if (
        r.grantTypes.includes('refresh_token') &&
        (r.refreshTokenLifetimeMinutes === undefined || r.refreshTokenWindowMinutes === undefined)
      ) {
        fail(
          `${where}.refreshTokenLifetimeMinutes`,
          r.refreshTokenLifetimeMinutes,
          'a finite lifetime and window when refresh_token is granted',
        );
      }
      const lifetimes = [r.accessTokenLifetimeMinutes, r.refreshTokenLifetimeMinutes, r.refreshTokenWindowMinutes];
      if (!lifetimes.some((v) => v !== undefined && Token.isUnresolved(v))) {
        for (const pr of tokenLifetimeProblems(r.name, r)) fail(`${where}.${pr.field}`, r[pr.field], pr.message);
      }
    }
  }
}
