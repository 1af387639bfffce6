/**
 * Access policies of the authorization server: clients that are declared apps, rule names once, scopes the
 * server defines, declared groups, grants some client of the policy uses, and refresh tokens with a finite
 * lifetime and idle window that the okta provider accepts.
 */
import { SYSTEM_SCOPES } from '../../domain/oauth-clients';
import { unknownGroupMessage } from '../../domain/okta/rollout-rules';
import { tokenLifetimeProblems } from '../../domain/okta/token-lifetimes';
import type { AccessPolicyConfig, EnvironmentConfig, ManagedIdentity } from '../schema';
import { duplicates, type Path, type Report } from './rule';
import { groupKeysOf, managed } from './identity';

export function accessPolicyRules(c: EnvironmentConfig, report: Report): void {
  const id = managed(c);
  if (!id) return;
  const appKeys = id.apps.map((a) => a.key);
  id.accessPolicies.forEach((pol, i) => {
    const p: Path = ['identity', 'accessPolicies', i];
    pol.clients.forEach((k, j) => {
      if (!appKeys.includes(k))
        report([...p, 'clients', j], `unknown app; declared: ${appKeys.join(', ') || '(none)'}`);
    });
    duplicates(pol.rules.map((r) => r.name)).forEach((j) =>
      report([...p, 'rules', j, 'name'], 'rule names must be unique within a policy'),
    );
    pol.rules.forEach((rule, j) => ruleRules(id, pol, rule, [...p, 'rules', j], report));
  });
}

type RuleConfig = AccessPolicyConfig['rules'][number];

function ruleRules(id: ManagedIdentity, pol: AccessPolicyConfig, rule: RuleConfig, rp: Path, report: Report): void {
  const groups = groupKeysOf(id);
  const clients = id.apps.filter((a) => pol.clients.includes(a.key));
  rule.scopes.forEach((s, k) => {
    if (!id.scopes.some((x) => x.name === s) && !SYSTEM_SCOPES.includes(s)) {
      report(
        [...rp, 'scopes', k],
        `no such scope on the authorization server; defined: ` +
          `${id.scopes.map((x) => x.name).join(', ')} (and the OpenID scopes ` +
          `${SYSTEM_SCOPES.join(', ')})`,
      );
    }
  });
  rule.groups.forEach((g, k) => {
    if (!groups.has(g)) report([...rp, 'groups', k], unknownGroupMessage(groups));
  });
  rule.grantTypes.forEach((g, k) => {
    if (!clients.some((a) => a.grantTypes.includes(g))) {
      report([...rp, 'grantTypes', k], `no client of this policy (${pol.clients.join(', ')}) uses ${g}`);
    }
  });
  if (rule.grantTypes.includes('refresh_token')) {
    if (rule.refreshTokenLifetimeMinutes === undefined)
      report(
        [...rp, 'refreshTokenLifetimeMinutes'],
        'a rule that issues refresh tokens sets a finite refresh token lifetime',
      );
    if (rule.refreshTokenWindowMinutes === undefined)
      report(
        [...rp, 'refreshTokenWindowMinutes'],
        'a rule that issues refresh tokens sets a refresh token window (idle expiry)',
      );
    if (rule.refreshTokenWindowMinutes !== undefined) {
      tokenLifetimeProblems(rule.name, rule).forEach((pr) => report([...rp, pr.field], pr.message));
    }
  } else if (rule.refreshTokenLifetimeMinutes !== undefined || rule.refreshTokenWindowMinutes !== undefined) {
    report([...rp, 'refreshTokenLifetimeMinutes'], 'refresh token settings need the refresh_token grant in grantTypes');
  }
}
