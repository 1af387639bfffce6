import { defineRule, each, on } from '../rule';
import { stringList } from '../../synthesized/model';
import { oauthApps, str } from '../../synthesized/facts';

export default defineRule({
  id: 'OK-04',
  name: 'refresh-token-rotation',
  severity: 'error',
  title: 'Apps that receive refresh tokens rotate them',
  why:
    'A static refresh token stolen once works until it expires; with rotation ' +
    'a replayed token is detected and the whole token family is revoked.',
  source: 'OAuth 2.0 Security BCP (RFC 9700) 4.14.2; Okta docs: Refresh token rotation',
  fix: "Set refresh_token_rotation = 'ROTATE' (and a small refresh_token_leeway).",
  check: (stack) =>
    each(
      oauthApps(stack).filter((a) => stringList(a.attrs.grant_types).includes('refresh_token')),
      (app) =>
        str(app.attrs.refresh_token_rotation) === 'ROTATE'
          ? undefined
          : on(app, `refresh_token_rotation = ${str(app.attrs.refresh_token_rotation) ?? 'unset (STATIC)'}`),
    ),
});
