import { defineRule, each, on } from '../rule';
import { attr, stringList } from '../../synthesized/model';
import { issuerServer, jwtAuthorizers } from '../../synthesized/facts';

/** What an Okta client_id looks like. */
const CLIENT_ID = /^0oa[A-Za-z0-9]{17}$/;

export default defineRule({
  id: 'GW-05',
  name: 'authorizer-audience',
  severity: 'error',
  title: "The authorizer's audience is the auth server's audience, never an app's client_id",
  why:
    'ID tokens carry the client_id in `aud`: with a client_id as audience, ' +
    'an ID token (meant for the app, not the API) passes the authorizer.',
  source: 'Okta docs: Validate access tokens (aud); AWS docs: JWT authorizer audience',
  fix: "Use the okta_auth_server's `audiences` attribute (the configured audience, e.g. api://acme).",
  check: (stack) =>
    each(jwtAuthorizers(stack), (a) => {
      const audience = attr(a.attrs, 'jwt_configuration', 'audience');
      const refs = stack.references(audience);
      if (refs.some((r) => r.type === 'okta_app_oauth'))
        return on(a, `audience ${JSON.stringify(audience)} is an app's client_id: ID tokens would pass`);
      const server = issuerServer(stack, a);
      if (refs.length > 0) {
        const ok = refs.every(
          (r) =>
            r.type === 'okta_auth_server' && r.attribute === 'audiences' && (!server || r.address === server.address),
        );
        return ok
          ? undefined
          : on(
              a,
              `audience ${JSON.stringify(audience)} is not the audiences attribute of the issuer's okta_auth_server`,
            );
      }
      const literal = stringList(audience);
      if (literal.length === 0) return on(a, 'the JWT authorizer has no audience');
      const clientIds = literal.filter((v) => CLIENT_ID.test(v));
      if (clientIds.length > 0)
        return on(a, `audience ${clientIds.join(', ')} looks like an Okta client_id: ID tokens would pass`);
      if (server)
        return on(a, `audience ${literal.join(', ')} is a copied string: reference ${server.address}.audiences`);
      const external = stack.declarations.externalIssuer;
      if (!external) return on(a, `audience ${literal.join(', ')} is a literal without a configured external issuer`);
      const unknown = literal.filter((v) => !external.audience.includes(v));
      return unknown.length === 0
        ? undefined
        : on(a, `audience ${unknown.join(', ')} is not the configured external audience`);
    }),
});
