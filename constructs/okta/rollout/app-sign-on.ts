import { Construct } from 'constructs';
import { AppSignonPolicy } from '@cdktf/provider-okta/lib/app-signon-policy';
import { AppSignonPolicyRule, type AppSignonPolicyRuleConfig } from '@cdktf/provider-okta/lib/app-signon-policy-rule';
import {
  PHISHING_RESISTANT,
  PHISHING_RESISTANT_DEVICE_BOUND,
  SIGN_ON_TIERS,
  isoDurationMinutes,
  signOnConstraintJson,
  type SignOnTier,
} from '../../../domain/okta/sign-on-constraints';
import type { HighRiskAction } from '../../../domain/okta/adaptive';
import type { CriticalTierSpec, SignOnTierSpec } from './spec';
import { chainByPriority } from './priorities';

/** Props of the app sign-on policies. */
export interface AppSignOnTiersProps {
  /** The enforced groups, which the standard tier asks for two factors. */
  readonly enforcedGroupIds: readonly string[];
  /** Whether the enforced groups are Everyone (then nobody keeps one factor). */
  readonly coversEveryone: boolean;
  /** Re-authentication and device requirements per tier. */
  readonly tiers: {
    readonly standard: SignOnTierSpec;
    readonly high: SignOnTierSpec;
    readonly critical: CriticalTierSpec;
  };
  /** Blocklist zone ids every policy's first rule denies. */
  readonly blocklistZoneIds: readonly string[];
  /** Adds prevent_destroy to the policies. */
  readonly protect: boolean;
  /** What HIGH risk (risk_score) leads to per tier, in a rule before the tier's way in. @default - no risk rule */
  readonly highRisk?: Readonly<Partial<Record<SignOnTier, HighRiskAction>>>;
  /** Device assurance policy ids (references) the high and critical tiers include. @default - none */
  readonly deviceAssuranceIds?: Readonly<Partial<Record<'high' | 'critical', readonly string[]>>>;
  /**
   * The org has device management: a rule that checks devices then requires a managed one (device_is_managed
   * true); without it, registered devices, none of which is managed (false). @default false
   */
  readonly deviceManagement?: boolean;
}

/** An app sign-on policy and its rules in priority order. */
export interface TierPolicy {
  /** The okta_app_signon_policy. */
  readonly policy: AppSignonPolicy;
  /** Its rules in priority order. */
  readonly rules: readonly AppSignonPolicyRule[];
}

type Rule = { readonly key: string } & Omit<
  AppSignonPolicyRuleConfig,
  'policyId' | 'priority' | 'dependsOn' | 'status'
>;

const TIER_DESCRIPTIONS: Record<SignOnTier, string> = {
  standard: 'Two factors for groups the MFA rollout enforces; anything else is denied',
  high: 'Phishing-resistant possession factor (FIDO2/WebAuthn or Okta FastPass); anything else is denied',
  critical:
    'Phishing-resistant, device-bound, hardware-protected factor with user verification; anything else is denied',
};

/**
 * One app sign-on (authentication) policy per sensitivity tier. catch_all = false makes Okta's own
 * catch-all rule DENY: a sign-in no rule below allows is refused, never let through by the default.
 */
export class AppSignOnTiers extends Construct {
  /** Policy and rules by tier. */
  readonly byTier: Readonly<Record<SignOnTier, TierPolicy>>;

  constructor(scope: Construct, id: string, props: AppSignOnTiersProps) {
    super(scope, id);
    const rulesByTier = tierRules(props);
    const byTier = {} as Record<SignOnTier, TierPolicy>;
    for (const tier of SIGN_ON_TIERS) {
      const tierScope = new Construct(this, tier);
      const policy = new AppSignonPolicy(tierScope, 'Resource', {
        name: `Sign-on tier: ${tier}`,
        description: TIER_DESCRIPTIONS[tier],
        catchAll: false,
        lifecycle: props.protect ? { preventDestroy: true } : undefined,
      });
      const rulesScope = new Construct(tierScope, 'Rules');
      const rules = chainByPriority(
        rulesByTier[tier],
        ({ key, ...config }, priority, dependsOn) =>
          new AppSignonPolicyRule(rulesScope, key, {
            ...config,
            policyId: policy.id,
            priority,
            status: 'ACTIVE',
            dependsOn,
          }),
      );
      byTier[tier] = { policy, rules };
    }
    this.byTier = byTier;
  }
}

/** Each tier's rules: deny the blocklist, then HIGH risk (where set), then the tier's way in. */
function tierRules(props: AppSignOnTiersProps): Record<SignOnTier, Rule[]> {
  const { tiers } = props;
  const deny: Rule = {
    key: 'deny-blocklisted-networks',
    name: 'Deny blocklisted networks',
    access: 'DENY',
    networkConnection: 'ZONE',
    networkIncludes: [...props.blocklistZoneIds],
  };
  const allow = (minutes: number) =>
    ({
      access: 'ALLOW',
      type: 'ASSURANCE',
      factorMode: '2FA',
      networkConnection: 'ANYWHERE',
      reAuthenticationFrequency: isoDurationMinutes(minutes),
    }) as const;
  const device = (tier: 'high' | 'critical') => {
    const ids = props.deviceAssuranceIds?.[tier] ?? [];
    const requiresManaged = tier === 'critical' && (tiers.critical.requireManagedDevice ?? false);
    // Device assurance is a condition on registered devices (Okta Admin Console: "Device state is Registered"
    // comes first; the provider's own example pairs them, docs/resources/app_signon_policy_rule.md:188-207).
    // With registered the provider always sends managed, false when unset (resource_okta_app_signon_policy_rule.go
    // :433-438), and Okta then skips managed devices: say which is meant. Where the org manages devices, a rule
    // that checks devices asks for a managed one; where it does not, no device is managed and false is every
    // registered device.
    if (!requiresManaged && !ids.length) return {};
    return {
      deviceIsRegistered: true,
      deviceIsManaged: requiresManaged || (props.deviceManagement ?? false),
      ...(ids.length ? { deviceAssurancesIncluded: [...ids] } : {}),
    };
  };
  const standard = allow(tiers.standard.reauthenticateMinutes);
  const ways: Record<SignOnTier, Rule[]> = {
    standard: [
      { key: 'two-factors', name: 'Two factors', ...standard, groupsIncluded: [...props.enforcedGroupIds] },
      // Until the rollout covers everyone, people outside the enforced groups keep one factor.
      ...(props.coversEveryone
        ? []
        : [{ key: 'not-yet-enrolled', name: 'Not yet in the MFA rollout', ...standard, factorMode: '1FA' } as Rule]),
    ],
    high: [
      {
        key: 'phishing-resistant',
        name: 'Phishing-resistant',
        ...allow(tiers.high.reauthenticateMinutes),
        constraints: [signOnConstraintJson(PHISHING_RESISTANT)],
        ...device('high'),
      },
    ],
    critical: [
      {
        key: 'phishing-resistant-device-bound',
        name: 'Phishing-resistant, device-bound',
        ...allow(tiers.critical.reauthenticateMinutes),
        constraints: [signOnConstraintJson(PHISHING_RESISTANT_DEVICE_BOUND)],
        ...device('critical'),
      },
    ],
  };
  const out = {} as Record<SignOnTier, Rule[]>;
  for (const tier of SIGN_ON_TIERS) {
    const action = props.highRisk?.[tier];
    out[tier] = [deny, ...(action ? highRiskRules(action, ways[tier][0], props) : []), ...ways[tier]];
  }
  return out;
}

const DENY_HIGH_RISK: Rule = { key: 'deny-high-risk', name: 'Deny HIGH risk', access: 'DENY', riskScore: 'HIGH' };

/**
 * The rules for sign-ins Okta scores HIGH risk (risk_score, resource_okta_app_signon_policy_rule.go:196-201),
 * before the tier's other rules, so a HIGH-risk sign-in never reaches one factor: DENY; or the tier's way in (its
 * device conditions included) with at least a phishing-resistant factor. That step-up is only for the groups the
 * rollout enforces, who have enrolled: asked of anyone else, Okta would offer them enrollment in the middle of the
 * risky sign-in (whoever holds the password enrolls their own authenticator). Until the rollout covers everyone,
 * HIGH risk is denied for the rest.
 */
function highRiskRules(action: HighRiskAction, way: Rule, props: AppSignOnTiersProps): Rule[] {
  if (action === 'deny') return [DENY_HIGH_RISK];
  const { key: _key, name: _name, groupsIncluded: _groups, constraints, ...rest } = way;
  const stepUp: Rule = {
    ...rest,
    key: 'high-risk-phishing-resistant',
    name: 'HIGH risk: phishing-resistant',
    factorMode: '2FA',
    riskScore: 'HIGH',
    constraints: constraints ?? [signOnConstraintJson(PHISHING_RESISTANT)],
    ...(props.coversEveryone ? {} : { groupsIncluded: [...props.enforcedGroupIds] }),
  };
  if (props.coversEveryone) return [stepUp];
  return [
    stepUp,
    {
      key: 'deny-high-risk-outside-rollout',
      name: 'Deny HIGH risk outside the rollout',
      access: 'DENY',
      riskScore: 'HIGH',
    },
  ];
}
