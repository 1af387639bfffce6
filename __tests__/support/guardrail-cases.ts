/**
 * For every rule: a default environment where it is compliant (optionally after an edit that makes it
 * applicable), and single-point edits of the synthesized JSON it must flag.
 */
import type { EnvironmentName } from '../../config/schema';
import { allowRule, entry, refTo, res, route, tierRules, type Json } from './guardrails';

export interface Edit {
  readonly env: EnvironmentName;
  readonly edit?: (json: Json) => void;
}
export interface FailingEdit extends Edit {
  /** Completes "fails when ..." */
  readonly when: string;
  readonly edit: (json: Json) => void;
}
export interface RuleCase {
  readonly compliant: Edit;
  readonly fails: readonly FailingEdit[];
}

const lambda = (j: Json) => res(j, 'aws_lambda_function');
const accessLogs = (j: Json) => res(j, 'aws_cloudwatch_log_group', 'Gateway_AccessLogs');
const authorizer = (j: Json) => res(j, 'aws_apigatewayv2_authorizer');
const stage = (j: Json) => res(j, 'aws_apigatewayv2_stage');
const api = (j: Json) => res(j, 'aws_apigatewayv2_api');
const app = (j: Json, key: string) => res(j, 'okta_app_oauth', `Apps_${key}_`);
const accessRule = (j: Json, name: string) => res(j, 'okta_auth_server_policy_rule', '', (a) => a.name === name);

/** A custom domain mapped to the API, done right. */
function addCustomDomain(j: Json): void {
  j.resource.aws_apigatewayv2_domain_name = {
    Domain: {
      domain_name: 'api.example.com',
      domain_name_configuration: {
        certificate_arn: 'arn:aws:acm:eu-west-1:333333333333:certificate/x',
        endpoint_type: 'REGIONAL',
        security_policy: 'TLS_1_2',
      },
    },
  };
  j.resource.aws_apigatewayv2_api_mapping = {
    Mapping: {
      api_id: refTo(j, 'aws_apigatewayv2_api', 'Gateway', 'id'),
      domain_name: '${aws_apigatewayv2_domain_name.Domain.id}',
      stage: '$default',
    },
  };
  api(j).disable_execute_api_endpoint = true;
}

/** Adds an aws:SourceAccount condition to every service-principal statement of the stack's resource policies. */
function scopeServicePolicies(j: Json): void {
  for (const [type, attr] of [
    ['aws_sns_topic_policy', 'policy'],
    ['aws_cloudwatch_log_resource_policy', 'policy_document'],
  ]) {
    for (const p of Object.values((j.resource[type] ?? {}) as Record<string, Json>)) {
      const doc = JSON.parse(p[attr]);
      for (const st of doc.Statement) st.Condition ??= { StringEquals: { 'aws:SourceAccount': '333333333333' } };
      p[attr] = JSON.stringify(doc);
    }
  }
}

/** The org's default password policy and the Security Question authenticator. */
const passwordPolicy = (j: Json) => res(j, 'okta_policy_password_default');
const securityQuestion = (j: Json) => res(j, 'okta_authenticator', '', (a) => a.key === 'security_question');

/** The rule the stack adds to the Admin Console's existing policy (allow), and its blocklist denial. */
const adminRule = (j: Json) => res(j, 'okta_app_signon_policy_rule', 'MfaRollout_AdminSurfaces_admin-console_Rule');
/** The break-glass accounts' own rule on the Admin Console's policy. */
const breakGlassAllow = (j: Json) =>
  res(j, 'okta_app_signon_policy_rule', 'MfaRollout_AdminSurfaces_admin-console_BreakGlass');
/** An enrollment policy by name. */
const enrollment = (j: Json, name: string) => res(j, 'okta_policy_mfa', '', (p) => p.name === name);
/** The EventBridge rule on break-glass sign-ins. */
const breakGlassRule = (j: Json) => res(j, 'aws_cloudwatch_event_rule', 'Audit_Rules_break-glass-sign-ins');
/** Removes the admin surfaces (lookups and rules) from a synthesized stack. */
function dropAdminSurfaces(j: Json): void {
  for (const [name, r] of Object.entries(j.resource.okta_app_signon_policy_rule as Record<string, Json>))
    if (String(r.policy_id).includes('data.okta_app_signon_policy'))
      delete j.resource.okta_app_signon_policy_rule[name];
  delete j.data.okta_app;
  delete j.data.okta_app_signon_policy;
}

export const CASES: Record<string, RuleCase> = {
  'GW-01': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'a route loses its authorizer',
        env: 'prod',
        edit: (j) =>
          Object.assign(route(j, 'GET /me'), {
            authorization_type: 'NONE',
            authorizer_id: undefined,
            authorization_scopes: undefined,
          }),
      },
      {
        when: 'a public route has no declared reason',
        env: 'dev',
        edit: (j) => delete j['//'].guardrails.publicRoutes['GET /health'],
      },
    ],
  },
  'GW-02': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'a JWT route requires no scope',
        env: 'prod',
        edit: (j) => (route(j, 'POST /payments').authorization_scopes = []),
      },
    ],
  },
  'GW-03': {
    compliant: { env: 'staging' },
    fails: [
      {
        when: 'a route requires a scope the server does not define',
        env: 'staging',
        edit: (j) => (route(j, 'POST /orders').authorization_scopes = ['orders:delete']),
      },
      {
        when: 'no access policy rule grants a route scope',
        env: 'staging',
        edit: (j) => (accessRule(j, 'Reporting').scope_whitelist = ['profile:read']),
      },
    ],
  },
  'GW-04': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'the issuer is a copied string',
        env: 'prod',
        edit: (j) => (authorizer(j).jwt_configuration.issuer = 'https://acme.okta.com/oauth2/aus1example0000000000'),
      },
      {
        when: 'the issuer has a trailing slash',
        env: 'prod',
        edit: (j) => (authorizer(j).jwt_configuration.issuer = 'https://acme.okta.com/oauth2/default/'),
      },
    ],
  },
  'GW-05': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: "an app's client_id is the audience",
        env: 'prod',
        edit: (j) =>
          (authorizer(j).jwt_configuration.audience = [refTo(j, 'okta_app_oauth', 'Apps_portal_', 'client_id')]),
      },
    ],
  },
  'GW-06': {
    compliant: { env: 'dev' },
    fails: [
      {
        when: 'the token comes from the query string',
        env: 'dev',
        edit: (j) => (authorizer(j).identity_sources = ['$request.querystring.access_token']),
      },
    ],
  },
  'GW-07': {
    compliant: { env: 'prod' },
    fails: [
      { when: 'access logging is dropped', env: 'prod', edit: (j) => delete stage(j).access_log_settings },
      {
        when: "the log format lacks the authorizer's error",
        env: 'prod',
        edit: (j) =>
          (stage(j).access_log_settings.format = JSON.stringify({
            requestId: '$context.requestId',
            status: '$context.status',
          })),
      },
    ],
  },
  'GW-08': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'default throttling is removed',
        env: 'prod',
        edit: (j) => delete stage(j).default_route_settings.throttling_rate_limit,
      },
    ],
  },
  'GW-09': {
    compliant: { env: 'prod' },
    fails: [
      { when: 'prod keeps access logs 90 days', env: 'prod', edit: (j) => (accessLogs(j).retention_in_days = 90) },
      {
        when: 'the access-log group has no retention',
        env: 'dev',
        edit: (j) => delete accessLogs(j).retention_in_days,
      },
    ],
  },
  'GW-10': {
    compliant: { env: 'prod' },
    fails: [{ when: 'prod access logs lose their KMS key', env: 'prod', edit: (j) => delete accessLogs(j).kms_key_id }],
  },
  'GW-11': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'a Lambda permission has no source_arn',
        env: 'prod',
        edit: (j) => delete res(j, 'aws_lambda_permission').source_arn,
      },
    ],
  },
  'GW-12': {
    compliant: { env: 'prod' },
    fails: [
      { when: 'a function has no explicit timeout', env: 'prod', edit: (j) => delete lambda(j).timeout },
      { when: 'a function outlives the API timeout', env: 'prod', edit: (j) => (lambda(j).timeout = 60) },
    ],
  },
  'GW-13': {
    compliant: { env: 'prod' },
    fails: [{ when: 'a function runs on nodejs16.x', env: 'prod', edit: (j) => (lambda(j).runtime = 'nodejs16.x') }],
  },
  'GW-14': {
    compliant: {
      env: 'prod',
      edit: (j) =>
        (lambda(j).environment = {
          variables: { TABLE_NAME: 'orders', SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:333333333333:secret:x' },
        }),
    },
    fails: [
      {
        when: 'a function gets a password in its environment',
        env: 'prod',
        edit: (j) => (lambda(j).environment = { variables: { DB_PASSWORD: 'correct-horse-battery' } }),
      },
    ],
  },
  'GW-15': {
    compliant: { env: 'dev' },
    fails: [
      {
        when: "CORS allows '*' with credentials",
        env: 'prod',
        edit: (j) => Object.assign(api(j).cors_configuration, { allow_origins: ['*'], allow_credentials: true }),
      },
      {
        when: 'a prod origin is http',
        env: 'prod',
        edit: (j) => (api(j).cors_configuration.allow_origins = ['http://localhost:5173']),
      },
    ],
  },
  'GW-16': {
    compliant: { env: 'prod', edit: addCustomDomain },
    fails: [
      {
        when: 'the custom domain allows TLS 1.0',
        env: 'prod',
        edit: (j) => {
          addCustomDomain(j);
          j.resource.aws_apigatewayv2_domain_name.Domain.domain_name_configuration.security_policy = 'TLS_1_0';
        },
      },
      {
        when: 'the execute-api endpoint stays enabled',
        env: 'prod',
        edit: (j) => {
          addCustomDomain(j);
          delete api(j).disable_execute_api_endpoint;
        },
      },
    ],
  },
  'GW-17': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'an authorized ANY route catches the CORS preflight',
        env: 'prod',
        edit: (j) =>
          (j.resource.aws_apigatewayv2_route.CatchAll = { ...route(j, 'GET /me'), route_key: 'ANY /{proxy+}' }),
      },
    ],
  },
  'GW-18': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'an HTTP integration uses http',
        env: 'prod',
        edit: (j) =>
          (res(j, 'aws_apigatewayv2_integration', 'Gateway_Integrations_POST--payments').integration_uri =
            'http://orders.example.com/payments'),
      },
    ],
  },
  'GW-19': {
    compliant: { env: 'dev' },
    fails: [
      {
        when: 'the handler log group keeps logs forever',
        env: 'dev',
        edit: (j) => delete res(j, 'aws_cloudwatch_log_group', 'Handlers_').retention_in_days,
      },
    ],
  },
  'GW-20': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'the alert topic is not encrypted',
        env: 'prod',
        edit: (j) => delete res(j, 'aws_sns_topic').kms_master_key_id,
      },
      {
        when: 'the alert topic uses the AWS-managed key',
        env: 'dev',
        edit: (j) => (res(j, 'aws_sns_topic').kms_master_key_id = 'alias/aws/sns'),
      },
    ],
  },
  'GW-22': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'an API has 301 routes, one over the default quota',
        env: 'prod',
        edit: (j) => {
          const first = route(j, 'GET /me');
          const routes = j.resource.aws_apigatewayv2_route as Record<string, Json>;
          const have = Object.keys(routes).length;
          for (let n = have; n <= 300; n++) routes[`Extra${n}`] = { ...first, route_key: `GET /extra/r${n}` };
        },
      },
      {
        when: "the stage's rate limit is above the account's per-Region quota",
        env: 'prod',
        edit: (j) => (stage(j).default_route_settings.throttling_rate_limit = 20000),
      },
    ],
  },
  'GW-21': {
    compliant: { env: 'prod', edit: scopeServicePolicies },
    fails: [
      {
        when: 'EventBridge may publish to the topic from any account',
        env: 'prod',
        edit: (j) => {
          scopeServicePolicies(j);
          const p = res(j, 'aws_sns_topic_policy');
          const doc = JSON.parse(p.policy);
          delete doc.Statement[0].Condition;
          p.policy = JSON.stringify(doc);
        },
      },
    ],
  },

  'OK-01': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'the SPA authenticates with a client secret',
        env: 'prod',
        edit: (j) => (app(j, 'portal').token_endpoint_auth_method = 'client_secret_basic'),
      },
      { when: 'the native app drops PKCE', env: 'prod', edit: (j) => (app(j, 'mobile').pkce_required = false) },
    ],
  },
  'OK-02': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'the SPA gets the implicit grant',
        env: 'prod',
        edit: (j) => app(j, 'portal').grant_types.push('implicit'),
      },
    ],
  },
  'OK-03': {
    compliant: { env: 'dev' },
    fails: [
      {
        when: 'a prod redirect URI is http',
        env: 'prod',
        edit: (j) => (app(j, 'portal').redirect_uris = ['http://portal.example.com/login/callback']),
      },
      {
        when: 'a redirect URI has a wildcard',
        env: 'staging',
        edit: (j) => (app(j, 'admin-console').redirect_uris = ['https://*.example.com/oauth2/callback']),
      },
      {
        when: 'loopback http reaches prod',
        env: 'prod',
        edit: (j) => app(j, 'portal').redirect_uris.push('http://localhost:5173/login/callback'),
      },
    ],
  },
  'OK-04': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'refresh tokens are static',
        env: 'prod',
        edit: (j) => (app(j, 'mobile').refresh_token_rotation = 'STATIC'),
      },
    ],
  },
  'OK-05': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'a prod access token lives 1440 minutes',
        env: 'prod',
        edit: (j) => (accessRule(j, 'Users').access_token_lifetime_minutes = 1440),
      },
      {
        when: 'a rule leaves the lifetime to Okta',
        env: 'dev',
        edit: (j) => delete accessRule(j, 'Users').access_token_lifetime_minutes,
      },
    ],
  },
  'OK-06': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'refresh tokens never expire',
        env: 'prod',
        edit: (j) => delete accessRule(j, 'Users').refresh_token_lifetime_minutes,
      },
    ],
  },
  'OK-07': {
    compliant: { env: 'prod' },
    fails: [{ when: "a rule grants '*'", env: 'prod', edit: (j) => (accessRule(j, 'Users').scope_whitelist = ['*']) }],
  },
  'OK-08': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'a policy targets ALL_CLIENTS',
        env: 'prod',
        edit: (j) =>
          (res(j, 'okta_auth_server_policy', 'AuthorizationServer_Policies_user-apps').client_whitelist = [
            'ALL_CLIENTS',
          ]),
      },
    ],
  },
  'OK-09': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'a user-facing app falls back to the default policy',
        env: 'prod',
        edit: (j) => delete app(j, 'portal').authentication_policy,
      },
    ],
  },
  'OK-10': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'the service app uses a client secret',
        env: 'prod',
        edit: (j) =>
          Object.assign(app(j, 'reporting-job'), {
            token_endpoint_auth_method: 'client_secret_basic',
            omit_secret: false,
          }),
      },
    ],
  },
  'OK-11': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'issuer_mode is DYNAMIC',
        env: 'prod',
        edit: (j) => (res(j, 'okta_auth_server').issuer_mode = 'DYNAMIC'),
      },
    ],
  },
  'OK-12': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'keys rotate manually',
        env: 'prod',
        edit: (j) => (res(j, 'okta_auth_server').credentials_rotation_mode = 'MANUAL'),
      },
    ],
  },
  'OK-13': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'an app has two group assignments',
        env: 'prod',
        edit: (j) =>
          (j.resource.okta_app_group_assignments.Second = { ...res(j, 'okta_app_group_assignments', 'Apps_portal_') }),
      },
    ],
  },
  'OK-14': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'policy priorities have a gap',
        env: 'prod',
        edit: (j) => (res(j, 'okta_auth_server_policy', 'AuthorizationServer_Policies_payments').priority = 7),
      },
      { when: 'two sign-on rules share a priority', env: 'prod', edit: (j) => (allowRule(j, 'high').priority = 1) },
    ],
  },
  'OK-15': {
    compliant: { env: 'prod' },
    fails: [
      { when: 'rule 2 does not depend on rule 1', env: 'prod', edit: (j) => (allowRule(j, 'high').depends_on = []) },
    ],
  },
  'OK-17': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'an app granted a consent-REQUIRED scope is TRUSTED',
        env: 'prod',
        edit: (j) => (app(j, 'admin-console').consent_method = 'TRUSTED'),
      },
      {
        when: 'it leaves consent_method to the provider default (TRUSTED)',
        env: 'dev',
        edit: (j) => delete app(j, 'admin-console').consent_method,
      },
    ],
  },
  'OK-16': {
    compliant: { env: 'dev' },
    fails: [
      {
        when: 'a trusted origin is a wildcard',
        env: 'prod',
        edit: (j) => (res(j, 'okta_trusted_origin').origin = 'https://*.example.com'),
      },
    ],
  },

  'MFA-01': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'the high tier drops the phishing-resistant constraint',
        env: 'prod',
        edit: (j) =>
          (allowRule(j, 'high').constraints = [JSON.stringify({ possession: { userPresence: 'REQUIRED' } })]),
      },
      {
        when: 'the critical tier is no longer device-bound',
        env: 'prod',
        edit: (j) =>
          (allowRule(j, 'critical').constraints = [JSON.stringify({ possession: { phishingResistant: 'REQUIRED' } })]),
      },
      {
        when: 'a weaker alternative is ORed in',
        env: 'prod',
        edit: (j) => allowRule(j, 'high').constraints.push(JSON.stringify({ possession: { types: ['phone'] } })),
      },
    ],
  },
  'MFA-02': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'phone is the only second factor users can enroll in prod',
        env: 'prod',
        edit: (j) =>
          Object.assign(res(j, 'okta_policy_mfa'), {
            phone_number: { enroll: 'REQUIRED' },
            okta_verify: { enroll: 'NOT_ALLOWED' },
            webauthn: { enroll: 'NOT_ALLOWED' },
          }),
      },
      {
        when: 'phone is active while Okta Verify and WebAuthn are not',
        env: 'prod',
        edit: (j) => {
          for (const a of Object.values(j.resource.okta_authenticator) as Json[])
            if (['phone_number', 'okta_verify', 'webauthn'].includes(a.key))
              a.status = a.key === 'phone_number' ? 'ACTIVE' : 'INACTIVE';
        },
      },
    ],
  },
  'MFA-03': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'the global session rule stops requiring MFA',
        env: 'prod',
        edit: (j) => (res(j, 'okta_policy_rule_signon', '', (a) => a.access === 'ALLOW').mfa_required = false),
      },
      {
        when: 'the session idle time is left to the org default',
        env: 'staging',
        edit: (j) => delete res(j, 'okta_policy_rule_signon', '', (a) => a.access === 'ALLOW').session_idle,
      },
    ],
  },
  'MFA-04': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: "a constraint says 'posession'",
        env: 'prod',
        edit: (j) =>
          (allowRule(j, 'high').constraints = [JSON.stringify({ posession: { phishingResistant: 'REQUIRED' } })]),
      },
      {
        when: "a constraint value is 'YES'",
        env: 'prod',
        edit: (j) =>
          (allowRule(j, 'high').constraints = [JSON.stringify({ possession: { phishingResistant: 'YES' } })]),
      },
      {
        when: 'a constraint is not JSON',
        env: 'dev',
        edit: (j) => (allowRule(j, 'critical').constraints = ['{possession: REQUIRED']),
      },
    ],
  },
  'MFA-05': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'the blocklist deny rule comes second',
        env: 'prod',
        edit: (j) => {
          const [deny, allow] = [tierRules(j, 'high').find((r) => r.access === 'DENY')!, allowRule(j, 'high')];
          [deny.priority, allow.priority] = [2, 1];
        },
      },
      {
        when: 'the global session policy loses its deny rule',
        env: 'staging',
        edit: (j) =>
          delete j.resource.okta_policy_rule_signon[
            entry(j, 'okta_policy_rule_signon', '', (a) => a.access === 'DENY')[0]
          ],
      },
    ],
  },
  'MFA-06': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'payments:write reaches the standard-tier portal',
        env: 'prod',
        edit: (j) => accessRule(j, 'Users').scope_whitelist.push('payments:write'),
      },
      {
        when: 'admin:write reaches the service app',
        env: 'prod',
        edit: (j) => accessRule(j, 'Reporting').scope_whitelist.push('admin:write'),
      },
      {
        when: 'the payments console moves to the standard tier',
        env: 'staging',
        edit: (j) =>
          (app(j, 'payments-console').authentication_policy = refTo(
            j,
            'okta_app_signon_policy',
            'MfaRollout_AppSignOn_standard',
            'id',
          )),
      },
    ],
  },
  'MFA-07': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'neither password nor email is required',
        env: 'prod',
        edit: (j) =>
          Object.assign(res(j, 'okta_policy_mfa'), {
            okta_password: { enroll: 'OPTIONAL' },
            okta_email: { enroll: 'OPTIONAL' },
          }),
      },
    ],
  },
  'MFA-08': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'an authenticator leaves its status implicit',
        env: 'prod',
        edit: (j) => delete res(j, 'okta_authenticator', 'MfaRollout_Authenticators_webauthn').status,
      },
    ],
  },
  'MFA-09': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'prod ThreatInsight only audits',
        env: 'prod',
        edit: (j) => (res(j, 'okta_threat_insight_settings').action = 'audit'),
      },
    ],
  },
  'MFA-10': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'the high tier re-authenticates every 8 hours',
        env: 'prod',
        edit: (j) => (allowRule(j, 'high').re_authentication_frequency = 'PT8H'),
      },
      {
        when: 'the critical tier sets no re-authentication frequency',
        env: 'dev',
        edit: (j) => delete allowRule(j, 'critical').re_authentication_frequency,
      },
    ],
  },

  'MFA-11': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'the high tier leaves the default rule allowing',
        env: 'prod',
        edit: (j) => delete res(j, 'okta_app_signon_policy', '', (a) => a.name === 'Sign-on tier: high').catch_all,
      },
    ],
  },

  'ST-01': {
    compliant: { env: 'dev' },
    fails: [
      { when: 'the backend is removed', env: 'prod', edit: (j) => delete j.terraform.backend },
      {
        when: 'the local state path is absolute',
        env: 'dev',
        edit: (j) => (j.terraform.backend = { local: { path: '/home/me/terraform.tfstate' } }),
      },
    ],
  },
  'ST-02': {
    compliant: { env: 'prod' },
    fails: [
      { when: 'use_lockfile is dropped', env: 'prod', edit: (j) => delete j.terraform.backend.s3.use_lockfile },
      {
        when: 'a DynamoDB lock table comes back',
        env: 'staging',
        edit: (j) => (j.terraform.backend.s3.dynamodb_table = 'terraform-locks'),
      },
      {
        when: 'staging keeps local state',
        env: 'staging',
        edit: (j) => (j.terraform.backend = { local: { path: 'terraform.tfstate' } }),
      },
    ],
  },
  'ST-03': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'the AWS provider floats',
        env: 'prod',
        edit: (j) => (j.terraform.required_providers.aws.version = '~> 5.0'),
      },
    ],
  },
  'ST-04': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'prod drops allowed_account_ids',
        env: 'prod',
        edit: (j) => delete j.provider.aws[0].allowed_account_ids,
      },
    ],
  },
  'ST-05': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'an AWS access key sits in a description',
        env: 'prod',
        edit: (j) => (api(j).description = `deployed with ${'AKIA'}IOSFODNN7EXAMPLE`),
      },
    ],
  },
  'ST-06': {
    compliant: {
      env: 'prod',
      edit: (j) =>
        (j.output.secret = {
          value: refTo(j, 'okta_app_oauth', 'Apps_admin-console_', 'client_secret'),
          sensitive: true,
        }),
    },
    fails: [
      {
        when: 'a client secret is output in clear',
        env: 'prod',
        edit: (j) => (j.output.secret = { value: refTo(j, 'okta_app_oauth', 'Apps_admin-console_', 'client_secret') }),
      },
    ],
  },
  'ST-07': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'the Okta API token is written into the provider block',
        env: 'prod',
        edit: (j) => (j.provider.okta[0].api_token = '${var.okta_token}'),
      },
    ],
  },
  'AU-01': {
    compliant: { env: 'prod' },
    fails: [
      { when: 'prod has no Okta event bus', env: 'prod', edit: (j) => delete j.resource.aws_cloudwatch_event_bus },
      { when: 'the prod Okta bus has no rules', env: 'prod', edit: (j) => delete j.resource.aws_cloudwatch_event_rule },
      {
        when: 'prod runs the Okta org but streams nothing',
        env: 'prod',
        edit: (j) => delete j.resource.okta_log_stream,
      },
    ],
  },
  'AU-02': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'no metric filter counts 403s',
        env: 'prod',
        edit: (j) => {
          for (const [k, f] of Object.entries(j.resource.aws_cloudwatch_log_metric_filter as Record<string, Json>)) {
            if (String(f.pattern).includes('"403"')) delete j.resource.aws_cloudwatch_log_metric_filter[k];
          }
        },
      },
      {
        when: 'the 401 alarm is gone',
        env: 'prod',
        edit: (j) =>
          delete j.resource.aws_cloudwatch_metric_alarm[
            Object.keys(j.resource.aws_cloudwatch_metric_alarm).find((k) => k.includes('unauthorized'))!
          ],
      },
      {
        when: 'the alarms notify nobody',
        env: 'prod',
        edit: (j) =>
          Object.values(j.resource.aws_cloudwatch_metric_alarm as Record<string, Json>).forEach(
            (a) => (a.alarm_actions = []),
          ),
      },
    ],
  },
  'AU-03': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'the Okta events log group has no KMS key',
        env: 'prod',
        edit: (j) => delete res(j, 'aws_cloudwatch_log_group', 'Audit_OktaEventLog').kms_key_id,
      },
      {
        when: 'the handler log group keeps 30 days',
        env: 'prod',
        edit: (j) => (res(j, 'aws_cloudwatch_log_group', 'Handlers_whoami').retention_in_days = 30),
      },
    ],
  },
  'MFA-12': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'payments refresh tokens live 12 h under a 2 h re-authentication',
        env: 'prod',
        edit: (j) => (accessRule(j, 'Payments operators').refresh_token_lifetime_minutes = 720),
      },
      {
        when: 'admin refresh tokens have no lifetime',
        env: 'staging',
        edit: (j) => delete accessRule(j, 'Admins').refresh_token_lifetime_minutes,
      },
    ],
  },
  'MFA-13': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'the Admin Console rule accepts Okta Verify push (device-bound, not phishing-resistant)',
        env: 'prod',
        edit: (j) =>
          (adminRule(j).constraints = [JSON.stringify({ possession: { required: true, deviceBound: 'REQUIRED' } })]),
      },
      {
        when: 'the Admin Console rule asks for one factor',
        env: 'staging',
        edit: (j) => (adminRule(j).factor_mode = '1FA'),
      },
      { when: 'prod runs an MFA rollout with no rule on the Admin Console', env: 'prod', edit: dropAdminSurfaces },
      {
        when: 'the Admin Console rule accepts a synced passkey (phishing-resistant, not device-bound or in hardware)',
        env: 'prod',
        edit: (j) =>
          (adminRule(j).constraints = [
            JSON.stringify({ possession: { required: true, phishingResistant: 'REQUIRED', userPresence: 'REQUIRED' } }),
          ]),
      },
      {
        when: 'Okta Administrators hold ORG_ADMIN but the rule covers only API Admins',
        env: 'staging',
        edit: (j) => (adminRule(j).groups_included = [refTo(j, 'okta_group', 'Groups_api-admins', 'id')]),
      },
    ],
  },
  'MFA-14': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'no EventBridge rule watches the break-glass sign-ins',
        env: 'prod',
        edit: (j) =>
          delete j.resource.aws_cloudwatch_event_rule[
            entry(j, 'aws_cloudwatch_event_rule', 'Audit_Rules_break-glass')[0]
          ],
      },
      {
        when: 'one break-glass login is not in the alarm pattern',
        env: 'prod',
        edit: (j) => {
          const p = JSON.parse(breakGlassRule(j).event_pattern);
          p.detail.actor.alternateId = p.detail.actor.alternateId.slice(1);
          breakGlassRule(j).event_pattern = JSON.stringify(p);
        },
      },
      {
        when: 'three members are declared while maxMembers is 2',
        env: 'prod',
        edit: (j) => j['//'].guardrails.breakGlass.members.push('break-glass-3@example.com'),
      },
      {
        when: 'the Admin Console rule also excludes API Engineers (an undeclared, unwatched bypass)',
        env: 'staging',
        edit: (j) => adminRule(j).groups_excluded.push(refTo(j, 'okta_group', 'Groups_engineers', 'id')),
      },
      {
        when: "break-glass has no rule of its own (it reaches the console only through rules Terraform doesn't see)",
        env: 'prod',
        edit: (j) =>
          delete j.resource.okta_app_signon_policy_rule[
            entry(j, 'okta_app_signon_policy_rule', 'MfaRollout_AdminSurfaces_admin-console_BreakGlass')[0]
          ],
      },
      {
        when: 'the break-glass rule takes any phishing-resistant factor, no password, no hardware key',
        env: 'staging',
        edit: (j) =>
          (breakGlassAllow(j).constraints = [
            JSON.stringify({ possession: { required: true, phishingResistant: 'REQUIRED' } }),
          ]),
      },
      {
        when: 'the break-glass session lasts 8 hours between sign-ins',
        env: 'prod',
        edit: (j) => (breakGlassAllow(j).re_authentication_frequency = 'PT8H'),
      },
    ],
  },
  'MFA-15': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'Okta Verify is not enrollable, so API Admins cannot meet the critical tier',
        env: 'prod',
        edit: (j) => (enrollment(j, 'MFA rollout: authenticator enrollment').okta_verify.enroll = 'NOT_ALLOWED'),
      },
      {
        when: 'the Admin Console rule denies every administrator',
        env: 'staging',
        edit: (j) => (adminRule(j).access = 'DENY'),
      },
      {
        when: 'the break-glass accounts cannot enroll their hardware key',
        env: 'prod',
        edit: (j) =>
          (enrollment(j, 'Break-glass: password and hardware key enrollment').webauthn.enroll = 'NOT_ALLOWED'),
      },
      {
        when: 'the critical rule requires a managed device in an org without device management',
        env: 'prod',
        edit: (j) => (allowRule(j, 'critical').device_is_managed = true),
      },
      {
        when: 'the org manages its devices but the critical rule says managed = false (managed devices never match)',
        env: 'prod',
        edit: (j) => (j['//'].guardrails.org.deviceManagement = true),
      },
    ],
  },
  'MFA-20': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'the critical tier drops device assurance in prod',
        env: 'prod',
        edit: (j) => delete allowRule(j, 'critical').device_assurances_included,
      },
      {
        when: 'the high tier step-up at HIGH risk lets in any device',
        env: 'prod',
        edit: (j) =>
          delete tierRules(j, 'high').find((r) => r.risk_score === 'HIGH' && r.access === 'ALLOW')!
            .device_assurances_included,
      },
    ],
  },
  'MFA-21': {
    compliant: { env: 'staging' },
    fails: [
      {
        when: 'the standard tier drops its HIGH-risk rules while people outside the rollout keep one factor',
        env: 'prod',
        edit: (j) => {
          const rules = j.resource.okta_app_signon_policy_rule as Record<string, Json>;
          for (const [name, r] of Object.entries(rules))
            if (r.risk_score === 'HIGH' && tierRules(j, 'standard').includes(r)) delete rules[name];
        },
      },
      {
        when: 'the HIGH-risk rules come after the one-factor rule',
        env: 'staging',
        edit: (j) => {
          for (const r of tierRules(j, 'standard').filter((x) => x.risk_score === 'HIGH')) r.priority += 9;
        },
      },
      {
        when: 'the HIGH-risk denial applies to one group only',
        env: 'prod',
        edit: (j) =>
          (tierRules(j, 'standard').find((r) => r.risk_score === 'HIGH' && r.access === 'DENY')!.groups_included = [
            '${x.id}',
          ]),
      },
    ],
  },
  'MFA-22': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'the minimum length is 12 and the stack declares no reason',
        env: 'prod',
        edit: (j) => (passwordPolicy(j).password_min_length = 12),
      },
      {
        when: 'the minimum length is 6 although a reason is declared',
        env: 'staging',
        edit: (j) => {
          passwordPolicy(j).password_min_length = 6;
          j['//'].guardrails.passwordPolicy = { minLengthOverride: 'a kiosk app that takes six characters' };
        },
      },
      {
        when: 'common passwords are accepted (the provider default)',
        env: 'dev',
        edit: (j) => delete passwordPolicy(j).password_dictionary_lookup,
      },
      {
        when: 'there is no lockout at all',
        env: 'prod',
        edit: (j) => (passwordPolicy(j).password_max_lockout_attempts = 0),
      },
      {
        when: 'nobody is told when an account locks',
        env: 'prod',
        edit: (j) => (passwordPolicy(j).password_lockout_notification_channels = []),
      },
    ],
  },
  'MFA-23': {
    compliant: { env: 'staging' },
    fails: [
      {
        when: 'the standard tier steps up HIGH risk for everyone (the old form: enrollment offered mid-sign-in)',
        env: 'prod',
        edit: (j) =>
          delete tierRules(j, 'standard').find((r) => r.risk_score === 'HIGH' && r.access === 'ALLOW')!.groups_included,
      },
      {
        when: 'the high tier steps up HIGH risk for a group the rollout does not enforce',
        env: 'staging',
        edit: (j) =>
          (tierRules(j, 'high').find((r) => r.risk_score === 'HIGH' && r.access === 'ALLOW')!.groups_included = [
            'EVERYONE',
          ]),
      },
    ],
  },
  'MFA-24': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'a rule with device_is_registered leaves device_is_managed to the provider (the old form)',
        env: 'prod',
        edit: (j) => delete allowRule(j, 'high').device_is_managed,
      },
      {
        when: 'a rule requires a managed device in an org without device management',
        env: 'staging',
        edit: (j) => (allowRule(j, 'critical').device_is_managed = true),
      },
      {
        when: 'the org manages its devices and a rule says managed = false',
        env: 'dev',
        edit: (j) => (j['//'].guardrails.org.deviceManagement = true),
      },
    ],
  },
  'MFA-25': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'the password policy offers question recovery while the Security Question is INACTIVE',
        env: 'prod',
        edit: (j) => (passwordPolicy(j).question_recovery = 'ACTIVE'),
      },
      {
        when: 'the Security Question is ACTIVE as a sign-in factor',
        env: 'staging',
        edit: (j) => {
          securityQuestion(j).status = 'ACTIVE';
          passwordPolicy(j).question_recovery = 'ACTIVE';
        },
      },
    ],
  },
  'MFA-26': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'the Security Question is deactivated without waiting for the password policy',
        env: 'prod',
        edit: (j) =>
          (securityQuestion(j).depends_on = securityQuestion(j).depends_on.filter(
            (d: string) => !d.startsWith('okta_policy_password_default.'),
          )),
      },
      {
        when: 'phone is deactivated before any policy stops offering it',
        env: 'staging',
        edit: (j) => delete res(j, 'okta_authenticator', '', (a) => a.key === 'phone_number').depends_on,
      },
    ],
  },
};
