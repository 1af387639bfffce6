import { defineRule, NOT_APPLICABLE, verdict, type RuleFinding } from '../rule';
import { ReadModel } from '../../synthesized/read-model';
import {
  GUIDANCE_MIN_LENGTH,
  MFA_ONLY_MIN_LENGTH,
  PASSWORD_POLICY_ATTRIBUTES,
  PASSWORD_POLICY_RANGES,
} from '../../domain/okta/password-policy';

const A = PASSWORD_POLICY_ATTRIBUTES;

export default defineRule({
  id: 'MFA-22',
  name: 'password-policy-guidance',
  severity: 'error',
  title:
    "The org's default password policy follows current guidance: a long minimum length, a blocklist, lockout " +
    'within 100 failures, and an email to the user when it locks',
  why:
    'The policy applies to everyone the rollout does not enforce yet and to every password sign-in before MFA: a ' +
    'short password that is not checked against common ones is guessed, and an unlimited number of tries lets ' +
    'whoever guesses keep trying. The provider PUTs the whole policy, so a setting the stack gets wrong replaces ' +
    "the org's own on the next apply.",
  source:
    'NIST SP 800-63B-4 (2025) 3.1.1.2 (at least 15 characters where a password can sign in alone, 8 as one factor ' +
    'of several; a blocklist of common and context-specific values) and 3.2.2 (at most 100 consecutive failures); ' +
    'okta/resource_okta_policy_password_default.go:272-350 (what is PUT)',
  fix:
    'Set identity.mfa.passwordPolicy back to the guidance (the defaults), or give minLength a minLengthOverride ' +
    'with a reason.',
  check: (stack) => {
    const policy = ReadModel.of(stack).defaultPasswordPolicy;
    if (!policy) return NOT_APPLICABLE;
    const s = policy.values;
    const at = (attribute: string, message: string): RuleFinding => ({
      address: policy.resource.address,
      message: `${attribute} = ${JSON.stringify(policy.settings[attribute])}: ${message}`,
    });
    const findings: RuleFinding[] = [];
    const length = s.minLength as number;
    const floor = policy.minLengthOverride ? MFA_ONLY_MIN_LENGTH : GUIDANCE_MIN_LENGTH;
    if (length < floor)
      findings.push(
        at(
          A.minLength,
          policy.minLengthOverride
            ? `below ${MFA_ONLY_MIN_LENGTH}, the least the guidance allows even as one factor of several`
            : `below the guidance of ${GUIDANCE_MIN_LENGTH}, and the stack declares no minLengthOverride reason`,
        ),
      );
    if (!s.commonPasswordCheck) findings.push(at(A.commonPasswordCheck, 'common passwords are accepted'));
    if (!s.excludeUsername) findings.push(at(A.excludeUsername, 'a password may contain the username'));
    const attempts = s.lockoutAttempts as number;
    const { max } = PASSWORD_POLICY_RANGES.lockoutAttempts;
    if (attempts === 0 || attempts > max)
      findings.push(at(A.lockoutAttempts, `${attempts === 0 ? 'no lockout at all' : `more than ${max} tries`}`));
    if (!s.lockoutEmail) findings.push(at(A.lockoutEmail, 'nobody is told when an account locks'));
    return verdict(findings);
  },
});
