import { defineRule, each, on } from '../rule';
import { stringList } from '../../synthesized/model';

export default defineRule({
  id: 'OK-07',
  name: 'no-wildcard-scope-grant',
  severity: 'error',
  title: "No access policy rule grants scope '*'",
  why:
    "'*' grants every scope the server has, including scopes added " +
    'later for other APIs and admin scopes: least privilege is gone.',
  source: 'Okta docs: Create rules for each access policy (scopes); OWASP API5:2023',
  fix: 'List the scopes the rule may grant.',
  check: (stack) =>
    each(stack.resources('okta_auth_server_policy_rule'), (rule) =>
      stringList(rule.attrs.scope_whitelist).includes('*') ? on(rule, "scope_whitelist includes '*'") : undefined,
    ),
});
