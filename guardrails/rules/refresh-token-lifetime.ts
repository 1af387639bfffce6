import { defineRule, each, on, type RuleFinding } from '../rule';
import { stringList } from '../../synthesized/model';
import { num } from '../../synthesized/facts';

export default defineRule({
  id: 'OK-06',
  name: 'refresh-token-lifetime',
  severity: 'error',
  title: 'Rules that issue refresh tokens set a finite refresh lifetime and idle window',
  why:
    'Okta treats an unset (or 0) refresh lifetime as unlimited: ' +
    'a refresh token would keep minting access tokens forever.',
  source: 'Okta docs: Access policy rule (refresh_token_lifetime_minutes, refresh_token_window_minutes)',
  fix: 'Set refreshTokenLifetimeMinutes and refreshTokenWindowMinutes (window <= lifetime).',
  check: (stack) =>
    each(
      stack
        .resources('okta_auth_server_policy_rule')
        .filter(
          (r) =>
            stringList(r.attrs.grant_type_whitelist).includes('refresh_token') ||
            stringList(r.attrs.scope_whitelist).includes('offline_access'),
        ),
      (rule) => {
        const f: RuleFinding[] = [];
        const lifetime = num(rule.attrs.refresh_token_lifetime_minutes);
        const window = num(rule.attrs.refresh_token_window_minutes);
        if (!lifetime)
          f.push(on(rule, `refresh_token_lifetime_minutes = ${lifetime ?? 'unset'}: refresh tokens never expire`));
        if (!window) f.push(on(rule, `refresh_token_window_minutes = ${window ?? 'unset'}: no idle expiry`));
        if (lifetime && window && window > lifetime)
          f.push(on(rule, `the refresh window (${window}) exceeds the lifetime (${lifetime})`));
        return f;
      },
    ),
});
