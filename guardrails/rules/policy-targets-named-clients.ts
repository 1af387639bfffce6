import { defineRule, each, on } from '../rule';
import { stringList } from '../../synthesized/model';

export default defineRule({
  id: 'OK-08',
  name: 'policy-targets-named-clients',
  severity: 'error',
  title: 'Every access policy targets named clients, never all clients',
  why:
    'A policy for ALL_CLIENTS (or none listed) lets any app in the ' +
    'org, including ones created later, get tokens for this API.',
  source: 'Okta docs: Create access policies (Assign to: The following clients)',
  fix: "List the apps' client_id references in the policy's clients.",
  check: (stack) =>
    each(stack.resources('okta_auth_server_policy'), (policy) => {
      const clients = stringList(policy.attrs.client_whitelist);
      if (clients.length === 0) return on(policy, 'client_whitelist is empty: the policy applies to every client');
      return clients.includes('ALL_CLIENTS') ? on(policy, 'client_whitelist is ALL_CLIENTS') : undefined;
    }),
});
