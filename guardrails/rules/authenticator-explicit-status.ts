import { defineRule, each, on } from '../rule';
import { str } from '../../synthesized/facts';

export default defineRule({
  id: 'MFA-08',
  name: 'authenticator-explicit-status',
  severity: 'warning',
  title: 'Every managed authenticator states its status (ACTIVE or INACTIVE)',
  why:
    'Authenticators cannot be deleted in Okta, only deactivated: removing ' +
    'one from code fails the apply. Keeping it with status INACTIVE is the ' +
    'way to turn it off, and an explicit status makes that a reviewed line.',
  source: 'okta provider docs: okta_authenticator (cannot be deleted)',
  fix: "Set status on every okta_authenticator; to remove one, set status = 'INACTIVE' instead of deleting it.",
  check: (stack) =>
    each(stack.resources('okta_authenticator'), (a) => {
      const status = str(a.attrs.status);
      return status === 'ACTIVE' || status === 'INACTIVE' ? undefined : on(a, `status = ${status ?? 'unset'}`);
    }),
});
