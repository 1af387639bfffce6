import { defineRule, NOT_APPLICABLE, verdict, type RuleFinding } from '../rule';
import { attr, stringList } from '../../synthesized/model';
import { accessLogGroups, isProd, str } from '../../synthesized/facts';

/** Status codes a prod gateway must alarm on, and how a metric filter pattern names them. */
const WATCHED = [
  { status: '401', meaning: 'failed token validation' },
  { status: '403', meaning: 'missing scope' },
];

export default defineRule({
  id: 'AU-02',
  name: 'prod-gateway-auth-alarms',
  severity: 'error',
  title: 'Prod alarms on spikes of 401 and 403 at the gateway, and the alarms notify someone',
  why:
    'A burst of 401s is token stuffing or a broken client; a burst of 403s is someone probing ' +
    'routes above their role. Access logs alone record it; only an alarm makes someone look.',
  source: 'OWASP API Top 10 2023 API9; AWS docs: Creating metric filters from log events',
  fix: 'Set audit.alarmThresholds (and audit.alerts) in the prod config.',
  check: (stack) => {
    if (!isProd(stack)) return NOT_APPLICABLE;
    const accessLogs = accessLogGroups(stack);
    if (accessLogs.length === 0) return NOT_APPLICABLE; // GW-07 reports a stage without access logs
    const findings: RuleFinding[] = [];
    for (const group of accessLogs) {
      const filters = stack.referrers('aws_cloudwatch_log_metric_filter', 'log_group_name', group);
      for (const { status, meaning } of WATCHED) {
        const filter = filters.find(
          (f) =>
            (str(f.attrs.pattern) ?? '').includes(`"${status}"`) ||
            (str(f.attrs.pattern) ?? '').includes(`= ${status}`),
        );
        if (!filter) {
          findings.push({
            address: group.address,
            message: `no metric filter counts ${status}s (${meaning}) in this access log`,
          });
          continue;
        }
        const metric = attr(filter.attrs, 'metric_transformation');
        const name = str(attr(filter.attrs, 'metric_transformation', 'name'));
        const namespace = str(attr(filter.attrs, 'metric_transformation', 'namespace'));
        const alarms = stack
          .resources('aws_cloudwatch_metric_alarm')
          .filter((a) => metric !== undefined && a.attrs.metric_name === name && a.attrs.namespace === namespace);
        if (alarms.length === 0)
          findings.push({ address: filter.address, message: `no alarm on the ${status} metric ${namespace}/${name}` });
        for (const a of alarms) {
          if (stringList(a.attrs.alarm_actions).length === 0)
            findings.push({ address: a.address, message: `the ${status} alarm notifies nobody (no alarm_actions)` });
        }
      }
    }
    return verdict(findings);
  },
});
