import { defineRule, each, NOT_APPLICABLE, on } from '../rule';
import { attr, type TfResource } from '../model';
import { isProd, target } from '../facts';

export default defineRule({
  id: 'GW-10',
  name: 'access-log-kms',
  severity: 'error',
  title: 'In prod the access-log group is encrypted with a KMS key',
  why: 'Access logs carry caller IPs, subjects and client ids; a customer-managed key lets you control and audit who can read them.',
  source: 'CKV_AWS_158 (CloudWatch log group encrypted by KMS)',
  fix: 'Set gateway.logKmsKeyArn in the prod config (the key policy must allow logs.<region>.amazonaws.com).',
  check: (stack) => {
    if (!isProd(stack)) return NOT_APPLICABLE;
    const groups = stack
      .resources('aws_apigatewayv2_stage')
      .map((s) => target(stack, attr(s.attrs, 'access_log_settings', 'destination_arn'), 'aws_cloudwatch_log_group'))
      .filter((g): g is TfResource => g !== undefined);
    return each([...new Set(groups)], (group) => (group.attrs.kms_key_id ? undefined : on(group, 'the prod access-log group has no kms_key_id')));
  },
});
