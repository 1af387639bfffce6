import { defineRule, each, on } from '../rule';
import { stringList } from '../../synthesized/model';
import { jwtAuthorizers } from '../../synthesized/facts';

export default defineRule({
  id: 'GW-06',
  name: 'authorizer-identity-source',
  severity: 'error',
  title: 'The JWT authorizer reads the token from the Authorization header only',
  why:
    'Tokens taken from query strings or cookies leak into logs, ' +
    'browser history and referrers, and a cookie source invites CSRF.',
  source: 'AWS docs: JWT authorizer identitySource; OWASP API2:2023 Broken Authentication',
  fix: "Set identity_sources to ['$request.header.Authorization'].",
  check: (stack) =>
    each(jwtAuthorizers(stack), (a) => {
      const sources = stringList(a.attrs.identity_sources);
      const ok = sources.length === 1 && sources[0].toLowerCase() === '$request.header.authorization';
      return ok
        ? undefined
        : on(a, `identity_sources = ${JSON.stringify(sources)}; expected ["$request.header.Authorization"]`);
    }),
});
