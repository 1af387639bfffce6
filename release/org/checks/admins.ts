/**
 * The stack's rules on Okta's own admin surfaces (synthesized/read-model.ts `adminSurfaces`), against who
 * really administers the org and how the surfaces' policies are shared:
 *
 * - admin-not-covered (blocker): a user holding an admin role (GET /api/v1/iam/assignees/users; their groups,
 *   GET /api/v1/users/{id}/groups) whom the stack's phishing-resistant Admin Console rule would not match
 *   (they keep signing in under the org's own rules), or who cannot satisfy it with what the enrollment
 *   policy lets them enroll (locked out). Who the rule covers is the read model's answer (`adminConsole.coverage`,
 *   `adminRulesFor`), from the admin's groups that the stack knows; whether they can satisfy it, the simulator's,
 *   in the ordinary context. Break-glass members sign in by their own rule.
 * - admin-policy-shared (blocker): the surface's authentication policy (its app's `_links.accessPolicy`) is
 *   also the policy of other apps, so the stack's admin rules would apply to those apps too.
 */
import { ADMIN_SURFACE_APP_NAMES, type AdminSurface } from '../../../domain/okta/admin-surfaces';
import { ORDINARY } from '../../../simulator/context';
import { weakestSignIn } from '../../../simulator/evaluate';
import { adminRulesFor, EVERYONE, type AdminSurfaceApp } from '../../../synthesized/read-model';
import { mapLimit } from '../api';
import type { Finding } from '../findings';
import { accessPolicyOf } from '../org';
import type { Check } from './context';

const appNameOf = (surface: AdminSurfaceApp): string | undefined =>
  ADMIN_SURFACE_APP_NAMES[surface.key as AdminSurface];

export const adminNotCovered: Check = async ({ org, read }) => {
  const surface = read.adminConsole;
  if (!surface) return { findings: [] };
  const coverage = surface.coverage;
  const known = new Set(read.groups);
  const ids = await org.adminUserIds();
  const verdicts = await mapLimit(ids, 4, async (id) => {
    const groups = (await org.userGroups(id)).map((g) => g.profile?.name).filter((g) => known.has(g));
    const rules = adminRulesFor(coverage, groups);
    // Break-glass signs in by its own rule (the lock-out proof checks it).
    if (rules === 'break-glass') return undefined;
    if (!rules) return { id, groups };
    // The admin rules apply: can they satisfy them with what they may enroll? The simulator answers.
    const outcome = weakestSignIn(read, [...groups, EVERYONE], surface, ORDINARY);
    const matched = outcome.trace.filter((t) => t.stage === 'app sign-on' && t.outcome === 'match').pop();
    const ownRule = surface.rules.find((r) => matched?.subject.endsWith(` / ${read.labels.of(r)}`));
    if (ownRule && outcome.decision === 'allow') return undefined;
    const rule = ownRule ?? surface.adminRules[0];
    return { id, groups, rule: rule && read.labels.of(rule), reason: outcome.reason };
  });
  const ruleGroups = coverage.everyone
    ? `${EVERYONE}${coverage.exempt.length ? ` but ${coverage.exempt.join(', ')}` : ''}`
    : coverage.groups.join(', ') || 'no group';
  const findings: Finding[] = [];
  for (const v of verdicts) {
    if (!v) continue;
    const login = (await org.user(v.id)).profile?.login ?? v.id;
    const where = `the ${surface.label}`;
    findings.push({
      kind: 'admin-not-covered',
      severity: 'blocker',
      subject: { type: 'user', name: login, id: v.id },
      message:
        'rule' in v
          ? `holds an admin role and the stack's rule "${v.rule}" on ${where} applies to them, but they cannot ` +
            `satisfy it with what the enrollment policy lets them enroll (${v.reason}): the first apply locks them ` +
            `out of ${where}. Let them enroll a phishing-resistant authenticator first`
          : `holds an admin role but is in none of the groups the stack's rule on ${where} applies to ` +
            `(${ruleGroups}; their groups the stack knows: ${v.groups.join(', ') || 'none'}): after the first apply ` +
            `they still reach ${where} under the org's own rules, not phishing-resistant. Add them to one of those ` +
            'groups (or take the role away) before the apply',
    });
  }
  return { findings };
};

export const adminPolicyShared: Check = async ({ org, read }) => {
  if (read.adminSurfaces.length === 0) return { findings: [] };
  const apps = await org.apps();
  const policies = await org.policies('ACCESS_POLICY');
  const findings: Finding[] = [];
  for (const surface of read.adminSurfaces) {
    const app = apps.find((a) => a.name === appNameOf(surface));
    const policyId = app && accessPolicyOf(app);
    if (!app || !policyId) continue;
    const sharing = apps.filter((a) => a.id !== app.id && accessPolicyOf(a) === policyId);
    if (sharing.length === 0) continue;
    const names = sharing.map((a) => `"${a.label}" (${a.id})`);
    const policy = policies.find((p) => p.id === policyId);
    findings.push({
      kind: 'admin-policy-shared',
      severity: 'blocker',
      subject: { type: 'policy', name: policy?.name ?? `authentication policy of ${surface.label}`, id: policyId },
      message:
        `the ${surface.label}'s authentication policy is also the policy of ${sharing.length} other app(s): ` +
        `${names.slice(0, 10).join(', ')}${names.length > 10 ? ', ...' : ''}. The stack's admin rules would land on ` +
        `them too. Give the ${surface.label} a policy of its own (or move those apps to another) before the apply`,
    });
  }
  return { findings };
};
