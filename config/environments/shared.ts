/**
 * Pieces every default environment shares: the API's scopes, claims, groups, apps, access policies and
 * routes. Environments differ in org, account, origins, lifetimes, backend and protection; they say so
 * in their own files.
 */
import type { EnvironmentConfigInput } from '../schema';
import { sharedPiece } from '../provenance';

type Identity = Extract<EnvironmentConfigInput['identity'], { mode: 'managed' }>;
type Gateway = EnvironmentConfigInput['gateway'];
type Mfa = NonNullable<Identity['mfa']>;

/** Public keys (JWK) of the example service and web apps: public halves only, never a private key. */
export const EXAMPLE_JWKS = {
  adminConsole: {
    kty: 'RSA',
    kid: 'admin-console-2026-11',
    e: 'AQAB',
    n:
      'ppIaG9piWvw4KVp5_wIbIvAo_h-cuFyjt5fXzP4jdHWL8W4WLX_97iAniwN9v9RIJh5jPQBFbnGva1S6mvThN4N2d-JwBfr7' +
      'IQIyH5RQ8eEwa-Oz2TK2BmTndyqVHltoEUpNibsn41PhZ4LV1mgcrG8j2ISzsFuuqyPNujV9jU0JbzQ3DEKRfNfJxFdWDWWA' +
      'V5wGjRHBkyU8gwmZDtlq7olGq9579Inl0OnRQNn_0YaHEWSa9WAOqR-3BdD-rjFWeFf_O72rCumoUem0uF8GOjv8aP8VXOQC' +
      'xiGZaKanx5bGzF5ezaGiML8EpOFnz8PfcqeF7mgH7PzxnZpU1ZKV7w',
  },
  paymentsConsole: {
    kty: 'RSA',
    kid: 'payments-console-2026-11',
    e: 'AQAB',
    n:
      'uJnhjrfj2LJttbjWnXgin4IuJR0GoJaVXdBNW09msSjKjUGBHGvbbMTTmzVyMJlYakzbKxXemZFEHJyZwxoTTqrMPoquHeVP' +
      'VlhlGU3cZmfQU9bipoZ873ZHZOtVVUjmRxFZUUKMedGgHB0t2lwAu0vjy934SvNikF4H7UcsIYd3U_wzCXh-f1Pt7OW_s60x' +
      'CrEv7U98bw-W6xmH3mFzzkx05aqGAj_FdGfqhckCiR0_Pz1kdn1pW2mHDRWyUhXgge6DPysLXXsJovJJHviVjJXMhGzr8eKC' +
      'VAzcItcR8dWmR6Uc4VuZk4AeXRzNtGZhaaA8m-cf1bqwjbfHc-Aj-Q',
  },
  reportingJob: {
    kty: 'RSA',
    kid: 'reporting-job-2026-11',
    e: 'AQAB',
    n:
      'sWyaHYRmRs0_isH4lcltGWgt1z0yifeKZLfwpbL8nO1jIFXu58TVpepGqXJRSfI71nB5ui6etOiYmidZ-hR6gIxdIjFhZhI0' +
      'jBsdDie8aXSYpzqIyavlucmBydRxgo0iaVD8KI19qXRXZyWHCktO3-aKGqMQFSOpVxny1T-2mgHZvUl9135xYEwVDdycWZZq' +
      'aPTflMo8uMCI4eWS_xP5M7XAWSmRc_DC1Rl1r_6arVVx9qAwmZEJKRNiKp9qL3j1x1cgyZspNZ5xxqb_dIewIs_uKgfZdWiH' +
      'eKw7-Cs1GCMSI5nSTV3rA_GwedQ86hsXEUNii_0qLC04GLe-6wHI6w',
  },
} as const;

export interface IdentityOptions {
  /** The API audience for this environment. */
  readonly audience: string;
  /** Base URL of the portal SPA and admin console. */
  readonly portalOrigin: string;
  readonly adminOrigin: string;
  /** Base URL of the payments console (web app, server-side). */
  readonly paymentsOrigin: string;
  /** Extra redirect URIs (dev adds loopback). */
  readonly extraRedirectUris?: string[];
  readonly extraOrigins?: string[];
  readonly accessTokenLifetimeMinutes: number;
  readonly adminAccessTokenLifetimeMinutes: number;
  readonly refreshTokenLifetimeMinutes: number;
  readonly refreshTokenWindowMinutes: number;
  /** The environment's MFA rollout (see `mfa`). */
  readonly mfa: Mfa;
}

/** The managed identity every environment shares, from its own options. */
export const identity = sharedPiece(identityOf);

function identityOf(o: IdentityOptions): Identity {
  return {
    mode: 'managed',
    authorizationServer: {
      name: 'identity-gateway',
      description: 'Issues access tokens for the identity-gateway HTTP API',
      audience: o.audience,
      issuerMode: 'ORG_URL',
    },
    scopes: [
      { name: 'profile:read', description: 'Read your own profile through the API' },
      { name: 'orders:read', description: 'Read orders' },
      { name: 'orders:write', description: 'Create and change orders' },
      // Tokens carrying these come only from apps whose sign-on tier guarantees the assurance.
      { name: 'payments:write', description: 'Initiate payments', requiredAssurance: 'phishing-resistant' },
      {
        name: 'admin:write',
        description: 'Administer API users',
        consent: 'REQUIRED',
        requiredAssurance: 'phishing-resistant-device-bound',
      },
      { name: 'reports:read', description: 'Read aggregated reports (machine clients)' },
    ],
    claims: [
      { name: 'groups', claimType: 'RESOURCE', valueType: 'GROUPS', groupFilterType: 'STARTS_WITH', value: 'API ' },
      { name: 'email', claimType: 'RESOURCE', valueType: 'EXPRESSION', value: 'user.email', scopes: ['profile:read'] },
    ],
    groups: {
      'api-users': { name: 'API Users', description: 'People who use the customer portal and mobile app' },
      'api-admins': { name: 'API Admins', description: 'People who administer API users' },
      'payments-operators': { name: 'API Payments Operators', description: 'People who may initiate payments' },
      engineers: {
        name: 'API Engineers',
        description: 'Engineers who build and operate the API (second MFA rollout wave)',
      },
      // Where the admin surfaces are managed: who administers Okta, and the sealed break-glass accounts.
      ...(o.mfa.adminSurfaces ? ADMIN_SURFACE_GROUPS : {}),
    },
    apps: [
      {
        key: 'portal',
        label: 'Customer portal (SPA)',
        kind: 'spa',
        grantTypes: ['authorization_code', 'refresh_token'],
        redirectUris: [`${o.portalOrigin}/login/callback`, ...(o.extraRedirectUris ?? [])],
        postLogoutRedirectUris: [`${o.portalOrigin}/`],
        trustedOrigins: [o.portalOrigin, ...(o.extraOrigins ?? [])],
        groups: ['api-users', 'payments-operators'],
        signOnTier: 'standard',
      },
      {
        key: 'admin-console',
        label: 'Admin console (web)',
        kind: 'web',
        grantTypes: ['authorization_code', 'refresh_token'],
        redirectUris: [`${o.adminOrigin}/oauth2/callback`],
        postLogoutRedirectUris: [`${o.adminOrigin}/`],
        groups: ['api-admins'],
        jwks: [EXAMPLE_JWKS.adminConsole],
        signOnTier: 'critical',
        // admin:write asks for consent; only an app with consentMethod REQUIRED shows the prompt.
        consentMethod: 'REQUIRED',
      },
      {
        key: 'mobile',
        label: 'Mobile app (native)',
        kind: 'native',
        grantTypes: ['authorization_code', 'refresh_token'],
        redirectUris: ['com.example.mobile:/callback'],
        postLogoutRedirectUris: ['com.example.mobile:/logout'],
        groups: ['api-users'],
        signOnTier: 'standard',
      },
      {
        key: 'reporting-job',
        label: 'Nightly reporting job (service)',
        kind: 'service',
        grantTypes: ['client_credentials'],
        jwks: [EXAMPLE_JWKS.reportingJob],
      },
      {
        key: 'payments-console',
        label: 'Payments console (web)',
        kind: 'web',
        grantTypes: ['authorization_code', 'refresh_token'],
        redirectUris: [`${o.paymentsOrigin}/oauth2/callback`],
        postLogoutRedirectUris: [`${o.paymentsOrigin}/`],
        groups: ['payments-operators'],
        jwks: [EXAMPLE_JWKS.paymentsConsole],
        signOnTier: 'high',
      },
    ],
    accessPolicies: [
      {
        key: 'user-apps',
        name: 'User-facing apps',
        description: 'Tokens for people signing in to the portal and mobile app (standard sign-on tier)',
        clients: ['portal', 'mobile'],
        rules: [
          {
            name: 'Users',
            grantTypes: ['authorization_code', 'refresh_token'],
            groups: ['api-users', 'payments-operators'],
            scopes: ['openid', 'profile', 'email', 'offline_access', 'profile:read', 'orders:read', 'orders:write'],
            accessTokenLifetimeMinutes: o.accessTokenLifetimeMinutes,
            refreshTokenLifetimeMinutes: o.refreshTokenLifetimeMinutes,
            refreshTokenWindowMinutes: o.refreshTokenWindowMinutes,
          },
        ],
      },
      {
        key: 'services',
        name: 'Machine clients',
        description: 'client_credentials tokens for back-end jobs',
        clients: ['reporting-job'],
        rules: [
          {
            name: 'Reporting',
            grantTypes: ['client_credentials'],
            groups: ['everyone'],
            scopes: ['reports:read'],
            accessTokenLifetimeMinutes: 15,
          },
        ],
      },
      {
        key: 'admin',
        name: 'Admin console',
        description: 'admin:write only through the critical sign-on tier (phishing-resistant, device-bound)',
        clients: ['admin-console'],
        rules: [
          {
            name: 'Admins',
            grantTypes: ['authorization_code', 'refresh_token'],
            groups: ['api-admins'],
            scopes: ['openid', 'profile', 'email', 'offline_access', 'profile:read', 'admin:write'],
            accessTokenLifetimeMinutes: o.adminAccessTokenLifetimeMinutes,
            // No longer than the critical tier's re-authentication (30 min): admin:write never outlives its sign-in.
            refreshTokenLifetimeMinutes: 30,
            refreshTokenWindowMinutes: 15,
          },
        ],
      },
      {
        key: 'payments',
        name: 'Payments console',
        description: 'payments:write only through the high sign-on tier (phishing-resistant)',
        clients: ['payments-console'],
        rules: [
          {
            name: 'Payments operators',
            grantTypes: ['authorization_code', 'refresh_token'],
            groups: ['payments-operators'],
            scopes: ['openid', 'profile', 'email', 'offline_access', 'profile:read', 'orders:read', 'payments:write'],
            accessTokenLifetimeMinutes: o.adminAccessTokenLifetimeMinutes,
            // No longer than the high tier's re-authentication (2 h).
            refreshTokenLifetimeMinutes: 120,
            refreshTokenWindowMinutes: 60,
          },
        ],
      },
    ],
    mfa: o.mfa,
  };
}

/** The groups the admin surfaces give roles to: Okta's administrators and the break-glass accounts. */
const ADMIN_SURFACE_GROUPS = {
  'okta-admins': { name: 'Okta Administrators', description: 'People who administer the Okta org itself' },
  'break-glass': {
    name: 'Okta Break-Glass',
    description: 'Sealed emergency admin accounts, outside the MFA rollout; every sign-in alerts',
  },
} as const;

export interface MfaOptions {
  /** The wave this environment has reached: pilot, engineering or everyone. */
  readonly currentPhase: 'pilot' | 'engineering' | 'everyone';
  /** Phone (SMS / voice) as an optional factor; never in prod. */
  readonly phone: boolean;
  readonly sessionLifetimeMinutes: number;
  readonly sessionIdleMinutes: number;
  readonly standardReauthenticateMinutes: number;
  /** Critical-tier apps only from registered, managed devices (needs device management in the org). */
  readonly requireManagedDevice: boolean;
  readonly threatInsight: 'block' | 'audit';
  /** HIGH risk denied or stepped up per tier (the org has risk scoring: okta.riskScoring). */
  readonly risk: boolean;
  /**
   * A device-bound, hardware-protected phishing-resistant rule on the Okta Admin Console for every administrator,
   * the break-glass group excluded and given its own rule, admin roles bound to the groups. @default false
   */
  readonly adminSurfaces?: boolean;
}

/**
 * Device assurance every environment asks of the high and critical tiers: a supported OS, an encrypted disk,
 * secure hardware where the platform reports it, a screen lock, and no jailbroken or rooted phones.
 */
const DEVICE_ASSURANCE: NonNullable<Mfa['deviceAssurance']> = {
  'macos-baseline': {
    platform: 'macos',
    name: 'macOS baseline',
    minimumOsVersion: '14.0',
    diskEncryption: true,
    secureHardware: true,
    screenLock: 'passcode-or-biometric',
  },
  'windows-baseline': {
    platform: 'windows',
    name: 'Windows baseline',
    minimumOsVersion: '10.0.22631',
    diskEncryption: true,
    secureHardware: true,
    screenLock: 'passcode-or-biometric',
  },
  'ios-baseline': {
    platform: 'ios',
    name: 'iOS baseline',
    minimumOsVersion: '17.0',
    screenLock: 'passcode-or-biometric',
    rejectJailbroken: true,
  },
  'android-baseline': {
    platform: 'android',
    name: 'Android baseline',
    minimumOsVersion: '14',
    diskEncryption: true,
    secureHardware: true,
    screenLock: 'passcode-or-biometric',
    rejectJailbroken: true,
  },
};

/**
 * Behaviours that force MFA on anomalies: Okta's own New Country, New Device and New IP behaviours, looked up
 * by name, and an impossible-travel velocity defined here (800 km/h, about an airliner's speed).
 */
const BEHAVIORS: Mfa['behaviors'] = {
  'new-country': { name: 'New Country' },
  'new-device': { name: 'New Device' },
  'new-ip': { name: 'New IP' },
  'impossible-travel': { name: 'Impossible travel (800 km/h)', type: 'VELOCITY', velocityKph: 805 },
};

/**
 * The MFA rollout every environment runs, at its own phase. Waves: the privileged pilot first (admins
 * and payments operators, who use the high and critical tier apps), then engineers, then everyone.
 */
export const mfa = sharedPiece(mfaOf);

function mfaOf(o: MfaOptions): Mfa {
  return {
    rollout: {
      waves: [
        { key: 'pilot', groups: ['api-admins', 'payments-operators'] },
        { key: 'engineering', groups: ['engineers'] },
        { key: 'everyone', groups: ['everyone'] },
      ],
      currentPhase: o.currentPhase,
    },
    authenticators: {
      'okta-verify': {
        status: 'ACTIVE',
        enrollment: 'REQUIRED',
        numberChallenge: 'ALWAYS',
        userVerification: 'REQUIRED',
      },
      webauthn: { status: 'ACTIVE', enrollment: 'OPTIONAL' },
      email: { status: 'ACTIVE', enrollment: 'OPTIONAL' },
      password: { status: 'ACTIVE', enrollment: 'REQUIRED' },
      // Removed where off: listed as INACTIVE, because Okta can only deactivate an authenticator.
      phone: o.phone ? { status: 'ACTIVE', enrollment: 'OPTIONAL' } : { status: 'INACTIVE', enrollment: 'NOT_ALLOWED' },
      // Okta ships it ACTIVE for recovery; guessable answers: off, deactivated after the policies stop offering it.
      'security-question': { status: 'INACTIVE', enrollment: 'NOT_ALLOWED' },
    },
    globalSession: { sessionLifetimeMinutes: o.sessionLifetimeMinutes, sessionIdleMinutes: o.sessionIdleMinutes },
    tiers: {
      standard: { reauthenticateMinutes: o.standardReauthenticateMinutes },
      high: { reauthenticateMinutes: 120, deviceAssurances: Object.keys(DEVICE_ASSURANCE) },
      critical: {
        reauthenticateMinutes: 30,
        requireManagedDevice: o.requireManagedDevice,
        deviceAssurances: Object.keys(DEVICE_ASSURANCE),
      },
    },
    deviceManagement: false,
    deviceAssurance: DEVICE_ASSURANCE,
    behaviors: BEHAVIORS,
    ...(o.risk ? { risk: { standard: 'phishing-resistant', high: 'phishing-resistant', critical: 'deny' } } : {}),
    networkZones: {
      corporate: {
        hq: { name: 'Corporate HQ egress', gateways: ['203.0.113.0/24'] },
        vpn: { name: 'Corporate VPN egress', gateways: ['198.51.100.16-198.51.100.31'] },
      },
      blocklist: { countries: ['CU', 'IR', 'KP', 'SY'], anonymizers: 'tor' },
    },
    threatInsight: { action: o.threatInsight },
    ...(o.adminSurfaces
      ? {
          adminSurfaces: {
            // Every administrator, however they hold their role (directly, or through groups this stack does not
            // manage): only administrators reach the Admin Console. Break-glass has its own rule.
            groups: ['everyone'],
            // Roles granted here are reviewed like any change: Okta Administrators administer the org.
            roles: { 'okta-admins': ['ORG_ADMIN'], 'break-glass': ['SUPER_ADMIN'] },
            breakGlass: {
              group: 'break-glass',
              members: ['break-glass-1@example.com', 'break-glass-2@example.com'],
              maxMembers: 2,
            },
          },
        }
      : {}),
  };
}

export interface GatewayOptions {
  readonly apiName: string;
  readonly origins: string[];
  readonly backendBaseUrl: string;
  readonly logRetentionDays: number;
  readonly logKmsKeyArn?: string;
}

/** The HTTP API every environment shares, from its own options. */
export const gateway = sharedPiece(gatewayOf);

function gatewayOf(o: GatewayOptions): Gateway {
  return {
    apiName: o.apiName,
    description: 'Identity-aware API: every route requires an Okta access token with a named scope',
    cors: {
      allowOrigins: o.origins,
      allowMethods: ['GET', 'POST', 'PUT', 'DELETE'],
      allowHeaders: ['authorization', 'content-type'],
      allowCredentials: false,
      maxAgeSeconds: 600,
    },
    throttling: { burstLimit: 200, rateLimit: 100 },
    routes: [
      { routeKey: 'GET /me', scopes: ['profile:read'], integration: { type: 'lambda', handler: 'whoami' } },
      {
        routeKey: 'GET /orders',
        scopes: ['orders:read', 'orders:write'],
        integration: { type: 'http', url: `${o.backendBaseUrl}/orders`, method: 'GET' },
      },
      {
        routeKey: 'POST /orders',
        scopes: ['orders:write'],
        integration: { type: 'http', url: `${o.backendBaseUrl}/orders`, method: 'POST' },
      },
      {
        routeKey: 'GET /orders/{orderId}',
        scopes: ['orders:read', 'orders:write'],
        integration: { type: 'http', url: `${o.backendBaseUrl}/orders/{orderId}`, method: 'GET' },
      },
      {
        routeKey: 'POST /payments',
        scopes: ['payments:write'],
        integration: { type: 'http', url: `${o.backendBaseUrl}/payments`, method: 'POST' },
        throttling: { burstLimit: 20, rateLimit: 10 },
      },
      {
        routeKey: 'POST /admin/users',
        scopes: ['admin:write'],
        integration: { type: 'lambda', handler: 'whoami' },
        throttling: { burstLimit: 10, rateLimit: 5 },
      },
      {
        routeKey: 'GET /reports/{reportId}',
        scopes: ['reports:read'],
        integration: { type: 'http', url: `${o.backendBaseUrl}/reports/{reportId}`, method: 'GET' },
      },
      {
        routeKey: 'GET /health',
        public: { reason: 'Uptime checks; answers with the service status and no caller data' },
        integration: { type: 'lambda', handler: 'whoami' },
        throttling: { burstLimit: 20, rateLimit: 10 },
      },
    ],
    logRetentionDays: o.logRetentionDays,
    logKmsKeyArn: o.logKmsKeyArn,
  };
}
