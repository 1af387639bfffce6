import { defineRule, each, NOT_APPLICABLE, on } from '../rule';
import { accessLogGroups, isProd } from '../../synthesized/facts';

export default defineRule({
  id: 'GW-10',
  name: 'access-log-kms',
  severity: 'error',
  title: 'In prod the access-log group is encrypted with a KMS key',
  why:
    'Access logs carry caller IPs, subjects and client ids; a ' +
    'customer-managed key lets you control and audit who can read them.',
  source: 'CKV_AWS_158 (CloudWatch log group encrypted by KMS)',
  fix: 'Set gateway.logKmsKeyArn in the prod config (the key policy must allow logs.<region>.amazonaws.com).',
  check: (stack) => {
    if (!isProd(stack)) return NOT_APPLICABLE;
    return each(accessLogGroups(stack), (group) =>
      group.attrs.kms_key_id ? undefined : on(group, 'the prod access-log group has no kms_key_id'),
    );
  },
});
