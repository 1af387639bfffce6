/**
 * The configuration schema: the single source of truth for what an environment may declare, field by field.
 * Types come from `z.infer`. The rules across fields (a route scope must exist, a service app may not ask
 * for authorization_code, ...) are in rules/, one file per concern; rules/index.ts refines this shape with
 * them into `environmentConfigSchema`, so every problem is reported in one pass.
 */
import { z } from 'zod';
import { MIN_REASON_LENGTH } from '../domain/bounds';
import { s3BucketNameProblem } from '../domain/aws';
import { isOneOf } from '../domain/choices';
import { APP_KINDS, GRANT_TYPES, GRANTS_BY_KIND, type AppGrantType, type AppKind } from '../domain/oauth-clients';
import { ROUTE_KEY } from '../domain/route-keys';
import { checked } from './checked';
import { suppressionsSchema } from './suppressions';
import { auditSchema } from './audit';
import { adminSurfacesSchema } from './admin-surfaces';
import { passwordPolicySchema } from './password-policy';
import { adaptiveFields, tierDeviceFields } from './adaptive';
import { LOG_RETENTION_DAYS } from './retention';
import { countryCodeProblem, ipRangeProblem } from '../domain/okta/network-ranges';
import { ACCESS_TOKEN_MINUTES, REFRESH_LIFETIME_MINUTES, REFRESH_WINDOW_MINUTES } from '../domain/okta/token-lifetimes';
import {
  EMAIL_TOKEN_LIFETIME_MINUTES,
  minutesProblem,
  REAUTHENTICATE_MINUTES,
  SESSION_IDLE_MINUTES,
  SESSION_LIFETIME_MINUTES,
  type MinutesRange,
} from '../domain/okta/rollout-rules';
import { ASSURANCE_LEVELS, SIGN_ON_TIERS } from '../domain/okta/sign-on-constraints';
import { MANAGED_AUTHENTICATORS, type ManagedAuthenticator } from '../domain/okta/authenticators';

/** Whole minutes within a domain range; `allowed` says the range in words. */
const wholeMinutes = (range: { readonly min: number; readonly max: number }, allowed: string) =>
  z.number().int('whole minutes').min(range.min, allowed).max(range.max, allowed);

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
    /** The org has identity-provider conditions in global session rules (Identity Engine orgs do). */
    identityProviderConditions: z
      .boolean()
      .default(true)
      .describe(
        'the org has identity-provider conditions in global session rules. `true` (default) sends ' +
          '`identity_provider = "ANY"`, what an Identity Engine org reads back for every rule (a rule sent ' +
          'without one would show a change on every plan); `false` writes `""` (none sent), for an org that ' +
          'rejects the condition (okta provider issues 953, 1079)',
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

/** Whole minutes within a range of the MFA rollout (domain/okta/rollout-rules.ts, which the construct checks too). */
const minutes = (range: MinutesRange) => checked(z.number(), (v) => minutesProblem(v, range));

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
    tokenLifetimeMinutes: minutes(EMAIL_TOKEN_LIFETIME_MINUTES).default(5),
  })
  .strict();

const securityQuestionSchema = authenticatorSchema
  .extend({
    /**
     * Kept ACTIVE for password recovery only (the password policy offers recovery by question; never a sign-in
     * factor). ACTIVE needs it. @default false
     */
    recovery: z.boolean().default(false),
  })
  .strict();

/** The authenticators with settings beyond status and enrollment, and what those say (for the reference). */
const AUTHENTICATOR_SETTINGS = {
  'okta-verify': {
    schema: oktaVerifySchema,
    doc:
      '`numberChallenge`, `userVerification`, `fips`: `OPTIONAL` default or `REQUIRED`, always written because ' +
      'Okta always reports it',
  },
  email: {
    schema: emailSchema,
    doc:
      '`recoveryOnly`: password recovery only, never a sign-in factor, default `true` in staging and prod; ' +
      '`tokenLifetimeMinutes`, default 5',
  },
  'security-question': {
    schema: securityQuestionSchema,
    doc:
      '`recovery`: kept ACTIVE for password recovery only (then the password policy offers recovery by question, ' +
      'and it is never a sign-in factor); ACTIVE needs it',
  },
} as const;
type AuthenticatorsShape = {
  [K in ManagedAuthenticator]: z.ZodOptional<
    K extends keyof typeof AUTHENTICATOR_SETTINGS
      ? (typeof AUTHENTICATOR_SETTINGS)[K]['schema']
      : typeof authenticatorSchema
  >;
};
const settingsOf = (k: ManagedAuthenticator): { readonly schema: z.ZodTypeAny; readonly doc: string } | undefined =>
  k in AUTHENTICATOR_SETTINGS ? AUTHENTICATOR_SETTINGS[k as keyof typeof AUTHENTICATOR_SETTINGS] : undefined;
/** One field per managed authenticator (domain/okta/authenticators.ts), by config name. */
const authenticatorsShape = Object.fromEntries(
  MANAGED_AUTHENTICATORS.map((k) => [k, (settingsOf(k)?.schema ?? authenticatorSchema).optional()]),
) as AuthenticatorsShape;
const authenticatorsDoc =
  MANAGED_AUTHENTICATORS.map((k) => `\`${k}\`${settingsOf(k) ? ` (+ ${settingsOf(k)!.doc})` : ''}`).join(', ') +
  ', each `{ status, enrollment }`';

const gatewayRangeSchema = checked(z.string(), ipRangeProblem);

const mfaSchema = z
  .object({
    rollout: z
      .object({
        /** Waves in order; each names group keys (identity.groups, or `everyone` in the last wave). */
        waves: z
          .array(z.object({ key: key('wave key'), groups: z.array(z.string()) }).strict())
          .describe('rollout waves in order, each `{ key, groups }`'),
        /** The last enforced wave: every group of every wave up to and including it is enforced. */
        currentPhase: z.string().describe('the last enforced wave (every group of every wave up to it is enforced)'),
      })
      .strict(),
    /**
     * Every managed authenticator, always listed: removing one means status INACTIVE (deactivation),
     * because Okta cannot delete an authenticator.
     */
    authenticators: z.object(authenticatorsShape).strict().describe(authenticatorsDoc),
    globalSession: z
      .object({
        sessionLifetimeMinutes: minutes(SESSION_LIFETIME_MINUTES),
        sessionIdleMinutes: minutes(SESSION_IDLE_MINUTES),
      })
      .strict()
      .describe("`sessionLifetimeMinutes`, `sessionIdleMinutes` of the enforced groups' global session"),
    tiers: z
      .object({
        standard: z.object({ reauthenticateMinutes: minutes(REAUTHENTICATE_MINUTES.standard) }).strict(),
        high: z
          .object({
            reauthenticateMinutes: minutes(REAUTHENTICATE_MINUTES.high),
            ...tierDeviceFields,
          })
          .strict(),
        critical: z
          .object({
            reauthenticateMinutes: minutes(REAUTHENTICATE_MINUTES.critical),
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
            countries: z.array(checked(z.string(), countryCodeProblem)).default([]),
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
    /** Every setting of the org's default password policy, which the rollout manages. */
    passwordPolicy: passwordPolicySchema,
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
      bucket: checked(z.string(), s3BucketNameProblem),
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

/** An environment's config, field by field; rules/index.ts adds the rules across fields (environmentConfigSchema). */
export const environmentConfigShape = z
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
  .strict();

export type EnvironmentConfig = z.infer<typeof environmentConfigShape>;
export type EnvironmentConfigInput = z.input<typeof environmentConfigShape>;
export type ManagedIdentity = z.infer<typeof managedIdentitySchema>;
export type ExternalIdentity = z.infer<typeof externalIdentitySchema>;
export type AppConfig = z.infer<typeof appSchema>;
export type AccessPolicyConfig = z.infer<typeof accessPolicySchema>;
export type RouteConfig = z.infer<typeof routeSchema>;
export type GatewayConfig = z.infer<typeof gatewaySchema>;
export type GroupConfig = z.infer<typeof groupSchema>;
export type ThrottlingConfig = z.infer<typeof throttlingSchema>;
export type MfaConfig = z.infer<typeof mfaSchema>;
