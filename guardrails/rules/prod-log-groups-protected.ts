import { defineRule, each, NOT_APPLICABLE, on } from '../rule';
import { isProd, num } from '../../synthesized/facts';

export default defineRule({
  id: 'AU-03',
  name: 'prod-log-groups-protected',
  severity: 'error',
  title: 'In prod every log group (access, handler, Okta events) keeps a year and is encrypted with a KMS key',
  why:
    'The audit trail is evidence: a log group that expires in weeks or that ' +
    'anyone with logs:Get* can read does not survive an incident review.',
  source: 'CKV_AWS_158, CKV_AWS_338 (CloudWatch log group KMS and retention >= 1 year)',
  fix: 'Set gateway.logKmsKeyArn / audit.logKmsKeyArn and retentions of at least 365 days in the prod config.',
  check: (stack) => {
    if (!isProd(stack)) return NOT_APPLICABLE;
    return each(stack.resources('aws_cloudwatch_log_group'), (g) => {
      const days = num(g.attrs.retention_in_days);
      if (!g.attrs.kms_key_id) return on(g, 'prod log group without kms_key_id');
      if (days === undefined || days === 0 || days < 365)
        return on(
          g,
          `prod log group keeps ${days ?? 'forever (no retention)'} ` +
            `days; at least 365 (and a finite value) is required`,
        );
      return undefined;
    });
  },
});
