import { defineRule, each, on } from '../rule';
import { num } from '../../synthesized/facts';

export default defineRule({
  id: 'GW-19',
  name: 'log-group-retention',
  severity: 'warning',
  title: 'Every CloudWatch log group sets a retention',
  why:
    'Log groups without a retention keep everything forever: cost ' +
    'grows without bound and old personal data is never deleted.',
  source: 'CKV_AWS_338; AWS docs: Change log data retention in CloudWatch Logs',
  fix: 'Set retention_in_days (gateway.logRetentionDays applies to the access logs and the handlers).',
  check: (stack) =>
    each(stack.resources('aws_cloudwatch_log_group'), (g) => {
      const days = num(g.attrs.retention_in_days);
      return days === undefined || days === 0 ? on(g, 'no retention: logs are kept forever') : undefined;
    }),
});
