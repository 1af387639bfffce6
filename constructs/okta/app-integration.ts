import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { AppOauth } from '@cdktf/provider-okta/lib/app-oauth';
import { AppGroupAssignments } from '@cdktf/provider-okta/lib/app-group-assignments';
import { TrustedOrigin } from '@cdktf/provider-okta/lib/trusted-origin';
import {
  GRANTS_BY_KIND,
  originProblem,
  redirectUriProblem,
  type AppGrantType,
  type AppKind,
} from '../../domain/oauth-clients';

export { GRANTS_BY_KIND, originProblem, redirectUriProblem, type AppGrantType, type AppKind };

/** A public RSA key (JWK) the client signs its private_key_jwt assertions with. */
export interface PublicJwk {
  /** Key type: RSA only. */
  readonly kty: 'RSA';
  /** Key id, matched against the assertion's `kid` header. */
  readonly kid: string;
  /** RSA public exponent (base64url). */
  readonly e: string;
  /** RSA modulus (base64url). */
  readonly n: string;
}

export interface OktaAppIntegrationProps {
  /** Name shown to users and admins. */
  readonly label: string;
  /** spa, web, native or service: decides client type, authentication and grants. */
  readonly kind: AppKind;
  /** authorization_code (+ refresh_token) for user-facing apps; client_credentials only for services. */
  readonly grantTypes: readonly AppGrantType[];
  /** https only, no wildcards; http loopback only when allowLoopbackRedirects. @default [] */
  readonly redirectUris?: readonly string[];
  /** @default [] */
  readonly postLogoutRedirectUris?: readonly string[];
  /** SPA origins registered as okta_trusted_origin (CORS + redirect). @default [] */
  readonly trustedOrigins?: readonly string[];
  /** Group ids assigned to a user-facing app; the assignment is complete (unlisted groups lose access). @default [] */
  readonly groupIds?: readonly string[];
  /** Public keys for private_key_jwt (web and service apps). @default [] */
  readonly jwks?: readonly PublicJwk[];
  /** Allow http://localhost redirect URIs (development orgs only). @default false */
  readonly allowLoopbackRedirects?: boolean;
  /** The app's authentication (sign-on) policy id. @default - the org's default policy */
  readonly authenticationPolicyId?: string;
  /** REQUIRED: users consent to scopes whose consent is REQUIRED; TRUSTED: Okta never asks. @default 'TRUSTED' */
  readonly consentMethod?: 'TRUSTED' | 'REQUIRED';
  /** Adds prevent_destroy to the app. @default false */
  readonly protect?: boolean;
}

const OKTA_TYPE: Record<AppKind, string> = { spa: 'browser', web: 'web', native: 'native', service: 'service' };

/**
 * An OIDC app integration with the safe choice made for each kind:
 * - spa / native: public client, authorization code + PKCE, no client authentication, rotating refresh tokens;
 * - web: confidential client, authorization code + PKCE, private_key_jwt, rotating refresh tokens;
 * - service: client_credentials only, private_key_jwt with a public key from config (no secret in state).
 * User-facing apps get one complete okta_app_group_assignments; SPAs get their trusted origins.
 */
export class OktaAppIntegration extends Construct {
  /** The okta_app_oauth. */
  readonly resource: AppOauth;
  /** The app's client_id (reference). */
  readonly clientId: string;
  readonly kind: AppKind;

  constructor(scope: Construct, id: string, props: OktaAppIntegrationProps) {
    super(scope, id);
    const redirectUris = props.redirectUris ?? [];
    const postLogoutRedirectUris = props.postLogoutRedirectUris ?? [];
    const trustedOrigins = props.trustedOrigins ?? [];
    const groupIds = props.groupIds ?? [];
    const jwks = props.jwks ?? [];
    const allowLoopback = props.allowLoopbackRedirects ?? false;
    validate(
      props.label,
      props.kind,
      props.grantTypes,
      [...redirectUris, ...postLogoutRedirectUris],
      trustedOrigins,
      groupIds,
      jwks,
      allowLoopback,
    );

    this.kind = props.kind;
    const userFacing = props.kind !== 'service';
    const publicClient = props.kind === 'spa' || props.kind === 'native';
    const refreshes = props.grantTypes.includes('refresh_token');

    this.resource = new AppOauth(this, 'Resource', {
      label: props.label,
      type: OKTA_TYPE[props.kind],
      grantTypes: [...props.grantTypes],
      responseTypes: userFacing ? ['code'] : ['token'],
      redirectUris: userFacing ? [...redirectUris] : undefined,
      postLogoutRedirectUris: userFacing && postLogoutRedirectUris.length > 0 ? [...postLogoutRedirectUris] : undefined,
      tokenEndpointAuthMethod: publicClient ? 'none' : 'private_key_jwt',
      pkceRequired: userFacing,
      // No secret is generated into state; confidential clients authenticate with their private key.
      omitSecret: publicClient ? undefined : true,
      jwks: publicClient ? undefined : jwks.map((k) => ({ kty: k.kty, kid: k.kid, e: k.e, n: k.n })),
      refreshTokenRotation: refreshes ? 'ROTATE' : undefined,
      refreshTokenLeeway: refreshes ? 30 : undefined,
      consentMethod: props.consentMethod ?? 'TRUSTED',
      implicitAssignment: false,
      hideIos: !userFacing,
      hideWeb: !userFacing,
      authenticationPolicy: props.authenticationPolicyId,
      status: 'ACTIVE',
      lifecycle: props.protect ? { preventDestroy: true } : undefined,
    });
    this.clientId = this.resource.clientId;

    if (userFacing) {
      new AppGroupAssignments(this, 'Groups', {
        appId: this.resource.id,
        group: groupIds.map((groupId, i) => ({ id: groupId, priority: i + 1 })),
      });
    }
    if (trustedOrigins.length > 0) {
      const origins = new Construct(this, 'TrustedOrigins');
      for (const origin of trustedOrigins) {
        // The origin is the id: changing it replaces only that origin.
        new TrustedOrigin(origins, origin, { name: `${props.label} ${origin}`, origin, scopes: ['CORS', 'REDIRECT'] });
      }
    }
  }
}

function validate(
  label: string,
  kind: AppKind,
  grants: readonly AppGrantType[],
  uris: readonly string[],
  origins: readonly string[],
  groupIds: readonly string[],
  jwks: readonly PublicJwk[],
  allowLoopback: boolean,
): void {
  const fail = (prop: string, value: unknown, allowed: string) => {
    throw new Error(`OktaAppIntegration '${label}': ${prop} = ${JSON.stringify(value)} is invalid: ${allowed}`);
  };
  for (const g of grants)
    if (!GRANTS_BY_KIND[kind].includes(g))
      fail('grantTypes', g, `a ${kind} app may use ${GRANTS_BY_KIND[kind].join(', ')}`);
  if (grants.length === 0) fail('grantTypes', grants, 'at least one grant type');
  if (kind !== 'service' && !grants.includes('authorization_code'))
    fail('grantTypes', grants, 'user-facing apps sign in with authorization_code');
  for (const uri of uris) {
    if (Token.isUnresolved(uri)) continue;
    const why = redirectUriProblem(uri, kind, allowLoopback);
    if (why) fail('redirectUris', uri, why);
  }
  if (kind === 'service' && uris.length > 0) fail('redirectUris', uris, 'none for a service app');
  if (kind !== 'service' && uris.length === 0) fail('redirectUris', uris, 'at least one for a user-facing app');
  if (kind !== 'spa' && origins.length > 0) fail('trustedOrigins', origins, 'only SPAs register trusted origins');
  for (const o of origins) {
    if (Token.isUnresolved(o)) continue;
    const why = originProblem(o, allowLoopback);
    if (why) fail('trustedOrigins', o, why);
  }
  if (kind === 'service' && groupIds.length > 0) fail('groupIds', groupIds, 'none for a service app');
  if (kind !== 'service' && groupIds.length === 0)
    fail('groupIds', groupIds, 'at least one group (the assignment is complete)');
  if ((kind === 'web' || kind === 'service') && jwks.length === 0)
    fail('jwks', jwks, 'a public key for private_key_jwt');
  if ((kind === 'spa' || kind === 'native') && jwks.length > 0)
    fail(
      'jwks',
      jwks.map((k) => k.kid),
      'none for a public client',
    );
}
