import { defineRule, each, on } from '../rule';
import { str } from '../../synthesized/facts';

export default defineRule({
  id: 'OK-11',
  name: 'auth-server-issuer-mode',
  severity: 'error',
  title: 'No authorization server uses issuer_mode DYNAMIC',
  why:
    'With DYNAMIC the `iss` claim follows the domain a token was requested on, while the JWT authorizer ' +
    'accepts exactly one issuer: tokens from the other domain fail, or the API trusts the wrong one.',
  source: 'Okta docs: Authorization server issuer mode; AWS docs: JWT authorizer issuer',
  fix: "Set issuerMode to 'ORG_URL' or 'CUSTOM_URL'.",
  check: (stack) =>
    each(stack.resources('okta_auth_server'), (s) =>
      str(s.attrs.issuer_mode) === 'DYNAMIC' ? on(s, 'issuer_mode = DYNAMIC') : undefined,
    ),
});
