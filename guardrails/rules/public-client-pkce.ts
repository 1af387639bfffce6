import { defineRule, each, on, type RuleFinding } from '../rule';
import { stringList } from '../../synthesized/model';
import { appType, isTrue, oauthApps, PUBLIC_APP_TYPES, str } from '../../synthesized/facts';

export default defineRule({
  id: 'OK-01',
  name: 'public-client-pkce',
  severity: 'error',
  title: 'SPAs and native apps use authorization code + PKCE with no client authentication',
  why:
    'A browser or mobile app cannot keep a secret: a client secret there is public, ' +
    'and without PKCE an intercepted authorization code can be redeemed by anyone.',
  source: 'OAuth 2.0 Security BCP (RFC 9700) 2.1.1; Okta docs: Implement authorization code with PKCE',
  fix: "Set token_endpoint_auth_method = 'none', pkce_required = true and response_types = ['code'].",
  check: (stack) =>
    each(
      oauthApps(stack).filter((a) => (PUBLIC_APP_TYPES as readonly string[]).includes(appType(a))),
      (app) => {
        const f: RuleFinding[] = [];
        const method = str(app.attrs.token_endpoint_auth_method);
        if (method !== 'none')
          f.push(
            on(
              app,
              `token_endpoint_auth_method = ${method ?? 'unset (client_secret_basic)'}; ` +
                `a ${appType(app)} app is a public client: 'none'`,
            ),
          );
        if (!isTrue(app.attrs.pkce_required)) f.push(on(app, 'pkce_required is not true'));
        const responses = stringList(app.attrs.response_types);
        if (responses.some((r) => r !== 'code'))
          f.push(on(app, `response_types = ${JSON.stringify(responses)}; only 'code'`));
        return f;
      },
    ),
});
