import { defineRule, each, on, type RuleFinding } from '../rule';
import { stringList } from '../../synthesized/model';
import { isUserFacing, ruleClients, str } from '../../synthesized/facts';
import { consentMethodOf } from '../../synthesized/defaults';

export default defineRule({
  id: 'OK-17',
  name: 'consent-required-prompts',
  severity: 'error',
  title: 'A scope that requires consent is granted only to apps that ask for it (consent_method REQUIRED)',
  why:
    'Okta shows the consent screen only when both the scope (consent REQUIRED) and the app ' +
    '(consent_method REQUIRED) ask for it: granted to a TRUSTED app, the scope is issued silently ' +
    'and the consent the config promises never happens.',
  source:
    'Okta docs: User consent for OAuth 2.0 and OpenID Connect flows; ' +
    'okta provider: okta_app_oauth consent_method, okta_auth_server_scope consent',
  fix: "Set the app's consentMethod to REQUIRED, or the scope's consent to IMPLICIT if no prompt is intended.",
  check: (stack) => {
    const consentScopes = stack.resources('okta_auth_server_scope').filter((s) => str(s.attrs.consent) === 'REQUIRED');
    return each(stack.resources('okta_auth_server_policy_rule'), (rule) => {
      const granted = consentScopes.filter(
        (s) =>
          s.attrs.auth_server_id === rule.attrs.auth_server_id &&
          stringList(rule.attrs.scope_whitelist).includes(String(s.attrs.name)),
      );
      if (granted.length === 0) return undefined;
      const apps = ruleClients(stack, rule);
      const f: RuleFinding[] = [];
      for (const app of apps.filter(isUserFacing)) {
        const method = consentMethodOf(app);
        if (method === 'REQUIRED') continue;
        for (const scope of granted) {
          f.push(
            on(
              rule,
              `grants '${String(scope.attrs.name)}' (consent REQUIRED) to ${String(
                app.attrs.label ?? app.address,
              )}, whose consent_method is ${method}: Okta never asks`,
            ),
          );
        }
      }
      return f;
    });
  },
});
