import { Construct } from 'constructs';
import { Token, type ITerraformDependable } from 'cdktf';
import { Authenticator } from '@cdktf/provider-okta/lib/authenticator';
import { NetworkZone } from '@cdktf/provider-okta/lib/network-zone';
import { PolicyMfa } from '@cdktf/provider-okta/lib/policy-mfa';
import { PolicyMfaDefault } from '@cdktf/provider-okta/lib/policy-mfa-default';
import { PolicyPasswordDefault } from '@cdktf/provider-okta/lib/policy-password-default';
import { PolicyRuleMfa } from '@cdktf/provider-okta/lib/policy-rule-mfa';
import { PolicySignon } from '@cdktf/provider-okta/lib/policy-signon';
import { PolicyRuleSignon } from '@cdktf/provider-okta/lib/policy-rule-signon';
import { AppSignonPolicy } from '@cdktf/provider-okta/lib/app-signon-policy';
import { AppSignonPolicyRule, type AppSignonPolicyRuleConfig } from '@cdktf/provider-okta/lib/app-signon-policy-rule';
import { ThreatInsightSettings } from '@cdktf/provider-okta/lib/threat-insight-settings';
import type { OktaGroups } from './groups';
import { ipRangeProblem } from '../../domain/okta/network-ranges';
import {
  AUTHENTICATOR_KEYS,
  TIER_MAX_REAUTH_MINUTES,
  PHISHING_RESISTANT,
  PHISHING_RESISTANT_DEVICE_BOUND,
  SIGN_ON_TIERS,
  isoDurationMinutes,
  signOnConstraintJson,
  tierGuarantee,
  type AssuranceLevel,
  type AuthenticatorKey,
  type SignOnTier,
} from '../../domain/okta/sign-on-constraints';

export { AUTHENTICATOR_KEYS, TIER_MAX_REAUTH_MINUTES, type AuthenticatorKey };
export type AuthenticatorStatus = 'ACTIVE' | 'INACTIVE';
export type Enrollment = 'REQUIRED' | 'OPTIONAL' | 'NOT_ALLOWED';

/** Okta's key, display name and enrollment-policy attribute for each authenticator. */
const AUTHENTICATOR_INFO: Record<AuthenticatorKey, { oktaKey: string; name: string; policyField: 'oktaVerify' | 'webauthn' | 'oktaEmail' | 'oktaPassword' | 'phoneNumber' }> = {
  'okta-verify': { oktaKey: 'okta_verify', name: 'Okta Verify', policyField: 'oktaVerify' },
  webauthn: { oktaKey: 'webauthn', name: 'Security Key or Biometric', policyField: 'webauthn' },
  email: { oktaKey: 'okta_email', name: 'Email', policyField: 'oktaEmail' },
  password: { oktaKey: 'okta_password', name: 'Password', policyField: 'oktaPassword' },
  phone: { oktaKey: 'phone_number', name: 'Phone', policyField: 'phoneNumber' },
};

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
  readonly 'okta-verify': OktaVerifySpec;
  readonly webauthn: AuthenticatorSpec;
  /** Email: a second factor, or with `recoveryOnly` for password recovery only. */
  readonly email: EmailAuthenticatorSpec;
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
}

export interface CriticalTierSpec extends SignOnTierSpec {
  /** Allow only registered, managed devices. @default false */
  readonly requireManagedDevice?: boolean;
}

export interface OktaMfaRolloutProps {
  /** Groups of the stack; waves refer to them by key. */
  readonly groups: OktaGroups;
  /** Waves in rollout order. */
  readonly waves: readonly RolloutWave[];
  /** Key of the last enforced wave: every group of every wave up to and including it is enforced. */
  readonly currentPhase: string;
  readonly authenticators: MfaAuthenticatorsSpec;
  /** Global session lifetime for the enforced groups, 15 to 1440 minutes. */
  readonly sessionLifetimeMinutes: number;
  /** Global session idle time, 5 to 240 minutes and at most the lifetime. */
  readonly sessionIdleMinutes: number;
  readonly tiers: { readonly standard: SignOnTierSpec; readonly high: SignOnTierSpec; readonly critical: CriticalTierSpec };
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
}

type Rule = { readonly key: string } & Omit<AppSignonPolicyRuleConfig, 'policyId' | 'priority' | 'dependsOn' | 'status'>;

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
  readonly enrollmentPolicy: PolicyMfa;
  /** The org's default enrollment policy (everyone the rollout does not enforce yet), when managed. */
  readonly defaultEnrollmentPolicy?: PolicyMfaDefault;
  /** The org's default password policy (recovery: email only), when managed. */
  readonly defaultPasswordPolicy?: PolicyPasswordDefault;
  readonly globalSessionPolicy: PolicySignon;
  /** Global session rules in priority order. */
  readonly globalSessionRules: readonly PolicyRuleSignon[];
  /** App sign-on policy and its rules (priority order) by tier. */
  readonly tierPolicies: Readonly<Record<SignOnTier, { readonly policy: AppSignonPolicy; readonly rules: readonly AppSignonPolicyRule[] }>>;

  constructor(scope: Construct, id: string, props: OktaMfaRolloutProps) {
    super(scope, id);
    validate(props);
    const protect = props.protect ?? false;
    const corporateSpecs = props.corporateZones ?? {};

    // Enforced groups: every wave up to and including the current phase. With Everyone, only Everyone.
    const phaseIndex = props.waves.findIndex((w) => w.key === props.currentPhase);
    const enforcedKeys = [...new Set(props.waves.slice(0, phaseIndex + 1).flatMap((w) => w.groups))];
    this.coversEveryone = enforcedKeys.includes(props.groups.everyoneKey);
    this.enforcedGroupIds = (this.coversEveryone ? [props.groups.everyoneKey] : enforcedKeys).map((k) => props.groups.idOf(k));

    // Network zones. The blocklist is split by criterion (one zone per kind) so that each zone matches
    // on one condition only; policies list them all, which Okta treats as "any of". Zones with usage
    // POLICY act only where a rule names them: every policy's first rule denies them. Where the
    // blocklist is org-wide, twins with usage BLOCKLIST block the same networks before any policy is
    // evaluated, on every URL of the org; the rules keep naming the POLICY zones, which still deny an
    // address exempted from the blocklist (DefaultExemptIpZone) or a blocklist zone someone deactivated.
    const zones = new Construct(this, 'NetworkZones');
    const corporate = new Construct(zones, 'Corporate');
    const corporateZoneIds: Record<string, string> = {};
    for (const key of Object.keys(corporateSpecs).sort()) {
      const z = corporateSpecs[key];
      corporateZoneIds[key] = new NetworkZone(corporate, key, { name: z.name, type: 'IP', usage: 'POLICY', gateways: [...z.gateways], status: 'ACTIVE' }).id;
    }
    this.corporateZoneIds = corporateZoneIds;
    this.blocklistZoneIds = blocklistZones(new Construct(zones, 'Blocklist'), props.blocklist, 'POLICY');
    this.orgBlocklistZoneIds = props.blocklist.orgWide
      ? blocklistZones(new Construct(zones, 'OrgBlocklist'), props.blocklist, 'BLOCKLIST')
      : [];
    const denyBlocklist = { access: 'DENY', networkConnection: 'ZONE', networkIncludes: [...this.blocklistZoneIds] };

    // Authenticators. Active ones exist before the enrollment policy offers them; inactive ones are
    // deactivated only after the policy stopped offering them (Okta refuses to deactivate one in use).
    const authParent = new Construct(this, 'Authenticators');
    const authenticators = {} as Record<AuthenticatorKey, Authenticator>;
    const make = (key: AuthenticatorKey, dependsOn?: ITerraformDependable[]) => {
      const spec = props.authenticators[key];
      authenticators[key] = new Authenticator(authParent, key, {
        key: AUTHENTICATOR_INFO[key].oktaKey,
        name: AUTHENTICATOR_INFO[key].name,
        status: spec.status,
        settings: authenticatorSettings(key, props.authenticators),
        dependsOn,
        lifecycle: protect ? { preventDestroy: true } : undefined,
      });
    };
    const active = AUTHENTICATOR_KEYS.filter((k) => props.authenticators[k].status === 'ACTIVE');
    active.forEach((k) => make(k));

    const enrollment = new Construct(this, 'Enrollment');
    const enrollmentFields = Object.fromEntries(
      AUTHENTICATOR_KEYS.map((k) => [AUTHENTICATOR_INFO[k].policyField, { enroll: props.authenticators[k].enrollment }]),
    );
    this.enrollmentPolicy = new PolicyMfa(enrollment, 'Resource', {
      name: 'MFA rollout: authenticator enrollment',
      description: `Authenticators the groups enforced by the MFA rollout (phase ${props.currentPhase}) enroll`,
      isOie: true,
      status: 'ACTIVE',
      priority: 1,
      groupsIncluded: [...this.enforcedGroupIds],
      ...enrollmentFields,
      dependsOn: active.map((k) => authenticators[k]),
    });
    new PolicyRuleMfa(enrollment, 'EnrollAtSignIn', {
      policyId: this.enrollmentPolicy.id,
      name: 'Enroll at sign-in',
      enroll: 'LOGIN',
      networkConnection: 'ANYWHERE',
      priority: 1,
      status: 'ACTIVE',
    });
    // The org's default policies: Okta refuses to deactivate an authenticator any policy still uses
    // (resource_okta_authenticator.go:39-41), including these two, which every org has.
    if (props.manageOrgDefaults ?? true) {
      const defaults = new Construct(this, 'OrgDefaults');
      this.defaultEnrollmentPolicy = new PolicyMfaDefault(defaults, 'Enrollment', {
        isOie: true,
        ...Object.fromEntries(
          AUTHENTICATOR_KEYS.map((k) => [
            AUTHENTICATOR_INFO[k].policyField,
            { enroll: defaultEnrollment(k, props.authenticators[k]) },
          ]),
        ),
        dependsOn: active.map((k) => authenticators[k]),
      });
      this.defaultPasswordPolicy = new PolicyPasswordDefault(defaults, 'Password', DEFAULT_PASSWORD_RECOVERY);
    }
    const inUse = [this.enrollmentPolicy, this.defaultEnrollmentPolicy, this.defaultPasswordPolicy]
      .filter((p) => p !== undefined);
    AUTHENTICATOR_KEYS.filter((k) => props.authenticators[k].status === 'INACTIVE').forEach((k) => make(k, inUse));
    this.authenticators = authenticators;

    // Global session policy: deny the blocklist, then MFA with a bounded, non-persistent session.
    const session = new Construct(this, 'GlobalSession');
    this.globalSessionPolicy = new PolicySignon(session, 'Resource', {
      name: 'MFA rollout: global session',
      description: `Global session for the groups enforced by the MFA rollout (phase ${props.currentPhase})`,
      status: 'ACTIVE',
      priority: 1,
      groupsIncluded: [...this.enforcedGroupIds],
    });
    const sessionRules = new Construct(session, 'Rules');
    const sessionSpecs: { key: string; name: string; config: Partial<ConstructorParameters<typeof PolicyRuleSignon>[2]> }[] = [
      { key: 'deny-blocklisted-networks', name: 'Deny blocklisted networks', config: { ...denyBlocklist } },
      {
        key: 'require-mfa',
        name: 'Require MFA',
        config: {
          access: 'ALLOW',
          networkConnection: 'ANYWHERE',
          primaryFactor: 'PASSWORD_IDP_ANY_FACTOR',
          mfaRequired: true,
          mfaPrompt: 'ALWAYS',
          mfaRememberDevice: false,
          sessionLifetime: props.sessionLifetimeMinutes,
          sessionIdle: props.sessionIdleMinutes,
          sessionPersistent: false,
        },
      },
    ];
    const conditions = signOnRuleConditions(props.riskScoring ?? false, props.identityProviderConditions ?? false);
    const globalRules: PolicyRuleSignon[] = [];
    sessionSpecs.forEach((s, i) => {
      globalRules.push(
        new PolicyRuleSignon(sessionRules, s.key, {
          ...s.config,
          ...conditions,
          policyId: this.globalSessionPolicy.id,
          name: s.name,
          priority: i + 1,
          status: 'ACTIVE',
          dependsOn: i > 0 ? [globalRules[i - 1]] : undefined,
        }),
      );
    });
    this.globalSessionRules = globalRules;

    // App sign-on policies by tier. catch_all = false makes Okta's own catch-all rule DENY: a sign-in
    // no rule below allows is refused, never let through by the default.
    const tierParent = new Construct(this, 'AppSignOn');
    const deny: Rule = { key: 'deny-blocklisted-networks', name: 'Deny blocklisted networks', ...denyBlocklist };
    const allow = (minutes: number) => ({ access: 'ALLOW', type: 'ASSURANCE', factorMode: '2FA', networkConnection: 'ANYWHERE', reAuthenticationFrequency: isoDurationMinutes(minutes) }) as const;
    const tierRules: Record<SignOnTier, Rule[]> = {
      standard: [
        deny,
        {
          key: 'two-factors',
          name: 'Two factors',
          ...allow(props.tiers.standard.reauthenticateMinutes),
          groupsIncluded: [...this.enforcedGroupIds],
        },
        // Until the rollout covers everyone, people outside the enforced groups keep one factor.
        ...(this.coversEveryone
          ? []
          : [{ key: 'not-yet-enrolled', name: 'Not yet in the MFA rollout', ...allow(props.tiers.standard.reauthenticateMinutes), factorMode: '1FA' }]),
      ],
      high: [deny, { key: 'phishing-resistant', name: 'Phishing-resistant', ...allow(props.tiers.high.reauthenticateMinutes), constraints: [signOnConstraintJson(PHISHING_RESISTANT)] }],
      critical: [
        deny,
        {
          key: 'phishing-resistant-device-bound',
          name: 'Phishing-resistant, device-bound',
          ...allow(props.tiers.critical.reauthenticateMinutes),
          constraints: [signOnConstraintJson(PHISHING_RESISTANT_DEVICE_BOUND)],
          ...(props.tiers.critical.requireManagedDevice ? { deviceIsRegistered: true, deviceIsManaged: true } : {}),
        },
      ],
    };
    const tierPolicies = {} as Record<SignOnTier, { policy: AppSignonPolicy; rules: AppSignonPolicyRule[] }>;
    for (const tier of SIGN_ON_TIERS) {
      const tierScope = new Construct(tierParent, tier);
      const policy = new AppSignonPolicy(tierScope, 'Resource', {
        name: `Sign-on tier: ${tier}`,
        description: TIER_DESCRIPTIONS[tier],
        catchAll: false,
        lifecycle: protect ? { preventDestroy: true } : undefined,
      });
      const rulesScope = new Construct(tierScope, 'Rules');
      const rules: AppSignonPolicyRule[] = [];
      tierRules[tier].forEach(({ key, ...config }, i) => {
        rules.push(
          new AppSignonPolicyRule(rulesScope, key, {
            ...config,
            policyId: policy.id,
            priority: i + 1,
            status: 'ACTIVE',
            dependsOn: i > 0 ? [rules[i - 1]] : undefined,
          }),
        );
      });
      tierPolicies[tier] = { policy, rules };
    }
    this.tierPolicies = tierPolicies;

    if (props.threatInsightAction) {
      new ThreatInsightSettings(this, 'ThreatInsight', {
        action: props.threatInsightAction,
        networkExcludes: Object.keys(corporateZoneIds).sort().map((k) => corporateZoneIds[k]),
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

const TIER_DESCRIPTIONS: Record<SignOnTier, string> = {
  standard: 'Two factors for groups the MFA rollout enforces; anything else is denied',
  high: 'Phishing-resistant possession factor (FIDO2/WebAuthn or Okta FastPass); anything else is denied',
  critical: 'Phishing-resistant, device-bound, hardware-protected factor with user verification; anything else is denied',
};

/**
 * The blocklist as dynamic zones, one per criterion (countries, anonymizers), with the given usage;
 * returns their ids. BLOCKLIST twins carry "(org-wide)" in their names, which Okta requires to be unique.
 */
function blocklistZones(scope: Construct, spec: BlocklistSpec, usage: 'POLICY' | 'BLOCKLIST'): string[] {
  const suffix = usage === 'BLOCKLIST' ? ' (org-wide)' : '';
  const ids: string[] = [];
  const countries = spec.countries ?? [];
  if (countries.length > 0) {
    ids.push(new NetworkZone(scope, 'Locations', {
      name: `Blocked locations${suffix}`,
      type: 'DYNAMIC',
      usage,
      dynamicLocations: [...countries].sort(),
      status: 'ACTIVE',
    }).id);
  }
  const anonymizers = spec.anonymizers ?? 'none';
  if (anonymizers !== 'none') {
    ids.push(new NetworkZone(scope, 'Anonymizers', {
      name: `${anonymizers === 'tor' ? 'Blocked Tor exit nodes' : 'Blocked anonymizing proxies'}${suffix}`,
      type: 'DYNAMIC',
      usage,
      dynamicProxyType: anonymizers === 'tor' ? 'TorAnonymizer' : 'Any',
      status: 'ACTIVE',
    }).id);
  }
  return ids;
}

/**
 * The risk and identity-provider conditions of a global session rule, always explicit. The provider sends
 * a condition whenever its attribute is non-empty, and all three default to ANY
 * (resource_okta_policy_rule_sign_on.go:74-86, 141-146; sent at 286-292 and 300-312, where `GetOk` treats
 * "" as unset, and a condition left nil is omitted, sdk/v2_policyRuleConditions.go:15,21). An empty string
 * is its way of sending none; risc_level (deprecated) is read first and
 * risk_level second, so both are set. Read back, an absent condition leaves the empty value in state.
 */
function signOnRuleConditions(riskScoring: boolean, identityProviderConditions: boolean) {
  return {
    riscLevel: riskScoring ? 'ANY' : '',
    riskLevel: riskScoring ? 'ANY' : '',
    identityProvider: identityProviderConditions ? 'ANY' : '',
  };
}

/**
 * Password recovery in the org's default password policy (resource_okta_policy_password_default.go:142-171):
 * by email only. SMS and voice are phishable and SIM-swappable, and a policy that still offers them keeps the
 * phone authenticator in use; security questions are guessable.
 */
const DEFAULT_PASSWORD_RECOVERY = {
  emailRecovery: 'ACTIVE',
  smsRecovery: 'INACTIVE',
  callRecovery: 'INACTIVE',
  questionRecovery: 'INACTIVE',
} as const;

/**
 * Enrollment in the org's default policy, for people the rollout does not enforce yet: nothing is forced on
 * them beyond the password or email Okta requires; what is active they may enroll; what is off is NOT_ALLOWED.
 */
function defaultEnrollment(key: AuthenticatorKey, spec: AuthenticatorSpec): Enrollment {
  if (spec.status === 'INACTIVE' || spec.enrollment === 'NOT_ALLOWED') return 'NOT_ALLOWED';
  if (key === 'password' || key === 'email') return spec.enrollment;
  return 'OPTIONAL';
}

/** The settings JSON of an authenticator, for the two whose settings this stack manages. */
function authenticatorSettings(key: AuthenticatorKey, specs: MfaAuthenticatorsSpec): string | undefined {
  if (key === 'okta-verify') return oktaVerifySettings(specs['okta-verify']);
  if (key === 'email') return emailSettings(specs.email);
  return undefined;
}

/**
 * Email settings in the form the API returns them (allowedFor and tokenLifetimeInMinutes, as recorded in
 * the provider's test/fixtures/vcr authenticator responses). Recovery-only email is never a sign-in factor,
 * so "two factors" means Okta Verify, FIDO2/WebAuthn or, where allowed, phone.
 */
function emailSettings(spec: EmailAuthenticatorSpec): string {
  return JSON.stringify({
    allowedFor: spec.recoveryOnly ? 'recovery' : 'any',
    tokenLifetimeInMinutes: spec.tokenLifetimeMinutes ?? 5,
  });
}

/**
 * Okta Verify settings in the form the API returns them (sdk/v2_authenticatorSettings.go; read back
 * whole, resource_okta_authenticator.go:403-408): `compliance.fips` is always present there, so it is
 * always written here, or every plan would show a change.
 */
function oktaVerifySettings(spec: OktaVerifySpec): string {
  return JSON.stringify({
    channelBinding: { style: 'NUMBER_CHALLENGE', required: spec.numberChallenge ?? 'ALWAYS' },
    compliance: { fips: spec.fips ?? 'OPTIONAL' },
    userVerification: spec.userVerification ?? 'REQUIRED',
  });
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
      if (!props.groups.has(g)) fail(`waves[${i}].groups`, g, 'a group key declared in the stack\'s groups, or the Everyone key');
      if (seenGroups.has(g)) fail(`waves[${i}].groups`, g, 'each group in one wave only');
      if (g === everyone && i !== props.waves.length - 1) fail(`waves[${i}].groups`, g, 'the Everyone group only in the last wave');
      seenGroups.add(g);
    }
  });
  if (!waveKeys.has(props.currentPhase)) fail('currentPhase', props.currentPhase, `the key of a wave: ${[...waveKeys].join(', ')}`);

  const a = props.authenticators;
  for (const k of AUTHENTICATOR_KEYS) {
    if (!a[k]) fail(`authenticators.${k}`, undefined, 'present: Okta cannot delete an authenticator; set status INACTIVE to remove it');
    if (a[k].status === 'INACTIVE' && a[k].enrollment !== 'NOT_ALLOWED') fail(`authenticators.${k}.enrollment`, a[k].enrollment, 'NOT_ALLOWED for an INACTIVE authenticator');
  }
  const inactive = AUTHENTICATOR_KEYS.filter((k) => a[k].status === 'INACTIVE');
  if (props.manageOrgDefaults === false && inactive.length > 0) {
    fail('manageOrgDefaults', false, `true while ${inactive.join(', ')} is INACTIVE: Okta refuses to deactivate ` +
      "an authenticator the org's default enrollment or password policy still uses");
  }
  if (a.password.enrollment !== 'REQUIRED' && a.email.enrollment !== 'REQUIRED') {
    fail('authenticators.password.enrollment', a.password.enrollment, 'REQUIRED, or email REQUIRED (Okta requires one of them)');
  }
  if (a['okta-verify'].enrollment === 'NOT_ALLOWED' && a.webauthn.enrollment === 'NOT_ALLOWED') {
    fail('authenticators', 'phone/email only', 'Okta Verify or WebAuthn enrollable: the tiers need a phishing-resistant factor, and SMS must never be the only second factor');
  }
  const num = (prop: string, v: number, min: number, max: number) => {
    if (!Token.isUnresolved(v) && (!Number.isInteger(v) || v < min || v > max)) fail(prop, v, `whole minutes from ${min} to ${max}`);
  };
  num('authenticators.email.tokenLifetimeMinutes', a.email.tokenLifetimeMinutes ?? 5, 1, 1440);
  num('sessionLifetimeMinutes', props.sessionLifetimeMinutes, 15, 1440);
  num('sessionIdleMinutes', props.sessionIdleMinutes, 5, Math.min(240, props.sessionLifetimeMinutes));
  for (const tier of SIGN_ON_TIERS) num(`tiers.${tier}.reauthenticateMinutes`, props.tiers[tier].reauthenticateMinutes, 1, TIER_MAX_REAUTH_MINUTES[tier]);

  for (const [key, zone] of Object.entries(props.corporateZones ?? {})) {
    if (zone.gateways.length === 0) fail(`corporateZones.${key}.gateways`, [], 'at least one CIDR block or range');
    for (const g of zone.gateways) {
      const why = ipRangeProblem(g);
      if (why) fail(`corporateZones.${key}.gateways`, g, why);
    }
  }
  const countries = props.blocklist.countries ?? [];
  for (const c of countries) if (!/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/.test(c)) fail('blocklist.countries', c, 'an ISO 3166-1 alpha-2 code such as KP, optionally with a region (US-CA)');
  if (countries.length === 0 && (props.blocklist.anonymizers ?? 'none') === 'none') {
    fail('blocklist', props.blocklist, 'at least one country or anonymizers tor / any-proxy: every policy denies the blocklist first');
  }
}
