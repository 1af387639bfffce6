import { defineRule, NOT_APPLICABLE, verdict, type RuleFinding } from '../rule';
import { stringList } from '../../synthesized/model';
import { num, priorityGroups } from '../../synthesized/facts';

export default defineRule({
  id: 'OK-15',
  name: 'priority-depends-on-chain',
  severity: 'warning',
  title: 'Each prioritised Okta rule depends on the one before it',
  why:
    'Terraform creates siblings in parallel; Okta then assigns ' +
    'priorities in arrival order and the plan drifts until the next apply.',
  source: 'okta provider docs: priority (create rules sequentially with depends_on)',
  fix: 'Chain rule n to rule n-1 with depends_on (the constructs do this).',
  check: (stack) => {
    const groups = priorityGroups(stack).filter((g) => g.members.length > 1);
    if (groups.length === 0) return NOT_APPLICABLE;
    const findings: RuleFinding[] = [];
    for (const g of groups) {
      const byPriority = new Map(g.members.map((r) => [num(r.attrs.priority), r]));
      for (const r of g.members) {
        const p = num(r.attrs.priority);
        const previous = p !== undefined ? byPriority.get(p - 1) : undefined;
        if (previous && !stringList(r.attrs.depends_on).includes(previous.address)) {
          findings.push({
            address: r.address,
            message: `priority ${p} does not depend_on ${previous.address} (priority ${p! - 1})`,
          });
        }
      }
    }
    return verdict(findings);
  },
});
