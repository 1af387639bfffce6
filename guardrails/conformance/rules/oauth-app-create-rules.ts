import { isTrue, str } from '../../../synthesized/facts';
import { defineRule, each } from '../../rule';
import { all, bad, isSet, known, list, oneOf } from '../support';

const FILE = 'okta/resource_okta_app_oauth.go';
const GRANT = {
  code: 'authorization_code',
  interaction: 'interaction_code',
  implicit: 'implicit',
  password: 'password',
  refresh: 'refresh_token',
  client: 'client_credentials',
  tokenExchange: 'urn:ietf:params:oauth:grant-type:token-exchange',
  saml2: 'urn:ietf:params:oauth:grant-type:saml2-bearer',
  jwt: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
  device: 'urn:ietf:params:oauth:grant-type:device_code',
  oob: 'urn:okta:params:oauth:grant-type:oob',
  otp: 'urn:okta:params:oauth:grant-type:otp',
  mfaOob: 'http://auth0.com/oauth/grant-type/mfa-oob',
  mfaOtp: 'http://auth0.com/oauth/grant-type/mfa-otp',
  ciba: 'urn:openid:params:grant-type:ciba',
} as const;
const COMMON = [
  GRANT.implicit,
  GRANT.saml2,
  GRANT.tokenExchange,
  GRANT.device,
  GRANT.interaction,
  GRANT.oob,
  GRANT.otp,
  GRANT.mfaOob,
  GRANT.mfaOtp,
];

/** appRequirementsByType (:47-120): the grant types each app type must and may have. */
const BY_TYPE: Record<string, { readonly required: readonly string[]; readonly valid: readonly string[] }> = {
  web: { required: [GRANT.code], valid: [GRANT.code, GRANT.refresh, GRANT.client, GRANT.ciba, ...COMMON] },
  native: { required: [GRANT.code], valid: [GRANT.code, GRANT.refresh, GRANT.password, GRANT.jwt, ...COMMON] },
  browser: { required: [], valid: [GRANT.code, GRANT.refresh, ...COMMON] },
  service: { required: [GRANT.client], valid: [GRANT.client, ...COMMON] },
};

export default defineRule({
  id: 'OKC-05',
  name: 'oauth-app-create-rules',
  severity: 'error',
  title:
    'okta_app_oauth: grant types by app type, response types, PKCE, JWKS and login mode pass the create-time checks',
  why:
    'The provider runs validateGrantTypes and validateAppOAuth before every create and update: a grant type the ' +
    'app type cannot have, private_key_jwt without keys, or implicit without a token response type fails the ' +
    'apply.',
  source:
    `${FILE}:47-120 (appRequirementsByType), :932-945 (validateGrantTypes, okta/utils.go:77-97), :947-1000 ` +
    `(validateAppOAuth), :256-265 (response_types), :813 (pkce with auth method none), :148-153 (type), ` +
    `:289-294 (consent_method)`,
  fix:
    'Give each app type only the grant types listed for it (and the required one); add jwks or jwks_uri for ' +
    'private_key_jwt; set pkce_required = true for token_endpoint_auth_method none.',
  check: (stack) =>
    each(stack.resources('okta_app_oauth'), (app) => {
      const a = app.attrs;
      const type = str(a.type) ?? '';
      const grants = list(a.grant_types).filter(known).map(String);
      const rules = BY_TYPE[type];
      const grantFindings =
        rules && grants.length > 0
          ? [
              ...rules.required
                .filter((g) => !grants.includes(g))
                .map((g) =>
                  bad(app, 'grant_types', a.grant_types, `a ${type} app must have ${g} (${FILE}:47-120, 932-945)`),
                ),
              ...grants
                .filter((g) => !rules.valid.includes(g))
                .map((g) =>
                  bad(
                    app,
                    'grant_types',
                    a.grant_types,
                    `${g} is not valid for a ${type} app; allowed: ${rules.valid.join(', ')} (${FILE}:47-120)`,
                  ),
                ),
            ]
          : [];
      const responses = list(a.response_types).map(String);
      return all(
        oneOf(app, 'type', a.type, Object.keys(BY_TYPE), `${FILE}:47-120, 148-153`),
        // Only REQUIRED or TRUSTED are valid and read back as sent (:289-294, read at :629).
        oneOf(app, 'consent_method', a.consent_method, ['REQUIRED', 'TRUSTED'], `${FILE}:289-294`),
        grantFindings,
        responses
          .filter((t) => !['code', 'token', 'id_token'].includes(t))
          .map((t) =>
            bad(app, 'response_types', a.response_types, `${t} is not code, token or id_token (${FILE}:256-265)`),
          ),
        grants.includes(GRANT.implicit) && !responses.some((t) => t === 'token' || t === 'id_token')
          ? bad(app, 'response_types', a.response_types, `implicit needs token or id_token (${FILE}:979-999)`)
          : undefined,
        a.token_endpoint_auth_method === 'private_key_jwt' && !isSet(a.jwks) && !isSet(a.jwks_uri)
          ? bad(app, 'jwks', undefined, `jwks or jwks_uri is required with private_key_jwt (${FILE}:966-970)`)
          : undefined,
        a.token_endpoint_auth_method === 'none' && !isTrue(a.pkce_required)
          ? bad(
              app,
              'pkce_required',
              a.pkce_required,
              'must be true when token_endpoint_auth_method is none ' +
                `(an Okta API rule; the provider's message at ${FILE}:813)`,
            )
          : undefined,
        isSet(a.login_mode) && a.login_mode !== 'DISABLED' && !isSet(a.login_uri)
          ? bad(app, 'login_uri', undefined, `required when login_mode is not DISABLED (${FILE}:971-974)`)
          : undefined,
      );
    }),
});
