import { defineRule, each, on } from '../rule';
import { accessLogGroups, isProd, num } from '../../synthesized/facts';

export default defineRule({
  id: 'GW-09',
  name: 'access-log-retention',
  severity: 'error',
  title: 'The access-log group has a retention, at least 365 days in prod',
  why:
    'Without a retention logs are kept (and paid for) forever; in prod an incident ' +
    'is often found months later, and a year of access logs is what audits ask for.',
  source: 'CKV_AWS_338 (CloudWatch log group retention at least 1 year)',
  fix: 'Set gateway.logRetentionDays (365 or more in prod).',
  check: (stack) => {
    return each(accessLogGroups(stack), (group) => {
      const days = num(group.attrs.retention_in_days);
      if (days === undefined || days === 0) return on(group, 'the access-log group has no retention (kept forever)');
      if (isProd(stack) && days < 365)
        return on(group, `retention is ${days} days; prod keeps access logs at least 365 days`);
      return undefined;
    });
  },
});
