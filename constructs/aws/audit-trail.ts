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
  readonly unauthorized401: number;
  readonly forbidden403: number;
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
  /** The HTTP API's access-log group name, for metric filters. */
  readonly accessLogGroupName: string;
  /** The HTTP API id and stage, for API Gateway's own metrics. */
  readonly apiId: string;
  readonly stageName: string;
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
  /** @default 300 */
  readonly alarmPeriodSeconds?: number;
  /** Okta event classes routed from the bus, each type checked against Okta's catalogue. @default OKTA_EVENT_WATCHES */
  readonly oktaEventWatches?: readonly OktaEventWatch[];
}

interface MetricRef {
  readonly namespace: string;
  readonly name: string;
}

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

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    validate(props);
    const watches = props.oktaEventWatches ?? OKTA_EVENT_WATCHES;
    const period = props.alarmPeriodSeconds ?? 300;
    const namespace = `IdentityGateway/${props.name}`;

    this.topic = new SnsTopic(this, 'Alerts', {
      name: `${props.name}-security-alerts`,
      kmsMasterKeyId: props.alertTopicKmsKeyArn,
    });
    const subscriptions = new Construct(this, 'Subscriptions');
    for (const email of props.alertEmails ?? []) {
      new SnsTopicSubscription(subscriptions, email, { topicArn: this.topic.arn, protocol: 'email', endpoint: email });
    }

    const metrics: Record<string, MetricRef> = {};
    const filters = new Construct(this, 'MetricFilters');
    const metricFilter = (key: string, logGroupName: string, pattern: string, metricName: string, dependsOn?: ITerraformDependable[]) => {
      new CloudwatchLogMetricFilter(filters, key, {
        name: `${props.name}-${key}`,
        logGroupName,
        pattern,
        metricTransformation: { name: metricName, namespace, value: '1', defaultValue: '0', unit: 'Count' },
        dependsOn,
      });
      metrics[key] = { namespace, name: metricName };
    };

    // Gateway: the access-log record's status is a JSON string.
    metricFilter('unauthorized-401', props.accessLogGroupName, '{ $.status = "401" }', 'Unauthorized401');
    metricFilter('forbidden-403', props.accessLogGroupName, '{ $.status = "403" }', 'Forbidden403');
    metricFilter('server-errors-5xx', props.accessLogGroupName, '{ $.status = "5*" }', 'ServerErrors5xx');

    const rules: Record<string, CloudwatchEventRule> = {};
    const topicPublishers: string[] = [];
    if (props.oktaEventSourceName) {
      // The bus takes the partner source's name; it can exist only once Okta has created that source.
      this.bus = new CloudwatchEventBus(this, 'OktaEvents', {
        name: props.oktaEventSourceName,
        eventSourceName: props.oktaEventSourceName,
        dependsOn: [...(props.oktaEventSourceDependsOn ?? [])],
      });
      const logGroup = new CloudwatchLogGroup(this, 'OktaEventLog', {
        name: `/aws/events/${props.name}/okta`,
        retentionInDays: props.logRetentionDays,
        kmsKeyId: props.logKmsKeyArn,
      });
      this.eventsLogGroup = logGroup;
      const ruleParent = new Construct(this, 'Rules');
      for (const watch of watches) {
        rules[watch.key] = new CloudwatchEventRule(ruleParent, watch.key, {
          name: `${props.name}-okta-${watch.key}`,
          description: watch.description,
          eventBusName: this.bus.name,
          eventPattern: JSON.stringify(eventPattern(watch)),
        });
      }
      // Only this stack's rules, in this stack's accounts, may write to the events log group.
      const logPolicy = new CloudwatchLogResourcePolicy(this, 'OktaEventLogPolicy', {
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
                ArnEquals: { 'aws:SourceArn': Object.values(rules).map((r) => r.arn) },
                StringEquals: { 'aws:SourceAccount': [...props.accountIds] },
              },
            },
          ],
        }),
      });

      for (const watch of watches) {
        const rule = rules[watch.key];
        const targets = new Construct(rule, 'Targets');
        new CloudwatchEventTarget(targets, 'Log', {
          rule: rule.name,
          eventBusName: this.bus.name,
          targetId: 'log',
          arn: logGroup.arn,
          dependsOn: [logPolicy],
        });
        if (watch.severity === 'high') {
          new CloudwatchEventTarget(targets, 'Alert', { rule: rule.name, eventBusName: this.bus.name, targetId: 'alert', arn: this.topic.arn });
          topicPublishers.push(rule.arn);
        }
      }

      // Okta-side metrics for the dashboard and an MFA-failure spike alarm.
      const okta = (eventType: string, result: string) =>
        `{ $.detail.eventType = "${eventType}" && $.detail.outcome.result = "${result}" }`;
      const group = logGroup.name;
      metricFilter('okta-mfa-failures', group, okta(OKTA_MFA_VERIFY_EVENT, 'FAILURE'), 'OktaMfaFailures', [logGroup]);
      const denials = okta(OKTA_SIGN_ON_POLICY_EVENT, 'DENY');
      metricFilter('okta-sign-on-denials', group, denials, 'OktaSignOnDenials', [logGroup]);
    }
    this.rules = rules;

    new SnsTopicPolicy(this, 'AlertsPolicy', {
      arn: this.topic.arn,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          ...(topicPublishers.length > 0
            ? [
                {
                  Sid: 'EventBridgeRulesPublish',
                  Effect: 'Allow',
                  Principal: { Service: 'events.amazonaws.com' },
                  Action: 'sns:Publish',
                  Resource: this.topic.arn,
                  Condition: { ArnEquals: { 'aws:SourceArn': topicPublishers }, StringEquals: { 'aws:SourceAccount': [...props.accountIds] } },
                },
              ]
            : []),
          {
            Sid: 'CloudWatchAlarmsPublish',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: this.topic.arn,
            // Alarms of this stack (named after it) in this stack's accounts.
            Condition: {
              ArnLike: { 'aws:SourceArn': props.accountIds.map((a) => `arn:${props.partition ?? 'aws'}:cloudwatch:${props.region}:${a}:alarm:${props.name}-*`) },
              StringEquals: { 'aws:SourceAccount': [...props.accountIds] },
            },
          },
        ],
      }),
    });

    const alarms: Record<string, CloudwatchMetricAlarm> = {};
    const alarmParent = new Construct(this, 'Alarms');
    const alarm = (key: string, description: string, threshold: number) => {
      const m = metrics[key];
      alarms[key] = new CloudwatchMetricAlarm(alarmParent, key, {
        alarmName: `${props.name}-${key}`,
        alarmDescription: description,
        namespace: m.namespace,
        metricName: m.name,
        statistic: 'Sum',
        period,
        evaluationPeriods: 1,
        threshold,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        treatMissingData: 'notBreaching',
        alarmActions: [this.topic.arn],
        okActions: [this.topic.arn],
      });
    };
    alarm('unauthorized-401', `401s at the gateway: tokens missing, expired or from the wrong issuer/audience (>= ${props.thresholds.unauthorized401} per ${period} s)`, props.thresholds.unauthorized401);
    alarm('forbidden-403', `403s at the gateway: valid tokens without the route's scope (>= ${props.thresholds.forbidden403} per ${period} s)`, props.thresholds.forbidden403);
    alarm('server-errors-5xx', `5xx at the gateway: integrations failing (>= ${props.thresholds.serverErrors5xx} per ${period} s)`, props.thresholds.serverErrors5xx);
    this.alarms = alarms;
    this.metrics = metrics;

    this.dashboard = new CloudwatchDashboard(this, 'Dashboard', {
      dashboardName: props.name,
      dashboardBody: JSON.stringify(dashboardBody(props, metrics, this.eventsLogGroup?.name)),
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
    },
  };
}

function dashboardBody(props: AuditTrailProps, metrics: Record<string, MetricRef>, eventsLogGroupName?: string): Record<string, unknown> {
  const metric = (key: string, label: string) => [metrics[key].namespace, metrics[key].name, { label, stat: 'Sum' }];
  const api = (name: string, stat: string, label: string) => ['AWS/ApiGateway', name, 'ApiId', props.apiId, 'Stage', props.stageName, { stat, label }];
  const widgets: Record<string, unknown>[] = [
    {
      type: 'log',
      x: 0, y: 0, width: 12, height: 6,
      properties: {
        title: 'Authorization failures by route (401 / 403)',
        region: props.region,
        view: 'table',
        query: `SOURCE '${props.accessLogGroupName}' | filter status = "401" or status = "403" | stats count(*) as failures by routeKey, status, authorizerError | sort failures desc | limit 50`,
      },
    },
    {
      type: 'metric',
      x: 12, y: 0, width: 12, height: 6,
      properties: {
        title: 'Gateway 401 / 403 / 5xx',
        region: props.region,
        view: 'timeSeries',
        period: 300,
        metrics: [metric('unauthorized-401', '401'), metric('forbidden-403', '403'), metric('server-errors-5xx', '5xx')],
      },
    },
    {
      type: 'metric',
      x: 0, y: 6, width: 12, height: 6,
      properties: {
        title: 'Latency (p50 / p99) and integration latency',
        region: props.region,
        view: 'timeSeries',
        period: 300,
        metrics: [api('Latency', 'p50', 'latency p50'), api('Latency', 'p99', 'latency p99'), api('IntegrationLatency', 'p99', 'integration p99')],
      },
    },
    {
      type: 'metric',
      x: 12, y: 6, width: 12, height: 6,
      properties: {
        title: 'Requests and error rates',
        region: props.region,
        view: 'timeSeries',
        period: 300,
        metrics: [api('Count', 'Sum', 'requests'), api('4xx', 'Sum', '4xx'), api('5xx', 'Sum', '5xx')],
      },
    },
  ];
  if (eventsLogGroupName && metrics['okta-mfa-failures']) {
    widgets.push(
      {
        type: 'metric',
        x: 0, y: 12, width: 12, height: 6,
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
        x: 12, y: 12, width: 12, height: 6,
        properties: {
          title: 'Okta security events by type',
          region: props.region,
          view: 'table',
          query: `SOURCE '${eventsLogGroupName}' | stats count(*) as events by detail.eventType, detail.outcome.result | sort events desc | limit 50`,
        },
      },
    );
  }
  return { widgets };
}

function validate(props: AuditTrailProps): void {
  const fail = (prop: string, value: unknown, allowed: string) => {
    throw new Error(`AuditTrail '${props.name}': ${prop} = ${JSON.stringify(value)} is invalid: ${allowed}`);
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
  }
  for (const t of [OKTA_MFA_VERIFY_EVENT, OKTA_SIGN_ON_POLICY_EVENT]) {
    const why = eventTypeProblem(t);
    if (why) fail('metric filter eventType', t, why);
  }
  const source = props.oktaEventSourceName;
  const why = source && !Token.isUnresolved(source) ? partnerEventSourceNameProblem(source) : undefined;
  if (why) fail('oktaEventSourceName', source, why);
}
