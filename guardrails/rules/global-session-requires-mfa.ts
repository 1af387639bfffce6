import { defineRule, each, on, type RuleFinding } from '../rule';
import { allows, isTrue, num } from '../../synthesized/facts';

export default defineRule({
  id: 'MFA-03',
  name: 'global-session-requires-mfa',
  severity: 'error',
  title: 'Global session allow rules require MFA with an explicit session lifetime and idle time, not persistent',
  why:
    'The global session rule decides how a user gets an Okta session at all; without ' +
    'mfa_required a password alone opens every app on the default policy, and unset ' +
    'lifetimes fall back to org defaults (up to days, persistent across browser restarts).',
  source: 'Okta docs: Global session policies (okta_policy_rule_signon mfa_required, session_lifetime, session_idle)',
  fix:
    'Set mfa_required = true, session_lifetime and session_idle ' +
    '(minutes) and session_persistent = false on the rule.',
  check: (stack) =>
    each(stack.resources('okta_policy_rule_signon').filter(allows), (rule) => {
      const f: RuleFinding[] = [];
      if (!isTrue(rule.attrs.mfa_required)) f.push(on(rule, 'mfa_required is not true'));
      if (!num(rule.attrs.session_lifetime)) f.push(on(rule, 'session_lifetime is not set (org default applies)'));
      if (!num(rule.attrs.session_idle)) f.push(on(rule, 'session_idle is not set (org default applies)'));
      if (isTrue(rule.attrs.session_persistent))
        f.push(on(rule, 'session_persistent = true: sessions survive browser restarts'));
      return f;
    }),
});
