/**
 * Claim names a custom claim of an Okta authorization server may not take. Okta refuses them when the claim is
 * created (at apply) or leaves the token's own value in place:
 * - the registered claims of a JWT (RFC 7519 section 4.1) and the claims OpenID Connect gives an ID token
 *   (OpenID Connect Core 1.0 section 2 and 3.1.3.6): in every token;
 * - Okta's reserved claims ("OIDC Bearer Tokens: List of Reserved Claims", Okta support article
 *   list-of-reserved-claim-names), per token type. Left out of that list on purpose: `groups` in access tokens,
 *   which Okta's own guide "Customize tokens returned from Okta with a Groups claim" creates as a custom claim.
 */

/** The two token types of okta_auth_server_claim (claim_type). */
export type ClaimTokenType = 'RESOURCE' | 'IDENTITY';

/** RFC 7519 section 4.1, OpenID Connect Core section 2, and `scp`/`cid`/`uid`/`ver`, which Okta sets itself. */
const EVERY_TOKEN: readonly string[] = [
  'iss',
  'sub',
  'aud',
  'exp',
  'nbf',
  'iat',
  'jti',
  'auth_time',
  'nonce',
  'acr',
  'amr',
  'azp',
  'at_hash',
  'c_hash',
  'ver',
  'token_type',
  'scp',
  'cid',
  'uid',
];

/** Okta's list, access tokens (claim_type RESOURCE), less `groups` (see above). */
const ACCESS_TOKEN: readonly string[] = ['as_uri', 'rpt', 'rsi', 'username'];

/** Okta's list, ID tokens (claim_type IDENTITY). */
const ID_TOKEN: readonly string[] = [
  'active',
  'aid',
  'app_id',
  'app_type',
  'client_id',
  'client_ip',
  'client_req_id',
  'client_type',
  'client_user_agent',
  'cnf',
  'device_compliance',
  'device_id',
  'device_known',
  'device_managed',
  'device_name',
  'device_trust',
  'did',
  'dst',
  'group',
  'hotk',
  'idp',
  'idp_iss',
  'mac_key',
  'may_act',
  'oid',
  'okta_emailVerified',
  'okta_lastUpdated',
  'orig',
  'permissions',
  'purpose',
  'pwd_exp_days',
  'pwd_exp_time',
  'rid',
  'role',
  'scope',
  'scopes',
  'sid',
  'term',
  'user_ip',
];

/** Why `name` cannot be a custom claim of this token type, or undefined when it can. */
export function reservedClaimProblem(name: string, type: ClaimTokenType): string | undefined {
  const token = type === 'RESOURCE' ? 'access' : 'ID';
  if (EVERY_TOKEN.includes(name))
    return `'${name}' is a claim every token already has (RFC 7519, OpenID Connect Core, Okta): choose another name`;
  const own = type === 'RESOURCE' ? ACCESS_TOKEN : ID_TOKEN;
  if (own.includes(name))
    return `'${name}' is reserved by Okta in ${token} tokens (Okta's list of reserved claims): choose another name`;
  return undefined;
}
