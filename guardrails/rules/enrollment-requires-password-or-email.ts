import { defineRule, each, on } from '../rule';
import { attr } from '../../synthesized/model';
import { ENROLLMENT_ANCHOR_KEYS } from '../../domain/okta/authenticators';

export default defineRule({
  id: 'MFA-07',
  name: 'enrollment-requires-password-or-email',
  severity: 'error',
  title: 'The MFA enrollment policy requires Password or Email',
  why:
    'Okta Identity Engine rejects an authenticator enrollment policy where neither ' +
    'Password nor Email is required: the apply fails halfway through the rollout.',
  source: 'Okta docs: Authenticator enrollment policies; okta provider docs: okta_policy_mfa',
  fix: "Set okta_password (or okta_email) enroll = 'REQUIRED'.",
  check: (stack) =>
    each(stack.resources('okta_policy_mfa'), (p) =>
      ENROLLMENT_ANCHOR_KEYS.some((k) => attr(p.attrs, k, 'enroll') === 'REQUIRED')
        ? undefined
        : on(p, `neither ${ENROLLMENT_ANCHOR_KEYS.join(' nor ')} has enroll = REQUIRED`),
    ),
});
