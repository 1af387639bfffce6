import { defineRule, NOT_APPLICABLE, verdict, type RuleFinding } from '../rule';
import { isProd, str } from '../../synthesized/facts';

const OKTA_SOURCE = /^aws\.partner\/okta\.com\/[^/]+\/[^/]+$/;

export default defineRule({
  id: 'AU-01',
  name: 'prod-okta-log-stream',
  severity: 'error',
  title: 'Prod streams the Okta System Log to an EventBridge bus with rules on it',
  why:
    'Without the stream, failed MFA, factor resets, lockouts, ThreatInsight detections and policy ' +
    'changes in the prod org are seen by nobody until someone thinks to search the Okta console.',
  source:
    'Okta docs: Add an AWS EventBridge log stream; OWASP API Top 10 2023 API9 (improper inventory and monitoring)',
  fix:
    'Set audit.oktaLogStream in the prod config ({} when this stack runs ' +
    'the Okta org; { partnerEventSourceName } when another team does).',
  check: (stack) => {
    if (!isProd(stack)) return NOT_APPLICABLE;
    const findings: RuleFinding[] = [];
    const buses = stack
      .resources('aws_cloudwatch_event_bus')
      .filter((b) => OKTA_SOURCE.test(str(b.attrs.event_source_name) ?? ''));
    if (buses.length === 0) {
      findings.push({
        address: stack.stackName,
        message: 'no event bus on an Okta partner event source (aws.partner/okta.com/<org>/<name>)',
      });
    }
    for (const bus of buses) {
      const rules = stack.referrers('aws_cloudwatch_event_rule', 'event_bus_name', bus);
      if (rules.length === 0)
        findings.push({
          address: bus.address,
          message: 'the Okta event bus has no rules: events arrive and are dropped',
        });
    }
    // When this stack runs the Okta org it must create the stream itself.
    if (stack.providers('okta').length > 0) {
      const streams = stack
        .resources('okta_log_stream')
        .filter((s) => s.attrs.type === 'aws_eventbridge' && s.attrs.status !== 'INACTIVE');
      if (streams.length === 0)
        findings.push({
          address: stack.stackName,
          message: 'the stack manages the Okta org but has no active okta_log_stream of type aws_eventbridge',
        });
    }
    return verdict(findings);
  },
});
