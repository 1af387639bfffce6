import { Construct } from 'constructs';
import { Token } from 'cdktf';
import type { Authenticator } from '@cdktf/provider-okta/lib/authenticator';
import type { PolicyMfa } from '@cdktf/provider-okta/lib/policy-mfa';
import type { PolicyMfaDefault } from '@cdktf/provider-okta/lib/policy-mfa-default';
import type { PolicyPasswordDefault } from '@cdktf/provider-okta/lib/policy-password-default';
import type { PolicySignon } from '@cdktf/provider-okta/lib/policy-signon';
import type { PolicyRuleSignon } from '@cdktf/provider-okta/lib/policy-rule-signon';
import { ThreatInsightSettings } from '@cdktf/provider-okta/lib/threat-insight-settings';
import type { IGroupLookup } from './groups';
import { ipRangeProblem } from '../../domain/okta/network-ranges';
import {
  AUTHENTICATOR_KEYS,
  TIER_MAX_REAUTH_MINUTES,
  SIGN_ON_TIERS,
  tierGuarantee,
  type AssuranceLevel,
  type AuthenticatorKey,
  type SignOnTier,
} from '../../domain/okta/sign-on-constraints';
import { RolloutNetworkZones } from './rollout/network-zones';
import { RolloutAuthenticators } from './rollout/authenticators';
import { EnrollmentPolicy, GlobalSessionPolicy, OrgDefaultPolicies } from './rollout/policies';
import { AppSignOnTiers, type TierPolicy } from './rollout/app-sign-on';
import { DeviceAssurancePolicies, type DeviceAssuranceSpec } from './rollout/device-assurance';
import { RolloutBehaviors, type BehaviorSpec } from './rollout/behaviors';
import type { HighRiskAction } from '../../domain/okta/adaptive';

export type { BehaviorSpec, DeviceAssuranceSpec, HighRiskAction };
import { AdminSurfaces } from './rollout/admin-surfaces';

export { AUTHENTICATOR_KEYS, TIER_MAX_REAUTH_MINUTES, type AuthenticatorKey };
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

export interface MfaAuthenticatorsSpec {
  /** Okta Verify (push with number challenge, FastPass). */
  readonly 'okta-verify': OktaVerifySpec;
  /** FIDO2 / WebAuthn security keys and platform biometrics. */
  readonly webauthn: AuthenticatorSpec;
  /** Email: a second factor, or with `recoveryOnly` for password recovery only. */
  readonly email: EmailAuthenticatorSpec;
  /** The password. */
  readonly password: AuthenticatorSpec;
  /** SMS and voice: phishable and SIM-swappable, never the only second factor. */
  readonly phone: AuthenticatorSpec;
}

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
  /** Group key of the break-glass accounts, excluded from the rule. */
  readonly breakGlassGroup: string;
  /** Re-authentication interval of the rule, minutes. @default 60 */
  readonly reauthenticateMinutes?: number;
}

export interface OktaMfaRolloutProps {
  /** Resolves the waves' group keys to group ids (OktaGroups, or any lookup). */
  readonly groups: IGroupLookup;
  /** Waves in rollout order. */
  readonly waves: readonly RolloutWave[];
  /** Key of the last enforced wave: every group of every wave up to and including it is enforced. */
  readonly currentPhase: string;
  /** Every authenticator, each with a status (Okta cannot delete one). */
  readonly authenticators: MfaAuthenticatorsSpec;
  /** Global session lifetime for the enforced groups, 15 to 1440 minutes. */
  readonly sessionLifetimeMinutes: number;
  /** Global session idle time, 5 to 240 minutes and at most the lifetime. */
  readonly sessionIdleMinutes: number;
  /** Re-authentication (and device) requirements of the three app sign-on tiers. */
  readonly tiers: {
    readonly standard: SignOnTierSpec;
    readonly high: SignOnTierSpec;
    readonly critical: CriticalTierSpec;
  };
  /** Corporate egress IP zones by key (excluded from ThreatInsight). @default {} */
  readonly corporateZones?: Readonly<Record<string, CorporateZoneSpec>>;
  /** Networks every policy denies first. */
  readonly blocklist: BlocklistSpec;
  /** ThreatInsight action for the org. @default - ThreatInsight is not managed here */
  readonly threatInsightAction?: 'block' | 'audit' | 'none';
  /** Adds prevent_destroy to authenticators and app sign-on policies. @default false */
  readonly protect?: boolean;
  /**
   * Manage the org's default enrollment (okta_policy_mfa_default) and password (okta_policy_password_default)
   * policies, so no policy outside this stack still offers an authenticator it deactivates.
   * @default true
   */
  readonly manageOrgDefaults?: boolean;
  /**
   * The org has risk scoring. Without it, global session rules send no riskScore condition, which such
   * orgs reject (okta provider issues 1802, 1079).
   * @default false
   */
  readonly riskScoring?: boolean;
  /** The org allows identity-provider conditions in sign-on rules. @default false */
  readonly identityProviderConditions?: boolean;
  /** The org has device management, so a rule may require a managed device. @default false */
  readonly deviceManagement?: boolean;
  /** Device assurance policies by key, which the high and critical tiers name. @default {} */
  readonly deviceAssurance?: Readonly<Record<string, DeviceAssuranceSpec>>;
  /**
   * What HIGH risk leads to per tier (app sign-on risk_score rules), and a HIGH-risk global session rule;
   * needs riskScoring. @default - no risk rules
   */
  readonly highRisk?: Readonly<Record<SignOnTier, HighRiskAction>>;
  /** Behaviours (defined or looked up) whose detection forces MFA in the global session. @default {} */
  readonly behaviors?: Readonly<Record<string, BehaviorSpec>>;
  /** Global session lifetime after a HIGH-risk or anomalous sign-in, minutes. @default 60 */
  readonly adaptiveSessionLifetimeMinutes?: number;
  /** A phishing-resistant rule on Okta's own admin surfaces, break-glass excluded. @default - none */
  readonly adminSurfaces?: AdminSurfacesSpec;
}

/**
 * The organisation-wide MFA rollout ("GMR"):
 * - authenticators with explicit status (removal = INACTIVE: Okta only deactivates them);
 * - corporate IP zones and blocklist zones (countries, anonymizers): POLICY zones every rule list denies
 *   first and, where the blocklist is org-wide, BLOCKLIST twins that Okta applies before any policy;
 * - an Identity Engine enrollment policy and a global session policy for the enforced groups, that is
 *   every group of every wave up to and including the current phase;
 * - the org's default enrollment and password policies (phone NOT_ALLOWED where it is off, recovery by
 *   email only), which an inactive authenticator's deactivation waits for;
 * - one app sign-on (authentication) policy per sensitivity tier, standard / high / critical;
 * - optionally the org's ThreatInsight action.
 * Every rule list denies the blocklist first; priorities are unique from 1 and chained with depends_on.
 */
export class OktaMfaRollout extends Construct {
  /** Group ids the rollout enforces now. */
  readonly enforcedGroupIds: readonly string[];
  /** Whether the current phase includes the Everyone group. */
  readonly coversEveryone: boolean;
  /** okta_authenticator by config key. */
  readonly authenticators: Readonly<Record<AuthenticatorKey, Authenticator>>;
  /** Blocklist zone ids (references): POLICY zones, denied first by every rule list. */
  readonly blocklistZoneIds: readonly string[];
  /** Org-wide blocklist zone ids (usage BLOCKLIST; references), when `blocklist.orgWide`. */
  readonly orgBlocklistZoneIds: readonly string[];
  /** Corporate IP zone ids by key (references). */
  readonly corporateZoneIds: Readonly<Record<string, string>>;
  /** The enrollment policy of the enforced groups. */
  readonly enrollmentPolicy: PolicyMfa;
  /** The org's default enrollment policy (everyone the rollout does not enforce yet), when managed. */
  readonly defaultEnrollmentPolicy?: PolicyMfaDefault;
  /** The org's default password policy (recovery: email only), when managed. */
  readonly defaultPasswordPolicy?: PolicyPasswordDefault;
  /** The global session policy of the enforced groups. */
  readonly globalSessionPolicy: PolicySignon;
  /** Global session rules in priority order. */
  readonly globalSessionRules: readonly PolicyRuleSignon[];
  /** App sign-on policy and its rules (priority order) by tier. */
  readonly tierPolicies: Readonly<Record<SignOnTier, TierPolicy>>;
  /** The device assurance policies. */
  readonly deviceAssurance: DeviceAssurancePolicies;
  /** The behaviours (ids of those rules act on). */
  readonly behaviors: RolloutBehaviors;
  /** The rules on Okta's own admin surfaces, when configured. */
  readonly adminSurfaces?: AdminSurfaces;

  constructor(scope: Construct, id: string, props: OktaMfaRolloutProps) {
    super(scope, id);
    validate(props);
    const protect = props.protect ?? false;
    const phase = props.currentPhase;

    // Enforced groups: every wave up to and including the current phase. With Everyone, only Everyone.
    const phaseIndex = props.waves.findIndex((w) => w.key === phase);
    const enforcedKeys = [...new Set(props.waves.slice(0, phaseIndex + 1).flatMap((w) => w.groups))];
    this.coversEveryone = enforcedKeys.includes(props.groups.everyoneKey);
    this.enforcedGroupIds = (this.coversEveryone ? [props.groups.everyoneKey] : enforcedKeys).map((k) =>
      props.groups.idOf(k),
    );
    const groupIds = this.enforcedGroupIds;

    const zones = new RolloutNetworkZones(this, 'NetworkZones', {
      corporateZones: props.corporateZones ?? {},
      blocklist: props.blocklist,
    });
    this.corporateZoneIds = zones.corporateZoneIds;
    this.blocklistZoneIds = zones.blocklistZoneIds;
    this.orgBlocklistZoneIds = zones.orgBlocklistZoneIds;

    // Active authenticators exist before the enrollment policies offer them; inactive ones are deactivated
    // only after every policy stopped offering them.
    const authenticators = new RolloutAuthenticators(this, 'Authenticators', { specs: props.authenticators, protect });
    const specs = { authenticators: props.authenticators, dependsOn: authenticators.active };
    this.enrollmentPolicy = new EnrollmentPolicy(this, 'Enrollment', { ...specs, groupIds, phase }).policy;
    const defaults = (props.manageOrgDefaults ?? true) ? new OrgDefaultPolicies(this, 'OrgDefaults', specs) : undefined;
    this.defaultEnrollmentPolicy = defaults?.enrollment;
    this.defaultPasswordPolicy = defaults?.password;
    const inUse = [this.enrollmentPolicy, ...(defaults ? [defaults.enrollment, defaults.password] : [])];
    this.authenticators = authenticators.deactivateAfter(inUse);

    this.deviceAssurance = new DeviceAssurancePolicies(this, 'DeviceAssurance', { policies: props.deviceAssurance });
    this.behaviors = new RolloutBehaviors(this, 'Behaviors', { behaviors: props.behaviors });

    const session = new GlobalSessionPolicy(this, 'GlobalSession', {
      groupIds,
      phase,
      blocklistZoneIds: this.blocklistZoneIds,
      sessionLifetimeMinutes: props.sessionLifetimeMinutes,
      sessionIdleMinutes: props.sessionIdleMinutes,
      riskScoring: props.riskScoring ?? false,
      identityProviderConditions: props.identityProviderConditions ?? false,
      highRiskRule: props.highRisk !== undefined,
      behaviorIds: this.behaviors.enforcedIds,
      adaptiveSessionLifetimeMinutes: props.adaptiveSessionLifetimeMinutes,
    });
    this.globalSessionPolicy = session.policy;
    this.globalSessionRules = session.rules;

    this.tierPolicies = new AppSignOnTiers(this, 'AppSignOn', {
      enforcedGroupIds: groupIds,
      coversEveryone: this.coversEveryone,
      tiers: props.tiers,
      blocklistZoneIds: this.blocklistZoneIds,
      protect,
      highRisk: props.highRisk,
      deviceAssuranceIds: {
        high: this.deviceAssurance.idsOf(props.tiers.high.deviceAssurances ?? []),
        critical: this.deviceAssurance.idsOf(props.tiers.critical.deviceAssurances ?? []),
      },
    }).byTier;

    const admin = props.adminSurfaces;
    if (admin) {
      this.adminSurfaces = new AdminSurfaces(this, 'AdminSurfaces', {
        dashboard: admin.dashboard,
        groupIds: admin.groups.map((k) => props.groups.idOf(k)),
        breakGlassGroupId: props.groups.idOf(admin.breakGlassGroup),
        reauthenticateMinutes: admin.reauthenticateMinutes,
        blocklistZoneIds: this.blocklistZoneIds,
      });
    }

    if (props.threatInsightAction) {
      const corporate = this.corporateZoneIds;
      new ThreatInsightSettings(this, 'ThreatInsight', {
        action: props.threatInsightAction,
        networkExcludes: Object.keys(corporate)
          .sort()
          .map((k) => corporate[k]),
      });
    }
  }

  /** The authentication policy id apps of a tier use (reference). */
  policyIdFor(tier: SignOnTier): string {
    return this.tierPolicies[tier].policy.id;
  }

  /** The assurance every sign-in to an app of this tier reaches, or undefined for none. */
  guaranteeOf(tier: SignOnTier): AssuranceLevel | undefined {
    return tierGuarantee(tier, this.coversEveryone);
  }
}

function validate(props: OktaMfaRolloutProps): void {
  const fail = (prop: string, value: unknown, allowed: string): never => {
    throw new Error(`OktaMfaRollout: ${prop} = ${JSON.stringify(value)} is invalid: ${allowed}`);
  };
  const everyone = props.groups.everyoneKey;
  if (props.waves.length === 0) fail('waves', [], 'at least one wave');
  const waveKeys = new Set<string>();
  const seenGroups = new Set<string>();
  props.waves.forEach((w, i) => {
    if (waveKeys.has(w.key)) fail(`waves[${i}].key`, w.key, 'each wave once');
    waveKeys.add(w.key);
    if (w.groups.length === 0) fail(`waves[${i}].groups`, [], 'at least one group');
    for (const g of w.groups) {
      if (!props.groups.has(g))
        fail(`waves[${i}].groups`, g, "a group key declared in the stack's groups, or the Everyone key");
      if (seenGroups.has(g)) fail(`waves[${i}].groups`, g, 'each group in one wave only');
      if (g === everyone && i !== props.waves.length - 1)
        fail(`waves[${i}].groups`, g, 'the Everyone group only in the last wave');
      seenGroups.add(g);
    }
  });
  const admin = props.adminSurfaces;
  for (const g of admin ? [...admin.groups, admin.breakGlassGroup] : [])
    if (!props.groups.has(g)) fail('adminSurfaces', g, "a group key declared in the stack's groups");
  if (admin && seenGroups.has(admin.breakGlassGroup))
    fail('adminSurfaces.breakGlassGroup', admin.breakGlassGroup, 'a group in no rollout wave');
  if (!waveKeys.has(props.currentPhase))
    fail('currentPhase', props.currentPhase, `the key of a wave: ${[...waveKeys].join(', ')}`);

  const a = props.authenticators;
  for (const k of AUTHENTICATOR_KEYS) {
    if (!a[k])
      fail(
        `authenticators.${k}`,
        undefined,
        'present: Okta cannot delete an authenticator; set status INACTIVE to remove it',
      );
    if (a[k].status === 'INACTIVE' && a[k].enrollment !== 'NOT_ALLOWED')
      fail(`authenticators.${k}.enrollment`, a[k].enrollment, 'NOT_ALLOWED for an INACTIVE authenticator');
  }
  const inactive = AUTHENTICATOR_KEYS.filter((k) => a[k].status === 'INACTIVE');
  if (props.manageOrgDefaults === false && inactive.length > 0) {
    fail(
      'manageOrgDefaults',
      false,
      `true while ${inactive.join(', ')} is INACTIVE: Okta refuses to deactivate ` +
        "an authenticator the org's default enrollment or password policy still uses",
    );
  }
  if (a.password.enrollment !== 'REQUIRED' && a.email.enrollment !== 'REQUIRED') {
    fail(
      'authenticators.password.enrollment',
      a.password.enrollment,
      'REQUIRED, or email REQUIRED (Okta requires one of them)',
    );
  }
  if (a['okta-verify'].enrollment === 'NOT_ALLOWED' && a.webauthn.enrollment === 'NOT_ALLOWED') {
    fail(
      'authenticators',
      'phone/email only',
      'Okta Verify or WebAuthn enrollable: the tiers need a ' +
        'phishing-resistant factor, and SMS must never be the only second factor',
    );
  }
  const num = (prop: string, v: number, min: number, max: number) => {
    if (!Token.isUnresolved(v) && (!Number.isInteger(v) || v < min || v > max))
      fail(prop, v, `whole minutes from ${min} to ${max}`);
  };
  num('authenticators.email.tokenLifetimeMinutes', a.email.tokenLifetimeMinutes ?? 5, 1, 1440);
  num('sessionLifetimeMinutes', props.sessionLifetimeMinutes, 15, 1440);
  num('sessionIdleMinutes', props.sessionIdleMinutes, 5, Math.min(240, props.sessionLifetimeMinutes));
  for (const tier of SIGN_ON_TIERS)
    num(
      `tiers.${tier}.reauthenticateMinutes`,
      props.tiers[tier].reauthenticateMinutes,
      1,
      TIER_MAX_REAUTH_MINUTES[tier],
    );

  if (props.tiers.critical.requireManagedDevice && !props.deviceManagement)
    fail(
      'tiers.critical.requireManagedDevice',
      true,
      'false unless deviceManagement is true: without device management no device is managed, and every ' +
        'sign-in to a critical app would be denied',
    );
  if (props.highRisk && !props.riskScoring)
    fail('highRisk', props.highRisk, 'undefined unless riskScoring is true (orgs without it reject riskScore)');
  if (props.tiers.standard.deviceAssurances?.length)
    fail('tiers.standard.deviceAssurances', props.tiers.standard.deviceAssurances, 'none: high and critical only');

  for (const [key, zone] of Object.entries(props.corporateZones ?? {})) {
    if (zone.gateways.length === 0) fail(`corporateZones.${key}.gateways`, [], 'at least one CIDR block or range');
    for (const g of zone.gateways) {
      const why = ipRangeProblem(g);
      if (why) fail(`corporateZones.${key}.gateways`, g, why);
    }
  }
  const countries = props.blocklist.countries ?? [];
  for (const c of countries)
    if (!/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/.test(c))
      fail('blocklist.countries', c, 'an ISO 3166-1 alpha-2 code such as KP, optionally with a region (US-CA)');
  if (countries.length === 0 && (props.blocklist.anonymizers ?? 'none') === 'none') {
    fail(
      'blocklist',
      props.blocklist,
      'at least one country or anonymizers tor / any-proxy: every policy denies the blocklist first',
    );
  }
}
