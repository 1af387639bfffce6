import { defineRule, NOT_APPLICABLE, verdict, type RuleFinding } from '../rule';
import { str } from '../../synthesized/facts';
import { ReadModel } from '../../synthesized/read-model';

/** The recovery-only marker of an authenticator's settings JSON. */
function allowedFor(settings: unknown): string | undefined {
  if (typeof settings !== 'string') return undefined;
  try {
    const v = JSON.parse(settings) as { allowedFor?: unknown };
    return typeof v.allowedFor === 'string' ? v.allowedFor : undefined;
  } catch {
    return undefined;
  }
}

export default defineRule({
  id: 'MFA-25',
  name: 'security-question-recovery',
  severity: 'error',
  title:
    'The security question is INACTIVE, or ACTIVE for password recovery only, and the password policy agrees: ' +
    'question recovery exactly when it is kept for recovery',
  why:
    'Security question answers are guessable or found online. Kept only for recovery (allowedFor recovery) it ' +
    'never signs anyone in; a password policy that offers question recovery while the authenticator is off ' +
    '(or the reverse) keeps it in use, and Okta refuses to deactivate an authenticator a policy uses.',
  source:
    'okta/resource_okta_policy_password_default.go:160-165 (question_recovery), :136-141 (question_min_length); ' +
    'okta/resource_okta_authenticator.go:39-41 (deactivation refused while in use), :57-64 (settings); Okta docs: ' +
    'Configure the security question authenticator',
  fix:
    "Keep identity.mfa.authenticators['security-question'] INACTIVE, or ACTIVE with recovery: true; the stack " +
    'then sets question_recovery to match.',
  check: (stack) => {
    const read = ReadModel.of(stack);
    const question = stack.resources('okta_authenticator').find((a) => str(a.attrs.key) === 'security_question');
    const policy = read.defaultPasswordPolicy;
    if (!question && !policy) return NOT_APPLICABLE;
    const findings: RuleFinding[] = [];
    const active = question !== undefined && str(question.attrs.status) !== 'INACTIVE';
    const recoveryOnly = question !== undefined && allowedFor(question.attrs.settings) === 'recovery';
    if (question && active && !recoveryOnly)
      findings.push({
        address: question.address,
        message: 'ACTIVE without settings allowedFor "recovery": a guessable answer can be a sign-in factor',
      });
    if (policy && question) {
      const offered = policy.settings.question_recovery === 'ACTIVE';
      if (offered !== active)
        findings.push({
          address: policy.resource.address,
          message:
            `question_recovery = ${String(policy.settings.question_recovery)} while the Security Question ` +
            `authenticator is ${active ? 'ACTIVE' : 'INACTIVE'}: ${
              offered ? 'recovery by a disabled authenticator keeps it in use' : 'kept for recovery, but not offered'
            }`,
        });
    }
    return verdict(findings);
  },
});
