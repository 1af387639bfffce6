import { NOT_APPLICABLE, defineRule, verdict, on, type RuleFinding } from '../rule';
import { allows, isTrue, str } from '../../synthesized/facts';
import { byPriority, factorModeOf, isActive, networkConnectionOf, riskOf } from '../../synthesized/defaults';
import { stringList, type StackModel, type TfResource } from '../../synthesized/model';

/** The level a rule matches: app rules risk_score, session rules risc_level (sent first) or risk_level. */
const level = (r: TfResource) =>
  r.type === 'okta_app_signon_policy_rule'
    ? riskOf(r, 'risk_score')
    : str(r.attrs.risc_level) || riskOf(r, 'risk_level');
/** A rule that takes every HIGH-risk sign-in: risk HIGH and no narrower condition (groups, network, device). */
const catchesHighRisk = (r: TfResource) =>
  level(r) === 'HIGH' &&
  stringList(r.attrs.groups_included).length === 0 &&
  stringList(r.attrs.users_included).length === 0 &&
  networkConnectionOf(r) === 'ANYWHERE' &&
  !isTrue(r.attrs.device_is_registered) &&
  stringList(r.attrs.device_assurances_included).length === 0 &&
  (r.attrs.platform_include === undefined ||
    (Array.isArray(r.attrs.platform_include) && !r.attrs.platform_include.length));
const oneFactor = (r: TfResource) =>
  allows(r) && (r.type === 'okta_app_signon_policy_rule' ? factorModeOf(r) === '1FA' : !isTrue(r.attrs.mfa_required));

/**
 * The org scores risk: a session rule sends a risk condition (anything but "", which sends none; unset means the
 * provider's ANY, resource_okta_policy_rule_sign_on.go:74-86), or an app rule states a risk score.
 */
const scoresRisk = (stack: StackModel) =>
  stack.resources('okta_policy_rule_signon').some((r) => r.attrs.risk_level !== '' || r.attrs.risc_level !== '') ||
  stack.resources('okta_app_signon_policy_rule').some((r) => !!str(r.attrs.risk_score));

function oneFactorAtHighRisk(rules: readonly TfResource[], where: string): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const r of byPriority(rules).filter(isActive)) {
    if (catchesHighRisk(r) && !oneFactor(r)) break;
    if (oneFactor(r) && ['ANY', 'HIGH'].includes(level(r)))
      out.push(
        on(r, `${where} rule allows one factor at risk ${level(r)}, and no earlier rule takes HIGH-risk sign-ins`),
      );
  }
  return out;
}

export default defineRule({
  id: 'MFA-21',
  name: 'high-risk-never-one-factor',
  severity: 'error',
  title: 'Where the org scores risk, no sign-in Okta scores HIGH risk is let through with one factor',
  why:
    'HIGH risk is what Okta says of a sign-in from an unfamiliar place, device or pattern: the signature of a ' +
    'stolen password. A one-factor rule (a wave not yet in the rollout, a session rule without MFA) that a ' +
    'HIGH-risk sign-in can reach lets that password in alone. A rule that denies or steps up HIGH risk must come ' +
    'first in every policy that has a one-factor rule.',
  source:
    'Okta docs: Risk scoring, risk-based authentication; okta/resource_okta_app_signon_policy_rule.go:196-201 ' +
    '(risk_score), okta/resource_okta_policy_rule_sign_on.go:74-86 (risk_level)',
  fix: 'Set identity.mfa.risk (deny or phishing-resistant per tier) with okta.riskScoring: true.',
  check: (stack) => {
    if (!scoresRisk(stack)) return NOT_APPLICABLE;
    const policies = [
      ...stack
        .resources('okta_app_signon_policy')
        .map((p) => oneFactorAtHighRisk(stack.referrers('okta_app_signon_policy_rule', 'policy_id', p), 'app sign-on')),
      ...stack
        .resources('okta_policy_signon')
        .map((p) => oneFactorAtHighRisk(stack.referrers('okta_policy_rule_signon', 'policy_id', p), 'global session')),
    ];
    return verdict(policies.flat());
  },
});
