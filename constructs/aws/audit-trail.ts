import { Construct } from 'constructs';

import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { CloudwatchEventBus } from '@cdktf/provider-aws/lib/cloudwatch-event-bus';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { CloudwatchLogResourcePolicy } from '@cdktf/provider-aws/lib/cloudwatch-log-resource-policy';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Token, type ITerraformDependable } from 'cdktf';
import { partnerEventSourceNameProblem } from '../../domain/okta/event-source-name';
import { eventTypeProblem } from '../../domain/okta/event-types';
import { SIGN_IN_EVENT_TYPES } from '../../domain/okta/admin-surfaces';
import { accessLogField, type IAccessLoggedHttpApi } from './jwt-http-api';

/** A class of Okta System Log events the security team watches. */
export interface OktaEventWatch {
  /** Stable key: the rule's construct id and part of its name. */
  readonly key: string;
  /** What the rule catches, in words. */
  readonly description: string;
  /** Okta System Log `eventType` values. */
  readonly eventTypes: readonly string[];
  /** Only events with one of these `outcome.result` values. @default - any outcome */
  readonly outcomes?: readonly string[];
  /** High-severity watches also notify the alert topic. */
  readonly severity: 'high' | 'info';
  /** Only events whose actor (the signing-in user) has one of these logins (`actor.alternateId`). @default - any */
  readonly actorLogins?: readonly string[];
}

/** Okta System Log event types the metric filters count (checked like the watches). */
export const OKTA_MFA_VERIFY_EVENT = 'user.authentication.auth_via_mfa';
export const OKTA_SIGN_ON_POLICY_EVENT = 'policy.evaluate_sign_on';

/**
 * The Okta events this stack routes, by what a security team asks of an MFA rollout. Event types are
 * Okta System Log `eventType` values, each checked against the vendored catalogue
 * (domain/okta/event-types.tsv): an unknown or Classic-only type fails synthesis.
 */
export const OKTA_EVENT_WATCHES: readonly OktaEventWatch[] = [
  {
    key: 'mfa-failures',
    // Identity Engine logs a rejected Okta Verify push as a failed auth_via_mfa (deny_push is Classic-only).
    description: 'Failed MFA verifications, rejected Okta Verify pushes included',
    eventTypes: [OKTA_MFA_VERIFY_EVENT],
    outcomes: ['FAILURE', 'DENY'],
    severity: 'info',
  },
  {
    key: 'sign-on-denials',
    description: 'Sign-ons denied by a global session or app sign-on policy, and requests blocked by a blocklist zone',
    eventTypes: [OKTA_SIGN_ON_POLICY_EVENT, 'user.session.start', 'security.request.blocked'],
    outcomes: ['DENY'],
    severity: 'info',
  },
  {
    key: 'factor-resets',
    description: 'Factors reset or deactivated (by the user, an admin or the system)',
    eventTypes: ['user.mfa.factor.reset_all', 'user.mfa.factor.deactivate', 'system.mfa.factor.deactivate'],
    severity: 'high',
  },
  {
    key: 'authenticator-changes',
    description: 'Authenticators activated, changed or deactivated org-wide',
    eventTypes: [
      'security.authenticator.lifecycle.activate',
      'security.authenticator.lifecycle.update',
      'security.authenticator.lifecycle.deactivate',
    ],
    severity: 'high',
  },
  {
    key: 'lockouts',
    description: 'Accounts locked out after repeated failures',
    eventTypes: ['user.account.lock', 'user.account.lock.limit'],
    severity: 'high',
  },
  {
    key: 'threats',
    description: 'Threats detected by ThreatInsight, MFA bypass attempts and user risk detections',
    eventTypes: [
      'security.threat.detected',
      'security.attack.start',
      'user.mfa.attempt_bypass',
      'user.risk.detect',
      'user.risk.change',
    ],
    severity: 'high',
  },
  {
    key: 'policy-changes',
    description: 'Admin changes to policies, policy rules and network zones (blocklists included)',
    eventTypes: [
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
    severity: 'high',
  },
];

/** Alarm thresholds: requests per evaluation period. */
export interface GatewayAlarmThresholds {
  /** 401s (token missing, expired or from the wrong issuer or audience). */
  readonly unauthorized401: number;
  /** 403s (a valid token without the route's scope). */
  readonly forbidden403: number;
  /** 5xx (integrations failing). */
  readonly serverErrors5xx: number;
}

export interface AuditTrailProps {
  /** Prefix for names (the stack name), unique per account and region. */
  readonly name: string;
  /** Region the dashboard's metrics live in. */
  readonly region: string;
  /** Accounts the stack deploys to: resource policies only let AWS services act for these (aws:SourceAccount). */
  readonly accountIds: readonly string[];
  /** AWS partition, for ARNs. @default 'aws' */
  readonly partition?: string;
  /**
   * The partner event source Okta streams the System Log to (`aws.partner/okta.com/<org>/<name>`).
   * @default - no Okta events: gateway metrics, alarms and dashboard only
   */
  readonly oktaEventSourceName?: string;
  /** Resources the event bus must wait for (the okta_log_stream that creates the partner source). @default [] */
  readonly oktaEventSourceDependsOn?: readonly ITerraformDependable[];
  /** The HTTP API watched: its access logs feed the metric filters, its id and stage the dashboard. */
  readonly api: IAccessLoggedHttpApi;
  /** Retention of the Okta events log group. */
  readonly logRetentionDays: number;
  /** KMS key for the Okta events log group. @default - CloudWatch's own encryption */
  readonly logKmsKeyArn?: string;
  /** Customer-managed KMS key for the alert topic (EventBridge and CloudWatch must be allowed to use it). */
  readonly alertTopicKmsKeyArn: string;
  /** Email addresses subscribed to alerts. @default [] */
  readonly alertEmails?: readonly string[];
  /** Alarm thresholds per period. */
  readonly thresholds: GatewayAlarmThresholds;
  /** Length of an alarm's evaluation period, seconds. @default 300 */
  readonly alarmPeriodSeconds?: number;
  /** Okta event classes routed from the bus, each type checked against Okta's catalogue. @default OKTA_EVENT_WATCHES */
  readonly oktaEventWatches?: readonly OktaEventWatch[];
}

/** A CloudWatch metric a metric filter publishes. */
export interface MetricRef {
  /** The metric's namespace. */
  readonly namespace: string;
  /** The metric's name. */
  readonly name: string;
}

/** The access-log fields the audit trail reads, by the `$context` variable they must carry. */
const ACCESS_LOG_FIELDS = {
  status: '$context.status',
  routeKey: '$context.routeKey',
  authorizerError: '$context.authorizer.error',
} as const;

type AccessLogFields = Record<keyof typeof ACCESS_LOG_FIELDS, string>;

/**
 * The audit trail: Okta System Log events on their own EventBridge bus, routed by rule to a log group
 * (and the high-severity ones to a KMS-encrypted SNS topic); metric filters and alarms on the API's
 * 401s, 403s and 5xx; and a dashboard that shows both halves.
 */
export class AuditTrail extends Construct {
  readonly topic: SnsTopic;
  readonly bus?: CloudwatchEventBus;
  readonly eventsLogGroup?: CloudwatchLogGroup;
  readonly rules: Readonly<Record<string, CloudwatchEventRule>>;
  readonly alarms: Readonly<Record<string, CloudwatchMetricAlarm>>;
  readonly dashboard: CloudwatchDashboard;
  /** Metrics the metric filters publish, by key. */
  readonly metrics: Readonly<Record<string, MetricRef>>;
  private readonly props: AuditTrailProps;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    const fields = validate(props);
    this.props = props;
    this.topic = this.alertTopic();

    // Gateway: the access-log record's status is a JSON string.
    const filters = new MetricFilters(this, 'MetricFilters', { prefix: props.name });
    const status = fields.status;
    filters.add('unauthorized-401', props.api.accessLogGroupName, `{ $.${status} = "401" }`, 'Unauthorized401');
    filters.add('forbidden-403', props.api.accessLogGroupName, `{ $.${status} = "403" }`, 'Forbidden403');
    filters.add('server-errors-5xx', props.api.accessLogGroupName, `{ $.${status} = "5*" }`, 'ServerErrors5xx');

    const okta = props.oktaEventSourceName ? this.oktaEvents(props.oktaEventSourceName, filters) : undefined;
    this.bus = okta?.bus;
    this.eventsLogGroup = okta?.logGroup;
    this.rules = okta?.rules ?? {};
    this.alertTopicPolicy(okta?.topicPublishers ?? []);

    this.metrics = filters.metrics;
    this.alarms = new GatewayAlarms(this, 'Alarms', {
      prefix: props.name,
      metrics: filters.metrics,
      thresholds: props.thresholds,
      periodSeconds: props.alarmPeriodSeconds ?? 300,
      topicArn: this.topic.arn,
    }).alarms;

    this.dashboard = new CloudwatchDashboard(this, 'Dashboard', {
      dashboardName: props.name,
      dashboardBody: JSON.stringify(dashboardBody(props, fields, filters.metrics, this.eventsLogGroup?.name)),
    });
  }

  /** The KMS-encrypted alert topic and its email subscriptions. */
  private alertTopic(): SnsTopic {
    const props = this.props;
    const topic = new SnsTopic(this, 'Alerts', {
      name: `${props.name}-security-alerts`,
      kmsMasterKeyId: props.alertTopicKmsKeyArn,
    });
    const subscriptions = new Construct(this, 'Subscriptions');
    for (const email of props.alertEmails ?? []) {
      new SnsTopicSubscription(subscriptions, email, { topicArn: topic.arn, protocol: 'email', endpoint: email });
    }
    return topic;
  }

  /**
   * The Okta half: the partner event bus, its log group, one rule per watch with its targets, the log
   * group's resource policy, and the Okta-side metric filters.
   */
  private oktaEvents(sourceName: string, filters: MetricFilters) {
    const props = this.props;
    // The bus takes the partner source's name; it can exist only once Okta has created that source.
    const bus = new CloudwatchEventBus(this, 'OktaEvents', {
      name: sourceName,
      eventSourceName: sourceName,
      dependsOn: [...(props.oktaEventSourceDependsOn ?? [])],
    });
    const logGroup = new CloudwatchLogGroup(this, 'OktaEventLog', {
      name: `/aws/events/${props.name}/okta`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logKmsKeyArn,
    });
    const watches = props.oktaEventWatches ?? OKTA_EVENT_WATCHES;
    const ruleParent = new Construct(this, 'Rules');
    const rules: Record<string, CloudwatchEventRule> = {};
    for (const watch of watches) {
      rules[watch.key] = new CloudwatchEventRule(ruleParent, watch.key, {
        name: `${props.name}-okta-${watch.key}`,
        description: watch.description,
        eventBusName: bus.name,
        eventPattern: JSON.stringify(eventPattern(watch)),
      });
    }
    const logPolicy = this.eventLogPolicy(logGroup, Object.values(rules));
    const topicPublishers: string[] = [];
    for (const watch of watches) {
      const rule = rules[watch.key];
      const targets = new Construct(rule, 'Targets');
      const target = { rule: rule.name, eventBusName: bus.name };
      const toLog = { ...target, targetId: 'log', arn: logGroup.arn, dependsOn: [logPolicy] };
      new CloudwatchEventTarget(targets, 'Log', toLog);
      if (watch.severity === 'high') {
        new CloudwatchEventTarget(targets, 'Alert', { ...target, targetId: 'alert', arn: this.topic.arn });
        topicPublishers.push(rule.arn);
      }
    }

    // Okta-side metrics for the dashboard and an MFA-failure spike alarm.
    const outcome = (eventType: string, result: string) =>
      `{ $.detail.eventType = "${eventType}" && $.detail.outcome.result = "${result}" }`;
    const group = logGroup.name;
    filters.add('okta-mfa-failures', group, outcome(OKTA_MFA_VERIFY_EVENT, 'FAILURE'), 'OktaMfaFailures', [logGroup]);
    const denials = outcome(OKTA_SIGN_ON_POLICY_EVENT, 'DENY');
    filters.add('okta-sign-on-denials', group, denials, 'OktaSignOnDenials', [logGroup]);
    return { bus, logGroup, rules, topicPublishers };
  }

  /** Only this stack's rules, in this stack's accounts, may write to the events log group. */
  private eventLogPolicy(
    logGroup: CloudwatchLogGroup,
    rules: readonly CloudwatchEventRule[],
  ): CloudwatchLogResourcePolicy {
    const props = this.props;
    return new CloudwatchLogResourcePolicy(this, 'OktaEventLogPolicy', {
      policyName: `${props.name}-okta-events`,
      policyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'EventBridgeToLogs',
            Effect: 'Allow',
            Principal: { Service: ['events.amazonaws.com', 'delivery.logs.amazonaws.com'] },
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: `${logGroup.arn}:*`,
            Condition: {
              ArnEquals: { 'aws:SourceArn': rules.map((r) => r.arn) },
              StringEquals: { 'aws:SourceAccount': [...props.accountIds] },
            },
          },
        ],
      }),
    });
  }

  /** Who may publish to the alert topic: the high-severity rules and this stack's alarms, in its accounts. */
  private alertTopicPolicy(topicPublishers: readonly string[]): SnsTopicPolicy {
    const props = this.props;
    const accounts = { 'aws:SourceAccount': [...props.accountIds] };
    const publishBy = (sid: string, service: string, condition: Record<string, unknown>) => ({
      Sid: sid,
      Effect: 'Allow',
      Principal: { Service: service },
      Action: 'sns:Publish',
      Resource: this.topic.arn,
      Condition: condition,
    });
    // Alarms of this stack (named after it) in this stack's accounts.
    const alarmArns = props.accountIds.map(
      (a) => `arn:${props.partition ?? 'aws'}:cloudwatch:${props.region}:${a}:alarm:${props.name}-*`,
    );
    const rules =
      topicPublishers.length > 0
        ? [
            publishBy('EventBridgeRulesPublish', 'events.amazonaws.com', {
              ArnEquals: { 'aws:SourceArn': [...topicPublishers] },
              StringEquals: accounts,
            }),
          ]
        : [];
    const alarms = publishBy('CloudWatchAlarmsPublish', 'cloudwatch.amazonaws.com', {
      ArnLike: { 'aws:SourceArn': alarmArns },
      StringEquals: accounts,
    });
    return new SnsTopicPolicy(this, 'AlertsPolicy', {
      arn: this.topic.arn,
      policy: JSON.stringify({ Version: '2012-10-17', Statement: [...rules, alarms] }),
    });
  }
}

/** Props of the metric filters scope. */
interface MetricFiltersProps {
  /** Prefix of the filters' names and of the metrics' namespace (`IdentityGateway/<prefix>`). */
  readonly prefix: string;
}

/** Metric filters that count matching log events (1 per match, 0 otherwise), each publishing one metric. */
class MetricFilters extends Construct {
  /** Metrics published, by filter key. */
  readonly metrics: Record<string, MetricRef> = {};
  private readonly prefix: string;

  constructor(scope: Construct, id: string, props: MetricFiltersProps) {
    super(scope, id);
    this.prefix = props.prefix;
  }

  /** Adds a filter (its construct id is the key) publishing `metricName`. */
  add(
    key: string,
    logGroupName: string,
    pattern: string,
    metricName: string,
    dependsOn?: ITerraformDependable[],
  ): void {
    const namespace = `IdentityGateway/${this.prefix}`;
    new CloudwatchLogMetricFilter(this, key, {
      name: `${this.prefix}-${key}`,
      logGroupName,
      pattern,
      metricTransformation: { name: metricName, namespace, value: '1', defaultValue: '0', unit: 'Count' },
      dependsOn,
    });
    this.metrics[key] = { namespace, name: metricName };
  }
}

/** Props of the gateway alarms. */
interface GatewayAlarmsProps {
  /** Prefix of the alarms' names (the topic policy lets alarms named `<prefix>-*` publish). */
  readonly prefix: string;
  /** The gateway metrics by key: unauthorized-401, forbidden-403, server-errors-5xx. */
  readonly metrics: Readonly<Record<string, MetricRef>>;
  /** Thresholds per period. */
  readonly thresholds: GatewayAlarmThresholds;
  /** Evaluation period, seconds. */
  readonly periodSeconds: number;
  /** Topic notified on alarm and on recovery. */
  readonly topicArn: string;
}

/** One alarm per gateway failure class, notifying the topic when the count per period reaches its threshold. */
class GatewayAlarms extends Construct {
  /** Alarms by metric key. */
  readonly alarms: Record<string, CloudwatchMetricAlarm> = {};

  constructor(scope: Construct, id: string, props: GatewayAlarmsProps) {
    super(scope, id);
    const t = props.thresholds;
    const per = `per ${props.periodSeconds} s`;
    this.add(
      props,
      'unauthorized-401',
      t.unauthorized401,
      '401s at the gateway: tokens missing, expired or from the wrong issuer/audience ' +
        `(>= ${t.unauthorized401} ${per})`,
    );
    this.add(
      props,
      'forbidden-403',
      t.forbidden403,
      `403s at the gateway: valid tokens without the route's scope (>= ${t.forbidden403} ${per})`,
    );
    this.add(
      props,
      'server-errors-5xx',
      t.serverErrors5xx,
      `5xx at the gateway: integrations failing (>= ${t.serverErrors5xx} ${per})`,
    );
  }

  private add(props: GatewayAlarmsProps, key: string, threshold: number, description: string): void {
    const m = props.metrics[key];
    this.alarms[key] = new CloudwatchMetricAlarm(this, key, {
      alarmName: `${props.prefix}-${key}`,
      alarmDescription: description,
      namespace: m.namespace,
      metricName: m.name,
      statistic: 'Sum',
      period: props.periodSeconds,
      evaluationPeriods: 1,
      threshold,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'notBreaching',
      alarmActions: [props.topicArn],
      okActions: [props.topicArn],
    });
  }
}

/** The EventBridge pattern for a watch: Okta partner events of the listed types (and outcomes). */
export function eventPattern(watch: OktaEventWatch): Record<string, unknown> {
  return {
    source: [{ prefix: 'aws.partner/okta.com' }],
    detail: {
      eventType: [...watch.eventTypes],
      ...(watch.outcomes ? { outcome: { result: [...watch.outcomes] } } : {}),
      ...(watch.actorLogins ? { actor: { alternateId: [...watch.actorLogins] } } : {}),
    },
  };
}

/**
 * The watch on break-glass sign-ins: every sign-in event (session start, app SSO, MFA verification) whose
 * actor is one of the break-glass logins, whatever its outcome, alerts the topic. The System Log names the
 * user in `actor.alternateId` (their login); it carries no group membership, hence the logins.
 */
export function breakGlassWatch(logins: readonly string[]): OktaEventWatch {
  return {
    key: 'break-glass-sign-ins',
    description: 'Sign-ins of the break-glass accounts (excluded from the admin surfaces phishing-resistant rule)',
    eventTypes: [...SIGN_IN_EVENT_TYPES],
    actorLogins: [...logins],
    severity: 'high',
  };
}

function dashboardBody(
  props: AuditTrailProps,
  fields: AccessLogFields,
  metrics: Record<string, MetricRef>,
  eventsLogGroupName?: string,
): Record<string, unknown> {
  const metric = (key: string, label: string) => [metrics[key].namespace, metrics[key].name, { label, stat: 'Sum' }];
  const { apiId, stageName } = props.api;
  const api = (name: string, stat: string, label: string) => [
    'AWS/ApiGateway',
    name,
    'ApiId',
    apiId,
    'Stage',
    stageName,
    { stat, label },
  ];
  const { status, routeKey, authorizerError } = fields;
  const failuresQuery =
    `SOURCE '${props.api.accessLogGroupName}' | filter ${status} = "401" or ${status} = "403" ` +
    `| stats count(*) as failures by ${routeKey}, ${status}, ${authorizerError} | sort failures desc | limit 50`;
  const widgets: Widget[] = [
    {
      type: 'log',
      x: 0,
      y: 0,
      width: 12,
      height: 6,
      properties: {
        title: 'Authorization failures by route (401 / 403)',
        region: props.region,
        view: 'table',
        query: failuresQuery,
      },
    },
    {
      type: 'metric',
      x: 12,
      y: 0,
      width: 12,
      height: 6,
      properties: {
        title: 'Gateway 401 / 403 / 5xx',
        region: props.region,
        view: 'timeSeries',
        period: 300,
        metrics: [
          metric('unauthorized-401', '401'),
          metric('forbidden-403', '403'),
          metric('server-errors-5xx', '5xx'),
        ],
      },
    },
    {
      type: 'metric',
      x: 0,
      y: 6,
      width: 12,
      height: 6,
      properties: {
        title: 'Latency (p50 / p99) and integration latency',
        region: props.region,
        view: 'timeSeries',
        period: 300,
        metrics: [
          api('Latency', 'p50', 'latency p50'),
          api('Latency', 'p99', 'latency p99'),
          api('IntegrationLatency', 'p99', 'integration p99'),
        ],
      },
    },
    {
      type: 'metric',
      x: 12,
      y: 6,
      width: 12,
      height: 6,
      properties: {
        title: 'Requests and error rates',
        region: props.region,
        view: 'timeSeries',
        period: 300,
        metrics: [api('Count', 'Sum', 'requests'), api('4xx', 'Sum', '4xx'), api('5xx', 'Sum', '5xx')],
      },
    },
  ];
  if (eventsLogGroupName && metrics['okta-mfa-failures'])
    widgets.push(...oktaWidgets(props, metric, eventsLogGroupName));
  return { widgets };
}

type Widget = Record<string, unknown>;

/** The Okta row of the dashboard: MFA failures and sign-on denials, and security events by type. */
function oktaWidgets(
  props: AuditTrailProps,
  metric: (key: string, label: string) => unknown[],
  eventsLogGroupName: string,
): Widget[] {
  return [
    {
      type: 'metric',
      x: 0,
      y: 12,
      width: 12,
      height: 6,
      properties: {
        title: 'Okta: MFA failures and sign-on denials',
        region: props.region,
        view: 'timeSeries',
        period: 300,
        metrics: [metric('okta-mfa-failures', 'MFA failures'), metric('okta-sign-on-denials', 'sign-on denials')],
      },
    },
    {
      type: 'log',
      x: 12,
      y: 12,
      width: 12,
      height: 6,
      properties: {
        title: 'Okta security events by type',
        region: props.region,
        view: 'table',
        query:
          `SOURCE '${eventsLogGroupName}' | stats count(*) as events by ` +
          `detail.eventType, detail.outcome.result | sort events desc | limit 50`,
      },
    },
  ];
}

/** Checks the props and returns the access-log fields the filters and the dashboard read. */
function validate(props: AuditTrailProps): AccessLogFields {
  const fail = (prop: string, value: unknown, allowed: string): never => {
    throw new Error(`AuditTrail '${props.name}': ${prop} = ${JSON.stringify(value)} is invalid: ${allowed}`);
  };
  const format = props.api.accessLogFormat;
  const field = (variable: string): string =>
    accessLogField(format, variable) ?? fail('api.accessLogFormat', format, `a field that logs ${variable}`);
  const fields: AccessLogFields = {
    status: field(ACCESS_LOG_FIELDS.status),
    routeKey: field(ACCESS_LOG_FIELDS.routeKey),
    authorizerError: field(ACCESS_LOG_FIELDS.authorizerError),
  };
  for (const [k, v] of Object.entries(props.thresholds)) {
    if (!(v > 0)) fail(`thresholds.${k}`, v, 'a positive number of requests per period');
  }
  for (const email of props.alertEmails ?? []) {
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fail('alertEmails', email, 'an email address');
  }
  for (const watch of props.oktaEventWatches ?? OKTA_EVENT_WATCHES) {
    watch.eventTypes.forEach((t, i) => {
      const why = eventTypeProblem(t);
      if (why) fail(`oktaEventWatches[${watch.key}].eventTypes[${i}]`, t, why);
    });
    if (watch.actorLogins?.length === 0)
      fail(`oktaEventWatches[${watch.key}].actorLogins`, [], 'at least one login (or leave it out: any actor)');
  }
  for (const t of [OKTA_MFA_VERIFY_EVENT, OKTA_SIGN_ON_POLICY_EVENT]) {
    const why = eventTypeProblem(t);
    if (why) fail('metric filter eventType', t, why);
  }
  const source = props.oktaEventSourceName;
  const why = source && !Token.isUnresolved(source) ? partnerEventSourceNameProblem(source) : undefined;
  if (why) fail('oktaEventSourceName', source, why);
  return fields;
}
