/**
 * The configuration schema: the single source of truth for what an environment may declare.
 * Types come from `z.infer`; cross-field rules (a route scope must exist, a service app may not ask for
 * authorization_code, ...) live in `superRefine` so every problem is reported in one pass.
 */
import { z } from 'zod';
import { MIN_REASON_LENGTH } from '../domain/bounds';
import { isOneOf } from '../domain/choices';
import {
  APP_KINDS,
  GRANT_TYPES,
  GRANTS_BY_KIND,
  originProblem,
  redirectUriProblem,
  SYSTEM_SCOPES,
  type AppGrantType,
  type AppKind,
} from '../domain/oauth-clients';
import { ROUTE_KEY, swallowedPreflights } from '../domain/route-keys';
import { suppressionsSchema } from './suppressions';
import { auditRules, auditSchema } from './audit';
import { adminSurfacesSchema } from './admin-surfaces';
import { adminSurfaceRules } from './admin-surfaces-rules';
import { hostileInputRules } from './hostile';
import { adaptiveFields, tierDeviceFields } from './adaptive';
import { adaptiveRules } from './adaptive-rules';
import { LOG_RETENTION_DAYS } from './retention';
import { ipRangeProblem } from '../domain/okta/network-ranges';
import {
  ACCESS_TOKEN_MINUTES,
  REFRESH_LIFETIME_MINUTES,
  REFRESH_WINDOW_MINUTES,
  tokenLifetimeProblems,
} from '../domain/okta/token-lifetimes';

/** Whole minutes within a domain range; `allowed` says the range in words. */
const wholeMinutes = (range: { readonly min: number; readonly max: number }, allowed: string) =>
  z.number().int('whole minutes').min(range.min, allowed).max(range.max, allowed);
import {
  ASSURANCE_LEVELS,
  AUTHENTICATOR_KEYS,
  SIGN_ON_TIERS,
  TIER_MAX_REAUTH_MINUTES,
  satisfies,
  tierGuarantee,
  type AssuranceLevel,
  type SignOnTier,
} from '../domain/okta/sign-on-constraints';

export const ENVIRONMENT_NAMES = ['dev', 'staging', 'prod'] as const;
export type EnvironmentName = (typeof ENVIRONMENT_NAMES)[number];

/** Environments where an optional hardening switch (org-wide blocklist, recovery-only email) defaults to on. */
export const HARDENED_BY_DEFAULT: readonly EnvironmentName[] = ['staging', 'prod'];

/** An optional hardening switch resolved: its value, or on in staging and prod. */
export function hardenedByDefault(environment: EnvironmentName, value: boolean | undefined): boolean {
  return value ?? HARDENED_BY_DEFAULT.includes(environment);
}

export { LOG_RETENTION_DAYS } from './retention';

export const OKTA_BASE_URLS = ['okta.com', 'oktapreview.com', 'okta-emea.com', 'okta-gov.com', 'okta.mil'] as const;
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'] as const;
export { APP_KINDS, type AppKind };

export { GRANTS_BY_KIND };
export { GRANT_TYPES };
/** Group key reserved for Okta's built-in Everyone group. */
export const EVERYONE = 'everyone';

const KEY = /^[a-z][a-z0-9-]{0,39}$/;
const key = (what: string) =>
  z.string().regex(KEY, `${what} must be lower-case letters, digits and '-', starting with a letter (at most 40)`);
const nonEmpty = (what: string) => z.string().trim().min(1, `${what} must not be empty`);

const scopeName = z
  .string()
  .regex(
    /^[a-z][a-z0-9_.:-]{0,63}$/,
    "a scope name is lower-case letters, digits and '_ . : -' (for example payments:write)",
  )
  .refine((s) => s !== '*', { message: "'*' is not a scope: name each scope" });

/**
 * Rate-limit and retry settings of the okta provider, always written explicitly. The limits of max_retries,
 * max_api_capacity and request_timeout are the provider's (terraform-provider-okta v4.20.0
 * okta/provider.go:212-242); the wait bounds are ours. Defaults are the provider's (okta/config.go:76-79),
 * except max_api_capacity (unset = 100% there) and request_timeout (0 = no limit there).
 */
const oktaProviderSchema = z
  .object({
    /** Percent of the org's management-API rate limit a plan or apply may use. @default 50 */
    maxApiCapacity: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(50)
      .describe("percent of the org's management-API rate limit a plan/apply may use"),
    /** Exponential back-off when a rate limit is hit. @default true */
    backoff: z.boolean().default(true).describe('exponential back-off on rate limits'),
    /** Shortest wait after a rate limit, in seconds. @default 30 */
    minWaitSeconds: z.number().int().min(1).max(300).default(30).describe('shortest wait after a rate limit'),
    /** Longest wait after a rate limit, in seconds. @default 300 */
    maxWaitSeconds: z.number().int().min(1).max(300).default(300).describe('longest wait after a rate limit'),
    /** Retries before a request fails (the provider allows at most 100). @default 5 */
    maxRetries: z.number().int().min(0).max(100).default(5).describe('retries before a request fails'),
    /** Timeout of one request to Okta, in seconds (0 = none; the provider allows at most 300). @default 60 */
    requestTimeoutSeconds: z
      .number()
      .int()
      .min(0)
      .max(300)
      .default(60)
      .describe('timeout of one request to Okta (0 = none)'),
  })
  .strict()
  .refine((p) => p.minWaitSeconds <= p.maxWaitSeconds, {
    message: 'minWaitSeconds must not exceed maxWaitSeconds',
    path: ['minWaitSeconds'],
  })
  .default({});

const oktaSchema = z
  .object({
    /** Okta org subdomain, e.g. `acme` for acme.okta.com. */
    orgName: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'the Okta org name is the subdomain of your org, e.g. acme')
      .describe('Okta org subdomain'),
    baseUrl: z.enum(OKTA_BASE_URLS).describe('Okta domain'),
    /** The org has risk scoring: sign-on rules may send a riskScore condition (orgs without it reject one). */
    riskScoring: z
      .boolean()
      .default(false)
      .describe(
        'the org has risk scoring. Global session rules always state their risk condition: `false` ' +
          '(default) writes `risc_level = risk_level = ""`, the provider\'s way of sending none, because ' +
          'orgs without the feature reject a `riskScore` condition (okta provider issues 1802, 1079); ' +
          '`true` sends `ANY`',
      ),
    /** The org has IdP routing in sign-on rules: they may send an identityProvider condition. */
    identityProviderConditions: z
      .boolean()
      .default(false)
      .describe(
        'the org allows identity-provider conditions in sign-on rules (a feature flag): `false` (default) ' +
          'writes `identity_provider = ""` (none sent), `true` sends `ANY`',
      ),
    /** The okta provider's rate-limit and retry settings. @default - the defaults of each field */
    provider: oktaProviderSchema,
  })
  .strict();

const awsSchema = z
  .object({
    region: z
      .string()
      .regex(/^(us|eu|ap|sa|ca|me|af|il|mx)(-gov)?-[a-z]+-\d$/, 'an AWS region such as eu-west-1')
      .describe('AWS region'),
    allowedAccountIds: z
      .array(z.string().regex(/^\d{12}$/, 'an AWS account id has 12 digits'))
      .min(1)
      .describe('accounts Terraform may touch'),
    tags: z
      .record(z.string().regex(/^[\w.:/=+@ -]{1,128}$/), z.string().max(256))
      .default({})
      .describe('extra default tags'),
  })
  .strict();

const scopeSchema = z
  .object({
    name: scopeName.describe('scope name as it appears in `scp`'),
    description: nonEmpty('description').describe('shown on consent'),
    consent: z.enum(['IMPLICIT', 'REQUIRED']).default('IMPLICIT').describe('consent requirement'),
    default: z.boolean().default(false).describe('granted when no scope is requested'),
    /** The sign-in assurance a token carrying this scope must come from (checked against app tiers). */
    requiredAssurance: z
      .enum(ASSURANCE_LEVELS)
      .optional()
      .describe('sign-in assurance a token carrying the scope must come from (MFA rollout)'),
  })
  .strict();

const claimSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-zA-Z_][a-zA-Z0-9_]{0,63}$/, 'a claim name is letters, digits and _')
      .describe('claim name'),
    claimType: z.enum(['RESOURCE', 'IDENTITY']).default('RESOURCE').describe('token the claim goes in'),
    valueType: z.enum(['EXPRESSION', 'GROUPS']).describe('expression or group filter'),
    /** Okta expression, or for GROUPS the filter value. */
    value: nonEmpty('value').describe('Okta expression or group filter value'),
    groupFilterType: z
      .enum(['STARTS_WITH', 'EQUALS', 'CONTAINS', 'REGEX'])
      .optional()
      .describe('how GROUPS claims filter'),
    /** Scopes that must be requested for the claim to be included; omitted = always. */
    scopes: z
      .array(scopeName)
      .optional()
      .describe(
        'include only when one of these is requested (access-token claims are written with ' +
          '`always_include_in_token = true`, the value Okta reports for them; the scopes condition does the ' +
          'limiting)',
      ),
  })
  .strict();

const groupSchema = z.union([
  z.object({ name: nonEmpty('name'), description: nonEmpty('description') }).strict(),
  z
    .object({ existingId: z.string().regex(/^00g[A-Za-z0-9]{17}$/, 'an Okta group id looks like 00g + 17 characters') })
    .strict(),
]);

const jwkSchema = z
  .object({
    kty: z.literal('RSA'),
    kid: nonEmpty('kid'),
    e: z.string().regex(/^[A-Za-z0-9_-]+$/),
    n: z.string().regex(/^[A-Za-z0-9_-]{342,}$/, 'an RSA modulus of at least 2048 bits, base64url'),
  })
  .strict();

const appSchema = z
  .object({
    key: key('app key').describe('stable app key (its construct id)'),
    label: nonEmpty('label').describe('name shown to users'),
    kind: z.enum(APP_KINDS).describe('app kind'),
    grantTypes: z.array(z.string()).min(1).describe('OAuth grants'),
    redirectUris: z.array(z.string()).default([]).describe('sign-in redirect URIs'),
    postLogoutRedirectUris: z.array(z.string()).default([]).describe('sign-out redirect URIs'),
    /** Browser origins for SPAs (okta_trusted_origin, CORS + redirect). */
    trustedOrigins: z.array(z.string()).default([]).describe('SPA origins (CORS + redirect)'),
    /** User groups assigned to the app (group keys); user-facing apps only. */
    groups: z.array(z.string()).default([]).describe('group keys assigned to a user-facing app (complete list)'),
    /** Public keys for private_key_jwt client authentication (service and web apps). */
    jwks: z.array(jwkSchema).default([]).describe('public RSA keys for `private_key_jwt` (web, service)'),
    /** App sign-on (authentication) policy tier; required for user-facing apps when identity.mfa is set. */
    signOnTier: z
      .enum(SIGN_ON_TIERS)
      .optional()
      .describe("the app's sign-on (authentication) policy tier (MFA rollout)"),
    /** REQUIRED: Okta asks users to consent to scopes whose consent is REQUIRED; TRUSTED: never. */
    consentMethod: z
      .enum(['TRUSTED', 'REQUIRED'])
      .default('TRUSTED')
      .describe("whether Okta asks users to consent to the app's consent-`REQUIRED` scopes"),
  })
  .strict()
  .superRefine(kindGrants);

/** An app's grants are those its kind may use: checked here, so the parsed grants carry their literal type. */
function kindGrants<A extends { kind: AppKind; grantTypes: string[] }>(
  app: A,
  ctx: z.RefinementCtx,
): app is A & { grantTypes: AppGrantType[] } {
  const allowed = GRANTS_BY_KIND[app.kind];
  let ok = true;
  app.grantTypes.forEach((g, j) => {
    if (isOneOf(allowed, g)) return;
    ok = false;
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['grantTypes', j],
      message: `a ${app.kind} app may use only ${allowed.join(', ')}`,
    });
  });
  return ok;
}

const ruleSchema = z
  .object({
    name: nonEmpty('name').describe('rule name (unique in its policy)'),
    grantTypes: z.array(z.enum(GRANT_TYPES)).min(1).describe('grants the rule allows'),
    /** Group keys whose members may receive the scopes (`everyone` for Okta's Everyone group). */
    groups: z.array(z.string()).min(1).describe('groups whose members may get the scopes'),
    scopes: z.array(scopeName).min(1).describe('scopes the rule may grant'),
    accessTokenLifetimeMinutes: wholeMinutes(ACCESS_TOKEN_MINUTES, `allowed: 5 to 1440 minutes`).describe(
      'access token lifetime',
    ),
    refreshTokenLifetimeMinutes: wholeMinutes(REFRESH_LIFETIME_MINUTES, 'allowed: 10 minutes to 5 years')
      .optional()
      .describe('refresh token lifetime'),
    refreshTokenWindowMinutes: wholeMinutes(REFRESH_WINDOW_MINUTES, 'allowed: 5 minutes to 5 years')
      .optional()
      .describe('refresh token idle window'),
  })
  .strict();

const accessPolicySchema = z
  .object({
    key: key('policy key').describe('stable policy key'),
    name: nonEmpty('name').describe('policy name'),
    description: nonEmpty('description').describe('policy description'),
    /** App keys this policy applies to. */
    clients: z.array(z.string()).min(1).describe('app keys the policy applies to'),
    rules: z.array(ruleSchema).min(1),
  })
  .strict();

/** How the issuer URL is formed; DYNAMIC is never one (the authorizer compares iss exactly). */
export const ISSUER_MODES = ['ORG_URL', 'CUSTOM_URL'] as const;

const issuerModeSchema = z.string().superRefine((value, ctx): value is (typeof ISSUER_MODES)[number] => {
  if (isOneOf(ISSUER_MODES, value)) return true;
  ctx.addIssue({
    code: z.ZodIssueCode.custom,
    message:
      value === 'DYNAMIC'
        ? 'DYNAMIC is refused: the JWT authorizer matches iss exactly, and a dynamic issuer ' +
          'changes with the domain a token was requested on. Allowed: ORG_URL, CUSTOM_URL'
        : 'allowed: ORG_URL, CUSTOM_URL',
  });
  return false;
});

const minutes = (min: number, max: number, why = '') =>
  z
    .number()
    .int('whole minutes')
    .min(min, `allowed: ${min} to ${max} minutes${why}`)
    .max(max, `allowed: ${min} to ${max} minutes${why}`);

const enrollmentSchema = z.enum(['REQUIRED', 'OPTIONAL', 'NOT_ALLOWED']);
const authenticatorSchema = z
  .object({
    /** INACTIVE removes it: Okta cannot delete an authenticator, only deactivate it. */
    status: z.enum(['ACTIVE', 'INACTIVE']),
    /** Enrollment for the enforced groups. */
    enrollment: enrollmentSchema,
  })
  .strict();
const oktaVerifySchema = authenticatorSchema
  .extend({
    /** Number challenge (channel binding) on push. */
    numberChallenge: z.enum(['ALWAYS', 'HIGH_RISK_ONLY', 'NEVER']).default('ALWAYS'),
    /** PIN or biometrics in Okta Verify. */
    userVerification: z.enum(['REQUIRED', 'PREFERRED']).default('REQUIRED'),
    /** FIPS-compliant devices only; Okta always reports it, so it is always written. */
    fips: z.enum(['OPTIONAL', 'REQUIRED']).default('OPTIONAL'),
  })
  .strict();

const emailSchema = authenticatorSchema
  .extend({
    /** Password recovery only (allowedFor recovery), never a sign-in factor. @default true in staging, prod */
    recoveryOnly: z.boolean().optional(),
    /** Lifetime of an emailed code or link; Okta always reports it, so it is always written. */
    tokenLifetimeMinutes: minutes(1, 1440).default(5),
  })
  .strict();

const gatewayRangeSchema = z.string().superRefine((v, ctx) => {
  const why = ipRangeProblem(v);
  if (why) ctx.addIssue({ code: z.ZodIssueCode.custom, message: why });
});

const mfaSchema = z
  .object({
    rollout: z
      .object({
        /** Waves in order; each names group keys (identity.groups, or `everyone` in the last wave). */
        waves: z
          .array(z.object({ key: key('wave key'), groups: z.array(z.string()).min(1) }).strict())
          .min(1)
          .describe('rollout waves in order, each `{ key, groups }`'),
        /** The last enforced wave: every group of every wave up to and including it is enforced. */
        currentPhase: z.string().describe('the last enforced wave (every group of every wave up to it is enforced)'),
      })
      .strict(),
    /**
     * Every managed authenticator, always listed: removing one means status INACTIVE (deactivation),
     * because Okta cannot delete an authenticator.
     */
    authenticators: z
      .object({
        'okta-verify': oktaVerifySchema.optional(),
        webauthn: authenticatorSchema.optional(),
        email: emailSchema.optional(),
        password: authenticatorSchema.optional(),
        phone: authenticatorSchema.optional(),
      })
      .strict()
      .describe(
        '`okta-verify` (+ `numberChallenge`, `userVerification`, `fips`: `OPTIONAL` default or ' +
          '`REQUIRED`, always written because Okta always reports it), `webauthn`, `email` (+ ' +
          '`recoveryOnly`: password recovery only, never a sign-in factor, default `true` in staging and ' +
          'prod; `tokenLifetimeMinutes`, default 5), `password`, `phone`, each `{ status, enrollment }`',
      ),
    globalSession: z
      .object({
        sessionLifetimeMinutes: minutes(15, 1440, ' (a session ends within a day; 0, unlimited, is refused)'),
        sessionIdleMinutes: minutes(5, 240),
      })
      .strict()
      .describe("`sessionLifetimeMinutes`, `sessionIdleMinutes` of the enforced groups' global session"),
    tiers: z
      .object({
        standard: z.object({ reauthenticateMinutes: minutes(1, TIER_MAX_REAUTH_MINUTES.standard) }).strict(),
        high: z
          .object({
            reauthenticateMinutes: minutes(
              1,
              TIER_MAX_REAUTH_MINUTES.high,
              ' (the high tier re-authenticates at least every 2 hours)',
            ),
            ...tierDeviceFields,
          })
          .strict(),
        critical: z
          .object({
            reauthenticateMinutes: minutes(
              1,
              TIER_MAX_REAUTH_MINUTES.critical,
              ' (the critical tier re-authenticates at least every 30 minutes)',
            ),
            requireManagedDevice: z.boolean().default(false),
            ...tierDeviceFields,
          })
          .strict(),
      })
      .strict()
      .describe(
        '`standard`, `high`, `critical`: `reauthenticateMinutes`; `high`/`critical.deviceAssurances`; ' +
          '`critical.requireManagedDevice` (needs `deviceManagement`)',
      ),
    networkZones: z
      .object({
        /** Corporate egress zones by key (excluded from ThreatInsight). */
        corporate: z
          .record(
            key('zone key'),
            z.object({ name: nonEmpty('name'), gateways: z.array(gatewayRangeSchema).min(1) }).strict(),
          )
          .default({})
          .describe('corporate egress IP zones `<key>: { name, gateways }` (excluded from ThreatInsight)'),
        /** Denied first by every policy. */
        blocklist: z
          .object({
            countries: z
              .array(
                z
                  .string()
                  .regex(
                    /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/,
                    'an ISO 3166-1 alpha-2 country code such as KP, optionally with a region (US-CA)',
                  ),
              )
              .default([]),
            anonymizers: z.enum(['none', 'tor', 'any-proxy']).default('none'),
            /** Also block them org-wide, before any policy (usage BLOCKLIST). @default true in staging, prod */
            orgWide: z.boolean().optional(),
          })
          .strict()
          .describe(
            '`countries`, `anonymizers`: denied by the first rule of every policy (zones with usage ' +
              '`POLICY`); `orgWide`: also blocked org-wide, before any policy and on every URL of the org ' +
              '(twin zones with usage `BLOCKLIST`, which no rule names)',
          ),
      })
      .strict(),
    /** The org's ThreatInsight action; omitted = not managed by this stack. */
    threatInsight: z
      .object({ action: z.enum(['block', 'audit', 'none']).describe("the org's ThreatInsight action") })
      .strict()
      .optional(),
    ...adaptiveFields,
    /** Okta's Admin Console (and Dashboard): a phishing-resistant rule, break-glass excluded. */
    adminSurfaces: adminSurfacesSchema.optional(),
  })
  .strict();

const managedIdentitySchema = z
  .object({
    mode: z.literal('managed').describe('`managed` (this stack owns the Okta side) or `external` (gateway only)'),
    authorizationServer: z
      .object({
        name: nonEmpty('name').describe('auth server name'),
        description: nonEmpty('description').describe('auth server description'),
        /** The one audience (Okta supports one); the gateway requires it in `aud`. */
        audience: z
          .string()
          .url('the audience is a URI, e.g. api://payments')
          .describe('the one audience; the gateway requires it in `aud`'),
        issuerMode: issuerModeSchema.default('ORG_URL').describe('how the issuer URL is formed'),
      })
      .strict(),
    scopes: z.array(scopeSchema).min(1),
    claims: z.array(claimSchema).min(1),
    groups: z
      .record(
        key('group key'),
        groupSchema.describe('a group created here (`name`, `description`) or referenced (`existingId`)'),
      )
      .default({}),
    apps: z.array(appSchema).default([]),
    accessPolicies: z.array(accessPolicySchema).min(1),
    /** The organisation-wide MFA rollout (authenticators, waves, session and app sign-on policies). */
    mfa: mfaSchema.optional(),
  })
  .strict();

const externalIdentitySchema = z
  .object({
    mode: z.literal('external'),
    /** The issuer of an authorization server run elsewhere: https, no trailing slash. */
    issuer: z
      .string()
      .url()
      .refine(
        (s) => s.startsWith('https://') && !s.endsWith('/'),
        'https and no trailing slash (the authorizer compares iss exactly)',
      )
      .describe('(external) issuer of the trusted server'),
    audience: nonEmpty('audience').describe('(external) audience of the trusted server'),
    /** Scopes that server defines; routes may only require these. */
    scopes: z.array(scopeName).min(1).describe('(external) scopes that server defines'),
  })
  .strict();

const routeKeySchema = z
  .string()
  .regex(
    ROUTE_KEY,
    "a route key is '$default' or 'METHOD /path' with METHOD one of GET POST PUT PATCH DELETE " +
      "HEAD OPTIONS ANY, and path segments of letters, digits, '._~-', {param} or a final {proxy+}",
  );

const throttlingSchema = z
  .object({
    burstLimit: z.number().int().min(1).max(5000),
    rateLimit: z.number().min(1).max(10000),
  })
  .strict();

const integrationSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('lambda'), handler: z.enum(['whoami']) }).strict(),
  z
    .object({
      type: z.literal('http'),
      url: z
        .string()
        .url()
        .refine((s) => s.startsWith('https://'), 'HTTP integrations must use https'),
      method: z.enum(HTTP_METHODS).default('ANY'),
      timeoutMilliseconds: z.number().int().min(50).max(30000).default(10000),
    })
    .strict(),
]);

const routeSchema = z
  .object({
    routeKey: routeKeySchema.describe('route key'),
    /** Any one of these scopes grants access (API Gateway ORs them). */
    scopes: z.array(scopeName).default([]).describe('any one of these scopes grants access'),
    /** Declares the route unauthenticated; the reason is shown in reviews. */
    public: z
      .object({
        reason: z.string().trim().min(MIN_REASON_LENGTH, `say why in at least ${MIN_REASON_LENGTH} characters`),
      })
      .strict()
      .optional()
      .describe('`{ reason }`: unauthenticated route'),
    integration: integrationSchema.describe(
      "`{ type: 'lambda', handler: 'whoami' }` or `{ type: 'http', url, method, timeoutMilliseconds }`",
    ),
    throttling: throttlingSchema.optional().describe('per-route override'),
  })
  .strict();

const corsSchema = z
  .object({
    allowOrigins: z.array(z.string()).min(1),
    allowMethods: z.array(z.enum(HTTP_METHODS)).min(1),
    allowHeaders: z.array(z.string()).default(['authorization', 'content-type']),
    exposeHeaders: z.array(z.string()).default([]),
    allowCredentials: z.boolean().default(false),
    maxAgeSeconds: z.number().int().min(0).max(86400).default(600),
  })
  .strict();

const gatewaySchema = z
  .object({
    apiName: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/, "letters, digits, '_' and '-'")
      .describe('HTTP API name (also names logs and the handler)'),
    description: z.string().default('').describe('API description'),
    cors: corsSchema
      .optional()
      .describe(
        'CORS: `allowOrigins`, `allowMethods`, `allowHeaders`, `exposeHeaders`, `allowCredentials`, ' +
          '`maxAgeSeconds`',
      ),
    throttling: throttlingSchema.describe('stage default `burstLimit` / `rateLimit`'),
    routes: z.array(routeSchema).min(1),
    logRetentionDays: z
      .number()
      .refine((n) => (LOG_RETENTION_DAYS as readonly number[]).includes(n), {
        message: `CloudWatch accepts ${LOG_RETENTION_DAYS.join(', ')}`,
      })
      .describe('access-log retention'),
    /** KMS key for the access-log group; required in prod. */
    logKmsKeyArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/, 'a KMS key ARN')
      .optional()
      .describe('KMS key for access and handler logs'),
  })
  .strict();

const backendSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('local'),
      /** Relative to the stack's output directory. @default terraform.<stack>.tfstate */
      path: z
        .string()
        .refine((p) => !p.startsWith('/'), 'a relative path (absolute paths break determinism)')
        .optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('s3'),
      bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name'),
      region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/),
      kmsKeyId: z
        .string()
        .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[A-Za-z0-9/_-]+$/, 'a KMS key or alias ARN'),
      /** State key prefix; the stack name is appended. @default identity-gateway */
      keyPrefix: z
        .string()
        .regex(/^[A-Za-z0-9._/-]+$/)
        .default('identity-gateway'),
    })
    .strict(),
]);

export const environmentConfigSchema = z
  .object({
    environment: z.enum(ENVIRONMENT_NAMES).describe('which environment this file configures'),
    okta: oktaSchema,
    aws: awsSchema,
    identity: z.discriminatedUnion('mode', [managedIdentitySchema, externalIdentitySchema]),
    gateway: gatewaySchema,
    backend: backendSchema.describe(
      "`{ type: 'local', path? }` (dev only) or `{ type: 's3', bucket, region, kmsKeyId, keyPrefix? }`",
    ),
    /** prevent_destroy on the auth server, apps, API and log group. */
    protect: z.boolean().describe('`prevent_destroy` on the auth server, apps, API and access logs'),
    /** Guardrail findings accepted with a reason (rule id, resource address, reason, optional expiry). @default [] */
    suppressions: suppressionsSchema.describe(
      'accepted guardrail findings: `ruleId`, `address` (resource address, or the stack name), ' +
        '`reason`, optional `expires`; see [Guardrails](guardrails.md)',
    ),
    /** The audit trail: Okta System Log to EventBridge, alerts, gateway alarms, dashboard. @default - none */
    audit: auditSchema.optional(),
  })
  .strict()
  .superRefine(crossFieldRules)
  .superRefine(auditRules)
  .superRefine(adminSurfaceRules)
  .superRefine(hostileInputRules);

export type EnvironmentConfig = z.infer<typeof environmentConfigSchema>;
export type EnvironmentConfigInput = z.input<typeof environmentConfigSchema>;
export type ManagedIdentity = z.infer<typeof managedIdentitySchema>;
export type ExternalIdentity = z.infer<typeof externalIdentitySchema>;
export type AppConfig = z.infer<typeof appSchema>;
export type AccessPolicyConfig = z.infer<typeof accessPolicySchema>;
export type RouteConfig = z.infer<typeof routeSchema>;
export type GatewayConfig = z.infer<typeof gatewaySchema>;
export type GroupConfig = z.infer<typeof groupSchema>;
export type ThrottlingConfig = z.infer<typeof throttlingSchema>;
export type MfaConfig = z.infer<typeof mfaSchema>;

type Ctx = z.RefinementCtx;
type Path = (string | number)[];
const issue = (ctx: Ctx, path: Path, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });

function crossFieldRules(cfg: unknown, ctx: Ctx): void {
  const c = cfg as EnvironmentConfig;
  const isDev = c.environment === 'dev';
  const isProd = c.environment === 'prod';

  const scopeNames: string[] = c.identity.mode === 'managed' ? c.identity.scopes.map((s) => s.name) : c.identity.scopes;
  duplicates(scopeNames).forEach((i) => issue(ctx, identityPath(c, 'scopes', i, 'name'), 'scope names must be unique'));

  if (c.identity.mode === 'managed') {
    c.identity.scopes.forEach((s, i) => {
      if (SYSTEM_SCOPES.includes(s.name))
        issue(
          ctx,
          ['identity', 'scopes', i, 'name'],
          'this OpenID scope exists on every authorization server; do not declare it',
        );
    });
    managedRules(c.identity, isDev, ctx);
  }

  // Gateway
  const keys = c.gateway.routes.map((r) => r.routeKey);
  duplicates(keys).forEach((i) => issue(ctx, ['gateway', 'routes', i, 'routeKey'], 'route keys must be unique'));
  c.gateway.routes.forEach((route, i) => {
    const path: Path = ['gateway', 'routes', i];
    if (route.public && route.scopes.length > 0) {
      issue(ctx, [...path, 'scopes'], 'a public route cannot require scopes: remove public or the scopes');
    }
    if (!route.public && route.scopes.length === 0) {
      issue(
        ctx,
        [...path, 'scopes'],
        'a protected route requires at least one scope (that keeps ID tokens out); or declare it public with a reason',
      );
    }
    route.scopes.forEach((s, j) => {
      if (!scopeNames.includes(s)) {
        issue(
          ctx,
          [...path, 'scopes', j],
          `the authorization server defines no such scope; defined: ${scopeNames.join(', ')}`,
        );
      }
    });
  });
  if (c.gateway.cors) {
    const cors = c.gateway.cors;
    cors.allowOrigins.forEach((o, i) => {
      if (o === '*') {
        issue(
          ctx,
          ['gateway', 'cors', 'allowOrigins', i],
          cors.allowCredentials
            ? "'*' cannot be combined with allowCredentials: list the origins"
            : "'*' is not allowed: list the origins explicitly",
        );
      } else {
        const why = originProblem(o, isDev);
        if (why) issue(ctx, ['gateway', 'cors', 'allowOrigins', i], why);
      }
    });
    // An authorized catch-all swallows the CORS preflight unless OPTIONS has its own public route.
    const swallowed = swallowedPreflights(
      c.gateway.routes.map((r) => ({ routeKey: r.routeKey, isPublic: r.public !== undefined })),
    );
    for (const { routeKey, path } of swallowed) {
      const i = c.gateway.routes.findIndex((r) => r.routeKey === routeKey);
      issue(
        ctx,
        ['gateway', 'routes', i, 'routeKey'],
        `with CORS enabled an authorized ${routeKey === '$default' ? '$default' : 'ANY'} route swallows ` +
          `the browser preflight (401); add a public 'OPTIONS ${path}' route or list methods explicitly`,
      );
    }
  }
  if (isProd && !c.gateway.logKmsKeyArn) {
    issue(ctx, ['gateway', 'logKmsKeyArn'], 'prod access logs must be encrypted with a KMS key');
  }
  if (isProd && c.gateway.logRetentionDays < 365) {
    issue(ctx, ['gateway', 'logRetentionDays'], 'prod keeps access logs at least 365 days');
  }
  if (!isDev && c.backend.type !== 's3') {
    issue(
      ctx,
      ['backend', 'type'],
      'staging and prod keep state in S3 (encrypted, locked); local state is for dev only',
    );
  }

  function managedRules(id: ManagedIdentity, devEnv: boolean, ctx2: Ctx): void {
    const groupKeys = Object.keys(id.groups);
    const appKeys = id.apps.map((a) => a.key);
    duplicates(appKeys).forEach((i) => issue(ctx2, ['identity', 'apps', i, 'key'], 'app keys must be unique'));
    duplicates(id.accessPolicies.map((p) => p.key)).forEach((i) =>
      issue(ctx2, ['identity', 'accessPolicies', i, 'key'], 'policy keys must be unique'),
    );
    if (groupKeys.includes(EVERYONE)) {
      issue(ctx2, ['identity', 'groups', EVERYONE], `'${EVERYONE}' is reserved for Okta's Everyone group`);
    }

    if (!id.claims.some((cl) => cl.valueType === 'GROUPS' && cl.groupFilterType)) {
      issue(
        ctx2,
        ['identity', 'claims'],
        'declare a groups claim (valueType GROUPS) with a groupFilterType, so tokens carry only the groups you choose',
      );
    }
    id.claims.forEach((cl, i) => {
      if (cl.valueType === 'GROUPS' && !cl.groupFilterType) {
        issue(
          ctx2,
          ['identity', 'claims', i, 'groupFilterType'],
          'a GROUPS claim needs a groupFilterType (STARTS_WITH, EQUALS, CONTAINS, REGEX)',
        );
      }
      if (cl.valueType !== 'GROUPS' && cl.groupFilterType) {
        issue(ctx2, ['identity', 'claims', i, 'groupFilterType'], 'only GROUPS claims take a groupFilterType');
      }
      (cl.scopes ?? []).forEach((s, j) => {
        if (!id.scopes.some((x) => x.name === s))
          issue(ctx2, ['identity', 'claims', i, 'scopes', j], 'no such scope on the authorization server');
      });
    });

    id.apps.forEach((app, i) => {
      const p: Path = ['identity', 'apps', i];
      if (app.kind !== 'service' && !app.grantTypes.includes('authorization_code')) {
        issue(ctx2, [...p, 'grantTypes'], `a ${app.kind} app signs users in with authorization_code (+ PKCE)`);
      }
      const userFacing = app.kind !== 'service';
      if (userFacing && app.redirectUris.length === 0)
        issue(ctx2, [...p, 'redirectUris'], 'a user-facing app needs at least one redirect URI');
      if (!userFacing && app.redirectUris.length + app.postLogoutRedirectUris.length > 0) {
        issue(ctx2, [...p, 'redirectUris'], 'a service app has no redirect URIs');
      }
      if (userFacing && app.groups.length === 0)
        issue(
          ctx2,
          [...p, 'groups'],
          'assign at least one group (the assignment is complete: unlisted groups lose access)',
        );
      if (!userFacing && app.groups.length > 0) issue(ctx2, [...p, 'groups'], 'service apps have no user assignments');
      app.groups.forEach((g, j) => {
        if (g !== EVERYONE && !groupKeys.includes(g))
          issue(ctx2, [...p, 'groups', j], `unknown group; declared: ${[EVERYONE, ...groupKeys].join(', ')}`);
      });
      (['redirectUris', 'postLogoutRedirectUris'] as const).forEach((field) =>
        app[field].forEach((uri, j) => {
          const why = redirectUriProblem(uri, app.kind, devEnv);
          if (why) issue(ctx2, [...p, field, j], why);
        }),
      );
      if (app.kind !== 'spa' && app.trustedOrigins.length > 0)
        issue(ctx2, [...p, 'trustedOrigins'], 'only SPAs declare trusted origins');
      app.trustedOrigins.forEach((o, j) => {
        const why = originProblem(o, devEnv);
        if (why) issue(ctx2, [...p, 'trustedOrigins', j], why);
      });
      if ((app.kind === 'service' || app.kind === 'web') && app.jwks.length === 0) {
        issue(
          ctx2,
          [...p, 'jwks'],
          `a ${app.kind} app authenticates with private_key_jwt: give its public JWK (never a client secret)`,
        );
      }
      if ((app.kind === 'spa' || app.kind === 'native') && app.jwks.length > 0) {
        issue(
          ctx2,
          [...p, 'jwks'],
          `a ${app.kind} app is a public client (PKCE, no client authentication) and takes no keys`,
        );
      }
    });

    id.accessPolicies.forEach((pol, i) => {
      const p: Path = ['identity', 'accessPolicies', i];
      pol.clients.forEach((k, j) => {
        if (!appKeys.includes(k))
          issue(ctx2, [...p, 'clients', j], `unknown app; declared: ${appKeys.join(', ') || '(none)'}`);
      });
      const clients = id.apps.filter((a) => pol.clients.includes(a.key));
      duplicates(pol.rules.map((r) => r.name)).forEach((j) =>
        issue(ctx2, [...p, 'rules', j, 'name'], 'rule names must be unique within a policy'),
      );
      pol.rules.forEach((rule, j) => {
        const rp: Path = [...p, 'rules', j];
        rule.scopes.forEach((s, k) => {
          if (!id.scopes.some((x) => x.name === s) && !SYSTEM_SCOPES.includes(s)) {
            issue(
              ctx2,
              [...rp, 'scopes', k],
              `no such scope on the authorization server; defined: ` +
                `${id.scopes.map((x) => x.name).join(', ')} (and the OpenID scopes ` +
                `${SYSTEM_SCOPES.join(', ')})`,
            );
          }
        });
        rule.groups.forEach((g, k) => {
          if (g !== EVERYONE && !groupKeys.includes(g))
            issue(ctx2, [...rp, 'groups', k], `unknown group; declared: ${[EVERYONE, ...groupKeys].join(', ')}`);
        });
        rule.grantTypes.forEach((g, k) => {
          if (!clients.some((a) => a.grantTypes.includes(g))) {
            issue(ctx2, [...rp, 'grantTypes', k], `no client of this policy (${pol.clients.join(', ')}) uses ${g}`);
          }
        });
        if (rule.grantTypes.includes('refresh_token')) {
          if (rule.refreshTokenLifetimeMinutes === undefined)
            issue(
              ctx2,
              [...rp, 'refreshTokenLifetimeMinutes'],
              'a rule that issues refresh tokens sets a finite refresh token lifetime',
            );
          if (rule.refreshTokenWindowMinutes === undefined)
            issue(
              ctx2,
              [...rp, 'refreshTokenWindowMinutes'],
              'a rule that issues refresh tokens sets a refresh token window (idle expiry)',
            );
          if (rule.refreshTokenWindowMinutes !== undefined) {
            tokenLifetimeProblems(rule.name, rule).forEach((pr) => issue(ctx2, [...rp, pr.field], pr.message));
          }
        } else if (rule.refreshTokenLifetimeMinutes !== undefined || rule.refreshTokenWindowMinutes !== undefined) {
          issue(
            ctx2,
            [...rp, 'refreshTokenLifetimeMinutes'],
            'refresh token settings need the refresh_token grant in grantTypes',
          );
        }
      });
    });
    mfaRules(id, ctx2);
  }

  /** The MFA rollout: waves and phase, authenticators, app tiers, and scopes that require assurance. */
  function mfaRules(id: ManagedIdentity, ctx2: Ctx): void {
    const mfa = id.mfa;
    const mp: Path = ['identity', 'mfa'];
    const groupKeys = Object.keys(id.groups);
    let coversEveryone = false;
    const enforced = new Set<string>();
    const waveOf = new Map<string, string>();
    if (mfa) {
      const waves = mfa.rollout.waves;
      const waveKeys = waves.map((w) => w.key);
      duplicates(waveKeys).forEach((i) =>
        issue(ctx2, [...mp, 'rollout', 'waves', i, 'key'], 'each wave is listed once'),
      );
      waves.forEach((w, i) => {
        w.groups.forEach((g, j) => {
          const gp: Path = [...mp, 'rollout', 'waves', i, 'groups', j];
          if (g !== EVERYONE && !groupKeys.includes(g))
            issue(ctx2, gp, `unknown group; declared: ${[EVERYONE, ...groupKeys].join(', ')}`);
          else if (waveOf.has(g))
            issue(ctx2, gp, `a group joins the rollout once; it is already in wave '${waveOf.get(g)}'`);
          else if (g === EVERYONE && i !== waves.length - 1)
            issue(ctx2, gp, `'${EVERYONE}' can only be the last wave (it covers every later group)`);
          if (!waveOf.has(g)) waveOf.set(g, w.key);
        });
      });
      const phase = waveKeys.indexOf(mfa.rollout.currentPhase);
      if (phase < 0) {
        issue(ctx2, [...mp, 'rollout', 'currentPhase'], `names no wave; allowed: ${waveKeys.join(', ')}`);
      } else {
        waves.slice(0, phase + 1).forEach((w) => w.groups.forEach((g) => enforced.add(g)));
        coversEveryone = enforced.has(EVERYONE);
      }

      const auth = mfa.authenticators;
      const ap: Path = [...mp, 'authenticators'];
      for (const k of AUTHENTICATOR_KEYS) {
        const a = auth[k];
        if (!a) {
          issue(
            ctx2,
            [...ap, k],
            'Okta cannot delete an authenticator, only deactivate it: ' +
              'keep it listed with status INACTIVE and enrollment NOT_ALLOWED',
          );
          continue;
        }
        if (a.status === 'INACTIVE' && a.enrollment !== 'NOT_ALLOWED')
          issue(ctx2, [...ap, k, 'enrollment'], 'an INACTIVE authenticator cannot be enrolled; allowed: NOT_ALLOWED');
      }
      if (auth.password?.enrollment !== 'REQUIRED' && auth.email?.enrollment !== 'REQUIRED') {
        issue(
          ctx2,
          [...ap, 'password', 'enrollment'],
          'Okta requires password or email to be REQUIRED in an enrollment policy',
        );
      }
      if (isProd && auth.phone && auth.phone.enrollment !== 'NOT_ALLOWED') {
        issue(
          ctx2,
          [...ap, 'phone', 'enrollment'],
          'phone (SMS / voice) is phishable and SIM-swappable and is not allowed in prod; allowed: NOT_ALLOWED',
        );
      }
      const strong = (['okta-verify', 'webauthn'] as const).filter(
        (k) => auth[k] && auth[k]!.status === 'ACTIVE' && auth[k]!.enrollment !== 'NOT_ALLOWED',
      );
      if (strong.length === 0) {
        issue(
          ctx2,
          ap,
          `no ACTIVE, enrollable okta-verify or webauthn: SMS / voice (phone) would ` +
            `be the only second ` +
            `factor${auth.phone?.enrollment === 'NOT_ALLOWED' ? ' (here: none at all)' : ''}, ` +
            `and the high and critical tiers could never be met`,
        );
      }
      const gs = mfa.globalSession;
      if (gs.sessionIdleMinutes > gs.sessionLifetimeMinutes) {
        issue(
          ctx2,
          [...mp, 'globalSession', 'sessionIdleMinutes'],
          `the idle time cannot exceed the session lifetime (${gs.sessionLifetimeMinutes})`,
        );
      }
      const bl = mfa.networkZones.blocklist;
      if (bl.countries.length === 0 && bl.anonymizers === 'none') {
        issue(
          ctx2,
          [...mp, 'networkZones', 'blocklist'],
          'name countries and/or anonymizers (tor, any-proxy): every policy denies the blocklist first',
        );
      }
      if (isProd && mfa.threatInsight && mfa.threatInsight.action !== 'block') {
        issue(
          ctx2,
          [...mp, 'threatInsight', 'action'],
          'prod blocks requests from suspicious IPs; allowed: block (or omit threatInsight to leave it unmanaged)',
        );
      }
      adaptiveRules(mfa, c.okta.riskScoring, (path, message) => issue(ctx2, path, message));
    }

    const phaseName = mfa?.rollout.currentPhase;
    id.apps.forEach((app, i) => {
      const p: Path = ['identity', 'apps', i, 'signOnTier'];
      if (!mfa) {
        if (app.signOnTier)
          issue(ctx2, p, 'a sign-on tier needs identity.mfa (the tier policies are part of the MFA rollout)');
        return;
      }
      if (app.kind === 'service') {
        if (app.signOnTier) issue(ctx2, p, 'a service app has no user sign-on and takes no sign-on tier');
        return;
      }
      if (!app.signOnTier) {
        issue(ctx2, p, `every user-facing app needs a sign-on tier; allowed: ${SIGN_ON_TIERS.join(', ')}`);
        return;
      }
      if (app.signOnTier !== 'standard' && !coversEveryone) {
        app.groups.forEach((g, j) => {
          if (enforced.has(g)) return;
          const joins = waveOf.get(g);
          issue(
            ctx2,
            ['identity', 'apps', i, 'groups', j],
            `app '${app.key}' has sign-on tier ${app.signOnTier}, but the rollout does not enforce ` +
              `this group at phase '${phaseName}' ` +
              `(${joins ? `it joins in wave '${joins}'` : 'it is in no wave'}): its members are never ` +
              `asked to enroll the phishing-resistant authenticator the tier requires; move the group ` +
              `to an enforced wave or advance the phase`,
          );
        });
      }
    });

    consentRules(id, ctx2);

    // A scope that requires an assurance may only reach apps whose tier guarantees it.
    const required = new Map<string, AssuranceLevel>();
    id.scopes.forEach((s) => s.requiredAssurance && required.set(s.name, s.requiredAssurance));
    id.accessPolicies.forEach((pol, i) => {
      const clients = id.apps.filter((a) => pol.clients.includes(a.key));
      pol.rules.forEach((rule, j) => {
        rule.scopes.forEach((scope, k) => {
          const need = required.get(scope);
          if (!need) return;
          const sp: Path = ['identity', 'accessPolicies', i, 'rules', j, 'scopes', k];
          for (const app of clients) {
            if (app.kind === 'service') {
              issue(
                ctx2,
                sp,
                `scope '${scope}' requires a ${need} user sign-in; service app ` +
                  `'${app.key}' (client_credentials, no user, no MFA) can never receive it`,
              );
              continue;
            }
            const tier = app.signOnTier;
            const got = mfa && tier ? tierGuarantee(tier, coversEveryone) : undefined;
            if (satisfies(got, need)) {
              // A refresh token mints new access tokens without a sign-in: it may not outlive the tier's
              // re-authentication interval, or the scope outlives the assurance it was granted on.
              const reauth = mfa && tier ? mfa.tiers[tier].reauthenticateMinutes : undefined;
              if (
                reauth !== undefined &&
                rule.grantTypes.includes('refresh_token') &&
                (rule.refreshTokenLifetimeMinutes ?? Infinity) > reauth
              ) {
                issue(
                  ctx2,
                  ['identity', 'accessPolicies', i, 'rules', j, 'refreshTokenLifetimeMinutes'],
                  `rule grants '${scope}' (${need}) to app '${app.key}', whose tier ` +
                    `'${tier}' re-authenticates every ${reauth} minutes; a refresh token ` +
                    `living longer keeps minting the scope without that sign-in: at most ${reauth}`,
                );
              }
              continue;
            }
            const enough = SIGN_ON_TIERS.filter((t) => satisfies(tierGuarantee(t, coversEveryone), need));
            issue(
              ctx2,
              sp,
              `scope '${scope}' requires a ${need} sign-in, but app '${app.key}' has sign-on tier ` +
                `'${tier ?? '(none)'}', which ${describeGuarantee(tier, got)}; allowed tiers: ` +
                `${enough.join(', ')}`,
            );
          }
        });
      });
    });
  }
}

/** A scope with consent REQUIRED prompts only through apps with consentMethod REQUIRED. */
function consentRules(id: ManagedIdentity, ctx: Ctx): void {
  const consent = new Set(id.scopes.filter((s) => s.consent === 'REQUIRED').map((s) => s.name));
  id.accessPolicies.forEach((pol, i) => {
    const clients = id.apps.filter((a) => pol.clients.includes(a.key) && a.kind !== 'service');
    const trusted = clients.filter((a) => a.consentMethod !== 'REQUIRED');
    pol.rules.forEach((rule, j) => {
      rule.scopes.forEach((scope, k) => {
        if (!consent.has(scope)) return;
        for (const app of trusted) {
          issue(
            ctx,
            ['identity', 'accessPolicies', i, 'rules', j, 'scopes', k],
            `scope '${scope}' requires consent, but app '${app.key}' has consentMethod ${app.consentMethod}, ` +
              'so Okta never asks: ' +
              "set the app's consentMethod to REQUIRED or the scope's consent to IMPLICIT",
          );
        }
      });
    });
  });
}

function describeGuarantee(tier: SignOnTier | undefined, got: AssuranceLevel | undefined): string {
  if (!tier) return 'guarantees nothing';
  if (got) return `guarantees only ${got}`;
  return 'guarantees no MFA until the rollout covers everyone';
}

function duplicates(values: string[]): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  values.forEach((v, i) => (seen.has(v) ? out.push(i) : seen.add(v)));
  return out;
}

function identityPath(c: EnvironmentConfig, field: string, i: number, leaf: string): Path {
  return c.identity.mode === 'managed' ? ['identity', field, i, leaf] : ['identity', field, i];
}
