import { defineRule, NOT_APPLICABLE, verdict, on, type RuleFinding } from '../rule';
import { allows, str } from '../../synthesized/facts';
import { ReadModel, EVERYONE } from '../../synthesized/read-model';

export default defineRule({
  id: 'MFA-23',
  name: 'high-risk-step-up-enrolled-only',
  severity: 'error',
  title: 'A HIGH-risk step-up applies only to groups the rollout enforces (who have enrolled); everyone else is denied',
  why:
    'A step-up asks for an authenticator. Asked of someone who has none enrolled, Okta offers enrollment in the ' +
    'middle of the sign-in, and at HIGH risk the person at the keyboard is likely the one with the stolen password: ' +
    'they enroll their own authenticator and are in. Only people the rollout enforces have enrolled; for the rest ' +
    'HIGH risk is denied until their wave.',
  source:
    'okta/resource_okta_app_signon_policy_rule.go:59-64 (groups_included), :196-201 (risk_score); Okta docs: ' +
    'authenticator enrollment policies (enrollment at sign-in)',
  fix:
    'Name the enforced groups in the HIGH-risk step-up rule and deny HIGH risk after it (OktaMfaRollout does), or ' +
    'deny HIGH risk in that tier (identity.mfa.risk.<tier>: deny).',
  check: (stack) => {
    const read = ReadModel.of(stack);
    // Who has enrolled: the groups of the active enrollment policies (okta_policy_mfa, the rollout's).
    const enrolled = new Set(
      read.model
        .resources('okta_policy_mfa')
        .filter((p) => str(p.attrs.status) !== 'INACTIVE')
        .flatMap((p) => read.groupsIn(p, 'groups_included')),
    );
    const steps = read.model
      .resources('okta_app_signon_policy_rule')
      .filter((r) => allows(r) && str(r.attrs.risk_score) === 'HIGH');
    if (steps.length === 0) return NOT_APPLICABLE;
    if (enrolled.has(EVERYONE)) return verdict([]);
    const findings: RuleFinding[] = [];
    for (const r of steps) {
      const groups = read.groupsIn(r, 'groups_included');
      const outside = groups.length === 0 ? [EVERYONE] : groups.filter((g) => !enrolled.has(g));
      if (outside.length)
        findings.push(
          on(
            r,
            `steps up HIGH risk for ${outside.join(', ')}, which the rollout does not enforce (enrolled: ` +
              `${[...enrolled].sort().join(', ') || 'nobody'}): Okta would offer them enrollment mid-sign-in`,
          ),
        );
    }
    return verdict(findings);
  },
});
