/**
 * The audit trail of a synthesized stack as a reader asks about it: which events reach whom. The Okta System
 * Log streams into EventBridge (okta_log_stream); EventBridge rules match event types and send them to an SNS
 * topic (an alert) and a log group; CloudWatch alarms on metrics (the gateway's 401/403/5xx, Okta failures)
 * notify topics; topics deliver to their subscriptions. Read once per StackModel.
 */
import { attr, isObject, num, str, stringList, type Json } from './json';
import type { StackModel, TfResource } from './model';
import { Labels } from './labels';

export interface Subscription {
  /** email, https, sqs, lambda, ... */
  readonly protocol: string;
  readonly endpoint: string;
}

export interface AlertTopic {
  readonly resource: TfResource;
  readonly name: string;
  /** The KMS key the topic is encrypted with, as written. */
  readonly kmsKey?: string;
  readonly subscriptions: readonly Subscription[];
}

export interface EventRule {
  readonly resource: TfResource;
  readonly name: string;
  readonly description?: string;
  /** Okta event types the pattern matches (detail.eventType). */
  readonly eventTypes: readonly string[];
  /** Outcomes it narrows to (detail.outcome.result), and the actor logins (detail.actor.alternateId). */
  readonly outcomes: readonly string[];
  readonly actors: readonly string[];
  /** Topics its targets publish to (alerts), and log groups they write to. */
  readonly topics: readonly AlertTopic[];
  readonly logGroups: readonly string[];
}

export interface Alarm {
  readonly resource: TfResource;
  readonly name: string;
  readonly description?: string;
  readonly metric: string;
  readonly threshold?: number;
  readonly periodSeconds?: number;
  readonly topics: readonly AlertTopic[];
}

export interface AuditTrail {
  /** The Okta System Log stream (okta_log_stream), when the stack has one. */
  readonly logStream?: { readonly name: string; readonly type: string; readonly status: string };
  readonly eventRules: readonly EventRule[];
  readonly alarms: readonly Alarm[];
  readonly topics: readonly AlertTopic[];
}

const cache = new WeakMap<StackModel, AuditTrail>();

/** The audit trail of a stack, read once. */
export function auditTrailOf(model: StackModel): AuditTrail {
  let trail = cache.get(model);
  if (!trail) cache.set(model, (trail = read(model)));
  return trail;
}

function read(model: StackModel): AuditTrail {
  const labels = new Labels(model);
  const topics = model.resources('aws_sns_topic').map((t) => ({
    resource: t,
    name: str(t.attrs.name) ?? labels.of(t),
    kmsKey: str(t.attrs.kms_master_key_id),
    subscriptions: model.referrers('aws_sns_topic_subscription', 'topic_arn', t).map((s) => ({
      protocol: str(s.attrs.protocol) ?? '',
      endpoint: str(s.attrs.endpoint) ?? '',
    })),
  }));
  const topicOf = (v: Json | undefined) => {
    const target = model.resolve(v)?.target;
    return topics.find((t) => t.resource === target);
  };
  const eventRules = model.resources('aws_cloudwatch_event_rule').map((r) => {
    const pattern = parse(str(r.attrs.event_pattern));
    const targets = model.referrers('aws_cloudwatch_event_target', 'rule', r);
    const logGroups = targets.flatMap((t) => {
      const target = model.resolve(t.attrs.arn)?.target;
      return target?.type === 'aws_cloudwatch_log_group' ? [str(target.attrs.name) ?? labels.of(target)] : [];
    });
    return {
      resource: r,
      name: str(r.attrs.name) ?? labels.of(r),
      description: str(r.attrs.description),
      eventTypes: stringList(attr(pattern, 'detail', 'eventType')),
      outcomes: stringList(attr(pattern, 'detail', 'outcome', 'result')),
      actors: stringList(attr(pattern, 'detail', 'actor', 'alternateId')),
      topics: targets.flatMap((t) => topicOf(t.attrs.arn) ?? []),
      logGroups,
    };
  });
  const alarms = model.resources('aws_cloudwatch_metric_alarm').map((a) => ({
    resource: a,
    name: str(a.attrs.alarm_name) ?? labels.of(a),
    description: str(a.attrs.alarm_description),
    metric: str(a.attrs.metric_name) ?? '',
    threshold: num(a.attrs.threshold),
    periodSeconds: num(a.attrs.period),
    topics: stringList(a.attrs.alarm_actions).flatMap((v) => topicOf(v) ?? []),
  }));
  const stream = model.resources('okta_log_stream')[0];
  return {
    logStream: stream && {
      name: str(stream.attrs.name) ?? labels.of(stream),
      type: str(stream.attrs.type) ?? '',
      status: str(stream.attrs.status) ?? '',
    },
    eventRules,
    alarms,
    topics,
  };
}

function parse(text: string | undefined): { readonly [key: string]: Json } {
  if (!text) return {};
  try {
    const v = JSON.parse(text) as Json;
    return isObject(v) ? v : {};
  } catch {
    return {};
  }
}
