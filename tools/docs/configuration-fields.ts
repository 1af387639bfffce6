/**
 * The configuration reference, one row per documented field of config/schema.ts: what is allowed. What a
 * field means is its `.describe()` text in the schema. tools/docs/generate.ts writes docs/configuration.md
 * from both and refuses a row the schema lacks, a schema field no row covers and a field without a text.
 */

/** One row of the reference. */
export interface FieldDoc {
  /** Field path: arrays as `[]`, record keys as `.<key>`. */
  readonly field: string;
  /** What values are allowed (markdown). */
  readonly allowed: string;
}

export const CONFIGURATION_FIELDS: readonly FieldDoc[] = [
  {
    field: 'environment',
    allowed: '`dev`, `staging`, `prod`',
  },
  {
    field: 'okta.orgName',
    allowed: 'e.g. `acme` for acme.okta.com',
  },
  {
    field: 'okta.baseUrl',
    allowed: '`okta.com`, `oktapreview.com`, `okta-emea.com`, `okta-gov.com`, `okta.mil`',
  },
  {
    field: 'okta.riskScoring',
    allowed: 'boolean, default `false`',
  },
  {
    field: 'okta.identityProviderConditions',
    allowed: 'boolean, default `true` (Identity Engine orgs have the condition)',
  },
  {
    field: 'okta.provider.maxApiCapacity',
    allowed: '1-100, default 50',
  },
  {
    field: 'okta.provider.backoff',
    allowed: 'boolean, default true',
  },
  {
    field: 'okta.provider.minWaitSeconds',
    allowed: '1-300, default 30; at most `maxWaitSeconds`',
  },
  {
    field: 'okta.provider.maxWaitSeconds',
    allowed: '1-300, default 300',
  },
  {
    field: 'okta.provider.maxRetries',
    allowed: '0-100, default 5',
  },
  {
    field: 'okta.provider.requestTimeoutSeconds',
    allowed: '0-300, default 60',
  },
  {
    field: 'aws.region',
    allowed: 'e.g. `eu-west-1`',
  },
  {
    field: 'aws.allowedAccountIds',
    allowed: '12-digit ids, at least one',
  },
  {
    field: 'aws.tags',
    allowed: 'string map',
  },
  {
    field: 'identity.mode',
    allowed: '`managed`, `external`',
  },
  {
    field: 'identity.authorizationServer.name',
    allowed: 'non-empty',
  },
  {
    field: 'identity.authorizationServer.description',
    allowed: 'non-empty',
  },
  {
    field: 'identity.authorizationServer.audience',
    allowed: 'a URI, e.g. `api://acme`',
  },
  {
    field: 'identity.authorizationServer.issuerMode',
    allowed: '`ORG_URL` (default), `CUSTOM_URL`; `DYNAMIC` is refused',
  },
  {
    field: 'identity.scopes[].name',
    allowed: 'lower-case, `_ . : -`; not `*`, not an OpenID scope',
  },
  {
    field: 'identity.scopes[].description',
    allowed: 'non-empty',
  },
  {
    field: 'identity.scopes[].consent',
    allowed: '`IMPLICIT` (default), `REQUIRED` (only apps with `consentMethod: REQUIRED` may be granted it)',
  },
  {
    field: 'identity.scopes[].default',
    allowed: 'boolean, default false',
  },
  {
    field: 'identity.scopes[].requiredAssurance',
    allowed:
      '`mfa`, `phishing-resistant`, `phishing-resistant-device-bound`; granted only to apps whose ' +
      'sign-on tier guarantees it, never to service apps',
  },
  {
    field: 'identity.claims[].name',
    allowed: 'letters, digits, `_`',
  },
  {
    field: 'identity.claims[].claimType',
    allowed: '`RESOURCE` (access token, default), `IDENTITY`',
  },
  {
    field: 'identity.claims[].valueType',
    allowed: '`EXPRESSION`, `GROUPS` (one GROUPS claim with a filter is required)',
  },
  {
    field: 'identity.claims[].value',
    allowed: 'non-empty',
  },
  {
    field: 'identity.claims[].groupFilterType',
    allowed: '`STARTS_WITH`, `EQUALS`, `CONTAINS`, `REGEX`',
  },
  {
    field: 'identity.claims[].scopes',
    allowed: 'defined scopes; omitted = always',
  },
  {
    field: 'identity.groups.<key>',
    allowed: 'key: lower-case, `-`; `everyone` is reserved',
  },
  {
    field: 'identity.apps[].key',
    allowed: 'lower-case, `-`',
  },
  {
    field: 'identity.apps[].label',
    allowed: 'non-empty',
  },
  {
    field: 'identity.apps[].kind',
    allowed: '`spa`, `web`, `native`, `service`',
  },
  {
    field: 'identity.apps[].grantTypes',
    allowed: 'spa/web/native: `authorization_code` (+ `refresh_token`); service: `client_credentials` only',
  },
  {
    field: 'identity.apps[].redirectUris',
    allowed: 'https; no wildcard; `http://localhost` only in dev; native may use a reverse-domain scheme',
  },
  {
    field: 'identity.apps[].postLogoutRedirectUris',
    allowed: 'as redirect URIs',
  },
  {
    field: 'identity.apps[].trustedOrigins',
    allowed: '`https://host[:port]`',
  },
  {
    field: 'identity.apps[].groups',
    allowed: 'declared keys or `everyone`',
  },
  {
    field: 'identity.apps[].jwks',
    allowed: '`kty`, `kid`, `e`, `n` only: never a private key',
  },
  {
    field: 'identity.apps[].signOnTier',
    allowed:
      '`standard`, `high`, `critical`; required for user-facing apps when `identity.mfa` is set, none ' +
      'for service apps',
  },
  {
    field: 'identity.apps[].consentMethod',
    allowed:
      '`TRUSTED` (default: never asks), `REQUIRED`; a consent-`REQUIRED` scope granted to a `TRUSTED` ' +
      'user-facing app is a config error (and guardrail OK-17)',
  },
  {
    field: 'identity.accessPolicies[].key',
    allowed: 'lower-case, `-`',
  },
  {
    field: 'identity.accessPolicies[].name',
    allowed: 'non-empty',
  },
  {
    field: 'identity.accessPolicies[].description',
    allowed: 'non-empty',
  },
  {
    field: 'identity.accessPolicies[].clients',
    allowed: 'declared app keys, at least one',
  },
  {
    field: 'identity.accessPolicies[].rules[].name',
    allowed: 'non-empty',
  },
  {
    field: 'identity.accessPolicies[].rules[].grantTypes',
    allowed: 'used by a client of the policy',
  },
  {
    field: 'identity.accessPolicies[].rules[].groups',
    allowed: 'declared keys or `everyone`',
  },
  {
    field: 'identity.accessPolicies[].rules[].scopes',
    allowed: 'defined or OpenID scopes; never `*`',
  },
  {
    field: 'identity.accessPolicies[].rules[].accessTokenLifetimeMinutes',
    allowed: '5 to 1440',
  },
  {
    field: 'identity.accessPolicies[].rules[].refreshTokenLifetimeMinutes',
    allowed: '10 minutes to 5 years, at least the access token lifetime; required with `refresh_token`',
  },
  {
    field: 'identity.accessPolicies[].rules[].refreshTokenWindowMinutes',
    allowed:
      '5 minutes to 5 years, between the access and the refresh token lifetime (the okta provider ' +
      'refuses anything else at create); required with `refresh_token`',
  },
  {
    field: 'identity.mfa.rollout.waves',
    allowed: 'declared group keys; `everyone` only in the last wave; a group in one wave only',
  },
  {
    field: 'identity.mfa.rollout.currentPhase',
    allowed: 'a wave key',
  },
  {
    field: 'identity.mfa.authenticators',
    allowed:
      'every one always listed (removal = `INACTIVE` + `NOT_ALLOWED`); password or email `REQUIRED`; ' +
      'Okta Verify or WebAuthn enrollable; phone `NOT_ALLOWED` in prod',
  },
  {
    field: 'identity.mfa.globalSession',
    allowed: '15 to 1440 / 5 to 240, idle at most the lifetime',
  },
  {
    field: 'identity.mfa.tiers',
    allowed: 'at most 1440 / 120 / 30 minutes; boolean',
  },
  {
    field: 'identity.mfa.networkZones.corporate',
    allowed: 'public CIDR blocks or IPv4 ranges',
  },
  {
    field: 'identity.mfa.networkZones.blocklist',
    allowed:
      'ISO 3166-1 alpha-2 codes; `none`, `tor`, `any-proxy`; at least one of the two; `orgWide` ' +
      'default `true` in staging and prod, `false` in dev',
  },
  {
    field: 'identity.mfa.threatInsight.action',
    allowed: '`block`, `audit`, `none`; `block` in prod; omit `threatInsight` to leave it unmanaged',
  },
  {
    field: 'identity.mfa.deviceManagement',
    allowed: 'boolean, default `false`; required for `tiers.critical.requireManagedDevice`',
  },
  {
    field: 'identity.mfa.deviceAssurance.<key>.platform',
    allowed: '`macos`, `windows`, `ios`, `android`, `chromeos`',
  },
  {
    field: 'identity.mfa.deviceAssurance.<key>.name',
    allowed: 'non-empty',
  },
  {
    field: 'identity.mfa.deviceAssurance.<key>.minimumOsVersion',
    allowed: '1 to 4 dot-separated numbers, e.g. `14.4`, `10.0.22631`',
  },
  {
    field: 'identity.mfa.deviceAssurance.<key>.diskEncryption',
    allowed: 'boolean; macos, windows, android, chromeos',
  },
  {
    field: 'identity.mfa.deviceAssurance.<key>.secureHardware',
    allowed: 'boolean; macos, windows, android',
  },
  {
    field: 'identity.mfa.deviceAssurance.<key>.screenLock',
    allowed: '`passcode-or-biometric`, `biometric`',
  },
  {
    field: 'identity.mfa.deviceAssurance.<key>.rejectJailbroken',
    allowed: 'boolean; ios, android',
  },
  {
    field: 'identity.mfa.risk.standard',
    allowed: '`deny`, `phishing-resistant` (default); needs `okta.riskScoring`',
  },
  {
    field: 'identity.mfa.risk.high',
    allowed: '`deny`, `phishing-resistant` (default)',
  },
  {
    field: 'identity.mfa.risk.critical',
    allowed: '`deny` (default), `phishing-resistant`',
  },
  {
    field: 'identity.mfa.behaviors.<key>.name',
    allowed: 'non-empty, unique; alone (no `type`) = look up an existing behaviour',
  },
  {
    field: 'identity.mfa.behaviors.<key>.type',
    allowed: '`ANOMALOUS_LOCATION`, `ANOMALOUS_DEVICE`, `ANOMALOUS_IP`, `VELOCITY`',
  },
  {
    field: 'identity.mfa.behaviors.<key>.authentications',
    allowed: '1-100; required for the `ANOMALOUS_*` types',
  },
  {
    field: 'identity.mfa.behaviors.<key>.granularity',
    allowed: '`LAT_LONG`, `CITY`, `COUNTRY`, `SUBDIVISION`; `ANOMALOUS_LOCATION` only',
  },
  {
    field: 'identity.mfa.behaviors.<key>.radiusKm',
    allowed: '5-20000; with `granularity: LAT_LONG` only',
  },
  {
    field: 'identity.mfa.behaviors.<key>.velocityKph',
    allowed: '1-2000; `VELOCITY` only',
  },
  {
    field: 'identity.mfa.behaviors.<key>.enforce',
    allowed: 'boolean, default `true`; `false` = audit (logged, no rule acts)',
  },
  {
    field: 'identity.mfa.adaptiveSessionLifetimeMinutes',
    allowed: '5-240, default 60',
  },
  {
    field: 'identity.mfa.passwordPolicy.minLength',
    allowed: 'whole characters, 4 to 30 (Okta); default 15; 8 to 14 only with `minLengthOverride`, never below 8',
  },
  {
    field: 'identity.mfa.passwordPolicy.minLengthOverride.reason',
    allowed: 'at least 10 characters; only with a `minLength` below 15',
  },
  {
    field: 'identity.mfa.passwordPolicy.commonPasswordCheck',
    allowed: 'boolean, default `true`',
  },
  {
    field: 'identity.mfa.passwordPolicy.excludeUsername',
    allowed: 'boolean, default `true`',
  },
  {
    field: 'identity.mfa.passwordPolicy.excludeFirstName',
    allowed: 'boolean, default `true`',
  },
  {
    field: 'identity.mfa.passwordPolicy.excludeLastName',
    allowed: 'boolean, default `true`',
  },
  {
    field: 'identity.mfa.passwordPolicy.requireLowercase',
    allowed: 'boolean, default `false`',
  },
  {
    field: 'identity.mfa.passwordPolicy.requireUppercase',
    allowed: 'boolean, default `false`',
  },
  {
    field: 'identity.mfa.passwordPolicy.requireNumber',
    allowed: 'boolean, default `false`',
  },
  {
    field: 'identity.mfa.passwordPolicy.requireSymbol',
    allowed: 'boolean, default `false`',
  },
  {
    field: 'identity.mfa.passwordPolicy.historyCount',
    allowed: '0 to 30, default 4',
  },
  {
    field: 'identity.mfa.passwordPolicy.minAgeMinutes',
    allowed: '0 to 10080, default 0',
  },
  {
    field: 'identity.mfa.passwordPolicy.maxAgeDays',
    allowed: '0 to 999, default 0 (never expires)',
  },
  {
    field: 'identity.mfa.passwordPolicy.expireWarnDays',
    allowed: '0 to 30, default 0; fewer than `maxAgeDays`, and 0 while it is 0',
  },
  {
    field: 'identity.mfa.passwordPolicy.lockoutAttempts',
    allowed: '1 to 100, default 10',
  },
  {
    field: 'identity.mfa.passwordPolicy.autoUnlockMinutes',
    allowed: '0 to 9999, default 0 (stays locked until the user or an admin unlocks it)',
  },
  {
    field: 'identity.mfa.passwordPolicy.lockoutEmail',
    allowed: 'boolean, default `true`',
  },
  {
    field: 'identity.mfa.passwordPolicy.showLockoutFailures',
    allowed: 'boolean, default `false`',
  },
  {
    field: 'identity.mfa.passwordPolicy.recoveryEmailTokenMinutes',
    allowed: '1 to 10080, default 60',
  },
  {
    field: 'identity.mfa.adminSurfaces.dashboard',
    allowed: 'boolean; default `false` (the Admin Console only)',
  },
  {
    field: 'identity.mfa.adminSurfaces.groups[]',
    allowed: 'group keys of `identity.groups`, or `everyone`; at least one; never the break-glass group',
  },
  {
    field: 'identity.mfa.adminSurfaces.roles.<key>[]',
    allowed:
      'Okta admin role types (`SUPER_ADMIN`, `ORG_ADMIN`, `APP_ADMIN`, `USER_ADMIN`, `HELP_DESK_ADMIN`, ' +
      '`GROUP_MEMBERSHIP_ADMIN`, `READ_ONLY_ADMIN`, `MOBILE_ADMIN`, `API_ACCESS_MANAGEMENT_ADMIN`, `REPORT_ADMIN`), ' +
      'each once; the key a declared group the rule covers (or the break-glass group), never `everyone`; default ' +
      'none',
  },
  {
    field: 'identity.mfa.adminSurfaces.reauthenticateMinutes',
    allowed: 'whole minutes, 1 to 120; default 60',
  },
  {
    field: 'identity.mfa.adminSurfaces.breakGlass.group',
    allowed: 'a group key of `identity.groups` (not `everyone`), in no rollout wave; needs `audit.oktaLogStream`',
  },
  {
    field: 'identity.mfa.adminSurfaces.breakGlass.members[]',
    allowed: 'Okta logins, each once; at least one, at most `maxMembers`',
  },
  {
    field: 'identity.mfa.adminSurfaces.breakGlass.maxMembers',
    allowed: '1 to 5; default 2',
  },
  {
    field: 'identity.mfa.adminSurfaces.breakGlass.authenticators[]',
    allowed: '`webauthn`, `okta-verify` (hardware-protected only), each ACTIVE; at least one; default `webauthn`',
  },
  {
    field: 'identity.mfa.adminSurfaces.breakGlass.reauthenticateMinutes',
    allowed: 'whole minutes, 1 to 60; default 15',
  },
  {
    field: 'identity.issuer',
    allowed: 'https, no trailing slash',
  },
  {
    field: 'identity.audience',
    allowed: 'non-empty',
  },
  {
    field: 'identity.scopes',
    allowed: 'scope names',
  },
  {
    field: 'gateway.apiName',
    allowed: 'letters, digits, `_ -`',
  },
  {
    field: 'gateway.description',
    allowed: 'string',
  },
  {
    field: 'gateway.cors',
    allowed: 'explicit https origins, never `*`',
  },
  {
    field: 'gateway.throttling',
    allowed: '1-5000 / 1-10000',
  },
  {
    field: 'gateway.routes[].routeKey',
    allowed: '`$default` or `METHOD /path`',
  },
  {
    field: 'gateway.routes[].scopes',
    allowed: 'defined scopes; at least one unless public',
  },
  {
    field: 'gateway.routes[].public',
    allowed: 'reason of 10+ characters',
  },
  {
    field: 'gateway.routes[].integration',
    allowed: 'https URLs',
  },
  {
    field: 'gateway.routes[].throttling',
    allowed: 'as `gateway.throttling`',
  },
  {
    field: 'gateway.logRetentionDays',
    allowed: 'a value CloudWatch accepts; at least 365 in prod',
  },
  {
    field: 'gateway.logKmsKeyArn',
    allowed: 'KMS key ARN; required in prod',
  },
  {
    field: 'backend',
    allowed: 'S3 in staging and prod',
  },
  {
    field: 'audit.oktaLogStream',
    allowed:
      'a supported Okta EventBridge region; `eventSourceName` is letters, digits, `.`, `_` (at most ' +
      "75): the okta provider's regex has no `-` (`resource_okta_log_stream.go:29`); required in prod",
  },
  {
    field: 'audit.logRetentionDays',
    allowed: 'a value CloudWatch accepts; at least 365 in prod',
  },
  {
    field: 'audit.logKmsKeyArn',
    allowed: 'KMS key ARN; required in prod',
  },
  {
    field: 'audit.alerts.topicKmsKeyArn',
    allowed: 'KMS key ARN (its policy must let `events.amazonaws.com` and `cloudwatch.amazonaws.com` use it)',
  },
  {
    field: 'audit.alerts.emails',
    allowed: 'email addresses',
  },
  {
    field: 'audit.alarmThresholds',
    allowed: 'positive whole numbers',
  },
  {
    field: 'protect',
    allowed: 'boolean',
  },
  {
    field: 'suppressions',
    allowed:
      'reason at least 10 characters, `expires` as `YYYY-MM-DD`; unknown rule ids and expired entries ' +
      'fail the check',
  },
];
