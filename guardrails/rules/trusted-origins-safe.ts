import { defineRule, each, on } from '../rule';
import { isProd, str } from '../../synthesized/facts';
import { originProblem } from '../../domain/oauth-clients';

export default defineRule({
  id: 'OK-16',
  name: 'trusted-origins-safe',
  severity: 'error',
  title: 'Okta trusted origins are exact https origins (http loopback only outside prod)',
  why:
    "A trusted origin may call Okta APIs with the user's session (CORS) and " +
    'receive redirects: a wildcard or http origin hands both to whoever controls it.',
  source: 'Okta docs: Trusted origins',
  fix: 'Register exact https://host[:port] origins.',
  check: (stack) =>
    each(stack.resources('okta_trusted_origin'), (t) => {
      const o = str(t.attrs.origin) ?? '';
      if (o.includes('*')) return on(t, `origin ${o} contains a wildcard`);
      const why = originProblem(o, !isProd(stack));
      return why ? on(t, `origin ${o}: ${why}`) : undefined;
    }),
});
