import { defineRule, NOT_APPLICABLE, on, verdict, type RuleFinding } from '../rule';
import { stringList } from '../../synthesized/model';
import { allows, appType, isoMinutes, num, str, ruleClients, target, tierOf } from '../../synthesized/facts';

export default defineRule({
  id: 'MFA-12',
  name: 'assurance-refresh-within-reauth',
  severity: 'error',
  title: "A refresh token that carries an assurance-scoped scope does not outlive the app's re-authentication interval",
  why:
    'A refresh token mints new access tokens without a sign-in: if it lives ' +
    '12 h while the tier re-authenticates every 2 h, payments:write keeps ' +
    'flowing for 10 h after the phishing-resistant sign-in it was granted on.',
  source: 'Okta docs: Refresh token lifetime and authentication policy re-authentication frequency; OWASP API2:2023',
  fix:
    "Set the rule's refreshTokenLifetimeMinutes to at most the tier's " +
    'reauthenticateMinutes (or drop refresh_token for that rule).',
  check: (stack) => {
    const scoped = Object.keys(stack.declarations.scopeAssurance);
    if (scoped.length === 0) return NOT_APPLICABLE;
    const f: RuleFinding[] = [];
    for (const rule of stack.resources('okta_auth_server_policy_rule')) {
      const scopes = stringList(rule.attrs.scope_whitelist).filter((s) => scoped.includes(s));
      if (scopes.length === 0 || !stringList(rule.attrs.grant_type_whitelist).includes('refresh_token')) continue;
      const lifetime = num(rule.attrs.refresh_token_lifetime_minutes);
      const apps = ruleClients(stack, rule);
      for (const app of apps.filter((a) => appType(a) !== 'service')) {
        const signOn = target(stack, app.attrs.authentication_policy, 'okta_app_signon_policy');
        if (!signOn) continue; // MFA-06 and OK-09 report apps without a sign-on policy
        const intervals = stack
          .referrers('okta_app_signon_policy_rule', 'policy_id', signOn)
          .filter(allows)
          .map((r) => isoMinutes(str(r.attrs.re_authentication_frequency)))
          .filter((m): m is number => m !== undefined);
        if (intervals.length === 0) continue;
        const reauth = Math.min(...intervals);
        if (lifetime === undefined || lifetime === 0 || lifetime > reauth) {
          f.push(
            on(
              rule,
              `grants ${scopes.join(', ')} with refresh tokens living ` +
                `${lifetime ? `${lifetime} min` : 'without limit'} to ` +
                `${String(app.attrs.label ?? app.address)}, whose sign-on ` +
                `${tierOf(stack, signOn) ? `tier ${tierOf(stack, signOn)}` : 'policy'} re-authenticates ` +
                `every ${reauth} min`,
            ),
          );
        }
      }
    }
    return verdict(f);
  },
});
