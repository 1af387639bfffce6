import { defineRule, each, on } from '../rule';
import { stringList } from '../../synthesized/model';
import { oauthApps } from '../../synthesized/facts';

const FORBIDDEN = ['implicit', 'password'];

export default defineRule({
  id: 'OK-02',
  name: 'no-implicit-or-password-grant',
  severity: 'error',
  title: 'No app uses the implicit or resource-owner password grant',
  why:
    'Implicit returns tokens in the URL (history, referrers, logs); the ' +
    "password grant hands the user's password to the app and skips MFA.",
  source: 'OAuth 2.0 Security BCP (RFC 9700) 2.1.2 and 2.4; Okta docs: Choose an OAuth 2.0 flow',
  fix: 'Use authorization_code (+ PKCE) for people and client_credentials for machines.',
  check: (stack) =>
    each(oauthApps(stack), (app) => {
      const bad = stringList(app.attrs.grant_types).filter((g) => FORBIDDEN.includes(g));
      return bad.length === 0 ? undefined : on(app, `grant_types include ${bad.join(', ')}`);
    }),
});
