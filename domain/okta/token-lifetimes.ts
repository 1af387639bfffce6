/**
 * The create-time rules the okta provider 4.20.0 applies to an auth server policy rule's token
 * lifetimes (validateAuthServerPolicyRule, okta/resource_okta_auth_server_policy_rule.go:318-325):
 * with a refresh token lifetime set, it must be at least the access token lifetime, and the refresh
 * token window must lie between the two. Apply fails otherwise, so synth refuses first.
 */

export interface TokenLifetimes {
  /** Access token lifetime, minutes. */
  readonly accessTokenLifetimeMinutes: number;
  /** Refresh token lifetime, minutes. @default - unset: the provider checks nothing */
  readonly refreshTokenLifetimeMinutes?: number;
  /** Refresh token window (idle expiry), minutes. @default 10080 (the provider's default, line 88) */
  readonly refreshTokenWindowMinutes?: number;
}

export interface LifetimeProblem {
  /** The field at fault. */
  readonly field: 'refreshTokenLifetimeMinutes' | 'refreshTokenWindowMinutes';
  /** What is wrong, the values and the allowed range. */
  readonly message: string;
}

/** refresh_token_window_minutes when unset (resource_okta_auth_server_policy_rule.go:88). */
/** Access token lifetime Okta accepts, minutes (okta provider 4.20.0 resource_okta_auth_server_policy_rule.go:78). */
export const ACCESS_TOKEN_MINUTES = { min: 5, max: 1440 } as const;
/** Refresh token idle window Okta accepts, minutes: 5 minutes to 5 years (same file, line 89). */
export const REFRESH_WINDOW_MINUTES = { min: 5, max: 5 * 365 * 24 * 60 } as const;
/** Refresh token lifetime this project accepts, minutes: 10 minutes to 5 years. */
export const REFRESH_LIFETIME_MINUTES = { min: 10, max: 5 * 365 * 24 * 60 } as const;

/** Refresh token idle window when unset, minutes (same file, lines 85-89). */
export const PROVIDER_DEFAULT_WINDOW_MINUTES = 10080;

const SOURCE = 'okta provider: resource_okta_auth_server_policy_rule.go';

/** What the provider would refuse about these lifetimes of rule `rule` (empty when none). */
export function tokenLifetimeProblems(rule: string, t: TokenLifetimes): LifetimeProblem[] {
  const access = t.accessTokenLifetimeMinutes;
  const refresh = t.refreshTokenLifetimeMinutes;
  const window = t.refreshTokenWindowMinutes ?? PROVIDER_DEFAULT_WINDOW_MINUTES;
  if (refresh === undefined || refresh <= 0) return [];
  if (refresh < access) {
    return [
      {
        field: 'refreshTokenLifetimeMinutes',
        message:
          `rule '${rule}': the refresh token lifetime (${refresh}) is shorter than ` +
          `the access token lifetime (${access}); allowed: at least ${access} minutes (${SOURCE}:321)`,
      },
    ];
  }
  if (window < access || window > refresh) {
    return [
      {
        field: 'refreshTokenWindowMinutes',
        message:
          `rule '${rule}': the refresh token window (${window}) must lie between ` +
          `the access token lifetime (${access}) and the refresh token lifetime (${refresh}); ` +
          `allowed: ${access} to ${refresh} minutes (${SOURCE}:324)`,
      },
    ];
  }
  return [];
}
