/**
 * behavior-missing / behavior-inactive (blocker): the stack looks behaviours up by name (data okta_behavior)
 * and the provider takes the first result of a substring search, warning only when the name differs (okta
 * provider v4.20.0 okta/data_source_okta_behavior.go:62-73): an absent behaviour fails the plan, a partial
 * match quietly puts another behaviour in the global session rule, an inactive one never fires.
 */
import type { Finding } from '../findings';
import type { Check } from './context';

export const behaviors: Check = async ({ org, model }) => {
  const names = model
    .resources('okta_behavior')
    .filter((r) => r.mode === 'data')
    .map((r) => r.attrs.name)
    .filter((n): n is string => typeof n === 'string');
  if (names.length === 0) return { findings: [] };
  const all = await org.behaviors();
  const findings: Finding[] = [];
  for (const name of [...new Set(names)].sort()) {
    const exact = all.find((b) => b.name === name);
    if (exact) {
      if (exact.status !== 'ACTIVE')
        findings.push({
          kind: 'behavior-inactive',
          severity: 'blocker',
          subject: { type: 'behavior', name, id: exact.id },
          message:
            `the stack's global session rules react to "${name}", which is ${exact.status} in the org: it is never ` +
            'detected, so the rule never fires. Activate it (Security > Behavior Detection) before the apply',
        });
      continue;
    }
    const partial = all.find((b) => b.name.toLowerCase().includes(name.toLowerCase()));
    findings.push({
      kind: 'behavior-missing',
      severity: 'blocker',
      subject: partial ? { type: 'behavior', name: partial.name, id: partial.id } : { type: 'behavior', name },
      message: partial
        ? `the stack looks up the behaviour "${name}", which the org does not have; the lookup would take ` +
          `"${partial.name}" instead (a substring match), silently. Create "${name}" or fix the name in config`
        : `the stack looks up the behaviour "${name}", which the org does not have: the plan fails. Create it ` +
          '(Security > Behavior Detection) or fix the name in config',
    });
  }
  return { findings };
};
