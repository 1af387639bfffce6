import {
  ACCESS_TOKEN_MINUTES,
  REFRESH_WINDOW_MINUTES,
  tokenLifetimeProblems,
} from '../../../domain/okta/token-lifetimes';
import { num, str } from '../../../synthesized/facts';
import { PROVIDER_DEFAULTS } from '../../../synthesized/defaults';
import { defineRule, each } from '../../rule';
import { all, bad, inRange, isSet, list } from '../support';

const FILE = 'okta/resource_okta_auth_server_policy_rule.go';
const DEFAULTS = PROVIDER_DEFAULTS.okta_auth_server_policy_rule.defaults;
const ATTRIBUTE = {
  refreshTokenLifetimeMinutes: 'refresh_token_lifetime_minutes',
  refreshTokenWindowMinutes: 'refresh_token_window_minutes',
};

export default defineRule({
  id: 'OKC-02',
  name: 'auth-server-policy-rule-tokens',
  severity: 'error',
  title: 'okta_auth_server_policy_rule: token lifetimes and refresh window pass validateAuthServerPolicyRule',
  why:
    'The provider checks these before it calls the API, on create and update: a refresh lifetime shorter than the ' +
    'access lifetime, or a refresh window outside [access lifetime, refresh lifetime], fails the apply.',
  source:
    `${FILE}:305-327 (validateAuthServerPolicyRule, run at :128 and :189), :74-90 (defaults 60 and 10080, ` + `ranges)`,
  fix:
    'Keep access <= refresh window <= refresh lifetime (minutes); access 5-1440, window 5-2628000; ' +
    'implicit grants need a group or user include list.',
  check: (stack) =>
    each(stack.resources('okta_auth_server_policy_rule'), (r) => {
      const a = r.attrs;
      const minutes = (k: string, fallback: number | undefined) => (isSet(a[k]) ? num(a[k]) : fallback);
      const access = minutes('access_token_lifetime_minutes', num(DEFAULTS.access_token_lifetime_minutes));
      const lifetimes =
        access === undefined
          ? []
          : tokenLifetimeProblems(str(a.name) ?? r.name, {
              accessTokenLifetimeMinutes: access,
              refreshTokenLifetimeMinutes: minutes('refresh_token_lifetime_minutes', undefined),
              refreshTokenWindowMinutes: minutes(
                'refresh_token_window_minutes',
                num(DEFAULTS.refresh_token_window_minutes),
              ),
            });
      const implicit = list(a.grant_type_whitelist).includes('implicit');
      const people = list(a.group_whitelist).length + list(a.user_whitelist).length > 0;
      return all(
        inRange(
          r,
          'access_token_lifetime_minutes',
          a.access_token_lifetime_minutes,
          ACCESS_TOKEN_MINUTES.min,
          ACCESS_TOKEN_MINUTES.max,
          `${FILE}:78`,
        ),
        inRange(
          r,
          'refresh_token_window_minutes',
          a.refresh_token_window_minutes,
          REFRESH_WINDOW_MINUTES.min,
          REFRESH_WINDOW_MINUTES.max,
          `${FILE}:89`,
        ),
        lifetimes.map((p) => bad(r, ATTRIBUTE[p.field], a[ATTRIBUTE[p.field]], p.message)),
        implicit && !people
          ? bad(
              r,
              'grant_type_whitelist',
              a.grant_type_whitelist,
              `implicit needs group_whitelist or user_whitelist (${FILE}:306-317)`,
            )
          : undefined,
      );
    }),
});
