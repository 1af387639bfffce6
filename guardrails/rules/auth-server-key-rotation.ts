import { defineRule, each, on } from '../rule';
import { str } from '../../synthesized/facts';
import { keyRotationOf } from '../../synthesized/defaults';

export default defineRule({
  id: 'OK-12',
  name: 'auth-server-key-rotation',
  severity: 'warning',
  title: 'Authorization servers rotate their signing keys automatically',
  why: 'With MANUAL rotation the signing key expires on a date nobody tracks and every token fails validation at once.',
  source: 'Okta docs: Key rotation (credentials_rotation_mode)',
  fix: "Set credentials_rotation_mode = 'AUTO'.",
  check: (stack) =>
    each(stack.resources('okta_auth_server'), (s) =>
      keyRotationOf(s) === 'AUTO'
        ? undefined
        : on(s, `credentials_rotation_mode = ${str(s.attrs.credentials_rotation_mode)}`),
    ),
});
