/**
 * For every provider-conformance rule: a stack where it is compliant (a default environment with the
 * issue-10 fixes applied, so the case holds before and after they land in the constructs) and
 * single-point edits with the old, wrong values that it must flag ("fails when ...").
 */
import type { RuleCase } from './guardrail-cases';
import { allowRule, entry, res, type Json } from './guardrails';

const all = (j: Json, type: string): Json[] => Object.values((j.resource[type] ?? {}) as Record<string, Json>);
const setConstraint = (c: string, edit: (v: Json) => void): string => {
  const v = JSON.parse(c);
  edit(v);
  return JSON.stringify(v);
};

/** The forms issue 10 (items 4-7) asks the constructs to emit, applied to synthesized JSON (idempotent). */
export function withIssue10Fixes(j: Json): void {
  for (const r of all(j, 'okta_app_signon_policy_rule')) {
    r.constraints = r.constraints?.map((c: string) =>
      setConstraint(c, (v) => Object.values(v).forEach((k: any) => (k.required = true))),
    );
  }
  for (const a of all(j, 'okta_authenticator').filter((x) => x.key === 'okta_verify' && x.settings)) {
    a.settings = setConstraint(a.settings, (v) => (v.compliance ??= { fips: 'OPTIONAL' }));
  }
  for (const c of all(j, 'okta_auth_server_claim').filter((x) => x.claim_type === 'RESOURCE'))
    c.always_include_in_token = true;
  for (const r of all(j, 'okta_policy_rule_signon')) {
    for (const k of ['risc_level', 'risk_level', 'identity_provider']) r[k] ??= '';
  }
}

/** The org's default policies as issue 10 item 3 manages them (added where the stack lacks them). */
function addDefaultPolicies(j: Json): void {
  withIssue10Fixes(j);
  j.resource.okta_policy_mfa_default ??= {
    Default: {
      is_oie: true,
      okta_password: { enroll: 'REQUIRED' },
      okta_email: { enroll: 'OPTIONAL' },
      phone_number: { enroll: 'NOT_ALLOWED' },
    },
  };
  j.resource.okta_policy_password_default ??= {
    Default: {
      email_recovery: 'ACTIVE',
      sms_recovery: 'INACTIVE',
      call_recovery: 'INACTIVE',
      question_recovery: 'INACTIVE',
    },
  };
}

const fixed = (edit: (j: Json) => void) => (j: Json) => {
  withIssue10Fixes(j);
  edit(j);
};
/** Sets the access lifetime, refresh lifetime and refresh window (minutes) of the access policy rule `name`. */
const lifetimes = (name: string, access: number, refresh: number, window: number) => (j: Json) =>
  Object.assign(
    res(j, 'okta_auth_server_policy_rule', '', (a) => a.name === name),
    {
      access_token_lifetime_minutes: access,
      refresh_token_lifetime_minutes: refresh,
      refresh_token_window_minutes: window,
    },
  );
const signon = (j: Json) => res(j, 'okta_policy_rule_signon', '', (a) => a.access === 'ALLOW');
const claim = (j: Json) => res(j, 'okta_auth_server_claim', '', (a) => a.name === 'email');
const verify = (j: Json) => res(j, 'okta_authenticator', '', (a) => a.key === 'okta_verify');
const app = (j: Json, key: string) => res(j, 'okta_app_oauth', `Apps_${key}_`);
const zone = (j: Json, name: string) => res(j, 'okta_network_zone', '', (a) => a.name === name);
const policy = (j: Json) => res(j, 'okta_policy_mfa');

export const CONFORMANCE_CASES: Record<string, RuleCase> = {
  'OKC-01': {
    compliant: { env: 'prod', edit: withIssue10Fixes },
    fails: [
      {
        when: 'the event source name is the stack name (identity-gateway-prod: a hyphen)',
        env: 'prod',
        edit: (j) => (res(j, 'okta_log_stream').settings.event_source_name = 'identity-gateway-prod'),
      },
      {
        when: 'the account id is not 12 characters',
        env: 'staging',
        edit: (j) => (res(j, 'okta_log_stream').settings.account_id = '12345678901'),
      },
      {
        when: 'the stream leaves status unset (the API status would not match the plan)',
        env: 'prod',
        edit: (j) => delete res(j, 'okta_log_stream').status,
      },
      {
        when: 'an EventBridge stream has no region',
        env: 'prod',
        edit: (j) => delete res(j, 'okta_log_stream').settings.region,
      },
    ],
  },
  'OKC-02': {
    compliant: { env: 'dev', edit: withIssue10Fixes },
    fails: [
      {
        when: "dev's old admin rule: access 30, refresh 30, window 15 (window below the access lifetime)",
        env: 'dev',
        edit: lifetimes('Admins', 30, 30, 15),
      },
      {
        when: 'the refresh lifetime is shorter than the access lifetime',
        env: 'prod',
        edit: lifetimes('Users', 60, 30, 30),
      },
      {
        when: 'the access token lifetime is 1441 minutes',
        env: 'prod',
        edit: (j) =>
          (res(j, 'okta_auth_server_policy_rule', '', (a) => a.name === 'Reporting').access_token_lifetime_minutes =
            1441),
      },
    ],
  },
  'OKC-03': {
    compliant: { env: 'prod', edit: withIssue10Fixes },
    fails: [
      {
        when: 'risk and identity-provider conditions are left to their ANY defaults (the old form)',
        env: 'prod',
        edit: (j) => ['risc_level', 'risk_level', 'identity_provider'].forEach((k) => delete signon(j)[k]),
      },
      {
        when: 'mfa_remember_device is true with mfa_prompt ALWAYS',
        env: 'prod',
        edit: fixed((j) => (signon(j).mfa_remember_device = true)),
      },
      { when: 'risk_level is not a known level', env: 'dev', edit: fixed((j) => (signon(j).risk_level = 'SEVERE')) },
      {
        when: 'identity_provider is "" where the org has the condition (read back as ANY on every plan)',
        env: 'prod',
        edit: fixed((j) => (signon(j).identity_provider = '')),
      },
      {
        when: 'risk levels are "" where the org has risk scoring (read back as ANY on every plan)',
        env: 'staging',
        edit: fixed((j) => Object.assign(signon(j), { risc_level: '', risk_level: '' })),
      },
      {
        when: 'a risk condition is sent where the org declares no risk scoring (rejected)',
        env: 'dev',
        edit: fixed((j) => Object.assign(signon(j), { risc_level: 'ANY', risk_level: 'ANY' })),
      },
    ],
  },
  'OKC-04': {
    compliant: { env: 'prod', edit: withIssue10Fixes },
    fails: [
      {
        when: 'device_is_registered is false',
        env: 'prod',
        edit: (j) => (allowRule(j, 'critical').device_is_registered = false),
      },
      {
        when: 'device_is_managed is set without device_is_registered',
        env: 'prod',
        edit: (j) => {
          const rule = allowRule(j, 'critical');
          rule.device_is_managed = true;
          delete rule.device_is_registered;
        },
      },
      {
        when: 'a rule has both network_includes and network_excludes',
        env: 'prod',
        edit: (j) => (
          (allowRule(j, 'high').network_excludes = ['${okta_network_zone.x.id}']),
          (allowRule(j, 'high').network_includes = ['${okta_network_zone.y.id}'])
        ),
      },
      {
        when: 're_authentication_frequency is not ISO 8601',
        env: 'staging',
        edit: (j) => (allowRule(j, 'high').re_authentication_frequency = '2 hours'),
      },
    ],
  },
  'OKC-05': {
    compliant: { env: 'prod', edit: withIssue10Fixes },
    fails: [
      {
        when: 'a service app has authorization_code',
        env: 'prod',
        edit: (j) => app(j, 'reporting-job').grant_types.push('authorization_code'),
      },
      { when: 'private_key_jwt has no jwks', env: 'prod', edit: (j) => delete app(j, 'admin-console').jwks },
      {
        when: 'consent_method is neither REQUIRED nor TRUSTED',
        env: 'prod',
        edit: (j) => (app(j, 'admin-console').consent_method = 'IMPLICIT'),
      },
      {
        when: 'a public client (auth method none) does not require PKCE',
        env: 'prod',
        edit: (j) => (app(j, 'portal').pkce_required = false),
      },
      {
        when: 'a response type is not an OAuth one',
        env: 'dev',
        edit: (j) => (app(j, 'portal').response_types = ['code', 'refresh_token']),
      },
    ],
  },
  'OKC-06': {
    compliant: { env: 'prod', edit: withIssue10Fixes },
    fails: [
      {
        when: 'a DYNAMIC zone has gateways (dropped by the provider)',
        env: 'prod',
        edit: (j) => (zone(j, 'Blocked locations').gateways = ['192.0.2.0/24']),
      },
      {
        when: 'usage is not POLICY or BLOCKLIST',
        env: 'prod',
        edit: (j) => (zone(j, 'Blocked locations').usage = 'BLOCK'),
      },
      {
        when: 'a location is not an ISO 3166 code',
        env: 'staging',
        edit: (j) => (zone(j, 'Blocked locations').dynamic_locations = ['North Korea']),
      },
    ],
  },
  'OKC-07': {
    compliant: { env: 'prod', edit: addDefaultPolicies },
    fails: [
      { when: 'the enrollment policy is not marked is_oie', env: 'prod', edit: (j) => delete policy(j).is_oie },
      {
        when: 'an authenticator enroll value is unknown',
        env: 'prod',
        edit: (j) => (policy(j).okta_verify = { enroll: 'ALWAYS' }),
      },
      {
        when: 'an enrollment rule has an unknown enroll value',
        env: 'dev',
        edit: (j) => (res(j, 'okta_policy_rule_mfa').enroll = 'SOMETIMES'),
      },
      {
        when: 'the default policy makes neither password nor email REQUIRED',
        env: 'prod',
        edit: (j) => (
          addDefaultPolicies(j), (res(j, 'okta_policy_mfa_default').okta_password = { enroll: 'OPTIONAL' })
        ),
      },
    ],
  },
  'OKC-08': {
    compliant: { env: 'prod', edit: addDefaultPolicies },
    fails: [
      {
        when: 'a default policy sets its computed name',
        env: 'prod',
        edit: (j) => (addDefaultPolicies(j), (res(j, 'okta_policy_password_default').name = 'Default Policy')),
      },
      {
        when: 'a recovery channel is neither ACTIVE nor INACTIVE',
        env: 'prod',
        edit: (j) => (addDefaultPolicies(j), (res(j, 'okta_policy_password_default').sms_recovery = 'OFF')),
      },
    ],
  },
  'OKC-09': {
    compliant: { env: 'prod', edit: withIssue10Fixes },
    fails: [
      {
        when: 'the server has two audiences',
        env: 'prod',
        edit: (j) => res(j, 'okta_auth_server').audiences.push('api://other'),
      },
      {
        when: 'a scope consent is unknown',
        env: 'prod',
        edit: (j) => (res(j, 'okta_auth_server_scope').consent = 'ASK'),
      },
      {
        when: 'group_filter_type is set on an EXPRESSION claim',
        env: 'dev',
        edit: (j) => (claim(j).group_filter_type = 'STARTS_WITH'),
      },
      {
        when: 'a policy would be created INACTIVE',
        env: 'prod',
        edit: (j) => (res(j, 'okta_auth_server_policy').status = 'INACTIVE'),
      },
    ],
  },
  'OKC-10': {
    compliant: { env: 'prod', edit: withIssue10Fixes },
    fails: [
      {
        when: 'ThreatInsight action is not none, audit or block',
        env: 'prod',
        edit: (j) => (res(j, 'okta_threat_insight_settings').action = 'BLOCK'),
      },
      {
        when: 'ThreatInsight excludes a DYNAMIC zone',
        env: 'prod',
        edit: (j) =>
          res(j, 'okta_threat_insight_settings').network_excludes.push(
            `\${okta_network_zone.${entry(j, 'okta_network_zone', '', (a) => a.type === 'DYNAMIC')[0]}.id}`,
          ),
      },
      {
        when: 'a trusted origin scope is unknown',
        env: 'dev',
        edit: (j) => (res(j, 'okta_trusted_origin').scopes = ['CORS', 'IFRAME']),
      },
      { when: 'a sign-on policy priority is 0', env: 'prod', edit: (j) => (res(j, 'okta_policy_signon').priority = 0) },
      {
        when: 'an app assigns the same group twice',
        env: 'prod',
        edit: (j) => {
          const g = res(j, 'okta_app_group_assignments').group;
          g.push({ ...g[0], priority: 9 });
        },
      },
    ],
  },
  'OKC-11': {
    compliant: { env: 'prod', edit: withIssue10Fixes },
    fails: [
      {
        when: 'the key is not an Okta authenticator key',
        env: 'prod',
        edit: (j) => (verify(j).key = 'okta_verify_push'),
      },
      {
        when: 'a settings value is not one Okta accepts',
        env: 'prod',
        edit: fixed(
          (j) =>
            (verify(j).settings = JSON.stringify({
              ...JSON.parse(verify(j).settings),
              compliance: { fips: 'ALWAYS' },
            })),
        ),
      },
      {
        when: 'settings is not JSON',
        env: 'dev',
        edit: (j) => (verify(j).settings = '{channelBinding: NUMBER_CHALLENGE}'),
      },
    ],
  },
  'OKC-12': {
    compliant: { env: 'prod', edit: withIssue10Fixes },
    fails: [
      {
        when: 'a constraint object has no "required" (the old form)',
        env: 'prod',
        edit: fixed(
          (j) =>
            (allowRule(j, 'high').constraints = [
              JSON.stringify({ possession: { phishingResistant: 'REQUIRED', userPresence: 'REQUIRED' } }),
            ]),
        ),
      },
      {
        when: 'Okta Verify settings have no compliance.fips (the old form)',
        env: 'prod',
        edit: fixed(
          (j) =>
            (verify(j).settings = JSON.stringify({
              channelBinding: { style: 'NUMBER_CHALLENGE', required: 'ALWAYS' },
              userVerification: 'REQUIRED',
            })),
        ),
      },
      {
        when: 'a RESOURCE claim has always_include_in_token false (the old form)',
        env: 'prod',
        edit: fixed((j) => (claim(j).always_include_in_token = false)),
      },
      {
        when: 'risc_level and risk_level differ (both are read back from one level)',
        env: 'prod',
        edit: fixed((j) => Object.assign(signon(j), { risc_level: '', risk_level: 'LOW' })),
      },
      {
        when: 'a constraint carries a key the SDK drops (authenticationMethods[].id)',
        env: 'prod',
        edit: fixed(
          (j) =>
            (allowRule(j, 'high').constraints = [
              JSON.stringify({
                possession: { required: true, authenticationMethods: [{ key: 'webauthn', id: 'aut1' }] },
              }),
            ]),
        ),
      },
      {
        when: 'Email settings leave out tokenLifetimeInMinutes (the API always returns it)',
        env: 'prod',
        edit: fixed(
          (j) =>
            (res(j, 'okta_authenticator', '', (a) => a.key === 'okta_email').settings = JSON.stringify({
              allowedFor: 'recovery',
            })),
        ),
      },
      {
        when: 'an okta_* type has no read-back model',
        env: 'dev',
        edit: fixed((j) => (j.resource.okta_group_rule = { Rule: { name: 'x', expression_value: 'true' } })),
      },
    ],
  },
  'OKC-13': {
    compliant: { env: 'prod', edit: withIssue10Fixes },
    fails: [
      {
        when: 'the okta_app lookup has both label and label_prefix (ConflictsWith)',
        env: 'prod',
        edit: fixed((j) => (Object.values(j.data.okta_app as Record<string, Json>)[0].label_prefix = 'Okta')),
      },
      {
        when: 'the okta_app lookup has no filter',
        env: 'prod',
        edit: fixed((j) => delete Object.values(j.data.okta_app as Record<string, Json>)[0].label),
      },
      {
        when: 'the policy lookup has no app_id',
        env: 'staging',
        edit: fixed((j) => delete Object.values(j.data.okta_app_signon_policy as Record<string, Json>)[0].app_id),
      },
      {
        when: 'the rule added to the Admin Console policy has no priority (appended after its own rules)',
        env: 'prod',
        edit: fixed(
          (j) => delete res(j, 'okta_app_signon_policy_rule', 'MfaRollout_AdminSurfaces_admin-console_Rule').priority,
        ),
      },
      {
        when: "the Admin Console lookup does not prove it found Okta's own app (saasure)",
        env: 'prod',
        edit: fixed((j) => delete Object.values(j.data.okta_app as Record<string, Json>)[0].lifecycle),
      },
      {
        when: "the policy lookup does not prove it is the one the app's accessPolicy link names",
        env: 'staging',
        edit: fixed((j) => delete Object.values(j.data.okta_app_signon_policy as Record<string, Json>)[0].lifecycle),
      },
      {
        when: 'a behaviour lookup does not check its status (a partial, inactive match passes)',
        env: 'dev',
        edit: fixed((j) =>
          Object.values(j.data.okta_behavior as Record<string, Json>)[0].lifecycle.postcondition.pop(),
        ),
      },
      {
        when: 'the Identity Engine check is gone (a Classic org half-applies the stack)',
        env: 'dev',
        edit: fixed((j) => delete j.data.okta_org_metadata),
      },
      {
        when: 'the Identity Engine check accepts a Classic org',
        env: 'prod',
        edit: fixed(
          (j) =>
            (Object.values(j.data.okta_org_metadata as Record<string, Json>)[0].lifecycle.postcondition[0].condition =
              '${self.pipeline != ""}'),
        ),
      },
      {
        when: 'an okta resource does not wait for the Identity Engine check',
        env: 'staging',
        edit: fixed((j) => {
          const group = Object.values(j.resource.okta_group as Record<string, Json>)[0];
          group.depends_on = group.depends_on.filter((d: string) => !d.startsWith('data.okta_org_metadata.'));
        }),
      },
    ],
  },
  'OKC-17': {
    compliant: { env: 'prod', edit: withIssue10Fixes },
    fails: [
      {
        when: "a role named as the provider's description names it (API_ADMIN), which the API refuses",
        env: 'prod',
        edit: fixed((j) => (res(j, 'okta_group_role').role_type = 'API_ADMIN')),
      },
      {
        when: 'a CUSTOM role without its role and resource set',
        env: 'staging',
        edit: fixed((j) => (res(j, 'okta_group_role').role_type = 'CUSTOM')),
      },
      {
        when: 'group targets on ORG_ADMIN (not sent: the role is granted org-wide)',
        env: 'prod',
        edit: fixed(
          (j) => (res(j, 'okta_group_role', '', (r) => r.role_type === 'ORG_ADMIN').target_group_list = ['00g1']),
        ),
      },
    ],
  },
  'OKC-14': {
    compliant: { env: 'prod', edit: withIssue10Fixes },
    fails: [
      {
        when: 'a macOS policy sets jailbreak, an option only ios and android have',
        env: 'prod',
        edit: fixed((j) => (res(j, 'okta_policy_device_assurance_macos').jailbreak = false)),
      },
      {
        when: 'the minimum OS version is not a version',
        env: 'staging',
        edit: fixed((j) => (res(j, 'okta_policy_device_assurance_ios').os_version = 'latest')),
      },
      {
        when: 'an android policy asks for the macOS disk encryption value',
        env: 'dev',
        edit: fixed(
          (j) => (res(j, 'okta_policy_device_assurance_android').disk_encryption_type = ['ALL_INTERNAL_VOLUMES']),
        ),
      },
      {
        when: 'an iOS policy checks nothing (AtLeastOneOf)',
        env: 'prod',
        edit: fixed((j) => {
          const ios = res(j, 'okta_policy_device_assurance_ios');
          for (const k of ['jailbreak', 'os_version', 'screenlock_type']) delete ios[k];
        }),
      },
    ],
  },
  'OKC-15': {
    compliant: { env: 'prod', edit: withIssue10Fixes },
    fails: [
      {
        when: 'a behaviour has an unknown type',
        env: 'prod',
        edit: fixed((j) => (res(j, 'okta_behavior').type = 'NEW_COUNTRY')),
      },
      {
        when: 'a velocity behaviour has no velocity',
        env: 'staging',
        edit: fixed((j) => delete res(j, 'okta_behavior').velocity),
      },
      {
        when: 'a velocity behaviour also sets number_of_authentications (ConflictsWith)',
        env: 'dev',
        edit: fixed((j) => (res(j, 'okta_behavior').number_of_authentications = 20)),
      },
      {
        when: 'a LAT_LONG location behaviour has no radius',
        env: 'prod',
        edit: fixed((j) => {
          const b = res(j, 'okta_behavior');
          delete b.velocity;
          Object.assign(b, { type: 'ANOMALOUS_LOCATION', number_of_authentications: 50 });
          b.location_granularity_type = 'LAT_LONG';
        }),
      },
    ],
  },
  'OKC-16': {
    compliant: { env: 'prod', edit: withIssue10Fixes },
    fails: [
      {
        when: 'an app sign-on rule matches an unknown risk level',
        env: 'prod',
        edit: fixed(
          (j) => (res(j, 'okta_app_signon_policy_rule', '', (r) => r.risk_score === 'HIGH').risk_score = 'SEVERE'),
        ),
      },
      {
        when: 'device_assurances_included names a network zone',
        env: 'prod',
        edit: fixed(
          (j) =>
            (allowRule(j, 'critical').device_assurances_included = [
              `\${okta_network_zone.${Object.keys(j.resource.okta_network_zone)[0]}.id}`,
            ]),
        ),
      },
      {
        when: 'device_assurances_included is set on a rule that does not require a registered device',
        env: 'prod',
        edit: fixed((j) => delete allowRule(j, 'critical').device_is_registered),
      },
      {
        when: 'behaviors names a device assurance policy',
        env: 'staging',
        edit: fixed(
          (j) =>
            (res(j, 'okta_policy_rule_signon', '', (r) => Array.isArray(r.behaviors)).behaviors = [
              `\${okta_policy_device_assurance_ios.${Object.keys(j.resource.okta_policy_device_assurance_ios)[0]}.id}`,
            ]),
        ),
      },
    ],
  },
  'OKC-18': {
    compliant: { env: 'prod' },
    fails: [
      {
        when: 'the policy states only its recovery switches (the old form: the rest is the provider default)',
        env: 'prod',
        edit: (j) => {
          const p = res(j, 'okta_policy_password_default');
          for (const k of Object.keys(p)) if (!k.endsWith('_recovery')) delete p[k];
        },
      },
      {
        when: 'question_min_length is not the 4 the API reads back',
        env: 'staging',
        edit: (j) => (res(j, 'okta_policy_password_default').question_min_length = 6),
      },
      {
        when: 'the lockout notification names a channel other than EMAIL',
        env: 'dev',
        edit: (j) => (res(j, 'okta_policy_password_default').password_lockout_notification_channels = ['SMS']),
      },
      {
        when: 'the minimum length is outside 4 to 30',
        env: 'prod',
        edit: (j) => (res(j, 'okta_policy_password_default').password_min_length = 64),
      },
    ],
  },
};
