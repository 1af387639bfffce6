import { defineRule, each, on, type RuleFinding } from '../rule';
import { stringList } from '../model';
import { appType, isProd, oauthApps, str } from '../facts';

const HTTPS = /^https:\/\/[a-z0-9.-]+(:\d{1,5})?(\/[^\s#]*)?$/i;
const LOOPBACK = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?(\/|$)/;
/** Reverse-domain private-use scheme (RFC 8252 7.1) for native apps. */
const PRIVATE_USE = /^[a-z][a-z0-9+-]*(\.[a-z0-9+-]+)+:\/[^/]/;

export default defineRule({
  id: 'OK-03',
  name: 'redirect-uris-safe',
  severity: 'error',
  title: 'Redirect URIs are https, never wildcards (http loopback only outside prod)',
  why: 'Authorization codes and tokens are delivered to the redirect URI: an http or wildcard URI lets a network attacker or a hostile subdomain collect them.',
  source: 'OAuth 2.0 Security BCP (RFC 9700) 4.1; Okta docs: wildcard_redirect',
  fix: 'List exact https redirect URIs; use http://localhost only in dev, and a reverse-domain scheme for native apps.',
  check: (stack) =>
    each(oauthApps(stack), (app) => {
      const f: RuleFinding[] = [];
      const wildcard = str(app.attrs.wildcard_redirect);
      if (wildcard && wildcard !== 'DISABLED') f.push(on(app, `wildcard_redirect = ${wildcard}`));
      for (const uri of [...stringList(app.attrs.redirect_uris), ...stringList(app.attrs.post_logout_redirect_uris)]) {
        if (uri.includes('*')) f.push(on(app, `redirect URI ${uri} contains a wildcard`));
        else if (HTTPS.test(uri)) continue;
        else if (LOOPBACK.test(uri)) {
          if (isProd(stack)) f.push(on(app, `redirect URI ${uri} is http loopback in prod`));
        } else if (!(appType(app) === 'native' && PRIVATE_USE.test(uri))) f.push(on(app, `redirect URI ${uri} is not https`));
      }
      return f;
    }),
});
