/**
 * The parts of an MFA rollout's props (OktaMfaRolloutProps) that the rollout's sub-constructs take too:
 * authenticators, waves, zones, tiers and admin surfaces. Kept apart from mfa-rollout.ts, which composes the
 * sub-constructs and re-exports these, so no sub-construct imports its parent.
 */
import type { ManagedAuthenticator } from '../../../domain/okta/authenticators';

export type AuthenticatorStatus = 'ACTIVE' | 'INACTIVE';
export type Enrollment = 'REQUIRED' | 'OPTIONAL' | 'NOT_ALLOWED';

export interface AuthenticatorSpec {
  /** INACTIVE is how an authenticator is removed: Okta cannot delete one, only deactivate it. */
  readonly status: AuthenticatorStatus;
  /** In the enrollment policy of the enforced groups; an INACTIVE authenticator is NOT_ALLOWED. */
  readonly enrollment: Enrollment;
}

export interface OktaVerifySpec extends AuthenticatorSpec {
  /** Number challenge (channel binding) on push. @default 'ALWAYS' */
  readonly numberChallenge?: 'ALWAYS' | 'HIGH_RISK_ONLY' | 'NEVER';
  /** PIN or biometrics in Okta Verify. @default 'REQUIRED' */
  readonly userVerification?: 'REQUIRED' | 'PREFERRED';
  /** FIPS-compliant devices only (REQUIRED) or any (OPTIONAL). @default 'OPTIONAL' */
  readonly fips?: 'OPTIONAL' | 'REQUIRED';
}

export interface EmailAuthenticatorSpec extends AuthenticatorSpec {
  /** For password recovery only (allowedFor recovery): email is then never a sign-in factor. @default false */
  readonly recoveryOnly?: boolean;
  /** Lifetime of an emailed code or link, minutes. @default 5 */
  readonly tokenLifetimeMinutes?: number;
}

export interface SecurityQuestionSpec extends AuthenticatorSpec {
  /**
   * Kept ACTIVE for password recovery only: the password policy offers recovery by question, and the
   * authenticator is never a sign-in factor (allowedFor recovery). Required for ACTIVE. @default false
   */
  readonly recovery?: boolean;
}

/** The authenticators with settings beyond status and enrollment. */
interface AuthenticatorSettingsSpecs {
  /** Okta Verify (push with number challenge, FastPass). */
  readonly 'okta-verify': OktaVerifySpec;
  /** Email: a second factor, or with `recoveryOnly` for password recovery only. */
  readonly email: EmailAuthenticatorSpec;
  /** Security question: INACTIVE, or ACTIVE for password recovery only. */
  readonly 'security-question': SecurityQuestionSpec;
}

/** Every managed authenticator (domain/okta/authenticators.ts), by config name. */
export type MfaAuthenticatorsSpec = {
  readonly [K in ManagedAuthenticator]: K extends keyof AuthenticatorSettingsSpecs
    ? AuthenticatorSettingsSpecs[K]
    : AuthenticatorSpec;
};

export interface RolloutWave {
  /** Stable wave key, e.g. `pilot`; the current phase names one. */
  readonly key: string;
  /** Group keys known to `groups`; the Everyone key only in the last wave. */
  readonly groups: readonly string[];
}

export interface CorporateZoneSpec {
  /** Zone name shown in Okta. */
  readonly name: string;
  /** Public egress addresses: CIDR blocks or IPv4 ranges. */
  readonly gateways: readonly string[];
}

export interface BlocklistSpec {
  /** ISO 3166-1 alpha-2 country codes (optionally `-region`) to deny. @default [] */
  readonly countries?: readonly string[];
  /** Anonymizing proxies to deny: Tor only, or every anonymizing proxy. @default 'none' */
  readonly anonymizers?: 'none' | 'tor' | 'any-proxy';
  /**
   * Also block these networks org-wide, before any policy is evaluated and on every URL of the org
   * (zones with usage BLOCKLIST, beside the POLICY zones the rules deny).
   * @default false
   */
  readonly orgWide?: boolean;
}

export interface SignOnTierSpec {
  /** Re-authentication interval in minutes (standard at most 1440, high 120, critical 30). */
  readonly reauthenticateMinutes: number;
  /** Keys of `deviceAssurance` policies a device must meet (any one; high and critical only). @default [] */
  readonly deviceAssurances?: readonly string[];
}

export interface CriticalTierSpec extends SignOnTierSpec {
  /** Allow only registered, managed devices; needs `deviceManagement`. @default false */
  readonly requireManagedDevice?: boolean;
}

export interface AdminSurfacesSpec {
  /** Also the Okta Dashboard, not only the Admin Console. @default false */
  readonly dashboard?: boolean;
  /** Group keys the phishing-resistant rule applies to. */
  readonly groups: readonly string[];
  /** Group key of the break-glass accounts: excluded from the rule, admitted by a rule of their own. */
  readonly breakGlassGroup: string;
  /** Re-authentication interval of the rule, minutes. @default 60 */
  readonly reauthenticateMinutes?: number;
  /** Okta admin roles bound to groups (okta_group_role), by group key. @default {} */
  readonly roles?: Readonly<Record<string, readonly string[]>>;
  /**
   * Authenticators (config names) the break-glass rule accepts beside the password: hardware-protected ones.
   * @default - security keys (DEFAULT_BREAK_GLASS_AUTHENTICATORS)
   */
  readonly breakGlassAuthenticators?: readonly string[];
  /** Re-authentication interval of the break-glass rule, minutes. @default 15 */
  readonly breakGlassReauthenticateMinutes?: number;
}
