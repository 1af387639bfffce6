/**
 * The audit trail: prod streams the Okta System Log and alarms, encrypted and kept a year; a managed org
 * creates its own log stream (in a region Okta streams to), an external one names the partner source.
 */
import { OKTA_EVENTBRIDGE_REGIONS } from '../../domain/okta/eventbridge-regions';
import type { EnvironmentConfig } from '../schema';
import type { Report } from './rule';

export function auditRules(c: EnvironmentConfig, report: Report): void {
  const isProd = c.environment === 'prod';
  const audit = c.audit;
  if (!audit) {
    if (isProd) report(['audit'], 'prod streams the Okta System Log and alarms on 401/403 spikes: configure audit');
    return;
  }
  const stream = audit.oktaLogStream;
  if (stream && 'partnerEventSourceName' in stream && c.identity.mode === 'managed') {
    report(
      ['audit', 'oktaLogStream', 'partnerEventSourceName'],
      'this stack runs the Okta org and creates the log stream itself: ' +
        "give { eventSourceName } (or {} for the stack name with '-' as '_')",
    );
  }
  if (stream && !('partnerEventSourceName' in stream) && c.identity.mode === 'external') {
    report(
      ['audit', 'oktaLogStream'],
      'the Okta org is run elsewhere: give the partnerEventSourceName of its EventBridge log stream',
    );
  }
  if (stream && c.identity.mode === 'managed' && !OKTA_EVENTBRIDGE_REGIONS.includes(c.aws.region)) {
    report(
      ['aws', 'region'],
      `Okta streams the System Log to EventBridge only in ${OKTA_EVENTBRIDGE_REGIONS.join(', ')}`,
    );
  }
  if (isProd) {
    if (!stream) report(['audit', 'oktaLogStream'], 'prod streams the Okta System Log to EventBridge');
    if (!audit.logKmsKeyArn)
      report(['audit', 'logKmsKeyArn'], 'prod encrypts the Okta events log group with a KMS key');
    if (audit.logRetentionDays < 365) report(['audit', 'logRetentionDays'], 'prod keeps Okta events at least 365 days');
  }
}
