import { defineRule, NOT_APPLICABLE, verdict, type RuleFinding } from '../rule';
import { num, priorityGroups } from '../../synthesized/facts';

export default defineRule({
  id: 'OK-14',
  name: 'priorities-contiguous',
  severity: 'error',
  title: 'Okta policy and rule priorities are set, unique and contiguous from 1',
  why:
    'Okta renumbers gaps and duplicates on its side: the plan never converges ' +
    'and rules silently change order (a deny rule can end up after an allow).',
  source: 'okta provider issues on priority drift; Okta docs: Policy and rule priority',
  fix: 'Number the policies and rules 1..n in order (the constructs do this from the config order).',
  check: (stack) => {
    const groups = priorityGroups(stack);
    if (groups.length === 0) return NOT_APPLICABLE;
    const findings: RuleFinding[] = [];
    for (const g of groups) {
      const seen = new Map<number, string>();
      for (const r of g.members) {
        const p = num(r.attrs.priority);
        if (p === undefined) findings.push({ address: r.address, message: 'priority is not set' });
        else if (seen.has(p))
          findings.push({ address: r.address, message: `priority ${p} is also used by ${seen.get(p)}` });
        else seen.set(p, r.address);
      }
      const sorted = [...seen.keys()].sort((a, b) => a - b);
      sorted.forEach((p, i) => {
        if (p !== i + 1)
          findings.push({ address: seen.get(p)!, message: `priority ${p} where ${i + 1} was expected (${g.label})` });
      });
    }
    return verdict(findings);
  },
});
