import { defineRule, each, on, type RuleFinding } from '../rule';
import { stringList } from '../../synthesized/model';
import { appType, isProd, oauthApps, str } from '../../synthesized/facts';
import { redirectUriProblem } from '../../domain/oauth-clients';

export default defineRule({
  id: 'OK-03',
  name: 'redirect-uris-safe',
  severity: 'error',
  title: 'Redirect URIs are https, never wildcards (http loopback only outside prod)',
  why:
    'Authorization codes and tokens are delivered to the redirect URI: an http ' +
    'or wildcard URI lets a network attacker or a hostile subdomain collect them.',
  source: 'OAuth 2.0 Security BCP (RFC 9700) 4.1; Okta docs: wildcard_redirect',
  fix: 'List exact https redirect URIs; use http://localhost only in dev, and a reverse-domain scheme for native apps.',
  check: (stack) =>
    each(oauthApps(stack), (app) => {
      const f: RuleFinding[] = [];
      const wildcard = str(app.attrs.wildcard_redirect);
      if (wildcard && wildcard !== 'DISABLED') f.push(on(app, `wildcard_redirect = ${wildcard}`));
      // The same rule the config and the construct apply; loopback is tolerated outside prod.
      const kind = appType(app) === 'native' ? 'native' : 'web';
      for (const uri of [...stringList(app.attrs.redirect_uris), ...stringList(app.attrs.post_logout_redirect_uris)]) {
        const why = redirectUriProblem(uri, kind, !isProd(stack));
        if (why) f.push(on(app, `redirect URI ${uri}: ${why}`));
      }
      return f;
    }),
});
