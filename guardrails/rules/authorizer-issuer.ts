import { defineRule, each, on } from '../rule';
import { attr } from '../../synthesized/model';
import { jwtAuthorizers, refersTo } from '../../synthesized/facts';

export default defineRule({
  id: 'GW-04',
  name: 'authorizer-issuer',
  severity: 'error',
  title:
    "The JWT authorizer's issuer is a reference to this stack's okta_auth_server " +
    '(or the configured external issuer: https, no trailing slash)',
  why:
    'API Gateway compares `iss` as an exact string. A copied issuer drifts ' +
    'from the server (and a trailing slash or http never matches), so every ' +
    'request fails with 401, or worse, the API trusts a server nobody reviews.',
  source: 'AWS docs: Controlling access to HTTP APIs with JWT authorizers; Okta docs: Authorization servers (issuer)',
  fix:
    "Pass the auth server's `issuer` attribute to the authorizer; in " +
    'gateway-only mode set identity.issuer exactly as the server publishes it.',
  check: (stack) =>
    each(jwtAuthorizers(stack), (a) => {
      const issuer = attr(a.attrs, 'jwt_configuration', 'issuer');
      if (typeof issuer !== 'string' || issuer === '') return on(a, 'the JWT authorizer has no issuer');
      if (issuer.includes('${')) {
        if (
          !refersTo(stack, issuer, 'okta_auth_server', 'issuer') ||
          issuer !== `\${${stack.references(issuer)[0].address}.issuer}`
        ) {
          return on(a, `issuer ${issuer} is not exactly the issuer attribute of an okta_auth_server`);
        }
        const server = stack.get(stack.references(issuer)[0].address);
        return server
          ? undefined
          : on(a, `issuer points to ${stack.references(issuer)[0].address}, which is not in this stack`);
      }
      const external = stack.declarations.externalIssuer;
      if (!issuer.startsWith('https://') || issuer.endsWith('/'))
        return on(a, `issuer ${issuer} must be https with no trailing slash`);
      if (!external)
        return on(
          a,
          `issuer ${issuer} is a copied string: reference the ` +
            `okta_auth_server's issuer (or configure an external issuer)`,
        );
      return external.issuer === issuer
        ? undefined
        : on(a, `issuer ${issuer} differs from the configured external issuer ${external.issuer}`);
    }),
});
