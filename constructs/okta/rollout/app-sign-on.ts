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
import type { CriticalTierSpec, SignOnTierSpec } from '../mfa-rollout';
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

/** Each tier's rules: deny the blocklist, then the tier's one way in. */
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
  const standard = allow(tiers.standard.reauthenticateMinutes);
  return {
    standard: [
      deny,
      { key: 'two-factors', name: 'Two factors', ...standard, groupsIncluded: [...props.enforcedGroupIds] },
      // Until the rollout covers everyone, people outside the enforced groups keep one factor.
      ...(props.coversEveryone
        ? []
        : [{ key: 'not-yet-enrolled', name: 'Not yet in the MFA rollout', ...standard, factorMode: '1FA' }]),
    ],
    high: [
      deny,
      {
        key: 'phishing-resistant',
        name: 'Phishing-resistant',
        ...allow(tiers.high.reauthenticateMinutes),
        constraints: [signOnConstraintJson(PHISHING_RESISTANT)],
      },
    ],
    critical: [
      deny,
      {
        key: 'phishing-resistant-device-bound',
        name: 'Phishing-resistant, device-bound',
        ...allow(tiers.critical.reauthenticateMinutes),
        constraints: [signOnConstraintJson(PHISHING_RESISTANT_DEVICE_BOUND)],
        ...(tiers.critical.requireManagedDevice ? { deviceIsRegistered: true, deviceIsManaged: true } : {}),
      },
    ],
  };
}
