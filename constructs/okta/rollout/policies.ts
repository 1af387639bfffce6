import { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktf';
import { PolicyMfa } from '@cdktf/provider-okta/lib/policy-mfa';
import { PolicyMfaDefault } from '@cdktf/provider-okta/lib/policy-mfa-default';
import {
  PolicyPasswordDefault,
  type PolicyPasswordDefaultConfig,
} from '@cdktf/provider-okta/lib/policy-password-default';
import { PolicyRuleMfa } from '@cdktf/provider-okta/lib/policy-rule-mfa';
import { PolicySignon } from '@cdktf/provider-okta/lib/policy-signon';
import { PolicyRuleSignon, type PolicyRuleSignonConfig } from '@cdktf/provider-okta/lib/policy-rule-signon';
import {
  managedAuthenticator,
  passwordRecoveryStatus,
  type ManagedAuthenticator,
} from '../../../domain/okta/authenticators';
import {
  PASSWORD_POLICY_ATTRIBUTES,
  PASSWORD_POLICY_DEFAULTS,
  PASSWORD_POLICY_FIXED,
  PASSWORD_SETTINGS,
  passwordPolicyAttributeValue,
  type PasswordPolicySettings,
} from '../../../domain/okta/password-policy';
import type { AuthenticatorSpec, Enrollment, MfaAuthenticatorsSpec } from './spec';
import { camel, enrollmentFields } from './authenticators';
import { chainByPriority } from './priorities';

/** Props of the rollout's enrollment policy. */
export interface EnrollmentPolicyProps {
  /** Groups the policy applies to (the enforced groups). */
  readonly groupIds: readonly string[];
  /** The current phase, named in the description. */
  readonly phase: string;
  /** Every authenticator's enrollment. */
  readonly authenticators: MfaAuthenticatorsSpec;
  /** The active authenticators, which must exist before the policy offers them. */
  readonly dependsOn: readonly ITerraformDependable[];
  /** Its priority: after the enrollment policies that come before it. @default 1 */
  readonly priority?: number;
}

/** The Identity Engine enrollment policy of the enforced groups, enrolling at sign-in. */
export class EnrollmentPolicy extends Construct {
  /** The okta_policy_mfa. */
  readonly policy: PolicyMfa;

  constructor(scope: Construct, id: string, props: EnrollmentPolicyProps) {
    super(scope, id);
    this.policy = new PolicyMfa(this, 'Resource', {
      name: 'MFA rollout: authenticator enrollment',
      description: `Authenticators the groups enforced by the MFA rollout (phase ${props.phase}) enroll`,
      isOie: true,
      status: 'ACTIVE',
      priority: props.priority ?? 1,
      groupsIncluded: [...props.groupIds],
      ...enrollmentFields(props.authenticators, (_, spec) => spec.enrollment),
      dependsOn: [...props.dependsOn],
    });
    new PolicyRuleMfa(this, 'EnrollAtSignIn', {
      policyId: this.policy.id,
      name: 'Enroll at sign-in',
      enroll: 'LOGIN',
      networkConnection: 'ANYWHERE',
      priority: 1,
      status: 'ACTIVE',
    });
  }
}

/** Props of the org's default policies. */
export interface OrgDefaultPoliciesProps {
  /** Every authenticator's status and enrollment. */
  readonly authenticators: MfaAuthenticatorsSpec;
  /** The active authenticators, which must exist before the default policy offers them. */
  readonly dependsOn: readonly ITerraformDependable[];
  /** Every password setting. @default PASSWORD_POLICY_DEFAULTS */
  readonly passwordPolicy?: PasswordPolicySettings;
}

/**
 * The org's default enrollment and password policies, which every org has: Okta refuses to deactivate an
 * authenticator any policy still uses (resource_okta_authenticator.go:39-41), these two included.
 */
export class OrgDefaultPolicies extends Construct {
  /** The org's default enrollment policy (everyone the rollout does not enforce yet). */
  readonly enrollment: PolicyMfaDefault;
  /** The org's default password policy: every setting stated; recovery by email (and question where kept). */
  readonly password: PolicyPasswordDefault;

  constructor(scope: Construct, id: string, props: OrgDefaultPoliciesProps) {
    super(scope, id);
    this.enrollment = new PolicyMfaDefault(this, 'Enrollment', {
      isOie: true,
      ...enrollmentFields(props.authenticators, defaultEnrollment),
      dependsOn: [...props.dependsOn],
    });
    this.password = new PolicyPasswordDefault(this, 'Password', {
      ...passwordSettings(props.passwordPolicy ?? PASSWORD_POLICY_DEFAULTS),
      ...passwordRecovery(props.authenticators),
    });
  }
}

/** Props of the global session policy. */
export interface GlobalSessionPolicyProps {
  /** Groups the policy applies to (the enforced groups). */
  readonly groupIds: readonly string[];
  /** The current phase, named in the description. */
  readonly phase: string;
  /** Blocklist zone ids the first rule denies. */
  readonly blocklistZoneIds: readonly string[];
  /** Global session lifetime, minutes. */
  readonly sessionLifetimeMinutes: number;
  /** Global session idle time, minutes. */
  readonly sessionIdleMinutes: number;
  /** The org has risk scoring (rules then send a riskScore condition). */
  readonly riskScoring: boolean;
  /** The org allows identity-provider conditions in sign-on rules. */
  readonly identityProviderConditions: boolean;
  /** A rule for sign-ins scored HIGH risk (risk_level HIGH; needs riskScoring). @default false */
  readonly highRiskRule?: boolean;
  /** Behaviour ids (references) whose detection gets its own rule (`behaviors`). @default [] */
  readonly behaviorIds?: readonly string[];
  /** Session lifetime after a HIGH-risk or anomalous sign-in, minutes. @default 60 */
  readonly adaptiveSessionLifetimeMinutes?: number;
}

type SessionRule = { readonly key: string; readonly name: string; readonly config: Partial<PolicyRuleSignonConfig> };

/** The enforced groups' global session policy: deny the blocklist, then MFA with a bounded, non-persistent session. */
export class GlobalSessionPolicy extends Construct {
  /** The okta_policy_signon. */
  readonly policy: PolicySignon;
  /** Its rules in priority order. */
  readonly rules: readonly PolicyRuleSignon[];

  constructor(scope: Construct, id: string, props: GlobalSessionPolicyProps) {
    super(scope, id);
    this.policy = new PolicySignon(this, 'Resource', {
      name: 'MFA rollout: global session',
      description: `Global session for the groups enforced by the MFA rollout (phase ${props.phase})`,
      status: 'ACTIVE',
      priority: 1,
      groupsIncluded: [...props.groupIds],
    });
    if (props.highRiskRule && !props.riskScoring)
      throw new Error(
        'GlobalSessionPolicy: highRiskRule = true is invalid: it needs riskScoring (the org scores risk)',
      );
    const deny = { access: 'DENY', networkConnection: 'ZONE', networkIncludes: [...props.blocklistZoneIds] };
    const mfaSession = (lifetime: number) => ({
      access: 'ALLOW',
      networkConnection: 'ANYWHERE',
      primaryFactor: 'PASSWORD_IDP_ANY_FACTOR',
      mfaRequired: true,
      mfaPrompt: 'ALWAYS',
      mfaRememberDevice: false,
      sessionLifetime: lifetime,
      sessionIdle: Math.min(props.sessionIdleMinutes, lifetime),
      sessionPersistent: false,
    });
    const short = mfaSession(Math.min(props.adaptiveSessionLifetimeMinutes ?? 60, props.sessionLifetimeMinutes));
    const behaviorIds = props.behaviorIds ?? [];
    const specs: SessionRule[] = [
      { key: 'deny-blocklisted-networks', name: 'Deny blocklisted networks', config: deny },
      // HIGH risk and anomalies (behaviours, resource_okta_policy_rule_sign_on.go:81-91): MFA, a short session.
      ...(props.highRiskRule
        ? [{ key: 'high-risk', name: 'HIGH risk: MFA, short session', config: { ...short, ...HIGH_RISK } }]
        : []),
      ...(behaviorIds.length
        ? [{ key: 'anomaly', name: 'Anomaly: MFA, short session', config: { ...short, behaviors: [...behaviorIds] } }]
        : []),
      { key: 'require-mfa', name: 'Require MFA', config: mfaSession(props.sessionLifetimeMinutes) },
    ];
    const conditions = signOnRuleConditions(props.riskScoring, props.identityProviderConditions);
    const rules = new Construct(this, 'Rules');
    this.rules = chainByPriority(
      specs,
      (s, priority, dependsOn) =>
        new PolicyRuleSignon(rules, s.key, {
          ...conditions,
          ...s.config,
          policyId: this.policy.id,
          name: s.name,
          priority,
          status: 'ACTIVE',
          dependsOn,
        }),
    );
  }
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

/** The risk condition of the HIGH-risk rule: one level is sent, risc_level first (:300-312), so both say HIGH. */
const HIGH_RISK = { riscLevel: 'HIGH', riskLevel: 'HIGH' } as const;

type RecoverySwitches = Pick<
  PolicyPasswordDefaultConfig,
  'emailRecovery' | 'smsRecovery' | 'callRecovery' | 'questionRecovery'
>;

/**
 * Password recovery in the org's default password policy (resource_okta_policy_password_default.go:142-171):
 * by email. SMS and voice are phishable and SIM-swappable, and a policy that still offers them keeps the phone
 * authenticator in use; security questions are guessable, so recovery by question is ACTIVE only where the
 * environment keeps the Security Question authenticator ACTIVE for recovery (`recovery: true`). Each switch and
 * its status is its authenticator's (domain/okta/authenticators.ts), here in the bindings' spelling
 * (`email_recovery` -> `emailRecovery`).
 */
function passwordRecovery(specs: MfaAuthenticatorsSpec): RecoverySwitches {
  const kept = (name: ManagedAuthenticator): boolean => {
    const spec: { readonly status: string; readonly recovery?: boolean } = specs[name];
    return spec.status === 'ACTIVE' && spec.recovery === true;
  };
  return Object.fromEntries(
    Object.entries(passwordRecoveryStatus(kept)).map(([attr, status]) => [camel(attr), status]),
  );
}

/**
 * Every other setting of the default password policy, stated: the provider PUTs the whole policy on create and
 * on update (resource_okta_policy_password_default.go:13, :182-197, :272-350), so a setting left out would replace
 * the org's own with the provider's default. The names come from domain/okta/password-policy.ts.
 */
function passwordSettings(s: PasswordPolicySettings): Partial<PolicyPasswordDefaultConfig> {
  const out: Record<string, unknown> = {};
  for (const setting of PASSWORD_SETTINGS)
    out[camel(PASSWORD_POLICY_ATTRIBUTES[setting])] = passwordPolicyAttributeValue(setting, s);
  for (const [attr, value] of Object.entries(PASSWORD_POLICY_FIXED)) out[camel(attr)] = value;
  return out as Partial<PolicyPasswordDefaultConfig>;
}

/**
 * Enrollment in the org's default policy, for people the rollout does not enforce yet: nothing is forced on
 * them beyond the password or email Okta requires; what is active they may enroll; what is off is NOT_ALLOWED.
 */
function defaultEnrollment(key: ManagedAuthenticator, spec: AuthenticatorSpec): Enrollment {
  if (spec.status === 'INACTIVE' || spec.enrollment === 'NOT_ALLOWED') return 'NOT_ALLOWED';
  if (managedAuthenticator(key).requiredForEnrollment) return spec.enrollment;
  return 'OPTIONAL';
}
