/**
 * Okta's authenticator keys, in the provider's and the API's spelling (`okta_verify`, `phone_number`), as
 * resources and policies name them. Not this project's config keys (`okta-verify`, `phone`: see
 * sign-on-constraints.ts), which map onto a few of these.
 */

/**
 * The authenticators an Okta Identity Engine enrollment policy (okta_policy_mfa, okta_policy_mfa_default)
 * takes, one settings block each, in the provider's order: sdk/authenticators.go:5-20
 * (AuthenticatorProviders; okta/resource_okta_policy_mfa.go:291-335 builds one map per key).
 */
export const OIE_AUTHENTICATOR_KEYS: readonly string[] = [
  'duo',
  'external_idp',
  'google_otp',
  'okta_email',
  'okta_password',
  'okta_verify',
  'onprem_mfa',
  'phone_number',
  'rsa_token',
  'security_question',
  'webauthn',
  'yubikey_token',
  'smart_card_idp',
];

/**
 * Keys the Okta API has beyond the enrollment-policy list: custom authenticators and Symantec VIP
 * (Okta API: Authenticator `key`). okta/resource_okta_authenticator.go:43-48 lists the common ones and
 * says some are available by feature flag only.
 */
const API_ONLY_AUTHENTICATOR_KEYS = ['custom_app', 'custom_otp', 'symantec_vip'];

/** Every authenticator key (okta_authenticator `key`, sign-on constraint `authenticationMethods[].key`), sorted. */
export const AUTHENTICATOR_KEYS: readonly string[] = [...OIE_AUTHENTICATOR_KEYS, ...API_ONLY_AUTHENTICATOR_KEYS].sort();
