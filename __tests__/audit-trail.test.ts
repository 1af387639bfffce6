/**
 * The audit trail: the Okta System Log reaches this stack's own EventBridge bus, security events are
 * routed to a log group and (the serious ones) to an encrypted alert topic, gateway 401/403/5xx alarm
 * on that topic, and the dashboard shows metrics that exist.
 */
import { TerraformStack, Testing } from 'cdktf';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblems } from '../config/load';
import { ACCESS_LOG_FORMAT } from '../constructs/aws/jwt-http-api';
import {
  AuditTrail,
  OKTA_EVENT_WATCHES,
  OKTA_MFA_VERIFY_EVENT,
  OKTA_SIGN_ON_POLICY_EVENT,
} from '../constructs/aws/audit-trail';
import { eventTypeProblem, oktaEventCatalogue, parseEventCatalogue } from '../domain/okta/event-types';
import { OktaEventBridgeLogStream } from '../constructs/okta/log-stream';
import {
  OKTA_EVENT_SOURCE_NAME,
  defaultEventSourceName,
  eventSourceNameProblem,
  partnerEventSourceNameProblem,
} from '../domain/okta/event-source-name';
import { stackJson } from './support/fixture';
import { configFor, problemsOf } from './support/configs';
import { ref, resources, type TfJson } from './support/tf-json';

/**
 * What each rule must catch, written down here from Okta's event-type catalogue rather than read from
 * the implementation: a rule that drifts from this list fails the test.
 */
const EXPECTED_EVENT_TYPES: Record<string, string[]> = {
  'mfa-failures': ['user.authentication.auth_via_mfa'],
  'sign-on-denials': ['policy.evaluate_sign_on', 'user.session.start', 'security.request.blocked'],
  'factor-resets': ['user.mfa.factor.reset_all', 'user.mfa.factor.deactivate', 'system.mfa.factor.deactivate'],
  'authenticator-changes': [
    'security.authenticator.lifecycle.activate',
    'security.authenticator.lifecycle.update',
    'security.authenticator.lifecycle.deactivate',
  ],
  lockouts: ['user.account.lock', 'user.account.lock.limit'],
  threats: [
    'security.threat.detected',
    'security.attack.start',
    'user.mfa.attempt_bypass',
    'user.risk.detect',
    'user.risk.change',
  ],
  'policy-changes': [
    'policy.lifecycle.create',
    'policy.lifecycle.activate',
    'policy.lifecycle.update',
    'policy.lifecycle.delete',
    'policy.lifecycle.deactivate',
    'policy.rule.add',
    'policy.rule.activate',
    'policy.rule.update',
    'policy.rule.delete',
    'policy.rule.deactivate',
    'zone.create',
    'zone.activate',
    'zone.update',
    'zone.deactivate',
    'zone.delete',
    'zone.make_blacklist',
    'zone.remove_blacklist',
    'security.zone.make_blacklist',
    'security.zone.remove_blacklist',
  ],
  // Prod declares break-glass accounts for the admin surfaces: their sign-ins alert.
  'break-glass-sign-ins': [
    'user.session.start',
    'user.authentication.sso',
    'user.authentication.auth_via_mfa',
    'user.authentication.verify',
  ],
};
const ALERTING = [
  'factor-resets',
  'authenticator-changes',
  'lockouts',
  'threats',
  'policy-changes',
  'break-glass-sign-ins',
];

let prod: TfJson;
let dev: TfJson;

beforeAll(() => {
  // GIVEN prod and dev as synthesized once per run from their default config
  prod = stackJson('prod');
  dev = stackJson('dev');
});

const one = (json: TfJson, type: string): [string, any] => {
  const all = resources(json, type);
  expect(all).toHaveLength(1);
  return all[0];
};
const ruleKey = (name: string) => name.replace(/^identity-gateway-prod-okta-/, '');

describe('prod: Okta System Log to EventBridge', () => {
  test(
    "the log stream targets this stack's own account (caller " + 'identity, pinned by allowed_account_ids) and region',
    () => {
      const [, stream] = one(prod, 'okta_log_stream');
      expect(stream.type).toBe('aws_eventbridge');
      expect(stream.status).toBe('ACTIVE');
      expect(stream.settings.account_id).toBe('${data.aws_caller_identity.Account.account_id}');
      expect(Object.keys(prod.data!.aws_caller_identity)).toEqual(['Account']);
      expect(stream.settings.region).toBe(prod.provider!.aws[0].region);
      expect(prod.provider!.aws[0].allowed_account_ids).toEqual(['333333333333']);
    },
  );

  test('the event bus is the partner event source of that stream, created after it', () => {
    const [streamName, stream] = one(prod, 'okta_log_stream');
    const [, bus] = one(prod, 'aws_cloudwatch_event_bus');
    const org = prod.provider!.okta[0].org_name;
    const expected = `aws.partner/okta.com/${org}/${stream.settings.event_source_name}`;
    expect(bus.name).toBe(expected);
    expect(bus.event_source_name).toBe(expected);
    expect(bus.depends_on).toContain(`okta_log_stream.${streamName}`);
  });

  test('each rule on the bus matches exactly the Okta event types it is named for', () => {
    const [busName] = one(prod, 'aws_cloudwatch_event_bus');
    const rules = resources(prod, 'aws_cloudwatch_event_rule');
    expect(rules.map(([, r]) => ruleKey(r.name)).sort()).toEqual(Object.keys(EXPECTED_EVENT_TYPES).sort());
    for (const [, rule] of rules) {
      expect(rule.event_bus_name).toBe(ref('aws_cloudwatch_event_bus', busName, 'name'));
      const pattern = JSON.parse(rule.event_pattern);
      expect(pattern.source).toEqual([{ prefix: 'aws.partner/okta.com' }]);
      expect([...pattern.detail.eventType].sort()).toEqual([...EXPECTED_EVENT_TYPES[ruleKey(rule.name)]].sort());
    }
    const failures = rules.find(([, r]) => ruleKey(r.name) === 'mfa-failures')![1];
    expect(JSON.parse(failures.event_pattern).detail.outcome.result).toEqual(['FAILURE', 'DENY']);
  });

  test('every rule writes to the events log group; the high-severity ones also alert the encrypted topic', () => {
    const [topicName, topic] = one(prod, 'aws_sns_topic');
    expect(topic.kms_master_key_id).toMatch(/^arn:aws:kms:eu-west-1:333333333333:key\//);
    const logGroup = resources(prod, 'aws_cloudwatch_log_group').find(
      ([, g]) => g.name === '/aws/events/identity-gateway-prod/okta',
    )!;
    expect(logGroup[1]).toMatchObject({ retention_in_days: 365, kms_key_id: expect.stringMatching(/^arn:aws:kms:/) });
    const targets = resources(prod, 'aws_cloudwatch_event_target').map(([, t]) => t);
    for (const [ruleName, rule] of resources(prod, 'aws_cloudwatch_event_rule')) {
      const mine = targets
        .filter((t) => t.rule === ref('aws_cloudwatch_event_rule', ruleName, 'name'))
        .map((t) => t.arn)
        .sort();
      const expected = [ref('aws_cloudwatch_log_group', logGroup[0], 'arn')];
      if (ALERTING.includes(ruleKey(rule.name))) expected.push(ref('aws_sns_topic', topicName, 'arn'));
      expect(mine).toEqual(expected.sort());
    }
    // EventBridge may write to the log group and publish to the topic, and only the alerting rules may publish.
    // Scoped against confused deputies: only this stack's rules and alarms, in this stack's account.
    const ruleArns = resources(prod, 'aws_cloudwatch_event_rule')
      .map(([n]) => ref('aws_cloudwatch_event_rule', n, 'arn'))
      .sort();
    const [, logPolicy] = one(prod, 'aws_cloudwatch_log_resource_policy');
    const logStatement = JSON.parse(logPolicy.policy_document).Statement[0];
    expect(logStatement.Principal.Service).toContain('events.amazonaws.com');
    expect([...logStatement.Condition.ArnEquals['aws:SourceArn']].sort()).toEqual(ruleArns);
    expect(logStatement.Condition.StringEquals['aws:SourceAccount']).toEqual(['333333333333']);
    const [, topicPolicy] = one(prod, 'aws_sns_topic_policy');
    const statements = JSON.parse(topicPolicy.policy).Statement;
    const publishers = statements.find((s: any) => s.Sid === 'EventBridgeRulesPublish');
    expect(publishers.Condition.ArnEquals['aws:SourceArn']).toHaveLength(ALERTING.length);
    const alarms = statements.find((s: any) => s.Sid === 'CloudWatchAlarmsPublish');
    expect(alarms.Condition).toEqual({
      ArnLike: { 'aws:SourceArn': ['arn:aws:cloudwatch:eu-west-1:333333333333:alarm:identity-gateway-prod-*'] },
      StringEquals: { 'aws:SourceAccount': ['333333333333'] },
    });
  });

  test('email subscriptions come from config', () => {
    expect(resources(prod, 'aws_sns_topic_subscription').map(([, s]) => [s.protocol, s.endpoint])).toEqual([
      ['email', 'security-alerts@example.com'],
    ]);
  });
});

describe.each([
  ['prod', () => prod, { unauthorized401: 50, forbidden403: 25, serverErrors5xx: 10 }],
  ['dev', () => dev, { unauthorized401: 200, forbidden403: 100, serverErrors5xx: 50 }],
] as const)('%s: gateway alarms and dashboard', (_env, json, thresholds) => {
  test(
    '401, 403 and 5xx metric filters read the access log, and ' +
      'each alarm notifies the topic at the configured threshold',
    () => {
      const accessLogs = resources(json(), 'aws_cloudwatch_log_group').find(([, g]) =>
        g.name.startsWith('/aws/apigateway/'),
      )!;
      const filters = resources(json(), 'aws_cloudwatch_log_metric_filter').map(([, f]) => f);
      const byStatus = (pattern: string) => filters.find((f) => f.pattern === pattern)!;
      for (const pattern of ['{ $.status = "401" }', '{ $.status = "403" }', '{ $.status = "5*" }']) {
        expect(byStatus(pattern).log_group_name).toBe(ref('aws_cloudwatch_log_group', accessLogs[0], 'name'));
      }
      const [topicName] = one(json(), 'aws_sns_topic');
      const alarms = resources(json(), 'aws_cloudwatch_metric_alarm').map(([, a]) => a);
      const alarmFor = (pattern: string) =>
        alarms.find((a) => a.metric_name === byStatus(pattern).metric_transformation.name)!;
      expect(alarmFor('{ $.status = "401" }').threshold).toBe(thresholds.unauthorized401);
      expect(alarmFor('{ $.status = "403" }').threshold).toBe(thresholds.forbidden403);
      expect(alarmFor('{ $.status = "5*" }').threshold).toBe(thresholds.serverErrors5xx);
      for (const a of alarms) {
        expect(a.alarm_actions).toEqual([ref('aws_sns_topic', topicName, 'arn')]);
        expect(a.comparison_operator).toBe('GreaterThanOrEqualToThreshold');
      }
    },
  );

  test('the dashboard body is valid JSON and every metric it shows exists in the stack', () => {
    const [, dashboard] = one(json(), 'aws_cloudwatch_dashboard');
    const body = JSON.parse(dashboard.dashboard_body);
    const published = new Set(
      resources(json(), 'aws_cloudwatch_log_metric_filter').map(
        ([, f]) => `${f.metric_transformation.namespace}/${f.metric_transformation.name}`,
      ),
    );
    const [apiName] = one(json(), 'aws_apigatewayv2_api');
    const metricWidgets = body.widgets.filter((w: any) => w.type === 'metric');
    expect(metricWidgets.length).toBeGreaterThan(0);
    for (const w of metricWidgets) {
      for (const m of w.properties.metrics) {
        if (m[0] === 'AWS/ApiGateway') expect(m[3]).toBe(ref('aws_apigatewayv2_api', apiName, 'id'));
        else expect(published).toContain(`${m[0]}/${m[1]}`);
      }
    }
    const logWidgets = body.widgets.filter((w: any) => w.type === 'log');
    // Authorization failures by route.
    expect(logWidgets.some((w: any) => /by routeKey/.test(w.properties.query))).toBe(true);
  });
});

describe('dev: alerts only', () => {
  test('streams no Okta events but keeps the topic, alarms and dashboard', () => {
    expect(resources(dev, 'okta_log_stream')).toEqual([]);
    expect(resources(dev, 'aws_cloudwatch_event_bus')).toEqual([]);
    expect(resources(dev, 'aws_sns_topic')).toHaveLength(1);
    expect(resources(dev, 'aws_cloudwatch_metric_alarm')).toHaveLength(3);
  });
});

describe('bad audit config', () => {
  const prodProblems = (edit: (c: any) => void) => formatProblems(problemsOf('prod', configFor('prod', edit)));

  test('fails for an invalid email subscription', () => {
    expect(prodProblems((c) => c.audit.alerts.emails.push('security-at-example.com'))).toContain(
      '[prod] audit.alerts.emails[1] = "security-at-example.com": an email address',
    );
  });

  test('fails for a non-positive threshold', () => {
    expect(prodProblems((c) => (c.audit.alarmThresholds.forbidden403 = 0))).toContain(
      '[prod] audit.alarmThresholds.forbidden403 = 0: a positive number of requests per 5 minutes',
    );
  });

  test('fails for a retention value CloudWatch does not accept', () => {
    expect(prodProblems((c) => (c.audit.logRetentionDays = 500))).toContain(
      '[prod] audit.logRetentionDays = 500: CloudWatch accepts 1, 3, 5',
    );
  });

  test('fails for prod without the Okta log stream, or without an audit trail at all', () => {
    expect(prodProblems((c) => delete c.audit.oktaLogStream)).toContain(
      '[prod] audit.oktaLogStream = (missing): prod streams the Okta System Log to EventBridge',
    );
    expect(prodProblems((c) => delete c.audit)).toContain(
      '[prod] audit = (missing): prod streams the Okta System Log and alarms on 401/403 spikes',
    );
  });

  test('fails for a partner event source name when this stack runs the Okta org', () => {
    expect(
      prodProblems((c) => (c.audit.oktaLogStream = { partnerEventSourceName: 'aws.partner/okta.com/acme/x' })),
    ).toContain('this stack runs the Okta org and creates the log stream itself');
  });

  test('fails for a region Okta cannot stream to', () => {
    const out = formatProblems(
      problemsOf(
        'staging',
        configFor('staging', (c) => (c.aws.region = 'ap-south-1')),
      ),
    );
    expect(out).toContain('[staging] aws.region = "ap-south-1": Okta streams the System Log to EventBridge only in');
  });
});

describe('log stream event source name: the okta provider 4.20.0 rule (resource_okta_log_stream.go:29)', () => {
  const prodProblems = (edit: (c: any) => void) => formatProblems(problemsOf('prod', configFor('prod', edit)));
  const construct = (eventSourceName: string) => () => {
    const stack = new TerraformStack(Testing.app(), 'log-stream');
    new OktaEventBridgeLogStream(stack, 'Stream', {
      name: 'stream',
      orgName: 'acme',
      accountId: '333333333333',
      region: 'eu-west-1',
      eventSourceName,
    });
  };

  test("the regex is the provider's Go raw string verbatim, and reads it the way Go does: no hyphen", () => {
    expect(OKTA_EVENT_SOURCE_NAME.source).toBe(String.raw`^[\\.\\-_A-Za-z0-9]{1,75}$`);
    expect(OKTA_EVENT_SOURCE_NAME.test('identity-gateway-prod')).toBe(false);
    expect(OKTA_EVENT_SOURCE_NAME.test('a]^\\_.Z9')).toBe(true); // the range \..._ as Go compiles it
    expect(OKTA_EVENT_SOURCE_NAME.test('x'.repeat(76))).toBe(false);
  });

  test('GIVEN prod with the default name THEN the stream uses the stack name with _ and the bus follows it', () => {
    const [, stream] = one(prod, 'okta_log_stream');
    expect(stream.settings.event_source_name).toBe('identity_gateway_prod');
    expect(OKTA_EVENT_SOURCE_NAME.test(stream.settings.event_source_name)).toBe(true);
    expect(one(prod, 'aws_cloudwatch_event_bus')[1].name).toBe('aws.partner/okta.com/acme/identity_gateway_prod');
  });

  test('fails for the old default, the hyphenated stack name, in config and in the construct', () => {
    expect(prodProblems((c) => (c.audit.oktaLogStream = { eventSourceName: 'identity-gateway-prod' }))).toContain(
      '[prod] audit.oktaLogStream.eventSourceName = "identity-gateway-prod": the okta provider accepts only',
    );
    expect(construct('identity-gateway-prod')).toThrow(
      /eventSourceName = "identity-gateway-prod" is invalid: .*no '-'/,
    );
  });

  test("fails for characters Go's class lets through but an AWS event bus name refuses", () => {
    expect(prodProblems((c) => (c.audit.oktaLogStream = { eventSourceName: 'okta^events' }))).toContain(
      '[prod] audit.oktaLogStream.eventSourceName = "okta^events": ' +
        'the AWS partner event bus of the same name allows no',
    );
    expect(construct('okta]events')).toThrow(/allows no/);
  });

  test('accepts letters, digits, . and _ up to 75 characters', () => {
    expect(
      problemsOf(
        'prod',
        configFor('prod', (c) => (c.audit.oktaLogStream = { eventSourceName: 'Okta.events_2026' })),
      ),
    ).toEqual([]);
    expect(eventSourceNameProblem('a'.repeat(75))).toBeUndefined();
    expect(defaultEventSourceName('identity-gateway-staging')).toBe('identity_gateway_staging');
    expect(construct('Okta.events_2026')).not.toThrow();
  });

  test('fails for a partner event source that is not aws.partner/okta.com/<org>/<name>', () => {
    expect(partnerEventSourceNameProblem('aws.partner/okta.com/acme/identity-gateway-prod')).toBeUndefined();
    expect(partnerEventSourceNameProblem('aws.partner/okta.com/acme/bad name')).toMatch(
      /aws\.partner\/okta\.com\/<org>/,
    );
  });
});

describe("watched event types are checked references into Okta's catalogue (domain/okta/event-types.tsv)", () => {
  const VENDORED = join(__dirname, '..', 'domain', 'okta', 'event-types.tsv');
  const catalogue = parseEventCatalogue(readFileSync(VENDORED, 'utf8'));
  const trail = (eventTypes: string[]) => () => {
    const stack = new TerraformStack(Testing.app(), 'audit');
    new AuditTrail(stack, 'Audit', {
      name: 'audit',
      region: 'eu-west-1',
      accountIds: ['333333333333'],
      api: { apiId: 'api', stageName: '$default', accessLogGroupName: 'logs', accessLogFormat: ACCESS_LOG_FORMAT },
      logRetentionDays: 30,
      alertTopicKmsKeyArn: 'arn:aws:kms:eu-west-1:333333333333:key/k',
      thresholds: { unauthorized401: 1, forbidden403: 1, serverErrors5xx: 1 },
      oktaEventWatches: [{ key: 'w', description: 'w', eventTypes, severity: 'info' }],
    });
  };

  test('the vendored copy keeps its header: release 2026.08.1, 1,274 event types, one of them Classic-only', () => {
    expect(readFileSync(VENDORED, 'utf8').split('\n')[0]).toMatch(
      /^# Okta System Log event types, catalogue release 2026\.08\.1/,
    );
    expect(catalogue.release).toBe('2026.08.1');
    expect(catalogue.types.size).toBe(1274);
    expect([...catalogue.types.values()].filter((t) => t.classicOnly).map((t) => t.id)).toEqual([
      'user.mfa.okta_verify.deny_push',
    ]);
    expect(oktaEventCatalogue().types.size).toBe(catalogue.types.size);
  });

  test('every watched and counted event type is in the catalogue and logged by Identity Engine orgs', () => {
    const all = [...OKTA_EVENT_WATCHES.flatMap((w) => w.eventTypes), OKTA_MFA_VERIFY_EVENT, OKTA_SIGN_ON_POLICY_EVENT];
    expect(all.filter((t) => eventTypeProblem(t, catalogue) !== undefined)).toEqual([]);
  });

  test('fails for the old watches: policy.rule.create is no event type, deny_push is Classic-only', () => {
    expect(eventTypeProblem('policy.rule.create', catalogue)).toBe(
      "'policy.rule.create' is not an Okta System Log event type (catalogue release 2026.08.1)",
    );
    expect(eventTypeProblem('user.mfa.okta_verify.deny_push', catalogue)).toMatch(/logged only by Classic orgs/);
    expect(trail(['policy.rule.add', 'policy.rule.create'])).toThrow(
      'AuditTrail \'audit\': oktaEventWatches[w].eventTypes[1] = "policy.rule.create" ' +
        "is invalid: 'policy.rule.create' is not an Okta System Log event type",
    );
    expect(trail(['user.mfa.okta_verify.deny_push'])).toThrow(
      /eventTypes\[0\] = "user.mfa.okta_verify.deny_push" is invalid: .*Classic orgs/,
    );
    expect(trail(['policy.rule.add'])).not.toThrow();
  });

  test('fails to parse a catalogue without its release header or with a short row', () => {
    expect(() => parseEventCatalogue('id\tcategory\n')).toThrow('names no catalogue release');
    expect(() =>
      parseEventCatalogue('# catalogue release 1.0\nid\tcategory\tbeta\tinternal\treleased\tnote\nx\ty\n'),
    ).toThrow('data row 1');
  });
});
