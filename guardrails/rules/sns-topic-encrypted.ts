import { defineRule, each, on } from '../rule';
import { str } from '../../synthesized/facts';

export default defineRule({
  id: 'GW-20',
  name: 'sns-topic-encrypted',
  severity: 'error',
  title: 'SNS topics are encrypted with a customer-managed KMS key (not alias/aws/sns)',
  why:
    'Alert topics carry user names, IPs and event details. The AWS-managed key cannot grant CloudWatch ' +
    'or EventBridge access, so alarms published to a topic encrypted with it are silently dropped.',
  source:
    'CKV_AWS_26 (SNS topic encrypted); AWS docs: SNS server-side encryption with CloudWatch alarms and EventBridge',
  fix:
    'Set kms_master_key_id to a customer-managed key whose policy ' +
    'lets cloudwatch.amazonaws.com and events.amazonaws.com use it.',
  check: (stack) =>
    each(stack.resources('aws_sns_topic'), (t) => {
      const key = str(t.attrs.kms_master_key_id);
      if (!key) return on(t, 'the topic is not encrypted (no kms_master_key_id)');
      return key === 'alias/aws/sns' || key.endsWith(':alias/aws/sns')
        ? on(t, 'encrypted with the AWS-managed key: CloudWatch alarms and EventBridge cannot publish to it')
        : undefined;
    }),
});
