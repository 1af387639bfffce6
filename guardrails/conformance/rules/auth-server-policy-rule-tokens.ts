import { num } from '../../facts';
import { defineRule, each } from '../../rule';
import { all, bad, inRange, isSet, list, PROVIDER } from '../support';

const FILE = 'okta/resource_okta_auth_server_policy_rule.go';
/** Provider defaults applied when the attribute is not configured. */
const DEFAULT_ACCESS_MINUTES = 60; // :74-79
const DEFAULT_WINDOW_MINUTES = 10080; // :85-90

export default defineRule({
  id: 'OKC-02',
  name: 'auth-server-policy-rule-tokens',
  severity: 'error',
  title: 'okta_auth_server_policy_rule: token lifetimes and refresh window pass validateAuthServerPolicyRule',
  why: 'The provider checks these before it calls the API, on create and update: a refresh lifetime shorter than the access lifetime, or a refresh window outside [access lifetime, refresh lifetime], fails the apply.',
  source: `${FILE}:305-327 (validateAuthServerPolicyRule, run at :128 and :189), :74-90 (defaults 60 and 10080, ranges)`,
  fix: 'Keep access <= refresh window <= refresh lifetime (all in minutes); access 5-1440, window 5-2628000; implicit grants need a group or user include list.',
  check: (stack) =>
    each(stack.resources('okta_auth_server_policy_rule'), (r) => {
      const a = r.attrs;
      const access = isSet(a.access_token_lifetime_minutes) ? num(a.access_token_lifetime_minutes) : DEFAULT_ACCESS_MINUTES;
      const refresh = isSet(a.refresh_token_lifetime_minutes) ? num(a.refresh_token_lifetime_minutes) : 0;
      const window = isSet(a.refresh_token_window_minutes) ? num(a.refresh_token_window_minutes) : DEFAULT_WINDOW_MINUTES;
      const values = `access ${access}, refresh lifetime ${refresh}, refresh window ${window} minutes`;
      const implicit = list(a.grant_type_whitelist).includes('implicit');
      const people = list(a.group_whitelist).length + list(a.user_whitelist).length > 0;
      return all(
        inRange(r, 'access_token_lifetime_minutes', a.access_token_lifetime_minutes, 5, 1440, `${FILE}:78`),
        inRange(r, 'refresh_token_window_minutes', a.refresh_token_window_minutes, 5, 2628000, `${FILE}:89`),
        access !== undefined && refresh !== undefined && refresh > 0 && refresh < access
          ? bad(r, 'refresh_token_lifetime_minutes', refresh, `${PROVIDER} requires refresh lifetime >= access lifetime (${values}; ${FILE}:321-323)`)
          : undefined,
        access !== undefined && refresh !== undefined && window !== undefined && refresh > 0 && (window < access || window > refresh)
          ? bad(r, 'refresh_token_window_minutes', window, `${PROVIDER} requires access lifetime <= window <= refresh lifetime, allowed ${access}-${refresh} (${values}; ${FILE}:324-326)`)
          : undefined,
        implicit && !people ? bad(r, 'grant_type_whitelist', a.grant_type_whitelist, `implicit needs group_whitelist or user_whitelist (${FILE}:306-317)`) : undefined,
      );
    }),
});
