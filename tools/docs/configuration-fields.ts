/**
 * The configuration reference, one row per field of config/schema.ts: what it means and what is allowed.
 * tools/docs/generate.ts writes docs/configuration.md from it and refuses a row the schema lacks or a
 * schema field no row covers.
 */

/** One row of the reference. */
export interface FieldDoc {
  /** Field path: arrays as `[]`, record keys as `.<key>`. */
  readonly field: string;
  /** What the field means (markdown). */
  readonly meaning: string;
  /** What values are allowed (markdown). */
  readonly allowed: string;
}

export const CONFIGURATION_FIELDS: readonly FieldDoc[] = [
  {
    field: 'environment',
    meaning: 'which environment this file configures',
    allowed: '`dev`, `staging`, `prod`',
  },
  {
    field: 'okta.orgName',
    meaning: 'Okta org subdomain',
    allowed: 'e.g. `acme` for acme.okta.com',
  },
  {
    field: 'okta.baseUrl',
    meaning: 'Okta domain',
    allowed: '`okta.com`, `oktapreview.com`, `okta-emea.com`, `okta-gov.com`, `okta.mil`',
  },
  {
    field: 'okta.riskScoring',
    meaning:
      'the org has risk scoring. Global session rules always state their risk condition: `false` ' +
      "(default) writes `risc_level = risk_level = \"\"`, the provider's way of sending none, because " +
      'orgs without the feature reject a `riskScore` condition (okta provider issues 1802, 1079); ' +
      '`true` sends `ANY`',
    allowed: 'boolean, default `false`',
  },
  {
    field: 'okta.identityProviderConditions',
    meaning:
      'the org allows identity-provider conditions in sign-on rules (a feature flag): `false` ' +
      '(default) writes `identity_provider = ""` (none sent), `true` sends `ANY`',
    allowed: 'boolean, default `false`',
  },
  {
    field: 'okta.provider.maxApiCapacity',
    meaning: "percent of the org's management-API rate limit a plan/apply may use",
    allowed: '1-100, default 50',
  },
  {
    field: 'okta.provider.backoff',
    meaning: 'exponential back-off on rate limits',
    allowed: 'boolean, default true',
  },
  {
    field: 'okta.provider.minWaitSeconds',
    meaning: 'shortest wait after a rate limit',
    allowed: '1-300, default 30; at most `maxWaitSeconds`',
  },
  {
    field: 'okta.provider.maxWaitSeconds',
    meaning: 'longest wait after a rate limit',
    allowed: '1-300, default 300',
  },
  {
    field: 'okta.provider.maxRetries',
    meaning: 'retries before a request fails',
    allowed: '0-100, default 5',
  },
  {
    field: 'okta.provider.requestTimeoutSeconds',
    meaning: 'timeout of one request to Okta (0 = none)',
    allowed: '0-300, default 60',
  },
  {
    field: 'aws.region',
    meaning: 'AWS region',
    allowed: 'e.g. `eu-west-1`',
  },
  {
    field: 'aws.allowedAccountIds',
    meaning: 'accounts Terraform may touch',
    allowed: '12-digit ids, at least one',
  },
  {
    field: 'aws.tags',
    meaning: 'extra default tags',
    allowed: 'string map',
  },
  {
    field: 'identity.mode',
    meaning: '`managed` (this stack owns the Okta side) or `external` (gateway only)',
    allowed: '`managed`, `external`',
  },
  {
    field: 'identity.authorizationServer.name',
    meaning: 'auth server name',
    allowed: 'non-empty',
  },
  {
    field: 'identity.authorizationServer.description',
    meaning: 'auth server description',
    allowed: 'non-empty',
  },
  {
    field: 'identity.authorizationServer.audience',
    meaning: 'the one audience; the gateway requires it in `aud`',
    allowed: 'a URI, e.g. `api://acme`',
  },
  {
    field: 'identity.authorizationServer.issuerMode',
    meaning: 'how the issuer URL is formed',
    allowed: '`ORG_URL` (default), `CUSTOM_URL`; `DYNAMIC` is refused',
  },
  {
    field: 'identity.scopes[].name',
    meaning: 'scope name as it appears in `scp`',
    allowed: 'lower-case, `_ . : -`; not `*`, not an OpenID scope',
  },
  {
    field: 'identity.scopes[].description',
    meaning: 'shown on consent',
    allowed: 'non-empty',
  },
  {
    field: 'identity.scopes[].consent',
    meaning: 'consent requirement',
    allowed: '`IMPLICIT` (default), `REQUIRED` (only apps with `consentMethod: REQUIRED` may be granted it)',
  },
  {
    field: 'identity.scopes[].default',
    meaning: 'granted when no scope is requested',
    allowed: 'boolean, default false',
  },
  {
    field: 'identity.scopes[].requiredAssurance',
    meaning: 'sign-in assurance a token carrying the scope must come from (MFA rollout)',
    allowed:
      '`mfa`, `phishing-resistant`, `phishing-resistant-device-bound`; granted only to apps whose ' +
      'sign-on tier guarantees it, never to service apps',
  },
  {
    field: 'identity.claims[].name',
    meaning: 'claim name',
    allowed: 'letters, digits, `_`',
  },
  {
    field: 'identity.claims[].claimType',
    meaning: 'token the claim goes in',
    allowed: '`RESOURCE` (access token, default), `IDENTITY`',
  },
  {
    field: 'identity.claims[].valueType',
    meaning: 'expression or group filter',
    allowed: '`EXPRESSION`, `GROUPS` (one GROUPS claim with a filter is required)',
  },
  {
    field: 'identity.claims[].value',
    meaning: 'Okta expression or group filter value',
    allowed: 'non-empty',
  },
  {
    field: 'identity.claims[].groupFilterType',
    meaning: 'how GROUPS claims filter',
    allowed: '`STARTS_WITH`, `EQUALS`, `CONTAINS`, `REGEX`',
  },
  {
    field: 'identity.claims[].scopes',
    meaning:
      'include only when one of these is requested (access-token claims are written with ' +
      '`always_include_in_token = true`, the value Okta reports for them; the scopes condition does ' +
      'the limiting)',
    allowed: 'defined scopes; omitted = always',
  },
  {
    field: 'identity.groups.<key>',
    meaning: 'a group created here (`name`, `description`) or referenced (`existingId`)',
    allowed: 'key: lower-case, `-`; `everyone` is reserved',
  },
  {
    field: 'identity.apps[].key',
    meaning: 'stable app key (its construct id)',
    allowed: 'lower-case, `-`',
  },
  {
    field: 'identity.apps[].label',
    meaning: 'name shown to users',
    allowed: 'non-empty',
  },
  {
    field: 'identity.apps[].kind',
    meaning: 'app kind',
    allowed: '`spa`, `web`, `native`, `service`',
  },
  {
    field: 'identity.apps[].grantTypes',
    meaning: 'OAuth grants',
    allowed: 'spa/web/native: `authorization_code` (+ `refresh_token`); service: `client_credentials` only',
  },
  {
    field: 'identity.apps[].redirectUris',
    meaning: 'sign-in redirect URIs',
    allowed: 'https; no wildcard; `http://localhost` only in dev; native may use a reverse-domain scheme',
  },
  {
    field: 'identity.apps[].postLogoutRedirectUris',
    meaning: 'sign-out redirect URIs',
    allowed: 'as redirect URIs',
  },
  {
    field: 'identity.apps[].trustedOrigins',
    meaning: 'SPA origins (CORS + redirect)',
    allowed: '`https://host[:port]`',
  },
  {
    field: 'identity.apps[].groups',
    meaning: 'group keys assigned to a user-facing app (complete list)',
    allowed: 'declared keys or `everyone`',
  },
  {
    field: 'identity.apps[].jwks',
    meaning: 'public RSA keys for `private_key_jwt` (web, service)',
    allowed: '`kty`, `kid`, `e`, `n` only: never a private key',
  },
  {
    field: 'identity.apps[].signOnTier',
    meaning: "the app's sign-on (authentication) policy tier (MFA rollout)",
    allowed:
      '`standard`, `high`, `critical`; required for user-facing apps when `identity.mfa` is set, none ' +
      'for service apps',
  },
  {
    field: 'identity.apps[].consentMethod',
    meaning: "whether Okta asks users to consent to the app's consent-`REQUIRED` scopes",
    allowed:
      '`TRUSTED` (default: never asks), `REQUIRED`; a consent-`REQUIRED` scope granted to a `TRUSTED` ' +
      'user-facing app is a config error (and guardrail OK-17)',
  },
  {
    field: 'identity.accessPolicies[].key',
    meaning: 'stable policy key',
    allowed: 'lower-case, `-`',
  },
  {
    field: 'identity.accessPolicies[].name',
    meaning: 'policy name',
    allowed: 'non-empty',
  },
  {
    field: 'identity.accessPolicies[].description',
    meaning: 'policy description',
    allowed: 'non-empty',
  },
  {
    field: 'identity.accessPolicies[].clients',
    meaning: 'app keys the policy applies to',
    allowed: 'declared app keys, at least one',
  },
  {
    field: 'identity.accessPolicies[].rules[].name',
    meaning: 'rule name (unique in its policy)',
    allowed: 'non-empty',
  },
  {
    field: 'identity.accessPolicies[].rules[].grantTypes',
    meaning: 'grants the rule allows',
    allowed: 'used by a client of the policy',
  },
  {
    field: 'identity.accessPolicies[].rules[].groups',
    meaning: 'groups whose members may get the scopes',
    allowed: 'declared keys or `everyone`',
  },
  {
    field: 'identity.accessPolicies[].rules[].scopes',
    meaning: 'scopes the rule may grant',
    allowed: 'defined or OpenID scopes; never `*`',
  },
  {
    field: 'identity.accessPolicies[].rules[].accessTokenLifetimeMinutes',
    meaning: 'access token lifetime',
    allowed: '5 to 1440',
  },
  {
    field: 'identity.accessPolicies[].rules[].refreshTokenLifetimeMinutes',
    meaning: 'refresh token lifetime',
    allowed: '10 minutes to 5 years, at least the access token lifetime; required with `refresh_token`',
  },
  {
    field: 'identity.accessPolicies[].rules[].refreshTokenWindowMinutes',
    meaning: 'refresh token idle window',
    allowed:
      '5 minutes to 5 years, between the access and the refresh token lifetime (the okta provider ' +
      'refuses anything else at create); required with `refresh_token`',
  },
  {
    field: 'identity.mfa.rollout.waves',
    meaning: 'rollout waves in order, each `{ key, groups }`',
    allowed: 'declared group keys; `everyone` only in the last wave; a group in one wave only',
  },
  {
    field: 'identity.mfa.rollout.currentPhase',
    meaning: 'the last enforced wave (every group of every wave up to it is enforced)',
    allowed: 'a wave key',
  },
  {
    field: 'identity.mfa.authenticators',
    meaning:
      '`okta-verify` (+ `numberChallenge`, `userVerification`, `fips`: `OPTIONAL` default or ' +
      '`REQUIRED`, always written because Okta always reports it), `webauthn`, `email` (+ ' +
      '`recoveryOnly`: password recovery only, never a sign-in factor, default `true` in staging and ' +
      'prod; `tokenLifetimeMinutes`, default 5), `password`, `phone`, each `{ status, enrollment }`',
    allowed:
      'all five always listed (removal = `INACTIVE` + `NOT_ALLOWED`); password or email `REQUIRED`; ' +
      'Okta Verify or WebAuthn enrollable; phone `NOT_ALLOWED` in prod',
  },
  {
    field: 'identity.mfa.globalSession',
    meaning: "`sessionLifetimeMinutes`, `sessionIdleMinutes` of the enforced groups' global session",
    allowed: '15 to 1440 / 5 to 240, idle at most the lifetime',
  },
  {
    field: 'identity.mfa.tiers',
    meaning: '`standard`, `high`, `critical`: `reauthenticateMinutes`; `critical.requireManagedDevice`',
    allowed: 'at most 1440 / 120 / 30 minutes; boolean',
  },
  {
    field: 'identity.mfa.networkZones.corporate',
    meaning: 'corporate egress IP zones `<key>: { name, gateways }` (excluded from ThreatInsight)',
    allowed: 'public CIDR blocks or IPv4 ranges',
  },
  {
    field: 'identity.mfa.networkZones.blocklist',
    meaning:
      '`countries`, `anonymizers`: denied by the first rule of every policy (zones with usage ' +
      '`POLICY`); `orgWide`: also blocked org-wide, before any policy and on every URL of the org ' +
      '(twin zones with usage `BLOCKLIST`, which no rule names)',
    allowed:
      'ISO 3166-1 alpha-2 codes; `none`, `tor`, `any-proxy`; at least one of the two; `orgWide` ' +
      'default `true` in staging and prod, `false` in dev',
  },
  {
    field: 'identity.mfa.threatInsight.action',
    meaning: "the org's ThreatInsight action",
    allowed: '`block`, `audit`, `none`; `block` in prod; omit `threatInsight` to leave it unmanaged',
  },
  {
    field: 'identity.issuer',
    meaning: '(external) issuer of the trusted server',
    allowed: 'https, no trailing slash',
  },
  {
    field: 'identity.audience',
    meaning: '(external) audience of the trusted server',
    allowed: 'non-empty',
  },
  {
    field: 'identity.scopes',
    meaning: '(external) scopes that server defines',
    allowed: 'scope names',
  },
  {
    field: 'gateway.apiName',
    meaning: 'HTTP API name (also names logs and the handler)',
    allowed: 'letters, digits, `_ -`',
  },
  {
    field: 'gateway.description',
    meaning: 'API description',
    allowed: 'string',
  },
  {
    field: 'gateway.cors',
    meaning:
      'CORS: `allowOrigins`, `allowMethods`, `allowHeaders`, `exposeHeaders`, `allowCredentials`, ' +
      '`maxAgeSeconds`',
    allowed: 'explicit https origins, never `*`',
  },
  {
    field: 'gateway.throttling',
    meaning: 'stage default `burstLimit` / `rateLimit`',
    allowed: '1-5000 / 1-10000',
  },
  {
    field: 'gateway.routes[].routeKey',
    meaning: 'route key',
    allowed: '`$default` or `METHOD /path`',
  },
  {
    field: 'gateway.routes[].scopes',
    meaning: 'any one of these scopes grants access',
    allowed: 'defined scopes; at least one unless public',
  },
  {
    field: 'gateway.routes[].public',
    meaning: '`{ reason }`: unauthenticated route',
    allowed: 'reason of 10+ characters',
  },
  {
    field: 'gateway.routes[].integration',
    meaning: "`{ type: 'lambda', handler: 'whoami' }` or `{ type: 'http', url, method, timeoutMilliseconds }`",
    allowed: 'https URLs',
  },
  {
    field: 'gateway.routes[].throttling',
    meaning: 'per-route override',
    allowed: 'as `gateway.throttling`',
  },
  {
    field: 'gateway.logRetentionDays',
    meaning: 'access-log retention',
    allowed: 'a value CloudWatch accepts; at least 365 in prod',
  },
  {
    field: 'gateway.logKmsKeyArn',
    meaning: 'KMS key for access and handler logs',
    allowed: 'KMS key ARN; required in prod',
  },
  {
    field: 'backend',
    meaning: "`{ type: 'local', path? }` (dev only) or `{ type: 's3', bucket, region, kmsKeyId, keyPrefix? }`",
    allowed: 'S3 in staging and prod',
  },
  {
    field: 'audit.oktaLogStream',
    meaning:
      'Okta System Log to EventBridge: `{ eventSourceName? }` (managed org: this stack creates the ' +
      'stream; default name = the stack name with `_` for `-`, e.g. `identity_gateway_prod`) or `{ ' +
      'partnerEventSourceName }` (external org)',
    allowed:
      'a supported Okta EventBridge region; `eventSourceName` is letters, digits, `.`, `_` (at most ' +
      "75): the okta provider's regex has no `-` (`resource_okta_log_stream.go:29`); required in prod",
  },
  {
    field: 'audit.logRetentionDays',
    meaning: 'retention of the Okta events log group',
    allowed: 'a value CloudWatch accepts; at least 365 in prod',
  },
  {
    field: 'audit.logKmsKeyArn',
    meaning: 'KMS key for the Okta events log group',
    allowed: 'KMS key ARN; required in prod',
  },
  {
    field: 'audit.alerts.topicKmsKeyArn',
    meaning: 'customer-managed KMS key of the alert topic',
    allowed: 'KMS key ARN (its policy must let `events.amazonaws.com` and `cloudwatch.amazonaws.com` use it)',
  },
  {
    field: 'audit.alerts.emails',
    meaning: 'email subscriptions to alerts',
    allowed: 'email addresses',
  },
  {
    field: 'audit.alarmThresholds',
    meaning:
      'alarm when the gateway returns at least `unauthorized401` / `forbidden403` / `serverErrors5xx` ' +
      'responses in 5 minutes',
    allowed: 'positive whole numbers',
  },
  {
    field: 'protect',
    meaning: '`prevent_destroy` on the auth server, apps, API and access logs',
    allowed: 'boolean',
  },
  {
    field: 'suppressions',
    meaning:
      'accepted guardrail findings: `ruleId`, `address` (resource address, or the stack name), ' +
      '`reason`, optional `expires`; see [Guardrails](guardrails.md)',
    allowed:
      'reason at least 10 characters, `expires` as `YYYY-MM-DD`; unknown rule ids and expired entries ' +
      'fail the check',
  },
];
