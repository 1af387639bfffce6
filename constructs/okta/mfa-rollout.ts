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
import { countryCodeProblem, ipRangeProblem } from '../../domain/okta/network-ranges';
import {
  TIER_MAX_REAUTH_MINUTES,
  SIGN_ON_TIERS,
  tierGuarantee,
  type AssuranceLevel,
  type SignOnTier,
} from '../../domain/okta/sign-on-constraints';
import { MANAGED_AUTHENTICATORS, type ManagedAuthenticator } from '../../domain/okta/authenticators';
import {
  adminSurfaceProblems,
  authenticatorProblems,
  blocklistProblems,
  EMAIL_TOKEN_LIFETIME_MINUTES,
  highRiskProblems,
  minutesProblem,
  REAUTHENTICATE_MINUTES,
  rolloutPhase,
  rolloutPlanProblems,
  SESSION_IDLE_MINUTES,
  SESSION_LIFETIME_MINUTES,
  sessionProblems,
  tierDeviceProblems,
  type MinutesRange,
} from '../../domain/okta/rollout-rules';
import { under, type Problem, type ProblemPath } from '../../domain/problems';
import { passwordPolicyProblems, type PasswordPolicySettings } from '../../domain/okta/password-policy';
import { refuseProblems } from './rollout/problems';
import { RolloutNetworkZones } from './rollout/network-zones';
import { RolloutAuthenticators } from './rollout/authenticators';
import { EnrollmentPolicy, GlobalSessionPolicy, OrgDefaultPolicies } from './rollout/policies';
import { AppSignOnTiers, type TierPolicy } from './rollout/app-sign-on';
import { DeviceAssurancePolicies, type DeviceAssuranceSpec } from './rollout/device-assurance';
import { RolloutBehaviors, type BehaviorSpec } from './rollout/behaviors';
import type { HighRiskAction } from '../../domain/okta/adaptive';
import { AdminEnrollmentPolicies, AdminSurfaces } from './rollout/admin-surfaces';
import { DEFAULT_BREAK_GLASS_AUTHENTICATORS, possessionTypeOf } from '../../domain/okta/admin-surfaces';
import type {
  AdminSurfacesSpec,
  BlocklistSpec,
  CorporateZoneSpec,
  CriticalTierSpec,
  MfaAuthenticatorsSpec,
  RolloutWave,
  SignOnTierSpec,
} from './rollout/spec';

export type { BehaviorSpec, DeviceAssuranceSpec, HighRiskAction, PasswordPolicySettings };
export type {
  AdminSurfacesSpec,
  AuthenticatorSpec,
  AuthenticatorStatus,
  BlocklistSpec,
  CorporateZoneSpec,
  CriticalTierSpec,
  EmailAuthenticatorSpec,
  Enrollment,
  MfaAuthenticatorsSpec,
  OktaVerifySpec,
  RolloutWave,
  SecurityQuestionSpec,
  SignOnTierSpec,
} from './rollout/spec';
export { MANAGED_AUTHENTICATORS, TIER_MAX_REAUTH_MINUTES, type ManagedAuthenticator };

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
  /**
   * Every setting of the org's default password policy (written in full: the provider PUTs the whole policy).
   * @default PASSWORD_POLICY_DEFAULTS (domain/okta/password-policy.ts: NIST SP 800-63B-4)
   */
  readonly passwordPolicy?: PasswordPolicySettings;
}

/**
 * The organisation-wide MFA rollout ("GMR"):
 * - authenticators with explicit status (removal = INACTIVE: Okta only deactivates them);
 * - corporate IP zones and blocklist zones (countries, anonymizers): POLICY zones every rule list denies
 *   first and, where the blocklist is org-wide, BLOCKLIST twins that Okta applies before any policy;
 * - an Identity Engine enrollment policy and a global session policy for the enforced groups, that is
 *   every group of every wave up to and including the current phase;
 * - the org's default enrollment and password policies (phone NOT_ALLOWED where it is off; every password
 *   setting stated, recovery by email, and by security question only where it is kept for recovery), which an
 *   inactive authenticator's deactivation waits for;
 * - one app sign-on (authentication) policy per sensitivity tier, standard / high / critical;
 * - optionally the org's ThreatInsight action.
 * Every rule list denies the blocklist first; priorities are unique from 1 and chained with depends_on.
 */
export class OktaMfaRollout extends Construct {
  /** Group ids the rollout enforces now. */
  readonly enforcedGroupIds: readonly string[];
  /** Whether the current phase includes the Everyone group. */
  readonly coversEveryone: boolean;
  /** okta_authenticator by config name. */
  readonly authenticators: Readonly<Record<ManagedAuthenticator, Authenticator>>;
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
  /** The break-glass and administrators' enrollment policies (before the rollout's), with admin surfaces. */
  readonly adminEnrollmentPolicies: readonly PolicyMfa[];

  constructor(scope: Construct, id: string, props: OktaMfaRolloutProps) {
    super(scope, id);
    validate(props);
    const protect = props.protect ?? false;
    const phase = props.currentPhase;

    // Enforced groups: every wave up to and including the current phase. With Everyone, only Everyone.
    const { enforcedKeys, coversEveryone } = rolloutPhase(props, props.groups.everyoneKey);
    this.coversEveryone = coversEveryone;
    this.enforcedGroupIds = (coversEveryone ? [props.groups.everyoneKey] : enforcedKeys).map((k) =>
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
    // The break-glass accounts and the administrators enroll by policies of their own, evaluated first.
    const admin = props.adminSurfaces;
    const before = admin
      ? new AdminEnrollmentPolicies(this, 'AdminEnrollment', {
          ...specs,
          breakGlassGroupId: props.groups.idOf(admin.breakGlassGroup),
          breakGlassAuthenticators: admin.breakGlassAuthenticators as ManagedAuthenticator[] | undefined,
          adminGroupIds: adminGroupKeys(admin, props.groups.everyoneKey).map((k) => props.groups.idOf(k)),
        }).policies
      : [];
    this.adminEnrollmentPolicies = before;
    this.enrollmentPolicy = new EnrollmentPolicy(this, 'Enrollment', {
      ...specs,
      dependsOn: [...specs.dependsOn, ...before.slice(-1)],
      groupIds,
      phase,
      priority: before.length + 1,
    }).policy;
    const defaults =
      (props.manageOrgDefaults ?? true)
        ? new OrgDefaultPolicies(this, 'OrgDefaults', { ...specs, passwordPolicy: props.passwordPolicy })
        : undefined;
    this.defaultEnrollmentPolicy = defaults?.enrollment;
    this.defaultPasswordPolicy = defaults?.password;
    const inUse = [...before, this.enrollmentPolicy, ...(defaults ? [defaults.enrollment, defaults.password] : [])];
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
      deviceManagement: props.deviceManagement,
    }).byTier;

    if (admin) {
      const roles = admin.roles ?? {};
      this.adminSurfaces = new AdminSurfaces(this, 'AdminSurfaces', {
        dashboard: admin.dashboard,
        groupIds: admin.groups.map((k) => props.groups.idOf(k)),
        breakGlassGroupId: props.groups.idOf(admin.breakGlassGroup),
        reauthenticateMinutes: admin.reauthenticateMinutes,
        breakGlassPossessionTypes: (admin.breakGlassAuthenticators ?? DEFAULT_BREAK_GLASS_AUTHENTICATORS).map((n) =>
          possessionTypeOf(n as ManagedAuthenticator),
        ),
        breakGlassReauthenticateMinutes: admin.breakGlassReauthenticateMinutes,
        blocklistZoneIds: this.blocklistZoneIds,
        roles: Object.fromEntries(
          Object.entries(roles).map(([k, r]) => [k, { groupId: props.groups.idOf(k), roles: r }]),
        ),
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

/**
 * The administrators' group keys the stack knows, in order: the groups the admin rule names (not Everyone), then
 * the groups given admin roles; never the break-glass group, which enrolls by its own policy.
 */
function adminGroupKeys(admin: AdminSurfacesSpec, everyoneKey: string): string[] {
  const keys = [...admin.groups, ...Object.keys(admin.roles ?? {}).sort()];
  return [...new Set(keys)].filter((k) => k !== everyoneKey && k !== admin.breakGlassGroup);
}

/**
 * Every problem of the props, all reported at once (one line each), before anything is built. The rules
 * shared with the config schema come from domain/okta/rollout-rules.ts; values not known yet (tokens) are
 * skipped.
 */
function validate(props: OktaMfaRolloutProps): void {
  refuseProblems('OktaMfaRollout', propProblems(props));
}

function propProblems(props: OktaMfaRolloutProps): Problem[] {
  const options = { unresolved: (v: unknown) => Token.isUnresolved(v) };
  const a = props.authenticators;
  const admin = props.adminSurfaces;
  return [
    ...rolloutPlanProblems(props, props.groups, options),
    ...(admin ? under(['adminSurfaces'], adminSurfaceProblems(admin, props.waves, props.groups, a)) : []),
    ...under(['authenticators'], authenticatorProblems(a)),
    ...(props.passwordPolicy ? under(['passwordPolicy'], passwordPolicyProblems(props.passwordPolicy)) : []),
    ...orgDefaultProblems(props),
    ...minutesProblems(props),
    ...sessionProblems(props, options),
    ...under(
      ['tiers'],
      tierDeviceProblems(props.tiers, {
        deviceManagement: props.deviceManagement ?? false,
        deviceAssuranceKeys: Object.keys(props.deviceAssurance ?? {}),
      }),
    ),
    ...under(['highRisk'], highRiskProblems(props.highRisk, props.riskScoring ?? false)),
    ...zoneProblems(props),
  ];
}

/** Okta refuses to deactivate an authenticator the org's default policies still use. */
function orgDefaultProblems(props: OktaMfaRolloutProps): Problem[] {
  const a = props.authenticators;
  const inactive = MANAGED_AUTHENTICATORS.filter((k) => a[k]?.status === 'INACTIVE');
  if (props.manageOrgDefaults !== false || inactive.length === 0) return [];
  return [
    {
      path: ['manageOrgDefaults'],
      value: false,
      message:
        `true while ${inactive.join(', ')} ${inactive.length === 1 ? 'is' : 'are'} INACTIVE: Okta refuses to ` +
        "deactivate an authenticator the org's default enrollment or password policy still uses",
    },
  ];
}

/** Each minutes prop within its range (the config schema checks the same ranges field by field). */
function minutesProblems(props: OktaMfaRolloutProps): Problem[] {
  const fields: [ProblemPath, number | undefined, MinutesRange][] = [
    [
      ['authenticators', 'email', 'tokenLifetimeMinutes'],
      props.authenticators.email?.tokenLifetimeMinutes,
      EMAIL_TOKEN_LIFETIME_MINUTES,
    ],
    [['sessionLifetimeMinutes'], props.sessionLifetimeMinutes, SESSION_LIFETIME_MINUTES],
    [['sessionIdleMinutes'], props.sessionIdleMinutes, SESSION_IDLE_MINUTES],
    ...SIGN_ON_TIERS.map((t): [ProblemPath, number, MinutesRange] => [
      ['tiers', t, 'reauthenticateMinutes'],
      props.tiers[t].reauthenticateMinutes,
      REAUTHENTICATE_MINUTES[t],
    ]),
  ];
  return fields.flatMap(([path, value, range]) => {
    const message = value === undefined || Token.isUnresolved(value) ? undefined : minutesProblem(value, range);
    return message ? [{ path, value, message }] : [];
  });
}

/** Corporate gateways and blocklist countries field by field, then the blocklist as a whole. */
function zoneProblems(props: OktaMfaRolloutProps): Problem[] {
  const out: Problem[] = [];
  for (const [key, zone] of Object.entries(props.corporateZones ?? {})) {
    const path = ['corporateZones', key, 'gateways'];
    if (zone.gateways.length === 0) out.push({ path, value: [], message: 'at least one CIDR block or range' });
    zone.gateways.forEach((g, i) => {
      const message = Token.isUnresolved(g) ? undefined : ipRangeProblem(g);
      if (message) out.push({ path: [...path, i], value: g, message });
    });
  }
  (props.blocklist.countries ?? []).forEach((c, i) => {
    const message = Token.isUnresolved(c) ? undefined : countryCodeProblem(c);
    if (message) out.push({ path: ['blocklist', 'countries', i], value: c, message });
  });
  return [...out, ...under(['blocklist'], blocklistProblems(props.blocklist))];
}
