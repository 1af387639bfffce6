/**
 * Which optional conditions the okta provider 4.20.0 sends for an `okta_policy_rule_signon`, given the
 * attributes written in the configuration (snake_case, as in the synthesized JSON). The provider applies
 * the schema default ANY to an absent risc_level, risk_level or identity_provider
 * (resource_okta_policy_rule_sign_on.go:74-86, 141-146) and sends a condition whenever `GetOk` finds a
 * non-empty value (286-292, 300-312): risc_level first, then risk_level. An explicit "" sends none: the
 * condition stays nil and is omitted from the request (sdk/v2_policyRuleConditions.go:15,21, omitempty).
 */

/** Schema default of risc_level, risk_level and identity_provider. */
export const SIGN_ON_CONDITION_DEFAULT = 'ANY';

export interface SentSignOnConditions {
  /** conditions.riskScore.level, when sent. */
  readonly riskScore?: string;
  /** conditions.identityProvider.provider, when sent. */
  readonly identityProvider?: string;
}

/** The conditions the provider would send for a global session rule with these attributes. */
export function signOnConditionsSent(attrs: Readonly<Record<string, unknown>>): SentSignOnConditions {
  const valueOf = (key: string): string => {
    const v = attrs[key];
    return v === undefined || v === null ? SIGN_ON_CONDITION_DEFAULT : String(v);
  };
  const risk = valueOf('risc_level') || valueOf('risk_level');
  const idp = valueOf('identity_provider');
  return { ...(risk ? { riskScore: risk } : {}), ...(idp ? { identityProvider: idp } : {}) };
}
