/**
 * Config to the audit trail: where the Okta System Log comes from (a log stream this stack creates, or a
 * partner event source someone else runs), and the trail's retention, keys, alerts, thresholds and watches.
 */
import type { ITerraformDependable } from 'cdktf';
import type { EnvironmentConfig } from '../../config/schema';
import type { AuditConfig } from '../../config/audit';
import { breakGlassWatch, OKTA_EVENT_WATCHES, type AuditTrailProps } from '../../constructs/aws/audit-trail';
import type { IAccessLoggedHttpApi } from '../../constructs/aws/jwt-http-api';
import type { OktaEventBridgeLogStreamProps } from '../../constructs/okta/log-stream';
import { defaultEventSourceName } from '../../domain/okta/event-source-name';
import { partitionOf } from '../../domain/aws';

/**
 * The log stream this stack creates (managed Okta org), but for the account it streams into (the stack's
 * own, a reference the stack reads); undefined when the config names a partner event source or streams nothing.
 */
export function logStreamProps(
  audit: AuditConfig,
  config: EnvironmentConfig,
  stackId: string,
): Omit<OktaEventBridgeLogStreamProps, 'accountId'> | undefined {
  const stream = audit.oktaLogStream;
  if (!stream || 'partnerEventSourceName' in stream) return undefined;
  return {
    name: `${stackId} system log`,
    orgName: config.okta.orgName,
    region: config.aws.region,
    eventSourceName: stream.eventSourceName ?? defaultEventSourceName(stackId),
  };
}

/** Where the trail's Okta events come from: a stream's partner event source, and what the bus waits for. */
export interface OktaEventSource {
  readonly name: string;
  readonly dependsOn: readonly ITerraformDependable[];
}

/** The partner event source an external org's stream writes to, from config. */
export function partnerEventSource(audit: AuditConfig): OktaEventSource | undefined {
  const stream = audit.oktaLogStream;
  return stream && 'partnerEventSourceName' in stream
    ? { name: stream.partnerEventSourceName, dependsOn: [] }
    : undefined;
}

/** The audit trail of the stack; break-glass sign-ins are watched where the admin surfaces name them. */
export function auditTrailProps(
  config: EnvironmentConfig,
  audit: AuditConfig,
  stackId: string,
  api: IAccessLoggedHttpApi,
  source: OktaEventSource | undefined,
): AuditTrailProps {
  const identity = config.identity;
  const breakGlass = identity.mode === 'managed' ? identity.mfa?.adminSurfaces?.breakGlass : undefined;
  return {
    name: stackId,
    region: config.aws.region,
    accountIds: config.aws.allowedAccountIds,
    partition: partitionOf(config.aws.region),
    oktaEventSourceName: source?.name,
    oktaEventSourceDependsOn: source?.dependsOn ?? [],
    api,
    logRetentionDays: audit.logRetentionDays,
    logKmsKeyArn: audit.logKmsKeyArn,
    alertTopicKmsKeyArn: audit.alerts.topicKmsKeyArn,
    alertEmails: audit.alerts.emails,
    thresholds: audit.alarmThresholds,
    oktaEventWatches: breakGlass ? [...OKTA_EVENT_WATCHES, breakGlassWatch(breakGlass.members)] : undefined,
  };
}
