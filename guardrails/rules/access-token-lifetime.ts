import { defineRule, each, on } from '../rule';
import { isProd, num } from '../../synthesized/facts';
import { ACCESS_TOKEN_MINUTES } from '../../domain/okta/token-lifetimes';

export default defineRule({
  id: 'OK-05',
  name: 'access-token-lifetime',
  severity: 'error',
  title: 'Every access policy rule sets an explicit access token lifetime (at most 60 minutes in prod)',
  why:
    'Access tokens cannot be revoked at the gateway: their lifetime is how long a stolen ' +
    'token works. Left unset, the lifetime changes with Okta defaults nobody reviews.',
  source: 'Okta docs: Access policy rule token lifetimes; OWASP API2:2023',
  fix: 'Set accessTokenLifetimeMinutes on the rule (5 to 60 in prod).',
  check: (stack) =>
    each(stack.resources('okta_auth_server_policy_rule'), (rule) => {
      const minutes = num(rule.attrs.access_token_lifetime_minutes);
      if (minutes === undefined) return on(rule, 'access_token_lifetime_minutes is not set');
      const { min, max } = ACCESS_TOKEN_MINUTES;
      if (minutes < min || minutes > max)
        return on(rule, `access_token_lifetime_minutes = ${minutes}; Okta allows ${min} to ${max}`);
      return isProd(stack) && minutes > 60
        ? on(rule, `access_token_lifetime_minutes = ${minutes}; prod allows at most 60`)
        : undefined;
    }),
});
